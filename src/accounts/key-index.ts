import { createHash } from 'node:crypto';

/** The index is split by the fingerprint's top byte into this many tables, each grown on its own. */
const TABLES = 256;
const INITIAL_SLOTS = 256;
/** Linear probing stays short below this load; a table doubles when it would pass it. */
const MAX_LOAD = 0.75;
/** A slot: three 32-bit words of fingerprint, then the value. All-zero fingerprint words mark an empty slot. */
const WORDS = 4;

interface Table {
  slots: Uint32Array;
  size: number;
}

/**
 * Which accounts a list has already named, and where first: 104-bit
 * fingerprints of the account keys (96 bits kept in the slot, 8 choosing
 * the table) in flat typed arrays with open addressing, so that a
 * million-row list costs about 30 bytes per account instead of a string key,
 * a Map entry and an object. The index is 256 tables that each double on
 * their own, so growing never holds a second copy of the whole index. Two
 * different keys sharing a fingerprint is out of practical reach (about one
 * chance in 10^19 for a million accounts).
 */
export class KeyIndex {
  private readonly tables: Table[] = Array.from({ length: TABLES }, () => ({ slots: new Uint32Array(INITIAL_SLOTS * WORDS), size: 0 }));

  get(key: string): number | undefined {
    const print = fingerprint(key);
    const table = this.tables[print[3]! & (TABLES - 1)]!;
    const at = find(table.slots, print) * WORDS;
    return isEmpty(table.slots, at) ? undefined : table.slots[at + 3];
  }

  /** Remembers the key with its value (a whole number below 2^32), unless it is already there. */
  set(key: string, value: number): void {
    const print = fingerprint(key);
    const table = this.tables[print[3]! & (TABLES - 1)]!;
    if ((table.size + 1) > (table.slots.length / WORDS) * MAX_LOAD) grow(table);
    insert(table, print, value);
  }
}

function insert(table: Table, print: Uint32Array, value: number): void {
  const at = find(table.slots, print) * WORDS;
  if (!isEmpty(table.slots, at)) return;
  table.slots.set([print[0]!, print[1]!, print[2]!, value], at);
  table.size++;
}

/** The slot holding this fingerprint, or the empty slot where it belongs (linear probing). */
function find(slots: Uint32Array, print: Uint32Array): number {
  const mask = slots.length / WORDS - 1;
  for (let slot = print[0]! & mask; ; slot = (slot + 1) & mask) {
    const at = slot * WORDS;
    if (isEmpty(slots, at) || (slots[at] === print[0] && slots[at + 1] === print[1] && slots[at + 2] === print[2])) return slot;
  }
}

const isEmpty = (slots: Uint32Array, at: number) => slots[at] === 0 && slots[at + 1] === 0 && slots[at + 2] === 0;

function grow(table: Table): void {
  const old = table.slots;
  table.slots = new Uint32Array(old.length * 2);
  table.size = 0;
  for (let at = 0; at < old.length; at += WORDS) {
    if (!isEmpty(old, at)) insert(table, old.subarray(at, at + 3), old[at + 3]!);
  }
}

/** MD5 of the key as four 32-bit words; never all zeros in the three kept, which mark an empty slot. */
function fingerprint(key: string): Uint32Array {
  const digest = createHash('md5').update(key).digest();
  const words = Uint32Array.of(digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12));
  if (words[0] === 0 && words[1] === 0 && words[2] === 0) words[0] = 1;
  return words;
}

import { createHash } from 'node:crypto';

/**
 * Which accounts a list has already named, and where first: a set of
 * 128-bit fingerprints of the account keys in flat typed arrays (open
 * addressing), so that a million-row list costs some 50 bytes per account
 * instead of a string key, a Map entry and an object. Two different keys
 * sharing a 128-bit MD5 fingerprint is out of practical reach (about one
 * chance in 10^26 for a million accounts).
 */
export class KeyIndex {
  private capacity = 1 << 16;
  private size = 0;
  private fingerprints = new BigUint64Array(this.capacity * 2);
  private values = new Float64Array(this.capacity);

  get(key: string): number | undefined {
    const [high, low] = fingerprint(key);
    const slot = this.find(high, low);
    return this.fingerprints[slot * 2] === 0n && this.fingerprints[slot * 2 + 1] === 0n ? undefined : this.values[slot];
  }

  /** Remembers the key with its value, unless it is already there. */
  set(key: string, value: number): void {
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    const [high, low] = fingerprint(key);
    this.insert(high, low, value);
  }

  private insert(high: bigint, low: bigint, value: number): void {
    const slot = this.find(high, low);
    if (this.fingerprints[slot * 2] !== 0n || this.fingerprints[slot * 2 + 1] !== 0n) return;
    this.fingerprints[slot * 2] = high;
    this.fingerprints[slot * 2 + 1] = low;
    this.values[slot] = value;
    this.size++;
  }

  /** The slot holding this fingerprint, or the empty slot where it belongs (linear probing). */
  private find(high: bigint, low: bigint): number {
    const mask = this.capacity - 1;
    for (let slot = Number(low & BigInt(mask)); ; slot = (slot + 1) & mask) {
      const h = this.fingerprints[slot * 2]!;
      const l = this.fingerprints[slot * 2 + 1]!;
      if ((h === 0n && l === 0n) || (h === high && l === low)) return slot;
    }
  }

  private grow(): void {
    const old = { fingerprints: this.fingerprints, values: this.values, capacity: this.capacity };
    this.capacity *= 2;
    this.size = 0;
    this.fingerprints = new BigUint64Array(this.capacity * 2);
    this.values = new Float64Array(this.capacity);
    for (let slot = 0; slot < old.capacity; slot++) {
      const high = old.fingerprints[slot * 2]!;
      const low = old.fingerprints[slot * 2 + 1]!;
      if (high !== 0n || low !== 0n) this.insert(high, low, old.values[slot]!);
    }
  }
}

function fingerprint(key: string): [bigint, bigint] {
  const digest = createHash('md5').update(key).digest();
  const high = digest.readBigUInt64LE(0);
  const low = digest.readBigUInt64LE(8);
  // All zeros marks an empty slot; an MD5 of all zeros is not a real risk, but it must not break the table.
  return high === 0n && low === 0n ? [1n, 0n] : [high, low];
}

import { ListLimitError } from './limits.js';

/** Sector numbers at or above this are markers (free, end of chain, FAT, DIFAT), never a next sector. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const NO_STREAM = 0xffffffff;
const DIRECTORY_ENTRY_BYTES = 128;

/**
 * Refuses a compound file (.xls, WPS .et) whose chains of sectors loop: the
 * file allocation table, the mini table, the DIFAT chain that lists the
 * table, or the directory's tree. One changed byte makes such a loop, and
 * SheetJS, which follows the chains without counting, never comes back from
 * it. Each chain is walked once (every sector is visited at most twice in
 * all), so the check is linear in the file's size. Anything else damaged is
 * left to SheetJS to say.
 */
export function refuseCompoundLoops(bytes: Buffer): void {
  if (bytes.length < 512) return;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return;
  const sectorBytes = 1 << shift;
  const sectors = Math.floor((bytes.length - sectorBytes) / sectorBytes);
  const sector = (n: number) => bytes.subarray((n + 1) * sectorBytes, (n + 2) * sectorBytes);
  const fat = allocationTable(bytes, sector, sectors, sectorBytes);
  refuseCycles(fat, sectors);
  const chain = (start: number) => walk(start, (n) => fat[n], sectors);
  // The mini table is a chain of sectors of its own, and a table of chains in its turn.
  const miniTable = chain(bytes.readUInt32LE(0x3c)).flatMap((n) => words(sector(n)));
  refuseCycles(miniTable, miniTable.length);
  refuseTreeLoops(chain(bytes.readUInt32LE(0x30)).map(sector));
}

const words = (buffer: Buffer): number[] => Array.from({ length: buffer.length >> 2 }, (_, i) => buffer.readUInt32LE(i * 4));

/** The FAT, gathered from the sectors the header and the DIFAT chain name. */
function allocationTable(bytes: Buffer, sector: (n: number) => Buffer, sectors: number, sectorBytes: number): number[] {
  const fatSectors = words(bytes.subarray(0x4c, 0x200));
  const perDifat = sectorBytes / 4 - 1;
  const seen = new Set<number>();
  for (let next = bytes.readUInt32LE(0x44); next < sectors; ) {
    if (seen.has(next)) throw new ListLimitError('cfb-loop', 0);
    seen.add(next);
    const entries = words(sector(next));
    fatSectors.push(...entries.slice(0, perDifat));
    next = entries[perDifat] ?? NO_STREAM;
  }
  return fatSectors.filter((n) => n < sectors).flatMap((n) => words(sector(n)));
}

/** A chain's sectors from `start`; the tables are free of cycles by then. */
function walk(start: number, next: (n: number) => number | undefined, limit: number): number[] {
  const chain: number[] = [];
  for (let n = start; n < MAX_REGULAR_SECTOR && n < limit && chain.length <= limit; n = next(n) ?? NO_STREAM) chain.push(n);
  return chain;
}

/**
 * Whether following `table` from any entry ever comes back to where it has
 * been: each entry is marked while its chain is followed and once it is
 * known to end, so no entry is followed twice.
 */
function refuseCycles(table: readonly number[], size: number): void {
  const state = new Uint8Array(size);
  const path: number[] = [];
  for (let start = 0; start < size; start++) {
    for (let n = start; n < size && n < MAX_REGULAR_SECTOR && state[n] !== 2; n = table[n] ?? NO_STREAM) {
      if (state[n] === 1) throw new ListLimitError('cfb-loop', 0);
      state[n] = 1;
      path.push(n);
    }
    for (const n of path) state[n] = 2;
    path.length = 0;
  }
}

/** The directory's entries form a tree (siblings left and right, a child): none is reached twice. */
function refuseTreeLoops(directorySectors: readonly Buffer[]): void {
  const directory = Buffer.concat(directorySectors);
  const count = Math.floor(directory.length / DIRECTORY_ENTRY_BYTES);
  const reached = new Uint8Array(count);
  const pending = [0];
  while (pending.length) {
    const n = pending.pop()!;
    if (n >= count) continue;
    if (reached[n]) throw new ListLimitError('cfb-loop', 0);
    reached[n] = 1;
    const at = n * DIRECTORY_ENTRY_BYTES;
    for (const field of [0x44, 0x48, 0x4c]) {
      const link = directory.readUInt32LE(at + field);
      if (link !== NO_STREAM) pending.push(link);
    }
  }
}

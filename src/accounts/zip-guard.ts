import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { LIMIT_VARIABLES, ListLimitError, type ListLimits } from './limits.js';

/** One entry of a zip's central directory, as far as the limits need it. */
export interface ZipEntryInfo {
  name: string;
  /** Where its local header starts. */
  offset: number;
  /** Where its stored bytes start (after the local header) and end. */
  dataStart: number;
  compressedSize: number;
  /** The size it says it inflates to. */
  size: number;
  /** 0 stored, 8 deflated. */
  method: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end-of-directory record (22 bytes) and the longest comment it may carry. */
const TAIL_BYTES = 22 + 0xffff;
const MAX32 = 0xffffffff;

/**
 * A zip's entries read from its central directory, before any library opens
 * it, and refused when they are too many, when two share bytes (the
 * "overlapping" zip bomb, whose entries all inflate one small kernel), or
 * when what they say they inflate to passes the limits. Undefined when the
 * file has no central directory (a damaged copy: the readers say so).
 */
export function inspectZip(file: string, limits: ListLimits): ZipEntryInfo[] | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const directory = centralDirectory(fd, size);
    if (!directory) return undefined;
    if (directory.entries > limits.maxZipEntries) throw new ListLimitError('zip-entries', limits.maxZipEntries);
    // A directory larger than its entries could need (46 bytes and a name of at most 64 KiB each, twice over for extras) is no honest one.
    if (directory.size > directory.entries * 3 * (46 + 0xffff) || directory.offset + directory.size > size) return undefined;
    const entries = readEntries(fd, directory, size);
    refuseOverlaps(entries);
    let total = 0;
    for (const entry of entries) {
      if (entry.size > limits.maxPartBytes) throw new ListLimitError('part', limits.maxPartBytes, LIMIT_VARIABLES.maxPartBytes);
      total += entry.size;
      if (total > limits.maxUnzippedBytes) throw new ListLimitError('unzipped', limits.maxUnzippedBytes, LIMIT_VARIABLES.maxUnzippedBytes);
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

function read(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  const got = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, got);
}

/** Where the central directory lies and how many entries it lists (zip64 included). */
function centralDirectory(fd: number, size: number): { entries: number; size: number; offset: number } | undefined {
  const tailStart = Math.max(0, size - TAIL_BYTES);
  const tail = read(fd, size - tailStart, tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  let entries = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (entries === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
    const locatorAt = tailStart + at - 20;
    const locator = locatorAt >= 0 ? read(fd, 20, locatorAt) : Buffer.alloc(0);
    if (locator.length === 20 && locator.readUInt32LE(0) === ZIP64_LOCATOR) {
      const record = read(fd, 56, Number(locator.readBigUInt64LE(8)));
      if (record.length === 56 && record.readUInt32LE(0) === ZIP64_EOCD) {
        entries = Number(record.readBigUInt64LE(32));
        cdSize = Number(record.readBigUInt64LE(40));
        cdOffset = Number(record.readBigUInt64LE(48));
      }
    }
  }
  return { entries, size: cdSize, offset: cdOffset };
}

function readEntries(fd: number, directory: { entries: number; size: number; offset: number }, fileSize: number): ZipEntryInfo[] {
  const cd = read(fd, directory.size, directory.offset);
  const entries: ZipEntryInfo[] = [];
  for (let at = 0; at + 46 <= cd.length && cd.readUInt32LE(at) === CENTRAL; ) {
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
    let size = cd.readUInt32LE(at + 24);
    let compressedSize = cd.readUInt32LE(at + 20);
    let offset = cd.readUInt32LE(at + 42);
    // Zip64: the sizes and offset too large for 32 bits are in the extra field, in this order.
    const extra = cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
      if (extra.readUInt16LE(e) !== 1) continue;
      let field = e + 4;
      const next = () => {
        const value = field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : MAX32;
        field += 8;
        return value;
      };
      if (size === MAX32) size = next();
      if (compressedSize === MAX32) compressedSize = next();
      if (offset === MAX32) offset = next();
    }
    const local = read(fd, 30, offset);
    const dataStart = local.length === 30 && local.readUInt32LE(0) === LOCAL ? offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28) : offset + 30;
    if (dataStart + compressedSize <= fileSize) entries.push({ name, offset, dataStart, compressedSize, size, method: cd.readUInt16LE(at + 10) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Each entry's bytes, from its local header to its data's end, are its own. */
function refuseOverlaps(entries: readonly ZipEntryInfo[]): void {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    if (sorted[i]!.offset < before.dataStart + before.compressedSize) throw new ListLimitError('zip-overlap', 0);
  }
}

/**
 * Inflates each entry of a zip read whole by a library that cannot be told a
 * limit (SheetJS), stopping at the limits whatever the entry says of its own
 * size: what it says is only the writer's word.
 */
export function checkInflatedSizes(file: string, entries: readonly ZipEntryInfo[], limits: ListLimits, total = limits.maxUnzippedBytes): void {
  const fd = openSync(file, 'r');
  try {
    let left = total;
    for (const entry of entries) {
      if (entry.method !== 8) continue;
      const cap = Math.min(limits.maxPartBytes, left);
      let inflated: Buffer;
      try {
        inflated = inflateRawSync(read(fd, entry.compressedSize, entry.dataStart), { maxOutputLength: Math.max(1, cap) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overBy(cap, limits);
        // A damaged entry: the library says what is wrong with it.
        continue;
      }
      left -= inflated.length;
    }
  } finally {
    closeSync(fd);
  }
}

const overBy = (cap: number, limits: ListLimits) =>
  cap === limits.maxPartBytes ? new ListLimitError('part', cap, LIMIT_VARIABLES.maxPartBytes) : new ListLimitError('unzipped', limits.maxUnzippedBytes, LIMIT_VARIABLES.maxUnzippedBytes);

/** A budget of inflated bytes shared by the parts of one zip as they are read. */
export interface InflateBudget {
  left: number;
}

/**
 * An entry's inflated stream, ended with a ListLimitError once it passes
 * `partMax` bytes or the zip's budget runs out: a part that says it is small
 * but inflates to gigabytes stops there.
 */
export function boundedStream(source: Readable, partMax: number, budget: InflateBudget, limits: ListLimits): Readable {
  let seen = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      budget.left -= chunk.length;
      if (seen > partMax) return callback(new ListLimitError('part', partMax, LIMIT_VARIABLES.maxPartBytes));
      if (budget.left < 0) return callback(new ListLimitError('unzipped', limits.maxUnzippedBytes, LIMIT_VARIABLES.maxUnzippedBytes));
      callback(null, chunk);
    },
  });
  source.on('error', (error) => bounded.destroy(error));
  bounded.on('error', () => source.destroy());
  return source.pipe(bounded);
}

/** An entry read whole through `boundedStream`. */
export async function boundedBuffer(source: Readable, partMax: number, budget: InflateBudget, limits: ListLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of boundedStream(source, partMax, budget, limits)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

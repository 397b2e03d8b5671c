import { closeSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { KeyIndex } from '../accounts/key-index.js';
import { recordFromJson, type ObservationRecord } from './record.js';

/** Slots the record positions start with; they double as the file grows. */
const INITIAL_POSITIONS = 1024;

/**
 * Observation records in an NDJSON file (the journal, the cache), found by
 * account key. Only where each record's line lies in the file is held (about
 * 45 bytes an account); a record is read from the file when its account comes
 * up. A national scan's file runs to hundreds of megabytes, near the longest
 * string Node can hold (2^29 characters), and its records took gigabytes as
 * objects: measured, reading a million-record journal whole peaked at 3.3 GB,
 * read this way at 156 MB.
 */
export class RecordsOnDisk {
  private readonly index = new KeyIndex();
  private offsets = new Float64Array(INITIAL_POSITIONS);
  private lengths = new Uint32Array(INITIAL_POSITIONS);
  private count = 0;

  /** `fd` is opened by the caller, for reading at least (the cache also appends through it), and closed by `close()`. */
  constructor(readonly fd: number) {}

  get size(): number {
    return this.count;
  }

  get(key: string): ObservationRecord | undefined {
    const n = this.index.get(key);
    if (n === undefined) return undefined;
    const line = Buffer.allocUnsafe(this.lengths[n]!);
    readSync(this.fd, line, 0, line.length, this.offsets[n]!);
    return recordFromJson(JSON.parse(line.toString('utf8')));
  }

  /** Where the key's record starts in the file, if it has one. */
  offsetOf(key: string): number | undefined {
    const n = this.index.get(key);
    // Stryker disable next-line ConditionalExpression: offsets[undefined] is undefined too; the guard says what is meant
    return n === undefined ? undefined : this.offsets[n];
  }

  close(): void {
    closeSync(this.fd);
  }

  /** A record's line at `offset`: a key seen again is known by its latest record, as the scan that wrote it last saw it. */
  note(key: string, offset: number, length: number): void {
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.count++;
      if (n === this.offsets.length) this.grow();
      this.index.set(key, n);
    }
    this.offsets[n] = offset;
    this.lengths[n] = length;
  }

  private grow(): void {
    const offsets = new Float64Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }
}

/** A line as JSON, or undefined when it is blank or cut short (the last line of a file killed mid-write). */
// Stryker disable BlockStatement: an empty catch returns undefined as well
export function parsedLine(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return undefined;
  }
}
// Stryker restore BlockStatement

/** Bytes asked of the file at a time when reading its lines. */
const CHUNK_BYTES = 64 * 1024;
const readAt = promisify(read);

/**
 * The longest line read as a record: a real one is a few kilobytes (a page of
 * posts); a longer one (a forged journal whose record lists millions of posts)
 * would cost its size many times over as objects. It is skipped unread, like a
 * line cut short, and its account is checked again.
 */
export const MAX_RECORD_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The lines of the file open at `fd`, from its start, as bytes, each with the byte offset it
 * starts at (readline counts characters, not bytes). Read through the descriptor, not the path:
 * the offsets stay those of the file the records were found in, even if another run has since
 * put a new file in its place. The descriptor stays open whether the caller reads to the end or
 * stops early (a read stream on it would close it then). A line may be kept: each chunk is a
 * buffer of its own.
 *
 * Linear in the file's size, however long its lines: the pieces of a line that spans chunks are
 * joined once, when its end is found (joining them chunk by chunk copied a 200 MB line some
 * 3,000 times over). A line longer than `maxLineBytes` is passed over without being held.
 */
export async function* linesOf(fd: number, maxLineBytes = MAX_RECORD_LINE_BYTES): AsyncGenerator<{ line: Buffer; offset: number }> {
  // The start of the current line, read so far: pieces of earlier chunks, joined when its end comes.
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let lineOffset = 0;
  let overlong = false;
  for (let position = 0; ; ) {
    const { bytesRead, buffer } = await readAt(fd, Buffer.allocUnsafe(CHUNK_BYTES), 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const length = pieceBytes + end - start;
      if (!overlong && length <= maxLineBytes) {
        const line = pieceBytes ? Buffer.concat([...pieces, chunk.subarray(start, end)], length) : chunk.subarray(start, end);
        yield { line, offset: lineOffset };
      }
      pieces = [];
      pieceBytes = 0;
      overlong = false;
      start = end + 1;
      lineOffset = position + start;
    }
    if (start < bytesRead && !overlong) {
      pieceBytes += bytesRead - start;
      overlong = pieceBytes > maxLineBytes;
      if (overlong) pieces = [];
      else pieces.push(chunk.subarray(start));
    }
    position += bytesRead;
  }
  // Stryker disable next-line ConditionalExpression: an empty last line is skipped by every reader as unparseable
  if (pieceBytes && !overlong) yield { line: Buffer.concat(pieces, pieceBytes), offset: lineOffset };
}

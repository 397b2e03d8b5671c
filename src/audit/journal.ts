import { closeSync, createReadStream, openSync, readSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Thresholds } from './finding.js';
import { KeyIndex } from '../accounts/key-index.js';
import { recordFromJson, recordToLine, type ObservationRecord } from './record.js';

export interface JournalHeader {
  type: 'header';
  tool: 'gov-audit';
  version: string;
  startedAt: string;
  now: string;
  thresholds: Thresholds;
  files: string[];
}

/**
 * The results journal: one NDJSON line per finished account, written to the
 * file (the operating system's, so it survives a crash or kill -9) as soon
 * as the account is done. `--resume` reads it back. Lines are written with
 * one synchronous call each: a small append is cheaper so than through the
 * thread pool, and nothing can interleave.
 */
export class Journal {
  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** Starts a new journal (replacing any file of that name) with its header line. */
  static async create(path: string, header: JournalHeader): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true });
    const journal = new Journal(path, openSync(path, 'w'));
    writeSync(journal.fd, `${JSON.stringify(header)}\n`);
    return journal;
  }

  /** Opens an existing journal to append the rest of its scan. */
  static async reopen(path: string): Promise<Journal> {
    const journal = new Journal(path, openSync(path, 'a'));
    // A line cut by a crash would glue onto the next record: start on a fresh line.
    writeSync(journal.fd, '\n');
    return journal;
  }

  append(record: ObservationRecord): void {
    writeSync(this.fd, recordToLine(record));
  }

  async close(): Promise<void> {
    closeSync(this.fd);
  }
}

export interface JournalContents {
  header: JournalHeader;
  records: JournalRecords;
}

export class JournalError extends Error {}

/** Slots the record positions start with; they double as the journal grows. */
const INITIAL_POSITIONS = 1024;

/**
 * The records of a journal, found by account key. Only where each record's
 * line lies in the file is held (about 45 bytes an account); a record is
 * read from the file when its account comes up. A national scan's journal
 * runs to hundreds of megabytes, near the longest string Node can hold (2^29
 * characters), and its records took gigabytes as objects: measured, reading
 * a million-record journal whole peaked at 3.3 GB, read this way at 156 MB.
 */
export class JournalRecords {
  private readonly index = new KeyIndex();
  private offsets = new Float64Array(INITIAL_POSITIONS);
  private lengths = new Uint32Array(INITIAL_POSITIONS);
  private count = 0;

  constructor(private readonly fd: number) {}

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

/**
 * Reads a journal as a stream, keeping its header and where each whole
 * record lies. A line cut short by a crash (or otherwise unreadable) is
 * skipped, never fatal. The caller closes `records` when the scan is done.
 */
export async function readJournal(path: string): Promise<JournalContents> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new JournalError(`${path}: ${(error as Error).message}`);
  }
  const records = new JournalRecords(fd);
  let header: JournalHeader | undefined;
  let first = true;
  try {
    for await (const { line, offset } of linesOf(path)) {
      const value = parsedLine(line);
      if (first && value !== undefined) {
        first = false;
        if (!isHeader(value)) break;
        header = value;
        continue;
      }
      const record = recordFromJson(value);
      if (record) records.note(record.key, offset, line.length);
    }
  } catch (error) {
    records.close();
    throw new JournalError(`${path}: ${(error as Error).message}`);
  }
  if (!header) {
    records.close();
    throw new JournalError(`${path}: not a gov-audit journal`);
  }
  return { header, records };
}

function isHeader(value: unknown): value is JournalHeader {
  const header = value as Partial<JournalHeader> | null;
  return header?.type === 'header' && header.tool === 'gov-audit';
}

function parsedLine(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    // Blank, or the last line of a journal killed mid-write.
    return undefined;
  }
}

/** The file's lines as bytes, each with the byte offset it starts at (readline counts characters, not bytes). */
async function* linesOf(path: string): AsyncGenerator<{ line: Buffer; offset: number }> {
  let rest: Buffer = Buffer.alloc(0);
  let restOffset = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const bytes = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(10); end !== -1; end = bytes.indexOf(10, start)) {
      yield { line: bytes.subarray(start, end), offset: restOffset + start };
      start = end + 1;
    }
    restOffset += start;
    rest = bytes.subarray(start);
  }
  if (rest.length) yield { line: rest, offset: restOffset };
}

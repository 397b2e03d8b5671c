import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Thresholds } from './finding.js';
import { recordFromJson, recordToLine, type ObservationRecord } from './record.js';
import { linesOf, parsedLine, RecordsOnDisk } from './record-file.js';

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
  records: RecordsOnDisk;
}

export class JournalError extends Error {}

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
  const records = new RecordsOnDisk(fd);
  let header: JournalHeader | undefined;
  let first = true;
  try {
    for await (const { line, offset } of linesOf(fd)) {
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

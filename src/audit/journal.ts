import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Thresholds } from './finding.js';
import { parseLines, recordFromJson, recordToLine, type ObservationRecord } from './record.js';

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
  records: Map<string, ObservationRecord>;
}

export class JournalError extends Error {}

export async function readJournal(path: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new JournalError(`${path}: ${(error as Error).message}`);
  }
  const [first, ...rest] = parseLines(text);
  const header = first as JournalHeader | undefined;
  if (!header || header.type !== 'header' || header.tool !== 'gov-audit') {
    throw new JournalError(`${path}: not a gov-audit journal`);
  }
  const records = new Map<string, ObservationRecord>();
  for (const value of rest) {
    const record = recordFromJson(value);
    if (record) records.set(record.key, record);
  }
  return { header, records };
}

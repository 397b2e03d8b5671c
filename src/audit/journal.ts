import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
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
 * The results journal: one NDJSON line per finished account, written as soon
 * as the account is done, so that an interrupted or killed scan loses at
 * most the accounts in flight. `--resume` reads it back.
 */
export class Journal {
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Starts a new journal (replacing any file of that name) with its header line. */
  static async create(path: string, header: JournalHeader): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'w');
    await handle.write(`${JSON.stringify(header)}\n`);
    return new Journal(path, handle);
  }

  /** Opens an existing journal to append the rest of its scan. */
  static async reopen(path: string): Promise<Journal> {
    const handle = await open(path, 'a');
    // A line cut by a crash would glue onto the next record: start on a fresh line.
    await handle.write('\n');
    return new Journal(path, handle);
  }

  /** Appends one record; each write reaches the file before the next starts. */
  append(record: ObservationRecord): Promise<void> {
    const write = this.writing.then(() => this.handle.write(recordToLine(record)));
    this.writing = write.catch(() => undefined);
    return write.then(() => undefined);
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
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

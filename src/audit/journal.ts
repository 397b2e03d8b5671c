import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import type { Thresholds } from './finding.js';
import { recordFromJson, recordToLine, type ObservationRecord } from './record.js';
import { linesOf, parsedLine, RecordsOnDisk } from './record-file.js';
import { createFreshSync, partialName } from './scratch-file.js';

/** Never through a link: a link at the journal's name is refused (ELOOP), not followed. O_NOFOLLOW is 0 where it does not exist (Windows). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

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

  /**
   * Starts a new journal with its header line. The file is made new beside
   * the name (`<journal>.<random>.partial`, never through a link or over a
   * file already there), then renamed to the name: whatever was there, a file
   * or a link planted at the predictable default name, is replaced, and
   * nothing it pointed to is touched.
   */
  static async create(path: string, header: JournalHeader, lang: Lang = 'en'): Promise<Journal> {
    let fresh: { fd: number; path: string } | undefined;
    try {
      await mkdir(dirname(path), { recursive: true });
      fresh = createFreshSync(() => partialName(path));
      writeSync(fresh.fd, `${JSON.stringify(header)}\n`);
      await rename(fresh.path, path);
    } catch (error) {
      if (fresh) {
        closeSync(fresh.fd);
        await unlink(fresh.path).catch(() => undefined);
      }
      throw new JournalError(messages(lang).error.cannotWrite(path, (error as Error).message));
    }
    return new Journal(path, fresh.fd);
  }

  /** Opens an existing journal to append the rest of its scan: the file itself, never a link to one. */
  static async reopen(path: string, lang: Lang = 'en'): Promise<Journal> {
    let fd: number;
    try {
      fd = openJournal(path, constants.O_WRONLY | constants.O_APPEND);
    } catch (error) {
      throw new JournalError(messages(lang).error.badJournal((error as Error).message));
    }
    const journal = new Journal(path, fd);
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

/**
 * The journal's record of the account, for `--resume`, unless it is dated
 * after `startedAt`, the resuming run's start: a record from the future is
 * forged or from a wrong clock, and is never carried forward as a verdict
 * (the account is checked again), as the cache does with such records.
 */
export function resumedRecord(contents: JournalContents | undefined, key: string, startedAt: Date): ObservationRecord | undefined {
  const record = contents?.records.get(key);
  return record && record.checkedAt.getTime() <= startedAt.getTime() ? record : undefined;
}

/** A journal that cannot be read, made or appended to: exit 3, with what is wrong. */
export class JournalError extends UsageError {}

/**
 * Opens the journal file with `flags`, refusing a link (a journal is a file
 * gov-audit made, and a link at its name may lead anywhere) and anything that
 * is not a plain file.
 */
function openJournal(path: string, flags: number): number {
  let fd: number;
  try {
    fd = openSync(path, flags | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Linux says ELOOP for a link under O_NOFOLLOW; FreeBSD says EMLINK.
    if (code === 'ELOOP' || code === 'EMLINK') throw new JournalError(`${path}: a symbolic link; give the journal file itself`);
    throw new JournalError(`${path}: ${(error as Error).message}`);
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new JournalError(`${path}: not a file`);
  }
  return fd;
}

/**
 * Reads a journal as a stream, keeping its header and where each whole
 * record lies. A line cut short by a crash (or otherwise unreadable) is
 * skipped, never fatal. The caller closes `records` when the scan is done.
 */
export async function readJournal(path: string): Promise<JournalContents> {
  const fd = openJournal(path, constants.O_RDONLY);
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

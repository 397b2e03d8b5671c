import { mkdirSync, openSync, writeSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isReusable, recordFromJson, recordToLine, type ObservationRecord } from './record.js';
import { linesOf, parsedLine, RecordsOnDisk } from './record-file.js';
import { createFreshSync, partialName } from './scratch-file.js';

/** Lines copied forward from the earlier cache are written in blocks of this size, not one call each. */
const COPY_BLOCK_BYTES = 1 << 20;

/**
 * `--cache <file>`: observations younger than `maxAgeMs` are reused instead of
 * fetched again. Only verdict-bearing observations are kept: a blocked or
 * unverified answer is never cached.
 *
 * Neither file is held in memory, as a national list's cache runs to hundreds
 * of megabytes: the earlier cache is read where its records lie (as `--resume`
 * reads a journal), and each new record goes straight to the next cache, a
 * file beside it. `save()` copies the earlier records still fresh and not
 * superseded after the new ones, then puts the next cache in place in one
 * rename; a run that ends without saving leaves the earlier cache as it was.
 */
export class ResultCache {
  /**
   * The next cache, opened when the first record comes (a run refused before it leaves no file),
   * at `<cache>.<random>.partial`: a name of its own, so that two runs sharing a cache (shards on
   * one volume) never write into each other's, created new (never through a link planted there).
   */
  private next: { records: RecordsOnDisk; offset: number; path: string } | undefined;
  private ended = false;

  private constructor(
    private readonly path: string,
    private readonly maxAgeMs: number,
    private readonly earlier: RecordsOnDisk | undefined,
  ) {}

  static async load(path: string, maxAgeMs: number): Promise<ResultCache> {
    return new ResultCache(path, maxAgeMs, await readEarlier(path));
  }

  /** A fresh, reusable observation of the account, if any: this run's own, else the earlier cache's. */
  get(key: string): ObservationRecord | undefined {
    const record = this.next?.records.get(key) ?? this.earlier?.get(key);
    return record && this.isFresh(record) && isReusable(record.observation) ? record : undefined;
  }

  put(record: ObservationRecord): void {
    if (!isReusable(record.observation)) return;
    const line = Buffer.from(recordToLine(record), 'utf8');
    const next = this.opened();
    writeSync(next.records.fd, line, 0, line.length, next.offset);
    // The line without its newline, as the readers note lines.
    next.records.note(record.key, next.offset, line.length - 1);
    next.offset += line.length;
  }

  /** Writes the fresh entries back, whole or not at all. */
  async save(): Promise<void> {
    if (this.ended) return;
    const next = this.opened();
    try {
      if (this.earlier) await this.copyForward(this.earlier, next);
      this.closeFiles();
      await rename(next.path, this.path);
    } catch (error) {
      // A save that fails leaves the earlier cache as it was, and no partial file.
      if (!this.ended) this.closeFiles();
      await unlink(next.path).catch(() => undefined);
      throw error;
    }
  }

  /** Ends a run that did not save: the earlier cache stays as it was, and the next one is removed. */
  async discard(): Promise<void> {
    if (this.ended) return;
    this.closeFiles();
    if (this.next) await unlink(this.next.path).catch(() => undefined);
  }

  private opened(): NonNullable<ResultCache['next']> {
    if (!this.next) {
      mkdirSync(dirname(this.path), { recursive: true });
      const { fd, path } = createFreshSync(() => partialName(this.path), 'wx+');
      this.next = { records: new RecordsOnDisk(fd), offset: 0, path };
    }
    return this.next;
  }

  /** The earlier cache's records that are still fresh, each account's latest, unless this run observed it again. */
  private async copyForward(earlier: RecordsOnDisk, next: NonNullable<ResultCache['next']>): Promise<void> {
    let block: Buffer[] = [];
    let blockBytes = 0;
    const flush = () => {
      writeSync(next.records.fd, Buffer.concat(block, blockBytes), 0, blockBytes, next.offset);
      next.offset += blockBytes;
      block = [];
      blockBytes = 0;
    };
    for await (const { line, offset } of linesOf(earlier.fd)) {
      const record = recordFromJson(parsedLine(line));
      if (!record || !this.isFresh(record) || next.records.offsetOf(record.key) !== undefined || earlier.offsetOf(record.key) !== offset) continue;
      block.push(line, NEWLINE);
      blockBytes += line.length + 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: when the block is written changes the number of writes, not what is written
      if (blockBytes >= COPY_BLOCK_BYTES) flush();
    }
    // Stryker disable next-line ConditionalExpression: an empty block writes nothing
    if (blockBytes) flush();
  }

  private closeFiles(): void {
    this.ended = true;
    this.earlier?.close();
    this.next?.records.close();
  }

  /** Checked within --max-age, and not after now: a record dated in the future is forged or from a wrong clock, and never carried forward. */
  private isFresh(record: ObservationRecord): boolean {
    const age = Date.now() - record.checkedAt.getTime();
    return age >= 0 && age <= this.maxAgeMs;
  }
}

const NEWLINE = Buffer.from('\n');

/** Where each reusable record of the earlier cache lies; none when there is no cache yet. */
async function readEarlier(path: string): Promise<RecordsOnDisk | undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const records = new RecordsOnDisk(fd);
  try {
    for await (const { line, offset } of linesOf(fd)) {
      const record = recordFromJson(parsedLine(line));
      if (record && isReusable(record.observation)) records.note(record.key, offset, line.length);
    }
  } catch (error) {
    records.close();
    throw error;
  }
  return records;
}

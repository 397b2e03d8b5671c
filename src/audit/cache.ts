import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isReusable, parseLines, recordFromJson, recordToLine, type ObservationRecord } from './record.js';

/**
 * `--cache <file>`: observations younger than `maxAgeMs` are reused instead of
 * fetched again. Only verdict-bearing observations are kept: a blocked or
 * unverified answer is never cached.
 */
export class ResultCache {
  private constructor(
    private readonly path: string,
    private readonly maxAgeMs: number,
    private readonly entries: Map<string, ObservationRecord>,
  ) {}

  static async load(path: string, maxAgeMs: number): Promise<ResultCache> {
    const entries = new Map<string, ObservationRecord>();
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const value of parseLines(text)) {
      const record = recordFromJson(value);
      if (record) entries.set(record.key, record);
    }
    return new ResultCache(path, maxAgeMs, entries);
  }

  /** A fresh, reusable observation of the account, if any. */
  get(key: string): ObservationRecord | undefined {
    const record = this.entries.get(key);
    return record && this.isFresh(record) && isReusable(record.observation) ? record : undefined;
  }

  put(record: ObservationRecord): void {
    if (isReusable(record.observation)) this.entries.set(record.key, record);
  }

  /** Writes the fresh entries back, whole or not at all. */
  async save(): Promise<void> {
    const lines = [...this.entries.values()].filter((r) => this.isFresh(r)).map(recordToLine);
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(`${this.path}.partial`, lines.join(''), 'utf8');
    await rename(`${this.path}.partial`, this.path);
  }

  private isFresh(record: ObservationRecord): boolean {
    return Date.now() - record.checkedAt.getTime() <= this.maxAgeMs;
  }
}

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parse, type Info } from 'csv-parse';
import type { Account, DuplicateRow, FileProblemCode, RowProblem, SourceRef } from './account.js';
import { accountHeaderNames, mapColumns, type ColumnMap, type Field } from './columns.js';
import { decoderStream, detectEncoding, EncodingError, type InputEncoding } from './encoding.js';
import { KeyIndex } from './key-index.js';
import { resolveAccount, type ListContext } from './normalise.js';

export type ListItem =
  | { kind: 'account'; account: Account }
  | { kind: 'problem'; problem: RowProblem }
  | { kind: 'duplicate'; duplicate: DuplicateRow };

/** A whole file, or the rest of it, could not be read. */
class ListFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: FileProblemCode,
    readonly detail: string,
  ) {
    super(`${file}: ${code} ${detail}`);
    this.name = 'ListFileError';
  }
}

export interface ReadOptions extends ListContext {
  encoding?: InputEncoding;
  /** Only the data rows `from` (inclusive) to `to` (exclusive), counted across all files: a shard. */
  rows?: { from: number; to: number };
}

const SAMPLE_BYTES = 64 * 1024;
/** More rows than any spreadsheet holds (Excel: 1,048,576), fewer than 2^31 / 32 files. */
const ROWS_PER_FILE = 2 ** 26;

/**
 * Streams the accounts of several list files, in order: each row becomes an
 * account, a problem (with file, row and column) or a duplicate of an
 * earlier row. Rows are never held in memory beyond the one being read.
 */
export async function* readLists(files: readonly string[], options: ReadOptions = {}): AsyncGenerator<ListItem> {
  // Where each account was first seen, packed into one number (file index and row), kept in a
  // compact index: a million-row list validates in flat memory.
  const seen = new KeyIndex();
  const firstSeen = (packed: number): SourceRef => ({ file: files[Math.floor(packed / ROWS_PER_FILE)]!, row: packed % ROWS_PER_FILE });
  let order = 0;
  let dataRow = 0;
  const inShard = () => {
    const index = dataRow++;
    return !options.rows || (index >= options.rows.from && index < options.rows.to);
  };
  for (const [fileIndex, file] of files.entries()) {
    for await (const item of readListSafely(file, options, () => order++, inShard)) {
      if (item.kind === 'account') {
        const first = seen.get(item.account.key);
        if (first !== undefined) {
          yield { kind: 'duplicate', duplicate: { source: item.account.source, key: item.account.key, first: firstSeen(first) } };
          continue;
        }
        seen.set(item.account.key, fileIndex * ROWS_PER_FILE + item.account.source.row);
      }
      yield item;
    }
  }
}

/** A file that cannot be read at all becomes one problem; the other files still count. */
async function* readListSafely(file: string, options: ReadOptions, nextOrder: () => number, inShard: () => boolean = () => true): AsyncGenerator<ListItem> {
  try {
    yield* readList(file, options, nextOrder, inShard);
  } catch (error) {
    if (!(error instanceof ListFileError)) throw error;
    const row = error.code === 'no-account-column' ? 1 : 0;
    const column = error.code === 'no-account-column' ? '*' : '';
    yield { kind: 'problem', problem: { source: { file, row }, column, code: error.code, params: { detail: error.detail } } };
  }
}

async function* readList(file: string, options: ReadOptions, nextOrder: () => number, inShard: () => boolean): AsyncGenerator<ListItem> {
  const encoding = options.encoding ?? detectEncoding(await readHead(file));
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    trim: true,
    info: true,
  });
  const skipped: RowProblem[] = [];
  let recordsSeen = 0;
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({
      source: { file, row: recordsSeen + 2 },
      column: '*',
      code: 'malformed-csv',
      params: { detail: error.message },
    });
  });
  const feeding = pipeline(createReadStream(file), decoderStream(encoding), parser).catch((error: unknown) => {
    parser.destroy(error as Error);
  });
  let columns: ColumnMap | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      recordsSeen++;
      yield* skipped.splice(0).map((problem): ListItem => ({ kind: 'problem', problem }));
      // The spreadsheet row: records so far plus the empty lines skipped before it.
      const row = info.records + info.empty_lines;
      if (!columns) {
        columns = mapColumns(record);
        if (columns.fields.url === undefined && columns.fields.account === undefined) {
          throw new ListFileError(file, 'no-account-column', accountHeaderNames());
        }
        continue;
      }
      if (inShard()) yield rowToItem(file, row, record, columns, nextOrder, options);
    }
  } catch (error) {
    if (error instanceof ListFileError) throw error;
    if (error instanceof EncodingError || (error as { cause?: unknown }).cause instanceof EncodingError) {
      throw new ListFileError(file, 'bad-encoding', encoding);
    }
    throw new ListFileError(file, 'file-unreadable', (error as Error).message);
  } finally {
    await feeding;
  }
  yield* skipped.map((problem): ListItem => ({ kind: 'problem', problem }));
  if (!columns) throw new ListFileError(file, 'empty-file', '');
}

async function readHead(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ListFileError(file, 'file-not-found', '');
    throw new ListFileError(file, 'file-unreadable', (error as Error).message);
  }
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function cell(record: string[], index: number | undefined): string {
  return index === undefined ? '' : (record[index] ?? '').trim();
}

function rowToItem(file: string, row: number, record: string[], columns: ColumnMap, nextOrder: () => number, context: ListContext): ListItem {
  const { fields } = columns;
  const source = { file, row };
  const accountField: Field = cell(record, fields.url) !== '' || fields.account === undefined ? 'url' : 'account';
  const resolution = resolveAccount(cell(record, fields.platform), cell(record, fields[accountField]), context);
  if (resolution.kind === 'problem') {
    const index = resolution.field === 'platform' ? fields.platform : fields[accountField];
    const column = index === undefined ? resolution.field : (columns.headers[index] ?? resolution.field);
    return { kind: 'problem', problem: { source, column, code: resolution.code, params: resolution.params } };
  }
  const extra: Record<string, string> = {};
  for (const { index, header } of columns.extra) extra[header] = cell(record, index);
  const optional = (field: Field) => cell(record, fields[field]) || undefined;
  return {
    kind: 'account',
    account: {
      key: `${resolution.platform.id}:${resolution.id}`,
      platform: resolution.platform.id,
      id: resolution.id,
      url: resolution.url,
      name: optional('name'),
      org: optional('org'),
      region: optional('region'),
      level: optional('level'),
      extra,
      source,
      order: nextOrder(),
    },
  };
}

/** The number of data rows (header excluded) in the lists, for `--shard`; unreadable files count none. */
export async function countDataRows(files: readonly string[], options: ReadOptions = {}): Promise<number> {
  let total = 0;
  for (const file of files) {
    try {
      let records = 0;
      for await (const item of readList(file, options, () => 0, () => (records++, false))) void item;
      total += records;
    } catch {
      // The scan itself reports why the file cannot be read.
    }
  }
  return total;
}

/** Shard `index` of `count` (1-based), as Playwright shards tests: contiguous and deterministic. */
export function shardRows(index: number, count: number, total: number): { from: number; to: number } {
  return { from: Math.floor(((index - 1) * total) / count), to: Math.floor((index * total) / count) };
}

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Account, DuplicateRow, FileProblemCode, ListNote, RowProblem, SourceRef } from './account.js';
import { accountHeaderNames, headerNames, mapColumns, type ColumnMap, type Field } from './columns.js';
import { csvRecordGuard } from './csv-guard.js';
import { decoderStream, detectEncoding, EncodingError, type InputEncoding } from './encoding.js';
import { KeyIndex } from './key-index.js';
import { ListLimitError, listLimits, type ListLimits } from './limits.js';
import { resolveAccount, type ListContext } from './normalise.js';
import { identifyFile, workbookSheets, WorkbookError, type ListFormat, type OtherKind, type SheetRow } from './workbook.js';
import { statusNamed } from '../i18n/index.js';
import { parseChineseDate } from '../platforms/dates.js';
import { toChinaIso } from '../audit/time.js';

export type ListItem =
  | { kind: 'account'; account: Account }
  | { kind: 'problem'; problem: RowProblem }
  | { kind: 'duplicate'; duplicate: DuplicateRow }
  | { kind: 'note'; note: ListNote };

/** A whole file, or the rest of it, could not be read. */
class ListFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: FileProblemCode,
    readonly detail: string,
    readonly sheet?: string,
    /** For `not-a-list`: what the file is instead. */
    readonly other?: OtherKind,
    /** For `over-limit`: which limit, its value, and what raises it. */
    readonly limit?: ListLimitError,
  ) {
    super(`${file}: ${code} ${detail}`);
    this.name = 'ListFileError';
  }
}

/** A file over one of the limits (src/accounts/limits.ts), or `error` as the problem `code`. */
function fileError(file: string, error: unknown, code: FileProblemCode): ListFileError {
  if (error instanceof ListFileError) return error;
  const limit = error instanceof ListLimitError ? error : (error as { cause?: unknown } | undefined)?.cause instanceof ListLimitError ? ((error as { cause: ListLimitError }).cause) : undefined;
  if (limit) return new ListFileError(file, 'over-limit', limit.message, undefined, undefined, limit);
  return new ListFileError(file, code, (error as Error).message);
}

/** The problem's values: what the file is, the limit it passed, or what went wrong. */
function problemParams(error: ListFileError): Record<string, string> {
  if (error.other) return { kind: error.other.kind, type: error.other.type };
  if (error.limit) return { limit: error.limit.limit, max: String(error.limit.max), ...(error.limit.variable ? { variable: error.limit.variable } : {}) };
  return { detail: error.detail };
}

export interface ReadOptions extends ListContext {
  encoding?: InputEncoding;
  /** The sheet of a workbook to read (--sheet): its name or 1-based position. */
  sheet?: string;
  /** Only the data rows `from` (inclusive) to `to` (exclusive), counted across all files: a shard. */
  rows?: { from: number; to: number };
  /** What a file may expand to before it is refused; from the environment when not given. */
  limits?: ListLimits;
}

const SAMPLE_BYTES = 64 * 1024;
/** The header is looked for among this many non-blank rows: offices put titles and notes above it. */
const HEADER_SEARCH_ROWS = 20;

/**
 * Streams the accounts of several list files (CSV or workbooks), in order:
 * each row becomes an account, a problem (with file, sheet, row and column), a
 * duplicate of an earlier row, or a note (a totals row, a platform read from
 * the link). Rows are never held in memory beyond the one being read.
 */
export async function* readLists(files: readonly string[], options: ReadOptions = {}): AsyncGenerator<ListItem> {
  // Where each account was first seen, as one number counted across the files (each file's rows
  // after the last row of the file before), kept in a compact index: a million-row list validates
  // in flat memory. One sheet is read per file.
  const seen = new KeyIndex();
  const sheets: (string | undefined)[] = [];
  const bases: number[] = [];
  let nextBase = 0;
  const firstSeen = (packed: number): SourceRef => {
    let fileIndex = bases.length - 1;
    while (bases[fileIndex]! > packed) fileIndex--;
    return { file: files[fileIndex]!, ...(sheets[fileIndex] ? { sheet: sheets[fileIndex] } : {}), row: packed - bases[fileIndex]! };
  };
  let order = 0;
  let dataRow = 0;
  const inShard = () => {
    const index = dataRow++;
    return !options.rows || (index >= options.rows.from && index < options.rows.to);
  };
  for (const [fileIndex, file] of files.entries()) {
    bases[fileIndex] = nextBase;
    for await (const item of readListSafely(file, options, () => order++, inShard)) {
      if (item.kind === 'account') {
        nextBase = Math.max(nextBase, bases[fileIndex]! + item.account.source.row + 1);
        sheets[fileIndex] = item.account.source.sheet;
        const first = seen.get(item.account.key);
        if (first !== undefined) {
          yield { kind: 'duplicate', duplicate: { source: item.account.source, key: item.account.key, first: firstSeen(first) } };
          continue;
        }
        seen.set(item.account.key, bases[fileIndex]! + item.account.source.row);
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
    const source = { file, ...(error.sheet ? { sheet: error.sheet } : {}), row };
    const params = problemParams(error);
    yield { kind: 'problem', problem: { source, column, code: error.code, params } };
  }
}

/** One row of the file as text, wherever it came from. */
type RowEvent = { kind: 'row'; row: SheetRow } | { kind: 'problem'; problem: RowProblem } | { kind: 'note'; note: ListNote };

async function* readList(file: string, options: ReadOptions, nextOrder: () => number, inShard: () => boolean): AsyncGenerator<ListItem> {
  const head = await readHead(file);
  const limits = options.limits ?? listLimits();
  const identified = await identifyFile(file, head, limits).catch((error: unknown) => {
    throw fileError(file, error, 'file-unreadable');
  });
  // A Word document, a PDF, a picture: named for what it is, with what to give instead.
  if ('other' in identified) throw new ListFileError(file, 'not-a-list', identified.other.type, undefined, identified.other);
  const { format } = identified;
  const rows = format === 'text' ? csvRows(file, options.encoding ?? detectEncoding(head), limits) : workbookRows(file, format, options.sheet, limits);
  let columns: ColumnMap | undefined;
  let searched = 0;
  for await (const event of rows) {
    if (event.kind !== 'row') {
      yield event;
      continue;
    }
    const { row } = event;
    if (isBlank(row.cells)) continue;
    if (!columns) {
      columns = headerOf(row.cells);
      if (columns) yield* missingColumnNotes(file, row, columns);
      else if (++searched >= HEADER_SEARCH_ROWS) throw new ListFileError(file, 'no-account-column', accountHeaderNames(), row.sheet || undefined);
      continue;
    }
    const source: SourceRef = { file, ...(row.sheet ? { sheet: row.sheet } : {}), row: row.row };
    const label = notAnAccount(row.cells, columns);
    if (label) {
      yield { kind: 'note', note: { source, column: '*', code: 'not-an-account', params: { value: label } } };
      continue;
    }
    const example = exampleMark(row.cells);
    if (example) {
      const account = cell(row.cells, columns.fields.name) || cell(row.cells, columns.fields.url) || cell(row.cells, columns.fields.account);
      yield { kind: 'note', note: { source, column: '*', code: 'example-row', params: { value: account.slice(0, 60), mark: example } } };
      continue;
    }
    if (inShard()) yield* rowToItems(source, row, columns, nextOrder, options);
  }
  if (!columns) throw new ListFileError(file, searched ? 'no-account-column' : 'empty-file', searched ? accountHeaderNames() : '');
}

/** The header row: one that names an account or URL column. */
function headerOf(cells: string[]): ColumnMap | undefined {
  const columns = mapColumns(cells);
  return columns.fields.url === undefined && columns.fields.account === undefined ? undefined : columns;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Without an org or region column the reports cannot group by them: say so once per file. */
function* missingColumnNotes(file: string, header: SheetRow, columns: ColumnMap): Generator<ListItem> {
  const source = { file, ...(header.sheet ? { sheet: header.sheet } : {}), row: header.row };
  if (columns.fields.org === undefined) yield { kind: 'note', note: { source, column: '', code: 'no-org-column', params: { expected: headerNames('org') } } };
  if (columns.fields.region === undefined) yield { kind: 'note', note: { source, column: '', code: 'no-region-column', params: { expected: headerNames('region') } } };
}

const TOTALS = /^(?:合计|小计|总计|共计|累计|总数|汇总|total|subtotal)(?:[:：(（]|$)/i;
const NOTES = /^(?:备注|说明|注|注意|填表说明|填报说明|填表人|审核人|制表人|note)[:：]/i;

/**
 * A totals or notes row (合计, 小计, 备注：…) below the accounts: what it
 * says, or undefined for a row that is meant as an account.
 */
function notAnAccount(cells: readonly string[], columns: ColumnMap): string | undefined {
  const account = cell(cells, columns.fields.url) || cell(cells, columns.fields.account);
  const first = cells.map((c) => c.replace(/\s+/g, '')).find((c) => c !== '') ?? '';
  const marked = cells.map((c) => c.replace(/\s+/g, '')).find((c) => TOTALS.test(c)) ?? (NOTES.test(first) ? first : undefined);
  if (!marked) return undefined;
  return account === '' || TOTALS.test(account.replace(/\s+/g, '')) || NOTES.test(account) ? marked.slice(0, 40) : undefined;
}

/**
 * The mark of an example row, as `gov-audit init`'s template writes it
 * (示例行，请替换 / example row: replace it) and as offices' own templates
 * word it (示例, 填写示例, 样例…), in a cell of its own: what the cell says, or
 * undefined. Such a row shows how to fill in the list and is no account.
 */
function exampleMark(cells: readonly string[]): string | undefined {
  return cells.find((c) => EXAMPLE.test(c.replace(/\s+/g, '')))?.trim().slice(0, 40);
}

const EXAMPLE = /^[(（【\[]?(?:示例行?|样例行?|范例行?|填写示例|填报示例|example(?:row)?|sample(?:row)?)[)）】\]]?(?:[,，:：;；.。、-]*(?:请替换|请删除|请替换或删除|请删除或替换|替换后删除本标记|replaceit|deleteit|replaceordeleteit))?[.。!！]?$/i;

/** A CSV file's records as rows; a malformed record is a problem and the file goes on. */
async function* csvRows(file: string, encoding: InputEncoding, limits: ListLimits): AsyncGenerator<RowEvent> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    // Empty lines come through as blank records, so that counting records counts spreadsheet rows
    // (csv-parse's per-record info object would cost an allocation per row).
    skip_empty_lines: false,
    skip_records_with_error: true,
    trim: true,
  });
  const skipped: RowProblem[] = [];
  let recordsSeen = 0;
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ source: { file, row: recordsSeen + 2 }, column: '*', code: 'malformed-csv', params: { detail: error.message } });
  });
  // Small chunks: each becomes records at once, and fewer records alive at a time keep V8's young generation small.
  // A record over the limits stops the read before csv-parse holds it (src/accounts/csv-guard.ts).
  const feeding = pipeline(createReadStream(file, { highWaterMark: 16 * 1024 }), decoderStream(encoding), csvRecordGuard(limits), parser).catch((error: unknown) => {
    parser.destroy(error as Error);
  });
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // The spreadsheet row: every record so far, empty lines included.
      recordsSeen++;
      if (skipped.length) yield* skipped.splice(0).map((problem): RowEvent => ({ kind: 'problem', problem }));
      yield { kind: 'row', row: { sheet: '', row: recordsSeen, cells: record, links: NO_LINKS } };
    }
  } catch (error) {
    if (error instanceof EncodingError || (error as { cause?: unknown }).cause instanceof EncodingError) {
      throw new ListFileError(file, 'bad-encoding', encoding);
    }
    throw fileError(file, error, 'file-unreadable');
  } finally {
    await feeding;
  }
  yield* skipped.map((problem): RowEvent => ({ kind: 'problem', problem }));
}

const NO_LINKS: ReadonlyMap<number, string> = new Map();

/**
 * A workbook's rows: the sheet named by `--sheet`, else the first sheet whose
 * header gov-audit recognises within its first rows (offices put an
 * instructions sheet first). The rows looked at to find it are replayed.
 */
async function* workbookRows(file: string, format: Exclude<ListFormat, 'text' | 'zip'>, choice: string | undefined, limits: ListLimits): AsyncGenerator<RowEvent> {
  const tried: string[] = [];
  try {
    for await (const sheet of workbookSheets(file, format, limits)) {
      tried.push(sheet.name);
      if (choice !== undefined && choice !== sheet.name && choice !== String(sheet.position)) continue;
      const rows = sheet.rows()[Symbol.asyncIterator]();
      const looked: SheetRow[] = [];
      let found = choice !== undefined;
      while (!found && looked.filter((r) => !isBlank(r.cells)).length < HEADER_SEARCH_ROWS) {
        const next = await rows.next();
        if (next.done) break;
        looked.push(next.value);
        found = headerOf(next.value.cells) !== undefined;
      }
      if (!found) continue;
      // Said only when the sheet read is not the first: the one a person opening the file would see.
      if (sheet.position > 1 && choice === undefined) yield { kind: 'note', note: { source: { file, sheet: sheet.name, row: 0 }, column: '', code: 'sheet-used', params: { sheet: sheet.name, skipped: tried.slice(0, -1).join(', ') } } };
      for (const row of looked) yield { kind: 'row', row };
      for (let next = await rows.next(); !next.done; next = await rows.next()) yield { kind: 'row', row: next.value };
      return;
    }
  } catch (error) {
    if (error instanceof WorkbookError) throw new ListFileError(file, error.code, error.detail, undefined, error.other);
    throw fileError(file, error, 'not-a-workbook');
  }
  if (choice !== undefined) throw new ListFileError(file, 'no-such-sheet', `${choice} (${tried.join(', ')})`);
  throw new ListFileError(file, 'no-account-column', tried.length ? `${accountHeaderNames()} (${tried.join(', ')})` : accountHeaderNames());
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

function cell(record: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (record[index] ?? '').trim();
}

const looksLikeLink = (text: string) => /^(?:https?:\/\/|www\.)/i.test(text);

/**
 * The account cell as the list means it: a hyperlinked cell whose text is a
 * name gives its link; an empty cell of a platform known by name alone (视频号,
 * 公众号) takes the name column.
 */
function accountValue(row: SheetRow, columns: ColumnMap): { field: Field; value: string } {
  const { fields } = columns;
  const field: Field = cell(row.cells, fields.url) !== '' || fields.account === undefined ? 'url' : 'account';
  const index = fields[field];
  const text = cell(row.cells, index);
  const link = index === undefined ? undefined : row.links.get(index);
  if (link && !looksLikeLink(text)) return { field, value: link };
  if (text === '') {
    // Any other column's link: a name cell hyperlinked to the profile.
    const elsewhere = [...row.links.values()].find(looksLikeLink);
    if (elsewhere) return { field, value: elsewhere };
  }
  return { field, value: text };
}

function* rowToItems(source: SourceRef, row: SheetRow, columns: ColumnMap, nextOrder: () => number, context: ListContext): Generator<ListItem> {
  const { fields } = columns;
  const { field: accountField, value } = accountValue(row, columns);
  const name = cell(row.cells, fields.name);
  const resolution = resolveAccount(cell(row.cells, fields.platform), value, context, name);
  if (resolution.kind === 'problem') {
    const index = resolution.field === 'platform' ? fields.platform : fields[accountField];
    const column = index === undefined ? resolution.field : (columns.headers[index] ?? resolution.field);
    yield { kind: 'problem', problem: { source, column, code: resolution.code, params: resolution.params } };
    return;
  }
  if (resolution.note) {
    const column = fields.platform === undefined ? 'platform' : (columns.headers[fields.platform] ?? 'platform');
    yield { kind: 'note', note: { source, column, code: resolution.note.code, params: resolution.note.params } };
  }
  const manual = manualCheck(row.cells, columns);
  if (manual && 'note' in manual) yield { kind: 'note', note: { source, column: columns.headers[fields.manualStatus!] ?? 'manual check', ...manual.note } };
  const extra: Record<string, string> = {};
  for (const { index, header } of columns.extra) extra[header] = cell(row.cells, index);
  const optional = (f: Field) => cell(row.cells, fields[f]) || undefined;
  yield {
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
      ...(manual && 'status' in manual ? { manual } : {}),
      extra,
      source,
      order: nextOrder(),
    },
  };
}

/**
 * What a person recorded after checking the account by hand (人工核查结果 and
 * 人工核查日期): a verdict and the day, or a note when either is not understood.
 */
function manualCheck(cells: readonly string[], columns: ColumnMap): Account['manual'] | { note: Pick<ListNote, 'code' | 'params'> } | undefined {
  const result = cell(cells, columns.fields.manualStatus);
  if (result === '') return undefined;
  const status = statusNamed(result);
  const day = parseChineseDate(cell(cells, columns.fields.manualDate), new Date());
  if (!status || status === 'unverified' || !day) {
    return { note: { code: 'bad-manual-check', params: { value: `${result} ${cell(cells, columns.fields.manualDate)}`.trim(), expected: MANUAL_STATUSES } } };
  }
  return { status, checkedOn: toChinaIso(day).slice(0, 10) };
}

const MANUAL_STATUSES = 'active/活跃, inactive/更新不及时, zombie/僵尸账号, not-found/账号不存在';

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

import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type * as ExcelJSModule from 'exceljs';

/*
 * Account lists kept as workbooks. `.xlsx` is read as a stream by ExcelJS, so
 * a 100,000-row register validates in flat memory; the older binary formats
 * (`.xls`, WPS `.et`) and OpenDocument (`.ods`) by SheetJS, whose whole-file
 * read is bounded by those formats' own size (65,536 rows for `.xls`).
 * Either library is loaded only when a workbook is read. Cells come out as a
 * person sees them: a formula's stored result (never evaluated here), a date
 * as YYYY-MM-DD, and an id Excel already turned into a float as Excel shows it
 * (`1.23E+18`), so that the list reader can say why it cannot be used.
 */

export type ListFormat = 'text' | 'xlsx' | 'ods' | 'cfb' | 'zip';

/** The kind of file, from its first bytes: a workbook is never taken for text in some encoding. */
export function detectFormat(head: Buffer): ListFormat {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const text = head.subarray(0, 2048).toString('latin1');
    // OpenDocument stores its `mimetype` entry first and uncompressed.
    if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    return text.includes('[Content_Types].xml') || text.includes('xl/') || text.includes('docProps/') ? 'xlsx' : 'zip';
  }
  // The compound-file signature of .xls and WPS .et.
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'cfb';
  return 'text';
}

/** One row of a sheet, as text, with the link targets of hyperlinked cells by column. */
export interface SheetRow {
  sheet: string;
  /** The row number the spreadsheet shows. */
  row: number;
  cells: string[];
  links: ReadonlyMap<number, string>;
}

/** Which sheet to read: by name, by 1-based position, or the first whose header gov-audit recognises. */
export type SheetChoice = { name: string } | { position: number } | undefined;

export class WorkbookError extends Error {
  constructor(
    readonly code: 'no-such-sheet' | 'not-a-workbook',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'WorkbookError';
  }
}

/** A sheet as a stream of rows; the caller stops reading when it has what it needs. */
export interface SheetSource {
  name: string;
  position: number;
  rows(): AsyncIterable<SheetRow>;
}

/** The sheets of a workbook, in order, each read only when asked. */
export function workbookSheets(file: string, format: Exclude<ListFormat, 'text'>): AsyncIterable<SheetSource> {
  if (format === 'zip') throw new WorkbookError('not-a-workbook', 'a zip archive that is not a workbook');
  return format === 'xlsx' ? xlsxSheets(file) : legacySheets(file);
}

const require = createRequire(import.meta.url);

/** A number as Excel shows it: exact when it is an integer JavaScript holds exactly, else `1.23E+18`. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return value.toExponential().replace('e+', 'E+');
  return String(value);
}

const dateText = (date: Date) => date.toISOString().slice(0, 10);

/** The target of `HYPERLINK("url", "text")`, read from the formula's text (it is never evaluated). */
export function hyperlinkFormulaTarget(formula: string): string | undefined {
  return /^\s*=?\s*HYPERLINK\(\s*"([^"]+)"/i.exec(formula)?.[1];
}

/** An ExcelJS cell value as the text a person sees, and its link target when it has one. */
export function excelValueText(value: ExcelJSModule.CellValue): { text: string; link?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'string') return { text: value };
  if (value instanceof Date) return { text: dateText(value) };
  if ('hyperlink' in value) return { text: excelValueText(value.text as ExcelJSModule.CellValue).text, link: value.hyperlink };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : '';
    const shown = excelValueText((value.result ?? '') as ExcelJSModule.CellValue);
    return { ...shown, link: hyperlinkFormulaTarget(formula ?? '') ?? shown.link };
  }
  if ('error' in value) return { text: String(value.error) };
  return { text: String(value) };
}

/**
 * Whether a zip file ends with its central directory, as a whole one does:
 * a truncated download or a damaged copy is refused here, before a streaming
 * reader half-reads it.
 */
async function hasZipDirectory(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 65_557);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    return tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0;
  } finally {
    await handle.close();
  }
}

/** `.xlsx`, streamed: the hyperlinks of each sheet first (they sit after its rows in the file), then its rows. */
async function* xlsxSheets(file: string): AsyncIterable<SheetSource> {
  if (!(await hasZipDirectory(file))) throw new WorkbookError('not-a-workbook', 'the zip archive is incomplete (no central directory): a truncated or damaged copy');
  const ExcelJS = require('exceljs') as typeof ExcelJSModule;
  const links = await xlsxHyperlinks(ExcelJS, file);
  const reader = workbookReader(ExcelJS, file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  let position = 0;
  for await (const worksheet of reader as AsyncIterable<ExcelJSModule.stream.xlsx.WorksheetReader & { name: string }>) {
    position++;
    const name = worksheet.name;
    const sheetLinks = links.get(name) ?? new Map<string, string>();
    const sheetRows = (worksheet as AsyncIterable<ExcelJSModule.Row>)[Symbol.asyncIterator]();
    let readToEnd = false;
    yield {
      name,
      position,
      async *rows() {
        for (let next = await sheetRows.next(); !next.done; next = await sheetRows.next()) yield xlsxRow(name, next.value, sheetLinks);
        readToEnd = true;
      },
    };
    // A sheet passed over is read to its end, so that its part of the file is closed.
    if (!readToEnd) while (!(await sheetRows.next()).done);
  }
}

function xlsxRow(sheet: string, row: ExcelJSModule.Row, sheetLinks: ReadonlyMap<string, string>): SheetRow {
  const cells: string[] = [];
  const links = new Map<number, string>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const { text, link } = excelValueText(cell.value);
    cells[column - 1] = text.trim();
    const target = sheetLinks.get(cell.address) ?? link;
    if (target) links.set(column - 1, target);
  });
  return { sheet, row: row.number, cells: Array.from(cells, (c) => c ?? ''), links };
}

/** The parts of ExcelJS's streaming reader that its own `parse()` calls, each given one part of the zip. */
interface WorkbookReaderParts {
  options: ExcelJSModule.stream.xlsx.WorkbookStreamReaderOptions;
  parse(): AsyncGenerator<unknown>;
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(part: Readable, sheetNo: string): Generator<unknown>;
}

interface ZipEntry {
  path: string;
  stream(): Readable;
}

/**
 * ExcelJS's streaming reader, reading the zip through its central directory.
 * ExcelJS 4.4.0 reads the archive in one pass, and a sheet stored before the
 * shared strings (as Excel and ExcelJS store them) is first copied to a
 * temporary file: when that copy is slow to open (a loaded machine, an
 * antivirus looking at every new file), the parts that pass by meanwhile are
 * lost, and the read fails or misses a sheet (exceljs#3064); a sheet passed
 * over has its copy deleted under a read still opening it (an uncaught
 * ENOENT). Through the central directory each part is read when it is needed:
 * relationships, workbook, shared strings and styles first, then each sheet
 * and its links in the order they are stored, one at a time, with no
 * temporary file. The rows themselves are still ExcelJS's.
 */
function workbookReader(ExcelJS: typeof ExcelJSModule, file: string, options: Partial<ExcelJSModule.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJSModule.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, options);
  const parts = reader as unknown as WorkbookReaderParts;
  parts.parse = async function* () {
    const unzipper = require('unzipper') as { Open: { file(path: string): Promise<{ files: ZipEntry[] }> } };
    const { files } = await unzipper.Open.file(file);
    const named = new Map(files.map((entry) => [entry.path, entry]));
    const { sharedStrings, styles, hyperlinks } = parts.options;
    // Each part is opened only when ExcelJS will read it; it closes when read to its end (xlsxSheets reads a sheet passed over).
    async function* reading(entry: ZipEntry | undefined, parse: (part: Readable) => AsyncIterable<unknown> | Iterable<unknown> | Promise<void>) {
      if (!entry) return;
      const parsed = parse(entry.stream());
      if (parsed instanceof Promise) await parsed;
      else yield* parsed;
    }
    yield* reading(named.get('xl/_rels/workbook.xml.rels'), (part) => parts._parseRels(part));
    yield* reading(named.get('xl/workbook.xml'), (part) => parts._parseWorkbook(part));
    if (sharedStrings !== 'ignore') yield* reading(named.get('xl/sharedStrings.xml'), (part) => parts._parseSharedStrings(part));
    if (styles === 'cache') yield* reading(named.get('xl/styles.xml'), (part) => parts._parseStyles(part));
    for (const entry of files) {
      const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path)?.[1];
      if (sheet) yield* reading(entry, (part) => parts._parseWorksheet(part, sheet));
      const links = /^xl\/worksheets\/_rels\/sheet(\d+)\.xml\.rels$/.exec(entry.path)?.[1];
      if (links && hyperlinks === 'emit') yield* reading(entry, (part) => parts._parseHyperlinks(part, links));
    }
  };
  return reader;
}

/**
 * Each sheet's hyperlinks, cell address → target: a first, light pass that
 * keeps no row. A sheet's `<hyperlink ref r:id>` and its relationships file
 * (the targets) are matched by the sheet's file number, which ExcelJS tells
 * only through its `entry` events.
 */
async function xlsxHyperlinks(ExcelJS: typeof ExcelJSModule, file: string): Promise<Map<string, Map<string, string>>> {
  const reader = workbookReader(ExcelJS, file, { sharedStrings: 'ignore', hyperlinks: 'emit', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let fileNumber = '';
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { id?: string }) => {
    if (entry.id !== undefined) fileNumber = String(entry.id);
  });
  const refsByFile = new Map<string, { name: string; refs: Map<string, string> }>();
  const targetsByFile = new Map<string, Map<string, string>>();
  type Batch = { eventType: string; value: { ref?: string; rId?: string } }[];
  type Parsed =
    | { eventType: 'worksheet'; value: { name: string; parse(): AsyncIterable<Batch> } }
    | { eventType: 'hyperlinks'; value: NodeJS.EventEmitter & { read(): Promise<void> } };
  for await (const event of (reader as unknown as { parse(): AsyncIterable<Parsed> }).parse()) {
    const number = fileNumber;
    if (event.eventType === 'worksheet') {
      const refs = new Map<string, string>();
      for await (const batch of event.value.parse()) for (const e of batch) if (e.eventType === 'hyperlink') refs.set(e.value.ref!, e.value.rId!);
      refsByFile.set(number, { name: event.value.name, refs });
    } else if (event.eventType === 'hyperlinks') {
      const targets = new Map<string, string>();
      event.value.on('hyperlink', (rel: { rId: string; target?: string }) => rel.target && targets.set(rel.rId, rel.target));
      await event.value.read();
      targetsByFile.set(number, targets);
    }
  }
  const result = new Map<string, Map<string, string>>();
  for (const [number, { name, refs }] of refsByFile) {
    const targets = targetsByFile.get(number) ?? new Map<string, string>();
    result.set(name, new Map([...refs].flatMap(([ref, rId]) => (targets.has(rId) ? [[ref, targets.get(rId)!] as const] : []))));
  }
  return result;
}

/** `.xls`, `.et` and `.ods`, through SheetJS: read whole (these formats are small), then row by row. */
async function* legacySheets(file: string): AsyncIterable<SheetSource> {
  const XLSX = require('@e965/xlsx') as typeof import('@e965/xlsx');
  let book: import('@e965/xlsx').WorkBook;
  // SheetJS writes its doubts about number formats to the console; they concern display, never an account.
  const { error: consoleError, warn: consoleWarn } = console;
  console.error = console.warn = () => undefined;
  try {
    book = XLSX.readFile(file, { cellDates: true, cellFormula: true, cellHTML: false, dense: true });
  } catch (error) {
    throw new WorkbookError('not-a-workbook', (error as Error).message);
  } finally {
    Object.assign(console, { error: consoleError, warn: consoleWarn });
  }
  for (const [index, name] of book.SheetNames.entries()) {
    const sheet = book.Sheets[name]!;
    yield {
      name,
      position: index + 1,
      async *rows() {
        const data = (sheet as unknown as { '!data'?: (import('@e965/xlsx').CellObject | undefined)[][] })['!data'] ?? [];
        for (const [r, row] of data.entries()) {
          if (!row) continue;
          const cells: string[] = [];
          const links = new Map<number, string>();
          row.forEach((cell, c) => {
            if (!cell) return;
            cells[c] = legacyCellText(cell).trim();
            const link = cell.l?.Target ?? (cell.f ? hyperlinkFormulaTarget(cell.f) : undefined);
            if (link) links.set(c, link);
          });
          yield { sheet: name, row: r + 1, cells: Array.from(cells, (x) => x ?? ''), links };
        }
      },
    };
  }
}

function legacyCellText(cell: import('@e965/xlsx').CellObject): string {
  if (cell.v instanceof Date) return dateText(cell.v);
  if (typeof cell.v === 'number') return numberText(cell.v);
  if (typeof cell.v === 'boolean') return cell.v ? 'TRUE' : 'FALSE';
  return String(cell.v ?? cell.w ?? '');
}

import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import type * as ExcelJSModule from 'exceljs';
import { refuseCompoundLoops } from './cfb-guard.js';
import { detectEncoding } from './encoding.js';
import { DEFAULT_LIST_LIMITS, LIMIT_VARIABLES, ListLimitError, type ListLimits } from './limits.js';
import { countOdsCells } from './ods-cells.js';
import { boundedBuffer, boundedStream, checkInflatedSizes, inspectZip, type InflateBudget, type ZipEntryInfo } from './zip-guard.js';

/*
 * Account lists kept as workbooks. `.xlsx` is read as a stream by ExcelJS, so
 * a 100,000-row register validates in flat memory; the older binary formats
 * (`.xls`, WPS `.et`) and OpenDocument (`.ods`) by SheetJS, whose whole-file
 * read is bounded by those formats' own size (65,536 rows for `.xls`).
 * Either library is loaded only when a workbook is read. Cells come out as a
 * person sees them: a formula's stored result (never evaluated here), a date
 * as YYYY-MM-DD, and an id Excel already turned into a float as Excel shows it
 * (`1.23E+18`), so that the list reader can say why it cannot be used.
 * Which kind a file is comes from its content, never its name alone; a file
 * of another kind (a Word document, a PDF, a picture) is named for what it is.
 */

/** `markup`: an HTML table or an Excel 2003 XML spreadsheet, as web systems export a register under an `.xls` name. */
export type ListFormat = 'text' | 'xlsx' | 'ods' | 'cfb' | 'zip' | 'markup';

/** The kind of file, from its first bytes: a workbook is never taken for text in some encoding. */
export function detectFormat(head: Buffer): ListFormat {
  if (head.subarray(0, 4).equals(ZIP)) {
    const text = head.subarray(0, 2048).toString('latin1');
    // OpenDocument stores its `mimetype` entry first and uncompressed.
    if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    return text.includes('[Content_Types].xml') || text.includes('xl/') || text.includes('docProps/') ? 'xlsx' : 'zip';
  }
  // The compound-file signature of .xls and WPS .et (and of .doc, .wps, .ppt: see identifyFile).
  if (head.subarray(0, 8).equals(CFB)) return 'cfb';
  if (MARKUP.test(head.subarray(0, 1024).toString('latin1'))) return 'markup';
  return 'text';
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** A web page or an XML spreadsheet from its start (after a byte-order mark): never a CSV's header. */
const MARKUP = /^(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html|<table|<\?xml[^>]*>\s*(?:<\?mso-application[^>]*>\s*)?(?:<!--[^]*?-->\s*)?<(?:ss:)?Workbook\b)/i;

/**
 * A file that is no list of accounts, named for what it is so that the
 * message can say what to give instead: `kind` picks the words, `type` is the
 * format as its extension names it (docx, pdf, png…).
 */
export interface OtherKind {
  kind: 'word' | 'wps-writer' | 'presentation' | 'pdf' | 'image' | 'archive' | 'encrypted' | 'wps-spreadsheet';
  type: string;
}

/** What the first bytes alone tell: a PDF, a picture, an RTF document, an archive other than zip. */
export function otherKindOf(head: Buffer): OtherKind | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const ascii = head.subarray(0, 16).toString('latin1');
  if (ascii.startsWith('%PDF-')) return { kind: 'pdf', type: 'pdf' };
  if (ascii.startsWith('{\\rtf')) return { kind: 'word', type: 'rtf' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'image', type: 'png' };
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'image', type: 'jpg' };
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return { kind: 'image', type: 'gif' };
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return { kind: 'image', type: 'webp' };
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return { kind: 'image', type: 'tif' };
  // A phone's photo (HEIC), an ISO media file whose brand is an image's.
  if (ascii.slice(4, 8) === 'ftyp' && /^(?:hei[cxs]|hev[cx]|mif1|msf1|avif)$/.test(ascii.slice(8, 12))) return { kind: 'image', type: ascii.slice(8, 12) === 'avif' ? 'avif' : 'heic' };
  // A bitmap: "BM", then its size, then four bytes reserved as zero (never in text).
  if (ascii.startsWith('BM') && head.length >= 14 && head.readUInt32LE(6) === 0) return { kind: 'image', type: 'bmp' };
  if (starts(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07)) return { kind: 'archive', type: 'rar' };
  if (starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return { kind: 'archive', type: '7z' };
  if (starts(0x1f, 0x8b)) return { kind: 'archive', type: 'gz' };
  return undefined;
}

/**
 * What the file is, from its content and never from its name alone: a list
 * to read (CSV or a workbook, with the reader it needs) or another kind of
 * file. A zip is told apart by its parts (a Word document holds
 * `word/document.xml`, a presentation `ppt/`), a compound file by its streams
 * (`WordDocument`, `PowerPoint Document`, `EncryptedPackage` for any Office
 * file under a password). The file's extension only chooses between two names
 * of one content (.doc and WPS .wps).
 */
export async function identifyFile(file: string, head: Buffer, limits: ListLimits = DEFAULT_LIST_LIMITS): Promise<{ format: Exclude<ListFormat, 'zip'> } | { other: OtherKind }> {
  const other = otherKindOf(head);
  if (other) return { other };
  const format = detectFormat(head);
  if (format === 'text' || format === 'markup') return { format };
  if (format === 'cfb') return compoundKind(file, limits);
  // Before any library opens it: too many entries, overlapping ones, or sizes over the limits are refused here.
  inspectZip(file, limits);
  if (!(await hasZipDirectory(file))) {
    // A damaged copy: its first part names still tell a document from a workbook.
    const text = head.toString('latin1');
    if (/word\/(?:document|_rels)/.test(text)) return { other: { kind: 'word', type: 'docx' } };
    if (/ppt\/(?:presentation|slides|_rels)/.test(text)) return { other: { kind: 'presentation', type: 'pptx' } };
    return { format: format === 'ods' ? 'ods' : 'xlsx' };
  }
  return zipKind(file, format);
}

async function zipKind(file: string, guess: 'xlsx' | 'ods' | 'zip'): Promise<{ format: 'xlsx' | 'ods' } | { other: OtherKind }> {
  let parts: ZipParts;
  try {
    parts = await zipParts(file, DEFAULT_LIST_LIMITS);
  } catch {
    return { format: guess === 'ods' ? 'ods' : 'xlsx' };
  }
  const mimetype = parts.get('mimetype');
  if (mimetype) {
    const type = (await mimetype.buffer()).toString('latin1').trim();
    if (type === 'application/vnd.oasis.opendocument.spreadsheet') return { format: 'ods' };
    if (type.startsWith('application/vnd.oasis.opendocument.text')) return { other: { kind: 'word', type: 'odt' } };
    if (type.startsWith('application/vnd.oasis.opendocument.presentation')) return { other: { kind: 'presentation', type: 'odp' } };
  }
  const main = await officeDocument(parts);
  const names = [...parts.keys()];
  if (main?.startsWith('word/') || parts.has('word/document.xml')) return { other: { kind: 'word', type: 'docx' } };
  if (main?.startsWith('ppt/') || names.some((n) => n.startsWith('ppt/'))) return { other: { kind: 'presentation', type: 'pptx' } };
  if ((main && parts.has(main)) || names.some((n) => n.startsWith('xl/'))) return { format: 'xlsx' };
  if (guess === 'ods') return { format: 'ods' };
  // An Office package of some other kind is refused as a workbook that cannot be read; a plain archive is named.
  if (parts.has('[content_types].xml')) return { format: 'xlsx' };
  return { other: { kind: 'archive', type: 'zip' } };
}

/** A compound file: a workbook for SheetJS (.xls, WPS .et), or a document, a presentation, an encrypted Office file. */
async function compoundKind(file: string, limits: ListLimits): Promise<{ format: 'cfb' } | { other: OtherKind }> {
  const XLSX = require('@e965/xlsx') as typeof import('@e965/xlsx');
  const extension = extname(file).toLowerCase();
  // Read whole, as SheetJS reads it, and refused first when a chain of its sectors loops.
  const bytes = await wholeFile(file, limits);
  refuseCompoundLoops(bytes);
  let streams: Set<string>;
  try {
    streams = new Set((XLSX.CFB as { read(data: Buffer, options: { type: 'buffer' }): { FileIndex: { name: string }[] } }).read(bytes, { type: 'buffer' }).FileIndex.map((entry) => entry.name.toLowerCase()));
  } catch {
    return extension === '.et' ? { other: { kind: 'wps-spreadsheet', type: 'et' } } : { format: 'cfb' };
  }
  // The extension names the kind of Office file the password hides, when it is one of theirs.
  if (streams.has('encryptedpackage')) return { other: { kind: 'encrypted', type: /^\.(?:xls[xmb]?|et|docx?|wps|pptx?|dps)$/.test(extension) ? extension.slice(1) : 'xlsx' } };
  if (streams.has('workbook') || streams.has('book')) return { format: 'cfb' };
  if (streams.has('worddocument')) return { other: extension === '.wps' ? { kind: 'wps-writer', type: 'wps' } : { kind: 'word', type: 'doc' } };
  if (streams.has('powerpoint document')) return { other: { kind: 'presentation', type: extension === '.dps' ? 'dps' : 'ppt' } };
  if (extension === '.et') return { other: { kind: 'wps-spreadsheet', type: 'et' } };
  if (extension === '.wps') return { other: { kind: 'wps-writer', type: 'wps' } };
  return { format: 'cfb' };
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
    readonly code: 'no-such-sheet' | 'not-a-workbook' | 'not-a-list',
    readonly detail: string,
    /** For `not-a-list`: what the file is. */
    readonly other?: OtherKind,
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
export function workbookSheets(file: string, format: Exclude<ListFormat, 'text' | 'zip'>, limits: ListLimits = DEFAULT_LIST_LIMITS): AsyncIterable<SheetSource> {
  return format === 'xlsx' ? xlsxSheets(file, limits) : legacySheets(file, limits, format);
}

/** A file SheetJS reads whole, refused when it is larger than the limit. */
async function wholeFile(file: string, limits: ListLimits): Promise<Buffer> {
  if ((await stat(file)).size > limits.maxWholeFileBytes) throw new ListLimitError('whole-file', limits.maxWholeFileBytes);
  return readFile(file);
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
async function* xlsxSheets(file: string, limits: ListLimits): AsyncIterable<SheetSource> {
  if (!(await hasZipDirectory(file))) throw new WorkbookError('not-a-workbook', 'the zip archive is incomplete (no central directory): a truncated or damaged copy');
  const ExcelJS = require('exceljs') as typeof ExcelJSModule;
  const zip = await zipParts(file, limits);
  const layout = await workbookLayout(zip);
  // Elements with a namespace prefix: SheetJS reads them (whole, as it reads .xls), ExcelJS finds no row.
  if (layout.prefixed) return yield* legacySheets(file, limits, 'xlsx');
  const links = await xlsxHyperlinks(ExcelJS, file, zip, layout);
  const reader = workbookReader(ExcelJS, file, zip, layout, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  boundSharedStrings(reader, limits);
  for await (const worksheet of reader as AsyncIterable<ExcelJSModule.stream.xlsx.WorksheetReader & { name: string; position: number }>) {
    const { name, position } = worksheet;
    const sheetLinks = links.get(position) ?? new Map<string, string>();
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
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(part: Readable, sheetNo: string): Generator<unknown>;
}

interface ZipEntry {
  path: string;
  stream(): Readable;
  buffer(): Promise<Buffer>;
}

/** A zip's parts by name, folded to lower case: part names of an Office package are case-insensitive. */
type ZipParts = Map<string, ZipEntry>;

/**
 * The parts of a zip, each read through the limits: a part stops at
 * `maxPartBytes` inflated (a part read whole, a workbook's own XML, at
 * WHOLE_PART_BYTES; the shared strings, which are all held while the sheets
 * are read, at a quarter), and all the parts read from the file share
 * `maxUnzippedBytes`. The zip's directory was inspected first (identifyFile).
 */
async function zipParts(file: string, limits: ListLimits): Promise<ZipParts> {
  const unzipper = require('unzipper') as { Open: { file(path: string): Promise<{ files: (ZipEntry & { type?: string })[] }> } };
  const { files } = await unzipper.Open.file(file);
  const budget: InflateBudget = { left: limits.maxUnzippedBytes };
  const parts: ZipParts = new Map();
  for (const entry of files) {
    const name = entry.path.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
    if (entry.type === 'Directory' || parts.has(name)) continue;
    const streamMax = /(^|\/)sharedstrings\.xml$/.test(name) ? Math.floor(limits.maxPartBytes / 4) : limits.maxPartBytes;
    parts.set(name, {
      path: entry.path,
      stream: () => boundedStream(entry.stream(), streamMax, budget, limits),
      buffer: () => boundedBuffer(entry.stream(), Math.min(limits.maxPartBytes, WHOLE_PART_BYTES), budget, limits),
    });
  }
  return parts;
}

/** A part read whole into a string (the workbook, its relationships, the mimetype): none honest comes near this. */
const WHOLE_PART_BYTES = 64 * 1024 * 1024;

/** ExcelJS keeps every shared string of the workbook while its sheets are read: no more than the limit. */
function boundSharedStrings(reader: ExcelJSModule.stream.xlsx.WorkbookReader, limits: ListLimits): void {
  let strings: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => strings,
    set: (value: unknown[] | undefined) => {
      strings = value && new BoundedList(limits.maxSharedStrings);
    },
  });
}

/** An array that refuses to grow past `max` items. */
class BoundedList<T> extends Array<T> {
  constructor(private readonly max: number) {
    super();
  }

  override push(...items: T[]): number {
    if (this.length + items.length > this.max) throw new ListLimitError('shared-strings', this.max, LIMIT_VARIABLES.maxSharedStrings);
    return super.push(...items);
  }
}

const decodeXml = (text: string) =>
  text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (all, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named!.toLowerCase() as 'amp'] ?? all;
  });

/** The attributes of each `<tag …>` element (any namespace prefix), by local name: `r:id` is `id`, `name` is `name`. */
function elements(xml: string, tag: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  for (const [, attributes] of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, 'g'))) {
    const map = new Map<string, string>();
    for (const [, qualified, double, single] of attributes!.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (qualified === 'xmlns' || qualified!.startsWith('xmlns:')) continue;
      const name = qualified!.replace(/^[\w.-]+:/, '');
      if (!map.has(name)) map.set(name, decodeXml(double ?? single ?? ''));
    }
    found.push(map);
  }
  return found;
}

/**
 * A relationship's target as a part name: relative to the folder of the part
 * that holds the relationship (`worksheets/sheet1.xml` from `xl/workbook.xml`,
 * as Excel, ExcelJS and LibreOffice write it) or absolute from the package
 * root (`/xl/worksheets/sheet1.xml`, as openpyxl writes it).
 */
export function partName(source: string, target: string): string {
  let path = target.replace(/\\/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A target that is not percent-encoded is taken as written.
  }
  const folder = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  const segments: string[] = [];
  for (const segment of (path.startsWith('/') ? path : folder + path).split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/').toLowerCase();
}

/** The relationships part of a part: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
const relsOf = (part: string) => {
  const slash = part.lastIndexOf('/') + 1;
  return `${part.slice(0, slash)}_rels/${part.slice(slash)}.rels`;
};

interface Relationship {
  id: string;
  /** The last segment of its type: `worksheet`, `sharedStrings`, `styles`, `officeDocument`… */
  type: string;
  part: string;
}

async function relationships(parts: ZipParts, source: string): Promise<Relationship[]> {
  const entry = parts.get(relsOf(source));
  if (!entry) return [];
  const xml = (await entry.buffer()).toString('utf8');
  return elements(xml, 'Relationship').flatMap((rel) => {
    const target = rel.get('Target');
    if (!target || rel.get('TargetMode') === 'External') return [];
    return [{ id: rel.get('Id') ?? '', type: (rel.get('Type') ?? '').split('/').pop() ?? '', part: partName(source, target) }];
  });
}

/** The package's main part (`xl/workbook.xml` for a workbook), as `_rels/.rels` names it. */
async function officeDocument(parts: ZipParts): Promise<string | undefined> {
  return (await relationships(parts, '')).find((rel) => rel.type === 'officeDocument')?.part;
}

/** A workbook's sheets as the workbook lists them (its tabs, in order), each with its part. */
interface SheetPart {
  name: string;
  sheetId: string;
  state: string;
  position: number;
  part: string | undefined;
}

interface WorkbookLayout {
  workbook: string;
  /** Whether the workbook writes its elements with a namespace prefix (`<x:workbook>`, as some .NET writers do), which ExcelJS cannot read. */
  prefixed: boolean;
  sheets: SheetPart[];
  sharedStrings: string;
  styles: string;
}

async function workbookLayout(parts: ZipParts): Promise<WorkbookLayout> {
  const main = await officeDocument(parts);
  const workbook = main && parts.has(main) ? main : 'xl/workbook.xml';
  const rels = await relationships(parts, workbook);
  const byId = new Map(rels.map((rel) => [rel.id, rel]));
  const entry = parts.get(workbook);
  const xml = entry ? (await entry.buffer()).toString('utf8') : '';
  const sheets = elements(xml, 'sheet').map((sheet, index): SheetPart => {
    const rel = byId.get(sheet.get('id') ?? '');
    // Without relationships at all (a writer that left them out), the sheets' parts by Excel's own names.
    const part = rel ? (rel.type === 'worksheet' && parts.has(rel.part) ? rel.part : undefined) : rels.length === 0 && parts.has(`xl/worksheets/sheet${index + 1}.xml`) ? `xl/worksheets/sheet${index + 1}.xml` : undefined;
    return { name: sheet.get('name') ?? `Sheet${index + 1}`, sheetId: sheet.get('sheetId') ?? String(index + 1), state: sheet.get('state') ?? 'visible', position: index + 1, part };
  });
  const byType = (type: string, fallback: string) => rels.find((rel) => rel.type === type && parts.has(rel.part))?.part ?? fallback;
  const prefixed = /<[\w.-]+:workbook\b/.test(xml);
  return { workbook, prefixed, sheets, sharedStrings: byType('sharedStrings', 'xl/sharedstrings.xml'), styles: byType('styles', 'xl/styles.xml') };
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
 * workbook, shared strings and styles first, then each sheet and its links in
 * the order of the workbook's tabs, one at a time, with no temporary file.
 * Which part is which sheet, and its name, come from the workbook and its
 * relationships, whatever form their targets take (ExcelJS itself knows only
 * `worksheets/sheetN.xml`, and calls every other sheet "SheetN"). The rows
 * themselves are still ExcelJS's.
 */
function workbookReader(
  ExcelJS: typeof ExcelJSModule,
  file: string,
  zip: ZipParts,
  layout: WorkbookLayout,
  options: Partial<ExcelJSModule.stream.xlsx.WorkbookStreamReaderOptions>,
): ExcelJSModule.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, options);
  const parts = reader as unknown as WorkbookReaderParts;
  parts.parse = async function* () {
    const { sharedStrings, styles, hyperlinks } = parts.options;
    // Each part is opened only when ExcelJS will read it; it closes when read to its end (xlsxSheets reads a sheet passed over).
    async function* reading(entry: ZipEntry | undefined, parse: (part: Readable) => AsyncIterable<unknown> | Iterable<unknown> | Promise<void>) {
      if (!entry) return;
      const parsed = parse(entry.stream());
      if (parsed instanceof Promise) await parsed;
      else yield* parsed;
    }
    yield* reading(zip.get(layout.workbook), (part) => parts._parseWorkbook(part));
    if (sharedStrings !== 'ignore') yield* reading(zip.get(layout.sharedStrings), (part) => parts._parseSharedStrings(part));
    if (styles === 'cache') yield* reading(zip.get(layout.styles), (part) => parts._parseStyles(part));
    for (const sheet of layout.sheets) {
      if (!sheet.part) continue;
      // The sheet's tab position is its key: it ties a sheet's rows to its links (the `entry` events).
      const key = String(sheet.position);
      for await (const event of reading(zip.get(sheet.part), (part) => parts._parseWorksheet(part, key))) {
        const { eventType, value } = event as { eventType: string; value: Record<string, unknown> };
        if (eventType === 'worksheet') Object.assign(value, { name: sheet.name, state: sheet.state, position: sheet.position });
        yield event;
      }
      if (hyperlinks === 'emit') yield* reading(zip.get(relsOf(sheet.part)), (part) => parts._parseHyperlinks(part, key));
    }
  };
  return reader;
}

/**
 * Each sheet's hyperlinks, by tab position, then cell address → target: a
 * first, light pass that keeps no row. A sheet's `<hyperlink ref r:id>` and
 * its relationships file (the targets) are matched by the key the reader gives
 * both, which ExcelJS tells only through its `entry` events.
 */
async function xlsxHyperlinks(ExcelJS: typeof ExcelJSModule, file: string, zip: ZipParts, layout: WorkbookLayout): Promise<Map<number, Map<string, string>>> {
  const reader = workbookReader(ExcelJS, file, zip, layout, { sharedStrings: 'ignore', hyperlinks: 'emit', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let sheetKey = '';
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { id?: string }) => {
    if (entry.id !== undefined) sheetKey = String(entry.id);
  });
  const refsBySheet = new Map<string, Map<string, string>>();
  const targetsBySheet = new Map<string, Map<string, string>>();
  type Batch = { eventType: string; value: { ref?: string; rId?: string } }[];
  type Parsed =
    | { eventType: 'worksheet'; value: { parse(): AsyncIterable<Batch> } }
    | { eventType: 'hyperlinks'; value: NodeJS.EventEmitter & { read(): Promise<void> } };
  for await (const event of (reader as unknown as { parse(): AsyncIterable<Parsed> }).parse()) {
    const key = sheetKey;
    if (event.eventType === 'worksheet') {
      const refs = new Map<string, string>();
      for await (const batch of event.value.parse()) for (const e of batch) if (e.eventType === 'hyperlink') refs.set(e.value.ref!, e.value.rId!);
      refsBySheet.set(key, refs);
    } else if (event.eventType === 'hyperlinks') {
      const targets = new Map<string, string>();
      event.value.on('hyperlink', (rel: { rId: string; target?: string }) => rel.target && targets.set(rel.rId, rel.target));
      await event.value.read();
      targetsBySheet.set(key, targets);
    }
  }
  const result = new Map<number, Map<string, string>>();
  for (const [key, refs] of refsBySheet) {
    const targets = targetsBySheet.get(key) ?? new Map<string, string>();
    result.set(Number(key), new Map([...refs].flatMap(([ref, rId]) => (targets.has(rId) ? [[ref, targets.get(rId)!] as const] : []))));
  }
  return result;
}

/**
 * What SheetJS is given, checked first against the limits SheetJS itself has
 * none of: the file's size; a compound file's chains of sectors; a zip's
 * entries inflated (stopping at the limits, whatever sizes they declare);
 * an OpenDocument sheet's cells once its repeated rows and columns are
 * counted, before SheetJS makes one object for each.
 */
async function checkForSheetJs(file: string, limits: ListLimits, format: Exclude<ListFormat, 'text' | 'zip'>): Promise<void> {
  const bytes = await wholeFile(file, limits);
  if (format === 'cfb') return refuseCompoundLoops(bytes);
  if (format !== 'ods' && format !== 'xlsx') return;
  const entries = inspectZip(file, limits);
  if (!entries) return;
  // SheetJS holds every part it inflates at once: together they may take no more than a file read whole.
  checkInflatedSizes(file, entries, limits, Math.min(limits.maxUnzippedBytes, limits.maxWholeFileBytes));
  const content = entries.find((entry) => entry.name.toLowerCase() === 'content.xml');
  if (format === 'ods' && content) countOdsCells(odsContent(bytes, content, limits), limits);
}

/** The inflated text of an OpenDocument's `content.xml` (its size already checked, and bounded again here). */
function odsContent(bytes: Buffer, entry: ZipEntryInfo, limits: ListLimits): string {
  const stored = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  return (entry.method === 8 ? inflateRawSync(stored, { maxOutputLength: Math.min(limits.maxPartBytes, limits.maxWholeFileBytes) }) : stored).toString('utf8');
}

/** `.xls`, `.et`, `.ods`, a web page or XML spreadsheet (and an `.xlsx` ExcelJS cannot read), through SheetJS: read whole (these formats are small), then row by row. */
async function* legacySheets(file: string, limits: ListLimits, format: Exclude<ListFormat, 'text' | 'zip'>): AsyncIterable<SheetSource> {
  const markup = format === 'markup';
  await checkForSheetJs(file, limits, format);
  const XLSX = require('@e965/xlsx') as typeof import('@e965/xlsx');
  let book: import('@e965/xlsx').WorkBook;
  // SheetJS writes its doubts about number formats to the console; they concern display, never an account.
  const { error: consoleError, warn: consoleWarn } = console;
  console.error = console.warn = () => undefined;
  try {
    const options = { cellDates: true, cellFormula: true, cellHTML: false, dense: true } as const;
    // A web page is decoded here, in the encoding its bytes are valid in (UTF-8 or GB18030, as a CSV): SheetJS would take GBK for Latin-1.
    book = markup ? XLSX.read(await markupText(file), { ...options, type: 'string' }) : XLSX.readFile(file, options);
  } catch (error) {
    const message = (error as Error).message;
    // An .xls under a password (its records encrypted inside the workbook stream).
    if (/password|encrypt/i.test(message)) throw new WorkbookError('not-a-list', message, { kind: 'encrypted', type: extname(file).slice(1).toLowerCase() || 'xls' });
    // WPS's own spreadsheet format, where it is not the Excel one SheetJS reads.
    if (extname(file).toLowerCase() === '.et') throw new WorkbookError('not-a-list', message, { kind: 'wps-spreadsheet', type: 'et' });
    throw new WorkbookError('not-a-workbook', message);
  } finally {
    Object.assign(console, { error: consoleError, warn: consoleWarn });
  }
  for (const [index, sheetName] of book.SheetNames.entries()) {
    const sheet = book.Sheets[sheetName]!;
    // A web page's table has no sheet name but the one SheetJS gives it: messages name none, as for a CSV.
    const name = markup && book.SheetNames.length === 1 && sheetName === 'Sheet1' ? '' : sheetName;
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

async function markupText(file: string): Promise<string> {
  const bytes = await readFile(file);
  return new TextDecoder(detectEncoding(bytes)).decode(bytes);
}

function legacyCellText(cell: import('@e965/xlsx').CellObject): string {
  if (cell.v instanceof Date) return dateText(cell.v);
  if (typeof cell.v === 'number') return numberText(cell.v);
  if (typeof cell.v === 'boolean') return cell.v ? 'TRUE' : 'FALSE';
  return String(cell.v ?? cell.w ?? '');
}

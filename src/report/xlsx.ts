import { createRequire } from 'node:module';
import stringWidth from 'string-width';
import type * as ExcelJSModule from 'exceljs';
import { countByStatus, describeNote, describeProblem, duplicatesByKey, type ReportContext } from './context.js';
import { adviceText, CSV_COLUMNS, columnTitle, displayName, extraColumns, findingCells, platformLabel, type Cell, type CsvColumn } from './fields.js';
import { alertLines, changeSection, groupSections, groupValueLabel, noticeLines, ratioNotes, ratioTitle, ratioValues, RATIOS, type RatioValue } from './sections.js';
import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { ratesOf, type GroupRow } from '../audit/groups.js';
import { findNotices, noticesByKey } from '../audit/notices.js';
import { STATUSES, type Status } from '../audit/status.js';
import { CHINA_OFFSET_MS, toChinaMinute } from '../audit/time.js';
import { messages, type Lang } from '../i18n/index.js';

/*
 * The report as a workbook a person hands on and prints. Three sheets:
 * 概况 first (the counts and the ratios, each with what it counts, the
 * rollups, the findings, the changes: figures stored as numbers, shares as
 * numbers formatted as percentages); 问题排名, the columns a leader reads;
 * 明细, every column of the CSV (codes, file, row, checked at …) with an
 * autofilter. Every sheet prints on A4 landscape, one page wide, its header
 * row repeated on each page and frozen on screen. No cell is a formula:
 * ExcelJS writes a string as a string, whatever it starts with.
 */

/** The HTML report's colours, as ARGB fills with white text. */
const FILLS: Record<Status, string> = {
  zombie: 'FFB91C1C',
  inactive: 'FFC2410C',
  'not-found': 'FF6D28D9',
  active: 'FF15803D',
  unverified: 'FF0E7490',
};

const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
/** ExcelJS's paper size for A4. */
const A4 = 9;

/**
 * The CSV's columns, in its order, less those meant for the person running the
 * scan (the platform's raw answer, the options that might help): the workbook
 * is what is handed on, and its reader gets the advice for the account instead.
 * The platform column shows the platform's name, not its code.
 */
const SHOWN: readonly CsvColumn[] = CSV_COLUMNS.filter((c) => c !== 'detail' && c !== 'remedy' && c !== 'platformLabel');

const NUMBER_COLUMNS: ReadonlySet<CsvColumn> = new Set(['rank', 'score', 'postCount', 'followers', 'daysSinceLastPost', 'postsInLast30Days', 'longestGapDays', 'row']);
const DATE_COLUMNS: ReadonlySet<CsvColumn> = new Set(['lastPostAt', 'checkedAt', 'changeSince']);
const WIDTHS: Partial<Record<CsvColumn, number>> = { name: 18, org: 24, region: 14, id: 24, url: 40, detail: 40, remedy: 40, reasonText: 30, lastPostAt: 17, checkedAt: 17 };

/**
 * The list's own columns a leader's ranking keeps: its row number and its
 * remarks, by the headers offices give them. Every other extra column is in 明细.
 */
const LEADER_EXTRAS = /^\s*(序号|编号|备注|备\s*注|说明|no\.?|#|notes?|remarks?)\s*$/i;

const require = createRequire(import.meta.url);

export async function xlsx(report: AuditReport, ctx: ReportContext): Promise<Buffer> {
  const ExcelJS = require('exceljs') as typeof ExcelJSModule;
  const m = messages(ctx.lang);
  const book = new ExcelJS.Workbook();
  book.creator = 'gov-audit';
  book.created = report.scannedAt;
  summarySheet(book.addWorksheet(m.xlsx.summary), report, ctx);
  rankingSheet(book.addWorksheet(m.xlsx.ranking), report, ctx);
  detailSheet(book.addWorksheet(m.xlsx.details), report, ctx);
  for (const sheet of book.worksheets) forPrinting(sheet, ctx.lang);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A4 landscape, one page wide and as many long as it takes, row 1 on every page and frozen on screen, pages numbered. */
function forPrinting(sheet: ExcelJSModule.Worksheet, lang: Lang): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: `&C${messages(lang).xlsx.footer}` };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * A font always named: a font without a name is LibreOffice's default serif,
 * which has no Chinese. Calibri is Excel's default (LibreOffice and WPS take
 * their own equivalent, and a Chinese font for Chinese text).
 */
const font = (style: Partial<ExcelJSModule.Font> = {}): Partial<ExcelJSModule.Font> => ({ name: 'Calibri', family: 2, size: 11, ...style });

const headerStyle = (row: ExcelJSModule.Row) => {
  row.font = font({ bold: true });
  row.alignment = { vertical: 'middle' };
  row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } }));
};

const paintStatus = (cell: ExcelJSModule.Cell, status: Status) => {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[status] } };
  cell.font = font({ color: { argb: 'FFFFFFFF' }, bold: true });
};

/** The columns a leader reads, one row per account in rank order: status and platform in words. */
function rankingSheet(sheet: ExcelJSModule.Worksheet, report: AuditReport, ctx: ReportContext): void {
  const m = messages(ctx.lang);
  const extras = extraColumns(report).filter((header) => LEADER_EXTRAS.test(header));
  const wrap = { wrapText: true, vertical: 'top' } as const;
  const columns: { header: string; width: number; value: (f: RankedFinding) => ExcelJSModule.CellValue; numFmt?: string; wrap?: boolean }[] = [
    { header: m.column.rank, width: 6, value: (f) => f.rank },
    { header: m.column.status, width: 11, value: (f) => m.status[f.status] },
    { header: m.column.name, width: 20, value: (f) => displayName(f) || f.account.id, wrap: true },
    { header: m.column.platform, width: 11, value: (f) => platformLabel(f.account.platform, ctx.lang), wrap: true },
    { header: m.column.org, width: 24, value: (f) => f.account.org ?? null, wrap: true },
    { header: m.column.region, width: 13, value: (f) => f.account.region ?? null, wrap: true },
    { header: m.column.lastPostAt, width: 12, value: (f) => chinaWallClock(f.lastPostAt), numFmt: DATE },
    { header: m.column.daysSinceLastPost, width: 10, value: (f) => f.daysSinceLastPost },
    { header: m.column.advice, width: 42, value: (f) => adviceText(f, ctx.lang, report.thresholds), wrap: true },
    ...extras.map((header) => ({ header, width: Math.max(8, Math.min(30, stringWidth(header) + 4)), value: (f: RankedFinding) => f.account.extra[header] || null, wrap: true })),
  ];
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { ...(c.numFmt ? { numFmt: c.numFmt } : {}), ...(c.wrap ? { alignment: wrap } : {}) } }));
  headerStyle(sheet.getRow(1));
  for (const finding of report.accounts) {
    const row = sheet.addRow(columns.map((c) => c.value(finding)));
    row.alignment = { vertical: 'top' };
    columns.forEach((c, i) => c.wrap && (row.getCell(i + 1).alignment = wrap));
    paintStatus(row.getCell(2), finding.status);
  }
}

/** Every column of the CSV and of the list, as the workbook held before it was made for printing. */
function detailSheet(sheet: ExcelJSModule.Worksheet, report: AuditReport, ctx: ReportContext): void {
  const extras = extraColumns(report);
  const duplicates = duplicatesByKey(report);
  const notices = noticesByKey(findNotices(report.accounts));
  sheet.columns = [
    ...SHOWN.map((c) => ({ header: columnTitle(c, ctx.lang), key: c, width: WIDTHS[c] ?? Math.max(10, columnTitle(c, ctx.lang).length + 4) })),
    ...extras.map((e, i) => ({ header: e, key: `extra${i}`, width: Math.max(12, e.length + 4) })),
  ];
  for (const finding of report.accounts) {
    const cells = findingCells(finding, ctx.lang, duplicates.get(finding.account.key) ?? [], notices.get(finding.account.key) ?? [], report.thresholds);
    const row = sheet.addRow([...SHOWN.map((c) => cellValue(c, cells[c], finding, ctx.lang)), ...extras.map((e) => finding.account.extra[e] ?? null)]);
    paintStatus(row.getCell(SHOWN.indexOf('status') + 1), finding.status);
  }
  headerStyle(sheet.getRow(1));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, report.accounts.length + 1), column: SHOWN.length + extras.length } };
  for (const c of DATE_COLUMNS) sheet.getColumn(c).numFmt = DATE_TIME;
}

/** A cell as its kind: numbers as numbers, instants as dates (China time, as the reports show them), links as links, ids as text. */
function cellValue(column: CsvColumn, value: Cell, finding: RankedFinding, lang: Lang): ExcelJSModule.CellValue {
  if (value === null) return null;
  if (NUMBER_COLUMNS.has(column) && typeof value === 'number') return value;
  if (DATE_COLUMNS.has(column)) return chinaWallClock(column === 'lastPostAt' ? finding.lastPostAt : column === 'checkedAt' ? finding.checkedAt : finding.change?.since ?? null);
  if (column === 'url' && /^https?:\/\//.test(String(value))) return { text: String(value), hyperlink: String(value) };
  if (column === 'platform') return platformLabel(String(value), lang);
  return String(value);
}

/**
 * Excel has no time zones: a date cell shows its wall clock. The reports'
 * instants are China time, so the cell holds China's wall clock.
 */
function chinaWallClock(instant: Date | null | undefined): Date | null {
  return instant ? new Date(instant.getTime() + CHINA_OFFSET_MS) : null;
}

/** The summary's columns: a label, then figures; ten, the width of a rollup. */
const SUMMARY_COLUMNS = 3 + STATUSES.length + 2;
const LABEL_WIDTH = 26;
const FIGURE_WIDTH = 12;

/** The summary: figures as numbers, shares as numbers formatted as percentages, every ratio with a note of what it counts. */
function summarySheet(sheet: ExcelJSModule.Worksheet, report: AuditReport, ctx: ReportContext): void {
  const m = messages(ctx.lang);
  sheet.getColumn(1).width = LABEL_WIDTH;
  for (let c = 2; c <= SUMMARY_COLUMNS; c++) sheet.getColumn(c).width = FIGURE_WIDTH;
  const text = (line: string, style?: Partial<ExcelJSModule.Font>) => longText(sheet, line, style);
  const title = (line: string) => {
    sheet.addRow([]);
    text(line, { bold: true, size: 13 });
  };
  text(report.title ?? m.report.title, { bold: true, size: 16 });
  sheet.addRow([m.report.auditedAt, m.report.chinaTime(toChinaMinute(report.now))]);
  text(m.report.thresholds(report.thresholds.inactiveDays, report.thresholds.zombieDays));
  for (const line of alertLines(report, ctx.lang)) text(line, { bold: true, color: { argb: 'FFC00000' } });

  title(m.report.summary);
  const counts = countByStatus(report.accounts);
  const total = report.accounts.length;
  headerStyle(sheet.addRow([m.column.status, m.report.count, m.xlsx.share]));
  for (const status of STATUSES) {
    const row = sheet.addRow([m.status[status], counts[status], total ? counts[status] / total : null]);
    row.getCell(3).numFmt = PERCENT;
    paintStatus(row.getCell(1), status);
  }
  sheet.addRow([m.report.totalLabel, total]).font = font({ bold: true });

  title(m.rates.title);
  headerStyle(sheet.addRow([m.rates.ratio, m.rates.value, m.rates.numerator, m.rates.denominator]));
  for (const value of ratioValues(ratesOf(counts))) {
    sheet.addRow([ratioTitle(value.ratio, ctx.lang), value.share, value.numerator, value.denominator]).getCell(2).numFmt = PERCENT;
  }
  for (const note of ratioNotes(ctx.lang)) text(note, { italic: true, color: { argb: 'FF4B5563' } });

  for (const { title: groupTitle, rows } of groupSections(report, ctx.lang)) {
    title(groupTitle);
    rollupRows(sheet, rows, ctx.lang);
  }
  const changes = changeSection(report, ctx.lang);
  if (changes) {
    title(changes.title);
    if (changes.sentence) text(changes.sentence);
    if (changes.rows.length) headerStyle(sheet.addRow(changes.headers));
    for (const row of changes.rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  }
  const lists: [string, string[]][] = [
    [m.notices.title, noticeLines(report, ctx.lang)],
    [m.report.problems, report.problems.map((p) => describeProblem(p, ctx.lang))],
    [m.report.notes, report.notes.map((n) => describeNote(n, ctx.lang))],
  ];
  for (const [heading, lines] of lists) {
    if (!lines.length) continue;
    title(heading);
    for (const line of lines) text(line);
  }
}

/** A rollup: the group, its accounts, each status's count, then each ratio as a number formatted as a percentage; the notes under it. */
function rollupRows(sheet: ExcelJSModule.Worksheet, rows: readonly GroupRow[], lang: Lang): void {
  const m = messages(lang);
  headerStyle(sheet.addRow([m.groups.field[rows[0]?.field ?? 'org'] ?? '', m.groups.total, ...STATUSES.map((s) => m.status[s]), ...RATIOS.map((r) => ratioTitle(r, lang))]));
  for (const group of rows) {
    const shares = ratioValues(group.rates).map((value: RatioValue) => value.share);
    const row = sheet.addRow([groupValueLabel(group, lang), group.total, ...STATUSES.map((s) => group.byStatus[s]), ...shares]);
    for (let i = 0; i < shares.length; i++) row.getCell(3 + STATUSES.length + i).numFmt = PERCENT;
  }
  for (const note of ratioNotes(lang)) longText(sheet, note, { italic: true, color: { argb: 'FF4B5563' } });
}

/**
 * A line of text across the summary's width, wrapped: merged over every
 * column so that it prints whole, its height set from its length (neither
 * Excel nor LibreOffice sizes a merged row by itself).
 */
function longText(sheet: ExcelJSModule.Worksheet, text: string, style: Partial<ExcelJSModule.Font> = {}): void {
  const row = sheet.addRow([text]);
  row.font = font(style);
  sheet.mergeCells(row.number, 1, row.number, SUMMARY_COLUMNS);
  row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  const width = LABEL_WIDTH + FIGURE_WIDTH * (SUMMARY_COLUMNS - 1);
  // A column's width counts characters of the default font; a Chinese character takes two.
  const size = style.size ?? 11;
  const lines = Math.max(1, Math.ceil((stringWidth(text) * size) / 11 / (width * 0.95)));
  row.height = lines * size * 1.45;
}

import { createRequire } from 'node:module';
import type * as ExcelJSModule from 'exceljs';
import { countByStatus, describeNote, describeProblem, duplicatesByKey, type ReportContext } from './context.js';
import { CSV_COLUMNS, columnTitle, extraColumns, findingCells, platformLabel, type Cell, type CsvColumn } from './fields.js';
import { alertLines, changeSection, groupSections, groupTable, noticeLines } from './sections.js';
import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { findNotices, noticesByKey } from '../audit/notices.js';
import { STATUSES, type Status } from '../audit/status.js';
import { CHINA_OFFSET_MS, toChinaMinute } from '../audit/time.js';
import { messages } from '../i18n/index.js';

/*
 * The report as a workbook a person hands on: a ranking sheet (header frozen,
 * an autofilter, status cells coloured as in the HTML report, links as
 * hyperlinks, counts as numbers, dates as dates, long ids as text, every extra
 * column of the list) and a summary sheet (counts per status, the rollups,
 * the findings, the changes, the rows that were not accounts). No cell is a
 * formula: ExcelJS writes a string as a string, whatever it starts with.
 */

/** The HTML report's colours, as ARGB fills with white text. */
const FILLS: Record<Status, string> = {
  zombie: 'FFB91C1C',
  inactive: 'FFC2410C',
  'not-found': 'FF6D28D9',
  active: 'FF15803D',
  unverified: 'FF0E7490',
};

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

const require = createRequire(import.meta.url);

export async function xlsx(report: AuditReport, ctx: ReportContext): Promise<Buffer> {
  const ExcelJS = require('exceljs') as typeof ExcelJSModule;
  const m = messages(ctx.lang);
  const book = new ExcelJS.Workbook();
  book.creator = 'gov-audit';
  book.created = report.scannedAt;
  rankingSheet(book.addWorksheet(m.xlsx.ranking), report, ctx);
  summarySheet(book.addWorksheet(m.xlsx.summary), report, ctx);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function rankingSheet(sheet: ExcelJSModule.Worksheet, report: AuditReport, ctx: ReportContext): void {
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
    const status = row.getCell(SHOWN.indexOf('status') + 1);
    status.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[finding.status] } };
    status.font = { color: { argb: 'FFFFFFFF' }, bold: true };
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, report.accounts.length + 1), column: SHOWN.length + extras.length } };
  for (const c of DATE_COLUMNS) sheet.getColumn(c).numFmt = 'yyyy-mm-dd hh:mm';
}

/** A cell as its kind: numbers as numbers, instants as dates (China time, as the reports show them), links as links, ids as text. */
function cellValue(column: CsvColumn, value: Cell, finding: RankedFinding, lang: ReportContext['lang']): ExcelJSModule.CellValue {
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

function summarySheet(sheet: ExcelJSModule.Worksheet, report: AuditReport, ctx: ReportContext): void {
  const m = messages(ctx.lang);
  sheet.getColumn(1).width = 36;
  for (let c = 2; c <= 8; c++) sheet.getColumn(c).width = 16;
  const title = (text: string) => {
    if (sheet.rowCount) sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true, size: 13 };
  };
  sheet.addRow([report.title ?? m.report.title]).font = { bold: true, size: 16 };
  sheet.addRow([m.report.auditedAt, toChinaMinute(report.now)]);
  sheet.addRow([m.report.thresholds(report.thresholds.inactiveDays, report.thresholds.zombieDays)]);
  for (const line of alertLines(report, ctx.lang)) sheet.addRow([line]).font = { bold: true, color: { argb: 'FFC00000' } };
  title(m.report.summary);
  const counts = countByStatus(report.accounts);
  sheet.addRow([m.report.totalLabel, report.accounts.length]).font = { bold: true };
  for (const status of STATUSES) {
    const row = sheet.addRow([m.status[status], counts[status]]);
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[status] } };
    row.getCell(1).font = { color: { argb: 'FFFFFFFF' }, bold: true };
  }
  const changes = changeSection(report, ctx.lang);
  if (changes) {
    title(changes.title);
    if (changes.sentence) sheet.addRow([changes.sentence]);
    if (changes.rows.length) sheet.addRow(changes.headers).font = { bold: true };
    for (const row of changes.rows) sheet.addRow(row);
  }
  for (const { title: groupTitle, rows } of groupSections(report, ctx.lang)) {
    title(groupTitle);
    const { headers, cells } = groupTable(rows, ctx.lang);
    sheet.addRow(headers).font = { bold: true };
    for (const row of cells) sheet.addRow(row);
  }
  const lists: [string, string[]][] = [
    [m.notices.title, noticeLines(report, ctx.lang)],
    [m.report.problems, report.problems.map((p) => describeProblem(p, ctx.lang))],
    [m.report.notes, report.notes.map((n) => describeNote(n, ctx.lang))],
  ];
  for (const [heading, lines] of lists) {
    if (!lines.length) continue;
    title(heading);
    for (const line of lines) sheet.addRow([line]);
  }
}

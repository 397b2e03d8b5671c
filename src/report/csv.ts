import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, columnTitle, extraColumns, findingCells, type Cell } from './fields.js';
import { duplicatesByKey, type Reporter, type ReportContext } from './context.js';
import { escapeControl } from './control.js';
import type { AuditReport } from '../audit/finding.js';
import { rollup } from '../audit/groups.js';
import { findNotices, noticesByKey } from '../audit/notices.js';
import { STATUSES } from '../audit/status.js';
import { messages } from '../i18n/index.js';
import { groupValueLabel } from './sections.js';

/** A cell a spreadsheet would run as a formula starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell that Excel, WPS or LibreOffice would take for a
 * formula (OWASP's CSV-injection advice): it gets a leading apostrophe.
 * Numbers stay numbers.
 */
export function safeCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const ROWS_PER_CHUNK = 500;

/**
 * One row per account, the stable columns first, then the input's extra
 * columns; produced a few hundred rows at a time, so that a national list
 * is written without ever holding the whole text.
 */
export function* csvChunks(report: AuditReport, ctx: ReportContext): Generator<string> {
  const extras = extraColumns(report);
  const duplicates = duplicatesByKey(report);
  const notices = noticesByKey(findNotices(report.accounts));
  yield toCsv([[...CSV_COLUMNS.map((c) => columnTitle(c, ctx.lang)), ...extras]]);
  let rows: Cell[][] = [];
  for (const finding of report.accounts) {
    const cells = findingCells(finding, ctx.lang, duplicates.get(finding.account.key) ?? [], notices.get(finding.account.key) ?? [], report.thresholds, ctx.verbose);
    rows.push([...CSV_COLUMNS.map((c) => cells[c]), ...extras.map((e) => finding.account.extra[e] ?? null)]);
    if (rows.length === ROWS_PER_CHUNK) {
      yield toCsv(rows);
      rows = [];
    }
  }
  if (rows.length) yield toCsv(rows);
}

export const csv: Reporter = (report, ctx) => [...csvChunks(report, ctx)].join('');

function toCsv(rows: Cell[][]): string {
  return stringify(rows.map((row) => row.map(spreadsheetCell)), { record_delimiter: '\r\n' });
}

/**
 * Ids of 12 digits or more (Bilibili mids, some Weibo uids) would lose their
 * last digits in Excel, which keeps 15 significant digits, and show as
 * 1.23E+15 before that: a leading tab makes Excel and WPS keep them as text.
 * Controls other than tabs and line breaks (which a quoted field holds) are
 * written as `\x1b`-style text, so that a CSV shown in a terminal obeys none.
 */
function spreadsheetCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  if (/^\d{12,}$/.test(value)) return `\t${value}`;
  return safeCell(escapeControl(value, 'cell'));
}

/** A share as a percentage with one decimal, or empty when there is nothing to take it over. */
const percentCell = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * `<name>.groups.csv`: one row per group of every --group-by rollup. The
 * columns after the zombie + inactive share were added later, at the end:
 * the pass rate and the checked rate, and the accounts with a verdict (the
 * share's denominator), each header saying what it counts.
 */
export const csvGroups: Reporter = (report, ctx) => {
  const m = messages(ctx.lang);
  const header = [
    m.groups.by,
    m.groups.group,
    m.groups.total,
    ...STATUSES.map((s) => m.status[s]),
    `${m.groups.problemShare} (%)`,
    m.rates.csv.passRate,
    m.rates.csv.checkedRate,
    m.rates.csv.judged,
  ];
  const rows = report.groupBy.flatMap((field) =>
    rollup(report.accounts, field).map((row) => [
      m.groups.field[field] ?? field,
      groupValueLabel(row, ctx.lang),
      row.total,
      ...STATUSES.map((s) => row.byStatus[s]),
      Math.round(row.problemShare * 1000) / 10,
      percentCell(row.rates.passRate),
      percentCell(row.rates.checkedRate),
      row.rates.judged,
    ]),
  );
  return toCsv([header, ...rows]);
};

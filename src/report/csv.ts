import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, columnTitle, extraColumns, findingCells, type Cell } from './fields.js';
import { duplicatesByKey, type Reporter } from './context.js';

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

/** One row per account, the stable columns first, then the input's extra columns. */
export const csv: Reporter = (report, ctx) => {
  const extras = extraColumns(report);
  const duplicates = duplicatesByKey(report);
  const header = [...CSV_COLUMNS.map((c) => columnTitle(c, ctx.lang)), ...extras];
  const rows = report.accounts.map((finding) => {
    const cells = findingCells(finding, ctx.lang, duplicates.get(finding.account.key) ?? []);
    return [...CSV_COLUMNS.map((c) => cells[c]), ...extras.map((e) => finding.account.extra[e] ?? null)];
  });
  return stringify([header, ...rows].map((row) => row.map(safeCell)), { record_delimiter: '\r\n' });
};

import stringWidth from 'string-width';
import { escapeControl } from './control.js';

export interface TableColumn {
  title: string;
  align?: 'left' | 'right';
  /** May be cut with an ellipsis when the table is too wide. */
  shrink?: boolean;
  /** Left out when cutting is not enough; the highest number goes first. Absent: always shown. */
  dropOrder?: number;
  /** Cut no narrower than this before other columns are left out (default 6). */
  comfortableWidth?: number;
}

const GAP = 2;
const MIN_SHRUNK = 4;
const COMFORTABLE = 6;

/** Cuts text to a display width (Chinese characters count two), ending with "…". */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Lays out a plain-text table that fits `maxWidth` columns by shrinking the
 * widest shrinkable columns first. `paint` colours a cell after padding, so
 * colour codes never disturb the widths. Every title and cell is shown with
 * its controls escaped (`escapeControl`): a table goes to a terminal.
 */
export function layoutTable(
  shownColumns: readonly TableColumn[],
  shownRows: readonly string[][],
  maxWidth: number | undefined,
  paint: (text: string, row: number, column: number) => string = (t) => t,
): string {
  const columns = shownColumns.map((c) => ({ ...c, title: escapeControl(c.title) }));
  const rows = shownRows.map((r) => r.map((cell) => escapeControl(cell ?? '')));
  const widths = columns.map((c, i) => Math.max(stringWidth(c.title), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const shown = maxWidth === undefined ? columns.map((_, i) => i) : fitWidths(widths, columns, maxWidth);
  const line = (cells: string[], rowIndex: number) =>
    shown
      .map((i) => paint(pad(truncate(cells[i] ?? '', widths[i]!), widths[i]!, columns[i]!.align ?? 'left'), rowIndex, i))
      .join(' '.repeat(GAP))
      .trimEnd();
  return [
    line(columns.map((c) => c.title), -1),
    shown.map((i) => '─'.repeat(widths[i]!)).join(' '.repeat(GAP)),
    ...rows.map((r, i) => line(r, i)),
  ].join('\n');
}

/**
 * Fits the table in three steps: cut the widest shrinkable columns down to a
 * comfortable width; then leave out columns by drop order; then cut further.
 * Returns the columns shown.
 */
function fitWidths(widths: number[], columns: readonly TableColumn[], maxWidth: number): number[] {
  const shown = columns.map((_, i) => i);
  const total = () => shown.reduce((sum, i) => sum + widths[i]!, 0) + GAP * (shown.length - 1);
  const shrinkTo = (floor: (column: TableColumn) => number) => {
    while (total() > maxWidth) {
      const widest = shown
        .filter((i) => columns[i]!.shrink && widths[i]! > floor(columns[i]!))
        .reduce<number | undefined>((best, i) => (best === undefined || widths[i]! > widths[best]! ? i : best), undefined);
      if (widest === undefined) return;
      widths[widest]!--;
    }
  };
  shrinkTo((c) => c.comfortableWidth ?? COMFORTABLE);
  while (total() > maxWidth) {
    const droppable = shown.filter((i) => columns[i]!.dropOrder !== undefined);
    if (!droppable.length) break;
    const first = droppable.reduce((a, b) => (columns[b]!.dropOrder! > columns[a]!.dropOrder! ? b : a));
    shown.splice(shown.indexOf(first), 1);
  }
  shrinkTo(() => MIN_SHRUNK);
  return shown;
}

import stringWidth from 'string-width';

export interface TableColumn {
  title: string;
  align?: 'left' | 'right';
  /** May be cut with an ellipsis when the table is too wide. */
  shrink?: boolean;
}

const GAP = 2;
const MIN_SHRUNK = 6;

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
 * colour codes never disturb the widths.
 */
export function layoutTable(
  columns: readonly TableColumn[],
  rows: readonly string[][],
  maxWidth: number | undefined,
  paint: (text: string, row: number, column: number) => string = (t) => t,
): string {
  const widths = columns.map((c, i) => Math.max(stringWidth(c.title), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  if (maxWidth !== undefined) fitWidths(widths, columns, maxWidth);
  const line = (cells: string[], rowIndex: number) =>
    cells
      .map((cell, i) => paint(pad(truncate(cell, widths[i]!), widths[i]!, columns[i]!.align ?? 'left'), rowIndex, i))
      .join(' '.repeat(GAP))
      .trimEnd();
  return [
    line(columns.map((c) => c.title), -1),
    widths.map((w) => '─'.repeat(w)).join(' '.repeat(GAP)),
    ...rows.map((r, i) => line(r, i)),
  ].join('\n');
}

function fitWidths(widths: number[], columns: readonly TableColumn[], maxWidth: number): void {
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > maxWidth) {
    let widest = -1;
    columns.forEach((c, i) => {
      if (c.shrink && widths[i]! > MIN_SHRUNK && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    });
    if (widest < 0) return;
    widths[widest]!--;
  }
}

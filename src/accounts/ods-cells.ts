import { LIMIT_VARIABLES, ListLimitError, type ListLimits } from './limits.js';

/** The widest sheet LibreOffice and Excel make: a cell further right is no register's. */
const MAX_COLUMNS = 16_384;

const TAG = /<(\/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell)\b([^>]*)>/g;
const repeat = (attributes: string, name: string) => {
  const value = Number(new RegExp(`(?:[\\w.-]+:)?${name}\\s*=\\s*["'](\\d+)["']`).exec(attributes)?.[1] ?? 1);
  return value > 0 ? value : 1;
};

/**
 * The cells SheetJS will make of an OpenDocument sheet's `content.xml`, with
 * its repeats expanded as SheetJS expands them (a cell with content,
 * repeated across `number-columns-repeated` columns and down
 * `number-rows-repeated` rows, becomes one object each), counted without
 * making any: a file of a thousand bytes can ask for billions. Empty cells,
 * which LibreOffice repeats to the sheet's edge in every file, are not made
 * and do not count. Refused past `maxCells`, or when a cell with content
 * lies beyond the last row `maxCells` allows or the widest sheet's columns.
 */
export function countOdsCells(xml: string, limits: Pick<ListLimits, 'maxCells'>): number {
  const over = () => new ListLimitError('cells', limits.maxCells, LIMIT_VARIABLES.maxCells);
  let cells = 0;
  let row = 0;
  let rows = 1;
  let column = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(xml); match; match = TAG.exec(xml)) {
    const [, closing, name, attributes = ''] = match;
    if (name === 'table-row') {
      if (closing) row += rows;
      else {
        rows = repeat(attributes, 'number-rows-repeated');
        column = 0;
      }
      continue;
    }
    if (closing) continue;
    const columns = repeat(attributes, 'number-columns-repeated');
    const selfClosing = attributes.endsWith('/');
    let content = name === 'table-cell' && /value-type\s*=/.test(attributes);
    if (name === 'table-cell' && !selfClosing) {
      const end = xml.indexOf('table-cell>', TAG.lastIndex);
      const inner = xml.slice(TAG.lastIndex, end < 0 ? xml.length : end);
      content ||= /<(?:[\w.-]+:)?p\b[^>]*>\s*[^<\s]|<(?:[\w.-]+:)?(?:span|a|s)\b/.test(inner);
      if (end >= 0) TAG.lastIndex = end;
    }
    if (content) {
      // A self-closing string cell is made once; any other, once for each repeat.
      cells += selfClosing ? 1 : rows * columns;
      if (cells > limits.maxCells || row + rows > limits.maxCells || column + columns > MAX_COLUMNS) throw over();
    }
    column += columns;
  }
  return cells;
}

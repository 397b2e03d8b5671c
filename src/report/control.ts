/**
 * Text from a list or a platform's answer may hold characters that a
 * terminal obeys instead of showing (ESC sequences that retitle the window or
 * clear the screen, BEL, the C1 controls) or that reorder or hide what is
 * shown (the bidi overrides and isolates, U+2028/U+2029). Wherever such text
 * reaches a person, they are written out as escapes a reader can see:
 * `\x1b` for a control of U+0000–U+00FF, `\u202e` for the others. The text
 * is not otherwise changed, and escaping it again changes nothing.
 */
// eslint-disable-next-line no-control-regex
const HAZARDS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\t\n\r]/;

/**
 * - `line` (terminal lines, the table, Markdown, HTML): a tab or line break becomes a space,
 *   keeping the line one line; every other control is escaped.
 * - `cell` (CSV): tabs and line breaks stay, as a quoted field holds them; every other control is escaped.
 */
export type ControlMode = 'line' | 'cell';

export function escapeControl(text: string, mode: ControlMode = 'line'): string {
  return text.replace(HAZARDS, (c) => {
    if (LINE_BREAKS.test(c)) return mode === 'cell' ? c : ' ';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// eslint-disable-next-line no-control-regex
const JSON_HAZARDS = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1, bidi
 * marks, U+2028/U+2029) written as `\u` escapes: the same JSON value, read
 * back unchanged, but never obeyed by a terminal that shows the file.
 * (JSON.stringify already escapes U+0000–U+001F.)
 */
export function jsonSafe(json: string): string {
  return json.replace(JSON_HAZARDS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

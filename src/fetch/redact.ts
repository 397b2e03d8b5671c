/**
 * Query parameters that carry credentials or signatures tied to a session.
 * Their values never reach a log, a report or an error message.
 */
const SECRET_PARAMS = /^(?:.*token.*|a_bogus|x-bogus|x_bogus|signature|sign|access_key|sessdata|sub|subp|cookie|auth.*|key|secret|ticket|verifyfp|fp|webid|s_v_web_id|ttwid)$/i;

export const REDACTED = '***';

/**
 * Toutiao's `token` names the account whose feed is asked, the same token as in
 * its public profile link (/c/user/token/<token>/): no secret, and kept, so that
 * an archive still shows whose feed an answer was (msToken and the like stay masked).
 */
function isPublicAccountId(url: URL, name: string): boolean {
  return name === 'token' && /(^|\.)toutiao\.com$/.test(url.hostname);
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = REDACTED;
    parsed.password = '';
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name) && !isPublicAccountId(parsed, name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.href;
}

/**
 * Replaces every known secret value (cookie values, tokens, a bridge's key) in
 * a text, in whatever form it comes: plain, JSON-escaped (`\u0053`, `\/`, and
 * escaped again as JSON.stringify does to text holding escapes), percent-encoded
 * (`%2F`) or as HTML character references (`&#83;`, `&#x53;`, `&amp;`), and any
 * mix of these, as a platform echoing a cookie back might write it.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;
  /** Every character (code point) the secrets hold: only these are worth decoding. */
  private readonly characters = new Set<number>();

  add(value: string): void {
    // Very short values would blank out ordinary words; they are not secrets worth the name.
    if (value.length < 6 || this.values.has(value)) return;
    this.values.add(value);
    for (const c of value) this.characters.add(c.codePointAt(0)!);
    this.pattern = undefined;
  }

  redact(text: string): string {
    if (!this.values.size || text.length < 6) return text;
    this.pattern ??= new RegExp([...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
    const view = decodedView(text, this.characters);
    let out = '';
    let from = 0;
    for (const match of view.text.matchAll(this.pattern)) {
      const start = view.origin(match.index);
      out += text.slice(from, start) + REDACTED;
      from = view.origin(match.index + match[0].length);
    }
    return from === 0 ? text : out + text.slice(from);
  }

  /** A copy of `value` with every string in it redacted: objects and arrays copied, dates and other values kept. */
  redactDeep<T>(value: T): T {
    if (!this.values.size) return value;
    return this.redactValue(value) as T;
  }

  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (value === null || typeof value !== 'object') return value;
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]));
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;
const NAMED: Record<string, number> = { amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27 };

/** The value of `count` hex digits at `at` (at most 6), or -1. */
function hexAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const c = text.charCodeAt(k);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** How long the encoded character `encodedAt` last found is written. */
let encodedLength = 0;

/**
 * The code point of the encoded character at `i`, or -1 (its length in
 * `encodedLength`): a JSON `\uXXXX` (behind any number of backslashes, as
 * escaping again adds them), a JSON `\"`, `\\` or `\/`, an ASCII `%XX`, or an
 * HTML character reference. Hand-written, without allocating: it runs on every
 * answer archived and every string of every observation.
 */
function encodedAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === BACKSLASH) {
    let j = i;
    while (text.charCodeAt(j) === BACKSLASH) j++;
    const next = text.charCodeAt(j);
    if (next === 0x75 /* u */) {
      const code = hexAt(text, j + 1, 4);
      encodedLength = j + 5 - i;
      return code;
    }
    if (next === 0x22 || next === 0x2f) {
      encodedLength = j + 1 - i;
      return next;
    }
    // A run of backslashes: the first pair is one escaped backslash.
    encodedLength = 2;
    return j - i >= 2 ? BACKSLASH : -1;
  }
  if (c === PERCENT) {
    const code = hexAt(text, i + 1, 2);
    encodedLength = 3;
    return code < 0x80 ? code : -1;
  }
  let end = i + 1;
  while (end < text.length && end - i <= 10 && text.charCodeAt(end) !== SEMICOLON) end++;
  if (text.charCodeAt(end) !== SEMICOLON) return -1;
  encodedLength = end + 1 - i;
  if (text.charCodeAt(i + 1) !== 0x23 /* # */) return NAMED[text.slice(i + 1, end)] ?? -1;
  const hex = (text.charCodeAt(i + 2) | 0x20) === 0x78; /* x or X */
  const digits = end - i - (hex ? 3 : 2);
  if (digits < 1 || digits > (hex ? 6 : 7)) return -1;
  const code = hex ? hexAt(text, i + 3, digits) : Number(text.slice(i + 2, end));
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? code : -1;
}

/**
 * The text with every encoded character of a secret's decoded (`wanted`: the
 * characters the secrets hold; any other is left as written, since no secret can
 * run through it), and where each decoded character began in the text
 * (`origin`), so that a secret found decoded is replaced where it stands, and
 * the rest of the text is left as it was.
 */
function decodedView(text: string, wanted: ReadonlySet<number>): { text: string; origin(index: number): number } {
  // Decoded index → original index at each encoded character's start and end; plain runs in between map one to one.
  const decodedAt: number[] = [];
  const originalAt: number[] = [];
  const parts: string[] = [];
  let length = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH && c !== PERCENT && c !== AMPERSAND) continue;
    const code = encodedAt(text, i);
    if (code < 0 || !wanted.has(code)) continue;
    const decoded = String.fromCodePoint(code);
    parts.push(text.slice(from, i), decoded);
    length += i - from;
    decodedAt.push(length);
    originalAt.push(i);
    length += decoded.length;
    from = i + encodedLength;
    decodedAt.push(length);
    originalAt.push(from);
    i = from - 1;
  }
  if (!decodedAt.length) return { text, origin: (index) => index };
  parts.push(text.slice(from));
  return {
    text: parts.join(''),
    origin: (index) => {
      if (index < decodedAt[0]!) return index;
      // The last mark at or before `index`, by binary search.
      let low = 0;
      let high = decodedAt.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (decodedAt[mid]! <= index) low = mid;
        else high = mid - 1;
      }
      return originalAt[low]! + (index - decodedAt[low]!);
    },
  };
}

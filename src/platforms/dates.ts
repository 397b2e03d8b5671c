import { TZDate } from '@date-fns/tz';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { subDays } from 'date-fns/subDays';
import { subHours } from 'date-fns/subHours';
import { subMinutes } from 'date-fns/subMinutes';
import { subSeconds } from 'date-fns/subSeconds';
import { AUDIT_TIME_ZONE } from '../audit/time.js';

/**
 * A Unix timestamp in seconds, milliseconds or microseconds (platforms use all
 * three), recognised by its magnitude, never assumed: each unit is taken only
 * within the years 2001–2286, and a number outside every such range is no date
 * (undefined) rather than a date in another century. Whether the date is
 * plausible for the platform is the proof rules' question (src/audit/proof.ts).
 */
export function fromEpoch(value: unknown): Date | undefined {
  const n = typeof value === 'string' && /^\d+(?:\.\d+)?(?:e\d+)?$/i.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  for (const [unitsPerSecond, from, to] of EPOCH_UNITS) if (n >= from && n < to) return new Date((n / unitsPerSecond) * 1000);
  return undefined;
}

/** Seconds, milliseconds, microseconds: each unit's range, from 2001-09-09 (1e9 s) to 2286-11-20 (1e10 s). */
const EPOCH_UNITS: readonly (readonly [number, number, number])[] = [
  [1, 1e9, 1e10],
  [1e3, 1e12, 1e13],
  [1e6, 1e15, 1e16],
];

function china(now: Date): TZDate {
  return new TZDate(now.getTime(), AUDIT_TIME_ZONE);
}

/** A China-time instant; an invalid Date when a part is out of range (13月, 2月30日, 25:00), which date-fns would roll over. */
function at(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const date = new TZDate(year, month - 1, day, hour, minute, second, AUDIT_TIME_ZONE);
  const exact = date.getMonth() === month - 1 && date.getDate() === day && date.getHours() === hour && date.getMinutes() === minute && date.getSeconds() === second;
  return new Date(exact ? date.getTime() : Number.NaN);
}

type Rule = [RegExp, (m: RegExpExecArray, now: Date) => Date | undefined];

const DAYS_BACK: Readonly<Record<string, number>> = { 今天: 0, 昨天: 1, 前天: 2 };

/**
 * The date forms Chinese platforms print, read in China time against the
 * audit instant: 刚刚, N秒前, N分钟前, N小时前, N天前, 今天/昨天/前天 [HH:MM], MM-DD (this
 * year, as Weibo means it), YYYY-MM-DD [HH:MM[:SS]],
 * and Weibo's `Tue Feb 23 12:28:47 +0800 2021`.
 */
const RULES: Rule[] = [
  [/^刚刚$/, (_m, now) => now],
  [/^(\d+)\s*秒前$/, (m, now) => subSeconds(now, Number(m[1]))],
  [/^(\d+)\s*分钟前$/, (m, now) => subMinutes(now, Number(m[1]))],
  [/^(\d+)\s*小时前$/, (m, now) => subHours(now, Number(m[1]))],
  [/^(\d+)\s*天前$/, (m, now) => subDays(now, Number(m[1]))],
  [/^(今天|昨天|前天)\s*(?:(\d{1,2}):(\d{2}))?$/, (m, now) => {
    const day = subDays(china(now), DAYS_BACK[m[1]!]!);
    return at(day.getFullYear(), day.getMonth() + 1, day.getDate(), Number(m[2] ?? 0), Number(m[3] ?? 0));
  }],
  // Weibo writes the year only for earlier years: an MM-DD is this year's, and one later than today is
  // no date of last year but an answer that cannot be right (left in the future, for the proof rules).
  [/^(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/, (m, now) =>
    at(china(now).getFullYear(), Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0))],
  [/^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/, (m) =>
    at(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0))],
  [/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4}$/, (m) => parse(m[0], 'EEE MMM dd HH:mm:ss xx yyyy', new Date())],
];

export function parseChineseDate(text: unknown, now: Date): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  for (const [pattern, toDate] of RULES) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const date = toDate(match, now);
    return date && isValid(date) ? date : undefined;
  }
  return undefined;
}

/** An epoch number, or any form `parseChineseDate` reads, or an RFC 822 / ISO 8601 date (feeds). */
export function parseAnyDate(value: unknown, now: Date): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  const chinese = parseChineseDate(value, now);
  if (chinese) return chinese;
  if (typeof value !== 'string' || !/\d{4}/.test(value)) return undefined;
  // 05/12/2026 is the 5th of December or the 12th of May: which one is never guessed.
  if (/^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(value)) return undefined;
  const parsed = new Date(value.trim());
  return isValid(parsed) ? parsed : undefined;
}

/**
 * The earliest instant an id-derived date may name: before it, the "date" is
 * not one (a simulator's made-up id, another id scheme), and the post stays
 * undated rather than decades old.
 */
const EARLIEST_ID_DATE = Date.UTC(2012, 0, 1);

function plausible(seconds: number): Date | undefined {
  const ms = seconds * 1000;
  // A day's grace past this machine's clock: the platform's clock and ours differ.
  return ms >= EARLIEST_ID_DATE && ms <= Date.now() + 86_400_000 ? new Date(ms) : undefined;
}

/**
 * A Xiaohongshu note id's first 8 hex digits are its creation time in Unix
 * seconds (shared/platforms.md: note 64356527… is exactly its `time`).
 */
export function dateFromNoteId(id: string): Date | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  return plausible(Number.parseInt(id.slice(0, 8), 16));
}

/**
 * A Douyin post id (aweme_id) shifted right by 32 bits is its creation time in
 * Unix seconds, within seconds of `create_time` (shared/platforms.md).
 */
export function dateFromAwemeId(id: string): Date | undefined {
  if (!/^\d{15,20}$/.test(id)) return undefined;
  return plausible(Number(BigInt(id) >> 32n));
}

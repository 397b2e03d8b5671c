import { TZDate } from '@date-fns/tz';
// Subpath imports: the date-fns index loads every function it has, a tenth of a second at start-up.
import { formatISO } from 'date-fns/formatISO';

/** Audits are read in China time: every instant in a report carries the +08:00 offset. */
export const AUDIT_TIME_ZONE = 'Asia/Shanghai';

/** China's offset from UTC, the same all year since its last summer time ended in September 1991. */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/**
 * From 1992 on an instant is written by arithmetic, which a report of a million rows
 * does several times a row (measured: the time-zone lookup was 4% of a scan's CPU).
 */
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const FIXED_OFFSET_UNTIL = Date.UTC(10_000, 0, 1) - CHINA_OFFSET_MS;

export function toChinaIso(date: Date): string {
  const ms = date.getTime();
  if (ms >= FIXED_OFFSET_FROM && ms < FIXED_OFFSET_UNTIL) return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
  return formatISO(new TZDate(ms, AUDIT_TIME_ZONE));
}

/** `2026-11-20 10:00`, for tables a person reads. */
export function toChinaMinute(date: Date): string {
  return toChinaIso(date).slice(0, 16).replace('T', ' ');
}

export const DAY_MS = 24 * 60 * 60 * 1000;

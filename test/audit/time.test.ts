import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import { describe, expect, it } from 'vitest';
import { toChinaIso, toChinaMinute } from '../../src/audit/time.js';

/** What the time-zone database itself says: the reference the arithmetic must agree with. */
const byTimeZoneDatabase = (ms: number) => formatISO(new TZDate(ms, 'Asia/Shanghai'));
const HOUR = 3_600_000;

describe('instants written in China time', () => {
  it('writes an instant with the +08:00 offset, to the second', () => {
    expect(toChinaIso(new Date('2026-11-20T02:00:00.999Z'))).toBe('2026-11-20T10:00:00+08:00');
    expect(toChinaIso(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(toChinaMinute(new Date('2026-11-20T02:05:59Z'))).toBe('2026-11-20 10:05');
  });

  it('agrees with the time-zone database on either side of 1992 and across the years since', () => {
    const starts = [Date.UTC(1991, 8, 14), Date.UTC(1991, 11, 31, 15), Date.UTC(1992, 0, 1) - 1, Date.UTC(1992, 0, 1), Date.UTC(2000, 1, 28), Date.UTC(2024, 1, 28), Date.UTC(2026, 2, 28)];
    for (const start of starts) {
      for (let ms = start; ms < start + 48 * HOUR; ms += 7 * 60_000 + 13_001) expect(toChinaIso(new Date(ms))).toBe(byTimeZoneDatabase(ms));
    }
  });

  it('keeps the summer time China observed until 1991, as the time-zone database has it', () => {
    // 1 July 1990, noon in Beijing, was 04:00 UTC: China was on +09:00 that summer.
    expect(toChinaIso(new Date('1990-07-01T03:00:00Z'))).toBe('1990-07-01T12:00:00+09:00');
    expect(toChinaIso(new Date('1990-07-01T03:00:00Z'))).toBe(byTimeZoneDatabase(Date.parse('1990-07-01T03:00:00Z')));
  });

  it('writes the years past 9999 as the time-zone database does', () => {
    // The last second of 9999 in Beijing, the first of 10000, and a day in that year.
    for (const ms of [Date.UTC(9999, 11, 31, 15, 59, 59), Date.UTC(9999, 11, 31, 16), Date.UTC(10_000, 5, 1)]) {
      expect(toChinaIso(new Date(ms)), String(ms)).toBe(byTimeZoneDatabase(ms));
    }
  });

  it('refuses an invalid date as before, rather than writing nonsense', () => {
    expect(() => toChinaIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCount, parseExactCount } from '../../src/platforms/counts.js';
import { dateFromAwemeId, dateFromNoteId, fromEpoch, parseAnyDate, parseChineseDate } from '../../src/platforms/dates.js';

/*
 * Dates and counts as the platforms print them, at the edges of each form:
 * a date read wrong moves an account across the inactive or zombie line, a
 * count read wrong feeds "never posted" or an inferred silence.
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const iso = (d: Date | undefined) => d?.toISOString();
const china = (text: string) => new Date(`${text}+08:00`).toISOString();

describe('every form of Chinese date, and nothing around it', () => {
  it.each([
    ['45秒前', '2026-11-20T09:59:15'],
    ['45 秒前', '2026-11-20T09:59:15'],
    ['15分钟前', '2026-11-20T09:45:00'],
    ['15 分钟前', '2026-11-20T09:45:00'],
    ['12小时前', '2026-11-19T22:00:00'],
    ['12 小时前', '2026-11-19T22:00:00'],
    ['12天前', '2026-11-08T10:00:00'],
    ['12 天前', '2026-11-08T10:00:00'],
    ['昨天', '2026-11-19T00:00:00'],
    ['昨天10:05', '2026-11-19T10:05:00'],
    ['前天 8:05', '2026-11-18T08:05:00'],
    ['1-5', '2026-01-05T00:00:00'],
    ['11-04 18:30', '2026-11-04T18:30:00'],
    ['11-04  8:30', '2026-11-04T08:30:00'],
    ['2024/3/9', '2024-03-09T00:00:00'],
    ['2024年3月9日', '2024-03-09T00:00:00'],
    ['2024年03月09日 8:05', '2024-03-09T08:05:00'],
    ['2024-03-09 18:30:15', '2024-03-09T18:30:15'],
    ['  3小时前  ', '2026-11-20T07:00:00'],
    // The audit instant itself is this year's, not last year's.
    ['11-20 10:00', '2026-11-20T10:00:00'],
  ])('%s', (text, expected) => {
    expect(iso(parseChineseDate(text, NOW))).toBe(china(expected));
  });

  it('reads Weibo’s English date with its own offset', () => {
    expect(iso(parseChineseDate('Tue Feb 23 12:28:47 -0500 2021', NOW))).toBe('2021-02-23T17:28:47.000Z');
  });

  it.each(['x刚刚', '刚刚了', 'a45秒前', '45秒前了', 'x15分钟前', '15分钟前x', 'x12小时前', '12小时前x', 'x12天前', '12天前x', 'x昨天', '昨天 10:5', '昨天 10:05x', 'x11-04', '111-04', '11-04x', '02024-03-09', '2024-03-09x', '2024-03-09 18:30:1', 'xTue Feb 23 12:28:47 +0800 2021', 'Tue Feb 23 12:28:47 +0800 2021x', '2024-13-45', '2024-13-01', '2024-02-30', '2024-03-09 25:00', '13-01', '昨天 24:30'])(
    'refuses %s',
    (text) => {
      expect(parseChineseDate(text, NOW)).toBeUndefined();
    },
  );
});

describe('epoch numbers', () => {
  it('reads seconds, milliseconds and microseconds by their size, as numbers or as text, and nothing else', () => {
    expect(iso(fromEpoch('1693537043'))).toBe('2023-09-01T02:57:23.000Z');
    expect(iso(fromEpoch('1693537043.5'))).toBe('2023-09-01T02:57:23.500Z');
    expect(iso(fromEpoch(1693537043500))).toBe('2023-09-01T02:57:23.500Z');
    expect(iso(fromEpoch('1693537043500000'))).toBe('2023-09-01T02:57:23.500Z');
    // Between the units' ranges (a year-5138 "seconds" value, a nanosecond stamp): no date at all.
    for (const value of [1e11, 5e13, 1693537043500000000]) expect(fromEpoch(value), String(value)).toBeUndefined();
    for (const value of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '12abc', 'x1693537043', '1693537043x', '', null, {}, true, [1693537043]]) expect(fromEpoch(value), String(value)).toBeUndefined();
  });

  it('reads any date a feed gives, and refuses text without a year', () => {
    expect(iso(parseAnyDate(1693537043, NOW))).toBe('2023-09-01T02:57:23.000Z');
    expect(iso(parseAnyDate('3小时前', NOW))).toBe(china('2026-11-20T07:00:00'));
    expect(iso(parseAnyDate(' Tue, 10 Nov 2026 08:00:00 GMT ', NOW))).toBe('2026-11-10T08:00:00.000Z');
    expect(parseAnyDate('soon', NOW)).toBeUndefined();
    expect(parseAnyDate('May 12', NOW)).toBeUndefined();
    expect(parseAnyDate('2026 at some point', NOW)).toBeUndefined();
    expect(parseAnyDate(undefined, NOW)).toBeUndefined();
  });
});

describe('dates carried by ids', () => {
  it('dates a Xiaohongshu note by its first 8 hex digits, and only a real note id', () => {
    expect(iso(dateFromNoteId('64356527000000001303282b'))).toBe('2023-04-11T13:48:23.000Z');
    for (const id of ['64356527000000001303282B', '64356527000000001303282', 'x64356527000000001303282b', '64356527000000001303282bx']) expect(dateFromNoteId(id), id).toBeUndefined();
    // Before 2012 or after tomorrow, the "date" is not one.
    expect(dateFromNoteId('0000000a000000001303282b')).toBeUndefined();
    expect(dateFromNoteId('ffffffff000000001303282b')).toBeUndefined();
    expect(iso(dateFromNoteId('4f000000000000001303282b'))).toBe('2012-01-01T06:41:04.000Z');
    // 2012-01-01T00:00:00Z itself is the first instant allowed; a note of a minute ago is one.
    expect(iso(dateFromNoteId('4effa200000000001303282b'))).toBe('2012-01-01T00:00:00.000Z');
    const minuteAgo = Math.floor(Date.now() / 1000) - 60;
    expect(dateFromNoteId(`${minuteAgo.toString(16)}000000001303282b`)?.getTime()).toBe(minuteAgo * 1000);
    // 25 characters is no note id, even when its last 24 would be one.
    expect(dateFromNoteId('564356527000000001303282b')).toBeUndefined();
  });

  it('dates a Douyin post by aweme_id >> 32, and only an id of 15 to 20 digits', () => {
    expect(iso(dateFromAwemeId('7273763133409037601'))).toBe('2023-09-01T07:55:52.000Z');
    for (const id of ['12345678901234', '123456789012345678901', 'x7273763133409037601', '7273763133409037601x']) expect(dateFromAwemeId(id), id).toBeUndefined();
  });
});

describe('counts as platforms print them', () => {
  it.each([
    ['0', 0],
    ['1,566,726', 1566726],
    [' 87万 ', 870000],
    ['1.2万', 12000],
    ['1.25万', 12500],
    ['10万+', 100000],
    ['169.8w', 1698000],
    ['3.5W', 35000],
    ['2k', 2000],
    ['2K', 2000],
    ['1亿', 100000000],
    ['12', 12],
  ] as const)('%s is %d', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it('refuses what is not a count', () => {
    for (const value of ['x12', '12x', '1.2.3万', '-5', -1, Number.NaN, Number.POSITIVE_INFINITY, null, '']) expect(parseCount(value), String(value)).toBeUndefined();
    expect(parseCount(0)).toBe(0);
    expect(parseCount(12.5)).toBe(12.5);
  });

  it('takes only an exact post count: never a rounded one, a fraction or a negative', () => {
    expect(parseExactCount(0)).toBe(0);
    expect(parseExactCount(' 1,234 ')).toBe(1234);
    expect(parseExactCount('7')).toBe(7);
    for (const value of ['1.2万', '1.5', 1.5, -1, 'x7', '7x', ' ', null]) expect(parseExactCount(value), String(value)).toBeUndefined();
  });
});

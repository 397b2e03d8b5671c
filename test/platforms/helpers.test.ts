import { describe, expect, it } from 'vitest';
import { parseCount, parseExactCount } from '../../src/platforms/counts.js';
import { fromEpoch, parseChineseDate } from '../../src/platforms/dates.js';
import { CookieJar } from '../../src/fetch/cookies.js';
import { SecretRegistry } from '../../src/fetch/redact.js';

const NOW = new Date('2026-11-20T10:00:00+08:00');
const iso = (d: Date | undefined) => d?.toISOString();

describe('Chinese dates, read in China time against the audit instant', () => {
  it.each([
    ['刚刚', '2026-11-20T10:00:00+08:00'],
    ['30秒前', '2026-11-20T09:59:30+08:00'],
    ['5分钟前', '2026-11-20T09:55:00+08:00'],
    ['3小时前', '2026-11-20T07:00:00+08:00'],
    ['昨天 23:15', '2026-11-19T23:15:00+08:00'],
    ['前天', '2026-11-18T00:00:00+08:00'],
    ['前天 08:05', '2026-11-18T08:05:00+08:00'],
    ['2天前', '2026-11-18T10:00:00+08:00'],
    ['11-04', '2026-11-04T00:00:00+08:00'],
    // Weibo writes the year for earlier years: an MM-DD after today is no date of last year (proof rule 4).
    ['12-25', '2026-12-25T00:00:00+08:00'],
    ['2024-03-09', '2024-03-09T00:00:00+08:00'],
    ['2024-03-09 18:30', '2024-03-09T18:30:00+08:00'],
    ['Tue Feb 23 12:28:47 +0800 2021', '2021-02-23T12:28:47+08:00'],
  ])('%s', (text, expected) => {
    expect(iso(parseChineseDate(text, NOW))).toBe(new Date(expected).toISOString());
  });

  it('keeps yesterday in China time even when UTC is still on the day before', () => {
    const earlyMorning = new Date('2026-11-20T01:00:00+08:00');
    expect(iso(parseChineseDate('昨天 10:00', earlyMorning))).toBe(new Date('2026-11-19T10:00:00+08:00').toISOString());
  });

  it('refuses what it cannot read', () => {
    expect(parseChineseDate('上周', NOW)).toBeUndefined();
    expect(parseChineseDate(undefined, NOW)).toBeUndefined();
  });

  it('tells seconds from milliseconds', () => {
    expect(iso(fromEpoch(1693537043))).toBe('2023-09-01T02:57:23.000Z');
    expect(iso(fromEpoch(1653048380883))).toBe('2022-05-20T12:06:20.883Z');
    expect(iso(fromEpoch('1.648548115016E12'))).toBe(new Date(1648548115016).toISOString());
  });
});

describe('counts', () => {
  it.each([
    [1008, 1008],
    ['1008', 1008],
    ['87万', 870000],
    ['1.2万', 12000],
    ['10万+', 100000],
    ['1亿', 100000000],
    ['169.8w', 1698000],
    ['1,566,726', 1566726],
    ['152.1万', 1521000],
  ])('%s is %d', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it('refuses what is not a count', () => {
    expect(parseCount('很多')).toBeUndefined();
    expect(parseCount(-1)).toBeUndefined();
  });

  it('takes a post count only when it is exact: a rounded one never proves that nothing changed', () => {
    expect(parseExactCount(735)).toBe(735);
    expect(parseExactCount('1,566,726')).toBe(1566726);
    expect(parseExactCount('0')).toBe(0);
    for (const rounded of ['1.2万', '10万+', '169.8w', '1亿', 12.5]) expect(parseExactCount(rounded), String(rounded)).toBeUndefined();
  });
});

describe('the cookie jar', () => {
  const cookiesTxt = [
    '# Netscape HTTP Cookie File',
    '.douyin.com\tTRUE\t/\tTRUE\t0\tttwid\tsecret-ttwid-value',
    '#HttpOnly_.kuaishou.com\tTRUE\t/\tFALSE\t0\tdid\tsecret-did-value',
    'www.example.com\tFALSE\t/\tFALSE\t0\tother\tnot-for-platforms',
    '.douyin.com\tTRUE\t/\tFALSE\t1000\texpired\tlong-gone-value',
  ].join('\n');

  it('reads cookies.txt and sends each cookie only to its own domain', () => {
    const jar = new CookieJar();
    expect(jar.loadNetscape(cookiesTxt)).toBe(4);
    expect(jar.header(new URL('https://www.douyin.com/user/x'))).toBe('ttwid=secret-ttwid-value');
    expect(jar.header(new URL('http://www.douyin.com/user/x'))).toBeUndefined();
    expect(jar.header(new URL('https://www.kuaishou.com/graphql'))).toBe('did=secret-did-value');
    expect(jar.header(new URL('https://api.bilibili.com/x'))).toBeUndefined();
    expect(jar.header(new URL('https://evil-douyin.com/'))).toBeUndefined();
  });

  it('keeps a Set-Cookie only within the answering host’s domain', () => {
    const jar = new CookieJar();
    jar.store(new URL('https://passport.weibo.com/visitor'), ['SUB=abc123456; Domain=.weibo.com; Path=/', 'EVIL=x; Domain=.bilibili.com']);
    expect(jar.header(new URL('https://weibo.com/ajax/profile/info'))).toBe('SUB=abc123456');
    expect(jar.header(new URL('https://api.bilibili.com/'))).toBeUndefined();
  });

  it('registers every value as a secret', () => {
    const secrets = new SecretRegistry();
    new CookieJar(secrets).loadNetscape(cookiesTxt);
    expect(secrets.redact('cookie: ttwid=secret-ttwid-value')).toBe('cookie: ttwid=***');
  });

  it('reads GOV_AUDIT_COOKIE_<PLATFORM> values for the platform’s hosts', () => {
    const jar = new CookieJar();
    jar.loadHeader('web_session=abcdef123; a1=xyz', ['www.xiaohongshu.com']);
    expect(jar.header(new URL('https://www.xiaohongshu.com/user/profile/1'))).toBe('web_session=abcdef123; a1=xyz');
    expect(jar.header(new URL('https://edith.xiaohongshu.com/api'))).toBeUndefined();
  });
});

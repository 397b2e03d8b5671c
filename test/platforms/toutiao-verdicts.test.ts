import { describe, expect, it } from 'vitest';
import type { CapturedAnswer, PageCapture } from '../../src/platforms/adapter.js';
import { detectToutiaoBlock, parseToutiaoFeed, parseToutiaoProfile, readToutiaoPage, toutiao, withFeed } from '../../src/platforms/toutiao.js';
import { answer, observeWith } from '../helpers/fake-http.js';
import { realText } from '../helpers/fixtures.js';

/*
 * Toutiao at the edges that decide a verdict. The page follows the real 2025
 * captures; the user feed's shape is reconstructed from RSSHub's parser.
 */

const PAGE = realText('toutiao', 'profile-page-ssr-2025.html');
const renderPage = (info: object) => `<html><body><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ data: { profileUserInfo: info } }))}</script></body></html>`;
const S = Math.floor(Date.parse('2026-11-20T10:00:00+08:00') / 1000);
const feed = (items: object[], message = 'success') => ({ message, data: items, has_more: false });
const captured = (body: string | object, status = 200, headers: Record<string, string> = {}): CapturedAnswer => ({ ...answer(body, status, headers), method: 'GET' });

describe('answers that are blocks', () => {
  it.each([
    [answer('', 429), 'rate-limited'],
    [answer('', 500), 'network-error'],
    [answer('', 302, { location: 'https://sso.toutiao.com/login/' }), 'login-required'],
    [answer('', 302, { location: 'https://www.toutiao.com/passport/' }), 'login-required'],
    [answer('', 302, { location: 'https://www.toutiao.com/' }), 'blocked'],
    [answer('', 300), 'blocked'],
    [answer('', 399), 'blocked'],
    [answer('', 400), 'blocked'],
    [answer('', 403), 'blocked'],
    [answer('  '), 'blocked'],
    [answer(' blocked '), 'blocked'],
    [answer(' <html><head><title>安全验证</title></head></html>'), 'captcha'],
  ])('%#: %s', (response, reason) => {
    expect(detectToutiaoBlock(response)).toMatchObject({ kind: 'unknown', reason });
  });

  it('lets the real page and a JSON answer through', () => {
    expect(detectToutiaoBlock(answer(PAGE))).toBeUndefined();
    expect(detectToutiaoBlock(answer(feed([])))).toBeUndefined();
    expect(detectToutiaoBlock(answer('{"title":"验证"}'))).toBeUndefined();
  });
});

describe('the profile page', () => {
  it('names the account by name or screen name, banned only when Toutiao says banStatus true', () => {
    expect(parseToutiaoProfile(renderPage({ name: '江城发布' }))).toEqual({ kind: 'profile', profile: { name: '江城发布' } });
    expect(parseToutiaoProfile(renderPage({ screenName: '江城交警' }))).toEqual({ kind: 'profile', profile: { name: '江城交警' } });
    expect(parseToutiaoProfile(renderPage({ name: '江城发布', banStatus: true }))).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(parseToutiaoProfile(renderPage({ name: '江城发布', banStatus: 'true' }))).toMatchObject({ kind: 'profile' });
    expect(parseToutiaoProfile(renderPage({ banStatus: true }))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(parseToutiaoProfile('<html></html>')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });
});

describe('the user feed', () => {
  it('reads dates in seconds, skips placeholders, knows the pinned items and their ids', () => {
    const posts = parseToutiaoFeed(
      feed([
        { cell_type: 48 },
        { group_id: '1', publish_time: S, is_stick: true },
        { item_id: '2', publish_time: S - 60, is_top: true },
        { id: '3', publish_time: S - 120, is_top: 1 },
        { publish_time: S - 180 },
      ]),
    ) as { id: string; pinned: boolean }[];
    expect(posts.map((p) => [p.id, p.pinned])).toEqual([['1', true], ['2', true], ['3', true], ['', false]]);
  });

  it('is not understood without success or a list, or with an undated item; a verification answer is a captcha', () => {
    expect(parseToutiaoFeed(feed([{ group_id: '1' }]))).toBeUndefined();
    expect(parseToutiaoFeed({ message: 'success', data: {} })).toBeUndefined();
    expect(parseToutiaoFeed(feed([], 'error'))).toBeUndefined();
    expect(parseToutiaoFeed({ message: 'error', decision: 'verify' })).toMatchObject({ kind: 'unknown', reason: 'captcha', detail: expect.stringContaining('message: error') });
    expect(parseToutiaoFeed({ decision: {} })).toMatchObject({ reason: 'captcha', detail: expect.stringContaining('message: ?') });
  });

  it('never reads an empty feed as silence', () => {
    expect(withFeed({ name: 'x' }, [])).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'no-dates' } });
    expect(withFeed({ name: 'x' }, { kind: 'unknown', reason: 'captcha', detail: 'v' })).toMatchObject({ datesUnknown: { reason: 'captcha' } });
    expect(withFeed({ name: 'x' }, [{ id: '1', at: new Date(), pinned: false }])).toEqual({ kind: 'found', profile: { name: 'x' }, posts: [{ id: '1', at: expect.any(Date), pinned: false }] });
  });
});

describe('what the profile page received in a browser', () => {
  const page = (parts: Partial<PageCapture>): PageCapture => ({ answers: {}, ...parts });
  const document = captured(renderPage({ name: '江城发布' }));

  it('gives the page’s block first, and a page that never loaded a timeout', () => {
    expect(readToutiaoPage(page({ block: { reason: 'captcha', detail: 'c' }, document }))).toEqual({ kind: 'unknown', reason: 'captcha', detail: 'c' });
    expect(readToutiaoPage(page({}))).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(readToutiaoPage(page({ unfinished: { reason: 'network-error', detail: 'refused' } }))).toMatchObject({ reason: 'network-error' });
    expect(readToutiaoPage(page({ document: captured('', 403) }))).toMatchObject({ reason: 'blocked' });
    expect(readToutiaoPage(page({ document: captured(renderPage({ name: 'x', banStatus: true })) }))).toMatchObject({ kind: 'missing', reason: 'banned' });
  });

  it('dates the account by the feed it received, and keeps it undated otherwise', () => {
    expect(readToutiaoPage(page({ document, answers: { feed: captured(feed([{ group_id: '1', publish_time: S }])) } }))).toMatchObject({ kind: 'found', posts: [{ id: '1' }] });
    expect(readToutiaoPage(page({ document }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(readToutiaoPage(page({ document, answers: { feed: captured('') } }))).toMatchObject({ datesUnknown: { reason: 'blocked' } });
    expect(readToutiaoPage(page({ document, answers: { feed: captured({ message: 'error' }) } }))).toMatchObject({ datesUnknown: { reason: 'layout-changed', detail: 'feed answer not understood' } });
  });
});

describe('over HTTP', () => {
  it('proves the account from the page, with the referer, and says the dates need the browser or RSSHub', async () => {
    const { observe, requests } = observeWith(toutiao, () => ({ body: PAGE }));
    expect(await observe('MS4wLjABAAAAtest')).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'no-dates', detail: expect.stringContaining('--browser') } });
    expect(requests[0]).toMatchObject({ url: 'https://www.toutiao.com/c/user/token/MS4wLjABAAAAtest/', headers: { referer: 'https://www.toutiao.com/' } });
  });

  it('asks the numeric form at its own address, and passes on a block, a ban and a failure', async () => {
    const numeric = observeWith(toutiao, () => ({ body: PAGE }));
    await numeric.observe('6601234567');
    expect(numeric.requests[0]!.url).toBe('https://www.toutiao.com/c/user/6601234567/');
    expect(await observeWith(toutiao, () => ({ status: 429 })).observe('MS4wLjABAAAAtest')).toMatchObject({ kind: 'unknown', reason: 'rate-limited' });
    expect(await observeWith(toutiao, () => ({ body: renderPage({ name: 'x', banStatus: true }) })).observe('MS4wLjABAAAAtest')).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(await observeWith(toutiao, () => new Error('reset')).observe('MS4wLjABAAAAtest')).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });
});

describe('Toutiao, at the boundaries', () => {
  it.each([
    [300, 'blocked', 'HTTP 300 redirect'],
    [399, 'blocked', 'HTTP 399 redirect'],
    [400, 'blocked', 'HTTP 400'],
    [404, 'blocked', 'HTTP 404'],
  ])('HTTP %i is %s (%s)', (status, reason, detail) => {
    expect(detectToutiaoBlock(answer('', status))).toEqual({ kind: 'unknown', reason, detail });
  });

  it('asks a token that ends or starts with digits at the token address', async () => {
    for (const id of ['MS4wLjABAAAA123', '1Ciyabc=']) {
      const { observe, requests } = observeWith(toutiao, () => ({ body: PAGE }));
      await observe(id);
      expect(requests[0]!.url, id).toBe(`https://www.toutiao.com/c/user/token/${id}/`);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { CapturedAnswer, PageCapture, PageVisit } from '../../src/platforms/adapter.js';
import { asksOwnFeed, detectToutiaoBlock, feedNames, parseToutiaoFeed, parseToutiaoProfile, readToutiaoPage, toutiao, withFeed, type ToutiaoFeed } from '../../src/platforms/toutiao.js';
import type { Observation } from '../../src/platforms/observation.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
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
const NOW = new Date(S * 1000);
/** The verdict a user sees for an observation of a Toutiao account. */
const verdictOf = (observation: Observation) =>
  classify({ key: 'toutiao:x', platform: 'toutiao', id: 'x', url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 }, observation, NOW, DEFAULT_THRESHOLDS, NOW);

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
    const read = parseToutiaoFeed(
      feed([
        { cell_type: 48 },
        { group_id: '1', publish_time: S, is_stick: true },
        { item_id: '2', publish_time: S - 60, is_top: true },
        { id: '3', publish_time: S - 120, is_top: 1 },
        { publish_time: S - 180 },
      ]),
    ) as ToutiaoFeed;
    expect(read.posts.map((p) => [p.id, p.pinned])).toEqual([['1', true], ['2', true], ['3', true], ['', false]]);
    expect(read).toMatchObject({ undated: 0, paging: 'end', tokens: [], userIds: [] });
  });

  it('counts an undated item beside dated ones, and takes a list with no date at all for a changed layout', () => {
    expect(parseToutiaoFeed(feed([{ group_id: '1', publish_time: S }, { group_id: '2' }]))).toMatchObject({ posts: [{ id: '1' }], undated: 1 });
    expect(parseToutiaoFeed(feed([{ group_id: '1' }]))).toBeUndefined();
  });

  it('is not understood without success or a list; a verification answer is a captcha', () => {
    expect(parseToutiaoFeed({ message: 'success', data: {} })).toBeUndefined();
    expect(parseToutiaoFeed(feed([], 'error'))).toBeUndefined();
    expect(parseToutiaoFeed({ message: 'error', decision: 'verify' })).toMatchObject({ kind: 'unknown', reason: 'captcha', detail: expect.stringContaining('message: error') });
    expect(parseToutiaoFeed({ decision: {} })).toMatchObject({ reason: 'captcha', detail: expect.stringContaining('message: ?') });
  });

  it('takes the platform’s word on paging: has_more true, false, or none', () => {
    expect(parseToutiaoFeed({ ...feed([]), has_more: true })).toMatchObject({ paging: 'more' });
    expect(parseToutiaoFeed({ message: 'success', data: [] })).toMatchObject({ paging: 'unknown' });
    expect(parseToutiaoFeed({ ...feed([]), has_more: 1 })).toMatchObject({ paging: 'unknown' });
  });

  it('names the authors the items name: tokens from media_url, numeric ids from user_info, user or user.info', () => {
    const read = parseToutiaoFeed(
      feed([
        { publish_time: S, media_url: '/c/user/token/MS4wLjABAAAAone/' },
        { publish_time: S, user_info: { user_id: '111' } },
        { publish_time: S, user: { user_id: 222 } },
        { publish_time: S, user: { info: { user_id: '333' } } },
        { publish_time: S, media_url: '/c/user/token/Ciyabc%3D/', user_info: { user_id: '111' } },
      ]),
    ) as ToutiaoFeed;
    expect(read).toMatchObject({ tokens: ['MS4wLjABAAAAone', 'Ciyabc='], userIds: ['111', '222', '333'] });
    // Several numeric authors are several accounts; one cannot be compared with a token.
    expect(feedNames(read, 'MS4wLjABAAAAone')).toEqual(['MS4wLjABAAAAone', 'Ciyabc=', '111', '222', '333']);
    expect(feedNames({ ...read, tokens: [], userIds: ['111'] }, 'MS4wLjABAAAAone')).toEqual([]);
    expect(feedNames({ ...read, tokens: [], userIds: ['111'] }, '111')).toEqual(['111']);
  });

  it('knows the account’s own list by its category and token, never the recommendations on the same path', () => {
    const own = 'https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=MS4wLjABAAAAx&aid=24';
    expect(asksOwnFeed(own, 'MS4wLjABAAAAx')).toBe(true);
    expect(asksOwnFeed(own, 'MS4wLjABAAAAy')).toBe(false);
    expect(asksOwnFeed(own, undefined)).toBe(true);
    expect(asksOwnFeed('https://www.toutiao.com/api/pc/list/feed?category=pc_profile_recommend&token=MS4wLjABAAAAx', 'MS4wLjABAAAAx')).toBe(false);
    expect(asksOwnFeed('https://www.toutiao.com/api/pc/list/feed?category=pc_profile_article&token=MS4wLjABAAAAx', 'MS4wLjABAAAAx')).toBe(false);
    expect(asksOwnFeed('https://www.toutiao.com/api/pc/list/feed?category=profile_all', undefined)).toBe(false);
    expect(asksOwnFeed('https://www.toutiao.com/api/pc/list/feed?category=profile_all&token=Ciyabc%3D', 'Ciyabc=')).toBe(true);
    expect(asksOwnFeed('not a url', 'x')).toBe(false);
  });

  it('never reads an empty feed as silence', () => {
    const proof = { subject: 'x', source: 'browser' as const, answers: [] };
    const empty = parseToutiaoFeed(feed([])) as ToutiaoFeed;
    expect(withFeed({ name: 'x' }, proof, empty)).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'no-dates' }, proof: { list: { read: false } } });
    expect(withFeed({ name: 'x' }, proof, { kind: 'unknown', reason: 'captcha', detail: 'v' })).toMatchObject({ datesUnknown: { reason: 'captcha' }, proof: { list: { read: false } } });
  });
});

describe('what the profile page received in a browser', () => {
  const page = (parts: Partial<PageCapture>): PageCapture => ({ answers: {}, ...parts });
  const TOKEN = 'MS4wLjABAAAAjcfabu';
  const document = captured(renderPage({ name: '江城发布', userId: TOKEN }));
  const own = (body: object) => ({ ...captured(body), url: `https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=${TOKEN}&aid=24` });

  it('gives the page’s block first, and a page that never loaded a timeout', () => {
    expect(readToutiaoPage(page({ block: { reason: 'captcha', detail: 'c' }, document }), TOKEN)).toEqual({ kind: 'unknown', reason: 'captcha', detail: 'c' });
    expect(readToutiaoPage(page({}), TOKEN)).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(readToutiaoPage(page({ unfinished: { reason: 'network-error', detail: 'refused' } }), TOKEN)).toMatchObject({ reason: 'network-error' });
    expect(readToutiaoPage(page({ document: captured('', 403) }), TOKEN)).toMatchObject({ reason: 'blocked' });
  });

  it('states a ban from the page state of a successful answer to the account’s address', () => {
    expect(readToutiaoPage(page({ document: captured(renderPage({ name: 'x', banStatus: true })) }), TOKEN)).toMatchObject({
      kind: 'missing',
      reason: 'banned',
      source: 'browser',
      statement: { httpStatus: 200, structured: true, bound: true },
    });
  });

  it('dates the account by its own list, with the facts: the page and the list name it, the list’s end', () => {
    const read = readToutiaoPage(page({ document, answers: { feed: own(feed([{ group_id: '1', publish_time: S }])) } }), TOKEN);
    expect(read).toMatchObject({
      kind: 'found',
      posts: [{ id: '1' }],
      proof: {
        subject: TOKEN,
        source: 'browser',
        answers: [
          { what: 'profile', requestNames: true, names: [TOKEN] },
          { what: 'feed', requestNames: true, names: [] },
        ],
        list: { read: true, paging: 'end', undated: 0 },
      },
    });
    expect(readToutiaoPage(page({ document }), TOKEN)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' }, proof: { list: { read: false } } });
    expect(readToutiaoPage(page({ document, answers: { feed: captured('') } }), TOKEN)).toMatchObject({ datesUnknown: { reason: 'blocked' } });
    expect(readToutiaoPage(page({ document, answers: { feed: captured({ message: 'error' }) } }), TOKEN)).toMatchObject({ datesUnknown: { reason: 'layout-changed', detail: 'feed answer not understood' } });
  });

  it('refuses a page or a list that names another account', () => {
    const other = captured(renderPage({ name: '别家', userId: 'MS4wLjABAAAAother' }));
    expect(verdictOf(readToutiaoPage(page({ document: other, answers: { feed: own(feed([{ publish_time: S }])) } }), TOKEN))).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
    const byOthers = own(feed([{ publish_time: S, media_url: '/c/user/token/MS4wLjABAAAAother/' }]));
    expect(verdictOf(readToutiaoPage(page({ document, answers: { feed: byOthers } }), TOKEN))).toMatchObject({ status: 'unverified', reason: 'wrong-account', detail: expect.stringContaining('MS4wLjABAAAAother') });
    const mixed = own(feed([{ publish_time: S, user_info: { user_id: '1' } }, { publish_time: S, user_info: { user_id: '2' } }]));
    expect(verdictOf(readToutiaoPage(page({ document, answers: { feed: mixed } }), TOKEN))).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
  });

  it('knows the older numeric address’s account by the token its page names', () => {
    const read = readToutiaoPage(page({ document, answers: { feed: own(feed([{ publish_time: S, user_info: { user_id: '4492956276' } }])) } }), '4492956276');
    expect(read).toMatchObject({ proof: { subject: TOKEN, answers: [{ names: [TOKEN] }, { requestNames: true, names: [] }] } });
    expect(verdictOf(read)).toMatchObject({ status: 'active' });
  });

  it('keeps waiting past the recommendations: the recipe’s answer is about the account only when the request asks its own list', async () => {
    const visitOf = async (id: string) => {
      let visit: PageVisit | undefined;
      const tools = { visit: async (v: PageVisit) => ((visit = v), { answers: {} }), http: {} as never, now: new Date() };
      await toutiao.browser.observe({ key: `toutiao:${id}`, platform: 'toutiao', id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 }, tools, new AbortController().signal);
      return visit!.answers[0]!.about!;
    };
    const about = await visitOf(TOKEN);
    const at = (url: string) => ({ ...captured(feed([])), url });
    expect(about(at(`https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=${TOKEN}`))).toBe(true);
    expect(about(at(`https://www.toutiao.com/api/pc/list/feed?category=profile_all&token=${TOKEN}`))).toBe(true);
    expect(about(at(`https://www.toutiao.com/api/pc/list/feed?channel_id=1&category=pc_profile_recommend`))).toBe(false);
    expect(about(at(`https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=MS4wLjABAAAAother`))).toBe(false);
    // The numeric address: its token is known only from the page, so any token's own list will do here, and the read checks it.
    expect((await visitOf('4492956276'))(at('https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=MS4wLjABAAAAany'))).toBe(true);
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

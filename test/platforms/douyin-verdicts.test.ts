import { describe, expect, it } from 'vitest';
import type { CapturedAnswer, PageCapture } from '../../src/platforms/adapter.js';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { CookieJar } from '../../src/fetch/cookies.js';
import type { Observation } from '../../src/platforms/observation.js';
import {
  detectDouyinBlock,
  douyinLocation,
  douyin,
  parsePostAnswer,
  parseProfileAnswer,
  parseRenderData,
  postsAreAbout,
  profileIsAbout,
  readDouyinPage,
  requestNamesAccount,
  type PostsRead,
} from '../../src/platforms/douyin.js';
import { answer, json, observeWith, type Answer } from '../helpers/fake-http.js';
import { realText } from '../helpers/fixtures.js';

/*
 * Douyin's answers at the edges that decide a verdict, over HTTP and as the
 * profile page in a browser received them. Shapes follow the real 2023
 * captures; the missing-user message is reconstructed, as the adapter says.
 */

const SEC = 'MS4wLjABAAAAsim-test';
const NOW = new Date('2026-11-20T10:00:00+08:00');
const profile = (user: object = {}, top: object = {}) => ({ status_code: 0, user: { nickname: '江城发布', follower_count: 10, aweme_count: 2, is_ban: false, sec_uid: SEC, ...user }, ...top });
const posts = (items: object[] = [{ aweme_id: '7273763133409037601', create_time: 1763600000, is_top: 0, author: { sec_uid: SEC } }]) => ({ status_code: 0, aweme_list: items, has_more: 0 });
/** An answer the page received to a request that named the account, as the page's own requests do. */
const captured = (body: string | object, status = 200, headers: Record<string, string> = {}): CapturedAnswer => ({ ...answer(body, status, headers), url: `https://www.douyin.com/aweme/v1/web/x/?sec_user_id=${SEC}`, method: 'GET' });
const account: Account = { key: `douyin:${SEC}`, platform: 'douyin', id: SEC, url: `https://www.douyin.com/user/${SEC}`, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 } as Account;
const verdictOf = (observation: Observation) => classify(account, observation, NOW, DEFAULT_THRESHOLDS, NOW);
/** A cookie jar as a logged-in browser's cookies.txt gives it. */
const loggedIn = () => {
  const jar = new CookieJar();
  jar.loadNetscape('.douyin.com\tTRUE\t/\tTRUE\t0\tsessionid\tsim-session\n');
  return jar;
};
const page = (parts: Partial<PageCapture>): PageCapture => ({ answers: {}, ...parts });

describe('answers that are blocks', () => {
  it.each([
    [answer('', 429), 'rate-limited'],
    [answer('', 500), 'network-error'],
    [answer('', 502), 'network-error'],
    [answer('', 302, { location: 'https://sso.douyin.com/login/' }), 'login-required'],
    [answer('', 302, { location: 'https://www.douyin.com/passport/web/' }), 'login-required'],
    [answer('', 302, { location: 'https://www.douyin.com/' }), 'blocked'],
    [answer('', 301), 'blocked'],
    [answer('', 399), 'blocked'],
    [answer('', 400), 'blocked'],
    [answer('', 404), 'blocked'],
    [answer(' \n'), 'blocked'],
    [answer('<html><head><title>验证码中间页</title></head><body></body></html>'), 'captcha'],
    [answer('<html><head><title>抖音</title></head><body><div id="captcha_container"></div></body></html>'), 'captcha'],
    [answer('  <html><script>{"type" : "verify"}</script></html>'), 'captcha'],
    [answer('<html><head><title>抖音</title></head><body><script>{"isSpider": true}</script></body></html>'), 'blocked'],
    [answer('<html><head><title>抖音</title></head><body><script>a=%7B%22isSpider%22%3Atrue</script></body></html>'), 'blocked'],
  ])('%#: %s', (response, reason) => {
    expect(detectDouyinBlock(response)).toMatchObject({ kind: 'unknown', reason });
  });

  it('lets a JSON answer and a plain page through to the parsers', () => {
    expect(detectDouyinBlock(answer(profile()))).toBeUndefined();
    expect(detectDouyinBlock(answer('<html><head><title>江城发布的抖音 - 抖音</title></head><body><script>{"isSpider":false}</script></body></html>'))).toBeUndefined();
    expect(detectDouyinBlock(answer('{"text":"<b>"}'))).toBeUndefined();
  });

  it('recognises the real captcha page', () => {
    expect(detectDouyinBlock(answer(realText('douyin', 'user-page-captcha-middle-page-2023.html')))).toMatchObject({ reason: 'captcha' });
  });
});

describe('the profile answer', () => {
  it('is gone when banned (with status 0), cancelled (both marks), or when the message says the user is gone or cancelled', () => {
    expect(parseProfileAnswer(profile({ is_ban: true }))).toMatchObject({ kind: 'gone', reason: 'banned', field: 'user.is_ban: true' });
    expect(parseProfileAnswer(profile({ is_ban: true }, { status_code: 8 }))).toBeUndefined();
    expect(parseProfileAnswer(profile({ user_deleted: true, special_state_info: { special_state: 1 }, aweme_count: 0 }))).toMatchObject({ kind: 'gone', reason: 'cancelled' });
    expect(parseProfileAnswer({ status_code: 0, status_msg: '用户不存在', user: null })).toMatchObject({ kind: 'gone', reason: 'missing', field: 'status_msg: 用户不存在' });
    expect(parseProfileAnswer({ status_code: 0, status_msg: '该用户已注销' })).toMatchObject({ kind: 'gone', reason: 'cancelled' });
  });

  it('takes one of the two cancelled marks for no statement, and never for "0 works"', () => {
    expect(parseProfileAnswer(profile({ user_deleted: true, aweme_count: 0 }))).toMatchObject({ kind: 'unclear' });
    expect(parseProfileAnswer(profile({ special_state_info: { special_state: 1 }, aweme_count: 0 }))).toMatchObject({ kind: 'unclear' });
    expect(parseProfileAnswer(profile({ special_state_info: { special_state: 0 }, user_deleted: false }))).toMatchObject({ kind: 'profile' });
  });

  it('never calls an account gone when it has a name, whatever the message', () => {
    expect(parseProfileAnswer(profile({}, { status_msg: '用户不存在' }))).toMatchObject({ kind: 'profile' });
  });

  it('is not understood with a status other than 0 or without a name', () => {
    expect(parseProfileAnswer(profile({}, { status_code: 2 }))).toBeUndefined();
    expect(parseProfileAnswer(profile({ nickname: '' }))).toBeUndefined();
    expect(parseProfileAnswer({ status_code: 0 })).toBeUndefined();
  });

  it('keeps an exact post count only, and the id it names', () => {
    expect(parseProfileAnswer(profile())).toEqual({ kind: 'profile', profile: { name: '江城发布', followers: 10, postCount: 2 }, names: [SEC] });
    expect(parseProfileAnswer(profile({ aweme_count: '1.2万' }))).toMatchObject({ profile: { postCount: undefined } });
    expect(parseProfileAnswer(profile({ sec_uid: undefined }))).toMatchObject({ names: [] });
  });
});

describe('the post list', () => {
  const read = (json: unknown) => parsePostAnswer(json) as PostsRead;

  it('reads each post, pinned by 1 or true, and counts one with no date at all instead of dropping it', () => {
    const list = read(posts([{ aweme_id: '1', create_time: 1763600000, is_top: 1 }, { aweme_id: '2', create_time: 1763500000, is_top: true }, { aweme_id: '3', create_time: 1763400000 }]));
    expect(list.posts.map((p) => [p.id, p.pinned])).toEqual([['1', true], ['2', true], ['3', false]]);
    expect(read(posts([{ aweme_id: 'x' }]))).toMatchObject({ posts: [], undated: 1 });
    expect(read(posts([{ create_time: 1763600000 }])).posts[0]!.id).toBe('');
  });

  it('reads has_more as 1/0 or true/false, and nothing else as an end', () => {
    expect(read({ ...posts(), has_more: 1, max_cursor: 1 }).paging).toBe('more');
    expect(read({ ...posts(), has_more: true }).paging).toBe('more');
    expect(read({ ...posts(), has_more: 0, max_cursor: 1763600000000 }).paging).toBe('end');
    expect(read({ ...posts(), has_more: false }).paging).toBe('end');
    expect(read({ status_code: 0, aweme_list: [], max_cursor: 0 }).paging).toBe('unknown');
  });

  it('names the posts’ authors (author.sec_uid), once each', () => {
    const mine = { aweme_id: '1', create_time: 1763600000, author: { sec_uid: SEC } };
    expect(read(posts([mine, { ...mine, aweme_id: '2' }])).names).toEqual([SEC]);
    expect(read(posts([mine, { ...mine, author: { sec_uid: 'MS4wLjABAAAAother' } }])).names).toEqual([SEC, 'MS4wLjABAAAAother']);
  });

  it('takes a success without aweme_list for a login wall, and is not understood with another status', () => {
    expect(parsePostAnswer({ status_code: 1, aweme_list: [] })).toBeUndefined();
    expect(parsePostAnswer({ status_code: 0, aweme_list: {} })).toBeUndefined();
    expect(parsePostAnswer({ status_code: 0 })).toMatchObject({ kind: 'unknown', reason: 'login-required' });
    expect(parsePostAnswer({ status_code: 0, aweme_list: null })).toMatchObject({ kind: 'unknown', reason: 'login-required' });
    expect(parsePostAnswer({ status_code: 0, aweme_list: [] })).toEqual({ posts: [], undated: 0, paging: 'unknown', names: [] });
  });
});

describe('the page state (RENDER_DATA)', () => {
  const state = (holder: object) => `<html><body><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ app: {}, '41': holder }))}</script></body></html>`;
  it('reads the key that holds both the user and the posts', () => {
    const html = state({ user: { user: { nickname: '江城发布', followerCount: 3, awemeCount: 1, secUid: SEC } }, post: { data: [{ awemeId: '9', createTime: 1763600000, isTop: 0 }], hasMore: 0 } });
    expect(parseRenderData(html)).toMatchObject({ profile: { name: '江城发布', postCount: 1 }, names: [SEC], posts: { posts: [{ id: '9', pinned: false }], paging: 'end' } });
  });

  it('reads nothing from a page without it, with only one of the two, without a name or a list; counts an undated post', () => {
    expect(parseRenderData('<html></html>')).toBeUndefined();
    expect(parseRenderData(state({ user: { user: { nickname: '江城发布' } } }))).toBeUndefined();
    expect(parseRenderData(state({ post: { data: [] } }))).toBeUndefined();
    expect(parseRenderData(state({ user: { user: {} }, post: { data: [] } }))).toBeUndefined();
    expect(parseRenderData(state({ user: { user: { nickname: '江城发布' } }, post: {} }))).toBeUndefined();
    expect(parseRenderData(state({ user: { user: { nickname: '江城发布' } }, post: { data: [{ awemeId: 'x' }] } }))).toMatchObject({ posts: { posts: [], undated: 1 } });
  });
});

describe('what the profile page received in a browser', () => {
  const ok = { profile: captured(profile()), posts: captured(posts()) };
  const read = (parts: Partial<PageCapture>, loggedIn = false) => readDouyinPage(page(parts), SEC, loggedIn);

  it('gives the page’s block before anything it received', () => {
    expect(read({ block: { reason: 'captcha', detail: 'slider' }, answers: ok })).toEqual({ kind: 'unknown', reason: 'captcha', detail: 'slider' });
    expect(read({ document: captured('<html><head><title>验证码中间页</title></head></html>'), answers: ok })).toMatchObject({ reason: 'captcha' });
  });

  it('is unverified without a profile answer, saying why the page stopped', () => {
    expect(read({})).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(read({ unfinished: { reason: 'timeout', detail: 'no answer in 30 s' } })).toMatchObject({ reason: 'timeout' });
    expect(read({ unfinished: { reason: 'wrong-account', detail: 'the page received profile only for another account' } })).toMatchObject({ reason: 'wrong-account' });
  });

  it('reads the profile answer: a block, an answer not understood, a statement that it is gone', () => {
    expect(read({ answers: { profile: captured('') } })).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(read({ answers: { profile: captured({ status_code: 0 }) } })).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(read({ answers: { profile: captured(profile({ is_ban: true })) } })).toMatchObject({ kind: 'missing', reason: 'banned', statement: { httpStatus: 200, structured: true, bound: true } });
  });

  it('waits for the list even when the profile counts 0: the count alone proves nothing', () => {
    const countOnly = read({ answers: { profile: captured(profile({ aweme_count: 0 })) } });
    expect(countOnly).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' }, proof: { list: { read: false } } });
    expect(verdictOf(countOnly)).toMatchObject({ status: 'unverified' });
    const whole = read({ answers: { profile: captured(profile({ aweme_count: 0 })), posts: captured({ status_code: 0, aweme_list: [], has_more: 0 }) } });
    expect(verdictOf(whole)).toMatchObject({ status: 'zombie', reason: 'never-posted' });
  });

  it('keeps the account without a verdict when the posts never came or were blocked', () => {
    expect(read({ answers: { profile: ok.profile } })).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(read({ answers: { profile: ok.profile, posts: captured('') } })).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(read({ answers: ok })).toMatchObject({ kind: 'found', posts: [{ id: '7273763133409037601' }] });
  });

  it('says whether each answer’s request named the account (sec_user_id)', () => {
    const named = read({ answers: ok });
    expect(named).toMatchObject({ proof: { answers: [{ requestNames: true }, { requestNames: true }] } });
    const unnamed = read({ answers: { profile: { ...ok.profile, url: 'https://www.douyin.com/aweme/v1/web/user/profile/other/' }, posts: ok.posts } });
    expect(unnamed).toMatchObject({ proof: { answers: [{ requestNames: false, names: [SEC] }, { requestNames: true }] } });
  });

  it('sets mayOmitNewest without a login only', () => {
    expect(read({ answers: ok })).toMatchObject({ proof: { list: { read: true, mayOmitNewest: expect.stringContaining('gov-audit login douyin') } } });
    expect(read({ answers: ok }, true)).not.toHaveProperty('proof.list.mayOmitNewest');
  });
});

describe('the answers the recipe keeps', () => {
  const other = 'MS4wLjABAAAAother';
  const at = (path: string, sec: string) => `https://www.douyin.com${path}?device_platform=webapp&sec_user_id=${sec}&msToken=x`;

  it('keeps a profile asked by the account’s sec_user_id, or naming it as user.sec_uid', () => {
    expect(profileIsAbout({ ...captured(profile()), url: at('/aweme/v1/web/user/profile/other/', SEC) }, SEC)).toBe(true);
    expect(profileIsAbout({ ...captured(profile({ sec_uid: other })), url: at('/aweme/v1/web/user/profile/other/', other) }, SEC)).toBe(false);
    expect(profileIsAbout({ ...captured(profile()), url: 'https://www.douyin.com/aweme/v1/web/user/profile/other/' }, SEC)).toBe(true);
    expect(profileIsAbout({ ...captured('not json'), url: 'https://www.douyin.com/aweme/v1/web/user/profile/other/' }, SEC)).toBe(false);
  });

  it('keeps a post list asked by the account’s sec_user_id, or whose posts’ author is it', () => {
    const mine = posts([{ aweme_id: '1', create_time: 1763600000, author: { sec_uid: SEC } }]);
    const theirs = posts([{ aweme_id: '1', create_time: 1763600000, author: { sec_uid: other } }]);
    expect(postsAreAbout({ ...captured(theirs), url: at('/aweme/v1/web/aweme/post/', SEC) }, SEC)).toBe(true);
    expect(postsAreAbout({ ...captured(theirs), url: at('/aweme/v1/web/aweme/post/', other) }, SEC)).toBe(false);
    expect(postsAreAbout({ ...captured(mine), url: 'https://www.douyin.com/aweme/v1/web/aweme/post/' }, SEC)).toBe(true);
    expect(requestNamesAccount({ url: 'not a url', requestBody: `sec_user_id=${SEC}` }, SEC)).toBe(true);
  });
});

describe('the whole observation over HTTP', () => {
  function platform(answers: { profile?: Answer; posts?: Answer; page?: Answer; short?: Answer }, cookies?: CookieJar) {
    return observeWith(
      douyin,
      (url) => {
        if (url.hostname === 'v.douyin.com') return answers.short ?? { status: 302, headers: { location: `https://www.iesdouyin.com/share/user/${SEC}?sec_uid=${SEC}&u_code=x` } };
        if (url.pathname === '/aweme/v1/web/user/profile/other/') return answers.profile ?? json(profile());
        if (url.pathname === '/aweme/v1/web/aweme/post/') return answers.posts ?? json(posts());
        if (url.pathname.startsWith('/user/')) return answers.page ?? { body: '' };
        return { status: 404 };
      },
      cookies ? { cookies } : {},
    );
  }
  const renderPage = `<html><body><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ '41': { user: { user: { nickname: '江城发布', awemeCount: 1, secUid: SEC } }, post: { data: [{ awemeId: '9', createTime: 1763600000 }] } } }))}</script></body></html>`;

  it('asks the profile, then the posts, with the web parameters and the referer', async () => {
    const { observe, requests } = platform({});
    expect(await observe(SEC)).toMatchObject({ kind: 'found', posts: [{ id: '7273763133409037601' }] });
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/aweme/v1/web/user/profile/other/', '/aweme/v1/web/aweme/post/']);
    expect(requests[0]!.url).toContain(`sec_user_id=${SEC}&device_platform=webapp&aid=6383`);
    expect(requests[1]!.url).toContain(`sec_user_id=${SEC}&count=18&max_cursor=0`);
    expect(requests[0]!.headers).toEqual({ referer: 'https://www.douyin.com/' });
  });

  it('reports the facts: the subject, the platform as source, both answers and whom they name, the list’s end mark', async () => {
    expect(await platform({}).observe(SEC)).toMatchObject({
      proof: {
        subject: SEC,
        source: 'platform',
        answers: [{ what: 'profile', requestNames: true, names: [SEC] }, { what: 'posts', requestNames: true, names: [SEC] }],
        list: { read: true, paging: 'end', undated: 0 },
      },
    });
  });

  it('without a sessionid cookie the list may leave out the newest works; with one (or sessionid_ss) it does not', async () => {
    const loggedOut = await platform({}).observe(SEC);
    expect(loggedOut).toMatchObject({ proof: { list: { mayOmitNewest: expect.stringContaining('--cookies') } } });
    expect(await platform({}, loggedIn()).observe(SEC)).not.toHaveProperty('proof.list.mayOmitNewest');
    const ss = new CookieJar();
    ss.loadHeader('sessionid_ss=x', ['www.douyin.com']);
    expect(await platform({}, ss).observe(SEC)).not.toHaveProperty('proof.list.mayOmitNewest');
    const visitor = new CookieJar();
    visitor.loadHeader('ttwid=1; msToken=2; sessionid=', ['www.douyin.com']);
    expect(await platform({}, visitor).observe(SEC)).toHaveProperty('proof.list.mayOmitNewest');
  });

  it('asks the post list of an account that counts 0 too, and of none that is gone', async () => {
    const never = platform({ profile: json(profile({ aweme_count: 0 })), posts: json({ status_code: 0, aweme_list: [], has_more: 0 }) });
    expect(verdictOf(await never.observe(SEC))).toMatchObject({ status: 'zombie', reason: 'never-posted' });
    expect(never.requests).toHaveLength(2);
    const banned = platform({ profile: json(profile({ is_ban: true })) });
    expect(await banned.observe(SEC)).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(banned.requests).toHaveLength(1);
  });

  it('falls back to the page when the API is blocked, keeping the API’s block unless the page knows better', async () => {
    expect(await platform({ profile: { body: '' }, page: { body: renderPage } }).observe(SEC)).toMatchObject({ kind: 'found', posts: [{ id: '9' }], proof: { answers: [{ what: 'page', names: [SEC] }, { what: 'page posts' }] } });
    expect(await platform({ profile: { body: '' }, page: { body: '' } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'blocked', detail: expect.stringContaining('empty 200 body') });
    expect(await platform({ profile: { body: '' }, page: { body: realText('douyin', 'user-page-captcha-middle-page-2023.html') } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'captcha' });
    expect(await platform({ profile: { body: '' }, page: { body: '<html><head><title>抖音</title></head></html>' } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
  });

  it('falls back to the page when the posts are blocked, and keeps the undated account if the page cannot tell', async () => {
    expect(await platform({ posts: { body: '' }, page: { body: renderPage } }).observe(SEC)).toMatchObject({ kind: 'found', posts: [{ id: '9' }] });
    expect(await platform({ posts: { body: '' }, page: { body: '' } }).observe(SEC)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    const blocked = await platform({ posts: { body: 'blocked' }, page: { body: '' } }).observe(SEC);
    expect(blocked.kind === 'found' && blocked.datesUnknown).toEqual({ reason: 'blocked', detail: 'the answer says "blocked"' });
    expect(await platform({ profile: json({ status_code: 0 }), page: { body: '<html></html>' } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('reads a short link’s target without following it, and says when it leads nowhere', async () => {
    const short = platform({});
    expect(await short.observe('v/iRNBho6u', 'https://v.douyin.com/iRNBho6u/')).toMatchObject({ kind: 'found', resolvedId: SEC, proof: { subject: SEC } });
    expect(short.requests[0]).toMatchObject({ url: 'https://v.douyin.com/iRNBho6u/', followRedirects: false });
    const byPath = platform({ short: { status: 302, headers: { location: `https://www.douyin.com/user/${SEC}` } } });
    expect(await byPath.observe('v/x', 'https://v.douyin.com/x/')).toMatchObject({ resolvedId: SEC });
    expect(await platform({ short: { status: 404 } }).observe('v/x', 'https://v.douyin.com/x/')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('gives the verdicts issue #26 asks for: cancelled is not found, "blocked" and a list without aweme_list are not silence', async () => {
    const cancelled = platform({ profile: json(profile({ nickname: '账号已注销', aweme_count: 0, user_deleted: true, special_state_info: { special_state: 1 } })) });
    expect(verdictOf(await cancelled.observe(SEC))).toMatchObject({ status: 'not-found', reason: 'cancelled', source: 'platform' });
    expect(cancelled.requests).toHaveLength(1);
    expect(verdictOf(await platform({ profile: { body: 'blocked' } }).observe(SEC))).toMatchObject({ status: 'unverified', reason: 'blocked' });
    const noList = await platform({ profile: json(profile({ aweme_count: 0 })), posts: json({ status_code: 0 }) }).observe(SEC);
    expect(verdictOf(noList)).toMatchObject({ status: 'unverified', reason: 'login-required' });
    expect(verdictOf(await platform({ profile: json({ status_code: 0, status_msg: '用户不存在', user: null }) }).observe(SEC))).toMatchObject({ status: 'not-found', reason: 'missing' });
    // Only a 2xx answer carries the statement: an error status is a block, whatever its body says.
    expect(verdictOf(await platform({ profile: json({ status_code: 0, status_msg: '用户不存在' }, 404) }).observe(SEC))).toMatchObject({ status: 'unverified', reason: 'blocked' });
  });

  it('proves activity logged out, silence only logged in, and never takes a count of 0 beside a listed post for "never posted"', async () => {
    const old = json(posts([{ aweme_id: '1', create_time: Math.floor(NOW.getTime() / 1000) - 40 * 86_400, author: { sec_uid: SEC } }]));
    expect(verdictOf(await platform({ posts: old }).observe(SEC))).toMatchObject({ status: 'unverified', reason: 'list-incomplete' });
    expect(verdictOf(await platform({ posts: old }, loggedIn()).observe(SEC))).toMatchObject({ status: 'inactive' });
    const yesterday = json(posts([{ aweme_id: '1', create_time: Math.floor(NOW.getTime() / 1000) - 86_400, author: { sec_uid: SEC } }]));
    expect(verdictOf(await platform({ profile: json(profile({ aweme_count: 0 })), posts: yesterday }).observe(SEC))).toMatchObject({ status: 'active' });
  });

  it('refuses answers about another account', async () => {
    const other = 'MS4wLjABAAAAother';
    expect(verdictOf(await platform({ profile: json(profile({ sec_uid: other })) }, loggedIn()).observe(SEC))).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
    const theirs = json(posts([{ aweme_id: '1', create_time: 1763600000, author: { sec_uid: other } }]));
    expect(verdictOf(await platform({ posts: theirs }, loggedIn()).observe(SEC))).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
  });

  it('keeps a post id’s date beside its create_time, so that the two must agree', async () => {
    const seconds = Math.floor(NOW.getTime() / 1000) - 86_400;
    const id = ((BigInt(seconds - 30 * 86_400) << 32n) | 7n).toString();
    const disagreeing = await platform({ posts: json(posts([{ aweme_id: id, create_time: seconds, author: { sec_uid: SEC } }])) }, loggedIn()).observe(SEC);
    expect(disagreeing).toMatchObject({ posts: [{ idDate: new Date((seconds - 30 * 86_400) * 1000) }] });
    expect(verdictOf(disagreeing)).toMatchObject({ status: 'unverified', reason: 'implausible-date' });
  });

  it('turns a transport failure into a failure', async () => {
    expect(await observeWith(douyin, () => new Error('ECONNRESET')).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });
});

describe('Douyin, at the boundaries', () => {
  it.each([
    [300, 'blocked', 'HTTP 300 redirect'],
    [399, 'blocked', 'HTTP 399 redirect'],
    [400, 'blocked', 'HTTP 400'],
    [404, 'blocked', 'HTTP 404'],
    [499, 'blocked', 'HTTP 499'],
  ])('HTTP %i is %s (%s)', (status, reason, detail) => {
    expect(detectDouyinBlock(answer('', status))).toEqual({ kind: 'unknown', reason, detail });
  });

  it('knows the verification and spider markers however they are spaced', () => {
    expect(detectDouyinBlock(answer('<html><script>{"type"  :  "verify"}</script></html>'))).toMatchObject({ reason: 'captcha' });
    expect(detectDouyinBlock(answer('<html><head><title>抖音</title></head><script>{"isSpider" : true}</script></html>'))).toMatchObject({ reason: 'blocked' });
    expect(detectDouyinBlock(answer(' blocked\n'))).toMatchObject({ reason: 'blocked' });
    expect(detectDouyinBlock(answer('{"status_msg":"blocked"}'))).toBeUndefined();
  });

  it('takes the RENDER_DATA key holding both the user and the posts, not the first with one of them', () => {
    const html = `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ '1': { user: { user: { nickname: '别的' } } }, '41': { user: { user: { nickname: '江城发布' } }, post: { data: [] } } }))}</script>`;
    expect(parseRenderData(html)).toMatchObject({ profile: { name: '江城发布' } });
  });

  it('asks the APIs following redirects, and a short link without, with the referer; reads a link naming only sec_uid', async () => {
    const { observe, requests } = observeWith(douyin, (url) => {
      if (url.hostname === 'v.douyin.com') return { status: 302, headers: { location: `https://www.iesdouyin.com/share/?sec_uid=${SEC}` } };
      return url.pathname.includes('/post/') ? json(posts()) : json(profile());
    });
    expect(await observe('v/abc', 'https://v.douyin.com/abc/')).toMatchObject({ kind: 'found', resolvedId: SEC });
    expect(requests[0]).toMatchObject({ followRedirects: false, headers: { referer: 'https://www.douyin.com/' } });
    expect(requests[1]).toMatchObject({ followRedirects: true });
    const dated = await observe(SEC);
    expect(dated).not.toHaveProperty('datesUnknown');
  });
});

describe('a short link’s redirect', () => {
  it('is read only when it leads to a Douyin host', () => {
    expect(douyinLocation('https://www.iesdouyin.com/share/user/MS4wLjABAAAAx?sec_uid=MS4wLjABAAAAx')?.hostname).toBe('www.iesdouyin.com');
    expect(douyinLocation('https://www.douyin.com/user/MS4wLjABAAAAx')?.pathname).toBe('/user/MS4wLjABAAAAx');
    for (const foreign of ['https://evil.example/user/MS4wLjABAAAAx', 'https://douyin.com.evil.example/user/MS4wLjABAAAAx', 'http://www.douyin.com/user/MS4wLjABAAAAx', 'javascript:alert(1)', '']) {
      expect(douyinLocation(foreign), foreign).toBeUndefined();
    }
  });
});

describe('no verdict from an answer the proof does not bind or a state it does not state', () => {
  const unnamed = (body: object): CapturedAnswer => ({ ...answer(body), url: 'https://www.douyin.com/aweme/v1/web/user/profile/other/', method: 'GET' });

  it('a request names the account by sec_user_id in its address or its body, and only then', () => {
    expect(requestNamesAccount({ url: 'https://www.douyin.com/x/', requestBody: undefined }, SEC)).toBe(false);
    expect(requestNamesAccount({ url: 'https://www.douyin.com/x/', requestBody: 'sec_user_id=MS4wLjABAAAAother' }, SEC)).toBe(false);
    expect(requestNamesAccount({ url: 'https://www.douyin.com/x/', requestBody: `sec_user_id=${SEC}` }, SEC)).toBe(true);
    expect(requestNamesAccount({ url: `https://www.douyin.com/x/?sec_user_id=${SEC}`, requestBody: undefined }, SEC)).toBe(true);
  });

  it('a cancelled account stated by an answer about another account is never this one’s not-found', () => {
    const other = unnamed(profile({ sec_uid: 'MS4wLjABAAAAother', user_deleted: true, special_state_info: { special_state: 1 }, aweme_count: 0 }));
    expect(verdictOf(readDouyinPage(page({ document: captured('<html></html>'), answers: { profile: other } }), SEC, true)).status).toBe('unverified');
  });

  it('half a cancellation (user_deleted alone) is contradictory, and an error status beside a user is no profile', () => {
    const half = captured(profile({ user_deleted: true, aweme_count: 0 }));
    expect(verdictOf(readDouyinPage(page({ document: captured('<html></html>'), answers: { profile: half } }), SEC, true))).toMatchObject({ status: 'unverified', reason: 'contradictory' });
    const failed = captured(profile({ aweme_count: 0 }, { status_code: 8 }));
    const posts = captured({ status_code: 0, aweme_list: [], has_more: 0 });
    expect(verdictOf(readDouyinPage(page({ document: captured('<html></html>'), answers: { profile: failed, posts } }), SEC, true)).status).toBe('unverified');
  });
});

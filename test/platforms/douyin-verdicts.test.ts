import { describe, expect, it } from 'vitest';
import type { CapturedAnswer, PageCapture } from '../../src/platforms/adapter.js';
import { combineDouyin, detectDouyinBlock, douyin, parsePostAnswer, parseProfileAnswer, parseRenderData, readDouyinPage } from '../../src/platforms/douyin.js';
import { answer, json, observeWith, type Answer } from '../helpers/fake-http.js';
import { realText } from '../helpers/fixtures.js';

/*
 * Douyin's answers at the edges that decide a verdict, over HTTP and as the
 * profile page in a browser received them. Shapes follow the real 2023
 * captures; the missing-user message is reconstructed, as the adapter says.
 */

const SEC = 'MS4wLjABAAAAsim-test';
const profile = (user: object = {}, top: object = {}) => ({ status_code: 0, user: { nickname: '江城发布', follower_count: 10, aweme_count: 2, is_ban: false, ...user }, ...top });
const posts = (items: object[] = [{ aweme_id: '7273763133409037601', create_time: 1763600000, is_top: 0 }]) => ({ status_code: 0, aweme_list: items });
const captured = (body: string | object, status = 200, headers: Record<string, string> = {}): CapturedAnswer => ({ ...answer(body, status, headers), method: 'GET' });
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
  it('is not found when banned (with status 0), or when the message says the user is gone or cancelled', () => {
    expect(parseProfileAnswer(profile({ is_ban: true }))).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(parseProfileAnswer(profile({ is_ban: true }, { status_code: 8 }))).toBeUndefined();
    expect(parseProfileAnswer({ status_code: 0, status_msg: '用户不存在', user: null })).toMatchObject({ kind: 'missing', reason: 'missing', detail: '用户不存在' });
    expect(parseProfileAnswer({ status_code: 0, status_msg: '该用户已注销' })).toMatchObject({ kind: 'missing', reason: 'cancelled' });
  });

  it('never calls an account gone when it has a name, whatever the message', () => {
    expect(parseProfileAnswer(profile({}, { status_msg: '用户不存在' }))).toMatchObject({ kind: 'profile' });
  });

  it('is not understood with a status other than 0 or without a name', () => {
    expect(parseProfileAnswer(profile({}, { status_code: 2 }))).toBeUndefined();
    expect(parseProfileAnswer(profile({ nickname: '' }))).toBeUndefined();
    expect(parseProfileAnswer({ status_code: 0 })).toBeUndefined();
  });

  it('keeps an exact post count only', () => {
    expect(parseProfileAnswer(profile())).toEqual({ kind: 'profile', profile: { name: '江城发布', followers: 10, postCount: 2 } });
    expect(parseProfileAnswer(profile({ aweme_count: '1.2万' }))).toMatchObject({ profile: { postCount: undefined } });
  });
});

describe('the post list', () => {
  it('reads each post, pinned by 1 or true, and nothing when a post has no date at all', () => {
    const list = parsePostAnswer(posts([{ aweme_id: '1', create_time: 1763600000, is_top: 1 }, { aweme_id: '2', create_time: 1763500000, is_top: true }, { aweme_id: '3', create_time: 1763400000 }]))!;
    expect(list.map((p) => [p.id, p.pinned])).toEqual([['1', true], ['2', true], ['3', false]]);
    expect(parsePostAnswer(posts([{ aweme_id: 'x' }]))).toBeUndefined();
    expect(parsePostAnswer(posts([{ create_time: 1763600000 }]))![0]!.id).toBe('');
  });

  it('is not understood with a status other than 0 or without a list', () => {
    expect(parsePostAnswer({ status_code: 1, aweme_list: [] })).toBeUndefined();
    expect(parsePostAnswer({ status_code: 0 })).toBeUndefined();
    expect(parsePostAnswer({ status_code: 0, aweme_list: [] })).toEqual([]);
  });

  it('is "never posted" only with a count of zero; an empty list of a counted account has no dates', () => {
    expect(combineDouyin({ name: 'x', postCount: 0 }, undefined)).toEqual({ kind: 'found', profile: { name: 'x', postCount: 0 }, posts: [] });
    expect(combineDouyin({ name: 'x', postCount: 3 }, [])).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(combineDouyin({ name: 'x' }, undefined)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    const dated = combineDouyin({ name: 'x', postCount: 1 }, [{ id: '1', at: new Date(), pinned: false }]);
    expect(dated).not.toHaveProperty('datesFrom');
    expect(combineDouyin({ name: 'x', postCount: 1 }, [{ id: '1', at: new Date(), pinned: false, dateFromId: true }])).toHaveProperty('datesFrom');
  });
});

describe('the page state (RENDER_DATA)', () => {
  const state = (holder: object) => `<html><body><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ app: {}, '41': holder }))}</script></body></html>`;
  it('reads the key that holds both the user and the posts', () => {
    const html = state({ user: { user: { nickname: '江城发布', followerCount: 3, awemeCount: 1 } }, post: { data: [{ awemeId: '9', createTime: 1763600000, isTop: 0 }] } });
    expect(parseRenderData(html)).toMatchObject({ profile: { name: '江城发布', postCount: 1 }, posts: [{ id: '9', pinned: false }] });
  });

  it('reads nothing from a page without it, with only one of the two, without a name or a list, or with an undated post', () => {
    expect(parseRenderData('<html></html>')).toBeUndefined();
    expect(parseRenderData(state({ user: { user: { nickname: '江城发布' } } }))).toBeUndefined();
    expect(parseRenderData(state({ post: { data: [] } }))).toBeUndefined();
    expect(parseRenderData(state({ user: { user: {} }, post: { data: [] } }))).toBeUndefined();
    expect(parseRenderData(state({ user: { user: { nickname: '江城发布' } }, post: {} }))).toBeUndefined();
    expect(parseRenderData(state({ user: { user: { nickname: '江城发布' } }, post: { data: [{ awemeId: 'x' }] } }))).toBeUndefined();
  });
});

describe('what the profile page received in a browser', () => {
  const ok = { profile: captured(profile()), posts: captured(posts()) };

  it('gives the page’s block before anything it received', () => {
    expect(readDouyinPage(page({ block: { reason: 'captcha', detail: 'slider' }, answers: ok }))).toEqual({ kind: 'unknown', reason: 'captcha', detail: 'slider' });
    expect(readDouyinPage(page({ document: captured('<html><head><title>验证码中间页</title></head></html>'), answers: ok }))).toMatchObject({ reason: 'captcha' });
  });

  it('is unverified without a profile answer, saying why the page stopped', () => {
    expect(readDouyinPage(page({}))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(readDouyinPage(page({ unfinished: { reason: 'timeout', detail: 'no answer in 30 s' } }))).toMatchObject({ reason: 'timeout' });
  });

  it('reads the profile answer: a block, an answer not understood, a verdict, never posted', () => {
    expect(readDouyinPage(page({ answers: { profile: captured('') } }))).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(readDouyinPage(page({ answers: { profile: captured({ status_code: 0 }) } }))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(readDouyinPage(page({ answers: { profile: captured(profile({ is_ban: true })) } }))).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(readDouyinPage(page({ answers: { profile: captured(profile({ aweme_count: 0 })) } }))).toEqual({ kind: 'found', profile: { name: '江城发布', followers: 10, postCount: 0 }, posts: [] });
  });

  it('keeps the account without a verdict when the posts never came or were blocked', () => {
    expect(readDouyinPage(page({ answers: { profile: ok.profile } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(readDouyinPage(page({ answers: { profile: ok.profile, posts: captured('') } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(readDouyinPage(page({ answers: ok }))).toMatchObject({ kind: 'found', posts: [{ id: '7273763133409037601' }] });
  });
});

describe('the whole observation over HTTP', () => {
  function platform(answers: { profile?: Answer; posts?: Answer; page?: Answer; short?: Answer }) {
    return observeWith(douyin, (url) => {
      if (url.hostname === 'v.douyin.com') return answers.short ?? { status: 302, headers: { location: `https://www.iesdouyin.com/share/user/${SEC}?sec_uid=${SEC}&u_code=x` } };
      if (url.pathname === '/aweme/v1/web/user/profile/other/') return answers.profile ?? json(profile());
      if (url.pathname === '/aweme/v1/web/aweme/post/') return answers.posts ?? json(posts());
      if (url.pathname.startsWith('/user/')) return answers.page ?? { body: '' };
      return { status: 404 };
    });
  }
  const renderPage = `<html><body><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ '41': { user: { user: { nickname: '江城发布', awemeCount: 1 } }, post: { data: [{ awemeId: '9', createTime: 1763600000 }] } } }))}</script></body></html>`;

  it('asks the profile, then the posts, with the web parameters and the referer', async () => {
    const { observe, requests } = platform({});
    expect(await observe(SEC)).toMatchObject({ kind: 'found', posts: [{ id: '7273763133409037601' }] });
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/aweme/v1/web/user/profile/other/', '/aweme/v1/web/aweme/post/']);
    expect(requests[0]!.url).toContain(`sec_user_id=${SEC}&device_platform=webapp&aid=6383`);
    expect(requests[0]!.headers).toEqual({ referer: 'https://www.douyin.com/' });
  });

  it('asks no post list of an account that never posted, or one that is gone', async () => {
    const never = platform({ profile: json(profile({ aweme_count: 0 })) });
    expect(await never.observe(SEC)).toMatchObject({ kind: 'found', posts: [] });
    expect(never.requests).toHaveLength(1);
    expect(await platform({ profile: json(profile({ is_ban: true })) }).observe(SEC)).toMatchObject({ kind: 'missing', reason: 'banned' });
  });

  it('falls back to the page when the API is blocked, keeping the API’s block unless the page knows better', async () => {
    expect(await platform({ profile: { body: '' }, page: { body: renderPage } }).observe(SEC)).toMatchObject({ kind: 'found', posts: [{ id: '9' }] });
    expect(await platform({ profile: { body: '' }, page: { body: '' } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'blocked', detail: expect.stringContaining('empty 200 body') });
    expect(await platform({ profile: { body: '' }, page: { body: realText('douyin', 'user-page-captcha-middle-page-2023.html') } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'captcha' });
    expect(await platform({ profile: { body: '' }, page: { body: '<html><head><title>抖音</title></head></html>' } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
  });

  it('falls back to the page when the posts are blocked, and keeps the undated account if the page cannot tell', async () => {
    expect(await platform({ posts: { body: '' }, page: { body: renderPage } }).observe(SEC)).toMatchObject({ kind: 'found', posts: [{ id: '9' }] });
    expect(await platform({ posts: { body: '' }, page: { body: '' } }).observe(SEC)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(await platform({ profile: json({ status_code: 0 }), page: { body: '<html></html>' } }).observe(SEC)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('reads a short link’s target without following it, and says when it leads nowhere', async () => {
    const short = platform({});
    expect(await short.observe('v/iRNBho6u', 'https://v.douyin.com/iRNBho6u/')).toMatchObject({ kind: 'found', resolvedId: SEC });
    expect(short.requests[0]).toMatchObject({ url: 'https://v.douyin.com/iRNBho6u/', followRedirects: false });
    const byPath = platform({ short: { status: 302, headers: { location: `https://www.douyin.com/user/${SEC}` } } });
    expect(await byPath.observe('v/x', 'https://v.douyin.com/x/')).toMatchObject({ resolvedId: SEC });
    expect(await platform({ short: { status: 404 } }).observe('v/x', 'https://v.douyin.com/x/')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
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
  });

  it('takes the RENDER_DATA key holding both the user and the posts, not the first with one of them', () => {
    const html = `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify({ '1': { user: { user: { nickname: '别的' } } }, '41': { user: { user: { nickname: '江城发布' } }, post: { data: [] } } }))}</script>`;
    expect(parseRenderData(html)).toMatchObject({ profile: { name: '江城发布' } });
  });

  it('says the dates came from the ids when any did', () => {
    const mixed = combineDouyin({ name: 'x', postCount: 2 }, [
      { id: '1', at: new Date(), pinned: false },
      { id: '2', at: new Date(), pinned: false, dateFromId: true },
    ]);
    expect(mixed).toHaveProperty('datesFrom');
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

import { describe, expect, it } from 'vitest';
import { detectXhsBlock, parseXhsProfile, readXhsProfile, xiaohongshu } from '../../src/platforms/xiaohongshu.js';
import { detectXiguaBlock, readXiguaPage, xigua } from '../../src/platforms/xigua.js';
import { answer, observeWith } from '../helpers/fake-http.js';
import { statePage } from '../helpers/fixtures.js';

/*
 * Xiaohongshu and Xigua at the edges that decide a verdict. Xiaohongshu's
 * state follows the real 2023 capture; Xigua's is reconstructed from
 * RSSHub's parser, as the adapter says.
 */

const NOTE = '6911a0a0000000001e02e5a0';
const note = (id: string, extra: object = {}) => ({ noteCard: { noteId: id, interactInfo: { sticky: false }, ...extra } });
const xhsUser = (user: object = {}, page: object = {}) => ({
  user: {
    loggedIn: true,
    userNoteFetchingStatus: 'resolved',
    noteQueries: [{ hasMore: false }],
    notes: [[note(NOTE)], [], []],
    userPageData: { basicInfo: { nickname: '江城发布' }, interactions: [{ type: 'follows', count: '3' }, { type: 'fans', count: '1.2万' }], ...page },
    ...user,
  },
});
const xhsPage = (user: object = {}, page: object = {}) => statePage('__INITIAL_STATE__', xhsUser(user, page));

describe('Xiaohongshu: answers that are blocks', () => {
  it.each([
    [answer('{"code":0,"success":true,"data":{}}', 461, { verifytype: '102' }), 'captcha', 'HTTP 461 (verification: 102)'],
    [answer('{}', 471), 'captcha', 'HTTP 471 (verification: ?)'],
    [answer('', 401), 'login-required', 'HTTP 401'],
    [answer('', 403), 'blocked', 'HTTP 403'],
    [answer('', 429), 'rate-limited', 'HTTP 429'],
    [answer('', 302, { location: '/login?redirectPath=/user/profile/1' }), 'login-required', 'redirected to /login'],
    [answer('', 302, { location: '/website-login/captcha' }), 'blocked', 'HTTP 302 redirect'],
    [answer('', 300), 'blocked', 'HTTP 300 redirect'],
    [answer('', 399), 'blocked', 'HTTP 399 redirect'],
    [answer('', 404), 'blocked', 'HTTP 404'],
    [answer('', 503), 'network-error', 'HTTP 503'],
    [answer(' '), 'blocked', 'empty body'],
    [answer(' {"code":300011}'), 'blocked', 'code 300011'],
    [answer('{"code":300012}'), 'blocked', 'code 300012'],
    [answer('{"code":-100}'), 'login-required', 'code -100'],
    [answer('{"code":-104}'), 'login-required', 'code -104'],
  ])('%#: %s', (response, reason, detail) => {
    expect(detectXhsBlock(response)).toEqual({ kind: 'unknown', reason, detail });
  });

  it('lets a page and a clean JSON answer through', () => {
    expect(detectXhsBlock(answer(xhsPage()))).toBeUndefined();
    expect(detectXhsBlock(answer('{"code":0}'))).toBeUndefined();
    expect(detectXhsBlock(answer('<p>{"code":-100}</p>'))).toBeUndefined();
  });
});

describe('Xiaohongshu: the profile page', () => {
  it('counts the notes only when logged in, the notes tab resolved and no more to load', () => {
    expect(parseXhsProfile(xhsPage())).toEqual({ profile: { name: '江城发布', followers: 12000, postCount: 1 }, notes: [{ id: NOTE, pinned: false, xsecToken: undefined }] });
    expect(parseXhsProfile(xhsPage({ noteQueries: [{ hasMore: true }] }))).toMatchObject({ profile: { postCount: undefined } });
    expect(parseXhsProfile(xhsPage({ userNoteFetchingStatus: 'loading' }))).toMatchObject({ profile: { postCount: undefined } });
    expect(parseXhsProfile(xhsPage({ notes: [[], [], []] }))).toMatchObject({ profile: { postCount: 0 }, notes: [] });
    expect(parseXhsProfile(xhsPage({ notes: [[], [], []], userNoteFetchingStatus: 'loading' }))).toMatchObject({ profile: { postCount: undefined } });
  });

  it('reads a pinned note, its token, and a note listed by id alone', () => {
    const got = parseXhsProfile(xhsPage({ notes: [[note(NOTE, { interactInfo: { sticky: true }, xsecToken: 'AB1' }), { id: 'x1', xsecToken: 'AB2' }, {}]] })) as { notes: unknown[] };
    expect(got.notes).toEqual([
      { id: NOTE, pinned: true, xsecToken: 'AB1' },
      { id: 'x1', pinned: false, xsecToken: 'AB2' },
      { id: '', pinned: false, xsecToken: undefined },
    ]);
  });

  it('takes a logged-out page that still lists notes, and calls one that lists none a login wall', () => {
    expect(parseXhsProfile(xhsPage({ loggedIn: false }))).toMatchObject({ profile: { name: '江城发布', postCount: undefined } });
    expect(parseXhsProfile(xhsPage({ loggedIn: false, notes: [[]] }))).toEqual({ kind: 'unknown', reason: 'login-required', detail: 'logged out: the notes are hidden' });
    expect(parseXhsProfile(xhsPage({}, { basicInfo: {} }))).toEqual({ kind: 'unknown', reason: 'login-required', detail: 'no profile in the page state (login wall)' });
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', {}))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('is not found only when the page states a ban, a missing or a cancelled user', () => {
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: 1, reason: '违规' } }))).toEqual({ kind: 'missing', reason: 'banned', detail: 'bannedInfo: 违规' });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: 2 } }))).toMatchObject({ detail: 'bannedInfo: 2' });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: 0 } }))).toMatchObject({ profile: { name: '江城发布' } });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: '1' } }))).toMatchObject({ profile: { name: '江城发布' } });
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '用户不存在' } }))).toMatchObject({ kind: 'missing', reason: 'missing' });
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '账号已注销' } }))).toMatchObject({ kind: 'missing', reason: 'cancelled' });
    expect(parseXhsProfile(xhsPage({}, { result: { success: true, message: '用户不存在' } }))).toMatchObject({ profile: { name: '江城发布' } });
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '系统繁忙' } }))).toMatchObject({ profile: { name: '江城发布' } });
  });

  it('dates the notes by their ids, leaves out those that carry no date, and is undated when none does', () => {
    expect(readXhsProfile(answer(xhsPage()))).toMatchObject({ kind: 'found', posts: [{ id: NOTE, pinned: false }], datesFrom: expect.stringContaining('note ids') });
    expect(readXhsProfile(answer(xhsPage({ notes: [[note(NOTE), note('0e5f0e641000000000000000')]] })))).toMatchObject({ posts: [{ id: NOTE }] });
    expect(readXhsProfile(answer(xhsPage({ notes: [[note('0e5f0e641000000000000000')]] })))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed', detail: 'the 1 listed notes have ids that carry no date' } });
    expect(readXhsProfile(answer(xhsPage({ notes: [[]] })))).toEqual({ kind: 'found', profile: { name: '江城发布', followers: 12000, postCount: 0 }, posts: [] });
    expect(readXhsProfile(answer('', 461))).toMatchObject({ reason: 'captcha' });
  });

  it('asks the profile link as listed, with its token, never following a redirect', async () => {
    const url = 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=AB&xsec_source=pc_note';
    const { observe, requests } = observeWith(xiaohongshu, () => ({ body: xhsPage() }));
    expect(await observe('5ff0e6410000000001008400', url)).toMatchObject({ kind: 'found' });
    expect(requests[0]).toMatchObject({ url, followRedirects: false, headers: { referer: 'https://www.xiaohongshu.com/' } });
    expect(await observeWith(xiaohongshu, () => new Error('reset')).observe('5ff0e6410000000001008400')).toMatchObject({ reason: 'network-error' });
  });
});

describe('Xigua', () => {
  const page = (state: object, shape: 'var' | 'window' = 'var') => `<html><body><script>${shape === 'var' ? 'var data' : 'window._SSR_HYDRATED_DATA'} = ${JSON.stringify(state)};</script></body></html>`;
  const S = Math.floor(Date.parse('2026-11-20T10:00:00+08:00') / 1000);

  it('is blocked by statuses and by ByteDance’s script challenge, never by a page that carries the state', () => {
    expect(detectXiguaBlock(answer('', 404))).toMatchObject({ reason: 'blocked', detail: 'HTTP 404' });
    expect(detectXiguaBlock(answer('', 429))).toMatchObject({ reason: 'rate-limited' });
    expect(detectXiguaBlock(answer(' '))).toMatchObject({ reason: 'blocked', detail: 'empty answer' });
    for (const marker of ['__ac_nonce', 'byted_acrawler', '__ac_signature']) expect(detectXiguaBlock(answer(`<script>${marker}</script>`)), marker).toMatchObject({ reason: 'blocked' });
    expect(detectXiguaBlock(answer('<script>__ac_nonce</script><script>window._SSR_HYDRATED_DATA={}</script>'))).toBeUndefined();
    expect(detectXiguaBlock(answer('<html></html>'))).toBeUndefined();
  });

  it('reads the author and the dated videos from either shape', () => {
    const state = { AuthorDetailInfo: { name: '江城发布' }, AuthorVideoList: { videoList: [{ groupId: '7', publishTime: S }, { publishTime: S - 60 }, { groupId: '9' }] } };
    for (const shape of ['var', 'window'] as const) {
      expect(readXiguaPage(page(state, shape)), shape).toEqual({
        kind: 'found',
        profile: { name: '江城发布' },
        posts: [
          { id: '7', at: new Date(S * 1000), pinned: false },
          { id: '', at: new Date((S - 60) * 1000), pinned: false },
        ],
      });
    }
  });

  it('never proves silence: no dated video is undated, a page without the author a changed layout', () => {
    expect(readXiguaPage(page({ AuthorDetailInfo: { name: '江城发布' }, AuthorVideoList: { videoList: [] } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'no-dates' } });
    expect(readXiguaPage(page({ AuthorDetailInfo: { name: '江城发布' } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'no-dates' } });
    expect(readXiguaPage(page({ AuthorDetailInfo: {} }))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(readXiguaPage('<html></html>')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('asks the home page with wid_try and the referer', async () => {
    const { observe, requests } = observeWith(xigua, () => ({ body: page({ AuthorDetailInfo: { name: '江城发布' }, AuthorVideoList: { videoList: [{ groupId: '7', publishTime: S }] } }) }));
    expect(await observe('4100000001')).toMatchObject({ kind: 'found' });
    expect(requests[0]).toMatchObject({ url: 'https://www.ixigua.com/home/4100000001/?wid_try=1', headers: { referer: 'https://www.ixigua.com/' } });
    expect(await observeWith(xigua, () => ({ status: 403 })).observe('4100000001')).toMatchObject({ reason: 'blocked' });
    expect(await observeWith(xigua, () => new Error('reset')).observe('4100000001')).toMatchObject({ reason: 'network-error' });
  });
});

describe('Xiaohongshu: a state that moved its notes', () => {
  it('counts nothing, least of all zero, when the state has no list of notes', () => {
    expect(parseXhsProfile(xhsPage({ notes: undefined }))).toMatchObject({ profile: { name: '江城发布', postCount: undefined }, notes: [] });
  });
});

describe('statuses at their boundaries', () => {
  it.each([
    [400, 'blocked', 'HTTP 400'],
    [500, 'network-error', 'HTTP 500'],
    [499, 'blocked', 'HTTP 499'],
  ])('Xiaohongshu: HTTP %i is %s (%s)', (status, reason, detail) => {
    expect(detectXhsBlock(answer('', status))).toEqual({ kind: 'unknown', reason, detail });
  });

  it('Xigua: HTTP 400 is blocked, a `var  data` state with more spaces is read, and an undated list keeps the name', () => {
    expect(detectXiguaBlock(answer('', 400))).toEqual({ kind: 'unknown', reason: 'blocked', detail: 'HTTP 400' });
    expect(readXiguaPage('<script>var  data = {"AuthorDetailInfo":{"name":"江城发布"},"AuthorVideoList":{"videoList":[{"groupId":"7","publishTime":1763600000}]}};</script>')).toMatchObject({ kind: 'found', posts: [{ id: '7' }] });
    expect(readXiguaPage('<script>var data = {"AuthorDetailInfo":{"name":"江城发布"}};</script>')).toMatchObject({ profile: { name: '江城发布' } });
  });
});

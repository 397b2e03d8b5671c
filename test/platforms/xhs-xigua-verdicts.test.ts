import { describe, expect, it } from 'vitest';
import { detectXhsBlock, parseXhsProfile as parseXhs, readXhsProfile as readXhs, xiaohongshu, type XhsRequest } from '../../src/platforms/xiaohongshu.js';
import { detectXiguaBlock, readXiguaPage as readXigua, xigua } from '../../src/platforms/xigua.js';
import type { HttpResponse } from '../../src/fetch/http.js';
import { answer, observeWith } from '../helpers/fake-http.js';
import { statePage } from '../helpers/fixtures.js';

/*
 * Xiaohongshu and Xigua at the edges that decide a verdict. Xiaohongshu's
 * state follows the real 2023 capture; Xigua's is reconstructed from
 * RSSHub's parser, as the adapter says.
 */

const NOTE = '6911a0a0000000001e02e5a0';
const OWNER = '5ff0e6410000000001008400';
const asked: XhsRequest = { subject: OWNER, source: 'platform', requestNames: true };
const parseXhsProfile = (html: string) => parseXhs(html, asked);
const readXhsProfile = (document: HttpResponse) => readXhs(document, asked);
const readXiguaPage = (html: string) => readXigua(html, { subject: '4100000001' });
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
    [answer('', 302, { location: '/website-login/captcha' }), 'captcha', 'redirected to the captcha page (/website-login/captcha)'],
    [answer('', 302, { location: '/website-login/error?error_code=300013&error_msg=%E8%AE%BF%E9%97%AE%E9%A2%91%E6%AC%A1%E5%BC%82%E5%B8%B8' }), 'rate-limited', 'risk page: error_code 300013 (访问频次异常)'],
    [answer('', 302, { location: '/website-login/error?error_code=300015' }), 'blocked', 'risk page (/website-login/error): error_code 300015'],
    [answer('', 302, { location: '/somewhere' }), 'blocked', 'HTTP 302 redirect'],
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
  it('reads the notes tab only when it is resolved, and the platform’s own word on more; never a count', () => {
    expect(parseXhsProfile(xhsPage())).toEqual({
      profile: { name: '江城发布', followers: 12000 },
      notes: [{ id: NOTE, pinned: false, xsecToken: undefined }],
      names: [],
      list: { read: true, paging: 'end' },
    });
    expect(parseXhsProfile(xhsPage({ noteQueries: [{ hasMore: true, userId: OWNER }] }))).toMatchObject({ list: { read: true, paging: 'more' }, names: [OWNER] });
    expect(parseXhsProfile(xhsPage({ noteQueries: [{}] }))).toMatchObject({ list: { paging: 'unknown' } });
    expect(parseXhsProfile(xhsPage({ userNoteFetchingStatus: 'loading' }))).toMatchObject({ list: { read: false }, unread: { reason: 'no-dates', detail: 'the notes tab had not finished loading (userNoteFetchingStatus: "loading")' } });
    expect(parseXhsProfile(xhsPage({ userNoteFetchingStatus: 'rejected' }))).toMatchObject({ list: { read: false }, unread: { reason: 'blocked' } });
    expect(parseXhsProfile(xhsPage({ isFetchingNotes: [true] }))).toMatchObject({ list: { read: false }, unread: { detail: expect.stringContaining('still fetching') } });
    expect(parseXhsProfile(xhsPage({ notes: [[], [], []] }))).toMatchObject({ notes: [], list: { read: true, paging: 'end' } });
  });

  it('reads a pinned note, its token, and a note listed by id alone', () => {
    const got = parseXhsProfile(xhsPage({ notes: [[note(NOTE, { interactInfo: { sticky: true }, xsecToken: 'AB1' }), { id: 'x1', xsecToken: 'AB2' }, {}]] })) as { notes: unknown[] };
    expect(got.notes).toEqual([
      { id: NOTE, pinned: true, xsecToken: 'AB1' },
      { id: 'x1', pinned: false, xsecToken: 'AB2' },
      { id: '', pinned: false, xsecToken: undefined },
    ]);
  });

  it('takes a logged-out page that still lists notes as showing activity only, and calls one that lists none a login wall', () => {
    expect(parseXhsProfile(xhsPage({ loggedIn: false }))).toMatchObject({ profile: { name: '江城发布' }, list: { read: true, mayOmitNewest: expect.stringContaining('not logged in') } });
    expect(parseXhsProfile(xhsPage({ loggedIn: false, notes: [[]] }))).toEqual({ kind: 'unknown', reason: 'login-required', detail: 'logged out: the notes are hidden' });
    expect(parseXhsProfile(xhsPage({}, { basicInfo: {} }))).toEqual({ kind: 'unknown', reason: 'login-required', detail: 'no profile in the page state (login wall)' });
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', {}))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('is not found only when the page states a missing or cancelled user, or a ban that names the account with no note shown', () => {
    const statement = { httpStatus: 200, structured: true, bound: true };
    const ban = { code: 1, reason: '违规', userId: OWNER, serverBanned: true, api: 'x' };
    expect(parseXhsProfile(xhsPage({ bannedInfo: ban, notes: [[]] }))).toEqual({
      kind: 'missing',
      reason: 'banned',
      detail: 'bannedInfo: code 1, 违规, serverBanned, api x',
      source: 'platform',
      statement: { ...statement, field: `bannedInfo.userId ${OWNER} (code 1, 违规, serverBanned, api x)` },
    });
    // serverBanned beside a code 0 (or none) states no ban.
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: 0, serverBanned: true, userId: OWNER, api: 'user_posted' }, notes: [[]] }))).toMatchObject({ bannedNote: "the page's bannedInfo (code 0, serverBanned, api user_posted) names this account: not taken as a ban" });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { serverBanned: true, userId: OWNER }, notes: [[]] }))).toMatchObject({ bannedNote: expect.stringContaining('code ?, serverBanned') });
    // Beside the notes shown, naming another account, or naming none: no ban, said in the detail.
    expect(parseXhsProfile(xhsPage({ bannedInfo: ban }))).toMatchObject({ bannedNote: expect.stringContaining('names this account, beside 1 note(s)') });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { ...ban, userId: '632fb88d00000000230398a1' }, notes: [[]] }))).toMatchObject({ bannedNote: expect.stringContaining('names 632fb88d00000000230398a1, not this account') });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: 2 }, notes: [[]] }))).toMatchObject({ bannedNote: "the page's bannedInfo (code 2) names no account: not taken as a ban" });
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: 0 } }))).not.toHaveProperty('bannedNote');
    expect(parseXhsProfile(xhsPage({ bannedInfo: { code: '1' } }))).not.toHaveProperty('bannedNote');
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '用户不存在' } }))).toEqual({
      kind: 'missing',
      reason: 'missing',
      detail: '用户不存在',
      source: 'platform',
      statement: { ...statement, field: 'userPageData.result: success false, 用户不存在' },
    });
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '账号已注销' } }))).toMatchObject({ kind: 'missing', reason: 'cancelled' });
    expect(parseXhsProfile(xhsPage({}, { result: { success: true, message: '用户不存在' } }))).toMatchObject({ profile: { name: '江城发布' } });
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '系统繁忙' } }))).toMatchObject({ profile: { name: '江城发布' } });
    expect(parseXhsProfile(xhsPage({}, { result: { success: false, message: '无权访问' } }))).toMatchObject({ kind: 'unknown', reason: 'token-required' });
  });

  it('dates the notes by their ids, counts those that carry no date, and passes an impossible one on to the rules', () => {
    expect(readXhsProfile(answer(xhsPage()))).toMatchObject({ kind: 'found', posts: [{ id: NOTE, pinned: false, dateFromId: true }], datesFrom: expect.stringContaining('note ids') });
    expect(readXhsProfile(answer(xhsPage({ notes: [[note(NOTE), note('x1')]] })))).toMatchObject({ posts: [{ id: NOTE }], proof: { list: { undated: 1 } } });
    expect(readXhsProfile(answer(xhsPage({ notes: [[note('0e5f0e641000000000000000')]] })))).toMatchObject({ kind: 'found', posts: [{ at: new Date(0x0e5f0e64 * 1000) }] });
    expect(readXhsProfile(answer(xhsPage({ notes: [[]] })))).toEqual({
      kind: 'found',
      profile: { name: '江城发布', followers: 12000 },
      posts: [],
      proof: { subject: OWNER, source: 'platform', answers: [{ what: 'profile page', requestNames: true, names: [] }], list: { read: true, paging: 'end', undated: 0 } },
    });
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

  it('reads the author and the dated videos from either shape, counting the undated ones', () => {
    const state = { AuthorDetailInfo: { name: '江城发布' }, AuthorVideoList: { videoList: [{ groupId: '7', publishTime: S }, { publishTime: S - 60 }, { groupId: '9' }] } };
    for (const shape of ['var', 'window'] as const) {
      expect(readXiguaPage(page(state, shape)), shape).toEqual({
        kind: 'found',
        profile: { name: '江城发布' },
        posts: [
          { id: '7', at: new Date(S * 1000), pinned: false },
          { id: '', at: new Date((S - 60) * 1000), pinned: false },
        ],
        proof: { subject: '4100000001', source: 'platform', answers: [{ what: 'user page', requestNames: true, names: [] }], list: { read: true, paging: 'unknown', undated: 1 } },
      });
    }
  });

  it('never proves silence from nothing: no video is undated, no list a changed layout, no author a changed layout', () => {
    expect(readXiguaPage(page({ AuthorDetailInfo: { name: '江城发布' }, AuthorVideoList: { videoList: [] } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'no-dates' }, proof: { list: { read: true } } });
    expect(readXiguaPage(page({ AuthorDetailInfo: { name: '江城发布' } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' }, proof: { list: { read: false } } });
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
  it('reads no list, least of all an empty one, when the state has no list of notes', () => {
    expect(parseXhsProfile(xhsPage({ notes: undefined }))).toMatchObject({ profile: { name: '江城发布' }, notes: [], list: { read: false }, unread: { reason: 'layout-changed' } });
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

import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { dateFromAwemeId } from '../../src/platforms/dates.js';
import {
  combineDouyin,
  detectDouyinBlock,
  parsePostAnswer,
  parseProfileAnswer,
  parseRenderData,
  readDouyinPage,
  readPosts,
  readProfile,
  type DouyinReading,
  type HeldProfile,
  type PostsRead,
} from '../../src/platforms/douyin.js';
import type { Observation } from '../../src/platforms/observation.js';
import { answer, realJson, realText } from '../helpers/fixtures.js';

/*
 * Douyin's parsers and the facts they report, on the real captures
 * (fixtures/douyin/real/): the 2023 web profile and the 2023 post list with
 * three pinned posts on top. The verdicts come from classify, as a user sees them.
 */

/** The account the real 2023 post list is about: every post's author.sec_uid. */
const LIST_AUTHOR = 'MS4wLjABAAAAyxMEBOc0BNDMUpBl1tT-HniuUnyJNXOuPLJf00JQmsw';
/** The account the real 2023 web profile is about: its user.sec_uid. */
const PROFILE_OWNER = 'MS4wLjABAAAAP9IeZhDHS5xRBl20L8d-rDjNFokqnZTBVOw72A1GxzIIezcDJu6QzDCkNa3FsbY2';
const NEWEST = 1693537043 * 1000;

const account = (id: string): Account => ({ key: `douyin:${id}`, platform: 'douyin', id, url: `https://www.douyin.com/user/${id}`, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 }) as Account;
const verdictOf = (id: string, observation: Observation, now: Date) => classify(account(id), observation, now, DEFAULT_THRESHOLDS, now);
const held = (id: string, postCount = 21): HeldProfile => ({ kind: 'held', profile: { name: 'x', postCount }, facts: { what: 'profile', requestNames: true, names: [id] } });
const realList = () => parsePostAnswer(realJson('douyin', 'aweme-post-pinned-first-2023.json')) as PostsRead;
const reading = (loggedIn: boolean, subject = LIST_AUTHOR): DouyinReading => ({ subject, source: 'platform', loggedIn });

describe('Douyin parsers on the real answers', () => {
  it('reads the web profile answer and the account it names (user.sec_uid)', () => {
    expect(parseProfileAnswer(realJson('douyin', 'web-user-profile-other-2023.json'))).toMatchObject({ kind: 'profile', profile: { postCount: 735 }, names: [PROFILE_OWNER] });
  });

  it('reads the post list: its author (author.sec_uid), has_more: 1 as more to come, the pinned ones on top', () => {
    const list = realList();
    expect(list.names).toEqual([LIST_AUTHOR]);
    expect(list.paging).toBe('more');
    expect(list.undated).toBe(0);
    expect(list.posts.slice(0, 3).every((p) => p.pinned)).toBe(true);
    expect(list.posts.slice(3).some((p) => p.pinned)).toBe(false);
  });

  it('keeps each post’s id date beside its create_time, and the two agree to within a minute', () => {
    const raw = (realJson('douyin', 'aweme-post-pinned-first-2023.json') as { aweme_list: { aweme_id: string; create_time: number }[] }).aweme_list;
    for (const item of raw) expect(Math.abs(dateFromAwemeId(item.aweme_id)!.getTime() / 1000 - item.create_time)).toBeLessThan(60);
    for (const post of realList().posts) expect(Math.abs(post.idDate!.getTime() - post.at.getTime())).toBeLessThan(60_000);
  });

  it('takes the newest post for the latest, not the pinned ones listed first: active', () => {
    const now = new Date('2023-09-02T12:00:00+08:00');
    const observation = combineDouyin(reading(false), held(LIST_AUTHOR), { posts: realList(), facts: { what: 'posts', requestNames: true, names: realList().names } });
    const verdict = verdictOf(LIST_AUTHOR, observation, now);
    expect(verdict).toMatchObject({ status: 'active', source: 'platform' });
    expect(verdict.lastPostAt!.getTime()).toBe(NEWEST);
  });

  it('proves silence only with a login: read without one, the list may leave out the newest works', () => {
    const now = new Date('2023-10-01T12:00:00+08:00');
    const list = { posts: realList(), facts: { what: 'posts', requestNames: true, names: [LIST_AUTHOR] } };
    const loggedOut = verdictOf(LIST_AUTHOR, combineDouyin(reading(false), held(LIST_AUTHOR), list), now);
    expect(loggedOut).toMatchObject({ status: 'unverified', reason: 'list-incomplete', detail: expect.stringContaining('login') });
    expect(verdictOf(LIST_AUTHOR, combineDouyin(reading(true), held(LIST_AUTHOR), list), now)).toMatchObject({ status: 'inactive', lastPostAt: new Date(NEWEST) });
  });

  it('refuses the real list for another account: its posts name their author', () => {
    const now = new Date('2023-09-02T12:00:00+08:00');
    const observation = combineDouyin(reading(true, PROFILE_OWNER), held(PROFILE_OWNER), { posts: realList(), facts: { what: 'posts', requestNames: true, names: realList().names } });
    expect(verdictOf(PROFILE_OWNER, observation, now)).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
  });

  it('dates a list that gives ids but no create_time from the ids, and says so', () => {
    const real = realJson('douyin', 'aweme-post-pinned-first-2023.json') as { aweme_list: Record<string, unknown>[] };
    const undatedList = { ...real, aweme_list: real.aweme_list.map(({ create_time: _dropped, ...rest }) => rest) };
    const list = parsePostAnswer(undatedList) as PostsRead;
    expect(list.posts.every((p) => p.dateFromId && !p.idDate)).toBe(true);
    const observation = combineDouyin(reading(true), held(LIST_AUTHOR), { posts: list, facts: { what: 'posts', requestNames: true, names: list.names } });
    expect(observation).toMatchObject({ datesFrom: expect.stringContaining('aweme_id >> 32') });
    const verdict = verdictOf(LIST_AUTHOR, observation, new Date('2023-09-02T12:00:00+08:00'));
    expect(verdict).toMatchObject({ status: 'active', detail: expect.stringContaining('post ids') });
    expect(Math.abs(verdict.lastPostAt!.getTime() - NEWEST)).toBeLessThan(60_000);
  });

  it('recognises the real captcha page (served without a charset)', () => {
    expect(detectDouyinBlock(answer(realText('douyin', 'user-page-captcha-middle-page-2023.html')))).toMatchObject({ reason: 'captcha' });
  });

  it.each([
    ['an empty 200 body', answer(''), 'blocked'],
    ['the literal body "blocked"', answer('blocked'), 'blocked'],
    ['a redirect to a login page', answer('', 302, { location: 'https://sso.douyin.com/login/' }), 'login-required'],
    ['a page whose state says isSpider', answer('<html><script>{"isSpider":true}</script></html>'), 'blocked'],
    ['HTTP 429', answer('', 429), 'rate-limited'],
  ])('reads %s as a block', (_what, response, reason) => {
    expect(detectDouyinBlock(response)).toMatchObject({ kind: 'unknown', reason });
  });

  it('reads RENDER_DATA (URL-encoded JSON) from the profile page, with the account it names', () => {
    const state = { '41': { user: { user: { nickname: '央视新闻', followerCount: 5, awemeCount: 2, secUid: LIST_AUTHOR } }, post: { data: [{ awemeId: '1', createTime: 1693537043, isTop: 1 }] } } };
    const html = `<html><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(state))}</script></html>`;
    expect(parseRenderData(html)).toMatchObject({ profile: { name: '央视新闻', followers: 5, postCount: 2 }, names: [LIST_AUTHOR], posts: { posts: [{ id: '1', pinned: true }], paging: 'unknown' } });
    expect(parseRenderData('<html><div id="root"></div></html>')).toBeUndefined();
  });
});

/** What a profile page received in the browser, shaped as the machinery hands it over. */
const received = (body: unknown, url = `https://www.douyin.com/aweme/v1/web/x/?sec_user_id=${PROFILE_OWNER}`, status = 200) => ({ url, method: 'GET', status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('Douyin through the browser: the same parsers on what the page received', () => {
  const profile = realJson('douyin', 'web-user-profile-other-2023.json');
  const posts = realJson('douyin', 'aweme-post-pinned-first-2023.json');

  it('reads the real profile the page received, and says whose the answers are', () => {
    const observation = readDouyinPage({ answers: { profile: received(profile), posts: received(posts) } }, PROFILE_OWNER, true);
    expect(observation).toMatchObject({ kind: 'found', profile: { postCount: 735 }, proof: { subject: PROFILE_OWNER, source: 'browser', answers: [{ what: 'profile', requestNames: true, names: [PROFILE_OWNER] }, { what: 'posts', names: [LIST_AUTHOR] }] } });
    // The two real captures are of two accounts: the list is another account's.
    expect(verdictOf(PROFILE_OWNER, observation, new Date('2023-09-02T12:00:00+08:00'))).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
  });

  it('never takes a page that showed a captcha or a login wall for an answer, whatever it received', () => {
    for (const reason of ['captcha', 'login-required'] as const) {
      const observation = readDouyinPage({ answers: { profile: received(profile) }, block: { reason, detail: 'seen on the page' } }, PROFILE_OWNER, false);
      expect(observation).toMatchObject({ kind: 'unknown', reason });
    }
    expect(readDouyinPage({ document: received(realText('douyin', 'user-page-captcha-middle-page-2023.html')), answers: {} }, PROFILE_OWNER, false)).toMatchObject({ kind: 'unknown', reason: 'captcha' });
  });

  it('keeps the account but not a verdict when the post list never came or came back blocked', () => {
    const never = readDouyinPage({ answers: { profile: received(profile) }, unfinished: { reason: 'timeout', detail: 'the page asked for posts and got no answer' } }, PROFILE_OWNER, false);
    expect(never).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'timeout' }, proof: { list: { read: false } } });
    const empty = readDouyinPage({ answers: { profile: received(profile), posts: received('') } }, PROFILE_OWNER, false);
    expect(empty).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(readDouyinPage({ answers: {} }, PROFILE_OWNER, false)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });
});

describe('the readers behind both routes', () => {
  it('bind a statement that the account is gone to the request or to the id the answer names', () => {
    const gone = { status_code: 0, user: { nickname: '已注销', sec_uid: PROFILE_OWNER, user_deleted: true, special_state_info: { special_state: 1 } } };
    const bound = readProfile({ subject: PROFILE_OWNER, source: 'browser', loggedIn: false }, { response: answer(JSON.stringify(gone)), requestNames: false });
    expect(bound).toMatchObject({ kind: 'missing', reason: 'cancelled', statement: { httpStatus: 200, structured: true, bound: true }, source: 'browser' });
    const other = readProfile({ subject: LIST_AUTHOR, source: 'platform', loggedIn: false }, { response: answer(JSON.stringify(gone)), requestNames: true });
    expect(other).toMatchObject({ kind: 'missing', statement: { bound: false } });
  });

  it('read the post list’s own end mark, and a list without it as not read', () => {
    expect(readPosts({ response: answer('{"status_code":0,"aweme_list":[],"has_more":false}'), requestNames: true })).toMatchObject({ posts: { paging: 'end', posts: [] } });
    expect(readPosts({ response: answer('{"status_code":0}'), requestNames: true })).toMatchObject({ why: { reason: 'login-required' } });
    expect(readPosts({ response: answer('blocked'), requestNames: true })).toMatchObject({ why: { reason: 'blocked' } });
  });
});

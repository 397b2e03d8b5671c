import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { CookieJar } from '../../src/fetch/cookies.js';
import { SecretRegistry } from '../../src/fetch/redact.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import type { Observation } from '../../src/platforms/observation.js';
import { listPaging, parsePostCards, weibo } from '../../src/platforms/weibo.js';
import { loadScenarios } from '../../src/simulator/server.js';
import { weiboSimulator } from '../../src/simulator/weibo.js';
import { json, observeWith, type Answer, type Route } from '../helpers/fake-http.js';
import { realJson } from '../helpers/fixtures.js';

/*
 * Weibo's observations carry the facts the proof rules decide from (issue
 * #25), and the verdict a user sees follows from them: the uid the answers
 * name, the list's paging, pinned posts, month-day dates read as this year's,
 * and "no content" to a visitor as a login wall (issue #26 item 6).
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const UID = '7000000001';
const user = (statuses: number | string = 3, id: number = Number(UID)) => ({
  ok: 1,
  data: { userInfo: { id, screen_name: '江城发布', followers_count: 10, statuses_count: statuses }, tabsInfo: { tabs: [{ tab_type: 'weibo', containerid: `107603${UID}` }] } },
});
const blog = (created_at: string, extra: object = {}, author: number = Number(UID)) => ({ card_type: 9, mblog: { id: `${created_at}-${JSON.stringify(extra)}`, created_at, user: { id: author }, ...extra } });
/** `null`: a reply without cardlistInfo. */
const cards = (items: object[], cardlistInfo: object | null = { total: items.length }) => ({ ok: 1, data: { ...(cardlistInfo ? { cardlistInfo } : {}), cards: items } });
const info = (statuses = 3) => ({ ok: 1, data: { user: { id: Number(UID), idstr: UID, screen_name: '江城发布', followers_count: 10, statuses_count: statuses } } });
const EMPTY = json({ ok: 0, msg: '这里还没有内容', data: { cards: [] } });

function verdictOf(id: string, observation: Observation): string {
  const account: Account = { key: `weibo:${id}`, platform: 'weibo', id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
  const finding = classify(account, observation, NOW, DEFAULT_THRESHOLDS, NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
}

/** Weibo with a visitor passport; the user, list and profile/info answers as given. */
function platform(answers: { user?: Answer; list?: Answer; info?: Answer }, cookies?: CookieJar) {
  return observeWith(
    weibo,
    (url) => {
      if (url.pathname === '/visitor/genvisitor') return { body: 'gen_callback({"retcode":20000000,"data":{"tid":"t","new_tid":false}});' };
      if (url.pathname === '/visitor/visitor') return { body: 'cross_domain({"retcode":20000000,"data":{"sub":"VISITOR","subp":"P"}});' };
      if (url.pathname === '/ajax/profile/info') return answers.info ?? json({ ok: 0 });
      if (url.searchParams.get('type') === 'uid') return answers.user ?? json(user());
      if (url.searchParams.has('containerid')) return answers.list ?? json(cards([blog('刚刚')]));
      return { status: 404 };
    },
    cookies ? { cookies } : {},
  );
}
const observe = async (answers: Parameters<typeof platform>[0]) => verdictOf(UID, await platform(answers).observe(UID));

describe('the facts of an observation', () => {
  it('names the uid asked for, the profile and the posts’ author, and the list as read: an active account', async () => {
    const got = await platform({ list: json(cards([blog('3小时前'), blog('11-02')], { total: 3, since_id: 4_900_000_000_000_000 })) }).observe(UID);
    expect(got).toMatchObject({
      kind: 'found',
      proof: {
        subject: UID,
        source: 'platform',
        answers: [
          { what: 'profile', requestNames: true, names: [UID] },
          { what: 'posts', requestNames: true, names: [UID] },
        ],
        list: { read: true, paging: 'more', undated: 0 },
      },
    });
    expect(verdictOf(UID, got)).toBe('active');
  });

  it('reads the paging: a since_id cursor (or the 2019 next page) is more; no cursor is the end only when the total is all listed', () => {
    const paging = (cardlistInfo: object | undefined, listed = 2) => listPaging({ data: { cardlistInfo } }, listed);
    expect(paging({ since_id: 4_900_000_000_000_000 })).toBe('more');
    expect(paging({ since_id: '4900000000000000' })).toBe('more');
    expect(paging({ page: 2, total: 1012 })).toBe('more');
    expect(paging({ since_id: '', total: 2 })).toBe('end');
    expect(paging({ since_id: 0, total: 1 })).toBe('end');
    expect(paging({ total: 0 }, 0)).toBe('end');
    expect(paging({ total: 3 })).toBe('unknown');
    expect(paging({})).toBe('unknown');
    expect(paging(undefined)).toBe('unknown');
    // The real 2019 list: page 2 follows.
    expect(listPaging(realJson('weibo', 'm-getindex-cards-1076031669879400-2019.json'), 10)).toBe('more');
  });

  it('counts a post whose date cannot be read, and knows pinned posts by isTop or the 置顶 title', () => {
    const read = parsePostCards(cards([blog('上周'), blog('01-05', { isTop: 1 }), blog('01-04', { isTop: true }), blog('01-03', { title: { text: '置顶', base_color: 1 } }), blog('01-02')]), NOW)!;
    expect(read.undated).toBe(1);
    expect(read.posts.map((p) => p.pinned)).toEqual([true, true, true, false]);
  });

  it('refuses a list of another account’s posts, and a profile of another uid', async () => {
    expect(await observe({ list: json(cards([blog('刚刚', {}, 7000000099)])) })).toBe('unverified/wrong-account');
    expect(await observe({ user: json(user(3, 7000000099)) })).toBe('unverified/wrong-account');
  });
});

describe('never posted, and silence', () => {
  it('is never posted only with a count of 0 and an empty list whose total says it is whole', async () => {
    expect(await observe({ user: json(user(0)), list: json(cards([], { total: 0 })) })).toBe('zombie/never-posted');
    expect(await observe({ user: json(user(0)), list: json(cards([], null)) })).toBe('unverified/list-incomplete');
    expect(await observe({ user: json(user(0)), list: EMPTY })).toBe('unverified/login-required');
    expect(await observe({ user: json(user('1.2万')), list: json(cards([], { total: 0 })) })).toBe('unverified/no-dates');
  });

  it('calls a count above 0 beside an empty list contradictory', async () => {
    expect(await observe({ user: json(user(5)), list: json(cards([], { total: 5 })) })).toBe('unverified/contradictory');
  });

  it('is unverified when the list holds only pinned posts and the profile counts more', async () => {
    const pinned = blog('2025-03-18', { isTop: 1 });
    expect(await observe({ user: json(user(40)), list: json(cards([pinned], { total: 40, since_id: '4900' })) })).toBe('unverified/list-incomplete');
    expect(await observe({ user: json(user(1)), list: json(cards([pinned], { total: 1 })) })).toBe('zombie/silent');
  });

  it('is unverified when a listed date cannot be read and none is recent', async () => {
    expect(await observe({ list: json(cards([blog('2025-03-18'), blog('上周')], { total: 2 })) })).toBe('unverified/undated-post');
  });

  it('leaves a month-day later than today in the future, where the rules refuse it, unless another post is recent', async () => {
    // 20 November: "12-05" is read as this year's 5 December, 15 days after the check.
    expect(await observe({ user: json(user(2)), list: json(cards([blog('12-05'), blog('10-08')], { total: 2 })) })).toBe('unverified/implausible-date');
    expect(await observe({ user: json(user(2)), list: json(cards([blog('12-05'), blog('昨天 09:00')], { total: 2 })) })).toBe('active');
  });
});

describe('"no content" to a visitor (issue #26 item 6)', () => {
  it('is not found only when profile/info, in a 2xx answer, says the user does not exist', async () => {
    expect(await observe({ user: EMPTY, info: json({ ok: 0, msg: '该用户不存在(20003)' }) })).toBe('not-found/missing');
    expect(await observe({ user: EMPTY, info: json({ ok: 0, msg: '用户已被封禁' }) })).toBe('not-found/banned');
  });

  it('is a login wall when profile/info shows the account, or says nothing either way', async () => {
    expect(await observe({ user: EMPTY, info: json(info(57)) })).toBe('unverified/login-required');
    expect(await observe({ user: EMPTY, info: json(info(0)) })).toBe('unverified/login-required');
    expect(await observe({ user: EMPTY, info: json({ ok: 1, data: {} }) })).toBe('unverified/login-required');
    expect(await observe({ user: EMPTY, info: json({ ok: 0, msg: '系统繁忙' }) })).toBe('unverified/login-required');
  });

  it('is a block, not a login wall, when the user’s own login sees no content', async () => {
    const jar = new CookieJar(new SecretRegistry());
    jar.set({ domain: 'weibo.cn', subdomains: true, path: '/', secure: false, expires: 0, name: 'SUB', value: 'login' });
    jar.set({ domain: 'weibo.com', subdomains: true, path: '/', secure: false, expires: 0, name: 'SUB', value: 'login' });
    expect(verdictOf(UID, await platform({ user: EMPTY, info: json(info(57)) }, jar).observe(UID))).toBe('unverified/blocked');
  });

  it('stays what the block says when profile/info is blocked too', async () => {
    expect(await observe({ user: EMPTY, info: { status: 432 } })).toBe('unverified/blocked');
  });
});

/** The simulator played in this process, with the cookies the HTTP client would send from the jar. */
function simulated(jar: CookieJar): Route {
  const simulator = weiboSimulator(loadScenarios().weibo, FIXTURES_DIR, NOW);
  return (url, request) => {
    const cookie = jar.header(url);
    const answer = simulator.handle({
      method: request.method ?? 'GET',
      host: url.hostname,
      path: url.pathname,
      query: url.searchParams,
      rawQuery: url.search.slice(1),
      headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
      body: request.body ?? '',
    });
    return { status: answer.status, body: answer.body, headers: answer.headers ?? {} };
  };
}

describe('the simulator, in the real shapes', () => {
  const accounts = loadScenarios().weibo.accounts;
  const jar = new CookieJar(new SecretRegistry());
  const sim = observeWith(weibo, simulated(jar), { cookies: jar });

  it.each(Object.keys(accounts))('gives %s the verdict its fixture states', async (uid) => {
    expect(verdictOf(uid, await sim.observe(uid))).toBe(accounts[uid]!.expectHttp ?? accounts[uid]!.expect);
  });

  it('names the uid in the profile and in every post, with a since_id while more posts follow', async () => {
    expect(await sim.observe('7000000001')).toMatchObject({ proof: { answers: [{ names: ['7000000001'] }, { names: ['7000000001'] }], list: { read: true, paging: 'more' } } });
    expect(await sim.observe('7000000003')).toMatchObject({ proof: { list: { paging: 'end' } } });
  });

  it('shows the visitor-hidden account’s posts to a logged-in user', async () => {
    const login = new CookieJar(new SecretRegistry());
    for (const domain of ['weibo.cn', 'weibo.com']) login.set({ domain, subdomains: true, path: '/', secure: false, expires: 0, name: 'SUB', value: '_2AkMuserLogin' });
    const loggedIn = observeWith(weibo, simulated(login), { cookies: login });
    expect(verdictOf('7000000028', await loggedIn.observe('7000000028'))).toBe('active');
  });
});

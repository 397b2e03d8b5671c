import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { bilibili, pagingOf, parseWebId, webIdExpiry } from '../../src/platforms/bilibili.js';
import type { Observation } from '../../src/platforms/observation.js';
import { bilibiliSimulator, type BilibiliScenario } from '../../src/simulator/bilibili.js';
import { loadScenarios } from '../../src/simulator/server.js';
import { json, observeWith, type Answer, type Route } from '../helpers/fake-http.js';

/*
 * Bilibili's observations carry the facts the proof rules decide from (issue
 * #25), and the verdict a user sees follows from them (issue #26 item 4):
 * the mid the answers name, the list's own paging, the w_webid of the space
 * page, and an empty list with code 0 that is never taken for "never posted".
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const NOW_S = NOW.getTime() / 1000;
const DAY = 86_400;
const NAV = readFileSync(join(FIXTURES_DIR, 'bilibili', 'real', 'x-web-interface-nav-logged-out.json'), 'utf8');

/** A JWT-shaped w_webid whose payload says when it was issued and for how long. */
const jwt = (iat: number, ttl: number) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ iat, ttl })).toString('base64url')}.c2ln`;
const WEBID = jwt(Math.floor(Date.now() / 1000), 86_400);
const spacePage = (state: object | string = { access_id: WEBID }) =>
  `<!DOCTYPE html><html><head><script id="__RENDER_DATA__" type="application/json">${typeof state === 'string' ? state : encodeURIComponent(JSON.stringify(state))}</script></head><body></body></html>`;

/** `null`: a card without archive_count. */
const card = (mid: string, archiveCount: number | null = 3, fields: object = {}) => ({
  code: 0,
  message: '0',
  ttl: 1,
  data: { card: { mid, name: '江城发布', fans: 5, spacesta: 0, ...fields }, ...(archiveCount === null ? {} : { archive_count: archiveCount }), follower: 5 },
});
const video = (mid: number, secondsAgo: number, extra: object = {}) => ({ mid, bvid: `BV${secondsAgo}`, created: NOW_S - secondsAgo, ...extra });
const list = (vlist: object[], page: object = { pn: 1, ps: 30, count: vlist.length }) => ({ code: 0, message: '0', ttl: 1, data: { list: { vlist }, page } });

function verdictOf(id: string, observation: Observation): string {
  const account: Account = { key: `bilibili:${id}`, platform: 'bilibili', id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
  const finding = classify(account, observation, NOW, DEFAULT_THRESHOLDS, NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
}

/** Bilibili answering the card, the space page and the list as given. */
function platform(answers: { card?: Answer; lists?: Answer[]; space?: Answer | Error }) {
  let lists = 0;
  return observeWith(bilibili, (url) => {
    if (url.hostname === 'space.bilibili.com') return answers.space ?? { body: spacePage() };
    if (url.pathname === '/x/web-interface/nav') return { body: NAV };
    if (url.pathname === '/x/web-interface/card') return answers.card ?? json(card(url.searchParams.get('mid')!));
    if (url.pathname === '/x/space/wbi/arc/search') return answers.lists?.[Math.min(lists++, answers.lists.length - 1)] ?? json(list([]));
    return { status: 404 };
  });
}

const observe = async (answers: Parameters<typeof platform>[0], mid = '2') => verdictOf(mid, await platform(answers).observe(mid));

describe('the facts of an observation', () => {
  it('names the mid asked for, both answers and the list as read, and so proves an active account', async () => {
    const got = await platform({ lists: [json(list([video(2, DAY), video(2, 9 * DAY)], { pn: 1, ps: 30, count: 40 }))] }).observe('2');
    expect(got).toMatchObject({
      kind: 'found',
      profile: { postCount: 40 },
      proof: {
        subject: '2',
        source: 'platform',
        answers: [
          { what: 'card', requestNames: true, names: ['2'] },
          { what: 'posts', requestNames: true, names: ['2'] },
        ],
        list: { read: true, paging: 'more', undated: 0 },
      },
    });
    expect(verdictOf('2', got)).toBe('active');
  });

  it('reads the paging from page.count, pn and ps: whole when pn × ps reaches the count', () => {
    expect(pagingOf({ pn: 1, ps: 30, count: 30 })).toBe('end');
    expect(pagingOf({ pn: 1, ps: 30, count: 0 })).toBe('end');
    expect(pagingOf({ pn: 1, ps: 30, count: 31 })).toBe('more');
    expect(pagingOf({ pn: 2, ps: 30, count: 60 })).toBe('end');
    expect(pagingOf({ count: 3 })).toBe('unknown');
    expect(pagingOf({ pn: 1, ps: 30 })).toBe('unknown');
    expect(pagingOf({ pn: 0, ps: 30, count: 0 })).toBe('unknown');
    expect(pagingOf(undefined)).toBe('unknown');
  });

  it('gives no count when neither the card nor the list gives one: a missing count is never 0', async () => {
    const got = await platform({ card: json(card('2', null)), lists: [json({ code: 0, data: { list: { vlist: [] } } })] }).observe('2');
    expect(got.kind === 'found' && got.profile.postCount).toBeUndefined();
    expect(verdictOf('2', got)).toBe('unverified/no-dates');
  });

  it('keeps a blocked list as not read, with the reason the rules pass on', async () => {
    const got = await platform({ lists: [json({ code: -352 }), json({ code: -352 })] }).observe('2');
    expect(got).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' }, proof: { answers: [{ what: 'card' }], list: { read: false } } });
    expect(verdictOf('2', got)).toBe('unverified/blocked');
    expect(await observe({ lists: [{ status: 412, body: '' }] })).toBe('unverified/blocked');
  });
});

describe('never posted needs the count and the list to agree (issue #26 item 4)', () => {
  it('is a zombie only with a count of 0 and an empty list the platform marks whole', async () => {
    const { observe: see, requests } = platform({ card: json(card('2', 0)), lists: [json(list([], { pn: 1, ps: 30, count: 0 }))] });
    expect(verdictOf('2', await see('2'))).toBe('zombie/never-posted');
    // The list is asked even though the card counts nothing.
    expect(requests.some((r) => r.url.includes('/arc/search'))).toBe(true);
  });

  it('is not never-posted on an empty list with code 0 that carries no page numbers', async () => {
    expect(await observe({ card: json(card('2', 0)), lists: [json({ code: 0, data: { list: { vlist: [] }, page: { count: 0 } } })] })).toBe('unverified/list-incomplete');
  });

  it('calls a soft-limit answer (code 0, no video, a count above 0) contradictory, wherever the count comes from', async () => {
    expect(await observe({ card: json(card('2', 12)), lists: [json(list([], { pn: 1, ps: 30, count: 12 }))] })).toBe('unverified/contradictory');
    expect(await observe({ card: json(card('2', 12)), lists: [json(list([], { pn: 1, ps: 30, count: 0 }))] })).toBe('unverified/contradictory');
    expect(await observe({ card: json(card('2', 0)), lists: [json(list([], { pn: 1, ps: 30, count: 7 }))] })).toBe('unverified/contradictory');
  });
});

describe('silence needs the newest video in hand', () => {
  it('is a zombie when the list reaches its end, or goes on past old videos', async () => {
    expect(await observe({ card: json(card('2', 2)), lists: [json(list([video(2, 200 * DAY), video(2, 300 * DAY)]))] })).toBe('zombie/silent');
    expect(await observe({ card: json(card('2', 90)), lists: [json(list([video(2, 200 * DAY)], { pn: 1, ps: 1, count: 90 }))] })).toBe('zombie/silent');
  });

  it('is unverified when a listed video has no readable date, unless another is recent', async () => {
    expect(await observe({ lists: [json(list([video(2, 200 * DAY), { mid: 2, bvid: 'BVx' }]))] })).toBe('unverified/undated-post');
    expect(await observe({ lists: [json(list([video(2, DAY), { mid: 2, bvid: 'BVx' }]))] })).toBe('active');
  });

  it('is unverified when the list holds fewer videos than counted and does not say whether more follow', async () => {
    expect(await observe({ card: json(card('2', 9)), lists: [json(list([video(2, 200 * DAY)], { count: 9 }))] })).toBe('unverified/list-incomplete');
  });

  it('refuses a list or a card about another account', async () => {
    expect(await observe({ lists: [json(list([video(3, DAY)]))] })).toBe('unverified/wrong-account');
    expect(await observe({ card: json(card('3')), lists: [json(list([video(2, DAY)]))] })).toBe('unverified/wrong-account');
  });

  it('refuses a video dated after the check, and one before Bilibili existed', async () => {
    expect(await observe({ lists: [json(list([video(2, -20 * DAY), video(2, 100 * DAY)]))] })).toBe('unverified/implausible-date');
    expect(await observe({ lists: [json(list([{ mid: 2, bvid: 'BVold', created: 1_200_000_000 }]))] })).toBe('unverified/implausible-date');
  });
});

describe('not found', () => {
  it('is proven by code -404 in a 200 answer, never by -404 in an HTTP 404', async () => {
    expect(await observe({ card: json({ code: -404, message: '啥都木有', ttl: 1 }) })).toBe('not-found/missing');
    expect(await observe({ card: json({ code: -404, message: '啥都木有', ttl: 1 }, 404) })).toBe('unverified/not-found-unproven');
  });

  it('is proven by a banned space only when the card is the account asked for', async () => {
    expect(await observe({ card: json(card('2', 3, { spacesta: -2 })) })).toBe('not-found/banned');
    expect(await observe({ card: json(card('3', 3, { spacesta: -2 })) })).toBe('unverified/wrong-account');
  });
});

describe('the w_webid a browser sends (issue #26 item 4)', () => {
  it('reads access_id from the space page’s URL-encoded __RENDER_DATA__, and nothing from a page without it', () => {
    expect(parseWebId(spacePage())).toBe(WEBID);
    expect(parseWebId(spacePage({ access_id: 'a b&c' }))).toBe('a b&c');
    expect(parseWebId(spacePage(JSON.stringify({ access_id: 'plain' })))).toBe('plain');
    expect(parseWebId(spacePage({ other: 1 }))).toBeUndefined();
    expect(parseWebId(spacePage('%E0%A4%A'))).toBeUndefined();
    expect(parseWebId('<html><title>验证</title></html>')).toBeUndefined();
  });

  it('knows when a w_webid lapses from its iat and ttl, and that an opaque one does not say', () => {
    expect(webIdExpiry(jwt(1_790_000_000, 86_400))).toEqual(new Date((1_790_000_000 + 86_400) * 1000));
    expect(webIdExpiry('opaque')).toBeUndefined();
    expect(webIdExpiry('a.bm90IGpzb24.c')).toBeUndefined();
    expect(webIdExpiry(`a.${Buffer.from('{"iat":1}').toString('base64url')}.c`)).toBeUndefined();
  });

  it('signs it into the list request, read once for the scan from the first space page', async () => {
    const { observe: see, requests } = platform({ lists: [json(list([video(2, DAY)]))] });
    await see('2');
    await see('3');
    const spaces = requests.filter((r) => r.url.startsWith('https://space.bilibili.com/'));
    expect(spaces.map((r) => r.url)).toEqual(['https://space.bilibili.com/2']);
    const asked = requests.filter((r) => r.url.includes('/arc/search')).map((r) => new URL(r.url));
    expect(asked.map((u) => u.searchParams.get('w_webid'))).toEqual([WEBID, WEBID]);
    // Asked after the card, which decides existence: a missing account costs no page.
    expect(requests[0]!.url).toContain('/x/web-interface/card');
  });

  it('reads it again, with the keys, when the list is refused, and again once it has lapsed', async () => {
    const refused = platform({ lists: [json({ code: -352 }), json(list([video(2, DAY)]))] });
    expect(verdictOf('2', await refused.observe('2'))).toBe('active');
    expect(refused.requests.filter((r) => r.url.startsWith('https://space.bilibili.com/'))).toHaveLength(2);
    const lapsed = platform({ space: { body: spacePage({ access_id: jwt(1_700_000_000, 60) }) }, lists: [json(list([video(2, DAY)]))] });
    await lapsed.observe('2');
    await lapsed.observe('3');
    expect(lapsed.requests.filter((r) => r.url.startsWith('https://space.bilibili.com/'))).toHaveLength(2);
  });

  it('asks without it when the page has none or fails, and says so when the list is then refused', async () => {
    for (const space of [{ body: '<html></html>' }, { status: 412, body: '' }, new Error('reset')]) {
      const got = await platform({ space, lists: [json({ code: -352 })] }).observe('2');
      expect(got).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked', detail: expect.stringContaining('without w_webid') } });
    }
    const { observe: see, requests } = platform({ space: { body: '<html></html>' }, lists: [json(list([video(2, DAY)]))] });
    expect(verdictOf('2', await see('2'))).toBe('active');
    expect(new URL(requests.find((r) => r.url.includes('/arc/search'))!.url).searchParams.has('w_webid')).toBe(false);
  });
});

/** The simulator played in this process: its answers reach the adapter as the HTTP client would hand them over. */
function simulated(scenario: BilibiliScenario): Route {
  const simulator = bilibiliSimulator(scenario, FIXTURES_DIR);
  return (url, request) => {
    const answer = simulator.handle({ method: 'GET', host: url.hostname, path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1), headers: request.headers ?? {}, body: '' });
    return { status: answer.status, body: answer.body, headers: answer.headers ?? {} };
  };
}

describe('the simulator, in the real shapes', () => {
  const scenario = loadScenarios().bilibili;
  const sim = observeWith(bilibili, simulated(scenario));

  // Played in this process, answers come at once: the accounts whose verdict rests on time (a hang, a dropped connection, a retry) are the e2e tests'.
  const timed = new Set(['timeout', 'reset', 'flaky']);
  const mids = Object.entries(scenario.accounts).filter(([, a]) => !timed.has(a.card ?? '')).map(([mid]) => mid);

  it.each(mids)('gives %s the verdict its fixture states', async (mid) => {
    expect(verdictOf(mid, await sim.observe(mid))).toBe(scenario.accounts[mid]!.expect);
  });

  it('refuses (-352) a list request without the space page’s w_webid, and answers one with it', async () => {
    const route = simulated(scenario);
    const withOut = observeWith(bilibili, (url, request) => (url.hostname === 'space.bilibili.com' ? { body: '<html></html>' } : route(url, request)));
    expect(await withOut.observe('400000001')).toMatchObject({ datesUnknown: { reason: 'blocked', detail: expect.stringContaining('without w_webid') } });
  });

  it('names the mid in the card and in every video, and pages by the account’s total', async () => {
    const got = await sim.observe('400000001');
    expect(got).toMatchObject({ profile: { postCount: 412 }, proof: { answers: [{ names: ['400000001'] }, { names: ['400000001'] }], list: { paging: 'more' } } });
  });
});

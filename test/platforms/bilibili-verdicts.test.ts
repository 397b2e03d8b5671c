import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilibili, parseCard, parseVideoList, parseWbiKeys, readAnswer } from '../../src/platforms/bilibili.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { answer, json, observeWith, type Answer } from '../helpers/fake-http.js';

/*
 * Bilibili's answers, each at the edge that decides a verdict: what blocks,
 * what proves an account gone, and how the card and the video list combine.
 * Reconstructed answers are built on the shapes of the real captures.
 */

const real = (name: string) => readFileSync(join(FIXTURES_DIR, 'bilibili', 'real', name), 'utf8');
const NAV = real('x-web-interface-nav-logged-out.json');
const card = (fields: object = {}, data: object = {}) => ({ code: 0, data: { card: { name: '江城发布', fans: 5, ...fields }, archive_count: 3, ...data } });
const list = (vlist: object[], data: object = {}) => ({ code: 0, data: { list: { vlist }, page: { count: vlist.length }, ...data } });
const DAY = 86_400;
const NOW_S = Date.parse('2026-11-20T10:00:00+08:00') / 1000;

describe('answers that are blocks, before any parser', () => {
  it.each([
    [-352, 'blocked'],
    [-412, 'blocked'],
    [-403, 'blocked'],
    [-401, 'captcha'],
    [-799, 'rate-limited'],
    [-509, 'rate-limited'],
    [-101, 'login-required'],
  ])('code %i is %s', (code, reason) => {
    expect(readAnswer(answer({ code }))).toMatchObject({ kind: 'blocked', observation: { kind: 'unknown', reason } });
  });

  it('an empty body is a block, a body that is not a JSON object a changed layout', () => {
    expect(readAnswer(answer('  '))).toMatchObject({ kind: 'blocked', observation: { reason: 'blocked' } });
    for (const body of ['<html></html>', '12', 'null', '"text"']) expect(readAnswer(answer(body)), body).toMatchObject({ kind: 'blocked', observation: { reason: 'layout-changed' } });
    expect(readAnswer(answer('', 412))).toMatchObject({ kind: 'blocked', observation: { reason: 'blocked', detail: 'HTTP 412' } });
  });

  it('passes a clean answer on with its code, or none when the code is not a number', () => {
    expect(readAnswer(answer({ code: 0, data: 1 }))).toMatchObject({ kind: 'json', code: 0 });
    expect(readAnswer(answer({ code: '0' }))).toMatchObject({ kind: 'json', code: undefined });
  });
});

describe('the card', () => {
  it('is not found only on -404, a banned space or the cancelled name', () => {
    expect(parseCard(answer({ code: -404 }))).toMatchObject({ kind: 'missing', reason: 'missing' });
    expect(parseCard(answer(card({ spacesta: -2 })))).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(parseCard(answer(card({ name: '账号已注销' })))).toMatchObject({ kind: 'missing', reason: 'cancelled' });
    expect(parseCard(answer(card({ spacesta: 0 })))).toMatchObject({ kind: 'found' });
  });

  it('is a changed layout when a code other than 0, no card or no name comes back: never not found', () => {
    for (const body of [{ code: 1, data: card().data }, { code: 0, data: {} }, card({ name: '' }), { code: 0 }]) {
      expect(parseCard(answer(body)), JSON.stringify(body)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    }
  });

  it('takes the followers from data.follower before the card, and the video count from archive_count', () => {
    expect(parseCard(answer(card({ fans: 5 }, { follower: 7 })))).toEqual({ kind: 'found', profile: { name: '江城发布', followers: 7, postCount: 3 }, names: [] });
    expect(parseCard(answer(card({ fans: 5 })))).toMatchObject({ profile: { followers: 5 } });
  });
});

describe('the video list', () => {
  it('is blocked under risk control, whatever else it holds', () => {
    const vlist = [{ created: NOW_S, bvid: 'BV1' }];
    expect(parseVideoList(answer(list(vlist, { v_voucher: 'x' })))).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(parseVideoList(answer(list(vlist, { is_risk: true })))).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(parseVideoList(answer(list(vlist, { gaia_res_type: 1 })))).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(parseVideoList(answer(list(vlist, { is_risk: false, gaia_res_type: 0 })))).toMatchObject({ kind: 'list' });
  });

  it('is a changed layout with a code other than 0 or no list; a video without a time in seconds is counted undated', () => {
    expect(parseVideoList(answer({ ...list([]), code: 1 }))).toMatchObject({ reason: 'layout-changed' });
    expect(parseVideoList(answer({ code: 0, data: {} }))).toMatchObject({ reason: 'layout-changed' });
    expect(parseVideoList(answer(list([{ created: 'yesterday' }, { created: 0 }, { created: NOW_S }])))).toMatchObject({ kind: 'list', undated: 2, posts: [{ at: new Date(NOW_S * 1000) }] });
  });

  it('names each video by bvid, else aid, dates it in seconds and knows the pinned one', () => {
    const got = parseVideoList(answer(list([{ created: NOW_S, bvid: 'BV1x', is_top: 1 }, { created: NOW_S - DAY, aid: 42 }, { created: NOW_S - 2 * DAY }])));
    expect(got).toEqual({
      kind: 'list',
      total: 3,
      paging: 'unknown',
      undated: 0,
      names: [],
      posts: [
        { id: 'BV1x', at: new Date(NOW_S * 1000), pinned: true },
        { id: '42', at: new Date((NOW_S - DAY) * 1000), pinned: false },
        { id: '', at: new Date((NOW_S - 2 * DAY) * 1000), pinned: false },
      ],
    });
  });
});

describe('the WBI keys', () => {
  it('needs both keys, each a 32-character file name', () => {
    expect(parseWbiKeys(NAV.replace(/"sub_url"\s*:/, '"other":'))).toBeUndefined();
    expect(parseWbiKeys(NAV.replace(/"img_url"\s*:/, '"other":'))).toBeUndefined();
    expect(parseWbiKeys('{"img_url": "https://i0.hdslb.com/bfs/wbi/7cd084941338484aae1ad9425b84077c.png", "sub_url": "https://i0.hdslb.com/bfs/wbi/4932caff0ff746eab6f01bf08b70ac45.png"}')).toEqual({
      imgKey: '7cd084941338484aae1ad9425b84077c',
      subKey: '4932caff0ff746eab6f01bf08b70ac45',
    });
    expect(parseWbiKeys('{"img_url":"https://i0.hdslb.com/bfs/wbi/short.png","sub_url":"https://i0.hdslb.com/bfs/wbi/4932caff0ff746eab6f01bf08b70ac45.png"}')).toBeUndefined();
  });
});

describe('the whole observation', () => {
  /** A platform where the nav gives keys, and the card and list answer as given. */
  const platform = (cardAnswer: Answer, lists: Answer[] = [json(list([]))]) => {
    let listCalls = 0;
    return observeWith(bilibili, (url) => {
      if (url.pathname === '/x/web-interface/nav') return { body: NAV };
      if (url.pathname === '/x/web-interface/card') return cardAnswer;
      if (url.pathname === '/x/space/wbi/arc/search') return lists[Math.min(listCalls++, lists.length - 1)]!;
      if (url.hostname === 'b23.tv') return url.pathname === '/good' ? { status: 302, headers: { location: 'https://space.bilibili.com/2?share=1' } } : { status: 302, headers: { location: 'https://www.bilibili.com/' } };
      return { status: 404 };
    });
  };

  it('asks for the video list even when the card counts none: "never posted" needs the list itself', async () => {
    const { observe, requests } = platform(json(card({}, { archive_count: 0 })));
    expect(await observe('2')).toMatchObject({ kind: 'found', posts: [], profile: { postCount: 0 }, proof: { list: { read: true } } });
    expect(requests.some((r) => r.url.includes('/arc/search'))).toBe(true);
  });

  it('keeps the card when the list is blocked twice, the keys fetched again in between', async () => {
    const { observe, requests } = platform(json(card()), [json({ code: -352 }), json({ code: -352 })]);
    expect(await observe('2')).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'blocked' } });
    expect(requests.filter((r) => r.url.includes('/nav'))).toHaveLength(2);
  });

  it('tries once more with fresh keys and is judged by that answer', async () => {
    const { observe } = platform(json(card()), [json({ code: -352 }), json(list([{ created: NOW_S, bvid: 'BV1' }]))]);
    expect(await observe('2')).toMatchObject({ kind: 'found', posts: [{ id: 'BV1' }] });
  });

  it('takes the largest count it was given, and leaves an empty list of a counted account read, for the rules to call contradictory', async () => {
    const { observe } = platform(json(card({}, { archive_count: 2 })), [json({ code: 0, data: { list: { vlist: [] }, page: { count: 5 } } })]);
    const empty = await observe('2');
    expect(empty).toMatchObject({ kind: 'found', profile: { postCount: 5 }, proof: { list: { read: true, paging: 'unknown' } } });
    expect(empty).not.toHaveProperty('datesUnknown');
    const both = platform(json(card({}, { archive_count: 1 })), [json({ code: 0, data: { list: { vlist: [{ created: NOW_S }, { created: NOW_S - DAY }] } } })]);
    const got = await both.observe('2');
    expect(got).toMatchObject({ kind: 'found', profile: { postCount: 2 } });
    expect(got).not.toHaveProperty('datesUnknown');
  });

  it('follows a b23.tv link only by reading where it points, and calls a link elsewhere a changed layout', async () => {
    const good = platform(json(card()), [json(list([{ created: NOW_S }]))]);
    expect(await good.observe('b23/good', 'https://b23.tv/good')).toMatchObject({ kind: 'found', resolvedId: '2' });
    expect(good.requests[0]).toMatchObject({ url: 'https://b23.tv/good', followRedirects: false });
    const bad = platform(json(card()));
    expect(await bad.observe('b23/bad', 'https://b23.tv/bad')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('says a missing WBI key is a changed layout, and a transport failure is a failure', async () => {
    const noKeys = observeWith(bilibili, (url) => (url.pathname === '/x/web-interface/nav' ? { body: '{}' } : json(card())));
    expect(await noKeys.observe('2')).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed', detail: 'no WBI keys in the nav answer' } });
    const down = observeWith(bilibili, () => new Error('ECONNREFUSED'));
    expect(await down.observe('2')).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });

  it('sends the referer and origin of the account’s space', async () => {
    const { observe, requests } = platform(json(card({}, { archive_count: 0 })));
    await observe('2');
    expect(requests.find((r) => r.url.includes('/card'))!.headers).toEqual({ referer: 'https://space.bilibili.com/2', origin: 'https://space.bilibili.com' });
  });
});

describe('Bilibili, at the edges', () => {
  it('says which code it did not understand, or that there was none', () => {
    expect(parseCard(answer({ code: 7 }))).toMatchObject({ detail: 'card answer not understood (code 7)' });
    expect(parseCard(answer({ data: {} }))).toMatchObject({ detail: 'card answer not understood (code none)' });
    expect(parseVideoList(answer({ data: {} }))).toMatchObject({ detail: 'video list not understood (code none)' });
  });

  /** Two accounts through one observer: the keys are fetched once, again after a failed fetch. */
  function twoAccounts(nav: Answer[], lists: Answer[]) {
    let navCalls = 0;
    let listCalls = 0;
    const platform = observeWith(bilibili, (url) => {
      if (url.pathname === '/x/web-interface/nav') return nav[Math.min(navCalls++, nav.length - 1)]!;
      if (url.pathname === '/x/web-interface/card') return json(card());
      if (url.pathname === '/x/space/wbi/arc/search') return lists[Math.min(listCalls++, lists.length - 1)]!;
      if (url.hostname === 'b23.tv') return { status: 302, headers: { location: 'https://space.bilibili.com/12345' } };
      return { status: 404 };
    });
    return { ...platform, navCalls: () => navCalls };
  }

  it('fetches the WBI keys once for the whole scan', async () => {
    const { observe, navCalls } = twoAccounts([{ body: NAV }], [json(list([{ created: NOW_S }]))]);
    await observe('2');
    await observe('3');
    expect(navCalls()).toBe(1);
  });

  it('asks for the keys again after a failed fetch', async () => {
    const { observe, navCalls } = twoAccounts([new Error('reset') as unknown as Answer, { body: NAV }], [json(list([{ created: NOW_S }]))]);
    expect(await observe('2')).toMatchObject({ kind: 'unknown', reason: 'network-error' });
    expect(await observe('3')).toMatchObject({ kind: 'found', posts: [{}] });
    expect(navCalls()).toBe(2);
  });

  it('retries only a blocked list, not one it could not read', async () => {
    const { observe, navCalls } = twoAccounts([{ body: NAV }], [json({ code: 0, data: {} }), json(list([{ created: NOW_S }]))]);
    expect(await observe('2')).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(navCalls()).toBe(1);
  });

  it('reads a many-digit mid from a b23.tv link, and gives dated videos no "dates unknown"', async () => {
    const { observe } = twoAccounts([{ body: NAV }], [json(list([{ created: NOW_S }]))]);
    const got = await observe('b23/x', 'https://b23.tv/x');
    expect(got).toMatchObject({ resolvedId: '12345' });
    expect(got).not.toHaveProperty('datesUnknown');
  });
});

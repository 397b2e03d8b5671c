import { createHash } from 'node:crypto';
import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asCount, asText, at, blockFromStatus, observationFromFailure, parseJsonLeniently, resolvedAs, undated } from './common.js';
import type { Observation, Post, Profile, Unknown } from './observation.js';

/*
 * Bilibili (哔哩哔哩, B站). Field notes: shared/platforms.md § Bilibili.
 * `x/web-interface/card` decides existence (never the video list: a cancelled
 * account's list can still answer); `x/space/wbi/arc/search`, WBI-signed,
 * gives the dates of the latest videos.
 */

const API = 'https://api.bilibili.com';
const VIDEOS_PER_PAGE = 30;

// ---------------------------------------------------------------- WBI signing

/** The published 64-entry permutation that mixes img_key + sub_key. */
const MIXIN_KEY_TABLE = [
  46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28, 14, 39, 12, 38,
  41, 13, 37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4, 22, 25, 54, 21, 56, 59, 6, 63, 57, 62, 11, 36,
  20, 34, 44, 52,
];

export interface WbiKeys {
  imgKey: string;
  subKey: string;
}

export function mixinKey({ imgKey, subKey }: WbiKeys): string {
  const raw = imgKey + subKey;
  return MIXIN_KEY_TABLE.map((i) => raw[i] ?? '').join('').slice(0, 32);
}

/** Builds the signed query string: params plus `wts`, sorted, `!'()*` stripped, then `w_rid`. */
export function signQuery(params: Record<string, string | number>, keys: WbiKeys, wts: number): string {
  const all: Record<string, string> = { ...stringify(params), wts: String(wts) };
  const query = Object.keys(all)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(all[name]!.replace(/[!'()*]/g, ''))}`)
    .join('&');
  const wRid = createHash('md5').update(query + mixinKey(keys)).digest('hex');
  return `${query}&w_rid=${wRid}`;
}

function stringify(params: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/**
 * Keys are the file basenames of `wbi_img.img_url` and `sub_url`. Read from
 * the raw text so that a logged-out answer (code -101) or a slightly broken
 * body still yields them.
 */
export function parseWbiKeys(body: string): WbiKeys | undefined {
  const img = /"img_url"\s*:\s*"[^"]*\/(\w{32})\.\w+"/.exec(body)?.[1];
  const sub = /"sub_url"\s*:\s*"[^"]*\/(\w{32})\.\w+"/.exec(body)?.[1];
  return img && sub ? { imgKey: img, subKey: sub } : undefined;
}

// ------------------------------------------------------------ block detection

/** Bilibili's API codes that mean "not telling you", never "no such account". */
const BLOCK_CODES: Record<number, { reason: 'blocked' | 'captcha' | 'rate-limited' | 'login-required'; what: string }> = {
  [-352]: { reason: 'blocked', what: 'risk control (风控校验失败)' },
  [-412]: { reason: 'blocked', what: 'request intercepted (请求被拦截)' },
  [-403]: { reason: 'blocked', what: 'access denied (访问权限不足)' },
  [-401]: { reason: 'captcha', what: 'illegal access, captcha required (非法访问)' },
  [-799]: { reason: 'rate-limited', what: 'too many requests (请求过于频繁)' },
  [-509]: { reason: 'rate-limited', what: 'too many requests (请求过于频繁)' },
  [-101]: { reason: 'login-required', what: 'login required (账号未登录)' },
};

type Answer = { kind: 'json'; json: unknown; code: number | undefined } | { kind: 'blocked'; observation: Unknown };

/** Runs before any parser: an answer that is a block never reaches a verdict. */
export function readAnswer(response: HttpResponse): Answer {
  const fromStatus = blockFromStatus(response);
  if (fromStatus) return { kind: 'blocked', observation: fromStatus };
  if (response.body.trim() === '') {
    return { kind: 'blocked', observation: { kind: 'unknown', reason: 'blocked', detail: `empty body (HTTP ${response.status})` } };
  }
  const json = parseJsonLeniently(response.body);
  if (json === undefined || typeof json !== 'object' || json === null) {
    return {
      kind: 'blocked',
      observation: { kind: 'unknown', reason: 'layout-changed', detail: `answer is not JSON (HTTP ${response.status})` },
    };
  }
  const code = typeof at(json, 'code') === 'number' ? (at(json, 'code') as number) : undefined;
  const block = code === undefined ? undefined : BLOCK_CODES[code];
  if (block) {
    return { kind: 'blocked', observation: { kind: 'unknown', reason: block.reason, detail: `code ${code}: ${block.what}` } };
  }
  return { kind: 'json', json, code };
}

// -------------------------------------------------------------------- parsers

/** Bilibili shows this name for accounts their owners cancelled (注销). Reconstructed, not captured. */
const CANCELLED_NAME = '账号已注销';

export type CardResult = { kind: 'found'; profile: Profile } | Exclude<Observation, { kind: 'found' }>;

export function parseCard(response: HttpResponse): CardResult {
  const answer = readAnswer(response);
  if (answer.kind === 'blocked') return answer.observation;
  const { json, code } = answer;
  if (code === -404) return { kind: 'missing', reason: 'missing', detail: 'code -404: no such account, or banned or cancelled (啥都木有)' };
  const card = at(json, 'data', 'card');
  const name = asText(at(card, 'name'));
  if (code !== 0 || !card || !name) {
    return { kind: 'unknown', reason: 'layout-changed', detail: `card answer not understood (code ${code ?? 'none'})` };
  }
  if (at(card, 'spacesta') === -2) return { kind: 'missing', reason: 'banned', detail: 'spacesta -2: account banned (封禁)' };
  if (name === CANCELLED_NAME) return { kind: 'missing', reason: 'cancelled', detail: `name is ${CANCELLED_NAME}` };
  return {
    kind: 'found',
    profile: {
      name,
      followers: asCount(at(json, 'data', 'follower')) ?? asCount(at(card, 'fans')),
      postCount: asCount(at(json, 'data', 'archive_count')),
    },
  };
}

export type VideoListResult = { kind: 'list'; posts: Post[]; total: number | undefined } | Unknown;

export function parseVideoList(response: HttpResponse): VideoListResult {
  const answer = readAnswer(response);
  if (answer.kind === 'blocked') return answer.observation;
  const { json, code } = answer;
  const data = at(json, 'data');
  if (at(data, 'v_voucher') !== undefined) {
    return { kind: 'unknown', reason: 'blocked', detail: 'risk control answered with a v_voucher' };
  }
  if (at(data, 'is_risk') === true || (typeof at(data, 'gaia_res_type') === 'number' && at(data, 'gaia_res_type') !== 0)) {
    return { kind: 'unknown', reason: 'blocked', detail: 'video list under risk control (is_risk)' };
  }
  const vlist = at(data, 'list', 'vlist');
  if (code !== 0 || !Array.isArray(vlist)) {
    return { kind: 'unknown', reason: 'layout-changed', detail: `video list not understood (code ${code ?? 'none'})` };
  }
  const posts: Post[] = [];
  for (const item of vlist) {
    const created = at(item, 'created');
    if (typeof created !== 'number') {
      return { kind: 'unknown', reason: 'layout-changed', detail: 'a video has no numeric `created` time' };
    }
    const id = asText(at(item, 'bvid')) ?? String(at(item, 'aid') ?? '');
    // `created` is Unix seconds.
    posts.push({ id, at: new Date(created * 1000), pinned: at(item, 'is_top') === 1 });
  }
  return { kind: 'list', posts, total: asCount(at(data, 'page', 'count')) };
}

// ------------------------------------------------------------------- requests

function headersFor(mid: string): Record<string, string> {
  return { referer: `https://space.bilibili.com/${mid}`, origin: 'https://space.bilibili.com' };
}

/** The browser-fingerprint parameters whose absence triggers -352. */
const FINGERPRINT_PARAMS = {
  dm_img_list: '[]',
  dm_img_str: 'V2ViR0wgMS4wIChPcGVuR0wgRVMgMi4wIENocm9taXVtKQ',
  dm_cover_img_str: 'QU5HTEUgKEludGVsLCBJbnRlbChSKSBVSEQgR3JhcGhpY3MgNjIwKQ',
  dm_img_inter: '{"ds":[],"wh":[0,0,0],"of":[0,0,0]}',
};

export function videoListUrl(mid: string, keys: WbiKeys, now: Date): string {
  const params = {
    mid,
    ps: VIDEOS_PER_PAGE,
    pn: 1,
    order: 'pubdate',
    platform: 'web',
    web_location: 1550101,
    order_avoided: 'true',
    ...FINGERPRINT_PARAMS,
  };
  return `${API}/x/space/wbi/arc/search?${signQuery(params, keys, Math.floor(now.getTime() / 1000))}`;
}

// ------------------------------------------------------------------ observing

function createObserver(ctx: ObserveContext): Observer {
  let keys: Promise<WbiKeys | undefined> | undefined;
  const fetch = (url: string, mid: string, signal: AbortSignal) =>
    ctx.http.fetch({ url, headers: headersFor(mid) }, signal);

  // The WBI keys rotate daily: fetched once per scan, again if a signed request is refused.
  const wbiKeys = (signal: AbortSignal, refresh = false): Promise<WbiKeys | undefined> => {
    if (!keys || refresh) {
      keys = ctx.http
        .fetch({ url: `${API}/x/web-interface/nav`, headers: headersFor('') }, signal)
        .then((response) => parseWbiKeys(response.body));
      keys.catch(() => (keys = undefined));
    }
    return keys;
  };

  const videoList = async (mid: string, signal: AbortSignal): Promise<VideoListResult> => {
    for (const refresh of [false, true]) {
      const signing = await wbiKeys(signal, refresh);
      if (!signing) return { kind: 'unknown', reason: 'layout-changed', detail: 'no WBI keys in the nav answer' };
      const result = parseVideoList(await fetch(videoListUrl(mid, signing, new Date()), mid, signal));
      if (!(result.kind === 'unknown' && result.reason === 'blocked' && !refresh)) return result;
    }
    throw new Error('unreachable');
  };

  /** b23.tv/<code> answers a redirect whose Location names the mid: read, never followed. */
  const resolveShortLink = async (id: string, signal: AbortSignal): Promise<string | undefined> => {
    if (!id.startsWith('b23/')) return id;
    const response = await ctx.http.fetch({ url: `https://b23.tv/${id.slice(4)}`, followRedirects: false }, signal);
    return /space\.bilibili\.com\/(\d+)/.exec(String(response.headers.location ?? ''))?.[1];
  };

  const observeMid = async (mid: string, signal: AbortSignal): Promise<Observation> => {
    const card = parseCard(await fetch(`${API}/x/web-interface/card?mid=${mid}`, mid, signal));
    if (card.kind !== 'found') return card;
    // The card's count of 0 is the evidence of "never posted": no need to ask for an empty list.
    if (card.profile.postCount === 0) return { kind: 'found', profile: card.profile, posts: [] };
    const list = await videoList(mid, signal);
    if (list.kind !== 'list') return undated(card.profile, list);
    return combine(card.profile, list.posts, list.total);
  };

  return async (account, signal) => {
    try {
      const mid = await resolveShortLink(account.id, signal);
      if (!mid) return { kind: 'unknown', reason: 'layout-changed', detail: 'the short link did not lead to a space.bilibili.com profile' };
      return resolvedAs(mid, account.id, await observeMid(mid, signal));
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

function combine(profile: Profile, posts: Post[], total: number | undefined): Observation {
  const postCount = Math.max(profile.postCount ?? 0, total ?? 0, posts.length);
  const merged = { ...profile, postCount };
  if (posts.length === 0 && postCount > 0) {
    return {
      kind: 'found',
      profile: merged,
      posts,
      datesUnknown: { reason: 'no-dates', detail: `the video list is empty although the profile counts ${postCount} videos` },
    };
  }
  return { kind: 'found', profile: merged, posts };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const bilibili = {
  id: 'bilibili',
  label: { en: 'Bilibili', 'zh-CN': '哔哩哔哩' },
  aliases: ['bilibili', 'b站', '哔哩哔哩', 'bili', 'b 站', '哔哩哔哩弹幕网'],
  urlForms: [
    { hosts: ['space.bilibili.com'], path: /^\/(?<id>\d+)(?:\/.*)?$/ },
    { hosts: ['m.bilibili.com'], path: /^\/space\/(?<id>\d+)(?:\/.*)?$/ },
    { hosts: ['b23.tv'], path: /^\/(?<id>[\w-]+)\/?$/, idPrefix: 'b23/' },
  ],
  idPattern: /^(?:\d{1,20}|b23\/[\w-]+)$/,
  idExample: '2 or https://space.bilibili.com/2',
  examples: [
    { input: '2', id: '2', url: 'https://space.bilibili.com/2' },
    { input: 'https://space.bilibili.com/2', id: '2' },
    { input: 'https://space.bilibili.com/546195/video?spm_id_from=333.1007.0.0', id: '546195', url: 'https://space.bilibili.com/546195' },
    { input: 'space.bilibili.com/546195/upload/video', id: '546195' },
    { input: 'http://m.bilibili.com/space/546195', id: '546195' },
    { input: 'https://b23.tv/AbCdEf', id: 'b23/AbCdEf', url: 'https://b23.tv/AbCdEf' },
    { input: 'https://www.bilibili.com/video/BV1sz4y1y7KJ', id: null },
    { input: 'BV1sz4y1y7KJ', id: null },
  ],
  profileUrl: (mid: string) => (mid.startsWith('b23/') ? `https://b23.tv/${mid.slice(4)}` : `https://space.bilibili.com/${mid}`),
  hosts: ['api.bilibili.com', 'b23.tv'],
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  rsshubRoute: (mid: string) => `/bilibili/user/video/${mid}`,
  probeAccount: '2',
  createObserver,
} satisfies PlatformAdapter;
// Stryker restore all

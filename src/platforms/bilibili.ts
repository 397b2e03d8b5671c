import { createHash } from 'node:crypto';
import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asCount, asText, at, blockFromStatus, observationFromFailure, parseJsonLeniently, resolvedAs } from './common.js';
import { fromEpoch } from './dates.js';
import type { AnswerFacts, ListFacts, Observation, Post, Profile, Proof, Unknown, Verification, VerificationKind } from './observation.js';
import { notVerified, verificationText, verifiedAs } from './verification.js';

/*
 * Bilibili (哔哩哔哩, B站). Field notes: shared/platforms.md § Bilibili.
 * `x/web-interface/card` decides existence (never the video list: a cancelled
 * account's list can still answer); `x/space/wbi/arc/search`, WBI-signed,
 * gives the dates of the latest videos, asked with the `w_webid` a browser
 * reads from the account's space page.
 */

const API = 'https://api.bilibili.com';
const SPACE = 'https://space.bilibili.com';
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

/** A mid as the answers write it: a string in the card, a number in the video list. */
function midOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}

/**
 * `Official.role` of an organisation's verification (`Official.type` 1), as
 * bilibili-API-collect documents it: 3 an enterprise, 4 an organisation,
 * 5 media, 6 government. Type 0 is a person's (the real capture: mid 2, the
 * site's founder, role 2); type -1 none (the logged-in nav capture).
 */
const BILIBILI_ORG_ROLES: Readonly<Record<number, VerificationKind>> = { 3: 'organisation', 4: 'organisation', 5: 'media', 6: 'government' };

/** The card's `Official` {role, title, desc, type}: who Bilibili verified the account as, in its words. */
export function bilibiliVerification(card: unknown): Verification | undefined {
  const official = at(card, 'Official');
  const type = at(official, 'type');
  if (typeof type !== 'number') return undefined;
  const role = at(official, 'role');
  const field = `data.card.Official (type ${type}, role ${String(role ?? 'absent')})`;
  if (type === -1) return notVerified(field);
  const text = verificationText(at(official, 'title')) ?? verificationText(at(official, 'desc'));
  if (type === 0) return verifiedAs('person', text, field);
  if (type === 1) return verifiedAs(typeof role === 'number' ? (BILIBILI_ORG_ROLES[role] ?? 'organisation') : 'organisation', text, field);
  return verifiedAs('unknown', text, field);
}

const verificationOf = (card: unknown): { verification?: Verification } => {
  const verification = bilibiliVerification(card);
  return verification ? { verification } : {};
};

export type CardResult = { kind: 'found'; profile: Profile; names: string[] } | Exclude<Observation, { kind: 'found' }>;

/**
 * `x/web-interface/card`. Not found only by a structured statement of the
 * answer (`code -404`, `spacesta -2`, the cancelled name); the HTTP status is
 * reported beside it, since a 404 status with -404 is Bilibili's answer for a
 * path it does not have (field-check), not for an account.
 */
export function parseCard(response: HttpResponse, mid?: string): CardResult {
  const answer = readAnswer(response);
  if (answer.kind === 'blocked') return answer.observation;
  const { json, code } = answer;
  const statement = (field: string, bound = true) => ({ statement: { httpStatus: response.status, structured: true, field, bound }, source: 'platform' as const });
  if (code === -404) return { kind: 'missing', reason: 'missing', detail: 'code -404: no such account, or banned or cancelled (啥都木有)', ...statement('code -404') };
  const card = at(json, 'data', 'card');
  const name = asText(at(card, 'name'));
  if (code !== 0 || !card || !name) {
    return { kind: 'unknown', reason: 'layout-changed', detail: `card answer not understood (code ${code ?? 'none'})` };
  }
  const named = midOf(at(card, 'mid')) ?? midOf(at(json, 'data', 'mid'));
  const bound = mid === undefined || named === undefined || named === mid;
  if (at(card, 'spacesta') === -2) return { kind: 'missing', reason: 'banned', detail: 'spacesta -2: account banned (封禁)', ...statement('data.card.spacesta -2', bound) };
  if (name === CANCELLED_NAME) return { kind: 'missing', reason: 'cancelled', detail: `name is ${CANCELLED_NAME}`, ...statement(`data.card.name ${CANCELLED_NAME}`, bound) };
  return {
    kind: 'found',
    profile: {
      name,
      followers: asCount(at(json, 'data', 'follower')) ?? asCount(at(card, 'fans')),
      postCount: asCount(at(json, 'data', 'archive_count')),
      ...verificationOf(card),
    },
    names: named ? [named] : [],
  };
}

export interface VideoList {
  kind: 'list';
  posts: Post[];
  /** `page.count`: the platform's total of the account's videos, when it gave one. */
  total: number | undefined;
  paging: ListFacts['paging'];
  /** Listed videos without a readable `created`. */
  undated: number;
  /** The mids the listed videos name as their author. */
  names: string[];
}
export type VideoListResult = VideoList | Unknown;

/** The list is whole when the pages up to this one cover `page.count`; a page without the three numbers says nothing. */
export function pagingOf(page: unknown): ListFacts['paging'] {
  const [count, pn, ps] = [asCount(at(page, 'count')), asCount(at(page, 'pn')), asCount(at(page, 'ps'))];
  if (count === undefined || !pn || !ps) return 'unknown';
  return pn * ps >= count ? 'end' : 'more';
}

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
  const names = new Set<string>();
  let undatedVideos = 0;
  for (const item of vlist) {
    const author = midOf(at(item, 'mid'));
    if (author) names.add(author);
    // `created` is Unix seconds; a value in no known unit is counted, never dropped.
    const created = fromEpoch(at(item, 'created'));
    if (!created) {
      undatedVideos++;
      continue;
    }
    const id = asText(at(item, 'bvid')) ?? String(at(item, 'aid') ?? '');
    posts.push({ id, at: created, pinned: at(item, 'is_top') === 1 });
  }
  const page = at(data, 'page');
  return { kind: 'list', posts, total: asCount(at(page, 'count')), paging: pagingOf(page), undated: undatedVideos, names: [...names] };
}

/**
 * The `w_webid` a browser sends with `arc/search`: the `access_id` of the
 * space page's server-rendered `<script id="__RENDER_DATA__">`, URL-encoded
 * JSON (field notes: RSSHub bilibili/cache.ts, bilibili-API-collect
 * discussion #1104). Undefined when the page holds none.
 */
export function parseWebId(html: string): string | undefined {
  const script = /<script[^>]*\bid="__RENDER_DATA__"[^>]*>([^<]*)<\/script>/.exec(html)?.[1];
  if (!script) return undefined;
  let text: string;
  try {
    text = decodeURIComponent(script.trim());
  } catch {
    return undefined;
  }
  return asText(at(parseJsonLeniently(text), 'access_id'));
}

/**
 * When a `w_webid` lapses: it is a JWT whose payload carries `iat` and `ttl`
 * (seconds). Undefined when it does not say; it is then renewed only when
 * refused.
 */
export function webIdExpiry(webId: string): Date | undefined {
  const payload = webId.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const [iat, ttl] = [asCount(at(claims, 'iat')), asCount(at(claims, 'ttl'))];
    return iat !== undefined && ttl !== undefined ? new Date((iat + ttl) * 1000) : undefined;
  } catch {
    return undefined;
  }
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

/** The signed list of the newest videos; `w_webid` is signed with the rest, as the page does. */
export function videoListUrl(mid: string, keys: WbiKeys, now: Date, webId?: string): string {
  const params = {
    mid,
    ps: VIDEOS_PER_PAGE,
    pn: 1,
    order: 'pubdate',
    platform: 'web',
    web_location: 1550101,
    order_avoided: 'true',
    ...FINGERPRINT_PARAMS,
    ...(webId ? { w_webid: webId } : {}),
  };
  return `${API}/x/space/wbi/arc/search?${signQuery(params, keys, Math.floor(now.getTime() / 1000))}`;
}

// ------------------------------------------------------------------ observing

/** What a browser holds before it asks for the list: the day's WBI keys and its `w_webid`. */
interface Signing {
  keys: WbiKeys;
  webId: string | undefined;
}

function createObserver(ctx: ObserveContext): Observer {
  let keys: Promise<WbiKeys | undefined> | undefined;
  let webId: Promise<string | undefined> | undefined;
  const fetch = (url: string, mid: string, signal: AbortSignal) =>
    ctx.http.fetch({ url, headers: headersFor(mid) }, signal);

  // The WBI keys rotate daily: fetched once per scan, again if a signed request is refused.
  const wbiKeys = (signal: AbortSignal, refresh: boolean): Promise<WbiKeys | undefined> => {
    if (!keys || refresh) {
      keys = ctx.http
        .fetch({ url: `${API}/x/web-interface/nav`, headers: headersFor('') }, signal)
        .then((response) => parseWbiKeys(response.body));
      keys.catch(() => (keys = undefined));
    }
    return keys;
  };

  // The w_webid belongs to the visitor, not to the account viewed (clients keep one a day): read from the first
  // space page the scan opens, again when it lapses or a list is refused. A page without one is no failure:
  // the list is asked without it, and a refusal stays a refusal (unverified).
  const visitorWebId = async (mid: string, signal: AbortSignal, refresh: boolean): Promise<string | undefined> => {
    const current = webId && (await webId.catch(() => undefined));
    const lapsed = current !== undefined && (webIdExpiry(current)?.getTime() ?? Infinity) <= Date.now();
    if (!webId || refresh || lapsed) {
      webId = ctx.http
        .fetch({ url: `${SPACE}/${mid}`, headers: { referer: 'https://www.bilibili.com/' } }, signal)
        .then((response) => (response.status === 200 ? parseWebId(response.body) : undefined));
      webId.catch(() => (webId = undefined));
    }
    return webId.catch(() => undefined);
  };

  const signing = async (mid: string, signal: AbortSignal, refresh: boolean): Promise<Signing | undefined> => {
    const webIdNow = await visitorWebId(mid, signal, refresh);
    const keysNow = await wbiKeys(signal, refresh);
    return keysNow ? { keys: keysNow, webId: webIdNow } : undefined;
  };

  const videoList = async (mid: string, signal: AbortSignal): Promise<VideoListResult> => {
    for (const refresh of [false, true]) {
      const signed = await signing(mid, signal, refresh);
      if (!signed) return { kind: 'unknown', reason: 'layout-changed', detail: 'no WBI keys in the nav answer' };
      const result = parseVideoList(await fetch(videoListUrl(mid, signed.keys, new Date(), signed.webId), mid, signal));
      const refused = result.kind === 'unknown' && result.reason === 'blocked';
      if (!refused) return result;
      if (refresh) return signed.webId ? result : { ...result, detail: `${result.detail} (asked without w_webid: the space page gave none)` };
    }
    throw new Error('unreachable');
  };

  /** b23.tv/<code> answers a redirect whose Location names the mid: read, never followed. */
  const resolveShortLink = async (id: string, signal: AbortSignal): Promise<string | undefined> => {
    if (!id.startsWith('b23/')) return id;
    const response = await ctx.http.fetch({ url: `https://b23.tv/${id.slice(4)}`, followRedirects: false }, signal);
    return /space\.bilibili\.com\/(\d+)/.exec(String(response.headers.location ?? ''))?.[1];
  };

  // The card decides existence; the list is asked even when the card counts no video, since "never posted"
  // needs the list itself, read empty and whole (proof rule 3).
  const observeMid = async (mid: string, signal: AbortSignal): Promise<Observation> => {
    const card = parseCard(await fetch(`${API}/x/web-interface/card?mid=${mid}`, mid, signal), mid);
    if (card.kind !== 'found') return card;
    return combine(mid, card, await videoList(mid, signal));
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

/**
 * The card and the list as facts for the proof rules. The count is the
 * larger of the card's and the list's (either may lag), undefined when
 * neither gave one: a count beside an empty list is left for the rules to
 * call contradictory (a "soft-limit" answer: code 0, an empty `vlist`).
 */
export function combine(mid: string, card: Extract<CardResult, { kind: 'found' }>, list: VideoListResult): Observation {
  const cardFacts: AnswerFacts = { what: 'card', requestNames: true, names: card.names };
  if (list.kind !== 'list') {
    const proof: Proof = { subject: mid, source: 'platform', answers: [cardFacts], list: { read: false, paging: 'unknown', undated: 0 } };
    return { kind: 'found', profile: card.profile, posts: [], datesUnknown: { reason: list.reason, detail: list.detail }, proof };
  }
  const counts = [card.profile.postCount, list.total].filter((n): n is number => n !== undefined);
  const postCount = counts.length ? Math.max(...counts, list.posts.length + list.undated) : undefined;
  return {
    kind: 'found',
    profile: { ...card.profile, postCount },
    posts: list.posts,
    proof: {
      subject: mid,
      source: 'platform',
      answers: [cardFacts, { what: 'posts', requestNames: true, names: list.names }],
      list: { read: true, paging: list.paging, undated: list.undated },
    },
  };
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
  idExample: {
    en: '2 or https://space.bilibili.com/2',
    'zh-CN': '2 或 https://space.bilibili.com/2',
  },
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
  hosts: ['api.bilibili.com', 'space.bilibili.com', 'b23.tv'],
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  rsshubRoute: (mid: string) => `/bilibili/user/video/${mid}`,
  probeAccount: '2',
  createObserver,
} satisfies PlatformAdapter;
// Stryker restore all

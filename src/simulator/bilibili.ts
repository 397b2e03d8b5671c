import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWbiKeys, signQuery, type WbiKeys } from '../platforms/bilibili.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import type { SimVerification } from './common.js';

/**
 * How a simulated account behaves. `card` and `list` name a behaviour of the
 * two endpoints; `videos` are publication instants (ISO 8601).
 */
export interface BilibiliAccountScenario {
  name?: string;
  fans?: number;
  videos?: string[];
  /** What the card reports as the number of videos; defaults to `videos.length`. */
  archiveCount?: number;
  card?: CardBehaviour;
  list?: ListBehaviour;
  note?: string;
  /** The verdict the demo and the tests expect: `status` or `status/reason`. */
  expect?: string;
  /** The card's `Official`; absent: not verified (`type -1`). */
  verification?: SimVerification;
}

/** `Official.role` per kind (bilibili-API-collect): 6 government, 5 media, 4 organisation, 2 a person (type 0). */
const OFFICIAL_ROLES: Record<SimVerification['kind'], number> = { government: 6, media: 5, organisation: 4, person: 2 };

/** The card's `Official` as Bilibili writes it. */
export function officialOf(verification: SimVerification | undefined) {
  if (!verification) return { role: 0, title: '', desc: '', type: -1 };
  return { role: OFFICIAL_ROLES[verification.kind], title: verification.text, desc: '', type: verification.kind === 'person' ? 0 : 1 };
}

export type CardBehaviour =
  | 'normal'
  | 'banned'
  | 'cancelled'
  | 'http-412'
  | 'captcha'
  | 'rate-limited'
  | 'timeout'
  | 'reset'
  | 'layout-changed'
  | 'flaky'
  | 'path-404';
/**
 * `empty`: code 0 and an empty `vlist` whose `page.count` is 0 while the card
 * counts videos; `soft-limit`: code 0 and an empty `vlist` beside a
 * `page.count` above 0 (the 2026 "soft-limit" answers of the field notes).
 */
/** `undated`: a normal answer whose videos carry no `created` (reconstructed: a list that answers, but not when). */
export type ListBehaviour = 'normal' | 'voucher' | 'risk' | 'login-required' | 'empty' | 'soft-limit' | 'http-412' | 'undated';

export interface BilibiliScenario {
  accounts: Record<string, BilibiliAccountScenario>;
}

const envelope = (code: number, message: string) => ({ code, message, ttl: 1 });

function loadTemplate(fixturesDir: string, name: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, 'bilibili', 'templates', name), 'utf8'));
}

/**
 * A `w_webid` as the space page carries it: a JWT whose payload holds `iat`
 * and `ttl` (reconstructed from the field notes: no capture of a space page
 * was found). Issued on the real clock, as a server would.
 */
function issueWebId(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000), ttl: 86_400, v: 'sim' })}`;
  return `${body}.${createHash('sha256').update(body).digest('base64url')}`;
}

/** The space page's server-rendered state, URL-encoded JSON in `<script id="__RENDER_DATA__">`, as the field's clients read it. */
function spacePage(webId: string): SimResponse {
  const state = encodeURIComponent(JSON.stringify({ access_id: webId, isSpider: false }));
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>个人空间 - 哔哩哔哩</title><script id="__RENDER_DATA__" type="application/json">${state}</script></head><body><div id="app"></div></body></html>`,
  };
}

/**
 * Answers as api.bilibili.com and space.bilibili.com do, from templates built
 * on real answers. The video list checks the WBI signature, the fingerprint
 * parameters and the `w_webid` of the space page, and answers -352 to a
 * request without them (the 2026 reports of the field notes).
 */
export function bilibiliSimulator(scenario: BilibiliScenario, fixturesDir: string): PlatformSimulator {
  const templates = {
    card: loadTemplate(fixturesDir, 'card.json'),
    arc: loadTemplate(fixturesDir, 'arc-search.json'),
    nav: loadTemplate(fixturesDir, 'nav-logged-out.json'),
    voucher: loadTemplate(fixturesDir, 'code-352.json'),
  };
  const keys = parseWbiKeys(JSON.stringify(templates.nav))!;
  const webId = issueWebId();
  const requestsSeen = new Map<string, number>();
  const clone = <T>(value: T): T => structuredClone(value);

  const card = (mid: string): SimResponse => {
    const account = scenario.accounts[mid];
    if (!account) return jsonResponse(envelope(-404, '啥都木有'));
    const seen = (requestsSeen.get(mid) ?? 0) + 1;
    requestsSeen.set(mid, seen);
    const special = cardFault(account.card ?? 'normal', seen);
    if (special) return special;
    const body = clone(templates.card) as CardTemplate;
    const name = account.card === 'cancelled' ? '账号已注销' : (account.name ?? `UP${mid}`);
    Object.assign(body.data.card, { mid, name, fans: account.fans ?? 0, spacesta: account.card === 'banned' ? -2 : 0, Official: officialOf(account.verification) });
    body.data.follower = account.fans ?? 0;
    body.data.archive_count = account.archiveCount ?? account.videos?.length ?? 0;
    return jsonResponse(body);
  };

  const videoList = (request: SimRequest): SimResponse => {
    if (!validSignature(request.query, keys) || request.query.get('w_webid') !== webId) return jsonResponse(templates.voucher);
    const mid = request.query.get('mid') ?? '';
    const account = scenario.accounts[mid];
    const fault = listFault(account?.list ?? 'normal', templates.voucher);
    if (fault) return fault;
    const body = clone(templates.arc) as ArcTemplate;
    const template = body.data.list.vlist[0]!;
    const pageSize = Number(request.query.get('ps') ?? 30);
    const pageNumber = Math.max(1, Number(request.query.get('pn') ?? 1));
    const listed = account?.list === 'empty' || account?.list === 'soft-limit' ? [] : [...(account?.videos ?? [])].sort().reverse();
    const videos = listed.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    body.data.list.vlist = videos.map((iso, i) => ({
      ...clone(template),
      mid: Number(mid),
      author: account?.name ?? '',
      title: `${account?.name ?? ''} 视频 ${listed.length - i}`,
      bvid: `BV1sim${mid.slice(-4)}${String(listed.length - i).padStart(4, '0')}`,
      aid: Number(`${mid}${listed.length - i}`),
      ...(account?.list === 'undated' ? {} : { created: Math.floor(Date.parse(iso) / 1000) }),
    }));
    if (account?.list === 'undated') for (const video of body.data.list.vlist as Record<string, unknown>[]) delete video.created;
    // page.count is the account's total, as the card's archive_count: more than one page holds when the account has more.
    const total = account?.archiveCount ?? account?.videos?.length ?? 0;
    body.data.page = { pn: pageNumber, ps: pageSize, count: account?.list === 'empty' ? 0 : total };
    return jsonResponse(body);
  };

  return {
    hosts: ['api.bilibili.com', 'space.bilibili.com'],
    handle(request) {
      // Every space page carries the visitor's w_webid, whatever the mid: it is the visitor's, not the account's.
      if (request.host === 'space.bilibili.com') return spacePage(webId);
      switch (request.path) {
        case '/x/web-interface/nav':
          return jsonResponse(templates.nav);
        case '/x/web-interface/card':
          return card(request.query.get('mid') ?? '');
        case '/x/space/wbi/arc/search':
          return videoList(request);
        default:
          return jsonResponse(envelope(-404, '啥都木有'), 404);
      }
    },
  };
}

function cardFault(behaviour: CardBehaviour, requestNumber: number): SimResponse | undefined {
  switch (behaviour) {
    case 'http-412':
      return { status: 412, body: '<html><body>412 Precondition Failed</body></html>', headers: { 'content-type': 'text/html' } };
    case 'captcha':
      return jsonResponse(envelope(-401, '非法访问'));
    case 'rate-limited':
      // A second JSON document after the first, as once seen from Bilibili.
      return { status: 200, body: `${JSON.stringify(envelope(-799, '请求过于频繁，请稍后再试'))}{"code":0}` };
    case 'timeout':
      return { ...jsonResponse(envelope(0, '0')), delayMs: 60_000 };
    case 'reset':
      return { status: 0, body: '', reset: true };
    case 'layout-changed':
      return jsonResponse({ ...envelope(0, '0'), data: { profile: { uname: 'moved' } } });
    case 'flaky':
      return requestNumber === 1 ? { status: 503, body: 'Service Unavailable', headers: { 'retry-after': '0' } } : undefined;
    case 'path-404':
      // -404 in an HTTP 404: Bilibili's answer for a path it does not have (field-check), no statement about the account.
      return jsonResponse(envelope(-404, '啥都木有'), 404);
    default:
      return undefined;
  }
}

function listFault(behaviour: ListBehaviour, voucher: unknown): SimResponse | undefined {
  switch (behaviour) {
    case 'voucher':
      return jsonResponse(voucher);
    case 'risk':
      return jsonResponse({ ...envelope(0, '0'), data: { is_risk: true, gaia_res_type: 1, list: { vlist: [] } } });
    case 'login-required':
      return jsonResponse(envelope(-101, '账号未登录'));
    case 'http-412':
      return { status: 412, body: '', headers: {} };
    default:
      return undefined;
  }
}

/** Recomputes w_rid over every parameter but itself, and insists on the fingerprint parameters. */
function validSignature(query: URLSearchParams, keys: WbiKeys): boolean {
  const wRid = query.get('w_rid');
  const wts = Number(query.get('wts'));
  if (!wRid || !Number.isInteger(wts)) return false;
  if (!['dm_img_list', 'dm_img_str', 'dm_cover_img_str'].every((name) => query.has(name))) return false;
  const params: Record<string, string> = {};
  for (const [name, value] of query) if (name !== 'w_rid' && name !== 'wts') params[name] = value;
  return signQuery(params, keys, wts).endsWith(`&w_rid=${wRid}`);
}

interface CardTemplate {
  data: { card: Record<string, unknown>; follower: number; archive_count: number };
}
interface ArcTemplate {
  data: { list: { vlist: Record<string, unknown>[] }; page: Record<string, number> };
}

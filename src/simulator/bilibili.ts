import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWbiKeys, signQuery, type WbiKeys } from '../platforms/bilibili.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

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
  | 'flaky';
export type ListBehaviour = 'normal' | 'voucher' | 'risk' | 'login-required' | 'empty' | 'http-412';

export interface BilibiliScenario {
  accounts: Record<string, BilibiliAccountScenario>;
}

const envelope = (code: number, message: string) => ({ code, message, ttl: 1 });

function loadTemplate(fixturesDir: string, name: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, 'bilibili', 'templates', name), 'utf8'));
}

/**
 * Answers as api.bilibili.com does, from templates built on real answers.
 * The video list checks the WBI signature and the fingerprint parameters and
 * answers -352 to a request without them, as Bilibili does.
 */
export function bilibiliSimulator(scenario: BilibiliScenario, fixturesDir: string): PlatformSimulator {
  const templates = {
    card: loadTemplate(fixturesDir, 'card.json'),
    arc: loadTemplate(fixturesDir, 'arc-search.json'),
    nav: loadTemplate(fixturesDir, 'nav-logged-out.json'),
    voucher: loadTemplate(fixturesDir, 'code-352.json'),
  };
  const keys = parseWbiKeys(JSON.stringify(templates.nav))!;
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
    Object.assign(body.data.card, { mid, name, fans: account.fans ?? 0, spacesta: account.card === 'banned' ? -2 : 0 });
    body.data.follower = account.fans ?? 0;
    body.data.archive_count = account.archiveCount ?? account.videos?.length ?? 0;
    return jsonResponse(body);
  };

  const videoList = (request: SimRequest): SimResponse => {
    if (!validSignature(request.query, keys)) return jsonResponse(templates.voucher);
    const mid = request.query.get('mid') ?? '';
    const account = scenario.accounts[mid];
    const fault = listFault(account?.list ?? 'normal', templates.voucher);
    if (fault) return fault;
    const body = clone(templates.arc) as ArcTemplate;
    const template = body.data.list.vlist[0]!;
    const pageSize = Number(request.query.get('ps') ?? 30);
    const videos = account?.list === 'empty' ? [] : [...(account?.videos ?? [])].sort().reverse();
    body.data.list.vlist = videos.slice(0, pageSize).map((iso, i) => ({
      ...clone(template),
      mid: Number(mid),
      author: account?.name ?? '',
      title: `${account?.name ?? ''} 视频 ${videos.length - i}`,
      bvid: `BV1sim${mid.slice(-4)}${String(videos.length - i).padStart(4, '0')}`,
      aid: Number(`${mid}${videos.length - i}`),
      created: Math.floor(Date.parse(iso) / 1000),
    }));
    body.data.page = { pn: 1, ps: pageSize, count: account?.list === 'empty' ? 0 : videos.length };
    return jsonResponse(body);
  };

  return {
    hosts: ['api.bilibili.com'],
    handle(request) {
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

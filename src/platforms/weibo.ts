import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asText, at, observationFromFailure, parseJsonLeniently, resolvedAs, undated } from './common.js';
import { parseCount, parseExactCount } from './counts.js';
import { parseChineseDate } from './dates.js';
import type { Observation, Post, Profile, Unknown } from './observation.js';

/*
 * Weibo (微博). Field notes: shared/platforms.md § Weibo. Anonymous requests
 * need visitor cookies, obtained over plain HTTP from passport.weibo.com and
 * renewed when Weibo answers 432 or ok:-100. `ok: 0` "这里还没有内容" is said
 * both of missing accounts and under risk control, so it is confirmed with
 * weibo.com/ajax/profile/info before any verdict.
 */

const M_API = 'https://m.weibo.cn/api/container/getIndex';
const PROFILE_INFO = 'https://weibo.com/ajax/profile/info';
const PASSPORT = 'https://passport.weibo.com/visitor';
const BROWSER_FP = '{"os":"1","browser":"Chrome130,0,0,0","fonts":"undefined","screenInfo":"1920*1080*24","plugins":""}';

type Parsed = { kind: 'json'; json: unknown } | { kind: 'blocked'; observation: Unknown };

/** Block detection, before any parser: HTTP 432/418/403, ok:-100, captcha URLs, login redirects, empty bodies. */
export function readWeiboAnswer(response: HttpResponse): Parsed {
  const { status, body } = response;
  const blocked = (reason: Unknown['reason'], detail: string): Parsed => ({ kind: 'blocked', observation: { kind: 'unknown', reason, detail } });
  const location = String(response.headers.location ?? '');
  if (status >= 300 && status < 400 && /passport\.weibo|login\.sina\.com\.cn|signin/.test(location)) {
    return blocked('login-required', `redirected to ${new URL(location, response.url).hostname}`);
  }
  if ([432, 418, 403, 412].includes(status)) return blocked('blocked', `HTTP ${status}`);
  if (status === 429) return blocked('rate-limited', 'HTTP 429');
  if (status >= 300) return blocked(status >= 500 ? 'network-error' : 'blocked', `HTTP ${status}`);
  if (!body.trim()) return blocked('blocked', 'empty body');
  const json = parseJsonLeniently(body);
  if (!json || typeof json !== 'object') return blocked('layout-changed', 'answer is not JSON');
  if (at(json, 'ok') === -100) return blocked('login-required', 'ok:-100, sign-in required');
  if (typeof at(json, 'url') === 'string' && at(json, 'data') === undefined) return blocked('captcha', 'answer points to a verification page');
  return { kind: 'json', json };
}

export function isEmptyContentAnswer(json: unknown): boolean {
  return at(json, 'ok') === 0 && String(at(json, 'msg') ?? '').includes('这里还没有内容');
}

export function parseUserInfo(json: unknown): { profile: Profile; containerId?: string } | undefined {
  const user = at(json, 'data', 'userInfo');
  const name = asText(at(user, 'screen_name'));
  if (at(json, 'ok') !== 1 || !name) return undefined;
  const tabs = at(json, 'data', 'tabsInfo', 'tabs');
  const weiboTab = Array.isArray(tabs) ? tabs.find((t) => at(t, 'tab_type') === 'weibo') : undefined;
  return {
    profile: { name, followers: parseCount(at(user, 'followers_count')), postCount: parseExactCount(at(user, 'statuses_count')) },
    containerId: asText(at(weiboTab, 'containerid')),
  };
}

/** `weibo.com/ajax/profile/info`: integers, and the idstr that a screen name resolves to. */
export function parseProfileInfo(json: unknown): { uid: string; profile: Profile } | { missing: 'missing' | 'banned'; detail: string } | undefined {
  const user = at(json, 'data', 'user');
  const uid = asText(at(user, 'idstr')) ?? (typeof at(user, 'id') === 'number' ? String(at(user, 'id')) : undefined);
  if (at(json, 'ok') === 1 && uid) {
    return {
      uid,
      profile: {
        name: asText(at(user, 'screen_name')),
        followers: parseCount(at(user, 'followers_count')) ?? parseCount(at(user, 'followers_count_str')),
        postCount: parseExactCount(at(user, 'statuses_count')),
      },
    };
  }
  // Reconstructed: Weibo says so in `msg` when the user does not exist or is banned.
  const message = String(at(json, 'msg') ?? at(json, 'message') ?? '');
  if (at(json, 'ok') === 0 && /封禁|冻结/.test(message)) return { missing: 'banned', detail: message };
  if (at(json, 'ok') === 0 && /不存在/.test(message)) return { missing: 'missing', detail: message };
  return undefined;
}

export function parsePostCards(json: unknown, now: Date): Post[] | undefined {
  const cards = at(json, 'data', 'cards');
  if (at(json, 'ok') !== 1 || !Array.isArray(cards)) return undefined;
  const posts: Post[] = [];
  const visit = (card: unknown) => {
    const group = at(card, 'card_group');
    if (Array.isArray(group)) group.forEach(visit);
    const blog = at(card, 'mblog');
    if (!blog) return;
    const date = parseChineseDate(at(blog, 'created_at'), now);
    if (!date) throw new Error(`unreadable date ${String(at(blog, 'created_at'))}`);
    const pinned = at(blog, 'mblogtype') === 2 || String(at(card, 'profile_type_id') ?? '').startsWith('proweibotop');
    posts.push({ id: String(at(blog, 'id') ?? ''), at: date, pinned });
  };
  try {
    cards.forEach(visit);
  } catch {
    return undefined;
  }
  return posts;
}

/** The JSONP answers of the passport: `window.cb && cb({...});`. */
export function parseJsonp(body: string): unknown {
  const start = body.indexOf('(');
  const end = body.lastIndexOf(')');
  return start >= 0 && end > start ? parseJsonLeniently(body.slice(start + 1, end)) : undefined;
}

function createObserver(ctx: ObserveContext): Observer {
  let visitor: Promise<void> | undefined;
  const hasLogin = () => ctx.cookies.has(new URL('https://m.weibo.cn/'), 'SUB');

  /** genvisitor → incarnate; the SUB/SUBP it returns serve weibo.com and weibo.cn alike. */
  const getVisitorCookies = async (signal: AbortSignal) => {
    const gen = await ctx.http.fetch(
      {
        url: `${PASSPORT}/genvisitor`,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ cb: 'gen_callback', fp: BROWSER_FP }).toString(),
      },
      signal,
    );
    const data = at(parseJsonp(gen.body), 'data');
    const tid = asText(at(data, 'tid'));
    if (!tid) throw new Error('the visitor passport gave no tid');
    const confidence = String(at(data, 'confidence') ?? 100).padStart(3, '0');
    const w = at(data, 'new_tid') === true ? 3 : 2;
    const query = new URLSearchParams({ a: 'incarnate', t: tid, w: String(w), c: confidence, cb: 'cross_domain', from: 'weibo' });
    const incarnate = await ctx.http.fetch({ url: `${PASSPORT}/visitor?${query}` }, signal);
    const result = at(parseJsonp(incarnate.body), 'data');
    for (const [name, value] of [['SUB', at(result, 'sub')], ['SUBP', at(result, 'subp')]] as const) {
      if (typeof value !== 'string' || !value) continue;
      for (const domain of ['weibo.com', 'weibo.cn']) {
        ctx.cookies.set({ domain, subdomains: true, path: '/', secure: false, expires: 0, name, value });
      }
    }
  };
  const ensureVisitor = (signal: AbortSignal, renew = false) => {
    if (hasLogin() && !renew) return Promise.resolve();
    if (!visitor || renew) {
      visitor = getVisitorCookies(signal);
      visitor.catch(() => (visitor = undefined));
    }
    return visitor;
  };

  const getJson = async (url: string, uid: string, signal: AbortSignal): Promise<Parsed> => {
    const headers = { 'mweibo-pwa': '1', 'x-requested-with': 'XMLHttpRequest', referer: `https://m.weibo.cn/u/${uid}` };
    for (const renew of [false, true]) {
      await ensureVisitor(signal, renew);
      const parsed = readWeiboAnswer(await ctx.http.fetch({ url, headers, followRedirects: false }, signal));
      const stale = parsed.kind === 'blocked' && /432|ok:-100/.test(parsed.observation.detail);
      if (!stale || renew) return parsed;
    }
    throw new Error('unreachable');
  };

  /** Screen names (n/…) and custom domains (c/…) become uids through profile/info. */
  const resolveScreenName = async (id: string, signal: AbortSignal): Promise<string | Observation> => {
    const query = id.startsWith('n/') ? 'screen_name' : id.startsWith('c/') ? 'custom' : undefined;
    if (!query) return id;
    const parsed = await getJson(`${PROFILE_INFO}?${query}=${encodeURIComponent(id.slice(2))}`, '', signal);
    if (parsed.kind === 'blocked') return parsed.observation;
    const info = parseProfileInfo(parsed.json);
    if (!info) return { kind: 'unknown', reason: 'layout-changed', detail: 'profile/info answer not understood' };
    if ('missing' in info) return { kind: 'missing', reason: info.missing, detail: info.detail };
    return info.uid;
  };

  /** `ok: 0` "这里还没有内容": missing, or risk control? profile/info decides. */
  const confirmEmpty = async (uid: string, signal: AbortSignal): Promise<Observation> => {
    const parsed = await getJson(`${PROFILE_INFO}?uid=${uid}`, uid, signal);
    if (parsed.kind === 'blocked') return parsed.observation;
    const info = parseProfileInfo(parsed.json);
    if (!info) return { kind: 'unknown', reason: 'blocked', detail: 'ok:0 这里还没有内容, and profile/info did not confirm it' };
    if ('missing' in info) return { kind: 'missing', reason: info.missing, detail: `ok:0 这里还没有内容, confirmed: ${info.detail}` };
    if (info.profile.postCount === 0) return { kind: 'found', profile: info.profile, posts: [] };
    return undated(info.profile, { reason: 'blocked', detail: 'the post list is withheld (ok:0)' });
  };

  const observeUid = async (uid: string, signal: AbortSignal): Promise<Observation> => {
    const userAnswer = await getJson(`${M_API}?type=uid&value=${uid}`, uid, signal);
    if (userAnswer.kind === 'blocked') return userAnswer.observation;
    if (isEmptyContentAnswer(userAnswer.json)) return await confirmEmpty(uid, signal);
    const user = parseUserInfo(userAnswer.json);
    if (!user) return { kind: 'unknown', reason: 'layout-changed', detail: 'getIndex user answer not understood' };
    if (user.profile.postCount === 0) return { kind: 'found', profile: user.profile, posts: [] };
    const list = await getJson(`${M_API}?containerid=${user.containerId ?? `107603${uid}`}`, uid, signal);
    if (list.kind === 'blocked') return undated(user.profile, list.observation);
    const posts = parsePostCards(list.json, ctx.now);
    if (!posts) return undated(user.profile, { reason: 'layout-changed', detail: 'post list not understood' });
    if (!posts.length) return { kind: 'found', profile: user.profile, posts, datesUnknown: { reason: 'no-dates', detail: `no posts listed although ${user.profile.postCount ?? 'some'} are counted` } };
    return { kind: 'found', profile: user.profile, posts };
  };

  return async (account, signal) => {
    try {
      const uid = await resolveScreenName(account.id, signal);
      if (typeof uid !== 'string') return uid;
      return resolvedAs(uid, account.id, await observeUid(uid, signal));
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const weibo = {
  id: 'weibo',
  label: { en: 'Weibo', 'zh-CN': '微博' },
  aliases: ['weibo', '微博', '新浪微博', 'sina weibo'],
  urlForms: [
    { hosts: ['weibo.com', 'www.weibo.com'], path: /^\/(?:u\/)?(?<id>\d{5,12})\/?$/ },
    { hosts: ['m.weibo.cn'], path: /^\/(?:u|profile)\/(?<id>\d{5,12})\/?$/ },
    // A screen name, resolved to a uid through weibo.com/ajax/profile/info during the scan.
    { hosts: ['weibo.com', 'www.weibo.com'], path: /^\/n\/(?<id>[^/]+)\/?$/, idPrefix: 'n/' },
    // A custom domain (weibo.com/cctvxinwen), resolved the same way with ?custom=.
    { hosts: ['weibo.com', 'www.weibo.com'], path: /^\/(?<id>[A-Za-z][\w-]{1,30})\/?$/, idPrefix: 'c/' },
  ],
  idPattern: /^(?:\d{5,12}|[nc]\/[^/\s]+)$/,
  idExample: '1669879400 or https://weibo.com/u/1669879400',
  examples: [
    { input: 'https://weibo.com/u/1669879400', id: '1669879400' },
    { input: 'https://weibo.com/1669879400?refer_flag=1001030103_', id: '1669879400', url: 'https://weibo.com/u/1669879400' },
    { input: 'https://m.weibo.cn/profile/1669879400', id: '1669879400' },
    { input: 'https://m.weibo.cn/u/1669879400?uid=1669879400&luicode=10000011', id: '1669879400' },
    { input: '1669879400', id: '1669879400' },
    { input: 'https://weibo.com/n/迪丽热巴', id: 'n/迪丽热巴', url: 'https://weibo.com/n/%E8%BF%AA%E4%B8%BD%E7%83%AD%E5%B7%B4' },
    { input: 'https://weibo.com/cctvxinwen?refer_flag=1', id: 'c/cctvxinwen', url: 'https://weibo.com/cctvxinwen' },
    { input: 'https://weibo.com/login.php', id: null },
  ],
  profileUrl: (id: string) =>
    id.startsWith('n/') ? `https://weibo.com/${id}` : id.startsWith('c/') ? `https://weibo.com/${id.slice(2)}` : `https://weibo.com/u/${id}`,
  hosts: ['m.weibo.cn', 'weibo.com', 'passport.weibo.com', 'visitor.passport.weibo.cn'],
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  rsshubRoute: (id: string) => `/weibo/user/${id}`,
  probeAccount: '1669879400',
  createObserver,
} satisfies PlatformAdapter;
// Stryker restore all

import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asCount, asText, at, observationFromFailure, parseJsonLeniently, resolvedAs } from './common.js';
import { parseCount, parseExactCount } from './counts.js';
import { parseChineseDate } from './dates.js';
import type { AnswerFacts, ListFacts, Observation, Post, Profile, Proof, Unknown, Verification, VerificationKind } from './observation.js';
import { notVerified, verificationText, verifiedAs } from './verification.js';

/*
 * Weibo (微博). Field notes: shared/platforms.md § Weibo. Anonymous requests
 * need visitor cookies, obtained over plain HTTP from passport.weibo.com and
 * renewed when Weibo answers 432 or ok:-100. `ok: 0` "这里还没有内容" is said
 * of missing accounts, under risk control, and to a visitor of an account
 * shown only to logged-in users (field-check: RSSHub weibo/user.ts), so only
 * weibo.com/ajax/profile/info saying the user does not exist makes it a
 * not-found; otherwise it is a login wall.
 */

const M_API = 'https://m.weibo.cn/api/container/getIndex';
const PROFILE_INFO = 'https://weibo.com/ajax/profile/info';
const PASSPORT = 'https://passport.weibo.com/visitor';
const BROWSER_FP = '{"os":"1","browser":"Chrome130,0,0,0","fonts":"undefined","screenInfo":"1920*1080*24","plugins":""}';

type Parsed = { kind: 'json'; json: unknown; status: number } | { kind: 'blocked'; observation: Unknown };

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
  return { kind: 'json', json, status };
}

export function isEmptyContentAnswer(json: unknown): boolean {
  return at(json, 'ok') === 0 && String(at(json, 'msg') ?? '').includes('这里还没有内容');
}

/** A uid as the answers write it: a number in `userInfo.id` and `mblog.user.id`, a string in `idstr`. */
function uidOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}

/**
 * `verified_type` of a verified user, as Weibo's open API documents it:
 * 0 a person (yellow V; the real captures' film star and science blogger),
 * 1 government, 3 media, and 2, 4–7 enterprises, schools, websites, apps and
 * organisations. Any other type of a verified user is of a kind not known.
 */
const WEIBO_KINDS: Readonly<Record<number, VerificationKind>> = { 0: 'person', 1: 'government', 2: 'organisation', 3: 'media', 4: 'organisation', 5: 'organisation', 6: 'organisation', 7: 'organisation' };

/** A Weibo user's `verified`, `verified_type` and `verified_reason` (getIndex's `userInfo`, profile/info's `user`). */
export function weiboVerification(user: unknown): Verification | undefined {
  const flag = at(user, 'verified');
  if (typeof flag !== 'boolean') return undefined;
  const type = at(user, 'verified_type');
  if (!flag) return notVerified(`verified: false (verified_type ${String(type ?? 'absent')})`);
  const kind = typeof type === 'number' ? (WEIBO_KINDS[type] ?? 'unknown') : 'unknown';
  return verifiedAs(kind, verificationText(at(user, 'verified_reason')), `verified_type ${String(type ?? 'absent')}, verified_reason`);
}

const verificationOf = (user: unknown): { verification?: Verification } => {
  const verification = weiboVerification(user);
  return verification ? { verification } : {};
};

export function parseUserInfo(json: unknown): { profile: Profile; containerId?: string; names: string[] } | undefined {
  const user = at(json, 'data', 'userInfo');
  const name = asText(at(user, 'screen_name'));
  if (at(json, 'ok') !== 1 || !name) return undefined;
  const tabs = at(json, 'data', 'tabsInfo', 'tabs');
  const weiboTab = Array.isArray(tabs) ? tabs.find((t) => at(t, 'tab_type') === 'weibo') : undefined;
  return {
    profile: { name, followers: parseCount(at(user, 'followers_count')), postCount: parseExactCount(at(user, 'statuses_count')), ...verificationOf(user) },
    containerId: asText(at(weiboTab, 'containerid')),
    names: [uidOf(at(user, 'id'))].filter((id): id is string => id !== undefined),
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
        ...verificationOf(user),
      },
    };
  }
  // Reconstructed: Weibo says so in `msg` when the user does not exist or is banned.
  const message = String(at(json, 'msg') ?? at(json, 'message') ?? '');
  if (at(json, 'ok') === 0 && /封禁|冻结/.test(message)) return { missing: 'banned', detail: message };
  if (at(json, 'ok') === 0 && /不存在/.test(message)) return { missing: 'missing', detail: message };
  return undefined;
}

export interface PostCards {
  posts: Post[];
  /** Listed posts whose `created_at` could not be read. */
  undated: number;
  /** The uids the listed posts name as their author (`mblog.user.id`). */
  names: string[];
  paging: ListFacts['paging'];
}

/** Pinned: `isTop`, a `proweibotop` card, `mblogtype` 2, or the 置顶 title Weibo shows on it. */
function isPinned(card: unknown, blog: unknown): boolean {
  const top = at(blog, 'isTop');
  return top === 1 || top === true || at(blog, 'mblogtype') === 2 || String(at(card, 'profile_type_id') ?? '').startsWith('proweibotop') || String(at(blog, 'title', 'text') ?? '').includes('置顶');
}

/**
 * The platform's word on more posts: a `since_id` cursor (or, in the 2019
 * form, the next `page` number) means more. Without one, the list is whole
 * only when `cardlistInfo.total` counts no more posts than are listed: no
 * capture shows a last page, and a cursor left out of a reply cut short is
 * not an end mark.
 */
export function listPaging(json: unknown, listed: number): ListFacts['paging'] {
  const info = at(json, 'data', 'cardlistInfo');
  const since = at(info, 'since_id');
  if ((typeof since === 'number' && since > 0) || (typeof since === 'string' && !['', '0'].includes(since))) return 'more';
  if (asCount(at(info, 'page')) !== undefined) return 'more';
  const total = asCount(at(info, 'total'));
  return total !== undefined && total <= listed ? 'end' : 'unknown';
}

export function parsePostCards(json: unknown, now: Date): PostCards | undefined {
  const cards = at(json, 'data', 'cards');
  if (at(json, 'ok') !== 1 || !Array.isArray(cards)) return undefined;
  const read: PostCards = { posts: [], undated: 0, names: [], paging: 'unknown' };
  const names = new Set<string>();
  const visit = (card: unknown) => {
    const group = at(card, 'card_group');
    if (Array.isArray(group)) group.forEach(visit);
    const blog = at(card, 'mblog');
    if (!blog) return;
    const author = uidOf(at(blog, 'user', 'id'));
    if (author) names.add(author);
    // MM-DD is this year's, one later than today left in the future for the proof rules (dates.ts).
    const date = parseChineseDate(at(blog, 'created_at'), now);
    if (!date) read.undated++;
    else read.posts.push({ id: String(at(blog, 'id') ?? ''), at: date, pinned: isPinned(card, blog) });
  };
  cards.forEach(visit);
  return { ...read, names: [...names], paging: listPaging(json, read.posts.length + read.undated) };
}

/** The JSONP answers of the passport: `window.cb && cb({...});`. */
export function parseJsonp(body: string): unknown {
  const start = body.indexOf('(');
  const end = body.lastIndexOf(')');
  return start >= 0 && end > start ? parseJsonLeniently(body.slice(start + 1, end)) : undefined;
}

function createObserver(ctx: ObserveContext): Observer {
  let visitor: Promise<void> | undefined;
  // Set once this scan took visitor cookies: from then on it reads Weibo as a visitor, not as the user's login.
  let asVisitor = false;
  const hasLogin = () => ctx.cookies.has(new URL('https://m.weibo.cn/'), 'SUB');
  /** What a "no content" means here: to a visitor, a login wall; to a logged-in user, a block. */
  const noContentReason = (): 'login-required' | 'blocked' => (asVisitor || !hasLogin() ? 'login-required' : 'blocked');

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
    asVisitor = true;
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
    if ('missing' in info) return notFound(info, parsed.status, info.detail);
    return info.uid;
  };

  /**
   * `ok: 0` "这里还没有内容": a not-found only when profile/info says the user
   * does not exist; else a login wall (some accounts are shown only to
   * logged-in users), with the profile when profile/info shows one.
   */
  const confirmEmpty = async (uid: string, signal: AbortSignal): Promise<Observation> => {
    const parsed = await getJson(`${PROFILE_INFO}?uid=${uid}`, uid, signal);
    if (parsed.kind === 'blocked') return parsed.observation;
    const info = parseProfileInfo(parsed.json);
    const reason = noContentReason();
    if (!info) return { kind: 'unknown', reason, detail: 'ok:0 这里还没有内容, and profile/info does not say the user does not exist: the account may be shown only to logged-in users' };
    if ('missing' in info) return notFound(info, parsed.status, `ok:0 这里还没有内容, confirmed: ${info.detail}`);
    const detail = `ok:0 这里还没有内容, though profile/info shows the account${info.profile.postCount === undefined ? '' : ` with ${info.profile.postCount} posts`}: it may be shown only to logged-in users`;
    return unreadList(uid, info.profile, [{ what: 'profile', requestNames: true, names: [info.uid] }], { reason, detail });
  };

  const observeUid = async (uid: string, signal: AbortSignal): Promise<Observation> => {
    const userAnswer = await getJson(`${M_API}?type=uid&value=${uid}`, uid, signal);
    if (userAnswer.kind === 'blocked') return userAnswer.observation;
    if (isEmptyContentAnswer(userAnswer.json)) return await confirmEmpty(uid, signal);
    const user = parseUserInfo(userAnswer.json);
    if (!user) return { kind: 'unknown', reason: 'layout-changed', detail: 'getIndex user answer not understood' };
    const answers: AnswerFacts[] = [{ what: 'profile', requestNames: true, names: user.names }];
    // Asked even when the profile counts no post: "never posted" needs the list itself, empty and whole (proof rule 3).
    const containerId = user.containerId ?? `107603${uid}`;
    const list = await getJson(`${M_API}?containerid=${containerId}`, uid, signal);
    if (list.kind === 'blocked') return unreadList(uid, user.profile, answers, list.observation);
    if (isEmptyContentAnswer(list.json)) return unreadList(uid, user.profile, answers, { reason: noContentReason(), detail: 'the post list shows no content (ok:0 这里还没有内容) to this reader' });
    const cards = parsePostCards(list.json, ctx.now);
    if (!cards) return unreadList(uid, user.profile, answers, { reason: 'layout-changed', detail: 'post list not understood' });
    answers.push({ what: 'posts', requestNames: containerId.includes(uid), names: cards.names });
    const proof: Proof = { subject: uid, source: 'platform', answers, list: { read: true, paging: cards.paging, undated: cards.undated } };
    return { kind: 'found', profile: user.profile, posts: cards.posts, proof };
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

/** An account whose posts could not be read, with the facts of the answers that were. */
function unreadList(uid: string, profile: Profile, answers: AnswerFacts[], why: { reason: Unknown['reason']; detail: string }): Observation {
  const proof: Proof = { subject: uid, source: 'platform', answers, list: { read: false, paging: 'unknown', undated: 0 } };
  return { kind: 'found', profile, posts: [], datesUnknown: { reason: why.reason, detail: why.detail }, proof };
}

/** profile/info's `ok: 0` with the words of a missing or banned user: a field of a JSON answer to a request that named the account. */
function notFound(info: { missing: 'missing' | 'banned'; detail: string }, httpStatus: number, detail: string): Observation {
  return { kind: 'missing', reason: info.missing, detail, statement: { httpStatus, structured: true, field: `profile/info ok:0 msg ${info.detail}`, bound: true }, source: 'platform' };
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
  idExample: {
    en: '1669879400 or https://weibo.com/u/1669879400',
    'zh-CN': '1669879400 或 https://weibo.com/u/1669879400',
  },
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

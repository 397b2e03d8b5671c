import type { HttpResponse } from '../fetch/http.js';
import type { BlockMarker, BrowserRecipe, ObserveContext, Observer, PageCapture, PlatformAdapter } from './adapter.js';
import { asText, at, missingOnPage, observationFromFailure, pagingOfFlag, parseJsonLeniently } from './common.js';
import { fromEpoch } from './dates.js';
import { inspectPage, jsonScript } from './page-state.js';
import type { ListFacts, Observation, Post, Profile, Proof, Unknown, Verification } from './observation.js';
import { notVerified, verifiedAs } from './verification.js';
import type { Source } from '../audit/status.js';

/*
 * Toutiao (今日头条 / 头条号). Field notes: shared/research/toutiao-wechat.md
 * § 1. The profile page's server-side state (`RENDER_DATA`, real 2025
 * captures) proves the account exists and names it, but carries no post, no
 * date and no total. Post dates come only from the user feed
 * (`/api/pc/list/user/feed`, `publish_time` in seconds), which the page's
 * security SDK signs (`a_bogus`): a script gets an answer that looks empty,
 * so an empty feed is never a zombie, and with no post total "never posted"
 * cannot be proved at all. The account's own list is the feed asked with
 * `category=profile_all` and its token; the page asks the same paths for its
 * recommendations (`category=pc_profile_recommend`, other accounts' fresh
 * articles), which are never this account's (field-check-2026-12.md).
 */

const WEB = 'https://www.toutiao.com';

const unknown = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });

/** The profile page's address: the token form, or the older numeric one. */
const pageUrl = (id: string) => (/^\d+$/.test(id) ? `${WEB}/c/user/${id}/` : `${WEB}/c/user/token/${id}/`);

/** Anti-bot answers before any parser: statuses, empty bodies, the verification page. */
export function detectToutiaoBlock(response: HttpResponse): Unknown | undefined {
  const { status, body } = response;
  if (status === 429) return unknown('rate-limited', 'HTTP 429');
  if (status >= 500) return unknown('network-error', `HTTP ${status}`);
  if (status >= 300 && status < 400) {
    return /login|passport|sso/.test(String(response.headers.location ?? '')) ? unknown('login-required', 'redirected to a login page') : unknown('blocked', `HTTP ${status} redirect`);
  }
  if (status >= 400) return unknown('blocked', `HTTP ${status}`);
  if (!body.trim() || body.trim() === 'blocked') return unknown('blocked', 'empty answer (the answer Toutiao gives a bot)');
  if (/^\s*</.test(body) && /验证/.test(inspectPage(body).title)) return unknown('captcha', 'verification page (验证)');
  return undefined;
}

/** The account a profile page shows: its name, and the token its state names it by (`userId`). */
export interface ToutiaoProfile {
  kind: 'profile';
  profile: Profile;
  userId?: string;
}

/** `RENDER_DATA.data.profileUserInfo` (real capture): the account, or a ban Toutiao states. */
export function parseToutiaoProfile(html: string): ToutiaoProfile | Observation {
  const info = at(jsonScript(html, 'RENDER_DATA'), 'data', 'profileUserInfo');
  const name = asText(at(info, 'name')) ?? asText(at(info, 'screenName'));
  if (!info || !name) return unknown('layout-changed', 'no RENDER_DATA.data.profileUserInfo in the profile page');
  if (at(info, 'banStatus') === true) return { kind: 'missing', reason: 'banned', detail: 'profileUserInfo.banStatus: true' };
  // No follower or post totals server-side: the page's 粉丝 buttons read 0 until its script fills them.
  const userId = idText(at(info, 'userId'));
  const verification = toutiaoVerification(info);
  return { kind: 'profile', profile: { name, ...(verification ? { verification } : {}) }, ...(userId ? { userId } : {}) };
}

/**
 * `profileUserInfo.userVerified` (real 2025 capture: `false`): whether Toutiao
 * verified the account. The state gives neither the kind nor the words.
 */
export function toutiaoVerification(info: unknown): Verification | undefined {
  const flag = at(info, 'userVerified');
  if (typeof flag !== 'boolean') return undefined;
  return flag ? verifiedAs('unknown', undefined, 'profileUserInfo.userVerified: true') : notVerified('profileUserInfo.userVerified: false');
}

const idText = (value: unknown): string | undefined => (typeof value === 'number' ? String(value) : asText(value));

/** What one user-feed answer held, as Toutiao gave it. */
export interface ToutiaoFeed {
  posts: Post[];
  /** Items whose `publish_time` could not be read: counted, never dropped. */
  undated: number;
  /** `has_more`: true → more, false → end, absent → unknown. */
  paging: ListFacts['paging'];
  /** Tokens the items name as their author (`media_url: /c/user/token/<token>/`, real 2020 capture). */
  tokens: string[];
  /** Numeric author ids (`user_info.user_id`, `user.user_id`, `user.info.user_id`, RSSHub's types). */
  userIds: string[];
}

/** The author of one item, in both forms Toutiao names one. */
function authorOf(item: unknown): { token?: string; userId?: string } {
  const token = /\/c\/user\/token\/([^/?#]+)/.exec(asText(at(item, 'media_url')) ?? '')?.[1];
  const userId = idText(at(item, 'user_info', 'user_id')) ?? idText(at(item, 'user', 'user_id')) ?? idText(at(item, 'user', 'info', 'user_id'));
  return { ...(token ? { token: decodeURIComponent(token) } : {}), ...(userId ? { userId } : {}) };
}

/**
 * The user feed `{message, data[], has_more, next}` (shape from RSSHub's
 * parser; no real capture of it exists): `publish_time` in seconds, pinned
 * items marked `is_stick` / `is_top`, cell type 48 an empty placeholder.
 * `undefined` when the answer is not a successful feed, or when no item
 * carries `publish_time` (the field moved: the real 2020 home feed has only a
 * ranking time); a verification answer carries a `decision` key.
 */
export function parseToutiaoFeed(json: unknown): ToutiaoFeed | Unknown | undefined {
  if (at(json, 'message') !== 'success') {
    return at(json, 'decision') !== undefined ? unknown('captcha', `feed answer asks for verification (message: ${String(at(json, 'message') ?? '?')})`) : undefined;
  }
  const items = at(json, 'data');
  if (!Array.isArray(items)) return undefined;
  const feed: ToutiaoFeed = { posts: [], undated: 0, paging: pagingOfFlag(at(json, 'has_more')), tokens: [], userIds: [] };
  for (const item of items) {
    if (at(item, 'cell_type') === 48) continue;
    const { token, userId } = authorOf(item);
    if (token && !feed.tokens.includes(token)) feed.tokens.push(token);
    if (userId && !feed.userIds.includes(userId)) feed.userIds.push(userId);
    const date = fromEpoch(at(item, 'publish_time'));
    if (!date) feed.undated++;
    else feed.posts.push({ id: String(at(item, 'group_id') ?? at(item, 'item_id') ?? at(item, 'id') ?? ''), at: date, pinned: at(item, 'is_stick') === true || at(item, 'is_top') === true || at(item, 'is_top') === 1 });
  }
  return feed.undated && !feed.posts.length ? undefined : feed;
}


/**
 * Whether a feed request asked for this account's own list: the whole
 * profile list (`category=profile_all`) by its token. The page also asks the
 * same paths for its recommendations (`category=pc_profile_recommend`):
 * other accounts' fresh articles, never this account's.
 */
export function asksOwnFeed(url: string, token: string | undefined): boolean {
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return false;
  }
  return query.get('category') === 'profile_all' && (token === undefined ? Boolean(query.get('token')) : query.get('token') === token);
}

/**
 * The ids the feed names in the subject's form. Tokens always. Numeric
 * author ids only where they can be compared: the subject is numeric, or
 * they are several (a list by several authors is not one account's).
 */
export function feedNames(feed: ToutiaoFeed, subject: string): string[] {
  const numeric = /^\d+$/.test(subject) || feed.userIds.length > 1 ? feed.userIds : [];
  return [...feed.tokens, ...numeric];
}

/** The facts of the profile answer: asked by the account's id, naming the token its state gives. */
function profileProof(id: string, page: ToutiaoProfile, source: Source): Proof {
  // The older numeric address answers with the account's token: the answers name it by that.
  const subject = /^\d+$/.test(id) && page.userId ? page.userId : id;
  return { subject, source, answers: [{ what: 'profile', requestNames: true, names: page.userId ? [page.userId] : [] }] };
}

/** The account found, its post dates unread (why), the list asked for or not. */
function undatedFound(profile: Profile, proof: Proof, why: { reason: Unknown['reason']; detail: string }, asked: boolean): Observation {
  const list: ListFacts | undefined = asked ? { read: false, paging: 'unknown', undated: 0 } : undefined;
  return { kind: 'found', profile, posts: [], datesUnknown: { reason: why.reason, detail: why.detail }, proof: { ...proof, ...(list ? { list } : {}) } };
}

/**
 * A profile and what its feed said: dated posts give the verdict; an empty
 * feed, or none, keeps the account but never proves silence (Toutiao's
 * blocked answers look empty, and it shows no post total).
 */
export function withFeed(profile: Profile, proof: Proof, feed: ToutiaoFeed | Unknown, feedUrl = ''): Observation {
  if ('kind' in feed) return undatedFound(profile, proof, feed, true);
  if (!feed.posts.length && !feed.undated) {
    return undatedFound(profile, proof, { reason: 'no-dates', detail: 'the feed listed no posts; Toutiao gives a script an empty feed, so this proves nothing' }, true);
  }
  const answer = { what: 'feed', requestNames: asksOwnFeed(feedUrl, proof.subject), names: feedNames(feed, proof.subject) };
  return { kind: 'found', profile, posts: feed.posts, proof: { ...proof, answers: [...proof.answers, answer], list: { read: true, paging: feed.paging, undated: feed.undated } } };
}

/** A ban the page state states, in a successful answer to the account's own address. */
function banned(observation: Extract<Observation, { kind: 'missing' }>, status: number, source: Source): Observation {
  return { ...observation, statement: { httpStatus: status, structured: true, field: 'RENDER_DATA profileUserInfo.banStatus: true', bound: true }, source };
}

/** What the profile page received in a browser: its document for the account, its feed for the dates. */
export function readToutiaoPage(captured: PageCapture, id: string): Observation {
  if (captured.block) return { kind: 'unknown', ...captured.block };
  if (!captured.document) return { kind: 'unknown', ...(captured.unfinished ?? { reason: 'timeout', detail: 'the profile page did not load' }) };
  const block = detectToutiaoBlock(captured.document);
  if (block) return block;
  const page = parseToutiaoProfile(captured.document.body);
  if (page.kind === 'missing') return banned(page, captured.document.status, 'browser');
  if (page.kind !== 'profile') return page;
  const proof = profileProof(id, page, 'browser');
  const feed = captured.answers.feed;
  if (!feed) return withFeed(page.profile, proof, missingOnPage(captured, 'feed'));
  const read = detectToutiaoBlock(feed) ?? parseToutiaoFeed(parseJsonLeniently(feed.body)) ?? unknown('layout-changed', 'feed answer not understood');
  return withFeed(page.profile, proof, read, feed.url);
}

// Stryker disable all: what the page shows instead of the account is matched in Chromium (test/e2e/browser.test.ts), too slow to run once per mutant
const BLOCKS: readonly BlockMarker[] = [
  { title: /验证/, reason: 'captcha', detail: 'verification page (验证)' },
  { selector: '#captcha_container, .captcha_verify_container, #TTGCaptcha', reason: 'captcha', detail: 'captcha on the profile page' },
  { url: /passport|\/login/, reason: 'login-required', detail: 'redirected to a login page' },
];
// Stryker restore all

/** The profile page in a browser: its security SDK signs the feed request; we read the feed it receives. */
// Stryker disable all: the browser recipe runs only in Chromium (test/e2e/browser.test.ts in npm test), too slow to run once per mutant; its answers are read by pure functions mutated above
const browser: BrowserRecipe = {
  // The page's security SDK, captcha and scripts (real capture), and the visitor-cookie service.
  pageHosts: ['.bytescm.com', '.bytetos.com', '.bytegoofy.com', '.toutiaostatic.com', 'ttwid.bytedance.com'],
  async observe(account, tools, signal) {
    const captured = await tools.visit(
      {
        url: pageUrl(account.id),
        // The page asks the same paths for its recommendations: only the account's own list will do.
        answers: [{ name: 'feed', paths: ['/api/pc/list/user/feed', '/api/pc/list/feed'], about: (answer) => asksOwnFeed(answer.url, /^\d+$/.test(account.id) ? undefined : account.id) }],
        blocks: BLOCKS,
        // A page whose state names no account, or a banned one, asks for no feed.
        enough: (c) => Boolean(c.document) && parseToutiaoProfile(c.document!.body).kind !== 'profile',
        scroll: true,
      },
      signal,
    );
    return readToutiaoPage(captured, account.id);
  },
};
// Stryker restore all

/** Over HTTP: the page proves existence; the feed is signed, so the dates need the browser or RSSHub. */
function createObserver(ctx: ObserveContext): Observer {
  return async (account, signal) => {
    try {
      const response = await ctx.http.fetch({ url: pageUrl(account.id), headers: { referer: `${WEB}/` } }, signal);
      const block = detectToutiaoBlock(response);
      if (block) return block;
      const page = parseToutiaoProfile(response.body);
      if (page.kind === 'missing') return banned(page, response.status, 'platform');
      if (page.kind !== 'profile') return page;
      const signed = { reason: 'no-dates' as const, detail: 'post dates unavailable: the feed is signed by the page (use --browser or --rsshub)' };
      return undatedFound(page.profile, profileProof(account.id, page, 'platform'), signed, false);
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const toutiao = {
  id: 'toutiao',
  label: { en: 'Toutiao', 'zh-CN': '今日头条' },
  aliases: ['toutiao', '今日头条', '头条', '头条号', '今日头条号', 'jinritoutiao'],
  urlForms: [
    { hosts: ['www.toutiao.com', 'toutiao.com'], path: /^\/c\/user\/token\/(?<id>[\w%=-]+)\/?$/ },
    { hosts: ['www.toutiao.com', 'toutiao.com'], path: /^\/c\/user\/(?<id>\d{5,20})\/?$/ },
  ],
  idPattern: /^(?:MS4wLjABAAAA[\w-]+|Ciy[\w-]+=*|\d{5,20})$/,
  idExample: {
    en: 'MS4wLjABAAAA… or Ciy…= (the token in https://www.toutiao.com/c/user/token/<token>/)',
    'zh-CN': 'MS4wLjABAAAA… 或 Ciy…=（即主页链接 https://www.toutiao.com/c/user/token/Ciy…=/ 中的末段）',
  },
  examples: [
    {
      input: 'https://www.toutiao.com/c/user/token/MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE/?source=feed',
      id: 'MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE',
      url: 'https://www.toutiao.com/c/user/token/MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE/',
    },
    {
      input: 'https://www.toutiao.com/c/user/token/CiyRLPHkUyTCD9FmHodOGQVcmZh5-NRKyfiTSF0XMms-tSja0FdhrUWRp-T-DBpJCjwAAAAAAAAAAAAAT8lExjCbDHcWTgszQQjqU0Ohh9qtuXbuEOe6CQdqJEZ7yIpoM-NJ93_Sty1iMpOe_FUQ9ZmDDhjDxYPqBCIBA9GPpzc%3D/',
      id: 'CiyRLPHkUyTCD9FmHodOGQVcmZh5-NRKyfiTSF0XMms-tSja0FdhrUWRp-T-DBpJCjwAAAAAAAAAAAAAT8lExjCbDHcWTgszQQjqU0Ohh9qtuXbuEOe6CQdqJEZ7yIpoM-NJ93_Sty1iMpOe_FUQ9ZmDDhjDxYPqBCIBA9GPpzc=',
    },
    { input: 'https://www.toutiao.com/c/user/4492956276/#mid=4492956276', id: '4492956276', url: 'https://www.toutiao.com/c/user/4492956276/' },
    { input: 'MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE', id: 'MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE' },
    { input: '央视新闻', id: null },
    { input: 'https://www.toutiao.com/article/7212/', id: null },
  ],
  profileUrl: pageUrl,
  hosts: ['www.toutiao.com'],
  capabilities: ['exists', 'name', 'dates'],
  // The page answers anonymously; what it withholds (the dates) no cookie brings: the browser route does.
  needsCookies: false,
  rsshubRoute: (id: string) => (/^\d+$/.test(id) ? '' : `/toutiao/user/token/${id}`),
  probeAccount: 'MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE',
  createObserver,
  browser,
} satisfies PlatformAdapter;
// Stryker restore all

import type { HttpClient, HttpResponse } from '../fetch/http.js';
import type { CookieJar } from '../fetch/cookies.js';
import type { NotFoundReason, Source } from '../audit/status.js';
import type { BlockMarker, BrowserRecipe, BrowserTools, CapturedAnswer, ObserveContext, Observer, PageCapture, PlatformAdapter } from './adapter.js';
import { asText, at, missingOnPage, observationFromFailure, pagingOfFlag, parseJsonLeniently, resolvedAs } from './common.js';
import { parseCount, parseExactCount } from './counts.js';
import { dateFromAwemeId, fromEpoch } from './dates.js';
import { inspectPage, jsonScript } from './page-state.js';
import type { AnswerFacts, ListFacts, Observation, Post, Profile, Unknown, Verification } from './observation.js';
import { notVerified, verificationText, verifiedAs } from './verification.js';

/*
 * Douyin (抖音). Field notes: shared/platforms.md § Douyin and
 * shared/research/field-check-2026-12.md § Douyin. The JSON APIs are the
 * primary source, the server-rendered page a fallback; both answer a bot with
 * empty bodies or a captcha unless given a browser's cookies. The adapter
 * reports what the answers say and whom they name (the sec_uid); the proof
 * rules (src/audit/proof.ts) decide. Empty is not zero: a count of 0 alone
 * proves nothing, the list with its end mark is needed too.
 */

const WEB = 'https://www.douyin.com';
const API_PARAMS = 'device_platform=webapp&aid=6383&channel=channel_pc_web&pc_client_type=1';
const PROFILE_PATH = '/aweme/v1/web/user/profile/other/';
const POST_PATH = '/aweme/v1/web/aweme/post/';
/** The cookies a Douyin login sets (MediaCrawler issue #895): without one, the list may leave out the newest works. */
const LOGIN_COOKIES = ['sessionid', 'sessionid_ss'] as const;

const unknown = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });

/** Anti-bot answers look like an empty account; they are caught here, before any parser. */
export function detectDouyinBlock(response: Pick<HttpResponse, 'status' | 'body' | 'headers'>): Unknown | undefined {
  const { status, body } = response;
  if (status === 429) return unknown('rate-limited', 'HTTP 429');
  if (status >= 500) return unknown('network-error', `HTTP ${status}`);
  if (status >= 300 && status < 400) {
    const location = String(response.headers.location ?? '');
    return /login|passport|sso/.test(location) ? unknown('login-required', 'redirected to a login page') : unknown('blocked', `HTTP ${status} redirect`);
  }
  if (status >= 400) return unknown('blocked', `HTTP ${status}`);
  if (!body.trim()) return unknown('blocked', 'empty 200 body (the answer Douyin gives a bot)');
  // MediaCrawler's client treats this literal body as "account blocked" (field-check 2026-12).
  if (body.trim() === 'blocked') return unknown('blocked', 'the answer says "blocked"');
  if (/^\s*</.test(body)) {
    const page = /"type"\s*:\s*"verify"/.test(body) ? undefined : inspectPage(body);
    if (!page || page.title.includes('验证') || page.has('#captcha_container')) return unknown('captcha', 'captcha page (验证码中间页)');
    if (/"isSpider"\s*:\s*true|isSpider%22%3Atrue/.test(body)) return unknown('blocked', 'page state says isSpider');
  }
  return undefined;
}

/** The sec_uids a value names: none when it is not a non-empty string. */
const named = (...values: unknown[]): string[] => [...new Set(values.map(asText).filter((v): v is string => v !== undefined))];

/** What the profile answer says: the account, or a structured statement that it is gone, or fields that disagree. */
export type ProfileRead =
  | { kind: 'profile'; profile: Profile; names: string[] }
  | { kind: 'gone'; reason: NotFoundReason; field: string; names: string[] }
  | { kind: 'unclear'; detail: string; profile: Profile };

/** `/aweme/v1/web/user/profile/other/` → the profile (named by `user.sec_uid`), or Douyin's statement that it is gone. */
export function parseProfileAnswer(json: unknown): ProfileRead | undefined {
  const user = at(json, 'user');
  const names = named(at(user, 'sec_uid'));
  const statusCode = at(json, 'status_code');
  const profile = (): Profile => {
    const verification = douyinVerification(user);
    return {
      name: asText(at(user, 'nickname')),
      followers: parseCount(at(user, 'follower_count')),
      postCount: parseExactCount(at(user, 'aweme_count')),
      ...(verification ? { verification } : {}),
    };
  };
  if (statusCode === 0 && user && typeof user === 'object') {
    const gone = goneField(user);
    if (gone && 'reason' in gone) return { kind: 'gone', ...gone, names };
    if (gone) return { kind: 'unclear', detail: gone.detail, profile: profile() };
  }
  const message = String(at(json, 'status_msg') ?? '');
  // Reconstructed: the API names a missing user in status_msg.
  if (!asText(at(user, 'nickname')) && /不存在|注销/.test(message)) {
    return { kind: 'gone', reason: /注销/.test(message) ? 'cancelled' : 'missing', field: `status_msg: ${message}`, names };
  }
  if (statusCode !== 0 || !asText(at(user, 'nickname'))) return undefined;
  return { kind: 'profile', profile: profile(), names };
}

/**
 * Douyin's verification of a `user` (the web profile, the app's user info;
 * real captures of 2020 and 2023): `is_gov_media_vip` marks a 政务 or media
 * account (one flag for both: called `government` here), a non-empty
 * `enterprise_verify_reason` an organisation's (blue V) verification, and
 * `custom_verify` the words shown under the name, whose kind Douyin does not
 * say. Both texts empty: not verified. Neither text field in the answer:
 * nothing read.
 */
export function douyinVerification(user: unknown): Verification | undefined {
  const custom = at(user, 'custom_verify');
  const enterprise = at(user, 'enterprise_verify_reason');
  const customText = verificationText(custom);
  const enterpriseText = verificationText(enterprise);
  if (at(user, 'is_gov_media_vip') === true) return verifiedAs('government', enterpriseText ?? customText, 'user.is_gov_media_vip: true');
  if (typeof custom !== 'string' && typeof enterprise !== 'string') return undefined;
  if (enterpriseText) return verifiedAs('organisation', enterpriseText, 'user.enterprise_verify_reason');
  if (customText) return verifiedAs('unknown', customText, 'user.custom_verify');
  return notVerified('user.custom_verify and user.enterprise_verify_reason empty');
}

/**
 * A cancelled account answers as an ordinary profile, with no works
 * (KK push.ts): both fields together say it is gone; one without the other
 * is no statement, and the profile is not read as "0 works" either.
 */
function goneField(user: unknown): { reason: NotFoundReason; field: string } | { detail: string } | undefined {
  const special = at(user, 'special_state_info', 'special_state');
  const deleted = at(user, 'user_deleted');
  if (special === 1 && deleted === true) return { reason: 'cancelled', field: 'user.special_state_info.special_state: 1 with user.user_deleted: true' };
  if (at(user, 'is_ban') === true) return { reason: 'banned', field: 'user.is_ban: true' };
  if (deleted === true || (special !== undefined && special !== 0 && special !== null)) {
    return { detail: `the profile marks the account as gone in one field only (special_state: ${String(special)}, user_deleted: ${String(deleted)})` };
  }
  return undefined;
}

/** What a post list says: its posts, those it lists without a date, whether more follow, whose posts they are. */
export interface PostsRead {
  posts: Post[];
  undated: number;
  paging: ListFacts['paging'];
  /** The `author.sec_uid` of the listed posts. */
  names: string[];
}

/** `has_more` as Douyin writes it (1/0 or true/false); `max_cursor` comes on every page, so it is no end mark. */
function pagingOf(hasMore: unknown): ListFacts['paging'] {
  return pagingOfFlag(hasMore === 1 ? true : hasMore === 0 ? false : hasMore);
}

/** `/aweme/v1/web/aweme/post/` → the posts; pinned ones (`is_top`) come first and may be years old. */
export function parsePostAnswer(json: unknown): PostsRead | Unknown | undefined {
  if (at(json, 'status_code') !== 0) return undefined;
  const list = at(json, 'aweme_list');
  // TD account.py: a success without the list is what a visitor who is not logged in gets.
  if (list === undefined || list === null) return unknown('login-required', 'status_code 0 without aweme_list: the answer Douyin gives a visitor without a login');
  if (!Array.isArray(list)) return undefined;
  const read = readItems(list.map((item) => ({ id: at(item, 'aweme_id'), time: at(item, 'create_time'), top: at(item, 'is_top'), author: at(item, 'author', 'sec_uid') })));
  return { ...read, paging: pagingOf(at(json, 'has_more')) };
}

/** The listed items, each dated if it can be; one that cannot is counted, never dropped. */
function readItems(items: { id: unknown; time: unknown; top: unknown; author: unknown }[]): Omit<PostsRead, 'paging'> {
  const posts: Post[] = [];
  let undatedCount = 0;
  for (const item of items) {
    const id = typeof item.id === 'number' ? String(item.id) : (asText(item.id) ?? '');
    const post = datedPost(id, item.time, item.top === 1 || item.top === true);
    if (post) posts.push(post);
    else undatedCount++;
  }
  return { posts, undated: undatedCount, names: named(...items.map((item) => item.author)) };
}

/** The profile page's RENDER_DATA: the top-level key whose value has both `user` and `post` (unconfirmed: no real capture). */
export function parseRenderData(html: string): { profile: Profile; names: string[]; posts: PostsRead } | undefined {
  const state = jsonScript(html, 'RENDER_DATA');
  if (!state || typeof state !== 'object') return undefined;
  const holder = Object.values(state).find((v) => at(v, 'user') && at(v, 'post'));
  const user = at(holder, 'user', 'user');
  const name = asText(at(user, 'nickname'));
  const items = at(holder, 'post', 'data');
  if (!name || !Array.isArray(items)) return undefined;
  const read = readItems(items.map((item) => ({ id: at(item, 'awemeId'), time: at(item, 'createTime'), top: at(item, 'isTop'), author: at(item, 'authorInfo', 'secUid') })));
  return {
    profile: { name, followers: parseCount(at(user, 'followerCount')), postCount: parseExactCount(at(user, 'awemeCount')) },
    names: named(at(user, 'secUid')),
    // The state's own paging flag, if it gives one (camelCase like the rest); else the list's end is unknown.
    posts: { ...read, paging: pagingOf(at(holder, 'post', 'hasMore')) },
  };
}

/**
 * A post dated by its `create_time`, or else by its id (aweme_id >> 32 is the
 * creation time). When both give a date, the id's is kept beside it: the
 * rules check they agree.
 */
function datedPost(id: string, createTime: unknown, pinned: boolean): Post | undefined {
  const stated = fromEpoch(createTime);
  const fromId = dateFromAwemeId(id);
  if (stated) return { id, at: stated, pinned, ...(fromId ? { idDate: fromId } : {}) };
  return fromId ? { id, at: fromId, pinned, dateFromId: true } : undefined;
}

/** How one route reads an account: for whom, where from, and whether with a login. */
export interface DouyinReading {
  /** The sec_uid asked for. */
  subject: string;
  source: Extract<Source, 'platform' | 'browser'>;
  /** A Douyin login was in use: without one the list may leave out the newest works. */
  loggedIn: boolean;
}

/** An answer received, and whether our request named the account (its `sec_user_id`). */
export interface Received {
  response: Pick<HttpResponse, 'status' | 'body' | 'headers'>;
  requestNames: boolean;
}

/** A profile in hand, with the facts of the answer that gave it. */
export interface HeldProfile {
  kind: 'held';
  profile: Profile;
  facts: AnswerFacts;
}

/** The profile answer: the profile in hand, or what Douyin said instead (a block, a statement that it is gone). */
export function readProfile(reading: DouyinReading, received: Received): HeldProfile | Observation {
  const block = detectDouyinBlock(received.response);
  if (block) return block;
  const parsed = parseProfileAnswer(parseJsonLeniently(received.response.body));
  if (!parsed) return unknown('layout-changed', 'profile answer not understood');
  if (parsed.kind === 'unclear') return { ...unknown('contradictory', parsed.detail), profile: parsed.profile };
  if (parsed.kind === 'gone') {
    const { subject } = reading;
    const bound = (received.requestNames || parsed.names.includes(subject)) && parsed.names.every((id) => id === subject);
    return {
      kind: 'missing',
      reason: parsed.reason,
      detail: parsed.field,
      statement: { httpStatus: received.response.status, structured: true, field: parsed.field, bound },
      source: reading.source,
    };
  }
  return { kind: 'held', profile: parsed.profile, facts: { what: 'profile', requestNames: received.requestNames, names: parsed.names } };
}

/** The post list as read, or why it could not be. */
export type ListRead = { posts: PostsRead; facts: AnswerFacts } | { why: { reason: Unknown['reason']; detail: string } };

/** The post answer: the list, or why it was not read (a block, a login wall, an answer not understood). */
export function readPosts(received: Received): ListRead {
  const block = detectDouyinBlock(received.response);
  if (block) return { why: block };
  const parsed = parsePostAnswer(parseJsonLeniently(received.response.body));
  if (!parsed) return { why: { reason: 'layout-changed', detail: 'post list answer not understood' } };
  if ('kind' in parsed) return { why: parsed };
  return { posts: parsed, facts: { what: 'posts', requestNames: received.requestNames, names: parsed.names } };
}

/** Why a list read without a login may not reach the newest works, and how each route reads it whole. */
function omission(source: DouyinReading['source']): string {
  const remedy = source === 'browser' ? 'run `gov-audit login douyin` to read it whole' : 'give the cookies of a logged-in browser (--cookies, with sessionid) to read it whole';
  return `read without a Douyin login, the post list may leave out the newest works (seen 2025–26): it proves activity, not silence; ${remedy}`;
}

/**
 * The observation of an account whose profile is in hand: its posts and the
 * facts behind them. A list not read keeps its reason; a list read without a
 * login may lack the newest works (field-check 2026-12: TD #696/#723/#734,
 * RSSHub #20276–#20278).
 */
export function combineDouyin(reading: DouyinReading, held: HeldProfile, list: ListRead): Observation {
  const { subject, source } = reading;
  if ('why' in list) {
    const unread: ListFacts = { read: false, paging: 'unknown', undated: 0 };
    const datesUnknown = { reason: list.why.reason, detail: list.why.detail };
    return { kind: 'found', profile: held.profile, posts: [], datesUnknown, proof: { subject, source, answers: [held.facts], list: unread } };
  }
  const { posts, undated: undatedCount, paging } = list.posts;
  const facts: ListFacts = { read: true, paging, undated: undatedCount, ...(reading.loggedIn ? {} : { mayOmitNewest: omission(source) }) };
  const datesFrom = posts.some((p) => p.dateFromId) ? 'some dates read from the post ids (aweme_id >> 32 is the creation time)' : undefined;
  return {
    kind: 'found',
    profile: held.profile,
    posts,
    ...(datesFrom ? { datesFrom } : {}),
    proof: { subject, source, answers: [held.facts, list.facts], list: facts },
  };
}

const isHeld = (value: HeldProfile | Observation): value is HeldProfile => value.kind === 'held';

/** Whether a request's address names the account: `sec_user_id=` as the page and we send it. */
export function requestNamesAccount(answer: Pick<CapturedAnswer, 'url' | 'requestBody'>, secUid: string): boolean {
  try {
    if (new URL(answer.url).searchParams.get('sec_user_id') === secUid) return true;
  } catch {
    // Not an address: the body may still name it.
  }
  return Boolean(answer.requestBody && new URLSearchParams(answer.requestBody).get('sec_user_id') === secUid);
}

/** The profile answer the page received is about the account: asked by its sec_uid, or naming it as `user.sec_uid`. */
export function profileIsAbout(answer: CapturedAnswer, secUid: string): boolean {
  return requestNamesAccount(answer, secUid) || named(at(parseJsonLeniently(answer.body), 'user', 'sec_uid')).includes(secUid);
}

/** The post list the page received is about the account: asked by its sec_uid, or its posts' `author.sec_uid` is it. */
export function postsAreAbout(answer: CapturedAnswer, secUid: string): boolean {
  if (requestNamesAccount(answer, secUid)) return true;
  const list = at(parseJsonLeniently(answer.body), 'aweme_list');
  return Array.isArray(list) && named(...list.map((item) => at(item, 'author', 'sec_uid'))).includes(secUid);
}

/** Logged in over HTTP: the cookie jar holds Douyin's login cookie, with a value (a logout empties it), for douyin.com. */
export function loggedInJar(cookies: CookieJar): boolean {
  const pairs = (cookies.header(new URL(`${WEB}/`)) ?? '').split('; ');
  return LOGIN_COOKIES.some((name) => pairs.some((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1));
}


/** v.douyin.com/<code>: the 302's Location names the sec_uid; it is read, never followed. */
async function resolveShortLink(http: HttpClient, id: string, signal: AbortSignal): Promise<string | Unknown> {
  if (!id.startsWith('v/')) return id;
  const response = await http.fetch({ url: `https://v.douyin.com/${id.slice(2)}/`, headers: { referer: `${WEB}/` }, followRedirects: false }, signal);
  const location = douyinLocation(String(response.headers.location ?? ''));
  const secUid = location && (location.searchParams.get('sec_uid') ?? /^\/(?:user|share\/user)\/(MS4wLjABAAAA[\w-]+)/.exec(location.pathname)?.[1]);
  return secUid && /^MS4wLjABAAAA[\w-]+$/.test(secUid) ? secUid : unknown('layout-changed', `short link did not redirect to a Douyin profile (HTTP ${response.status})`);
}

/** A short link's redirect, read only when it leads to one of Douyin's own hosts (issue #30: never another host's word). */
export function douyinLocation(location: string): URL | undefined {
  if (!location) return undefined;
  try {
    const url = new URL(location, 'https://v.douyin.com/');
    return url.protocol === 'https:' && /(^|\.)(douyin\.com|iesdouyin\.com)$/.test(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** What the profile page shows instead of the account. */
// Stryker disable all: what the page shows instead of the account is matched in Chromium (test/e2e/browser.test.ts), too slow to run once per mutant
const BLOCKS: readonly BlockMarker[] = [
  { title: /验证码中间页/, reason: 'captcha', detail: 'captcha page (验证码中间页)' },
  { selector: '#captcha_container', reason: 'captcha', detail: 'captcha (#captcha_container)' },
  { selector: '#captcha-verify-image', reason: 'captcha', detail: 'slider captcha (#captcha-verify-image)' },
  { selector: '#verify-bar-box', reason: 'captcha', detail: 'captcha (#verify-bar-box)' },
  { url: /sso\.douyin\.com|passport|\/login/, reason: 'login-required', detail: 'redirected to a login page' },
];
// Stryker restore all

// Stryker disable all: when a page may stop waiting, used only in Chromium; stopping too early leaves the posts unread, which is unverified, never a verdict
/**
 * The profile says enough on its own only when the page will show no list:
 * the account is gone, or the answer is a block. A count of 0 is no such
 * case: "never posted" needs the list and its end mark too.
 */
function profileSettles(captured: PageCapture): boolean {
  const answer = captured.answers.profile;
  if (!answer) return false;
  if (detectDouyinBlock(answer)) return true;
  const profile = parseProfileAnswer(parseJsonLeniently(answer.body));
  return !profile || profile.kind !== 'profile';
}
// Stryker restore all

/**
 * What the profile page received, read by the same parsers as the HTTP
 * route. A block the page showed wins over anything it received. The answers
 * kept are about the account (the recipe's `about`); each says whether its
 * request named it.
 */
export function readDouyinPage(captured: PageCapture, subject: string, loggedIn: boolean): Observation {
  if (captured.block) return { kind: 'unknown', ...captured.block };
  const document = captured.document && detectDouyinBlock(captured.document);
  if (document) return document;
  const profileAnswer = captured.answers.profile;
  if (!profileAnswer) return missingOnPage(captured, 'profile answer');
  const reading: DouyinReading = { subject, source: 'browser', loggedIn };
  const held = readProfile(reading, { response: profileAnswer, requestNames: requestNamesAccount(profileAnswer, subject) });
  if (!isHeld(held)) return held;
  const posts = captured.answers.posts;
  if (!posts) return combineDouyin(reading, held, { why: missingOnPage(captured, 'post list') });
  return combineDouyin(reading, held, readPosts({ response: posts, requestNames: requestNamesAccount(posts, subject) }));
}

/** The profile page in a browser: it signs its own API requests; we read the answers it receives. */
// Stryker disable all: the browser recipe runs only in Chromium (test/e2e/browser.test.ts in npm test), too slow to run once per mutant; its answers are read by pure functions mutated above
const browser: BrowserRecipe = {
  // The login site, and the script and signing hosts the page loads from (best knowledge: `doctor --browser` tells when they change).
  pageHosts: ['sso.douyin.com', '.douyinstatic.com', '.bytescm.com', '.zijieapi.com', 'mssdk.bytedance.com'],
  login: { url: `${WEB}/`, cookie: 'sessionid', domain: WEB },
  async observe(account, tools, signal) {
    const secUid = await resolveShortLink(tools.http, account.id, signal);
    if (typeof secUid !== 'string') return secUid;
    const captured = await tools.visit(
      {
        url: `${WEB}/user/${secUid}`,
        // The page also loads other accounts' answers on these paths (recommended users): only this account's are kept.
        answers: [
          { name: 'profile', paths: [PROFILE_PATH], about: (answer) => profileIsAbout(answer, secUid) },
          { name: 'posts', paths: [POST_PATH], about: (answer) => postsAreAbout(answer, secUid) },
        ],
        blocks: BLOCKS,
        enough: profileSettles,
        scroll: true,
        // Whether the profile holds Douyin's login, archived with the page: an archive of an older gov-audit, which lacks it, reads as not logged in.
        loginCookies: { url: `${WEB}/`, names: LOGIN_COOKIES },
      },
      signal,
    );
    return resolvedAs(secUid, account.id, readDouyinPage(captured, secUid, captured.loggedIn === true));
  },
};
// Stryker restore all

function createObserver(ctx: ObserveContext): Observer {
  const get = (url: string, signal: AbortSignal, followRedirects = true) =>
    ctx.http.fetch({ url, headers: { referer: `${WEB}/` }, followRedirects }, signal);

  /** Our own requests name the account by its sec_uid: each answer is to it. */
  const asked = (response: HttpResponse): Received => ({ response, requestNames: true });

  // The list is asked whatever the count: a count of 0 alone proves nothing.
  const viaApi = async (reading: DouyinReading, signal: AbortSignal): Promise<Observation> => {
    const secUid = reading.subject;
    const held = readProfile(reading, asked(await get(`${WEB}${PROFILE_PATH}?sec_user_id=${secUid}&${API_PARAMS}`, signal)));
    if (!isHeld(held)) return held;
    const postResponse = await get(`${WEB}${POST_PATH}?sec_user_id=${secUid}&count=18&max_cursor=0&${API_PARAMS}`, signal);
    return combineDouyin(reading, held, readPosts(asked(postResponse)));
  };

  const viaPage = async (reading: DouyinReading, signal: AbortSignal): Promise<Observation> => {
    const response = await get(`${WEB}/user/${reading.subject}`, signal);
    const block = detectDouyinBlock(response);
    if (block) return block;
    const state = parseRenderData(response.body);
    if (!state) return unknown('layout-changed', 'no RENDER_DATA with user and posts in the profile page');
    const held: HeldProfile = { kind: 'held', profile: state.profile, facts: { what: 'page', requestNames: true, names: state.names } };
    return combineDouyin(reading, held, { posts: state.posts, facts: { what: 'page posts', requestNames: true, names: state.posts.names } });
  };

  const observeSecUid = async (secUid: string, signal: AbortSignal): Promise<Observation> => {
    const reading: DouyinReading = { subject: secUid, source: 'platform', loggedIn: loggedInJar(ctx.cookies) };
    const api = await viaApi(reading, signal);
    // The page is the fallback when the API would not tell.
    if (api.kind !== 'unknown' && !(api.kind === 'found' && api.datesUnknown)) return api;
    const page = await viaPage(reading, signal);
    // Keep what the API said unless the page knows better (a verdict, or a more telling block).
    if (page.kind !== 'unknown') return page;
    return page.reason === 'captcha' && api.kind === 'unknown' ? page : api;
  };

  return async (account, signal) => {
    try {
      const secUid = await resolveShortLink(ctx.http, account.id, signal);
      if (typeof secUid !== 'string') return secUid;
      return resolvedAs(secUid, account.id, await observeSecUid(secUid, signal));
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const douyin = {
  id: 'douyin',
  label: { en: 'Douyin', 'zh-CN': '抖音' },
  aliases: ['douyin', '抖音', 'tiktok cn', '抖音短视频'],
  urlForms: [
    { hosts: ['www.douyin.com', 'douyin.com'], path: /^\/user\/(?<id>MS4wLjABAAAA[\w-]+)\/?$/ },
    { hosts: ['v.douyin.com'], path: /^\/(?<id>[\w-]+)\/?$/, idPrefix: 'v/' },
    // The share page a phone's "share profile" gives (TD src/link/extractor.py): the sec_uid is in the path.
    { hosts: ['www.iesdouyin.com', 'iesdouyin.com'], path: /^\/share\/user\/(?<id>MS4wLjABAAAA[\w-]+)\/?$/ },
  ],
  idPattern: /^(?:MS4wLjABAAAA[\w-]+|v\/[\w-]+)$/,
  idExample: {
    en: 'MS4wLjABAAAA… (sec_uid) or https://www.douyin.com/user/MS4wLjABAAAA…',
    'zh-CN': 'MS4wLjABAAAA…（sec_uid）或 https://www.douyin.com/user/MS4wLjABAAAA…',
  },
  examples: [
    {
      input: 'https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M?from_tab_name=main&modal_id=7212',
      id: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
      url: 'https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
    },
    { input: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M', id: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M' },
    { input: 'https://v.douyin.com/iRNBho6u/', id: 'v/iRNBho6u', url: 'https://v.douyin.com/iRNBho6u/' },
    {
      input: 'https://www.iesdouyin.com/share/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M?u_code=1&sec_uid=MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
      id: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
      url: 'https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
    },
    { input: 'cctvnews', id: null },
    { input: 'https://www.douyin.com/video/7212', id: null },
  ],
  profileUrl: (id: string) => (id.startsWith('v/') ? `https://v.douyin.com/${id.slice(2)}/` : `https://www.douyin.com/user/${id}`),
  hosts: ['www.douyin.com', 'v.douyin.com'],
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  needsCookies: true,
  rsshubRoute: (id: string) => `/douyin/user/${id}`,
  rsshubMayOmitNewest: 'RSSHub reads Douyin as a visitor, and its feed has been seen to miss the newest videos (RSSHub issues #20276-#20278): it proves activity, not silence',
  probeAccount: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
  createObserver,
  browser,
} satisfies PlatformAdapter;
// Stryker restore all

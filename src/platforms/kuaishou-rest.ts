import type { HttpResponse } from '../fetch/http.js';
import { asText, at, parseJsonLeniently } from './common.js';
import { parseCount, parseExactCount } from './counts.js';
import { fromEpoch } from './dates.js';
import { assignedState, visibleText } from './page-state.js';
import type { ListFacts, Post, Profile, Unknown } from './observation.js';

/*
 * Kuaishou's answers, each shape read by a parser of its own. GraphQL
 * (`visionProfile`, `visionProfilePhotoList`) follows the real 2022 captures
 * (shared/real-answers/kuaishou). The 2026 signed REST answers are known only
 * from notes (field-check-2026-12.md; YL, MC): `POST /rest/v/profile/user`
 * `{result, userProfile: {profile, ownerCount}}`, `/rest/v/profile/get` flat
 * (`userId`, `userName`, `fans`), `POST /rest/v/profile/feed` `{result,
 * pcursor, feeds}` with items said to be GraphQL's: reconstructed, read
 * defensively.
 */

export type Parsed = { kind: 'json'; json: unknown } | { kind: 'blocked'; observation: Unknown };

/** `result` codes that mean "not telling you", as the field reads them (field-check-2026-12.md). */
const RESULT_BLOCKS: Record<number, { reason: Unknown['reason']; detail: string }> = {
  2: { reason: 'rate-limited', detail: 'result 2: too fast (操作太快了), or not logged in: Kuaishou answers both with result 2' },
  50: { reason: 'blocked', detail: 'result 50: the request was not signed (签名验证失败): Kuaishou answers only the page’s own signed requests' },
  2001: { reason: 'captcha', detail: 'result 2001: antispam captcha' },
  400002: { reason: 'captcha', detail: 'result 400002: captcha (验证码)' },
  109: { reason: 'login-required', detail: 'result 109: not logged in' },
  21: {
    reason: 'wrong-id',
    detail: 'result 21: the id is not in the form Kuaishou expects (参数格式错误): give the profile id of www.kuaishou.com/profile/<id>, not the 快手号',
  },
};

/** A GraphQL answer (`operation` names its data field) or, without one, a REST answer with `result` on top. */
export function readKuaishouAnswer(response: HttpResponse, operation?: string): Parsed {
  const blocked = (reason: Unknown['reason'], detail: string): Parsed => ({ kind: 'blocked', observation: { kind: 'unknown', reason, detail } });
  if (response.status === 429) return blocked('rate-limited', 'HTTP 429');
  if (response.status >= 400) return blocked(response.status >= 500 ? 'network-error' : 'blocked', `HTTP ${response.status}`);
  if (!response.body.trim()) return blocked('blocked', 'empty 200 body');
  if (response.body.includes('请进行安全验证')) return blocked('captcha', '请进行安全验证');
  const json = parseJsonLeniently(response.body);
  if (!json || typeof json !== 'object') return blocked('layout-changed', 'answer is not JSON');
  const errors = at(json, 'errors');
  if (Array.isArray(errors) && errors.length) return blocked('blocked', `GraphQL errors: ${String(at(errors, 0, 'message') ?? '')}`.trim());
  const result = operation ? at(json, 'data', operation, 'result') : at(json, 'result');
  const block = typeof result === 'number' ? RESULT_BLOCKS[result] : undefined;
  if (block) return blocked(block.reason, block.detail);
  return { kind: 'json', json };
}

/** A profile as one answer gave it, with the account ids the answer itself names (proof rule 1). */
export interface ProfileRead {
  kind: 'profile';
  profile: Profile;
  names: string[];
}
/** Kuaishou answered but named no user: words on the page may say why; they never prove it. */
export type ProfileAnswer = ProfileRead | { kind: 'absent' };

/** An id as an answer gives it: a string, or a number written out. */
function idText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : asText(value);
}

/** The post count, only when exact; `photo` is null in the real capture, so a missing count stays undefined, never 0. */
function exactPostCount(counts: unknown): number | undefined {
  return parseExactCount(at(counts, 'photo_public')) ?? parseExactCount(at(counts, 'photo'));
}

/** `userProfile` of GraphQL and of REST `profile/user`: `ownerCount` beside `profile` (one 2026 note puts it inside: read both). */
function userProfileRead(userProfile: unknown): ProfileRead | undefined {
  const profile = at(userProfile, 'profile');
  const name = asText(at(profile, 'user_name'));
  if (!name) return undefined;
  const counts = at(userProfile, 'ownerCount') ?? at(profile, 'ownerCount');
  const id = idText(at(profile, 'user_id'));
  return { kind: 'profile', profile: { name, followers: parseCount(at(counts, 'fan')), postCount: exactPostCount(counts) }, names: id ? [id] : [] };
}

/** GraphQL `visionProfile`. `absent` only for result 1 with `userProfile: null`. */
export function parseVisionProfile(json: unknown): ProfileAnswer | undefined {
  const vision = at(json, 'data', 'visionProfile');
  if (at(vision, 'result') !== 1) return undefined;
  if (at(vision, 'userProfile') === null) return { kind: 'absent' };
  return userProfileRead(at(vision, 'userProfile'));
}

/** REST `POST /rest/v/profile/user` (reconstructed from notes): `{result, userProfile}` with GraphQL's `userProfile`. */
export function parseProfileUser(json: unknown): ProfileAnswer | undefined {
  if (at(json, 'result') !== 1) return undefined;
  if (at(json, 'userProfile') === null) return { kind: 'absent' };
  return userProfileRead(at(json, 'userProfile'));
}

/**
 * REST `/rest/v/profile/get` (reconstructed from notes): flat `userId`,
 * `userName`, `fans`, no post count. It has answered with the logged-in
 * viewer's own profile whatever id was asked, so only the id it names ties it
 * to an account.
 */
export function parseProfileGet(json: unknown): ProfileRead | undefined {
  if (at(json, 'result') !== 1) return undefined;
  const flat = [json, at(json, 'data'), at(json, 'userInfo')].find((o) => asText(at(o, 'userName')));
  if (!flat) return undefined;
  const id = idText(at(flat, 'userId'));
  return { kind: 'profile', profile: { name: asText(at(flat, 'userName')), followers: parseCount(at(flat, 'fans')) }, names: id ? [id] : [] };
}

/** A post list as read: the dated posts, the undated ones counted, the platform's word on paging, the authors named. */
export interface ListRead {
  posts: Post[];
  undated: number;
  paging: ListFacts['paging'];
  names: string[];
}

/** `pcursor`: "no_more" is Kuaishou's end mark; any other non-empty cursor says more follow. */
export function pagingOf(pcursor: unknown): ListFacts['paging'] {
  if (pcursor === 'no_more') return 'end';
  return typeof pcursor === 'string' && pcursor.trim() !== '' ? 'more' : 'unknown';
}

/** Pinned posts carry `profileUserTopPhoto` on the photo (GraphQL); a REST item may carry it on itself. */
function isPinned(item: unknown, photo: unknown): boolean {
  return Boolean(at(photo, 'profileUserTopPhoto')) || Boolean(at(item, 'profileUserTopPhoto'));
}

/** `feeds[]` with `photo.{id, timestamp}` and `author.id`; a flat REST item (no `photo`) is read the same way. */
function listFrom(container: unknown): ListRead | undefined {
  const feeds = at(container, 'feeds');
  if (!Array.isArray(feeds)) return undefined;
  const read: ListRead = { posts: [], undated: 0, paging: pagingOf(at(container, 'pcursor')), names: [] };
  for (const item of feeds) {
    const photo = at(item, 'photo') ?? item;
    const author = idText(at(item, 'author', 'id'));
    if (author && !read.names.includes(author)) read.names.push(author);
    const date = fromEpoch(at(photo, 'timestamp'));
    if (date) read.posts.push({ id: String(at(photo, 'id') ?? ''), at: date, pinned: isPinned(item, photo) });
    else read.undated++;
  }
  return read;
}

/** GraphQL `visionProfilePhotoList`. */
export function parsePhotoList(json: unknown): ListRead | undefined {
  const list = at(json, 'data', 'visionProfilePhotoList');
  return at(list, 'result') === 1 ? listFrom(list) : undefined;
}

/** REST `POST /rest/v/profile/feed`: `{result, pcursor, feeds}`. */
export function parseProfileFeed(json: unknown): ListRead | undefined {
  return at(json, 'result') === 1 ? listFrom(json) : undefined;
}

/** Finds the first object anywhere in a page state that satisfies `test`. */
function findDeep(value: unknown, test: (v: unknown) => boolean, depth = 0): unknown {
  if (depth > 12 || value === null || typeof value !== 'object') return undefined;
  if (test(value)) return value;
  for (const child of Object.values(value)) {
    const found = findDeep(child, test, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export interface PageRead {
  profile?: ProfileRead;
  list?: ListRead;
  /** What the page shows a person instead of the account: words, never proof of absence. */
  gone?: { reason: 'missing' | 'banned' | 'cancelled'; words: string };
}

/** The profile page's state, old (`__APOLLO_STATE__`) or new (`INIT_STATE`). Reconstructed shapes. */
export function parseKuaishouPage(html: string): PageRead {
  // Only what the page shows a person: an app's scripts carry these words as translations for every user.
  const shown = visibleText(html);
  for (const [words, reason] of [['用户不存在', 'missing'], ['已被封禁', 'banned'], ['已注销', 'cancelled']] as const) {
    if (shown.includes(words)) return { gone: { reason, words } };
  }
  const state = assignedState(html, 'INIT_STATE') ?? assignedState(html, '__APOLLO_STATE__');
  if (!state) return {};
  const userProfile = findDeep(state, (v) => at(v, 'ownerCount') !== undefined && at(v, 'profile') !== undefined);
  const feeds = findDeep(state, (v) => Array.isArray(at(v, 'feeds')));
  const profile = userProfileRead(userProfile);
  const list = listFrom(feeds);
  return { ...(profile ? { profile } : {}), ...(list ? { list } : {}) };
}

/** The account id a request carried: GraphQL `variables.userId`, a REST body's `user_id`, or the URL's `userId`. */
export function requestedId(url: string, requestBody: string | undefined): string | undefined {
  const body = requestBody ? parseJsonLeniently(requestBody) : undefined;
  const fromBody = idText(at(body, 'variables', 'userId')) ?? idText(at(body, 'user_id')) ?? idText(at(body, 'userId'));
  if (fromBody) return fromBody;
  try {
    return new URL(url).searchParams.get('userId') ?? new URL(url).searchParams.get('user_id') ?? undefined;
  } catch {
    return undefined;
  }
}

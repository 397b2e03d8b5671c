import type { HttpResponse } from '../fetch/http.js';
import type { BlockMarker, BrowserRecipe, ObserveContext, Observer, PageCapture, PlatformAdapter } from './adapter.js';
import { asText, at, missingOnPage, observationFromFailure, parseJsonLeniently, undated } from './common.js';
import { parseCount, parseExactCount } from './counts.js';
import { fromEpoch } from './dates.js';
import { assignedState, visibleText } from './page-state.js';
import type { Observation, Post, Profile, Unknown } from './observation.js';

/*
 * Kuaishou (快手). Field notes: shared/platforms.md § Kuaishou. GraphQL
 * `visionProfile` gives the profile (fan counts as rounded strings such as
 * "169.8w"), `visionProfilePhotoList` the posts (timestamps in ms; pinned
 * posts carry `profileUserTopPhoto`). The page state (`__APOLLO_STATE__`,
 * `INIT_STATE`) serves as a fallback and to confirm a missing account.
 */

const GRAPHQL = 'https://www.kuaishou.com/graphql';
const PROFILE_QUERY =
  'query visionProfile($userId: String) { visionProfile(userId: $userId) { result hostName userProfile { ownerCount { fan photo follow photo_public } profile { gender user_name user_id headurl user_text } isFollowing } } }';
const PHOTOS_QUERY =
  'query visionProfilePhotoList($pcursor: String, $userId: String, $page: String) { visionProfilePhotoList(pcursor: $pcursor, userId: $userId, page: $page) { result llsid feeds { type photo { id caption timestamp profileUserTopPhoto } } pcursor } }';

/** `result` codes that mean "not telling you" (platforms.md). */
const RESULT_BLOCKS: Record<number, { reason: Unknown['reason']; what: string }> = {
  2: { reason: 'rate-limited', what: 'result 2: too fast (操作太快了)' },
  50: { reason: 'blocked', what: 'result 50: signature required (签名验证失败)' },
  2001: { reason: 'captcha', what: 'result 2001: antispam captcha' },
  400002: { reason: 'captcha', what: 'result 400002: captcha (验证码)' },
  109: { reason: 'login-required', what: 'result 109: logged out' },
  21: { reason: 'wrong-id', what: 'result 21: this looks like a 快手号, not the profile id' },
};

type Parsed = { kind: 'json'; json: unknown } | { kind: 'blocked'; observation: Unknown };

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
  if (block) return blocked(block.reason, block.what);
  return { kind: 'json', json };
}

function profileFrom(userProfile: unknown): Profile | undefined {
  const name = asText(at(userProfile, 'profile', 'user_name'));
  if (!name) return undefined;
  const counts = at(userProfile, 'ownerCount');
  return { name, followers: parseCount(at(counts, 'fan')), postCount: parseExactCount(at(counts, 'photo_public')) ?? parseExactCount(at(counts, 'photo')) };
}

/** `{ kind: 'absent' }` when Kuaishou answered but named no user: to be confirmed by the page. */
export function parseVisionProfile(json: unknown): { kind: 'profile'; profile: Profile } | { kind: 'absent' } | undefined {
  const vision = at(json, 'data', 'visionProfile');
  if (at(vision, 'result') !== 1) return undefined;
  const userProfile = at(vision, 'userProfile');
  if (userProfile === null) return { kind: 'absent' };
  const profile = profileFrom(userProfile);
  return profile ? { kind: 'profile', profile } : undefined;
}

function postsFrom(feeds: unknown): Post[] | undefined {
  if (!Array.isArray(feeds)) return undefined;
  const posts: Post[] = [];
  for (const item of feeds) {
    const photo = at(item, 'photo');
    const date = fromEpoch(at(photo, 'timestamp'));
    if (!date) return undefined;
    posts.push({ id: String(at(photo, 'id') ?? ''), at: date, pinned: Boolean(at(photo, 'profileUserTopPhoto')) });
  }
  return posts;
}

export function parsePhotoList(json: unknown): Post[] | undefined {
  const list = at(json, 'data', 'visionProfilePhotoList');
  return at(list, 'result') === 1 ? postsFrom(at(list, 'feeds')) : undefined;
}

/** The 2026 list, `POST /rest/v/profile/feed`: `{result, pcursor, feeds}` with GraphQL's feed items. */
export function parseProfileFeed(json: unknown): Post[] | undefined {
  return at(json, 'result') === 1 ? postsFrom(at(json, 'feeds')) : undefined;
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

/** The profile page's state, old (`__APOLLO_STATE__`) or new (`INIT_STATE`). Reconstructed shapes. */
export function parseKuaishouPage(html: string): { profile?: Profile; posts?: Post[]; gone?: { reason: 'missing' | 'banned' | 'cancelled'; detail: string } } {
  // Only what the page shows a person: an app's scripts carry these words as translations for every user.
  const shown = visibleText(html);
  for (const [marker, reason] of [['用户不存在', 'missing'], ['已被封禁', 'banned'], ['已注销', 'cancelled']] as const) {
    if (shown.includes(marker)) return { gone: { reason, detail: `profile page says ${marker}` } };
  }
  const state = assignedState(html, 'INIT_STATE') ?? assignedState(html, '__APOLLO_STATE__');
  if (!state) return {};
  const userProfile = findDeep(state, (v) => at(v, 'ownerCount') !== undefined && at(v, 'profile') !== undefined);
  const feeds = findDeep(state, (v) => Array.isArray(at(v, 'feeds')));
  return { profile: profileFrom(userProfile), posts: postsFrom(at(feeds, 'feeds')) };
}

// Stryker disable all: what the page shows instead of the account is matched in Chromium (test/e2e/browser.test.ts), too slow to run once per mutant
const BLOCKS: readonly BlockMarker[] = [
  { title: /安全验证/, reason: 'captcha', detail: 'safety check page (安全验证)' },
  { selector: '#captcha, .captcha-box, iframe[src*="captcha.zt.kuaishou.com"]', reason: 'captcha', detail: 'captcha on the profile page' },
  { url: /passport\.kuaishou\.com|\/login/, reason: 'login-required', detail: 'redirected to a login page' },
];
// Stryker restore all

// Stryker disable all: when a page may stop waiting, used only in Chromium; stopping too early leaves the posts unread, which is unverified, never a verdict
/** The profile says enough on its own (no such user, no posts): the page asks no list then. */
function profileSettles(captured: PageCapture): boolean {
  const answer = captured.answers.profile;
  if (!answer) return false;
  const read = readKuaishouAnswer(answer, 'visionProfile');
  if (read.kind === 'blocked') return true;
  const parsed = parseVisionProfile(read.json);
  return !parsed || parsed.kind === 'absent' || parsed.profile.postCount === 0;
}
// Stryker restore all

/** The post list the page received: the 2026 REST list, or the older GraphQL one. */
function listOnPage(captured: PageCapture): Post[] | Unknown {
  const rest = captured.answers.feed;
  const graphql = captured.answers.photos;
  const read = rest ? readKuaishouAnswer(rest) : graphql ? readKuaishouAnswer(graphql, 'visionProfilePhotoList') : undefined;
  if (!read) return missingOnPage(captured, 'post list');
  if (read.kind === 'blocked') return read.observation;
  const posts = rest ? parseProfileFeed(read.json) : parsePhotoList(read.json);
  return posts ?? { kind: 'unknown', reason: 'layout-changed', detail: 'post list not understood' };
}

/** What the profile page received, read by the same parsers as the HTTP route; a block it showed wins. */
export function readKuaishouPage(captured: PageCapture): Observation {
  if (captured.block) return { kind: 'unknown', ...captured.block };
  if (!captured.answers.profile) return missingOnPage(captured, 'profile answer');
  const answer = readKuaishouAnswer(captured.answers.profile, 'visionProfile');
  if (answer.kind === 'blocked') return answer.observation;
  const parsed = parseVisionProfile(answer.json);
  if (!parsed) return { kind: 'unknown', reason: 'layout-changed', detail: 'visionProfile answer not understood' };
  if (parsed.kind === 'absent') {
    const gone = captured.document && captured.document.status === 200 ? parseKuaishouPage(captured.document.body).gone : undefined;
    return gone ? { kind: 'missing', reason: gone.reason, detail: gone.detail } : { kind: 'unknown', reason: 'layout-changed', detail: 'visionProfile named no user and the page did not say why' };
  }
  if (parsed.profile.postCount === 0) return { kind: 'found', profile: parsed.profile, posts: [] };
  const posts = listOnPage(captured);
  if (!Array.isArray(posts)) return undated(parsed.profile, posts);
  return withPosts(parsed.profile, posts);
}

// Stryker disable all: the browser recipe runs only in Chromium (test/e2e/browser.test.ts in npm test), too slow to run once per mutant; its answers are read by pure functions mutated above
const browser: BrowserRecipe = {
  // The login site and the captcha service; scripts come from the platform's own CDN.
  pageHosts: ['passport.kuaishou.com', 'captcha.zt.kuaishou.com', '.kuaishou.com', '.yximgs.com'],
  login: { url: 'https://www.kuaishou.com/', cookie: 'passToken', domain: 'https://www.kuaishou.com' },
  async observe(account, tools, signal) {
    const captured = await tools.visit(
      {
        url: `https://www.kuaishou.com/profile/${account.id}`,
        answers: [
          { name: 'profile', paths: ['/graphql'], method: 'POST', bodyIncludes: '"operationName":"visionProfile"' },
          { name: 'feed', paths: ['/rest/v/profile/feed'], method: 'POST' },
          { name: 'photos', paths: ['/graphql'], method: 'POST', bodyIncludes: '"operationName":"visionProfilePhotoList"' },
        ],
        blocks: BLOCKS,
        enough: (c) => profileSettles(c) || Boolean(c.answers.profile && (c.answers.feed || c.answers.photos)),
        scroll: true,
      },
      signal,
    );
    return readKuaishouPage(captured);
  },
};
// Stryker restore all

function createObserver(ctx: ObserveContext): Observer {
  const graphql = (operationName: string, query: string, variables: Record<string, string>, id: string, signal: AbortSignal) =>
    ctx.http.fetch(
      {
        url: GRAPHQL,
        method: 'POST',
        headers: { 'content-type': 'application/json', referer: `https://www.kuaishou.com/profile/${id}`, origin: 'https://www.kuaishou.com' },
        body: JSON.stringify({ operationName, variables, query }),
      },
      signal,
    );

  const confirmWithPage = async (id: string, signal: AbortSignal): Promise<Observation> => {
    const response = await ctx.http.fetch({ url: `https://www.kuaishou.com/profile/${id}` }, signal);
    if (response.status >= 400 || !response.body.trim()) return { kind: 'unknown', reason: 'blocked', detail: `profile page: HTTP ${response.status}` };
    const page = parseKuaishouPage(response.body);
    if (page.gone) return { kind: 'missing', reason: page.gone.reason, detail: page.gone.detail };
    if (page.profile && page.posts) return withPosts(page.profile, page.posts);
    return { kind: 'unknown', reason: 'layout-changed', detail: 'visionProfile named no user and the page did not say why' };
  };

  return async (account, signal) => {
    try {
      const answer = readKuaishouAnswer(await graphql('visionProfile', PROFILE_QUERY, { userId: account.id }, account.id, signal), 'visionProfile');
      if (answer.kind === 'blocked') return answer.observation;
      const parsed = parseVisionProfile(answer.json);
      if (!parsed) return { kind: 'unknown', reason: 'layout-changed', detail: 'visionProfile answer not understood' };
      if (parsed.kind === 'absent') return await confirmWithPage(account.id, signal);
      if (parsed.profile.postCount === 0) return { kind: 'found', profile: parsed.profile, posts: [] };
      const photos = readKuaishouAnswer(
        await graphql('visionProfilePhotoList', PHOTOS_QUERY, { userId: account.id, pcursor: '', page: 'profile' }, account.id, signal),
        'visionProfilePhotoList',
      );
      if (photos.kind === 'blocked') {
        return undated(parsed.profile, photos.observation);
      }
      const posts = parsePhotoList(photos.json);
      if (!posts) return undated(parsed.profile, { reason: 'layout-changed', detail: 'photo list not understood' });
      return withPosts(parsed.profile, posts);
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

function withPosts(profile: Profile, posts: Post[]): Observation {
  if (posts.length === 0 && profile.postCount !== 0) {
    return { kind: 'found', profile, posts, datesUnknown: { reason: 'no-dates', detail: 'no posts listed although posts are counted' } };
  }
  return { kind: 'found', profile, posts };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const kuaishou = {
  id: 'kuaishou',
  label: { en: 'Kuaishou', 'zh-CN': '快手' },
  aliases: ['kuaishou', '快手', 'kwai'],
  urlForms: [
    { hosts: ['www.kuaishou.com', 'kuaishou.com'], path: /^\/profile\/(?<id>[\w-]+)\/?$/ },
    { hosts: ['live.kuaishou.com'], path: /^\/(?:profile|u)\/(?<id>[\w-]+)\/?$/ },
  ],
  idPattern: /^[A-Za-z0-9_-]{3,40}$/,
  idExample: '3x4jtnbfter525a or https://www.kuaishou.com/profile/3x4jtnbfter525a',
  examples: [
    { input: 'https://www.kuaishou.com/profile/3x4jtnbfter525a', id: '3x4jtnbfter525a' },
    { input: 'https://live.kuaishou.com/u/3x4jtnbfter525a?source=share', id: '3x4jtnbfter525a', url: 'https://www.kuaishou.com/profile/3x4jtnbfter525a' },
    { input: '3x4jtnbfter525a', id: '3x4jtnbfter525a' },
    { input: '快手号 123', id: null },
    { input: 'https://www.kuaishou.com/short-video/3xabc', id: null },
  ],
  profileUrl: (id: string) => `https://www.kuaishou.com/profile/${id}`,
  hosts: ['www.kuaishou.com', 'live.kuaishou.com'],
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  needsCookies: true,
  rsshubRoute: (id: string) => `/kuaishou/profile/${id}`,
  // The user of the real 2022 visionProfile capture (shared/real-answers/kuaishou).
  probeAccount: '3x27q2f82gnxn4e',
  createObserver,
  browser,
} satisfies PlatformAdapter;
// Stryker restore all

import type { HttpResponse } from '../fetch/http.js';
import type { BlockMarker, BrowserRecipe, ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asText, at, observationFromFailure, parseJsonLeniently, undated } from './common.js';
import { parseCount } from './counts.js';
import { dateFromNoteId } from './dates.js';
import { assignedState } from './page-state.js';
import type { Observation, Post, Profile, Unknown } from './observation.js';

/*
 * Xiaohongshu (小红书). Field notes: shared/platforms.md § Xiaohongshu. The
 * profile page's `__INITIAL_STATE__` gives the name, the follower count and
 * the notes, without dates; a note's id carries its creation time, so the
 * notes listed are dated without opening any note page. A login wall is never
 * an empty account.
 */

const WEB = 'https://www.xiaohongshu.com';

export function detectXhsBlock(response: HttpResponse): Unknown | undefined {
  const { status } = response;
  const unknown = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });
  // 461/471 come with a JSON body that looks like an empty success: the status decides.
  if (status === 461 || status === 471) return unknown('captcha', `HTTP ${status} (verification: ${String(response.headers.verifytype ?? '?')})`);
  if (status === 401) return unknown('login-required', 'HTTP 401');
  if (status === 403) return unknown('blocked', 'HTTP 403');
  if (status === 429) return unknown('rate-limited', 'HTTP 429');
  if (status >= 300 && status < 400) {
    return /\/login/.test(String(response.headers.location ?? '')) ? unknown('login-required', 'redirected to /login') : unknown('blocked', `HTTP ${status} redirect`);
  }
  if (status >= 400) return unknown(status >= 500 ? 'network-error' : 'blocked', `HTTP ${status}`);
  if (!response.body.trim()) return unknown('blocked', 'empty body');
  const json = /^\s*\{/.test(response.body) ? parseJsonLeniently(response.body) : undefined;
  const code = at(json, 'code');
  if (code === 300011 || code === 300012) return unknown('blocked', `code ${code}`);
  if (code === -100 || code === -104) return unknown('login-required', `code ${code}`);
  return undefined;
}

export interface XhsProfilePage {
  profile: Profile;
  /** Newest first as the page lists them, pinned ones flagged. */
  notes: { id: string; pinned: boolean; xsecToken?: string }[];
}

export function parseXhsProfile(html: string): XhsProfilePage | Observation {
  const state = assignedState(html, '__INITIAL_STATE__');
  const user = at(state, 'user');
  if (!user) return { kind: 'unknown', reason: 'layout-changed', detail: 'no __INITIAL_STATE__.user in the page' };
  const banned = at(user, 'bannedInfo');
  if (typeof at(banned, 'code') === 'number' && at(banned, 'code') !== 0) {
    return { kind: 'missing', reason: 'banned', detail: `bannedInfo: ${String(at(banned, 'reason') ?? at(banned, 'code'))}` };
  }
  const page = at(user, 'userPageData');
  const message = String(at(page, 'result', 'message') ?? '');
  if (at(page, 'result', 'success') === false && /不存在|注销/.test(message)) {
    return { kind: 'missing', reason: /注销/.test(message) ? 'cancelled' : 'missing', detail: message };
  }
  const name = asText(at(page, 'basicInfo', 'nickname'));
  const loggedIn = at(user, 'loggedIn') === true;
  const posted = at(user, 'notes', 0);
  const notes = (Array.isArray(posted) ? posted : []).map((item: unknown) => ({
    id: String(at(item, 'noteCard', 'noteId') ?? at(item, 'id') ?? ''),
    pinned: Boolean(at(item, 'noteCard', 'interactInfo', 'sticky')),
    xsecToken: asText(at(item, 'noteCard', 'xsecToken')) ?? asText(at(item, 'xsecToken')),
  }));
  if (!name || (!loggedIn && notes.length === 0)) {
    return { kind: 'unknown', reason: 'login-required', detail: name ? 'logged out: the notes are hidden' : 'no profile in the page state (login wall)' };
  }
  const interactions = at(page, 'interactions');
  const fans = Array.isArray(interactions) ? interactions.find((i) => at(i, 'type') === 'fans') : undefined;
  // Only a logged-in page whose notes tab has finished loading can count them: all of them when
  // its first query says there are no more (the count a silence is inferred from), none at all.
  // A state without its list of notes (a changed layout) counts nothing, least of all zero.
  const resolved = loggedIn && Array.isArray(posted) && at(user, 'userNoteFetchingStatus') === 'resolved';
  const complete = resolved && (notes.length === 0 || at(user, 'noteQueries', 0, 'hasMore') === false);
  return { profile: { name, followers: parseCount(at(fans, 'count')), postCount: complete ? notes.length : undefined }, notes };
}

/**
 * A profile page and its notes' dates, read from the notes' ids: the first 8
 * hex digits of a note id are its creation time, so no note page is opened.
 * Notes whose id names no plausible date are left out; none dated is undated.
 */
export function readXhsProfile(document: HttpResponse): Observation {
  const block = detectXhsBlock(document);
  if (block) return block;
  const page = parseXhsProfile(document.body);
  if ('kind' in page) return page;
  if (page.notes.length === 0) return { kind: 'found', profile: page.profile, posts: [] };
  const posts = page.notes.flatMap((note): Post[] => {
    const date = dateFromNoteId(note.id);
    return date ? [{ id: note.id, at: date, pinned: note.pinned }] : [];
  });
  if (!posts.length) return undated(page.profile, { reason: 'layout-changed', detail: `the ${page.notes.length} listed notes have ids that carry no date` });
  return { kind: 'found', profile: page.profile, posts, datesFrom: ID_DATES };
}

const ID_DATES = 'dates read from the note ids (their first 8 hex digits are the creation time)';

function createObserver(ctx: ObserveContext): Observer {
  return async (account, signal) => {
    try {
      return readXhsProfile(await ctx.http.fetch({ url: account.url, followRedirects: false, headers: { referer: `${WEB}/` } }, signal));
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

// Stryker disable all: what the page shows instead of the account is matched in Chromium (test/e2e/browser.test.ts), too slow to run once per mutant
const BLOCKS: readonly BlockMarker[] = [
  { url: /\/website-login\/captcha/, reason: 'captcha', detail: 'captcha page (/website-login/captcha)' },
  { selector: '#red-captcha', reason: 'captcha', detail: 'captcha (#red-captcha)' },
  { url: /\/website-login\/error/, reason: 'blocked', detail: 'risk page (/website-login/error)' },
  { url: /\/login(?:[?/]|$)|passport/, reason: 'login-required', detail: 'redirected to the login page' },
];
// Stryker restore all

/**
 * The profile page as a logged-in person sees it: its server-rendered state
 * (`__INITIAL_STATE__`) lists the notes, whose ids carry their dates.
 */
// Stryker disable all: the browser recipe runs only in Chromium (test/e2e/browser.test.ts in npm test), too slow to run once per mutant; its answers are read by pure functions mutated above
const browser: BrowserRecipe = {
  pageHosts: ['edith.xiaohongshu.com', '.xhscdn.com'],
  login: { url: `${WEB}/login?redirectPath=/explore`, cookie: 'web_session', domain: WEB },
  async observe(account, tools, signal) {
    const captured = await tools.visit({ url: account.url, answers: [], blocks: BLOCKS }, signal);
    const stopped = captured.block ?? captured.unfinished;
    if (stopped) return { kind: 'unknown', ...stopped };
    return captured.document ? readXhsProfile(captured.document) : { kind: 'unknown', reason: 'timeout', detail: 'the page did not load' };
  },
};
// Stryker restore all

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const xiaohongshu = {
  id: 'xiaohongshu',
  label: { en: 'Xiaohongshu', 'zh-CN': '小红书' },
  aliases: ['xiaohongshu', '小红书', 'rednote', 'red', 'xhs'],
  urlForms: [
    {
      hosts: ['www.xiaohongshu.com', 'xiaohongshu.com'],
      path: /^\/user\/profile\/(?<id>[0-9a-f]{24})\/?$/,
      keepParams: ['xsec_token', 'xsec_source'],
    },
  ],
  idPattern: /^[0-9a-f]{24}$/,
  idExample: '5ff0e6410000000001008400 or https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400',
  examples: [
    {
      input: 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=ABxyz&xsec_source=pc_search&channel_type=web',
      id: '5ff0e6410000000001008400',
      url: 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=ABxyz&xsec_source=pc_search',
    },
    { input: '5ff0e6410000000001008400', id: '5ff0e6410000000001008400' },
    { input: '5ff0e641', id: null },
    { input: 'https://www.xiaohongshu.com/explore/64356527000000001303282b', id: null },
  ],
  profileUrl: (id: string) => `${WEB}/user/profile/${id}`,
  hosts: ['www.xiaohongshu.com'],
  // The post count only when the profile lists every note (its first notes query has no more).
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  needsCookies: true,
  rsshubRoute: (id: string) => `/xiaohongshu/user/${id}/notes`,
  createObserver,
  browser,
} satisfies PlatformAdapter;
// Stryker restore all

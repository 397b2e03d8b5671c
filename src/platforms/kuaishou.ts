import type { HttpClient, HttpResponse } from '../fetch/http.js';
import type { Source } from '../audit/status.js';
import type { AwaitedAnswer, BlockMarker, BrowserRecipe, CapturedAnswer, ObserveContext, Observer, PageCapture, PlatformAdapter } from './adapter.js';
import { missingOnPage, observationFromFailure, resolvedAs } from './common.js';
import {
  parseKuaishouPage,
  parsePhotoList,
  parseProfileFeed,
  parseProfileGet,
  parseProfileUser,
  parseVisionProfile,
  readKuaishouAnswer,
  requestedId,
  type ListRead,
  type ProfileAnswer,
} from './kuaishou-rest.js';
import type { AnswerFacts, Observation, Profile, Unknown } from './observation.js';

export { parseKuaishouPage, parsePhotoList, parseProfileFeed, parseProfileGet, parseProfileUser, parseVisionProfile, readKuaishouAnswer } from './kuaishou-rest.js';

/*
 * Kuaishou (快手). Field notes: shared/platforms.md § Kuaishou and
 * research/field-check-2026-12.md. Over HTTP, GraphQL `visionProfile` gives
 * the profile and `visionProfilePhotoList` the posts (refused unsigned since
 * 2026). In a browser the page sends either GraphQL or the signed REST calls
 * (`/rest/v/profile/get`, `/rest/v/profile/user`, `/rest/v/profile/feed`):
 * the recipe waits for whichever comes and reads each shape with its own
 * parser (kuaishou-rest.ts). The adapter reports facts; src/audit/proof.ts
 * decides.
 */

const GRAPHQL = 'https://www.kuaishou.com/graphql';
const PROFILE_QUERY =
  'query visionProfile($userId: String) { visionProfile(userId: $userId) { result hostName userProfile { ownerCount { fan photo follow photo_public } profile { gender user_name user_id headurl user_text } isFollowing } } }';
const PHOTOS_QUERY =
  'query visionProfilePhotoList($pcursor: String, $userId: String, $page: String) { visionProfilePhotoList(pcursor: $pcursor, userId: $userId, page: $page) { result llsid feeds { type author { id name } photo { id caption timestamp profileUserTopPhoto } } pcursor } }';

const unknown = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });

/** The post list as it came: read, with its answer's facts; or not read, and why. */
type ListOutcome = { kind: 'list'; list: ListRead; facts?: AnswerFacts } | { kind: 'unread'; why: { reason: Unknown['reason']; detail: string } };

/** A found account with the facts its verdict rests on. */
function observed(subject: string, source: Source, profile: Profile, answers: AnswerFacts[], outcome: ListOutcome): Observation {
  if (outcome.kind === 'unread') {
    const { reason, detail } = outcome.why;
    return { kind: 'found', profile, posts: [], datesUnknown: { reason, detail }, proof: { subject, source, answers, list: { read: false, paging: 'unknown', undated: 0 } } };
  }
  const { list, facts } = outcome;
  return {
    kind: 'found',
    profile,
    posts: list.posts,
    proof: { subject, source, answers: facts ? [...answers, facts] : answers, list: { read: true, paging: list.paging, undated: list.undated } },
  };
}

/** Kuaishou named no user, and the page's words may say why: words prove no absence (proof rule 5), but they are reported. */
function absent(subject: string, source: Source, page: { status: number; body: string } | undefined): Observation {
  const gone = page && page.status === 200 ? parseKuaishouPage(page.body).gone : undefined;
  if (!gone) return unknown('layout-changed', `Kuaishou named no user for ${subject} and the page did not say why`);
  return {
    kind: 'missing',
    reason: gone.reason,
    detail: `profile page says ${gone.words}`,
    statement: { httpStatus: page!.status, structured: false, field: `the page's words ${gone.words} (the profile answer named no user)`, bound: true },
    source,
  };
}

// --- Short links -------------------------------------------------------------

/** `v/<code>` (v.kuaishou.com) and `f/<code>` (www.kuaishou.com/f/): where the short link lives. */
export function shortLinkUrl(id: string): string | undefined {
  const match = /^([vf])\/([\w-]+)$/.exec(id);
  if (!match) return undefined;
  return match[1] === 'v' ? `https://v.kuaishou.com/${match[2]}` : `https://www.kuaishou.com/f/${match[2]}`;
}

const isKuaishouHost = (host: string) => host === 'kuaishou.com' || host.endsWith('.kuaishou.com');

/** The profile id a short link's redirect names; read, never followed, and only on a Kuaishou host. */
export function profileFromRedirect(id: string, response: HttpResponse): string | Unknown {
  const header = response.headers.location;
  const location = Array.isArray(header) ? header[0] : header;
  if (response.status < 300 || response.status >= 400 || !location) return unknown('layout-changed', `short link ${id} did not redirect to a profile (HTTP ${response.status})`);
  let target: URL;
  try {
    target = new URL(location, shortLinkUrl(id));
  } catch {
    return unknown('layout-changed', `short link ${id} redirected to an address that cannot be read`);
  }
  if (!isKuaishouHost(target.hostname)) return unknown('layout-changed', `short link ${id} leads to ${target.hostname}, not a Kuaishou host: not followed`);
  if (/^passport\./.test(target.hostname) || /\/login/.test(target.pathname)) return unknown('login-required', `short link ${id} led to a login page`);
  const profile = /^\/(?:profile|u)\/([\w-]+)\/?$/.exec(target.pathname)?.[1];
  return profile ?? unknown('wrong-id', `short link ${id} leads to ${target.pathname}, not a profile: give the account's profile link (www.kuaishou.com/profile/<id>)`);
}

async function resolveShortLink(http: HttpClient, id: string, signal: AbortSignal): Promise<string | Unknown> {
  const url = shortLinkUrl(id);
  if (!url) return id;
  return profileFromRedirect(id, await http.fetch({ url, followRedirects: false }, signal));
}

// --- The browser route ---------------------------------------------------------

/** One answer shape the page may receive, and how to read it. */
interface Shape<T> {
  name: string;
  what: string;
  awaited: Omit<AwaitedAnswer, 'name' | 'about'>;
  /** GraphQL's data field, where the result code sits. */
  operation?: string;
  /**
   * Whether the request naming the account makes the answer its own:
   * `profile/get` has answered with the logged-in viewer's own profile
   * whatever id was asked (YL notes), so only the id it names counts.
   */
  requestBinds: boolean;
  parse(json: unknown): T | undefined;
}

const PROFILE_SHAPES: readonly Shape<ProfileAnswer>[] = [
  { name: 'profileUser', what: 'profile (REST profile/user)', awaited: { paths: ['/rest/v/profile/user'], method: 'POST' }, requestBinds: true, parse: parseProfileUser },
  {
    name: 'profile',
    what: 'profile (GraphQL visionProfile)',
    awaited: { paths: ['/graphql'], method: 'POST', bodyIncludes: '"operationName":"visionProfile"' },
    operation: 'visionProfile',
    requestBinds: true,
    parse: parseVisionProfile,
  },
  { name: 'profileGet', what: 'profile (REST profile/get)', awaited: { paths: ['/rest/v/profile/get'] }, requestBinds: false, parse: parseProfileGet },
];

const LIST_SHAPES: readonly Shape<ListRead>[] = [
  { name: 'feed', what: 'posts (REST profile/feed)', awaited: { paths: ['/rest/v/profile/feed'], method: 'POST' }, requestBinds: true, parse: parseProfileFeed },
  {
    name: 'photos',
    what: 'posts (GraphQL visionProfilePhotoList)',
    awaited: { paths: ['/graphql'], method: 'POST', bodyIncludes: '"operationName":"visionProfilePhotoList"' },
    operation: 'visionProfilePhotoList',
    requestBinds: true,
    parse: parsePhotoList,
  },
];

const namesOf = (read: unknown): string[] => (read && typeof read === 'object' && 'names' in read ? (read as { names: string[] }).names : []);

/** The ids an answer itself names, read by its own parser; none when it is a block or not understood. */
function namesIn<T>(shape: Shape<T>, answer: CapturedAnswer): string[] {
  const parsed = readKuaishouAnswer(answer, shape.operation);
  return parsed.kind === 'json' ? namesOf(shape.parse(parsed.json)) : [];
}

/**
 * Proof rule 1 in the page: an answer is the account's when it names it, or
 * names no one and was asked for it; one naming another account (the viewer's
 * own profile, a recommended user) is passed over.
 */
function aboutAccount<T>(shape: Shape<T>, id: string): (answer: CapturedAnswer) => boolean {
  return (answer) => {
    const names = namesIn(shape, answer);
    if (names.some((name) => name !== id)) return false;
    return names.includes(id) || requestedId(answer.url, answer.requestBody) === id;
  };
}

function awaitedAnswers(id: string): AwaitedAnswer[] {
  return [...PROFILE_SHAPES, ...LIST_SHAPES].map((shape) => ({ name: shape.name, ...shape.awaited, about: aboutAccount(shape as Shape<unknown>, id) }));
}

/** The first answer among `shapes` that the page received and that reads; else the first block, or whether one was not understood. */
function readFirst<T>(captured: PageCapture, shapes: readonly Shape<T>[], subject: string): { read?: T; facts?: AnswerFacts; blocked?: Unknown; misread?: boolean } {
  let blocked: Unknown | undefined;
  let misread = false;
  for (const shape of shapes) {
    const answer = captured.answers[shape.name];
    if (!answer) continue;
    const parsed = readKuaishouAnswer(answer, shape.operation);
    if (parsed.kind === 'blocked') {
      blocked ??= parsed.observation;
      continue;
    }
    const read = shape.parse(parsed.json);
    if (read === undefined) {
      misread = true;
      continue;
    }
    const requestNames = shape.requestBinds && requestedId(answer.url, answer.requestBody) === subject;
    return { read, facts: { what: shape.what, requestNames, names: namesOf(read) } };
  }
  return { blocked, misread };
}

/** What the profile page received, read by the same parsers as the HTTP route; a block it showed wins. */
export function readKuaishouPage(captured: PageCapture, subject: string): Observation {
  if (captured.block) return { kind: 'unknown', ...captured.block };
  const profile = readFirst(captured, PROFILE_SHAPES, subject);
  const list = readFirst(captured, LIST_SHAPES, subject);
  if (profile.read?.kind === 'absent') return absent(subject, 'browser', captured.document);
  const outcome: ListOutcome = list.read
    ? { kind: 'list', list: list.read, facts: list.facts }
    : { kind: 'unread', why: list.blocked ?? (list.misread ? unknown('layout-changed', 'post list not understood') : missingOnPage(captured, 'post list')) };
  if (profile.read) return observed(subject, 'browser', profile.read.profile, [profile.facts!], outcome);
  // No profile came, or none understood: a list of the account's own still dates it (a refused profile says more).
  if (outcome.kind === 'list' && !profile.blocked) return observed(subject, 'browser', {}, [], outcome);
  if (profile.blocked) return profile.blocked;
  return profile.misread ? unknown('layout-changed', 'profile answer not understood') : missingOnPage(captured, 'profile answer');
}

// Stryker disable all: what the page shows instead of the account is matched in Chromium (test/e2e/browser.test.ts), too slow to run once per mutant
const BLOCKS: readonly BlockMarker[] = [
  { title: /安全验证/, reason: 'captcha', detail: 'safety check page (安全验证)' },
  { selector: '#captcha, .captcha-box, iframe[src*="captcha.zt.kuaishou.com"]', reason: 'captcha', detail: 'captcha on the profile page' },
  { url: /passport\.kuaishou\.com|\/login/, reason: 'login-required', detail: 'redirected to a login page' },
];
// Stryker restore all

// Stryker disable all: when a page may stop waiting, used only in Chromium; stopping too early leaves the posts unread, which is unverified, never a verdict
/**
 * Enough has come: a profile and a list, or a profile that settles it on its
 * own (refused, or naming no user: the page asks no list then). A count of 0
 * does not: "never posted" needs the list itself (proof rule 3).
 */
function pageHasEnough(captured: PageCapture, subject: string): boolean {
  const profile = readFirst(captured, PROFILE_SHAPES, subject);
  if (profile.read?.kind === 'absent' || (!profile.read && profile.blocked)) return true;
  return Boolean(profile.read) && LIST_SHAPES.some((shape) => captured.answers[shape.name]);
}
// Stryker restore all

// Stryker disable all: the browser recipe runs only in Chromium (test/e2e/browser.test.ts in npm test), too slow to run once per mutant; its answers are read by pure functions mutated above
const browser: BrowserRecipe = {
  // The login site and the captcha service; scripts come from the platform's own CDN.
  pageHosts: ['passport.kuaishou.com', 'captcha.zt.kuaishou.com', '.kuaishou.com', '.yximgs.com'],
  login: { url: 'https://www.kuaishou.com/', cookie: 'passToken', domain: 'https://www.kuaishou.com' },
  async observe(account, tools, signal) {
    const id = await resolveShortLink(tools.http, account.id, signal);
    if (typeof id !== 'string') return id;
    const captured = await tools.visit(
      { url: `https://www.kuaishou.com/profile/${id}`, answers: awaitedAnswers(id), blocks: BLOCKS, enough: (c) => pageHasEnough(c, id), scroll: true },
      signal,
    );
    return resolvedAs(id, account.id, readKuaishouPage(captured, id));
  },
};
// Stryker restore all

// --- Over HTTP -------------------------------------------------------------------

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

  /** GraphQL named no user: the page may show why (words only), or carry the account in its state. */
  const confirmWithPage = async (id: string, signal: AbortSignal): Promise<Observation> => {
    const response = await ctx.http.fetch({ url: `https://www.kuaishou.com/profile/${id}` }, signal);
    if (response.status >= 400 || !response.body.trim()) return unknown('blocked', `profile page: HTTP ${response.status}`);
    const page = parseKuaishouPage(response.body);
    if (page.gone) return absent(id, 'platform', response);
    if (!page.profile || !page.list) return unknown('layout-changed', `Kuaishou named no user for ${id} and the page did not say why`);
    const facts: AnswerFacts = { what: 'page state', requestNames: true, names: [...new Set([...page.profile.names, ...page.list.names])] };
    return observed(id, 'platform', page.profile.profile, [facts], { kind: 'list', list: page.list });
  };

  const observeId = async (id: string, signal: AbortSignal): Promise<Observation> => {
    const answer = readKuaishouAnswer(await graphql('visionProfile', PROFILE_QUERY, { userId: id }, id, signal), 'visionProfile');
    if (answer.kind === 'blocked') return answer.observation;
    const parsed = parseVisionProfile(answer.json);
    if (!parsed) return unknown('layout-changed', 'visionProfile answer not understood');
    if (parsed.kind === 'absent') return confirmWithPage(id, signal);
    const profileFacts: AnswerFacts = { what: 'profile (GraphQL visionProfile)', requestNames: true, names: parsed.names };
    // Asked even when the count is 0: "never posted" needs the list's own word (proof rule 3).
    const photos = readKuaishouAnswer(await graphql('visionProfilePhotoList', PHOTOS_QUERY, { userId: id, pcursor: '', page: 'profile' }, id, signal), 'visionProfilePhotoList');
    if (photos.kind === 'blocked') return observed(id, 'platform', parsed.profile, [profileFacts], { kind: 'unread', why: photos.observation });
    const list = parsePhotoList(photos.json);
    if (!list) return observed(id, 'platform', parsed.profile, [profileFacts], { kind: 'unread', why: unknown('layout-changed', 'photo list not understood') });
    return observed(id, 'platform', parsed.profile, [profileFacts], { kind: 'list', list, facts: { what: 'posts (GraphQL visionProfilePhotoList)', requestNames: true, names: list.names } });
  };

  return async (account, signal) => {
    try {
      const id = await resolveShortLink(ctx.http, account.id, signal);
      if (typeof id !== 'string') return id;
      return resolvedAs(id, account.id, await observeId(id, signal));
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const kuaishou = {
  id: 'kuaishou',
  label: { en: 'Kuaishou', 'zh-CN': '快手' },
  aliases: ['kuaishou', '快手', 'kwai'],
  urlForms: [
    { hosts: ['www.kuaishou.com', 'kuaishou.com'], path: /^\/profile\/(?<id>[\w-]+)\/?$/ },
    { hosts: ['live.kuaishou.com'], path: /^\/(?:profile|u)\/(?<id>[\w-]+)\/?$/ },
    // Short links, resolved during the scan by the redirect's Location (read, never followed).
    { hosts: ['v.kuaishou.com'], path: /^\/(?<id>[\w-]+)\/?$/, idPrefix: 'v/' },
    { hosts: ['www.kuaishou.com', 'kuaishou.com'], path: /^\/f\/(?<id>[\w-]+)\/?$/, idPrefix: 'f/' },
  ],
  idPattern: /^(?:[vf]\/)?[A-Za-z0-9_-]{3,40}$/,
  idExample: {
    en: '3x4jtnbfter525a or https://www.kuaishou.com/profile/3x4jtnbfter525a',
    'zh-CN': '3x4jtnbfter525a 或 https://www.kuaishou.com/profile/3x4jtnbfter525a',
  },
  examples: [
    { input: 'https://www.kuaishou.com/profile/3x4jtnbfter525a', id: '3x4jtnbfter525a' },
    { input: 'https://live.kuaishou.com/u/3x4jtnbfter525a?source=share', id: '3x4jtnbfter525a', url: 'https://www.kuaishou.com/profile/3x4jtnbfter525a' },
    { input: '3x4jtnbfter525a', id: '3x4jtnbfter525a' },
    { input: 'https://v.kuaishou.com/GKTpYm', id: 'v/GKTpYm', url: 'https://v.kuaishou.com/GKTpYm' },
    { input: 'https://www.kuaishou.com/f/X3t3Ee6o1L7gqHe', id: 'f/X3t3Ee6o1L7gqHe', url: 'https://www.kuaishou.com/f/X3t3Ee6o1L7gqHe' },
    { input: '快手号 123', id: null },
    { input: 'https://www.kuaishou.com/short-video/3xabc', id: null },
  ],
  profileUrl: (id: string) => shortLinkUrl(id) ?? `https://www.kuaishou.com/profile/${id}`,
  hosts: ['www.kuaishou.com', 'live.kuaishou.com', 'v.kuaishou.com'],
  capabilities: ['exists', 'name', 'followers', 'postCount', 'dates'],
  needsCookies: true,
  // No `rsshubRoute`: RSSHub's Kuaishou route (live_api/profile/public) gives its items no dates, so it can date no account.
  // The user of the real 2022 visionProfile capture (shared/real-answers/kuaishou).
  probeAccount: '3x27q2f82gnxn4e',
  createObserver,
  browser,
} satisfies PlatformAdapter;
// Stryker restore all

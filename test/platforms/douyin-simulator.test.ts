import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS, type Finding } from '../../src/audit/finding.js';
import { keepIfAbout } from '../../src/browser/answers.js';
import { browserObserver } from '../../src/browser/route.js';
import type { BrowserSession } from '../../src/browser/session.js';
import type { WarcReplay } from '../../src/fetch/replay.js';
import type { HttpClient } from '../../src/fetch/http.js';
import type { BrowserTools, CapturedAnswer, PageCapture, PageVisit } from '../../src/platforms/adapter.js';
import { douyin } from '../../src/platforms/douyin.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import type { SimRequest, SimResponse } from '../../src/simulator/types.js';
import { simSignature } from '../../src/simulator/browser.js';
import { douyinSimulator } from '../../src/simulator/douyin.js';
import { loadScenarios } from '../../src/simulator/server.js';

/*
 * The simulated Douyin profile page, its own script run in a bare JavaScript
 * context (no Chromium: test/e2e/browser.test.ts does that), its answers
 * handed to the recipe as the browser machinery hands them over: each kept
 * only when the recipe's `about` says it is the account's. Every simulated
 * account must get the verdict its fixture states, through classify.
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const SECRET = 'test-secret';
const scenario = loadScenarios().douyin;
const simulator = douyinSimulator(scenario, FIXTURES_DIR, SECRET);
/** Visitor cookies the challenge page sets: what lets the page's own requests through. */
const VISITOR = 'ttwid=1%7Csim; msToken=simtoken';

function simRequest(href: string, cookie: string): SimRequest {
  const url = new URL(href, 'https://www.douyin.com');
  return { method: 'GET', host: url.hostname, path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1), headers: { cookie }, body: '' };
}

const asCaptured = (href: string, response: SimResponse): CapturedAnswer => ({ url: new URL(href, 'https://www.douyin.com').href, method: 'GET', status: response.status, headers: response.headers ?? {}, body: response.body });

/** The page's document, and the answers its script received, in the order they arrived. */
async function loadPage(url: string): Promise<{ document: CapturedAnswer; received: CapturedAnswer[] }> {
  const response = simulator.handle(simRequest(url, VISITOR));
  const document = asCaptured(url, response);
  const received: CapturedAnswer[] = [];
  const script = /<script>([\s\S]*)<\/script>/.exec(response.body)?.[1];
  if (!script || response.status !== 200) return { document, received };
  let pending = 0;
  const fetch = (href: string) => {
    const answer = simulator.handle(simRequest(href, VISITOR));
    // An answer that hangs never arrives within the visit.
    if (answer.delayMs) return new Promise(() => undefined);
    pending++;
    received.push(asCaptured(href, answer));
    return Promise.resolve({ text: () => Promise.resolve(answer.body) }).finally(() => pending--);
  };
  const page = { document: { cookie: VISITOR, title: '', body: {} }, navigator: { webdriver: false, userAgent: 'Mozilla/5.0 Chrome/150' }, fetch, Promise };
  try {
    runInNewContext(script, page);
  } catch {
    // A script this bare context cannot run (the real captcha page's own) does nothing, as a failing script does in a browser.
  }
  for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(pending).toBe(0);
  return { document, received };
}

/** What the browser machinery does with a page's answers: keeps each awaited one that is about the account. */
async function visit(page: PageVisit, loggedIn: boolean | undefined): Promise<PageCapture> {
  const { document, received } = await loadPage(page.url);
  // The machinery reports whether the profile held a login cookie the recipe named (an archive without it: undefined).
  const captured: PageCapture = { document, answers: {}, ...(page.loginCookies && loggedIn !== undefined ? { loggedIn: loggedIn && page.loginCookies.names.includes('sessionid') } : {}) };
  for (const answer of received) {
    const wanted = page.answers.find((a) => !captured.answers[a.name] && a.paths.some((path) => new URL(answer.url).pathname.includes(path)));
    if (wanted) keepIfAbout(captured, wanted, answer);
  }
  if (page.answers.every((a) => captured.answers[a.name]) || page.enough?.(captured)) return captured;
  const missing = page.answers.filter((a) => !captured.answers[a.name]).map((a) => a.name);
  const others = missing.filter((name) => captured.passedOver?.[name]);
  if (others.length) return { ...captured, unfinished: { reason: 'wrong-account', detail: `the page received ${others.join(', ')} only for another account` } };
  const asked = received.some((answer) => missing.some((name) => page.answers.find((a) => a.name === name)!.paths.some((p) => answer.url.includes(p))));
  return { ...captured, unfinished: asked ? { reason: 'timeout', detail: 'no answer' } : { reason: 'layout-changed', detail: `the page never asked for ${missing.join(', ')}` } };
}

function tools(loggedIn: boolean | undefined): BrowserTools {
  return { visit: (page) => visit(page, loggedIn), http: {} as HttpClient, now: NOW };
}

const accountOf = (id: string): Account => ({ key: `douyin:${id}`, platform: 'douyin', id, url: `https://www.douyin.com/user/${id}`, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 }) as Account;

async function findingOf(id: string, loggedIn: boolean | undefined = false): Promise<Finding> {
  const observation = await douyin.browser.observe(accountOf(id), tools(loggedIn), new AbortController().signal);
  return classify(accountOf(id), observation, NOW, DEFAULT_THRESHOLDS, NOW);
}
const verdict = (finding: Finding) => (finding.reason ? `${finding.status}/${finding.reason}` : finding.status);

/** Accounts whose fixture counts on RSSHub: the platform itself blocks them. */
const NEEDS_RSSHUB = new Set(['MS4wLjABAAAAsim-rsshub']);

describe('the simulated Douyin page, read by the recipe without a login', () => {
  const cases = Object.entries(scenario.accounts).filter(([id]) => !NEEDS_RSSHUB.has(id));
  it.each(cases.map(([id, account]) => [id, account.expect!]))('%s is %s', async (id, expected) => {
    expect(verdict(await findingOf(id))).toBe(expected);
  });
});

describe('the bad days of Douyin, through the page', () => {
  it('a cancelled account is not found, stated by the profile’s fields, never "0 works"', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-cancelled')).toMatchObject({ status: 'not-found', reason: 'cancelled', detail: expect.stringContaining('user_deleted') });
  });

  it('a list of old pinned posts only, beside 420 counted, proves nothing', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-pinned-only', true)).toMatchObject({ status: 'unverified', reason: 'list-incomplete', postCount: 420 });
  });

  it('a count of 0 beside a post from yesterday is active, never "never posted"', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-count-zero')).toMatchObject({ status: 'active', postCount: 0, daysSinceLastPost: 1 });
  });

  it('a post dated after the check decides nothing', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-future', true)).toMatchObject({ status: 'unverified', reason: 'implausible-date' });
  });

  it('a create_time in microseconds is read by its magnitude, to the second', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-microseconds')).toMatchObject({ status: 'active', lastPostAt: new Date('2026-11-18T10:00:00+08:00') });
  });

  it('another account’s answers arriving first on the same paths are passed over', async () => {
    const { received } = await loadPage('https://www.douyin.com/user/MS4wLjABAAAAsim-other-first');
    expect(received.map((answer) => new URL(answer.url).searchParams.get('sec_user_id'))).toEqual(['MS4wLjABAAAAsim-active', 'MS4wLjABAAAAsim-active', 'MS4wLjABAAAAsim-other-first', 'MS4wLjABAAAAsim-other-first']);
    const finding = await findingOf('MS4wLjABAAAAsim-other-first');
    expect(finding).toMatchObject({ status: 'zombie', reason: 'never-posted', platformName: '江城新号' });
  });

  it('a page that received only another account’s answers is unverified, wrong account', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-other-only')).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
  });
});

describe('the login, as the browser profile holds it', () => {
  it.each([
    ['MS4wLjABAAAAsim-inactive', 'inactive'],
    ['MS4wLjABAAAAsim-silent-pinned', 'inactive'],
    ['MS4wLjABAAAAsim-silent', 'zombie/silent'],
    ['MS4wLjABAAAAsim-never', 'zombie/never-posted'],
    ['MS4wLjABAAAAsim-active', 'active'],
  ])('logged in, %s is %s', async (id, expected) => {
    expect(verdict(await findingOf(id, true))).toBe(expected);
  });

  it('logged out, silence is not proven: the list may leave out the newest works', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-silent', false)).toMatchObject({ status: 'unverified', reason: 'list-incomplete', detail: expect.stringContaining('gov-audit login douyin') });
  });

  it('a source that cannot tell whether it is logged in (an archive) is taken as not logged in', async () => {
    expect(await findingOf('MS4wLjABAAAAsim-inactive', undefined)).toMatchObject({ status: 'unverified', reason: 'list-incomplete' });
  });
});

describe('the login, as the browser route tells the recipe', () => {
  const id = 'MS4wLjABAAAAsim-inactive';
  const http = { paced: (_host: string, run: () => Promise<unknown>) => run() } as unknown as HttpClient;
  const observeThrough = (source: Parameters<typeof browserObserver>[1]['source']) =>
    browserObserver(douyin, { source, http, now: NOW })(accountOf(id), new AbortController().signal).then((o) => verdict(classify(accountOf(id), o, NOW, DEFAULT_THRESHOLDS, NOW)));
  const session = (cookies: { name: string; value: string }[]) => ({ visit: (page: PageVisit) => visit(page, undefined), cookies: () => Promise.resolve(cookies.map((c) => ({ ...c, expires: -1 }))) }) as unknown as BrowserSession;

  it('a live profile holding sessionid is logged in; one without, or with an empty value, is not', async () => {
    expect(await observeThrough({ kind: 'live', session: session([{ name: 'ttwid', value: '1' }, { name: 'sessionid', value: 'x' }]) })).toBe('inactive');
    expect(await observeThrough({ kind: 'live', session: session([{ name: 'sessionid_ss', value: 'x' }]) })).toBe('inactive');
    expect(await observeThrough({ kind: 'live', session: session([{ name: 'ttwid', value: '1' }]) })).toBe('unverified/list-incomplete');
    expect(await observeThrough({ kind: 'live', session: session([{ name: 'sessionid', value: '' }]) })).toBe('unverified/list-incomplete');
  });

  it('an archive says whether the page was read logged in; one that does not (an older gov-audit’s) reads as not', async () => {
    const { document, received } = await loadPage(`https://www.douyin.com/user/${id}`);
    const record = (answer: Pick<CapturedAnswer, 'status' | 'headers' | 'body' | 'url'>) => ({ answer: { status: answer.status, headers: answer.headers, body: answer.body }, records: [], method: 'GET', url: answer.url, body: '' });
    const captures = new Map([['document', record(document)], ['profile', record(received[0]!)], ['posts', record(received[1]!)]]);
    const replayOf = (entries: Map<string, ReturnType<typeof record>>) => ({ kind: 'replay' as const, replay: { capturesOf: () => entries } as unknown as WarcReplay });
    expect(await observeThrough(replayOf(captures))).toBe('unverified/list-incomplete');
    const login = (loggedIn: boolean) => record({ status: 200, headers: {}, body: JSON.stringify({ loggedIn }), url: `https://www.douyin.com/user/${id}` });
    expect(await observeThrough(replayOf(new Map([...captures, ['#login', login(true)]])))).toBe('inactive');
    expect(await observeThrough(replayOf(new Map([...captures, ['#login', login(false)]])))).toBe('unverified/list-incomplete');
  });
});

describe('the simulated post list', () => {
  const list = (id: string, query = '') => {
    const base = `device_platform=webapp&sec_user_id=${id}${query}`;
    // Signed as the page signs: over the query without a_bogus.
    const answer = simulator.handle(simRequest(`/aweme/v1/web/aweme/post/?${base}&a_bogus=${simSignature(SECRET, base)}`, VISITOR));
    return JSON.parse(answer.body) as { has_more: number; max_cursor: number; aweme_list: { aweme_id: string; create_time: number; is_top: number; author: { sec_uid: string } }[] };
  };

  it('names the account in every post and dates each id by its creation time', () => {
    const answer = list('MS4wLjABAAAAsim-pinned-active');
    expect(answer.has_more).toBe(0);
    for (const item of answer.aweme_list) {
      expect(item.author.sec_uid).toBe('MS4wLjABAAAAsim-pinned-active');
      expect(Number(BigInt(item.aweme_id) >> 32n)).toBe(item.create_time);
    }
    expect(answer.aweme_list[0]!.is_top).toBe(1);
  });

  it('pages by count and max_cursor, the pinned posts on the first page only', () => {
    const first = list('MS4wLjABAAAAsim-active', '&count=10&max_cursor=0');
    expect(first).toMatchObject({ has_more: 1 });
    expect(first.aweme_list).toHaveLength(10);
    const second = list('MS4wLjABAAAAsim-active', `&count=10&max_cursor=${first.max_cursor}`);
    expect(second.has_more).toBe(0);
    expect(second.aweme_list).toHaveLength(5);
    expect(second.aweme_list[0]!.create_time * 1000).toBeLessThan(first.max_cursor);
  });
});

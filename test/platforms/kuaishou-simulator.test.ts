import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { keepIfAbout } from '../../src/browser/answers.js';
import type { HttpRequest } from '../../src/fetch/http.js';
import type { AwaitedAnswer, CapturedAnswer, PageCapture, PageVisit } from '../../src/platforms/adapter.js';
import { kuaishou } from '../../src/platforms/kuaishou.js';
import type { Observation } from '../../src/platforms/observation.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { simSignature } from '../../src/simulator/browser.js';
import { kuaishouSimulator } from '../../src/simulator/kuaishou.js';
import { loadScenarios } from '../../src/simulator/server.js';
import type { SimRequest } from '../../src/simulator/types.js';
import { observeWith } from '../helpers/fake-http.js';

/*
 * The Kuaishou simulator against the adapter, in this process: over HTTP as
 * a script with the demo's cookie, and through a page played here as the
 * simulator's page script plays it in Chromium (it signs its REST calls and
 * the recipe keeps only the answers about the account). Every account must
 * come out as its fixture states, asserted on the verdict a user sees.
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const SECRET = 'test-secret';
const scenario = loadScenarios().kuaishou;
const sim = kuaishouSimulator(scenario, FIXTURES_DIR, SECRET);

function simRequest(url: URL, method: string, body: string, cookie: string): SimRequest {
  return { method, host: url.hostname, path: url.pathname, query: url.searchParams, rawQuery: url.search.replace(/^\?/, ''), headers: { cookie }, body };
}

const account = (id: string): Account => ({ key: `kuaishou:${id}`, platform: 'kuaishou', id, url: kuaishou.profileUrl(id), extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
const verdict = (observation: Observation, id: string) => {
  const finding = classify(account(id), observation, NOW, DEFAULT_THRESHOLDS, NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
};

/** A script over HTTP with the demo's visitor cookie: what `scan` without `--browser` gets. */
function overHttp(id: string) {
  return observeWith(kuaishou, (url, request: HttpRequest) => {
    const answer = sim.handle(simRequest(url, request.method ?? 'GET', String(request.body ?? ''), 'did=web_demo'));
    return { status: answer.status, body: answer.body, headers: answer.headers };
  }).observe(id);
}

const matches = (wanted: AwaitedAnswer, url: URL, method: string, body: string) =>
  (!wanted.method || wanted.method === method) && wanted.paths.some((p) => url.pathname.includes(p)) && (!wanted.bodyIncludes || body.includes(wanted.bodyIncludes));

/**
 * The simulator's profile page as a logged-in person's browser runs it: the
 * viewer's own profile/get, the profile (GraphQL, or REST for a page that
 * moved), then the signed list once a user was named.
 */
function playPage(visit: PageVisit): PageCapture {
  const id = new URL(visit.url).pathname.replace('/profile/', '');
  const cookie = 'did=web_sim; passToken=sim-login-1';
  const documentAnswer = sim.handle(simRequest(new URL(visit.url), 'GET', '', ''));
  const captured: PageCapture = { answers: {}, document: { url: visit.url, method: 'GET', status: documentAnswer.status, headers: {}, body: documentAnswer.body } };
  const send = (path: string, body: string, signed: boolean) => {
    const url = new URL(`https://www.kuaishou.com${path}${signed ? `?caver=2&__NS_hxfalcon=${simSignature(SECRET, `caver=2|${body}`)}` : ''}`);
    const answer = sim.handle(simRequest(url, 'POST', body, cookie));
    const kept: CapturedAnswer = { url: url.href, method: 'POST', status: answer.status, headers: {}, body: answer.body, requestBody: body || undefined };
    const wanted = visit.answers.find((a) => !captured.answers[a.name] && matches(a, url, 'POST', body));
    if (wanted) keepIfAbout(captured, wanted, kept);
    return answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {};
  };
  const behaviour = scenario.accounts[id]?.behaviour;
  if (behaviour === 'layout') return { ...captured, unfinished: { reason: 'layout-changed', detail: 'the page never asked for profile' } };
  send('/rest/v/profile/get', '', true);
  const named =
    behaviour === 'rest'
      ? Boolean(send('/rest/v/profile/user', JSON.stringify({ user_id: id }), true).userProfile)
      : Boolean((send('/graphql', JSON.stringify({ operationName: 'visionProfile', variables: { userId: id }, query: '…' }), false).data as { visionProfile?: { userProfile?: unknown } })?.visionProfile?.userProfile);
  if (named && behaviour !== 'hang') send('/rest/v/profile/feed', JSON.stringify({ user_id: id, pcursor: '', page: 'profile' }), true);
  return captured;
}

function throughBrowser(id: string) {
  // The short link is read over HTTP, as the recipe does before it opens the page.
  const fetch = async (request: HttpRequest) => ({ url: request.url, ...sim.handle(simRequest(new URL(request.url), 'GET', '', '')) });
  const tools = { now: NOW, http: { fetch }, visit: async (visit: PageVisit) => playPage(visit) };
  return kuaishou.browser.observe(account(id), tools as never, new AbortController().signal);
}

const accounts = Object.entries(scenario.accounts).filter(([, a]) => a.behaviour !== 'hang');

describe('the Kuaishou simulator, every account as its fixture states', () => {
  it.each(accounts)('%s over HTTP', async (id, fixture) => {
    expect(verdict(await overHttp(id), id)).toBe(fixture.expectHttp ?? fixture.expect);
  });

  it.each(accounts)('%s through the page', async (id, fixture) => {
    expect(verdict(await throughBrowser(id), id)).toBe(fixture.expect);
  });
});

describe('the simulator’s shapes', () => {
  const signed = (path: string, body: string) => new URL(`https://www.kuaishou.com${path}?caver=2&__NS_hxfalcon=${simSignature(SECRET, `caver=2|${body}`)}`);
  const post = (url: URL, body: string, cookie = 'did=x') => JSON.parse(sim.handle(simRequest(url, 'POST', body, cookie)).body) as Record<string, unknown>;
  const feedOf = (id: string) => post(signed('/rest/v/profile/feed', JSON.stringify({ user_id: id, pcursor: '', page: 'profile' })), JSON.stringify({ user_id: id, pcursor: '', page: 'profile' }));

  it('names the account in every item, and ends the list with no_more', () => {
    const feed = feedOf('3xsimactive') as { result: number; pcursor: string; feeds: { author: { id: string }; photo: { timestamp: number } }[] };
    expect(feed).toMatchObject({ result: 1, pcursor: 'no_more' });
    expect(new Set(feed.feeds.map((f) => f.author.id))).toEqual(new Set(['3xsimactive']));
  });

  it('answers the bad days: pinned only with a cursor, microseconds, an unsigned list, a null count, a REST-only page', () => {
    expect(feedOf('3xsimpinnedonly')).toMatchObject({ pcursor: '1.648548115016E12', feeds: [{ photo: { profileUserTopPhoto: true } }] });
    expect((feedOf('3xsimmicros') as { feeds: { photo: { timestamp: number } }[] }).feeds[0]!.photo.timestamp).toBeGreaterThan(1e15);
    expect(feedOf('3xsimunsigned')).toEqual({ result: 50, error_msg: '签名验证失败' });
    expect(post(new URL('https://www.kuaishou.com/rest/v/profile/feed'), '{"user_id":"3xsimactive"}')).toMatchObject({ result: 50 });
    const graphql = (userId: string) => post(new URL('https://www.kuaishou.com/graphql'), JSON.stringify({ operationName: 'visionProfile', variables: { userId } }));
    expect(graphql('3xsimnullcount')).toMatchObject({ data: { visionProfile: { userProfile: { ownerCount: { photo: null, photo_public: null } } } } });
    expect(graphql('3xsimrestonly')).toMatchObject({ data: { visionProfile: { result: 2, userProfile: null } } });
    const body = JSON.stringify({ user_id: '3xsimrestonly' });
    expect(post(signed('/rest/v/profile/user', body), body)).toMatchObject({ result: 1, userProfile: { profile: { user_id: '3xsimrestonly' }, ownerCount: { fan: 15400, photo_public: 3 } } });
  });

  it('resolves its short links by a 302 whose Location the adapter reads', async () => {
    const redirect = sim.handle(simRequest(new URL('https://v.kuaishou.com/GKTpYmSim'), 'GET', '', ''));
    expect(redirect).toMatchObject({ status: 302, headers: { location: expect.stringContaining('/profile/3xsimactive') } });
    expect(verdict(await overHttp('v/GKTpYmSim'), '3xsimactive')).toBe('unverified/blocked');
    expect(await throughBrowser('v/GKTpYmSim')).toMatchObject({ resolvedId: '3xsimactive', kind: 'found' });
    expect(await overHttp('f/X3tSimF')).toMatchObject({ resolvedId: '3xsiminactive' });
    expect(await overHttp('v/VidSim')).toMatchObject({ kind: 'unknown', reason: 'wrong-id' });
    expect(await overHttp('v/OffSim')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });
});

import { describe, expect, it } from 'vitest';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { keepIfAbout } from '../../src/browser/answers.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import type { CapturedAnswer, PageCapture, PageVisit } from '../../src/platforms/adapter.js';
import { readToutiaoPage, toutiao } from '../../src/platforms/toutiao.js';
import { simSignature } from '../../src/simulator/browser.js';
import { loadScenarios, SIMULATOR_NOW } from '../../src/simulator/server.js';
import { toutiaoSimulator } from '../../src/simulator/toutiao.js';
import type { SimRequest } from '../../src/simulator/types.js';

/*
 * The simulated Toutiao pages through the recipe, without a browser: the page
 * is rendered, the feed requests its script makes are answered by the
 * simulator in the page's order, and the recipe's own test keeps or passes
 * over each (as src/browser does). The Chromium run is test/e2e/browser.test.ts.
 */

const SECRET = 'test-secret';
const scenario = loadScenarios().toutiao;
const sim = toutiaoSimulator(scenario, FIXTURES_DIR, SECRET);

const request = (path: string, rawQuery: string): SimRequest => ({ method: 'GET', host: 'www.toutiao.com', path, query: new URLSearchParams(rawQuery), rawQuery, headers: {}, body: '' });
const captured = (path: string, rawQuery: string): CapturedAnswer => {
  const answered = sim.handle(request(path, rawQuery));
  return { url: `https://www.toutiao.com${path}?${rawQuery}`, method: 'GET', status: answered.status, headers: answered.headers ?? {}, body: answered.body };
};

/** The queries the page's own script asks, in its order (the simulated page lists them). */
function pageAsks(html: string): string[] {
  const asks = /for\(var q of (\[[^\]]*\])\)/.exec(html)?.[1];
  return asks ? (JSON.parse(asks) as string[]) : [];
}

/** What the recipe's visit would capture from the simulated page: the document, then each feed answer, kept or passed over. */
async function visitPage(id: string): Promise<{ capture: PageCapture; asks: string[] }> {
  let visit: PageVisit | undefined;
  const tools = { visit: async (v: PageVisit) => ((visit = v), { answers: {} }), http: {} as never, now: SIMULATOR_NOW };
  const account = { key: `toutiao:${id}`, platform: 'toutiao', id, url: toutiao.profileUrl(id), extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
  await toutiao.browser.observe(account, tools, new AbortController().signal);
  const path = new URL(visit!.url).pathname;
  const document = captured(path, '');
  const capture: PageCapture = { document, answers: {} };
  const asks = pageAsks(document.body);
  for (const query of asks) {
    const feedPath = /profile_all/.test(query) ? '/api/pc/list/user/feed' : '/api/pc/list/feed';
    const answer = captured(feedPath, `${query}&a_bogus=${simSignature(SECRET, query)}`);
    const wanted = visit!.answers.find((a) => a.paths.some((p) => feedPath.includes(p)));
    if (wanted) keepIfAbout(capture, wanted, answer);
  }
  // As the browser session says when the page received an awaited answer only for another account.
  if (!capture.answers.feed && capture.passedOver?.feed) capture.unfinished = { reason: 'wrong-account', detail: 'the page received feed only for another account' };
  return { capture, asks };
}

async function verdictOf(id: string) {
  const { capture, asks } = await visitPage(id);
  const account = { key: `toutiao:${id}`, platform: 'toutiao', id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
  return { asks, capture, finding: classify(account, readToutiaoPage(capture, id), SIMULATOR_NOW, DEFAULT_THRESHOLDS, SIMULATOR_NOW) };
}

describe('the simulated Toutiao page, read by the recipe', () => {
  it('passes over the recommendations the page asks first, and dates the account by its own list', async () => {
    const { asks, capture, finding } = await verdictOf('MS4wLjABAAAAtt-recommend-first');
    expect(asks.map((q) => new URLSearchParams(q).get('category'))).toEqual(['pc_profile_recommend', 'profile_all']);
    expect(capture.passedOver).toEqual({ feed: 1 });
    // The recommendations hold this morning's articles by other accounts: taken, they would make it active.
    expect(finding).toMatchObject({ status: 'zombie', reason: 'silent', source: 'browser', lastPostAt: new Date('2026-02-13T10:00:00+08:00') });
    expect(`${finding.status}/${finding.reason}`).toBe(scenario.accounts['MS4wLjABAAAAtt-recommend-first']!.expect);
  });

  it('is wrong-account when the page asks only for its recommendations', async () => {
    const { finding } = await verdictOf('MS4wLjABAAAAtt-recommend-only');
    expect(finding).toMatchObject({ status: 'unverified', reason: 'wrong-account', lastPostAt: null });
    expect(`${finding.status}/${finding.reason}`).toBe(scenario.accounts['MS4wLjABAAAAtt-recommend-only']!.expect);
  });

  it.each(['MS4wLjABAAAAtt-active', 'MS4wLjABAAAAtt-pinned-active', 'MS4wLjABAAAAtt-inactive', 'MS4wLjABAAAAtt-silent', 'MS4wLjABAAAAtt-never', '4492956276'])(
    '%s keeps the verdict its fixture states',
    async (id) => {
      const { finding } = await verdictOf(id);
      expect(finding.reason ? `${finding.status}/${finding.reason}` : finding.status).toBe(scenario.accounts[id]!.expect);
    },
  );

  it('answers the recommendation feed in the real envelope, each item naming another author', () => {
    const query = 'channel_id=3189398999&category=pc_profile_recommend&max_behot_time=0&aid=24&app_name=toutiao_web';
    const body = JSON.parse(captured('/api/pc/list/feed', `${query}&a_bogus=${simSignature(SECRET, query)}`).body) as { message: string; has_more: boolean; data: { user_info: { user_id: string } }[] };
    expect(body).toMatchObject({ message: 'success', has_more: true });
    expect(new Set(body.data.map((d) => d.user_info.user_id)).size).toBe(body.data.length);
  });
});

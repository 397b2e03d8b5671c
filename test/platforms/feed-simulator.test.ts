import { describe, expect, it } from 'vitest';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/fetch/http.js';
import { observeFeed } from '../../src/platforms/feed.js';
import { feedSimulator } from '../../src/simulator/feeds.js';
import { loadScenarios, SIMULATOR_NOW } from '../../src/simulator/server.js';

/*
 * The simulated feeds (YouTube channel feeds, an RSSHub instance) through
 * observeFeed, as the feed adapter and the scan's RSSHub route read them: the
 * verdict each gives, at the fixtures' instant and a month later.
 */

const scenario = loadScenarios().feeds;

function through(now: Date) {
  const sim = feedSimulator(scenario, now);
  const http = {
    async fetch(request: HttpRequest): Promise<HttpResponse> {
      const url = new URL(request.url);
      const answered = sim.handle({ method: 'GET', host: url.hostname, path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1), headers: {}, body: '' });
      return { url: request.url, status: answered.status, headers: answered.headers ?? {}, body: answered.body };
    },
  } as unknown as HttpClient;
  return async (url: string, source?: 'rsshub') => {
    const observed = await observeFeed(http, url, now, new AbortController().signal, source);
    const finding = classify({ key: `feed:${url}`, platform: 'feed', id: url, url, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 }, observed, now, DEFAULT_THRESHOLDS, now);
    return { observed, verdict: finding.reason ? `${finding.status}/${finding.reason}` : finding.status, source: finding.source };
  };
}

describe('the simulated feeds', () => {
  const read = through(SIMULATOR_NOW);

  it.each(['UCsimJiangchengActive', 'UCsimJiangchengSilent'])('YouTube %s gives its fixture’s verdict, the platform’s own feed', async (channel) => {
    const { verdict, source } = await read(`https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`);
    expect(verdict).toBe(scenario.accounts[`youtube:${channel}`]!.expect);
    expect(source).toBe('platform');
  });

  it('renders RSSHub’s channel with its generator and a fresh lastBuildDate: silence is proved through it', async () => {
    const { observed, verdict, source } = await read('http://rsshub.example/toutiao/user/token/MS4wLjABAAAAtt-inactive', 'rsshub');
    expect(verdict).toBe('inactive');
    expect(source).toBe('rsshub');
    expect(observed).toMatchObject({ proof: { feedBuiltAt: new Date(SIMULATOR_NOW.getTime() - 5 * 60_000), list: { paging: 'more', undated: 0 } } });
  });

  it('knows an RSSHub feed by its generator even when listed as an account’s own', async () => {
    expect(await read('http://rsshub.example/ixigua/user/video/4100000004')).toMatchObject({ verdict: 'active', source: 'rsshub' });
  });

  it('counts RSSHub’s undated Kuaishou items, and proves nothing by them; an error page is a block', async () => {
    expect(await read('http://rsshub.example/kuaishou/profile/3xsimrsshub', 'rsshub')).toMatchObject({ verdict: 'unverified/no-dates', observed: { proof: { list: { undated: 5 } } } });
    expect(await read('http://rsshub.example/xiaohongshu/user/0d5f0e641000000000000000/notes', 'rsshub')).toMatchObject({ verdict: 'unverified/blocked' });
  });

  it('builds its feeds at the instant it is asked to play: a month later, still fresh', async () => {
    const later = new Date('2026-12-20T10:00:00+08:00');
    // 55 days after its latest article: still inactive, and proved so by a feed built that morning.
    expect(await through(later)('http://rsshub.example/toutiao/user/token/MS4wLjABAAAAtt-inactive', 'rsshub')).toMatchObject({ verdict: 'inactive' });
  });
});

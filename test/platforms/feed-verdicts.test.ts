import { describe, expect, it } from 'vitest';
import { feed, feedObservation, observeFeed, parseFeed } from '../../src/platforms/feed.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { observeWith } from '../helpers/fake-http.js';

/* Feeds at the edges that decide a verdict: dates in every element feeds use, and an empty feed proving nothing. */

const NOW = new Date('2026-11-20T10:00:00+08:00');

describe('reading a feed', () => {
  it('reads RSS items by guid, else link, dated by pubDate or dc:date', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title> 江城发布 </title>
      <item><guid>g1</guid><link>l1</link><pubDate>Tue, 10 Nov 2026 08:00:00 GMT</pubDate></item>
      <item><link>l2</link><dc:date>2026-11-09T08:00:00Z</dc:date></item>
      <item><title>undated</title></item></channel></rss>`;
    expect(parseFeed(rss, NOW)).toEqual({
      title: '江城发布',
      items: [
        { id: 'g1', date: new Date('2026-11-10T08:00:00Z') },
        { id: 'l2', date: new Date('2026-11-09T08:00:00Z') },
        { id: '', date: undefined },
      ],
    });
  });

  it('reads Atom entries by id, dated by published, else updated', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>e1</id><published>2026-11-10T08:00:00Z</published><updated>2026-11-12T08:00:00Z</updated></entry><entry><id>e2</id><updated>2026-11-11T08:00:00Z</updated></entry></feed>`;
    expect(parseFeed(atom, NOW)!.items).toEqual([
      { id: 'e1', date: new Date('2026-11-10T08:00:00Z') },
      { id: 'e2', date: new Date('2026-11-11T08:00:00Z') },
    ]);
    expect(parseFeed('<rdf:RDF><item><dc:date>2026-11-09T08:00:00Z</dc:date></item></rdf:RDF>', NOW)!.items).toHaveLength(1);
  });

  it('is no feed without an rss, feed or RDF root', () => {
    expect(parseFeed('<html><body>rss</body></html>', NOW)).toBeUndefined();
    expect(parseFeed('<rssfeed></rssfeed>', NOW)).toBeUndefined();
    expect(parseFeed('<feed></feed>', NOW)).toEqual({ title: undefined, items: [] });
  });

  it('never reads an empty or undated feed as silence', () => {
    const origin = { url: 'https://feeds.example.gov.cn/rss.xml', source: 'platform' as const };
    expect(feedObservation({ items: [] }, origin)).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'no-dates', detail: 'the feed lists no items' } });
    expect(feedObservation({ items: [{ id: 'a' }, { id: 'b' }] }, origin)).toMatchObject({ datesUnknown: { reason: 'no-dates', detail: 'the feed lists 2 items without dates' } });
    expect(feedObservation({ title: 'T', items: [{ id: 'a', date: NOW }, { id: 'b' }] }, origin)).toEqual({
      kind: 'found',
      profile: { name: 'T' },
      posts: [{ id: 'a', at: NOW, pinned: false }],
      proof: { subject: origin.url, source: 'platform', answers: [{ what: 'feed', requestNames: true, names: [] }], list: { read: true, paging: 'more', undated: 1 } },
    });
  });

  it('reads when the feed says it was built, and what made it', () => {
    const rss = '<rss version="2.0"><channel><title>T</title><generator>RSSHub</generator><lastBuildDate>Fri, 20 Nov 2026 01:55:00 GMT</lastBuildDate><item><pubDate>Tue, 10 Nov 2026 08:00:00 GMT</pubDate><lastBuildDate>x</lastBuildDate></item></channel></rss>';
    expect(parseFeed(rss, NOW)).toMatchObject({ builtAt: new Date('2026-11-20T01:55:00Z'), generator: 'RSSHub' });
    // Atom's feed-level updated, never an entry's.
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><updated>2026-11-01T00:00:00Z</updated></entry><updated>2026-11-19T00:00:00Z</updated></feed>';
    expect(parseFeed(atom, NOW)!.builtAt).toEqual(new Date('2026-11-19T00:00:00Z'));
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><updated>2026-11-01T00:00:00Z</updated></entry></feed>', NOW)!.builtAt).toBeUndefined();
    expect(parseFeed('<rss><channel><lastBuildDate>soon</lastBuildDate></channel></rss>', NOW)!.builtAt).toBeUndefined();
  });
});

describe('asking for a feed', () => {
  const url = 'https://feeds.example.gov.cn/rss.xml';
  it('asks for a feed, and reads an RSSHub error page as a block, never as an empty account', async () => {
    const ok = observeWith(feed, () => ({ body: '<rss><channel><item><pubDate>Tue, 10 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>' }));
    expect(await ok.observe(url, url)).toMatchObject({ kind: 'found', posts: [{}] });
    expect(ok.requests[0]!.headers!.accept).toContain('application/rss+xml');
    expect(await observeWith(feed, () => ({ status: 503, body: 'Error' })).observe(url, url)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(await observeWith(feed, () => ({ status: 400 })).observe(url, url)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(await observeWith(feed, () => ({ status: 429 })).observe(url, url)).toMatchObject({ kind: 'unknown', reason: 'rate-limited' });
    expect(await observeWith(feed, () => ({ body: '<html></html>' })).observe(url, url)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await observeWith(feed, () => new Error('reset')).observe(url, url)).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });
});

describe('what a feed proves (rules 2, 3 and 6)', () => {
  const account = (id: string) => ({ key: `feed:${id}`, platform: 'feed', id, url: id, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
  const rss = (built: string | undefined, items: string[], generator = '') =>
    `<rss version="2.0"><channel><title>T</title>${generator}${built ? `<lastBuildDate>${built}</lastBuildDate>` : ''}${items.map((d, i) => `<item><guid>${i}</guid>${d ? `<pubDate>${d}</pubDate>` : ''}</item>`).join('')}</channel></rss>`;
  const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toUTCString();
  const verdict = async (body: string, source?: 'rsshub' | 'bridge', url = 'https://rsshub.example/douyin/user/x?key=s3cret') => {
    const http = { fetch: async () => ({ url, status: 200, headers: {}, body }) } as never;
    const observed = await observeFeed(http, url, NOW, new AbortController().signal, source);
    return { observed, finding: classify(account(url), observed, NOW, DEFAULT_THRESHOLDS, NOW) };
  };

  it('lets a fresh RSSHub feed prove silence, and a stale or undated one only activity', async () => {
    expect((await verdict(rss(day(0.01), [day(40)]), 'rsshub')).finding).toMatchObject({ status: 'inactive', source: 'rsshub' });
    expect((await verdict(rss(day(5), [day(40)]), 'rsshub')).finding).toMatchObject({ status: 'unverified', reason: 'source-stale' });
    expect((await verdict(rss(undefined, [day(40)]), 'rsshub')).finding).toMatchObject({ status: 'unverified', reason: 'source-stale' });
    expect((await verdict(rss(day(5), [day(2)]), 'rsshub')).finding).toMatchObject({ status: 'active', source: 'rsshub' });
  });

  it('keeps the subject free of an access key, and names no account the feed does not', async () => {
    const { observed } = await verdict(rss(day(0), [day(1)]), 'rsshub');
    expect(observed).toMatchObject({ proof: { subject: 'https://rsshub.example/douyin/user/x?key=***', answers: [{ what: 'feed', requestNames: true, names: [] }], feedBuiltAt: new Date(day(0)) } });
  });

  it('takes a feed listed as the account’s own, made by RSSHub, for RSSHub’s', async () => {
    const { finding } = await verdict(rss(day(3), [day(40)], '<generator>RSSHub</generator>'), undefined, 'https://feeds.example.gov.cn/weibo/user/1');
    expect(finding).toMatchObject({ status: 'unverified', reason: 'source-stale', source: 'rsshub' });
  });

  it('lets the account’s own feed (YouTube) prove silence whenever it was built: it is the platform', async () => {
    const { finding } = await verdict(rss(undefined, [day(200), day(300)]), undefined, 'https://www.youtube.com/feeds/videos.xml?channel_id=UCx');
    expect(finding).toMatchObject({ status: 'zombie', reason: 'silent', source: 'platform' });
  });

  it('never lets an older post decide while an undated one is listed', async () => {
    expect((await verdict(rss(day(0), [day(40), '']), 'rsshub')).finding).toMatchObject({ status: 'unverified', reason: 'undated-post' });
    expect((await verdict(rss(day(0), [day(1), '']), 'rsshub')).finding).toMatchObject({ status: 'active' });
    expect((await verdict(rss(undefined, ['', '']), undefined, 'https://www.youtube.com/feeds/videos.xml?channel_id=UCx')).finding).toMatchObject({ status: 'unverified', reason: 'undated-post' });
  });

  it('proves nothing by being empty, from any source', async () => {
    expect((await verdict(rss(day(0), []), 'rsshub')).finding).toMatchObject({ status: 'unverified', reason: 'no-dates' });
    expect((await verdict(rss(undefined, []), undefined, 'https://www.youtube.com/feeds/videos.xml?channel_id=UCx')).finding).toMatchObject({ status: 'unverified', reason: 'no-dates' });
  });
});

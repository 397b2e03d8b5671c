import { describe, expect, it } from 'vitest';
import { feed, feedObservation, parseFeed } from '../../src/platforms/feed.js';
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
    expect(feedObservation({ items: [] })).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'no-dates', detail: 'the feed lists no items' } });
    expect(feedObservation({ items: [{ id: 'a' }, { id: 'b' }] })).toMatchObject({ datesUnknown: { reason: 'no-dates', detail: 'the feed lists 2 items without dates' } });
    expect(feedObservation({ title: 'T', items: [{ id: 'a', date: NOW }, { id: 'b' }] })).toEqual({ kind: 'found', profile: { name: 'T' }, posts: [{ id: 'a', at: NOW, pinned: false }] });
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

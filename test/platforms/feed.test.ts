import { describe, expect, it } from 'vitest';
import { feedObservation, parseFeed } from '../../src/platforms/feed.js';

const NOW = new Date('2026-11-20T10:00:00+08:00');

describe('feeds', () => {
  it('reads RSS 2.0 pubDate', () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>江城发布</title><item><guid>1</guid><pubDate>Wed, 18 Nov 2026 02:00:00 GMT</pubDate></item></channel></rss>';
    const feed = parseFeed(rss, NOW)!;
    expect(feed.title).toBe('江城发布');
    expect(feed.items[0]!.date!.toISOString()).toBe('2026-11-18T02:00:00.000Z');
  });

  it('reads Atom published and updated (YouTube channel feeds)', () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Channel</title><entry><id>yt:video:a</id><published>2026-11-01T08:00:00+00:00</published></entry><entry><id>b</id><updated>2026-10-01T08:00:00Z</updated></entry></feed>';
    expect(parseFeed(atom, NOW)!.items.map((i) => i.date!.toISOString())).toEqual(['2026-11-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z']);
  });

  it('takes an empty or undated feed for no-dates, never for a zombie', () => {
    const origin = { url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCx', source: 'platform' as const };
    expect(feedObservation({ items: [] }, origin)).toMatchObject({ datesUnknown: { reason: 'no-dates' } });
    expect(feedObservation({ items: [{ id: 'a' }] }, origin)).toMatchObject({ datesUnknown: { reason: 'no-dates' }, proof: { list: { undated: 1 } } });
  });

  it('refuses what is not a feed', () => {
    expect(parseFeed('<html><body>503</body></html>', NOW)).toBeUndefined();
  });
});

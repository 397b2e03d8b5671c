import { cheerio } from './cheerio.js';
import type { HttpClient } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { observationFromFailure, undated } from './common.js';
import { parseAnyDate } from './dates.js';
import type { Observation, Post, Unknown } from './observation.js';

/*
 * Feeds (RSS 2.0, Atom, YouTube channel feeds, and RSSHub routes that render
 * the hard platforms). A feed gives dates but no totals, and an empty feed
 * proves nothing by itself: it is `no-dates`, never a zombie.
 */

export interface ParsedFeed {
  title?: string;
  items: { id: string; date?: Date }[];
}

/** Reads RSS 2.0 (`item`/`pubDate`) and Atom (`entry`/`published`/`updated`); undefined when it is neither. */
export function parseFeed(xml: string, now: Date): ParsedFeed | undefined {
  if (!/<(rss|feed|rdf:RDF)[\s>]/i.test(xml)) return undefined;
  const $ = cheerio().load(xml, { xml: true });
  const entries = $('item, entry').toArray();
  const text = (element: unknown, selector: string) => $(element as never).children(selector).first().text().trim();
  return {
    title: $('channel > title, feed > title').first().text().trim() || undefined,
    items: entries.map((entry) => {
      const stamp = text(entry, 'pubDate') || text(entry, 'published') || text(entry, 'updated') || text(entry, 'dc\\:date');
      return { id: text(entry, 'guid') || text(entry, 'id') || text(entry, 'link'), date: stamp ? parseAnyDate(stamp, now) : undefined };
    }),
  };
}

export function feedObservation(feed: ParsedFeed): Observation {
  const posts: Post[] = feed.items.flatMap((item) => (item.date ? [{ id: item.id, at: item.date, pinned: false }] : []));
  const profile = { name: feed.title };
  if (!posts.length) {
    const detail = feed.items.length ? `the feed lists ${feed.items.length} items without dates` : 'the feed lists no items';
    return undated(profile, { reason: 'no-dates', detail });
  }
  return { kind: 'found', profile, posts };
}

/** Fetches and reads one feed; RSSHub answers its errors with HTTP 503 pages. */
export async function observeFeed(http: HttpClient, url: string, now: Date, signal: AbortSignal): Promise<Observation> {
  try {
    const response = await http.fetch({ url, headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' } }, signal);
    const failed = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });
    if (response.status === 429) return failed('rate-limited', 'HTTP 429');
    if (response.status >= 400) return failed('blocked', `the feed server answered HTTP ${response.status} (an RSSHub error page, if RSSHub)`);
    const feed = parseFeed(response.body, now);
    if (!feed) return failed('layout-changed', 'the answer is not an RSS or Atom feed');
    return feedObservation(feed);
  } catch (error) {
    return observationFromFailure(error);
  }
}

export const FEED_HOSTS = ['www.youtube.com'];

function createObserver(ctx: ObserveContext): Observer {
  return (account, signal) => observeFeed(ctx.http, account.id, ctx.now, signal);
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const feed = {
  id: 'feed',
  label: { en: 'Feed (RSS/Atom)', 'zh-CN': '订阅源（RSS/Atom）' },
  aliases: ['feed', 'rss', 'atom', 'rsshub', 'youtube', '订阅', '订阅源'],
  urlForms: [{ hosts: FEED_HOSTS, path: /^\/feeds\/videos\.xml$/, keepParams: ['channel_id', 'user', 'playlist_id'], wholeUrl: true }],
  // Any http(s) URL on a host the user allowed (--feed-host, the RSSHub instance): checked by the list reader.
  idPattern: /^https?:\/\/\S+$/,
  idExample: 'https://www.youtube.com/feeds/videos.xml?channel_id=UC… or a feed URL on a host named with --feed-host',
  examples: [
    {
      input: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCxyz&utm_source=x',
      id: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCxyz',
      url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCxyz',
    },
    { input: 'https://www.youtube.com/watch?v=abc', id: null },
  ],
  profileUrl: (url: string) => url,
  hosts: FEED_HOSTS,
  capabilities: ['dates'],
  createObserver,
} satisfies PlatformAdapter;
// Stryker restore all

import { cheerio } from './cheerio.js';
import type { HttpClient } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { observationFromFailure } from './common.js';
import { parseAnyDate } from './dates.js';
import type { Observation, Post, Proof, Unknown } from './observation.js';
import type { Source } from '../audit/status.js';
import { redactUrl } from '../fetch/redact.js';

/*
 * Feeds (RSS 2.0, Atom, YouTube channel feeds, RSSHub routes that render the
 * hard platforms, and the user's WeChat bridge). A feed is the head of an
 * account's list: it gives dates but no totals and never says whether older
 * posts follow, and an empty feed proves nothing by itself: it is `no-dates`,
 * never a zombie. A third party's feed (RSSHub, a bridge) proves silence only
 * when it shows itself fresh (proof rule 6): its build time is kept.
 */

export interface ParsedFeed {
  title?: string;
  /** When the feed says it was built: RSS `channel > lastBuildDate`, Atom `feed > updated`. */
  builtAt?: Date;
  /** What made it (`<generator>`): RSSHub, WeWe-RSS, Mp-We-Rss… */
  generator?: string;
  items: { id: string; date?: Date }[];
}

/** Reads RSS 2.0 (`item`/`pubDate`) and Atom (`entry`/`published`/`updated`); undefined when it is neither. */
export function parseFeed(xml: string, now: Date): ParsedFeed | undefined {
  if (!/<(rss|feed|rdf:RDF)[\s>]/i.test(xml)) return undefined;
  const $ = cheerio().load(xml, { xml: true });
  const entries = $('item, entry').toArray();
  const text = (element: unknown, selector: string) => $(element as never).children(selector).first().text().trim();
  const built = $('channel > lastBuildDate, feed > updated').first().text().trim();
  const generator = $('channel > generator, feed > generator').first().text().trim();
  return {
    title: $('channel > title, feed > title').first().text().trim() || undefined,
    ...(built && parseAnyDate(built, now) ? { builtAt: parseAnyDate(built, now) } : {}),
    ...(generator ? { generator } : {}),
    items: entries.map((entry) => {
      const stamp = text(entry, 'pubDate') || text(entry, 'published') || text(entry, 'updated') || text(entry, 'dc\\:date');
      return { id: text(entry, 'guid') || text(entry, 'id') || text(entry, 'link'), date: stamp ? parseAnyDate(stamp, now) : undefined };
    }),
  };
}

/** Where a feed came from: its address (the account's own, or a route naming it) and who serves it. */
export interface FeedOrigin {
  url: string;
  source: Source;
}

/**
 * What a feed proves. The request named the account (the feed's address is
 * the account's, or a route built from its id); the feed names no account id
 * itself. It is the head of the list: `more`, since a feed never says the
 * list ends there. Undated items are counted, never dropped.
 */
function feedProof(feed: ParsedFeed, origin: FeedOrigin): Proof {
  return {
    // The address without its access key: the subject is written to the journal.
    subject: redactUrl(origin.url),
    source: origin.source,
    answers: [{ what: 'feed', requestNames: true, names: [] }],
    list: { read: true, paging: 'more', undated: feed.items.filter((item) => !item.date).length },
    ...(feed.builtAt ? { feedBuiltAt: feed.builtAt } : {}),
  };
}

export function feedObservation(feed: ParsedFeed, origin: FeedOrigin): Observation {
  const posts: Post[] = feed.items.flatMap((item) => (item.date ? [{ id: item.id, at: item.date, pinned: false }] : []));
  const profile = { name: feed.title };
  const proof = feedProof(feed, origin);
  if (!posts.length) {
    const detail = feed.items.length ? `the feed lists ${feed.items.length} items without dates` : 'the feed lists no items';
    return { kind: 'found', profile, posts: [], datesUnknown: { reason: 'no-dates', detail }, proof };
  }
  return { kind: 'found', profile, posts, proof };
}

/**
 * Fetches and reads one feed; RSSHub answers its errors with HTTP 503 pages.
 * `source` says whose feed it is: the account's own (`platform`, YouTube),
 * an RSSHub route (`rsshub`) or the user's WeChat bridge (`bridge`).
 */
export async function observeFeed(http: HttpClient, url: string, now: Date, signal: AbortSignal, source: Source = 'platform'): Promise<Observation> {
  const feed = await fetchFeed(http, url, now, signal);
  return 'kind' in feed ? feed : feedObservation(feed, { url, source: servedBy(feed, source) });
}

/** A feed listed as the account's own that RSSHub made (its `<generator>`) is RSSHub's copy: a third party's. */
const servedBy = (feed: ParsedFeed, source: Source): Source => (source === 'platform' && feed.generator === 'RSSHub' ? 'rsshub' : source);

/** One feed, read, or why it could not be. */
export async function fetchFeed(http: HttpClient, url: string, now: Date, signal: AbortSignal): Promise<ParsedFeed | Unknown> {
  try {
    const response = await http.fetch({ url, headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' } }, signal);
    const failed = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });
    if (response.status === 429) return failed('rate-limited', 'HTTP 429');
    if (response.status >= 400) return failed('blocked', `the feed server answered HTTP ${response.status} (an RSSHub error page, if RSSHub)`);
    return parseFeed(response.body, now) ?? failed('layout-changed', 'the answer is not an RSS or Atom feed');
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
  idExample: {
    en: 'https://www.youtube.com/feeds/videos.xml?channel_id=UC… or a feed URL on a host named with --feed-host',
    'zh-CN': 'https://www.youtube.com/feeds/videos.xml?channel_id=UC…，或用 --feed-host 允许的域名上的订阅源地址',
  },
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

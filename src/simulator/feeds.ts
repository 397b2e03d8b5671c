import { listedPosts, type PlatformScenario } from './common.js';
import { SIMULATOR_NOW } from './server.js';
import type { PlatformSimulator, SimRequest, SimResponse } from './types.js';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * YouTube channel feeds (Atom) at www.youtube.com, and an RSSHub instance
 * (RSS 2.0) on any other host, routed by path: /douyin/user/:id,
 * /kuaishou/profile/:id, /bilibili/user/video/:mid, /weibo/user/:uid,
 * /xiaohongshu/user/:id/notes. Accounts are keyed by their route or channel
 * id. RSSHub's channel carries its `<generator>RSSHub</generator>` and the
 * `<lastBuildDate>` it renders (lib/views/rss.tsx): here a few minutes before
 * the audit instant `now`. Behaviours: normal, undated (items without
 * dates), error (RSSHub's 503).
 */
export function feedSimulator(scenario: PlatformScenario, now: Date = SIMULATOR_NOW): PlatformSimulator & { handlesAnyHost: true } {
  const built = new Date(now.getTime() - 5 * 60_000).toUTCString();
  const rss = (title: string, items: string[]): SimResponse => ({
    status: 200,
    headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel><title>${escape(title)}</title><link>https://docs.rsshub.app</link><description>${escape(title)} - Powered by RSSHub</description><generator>RSSHub</generator><language>en</language><lastBuildDate>${built}</lastBuildDate><ttl>5</ttl>${items.join('')}</channel></rss>`,
  });

  const youtube = (request: SimRequest): SimResponse => {
    const account = scenario.accounts[`youtube:${request.query.get('channel_id') ?? ''}`];
    if (!account) return { status: 404, body: '' };
    const entries = listedPosts(account).map((p, i) => `<entry><id>yt:video:sim${i}</id><title>video ${i}</title><published>${p.at.toISOString()}</published></entry>`);
    return {
      status: 200,
      headers: { 'content-type': 'application/atom+xml; charset=UTF-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(account.name ?? '')}</title>${entries.join('')}</feed>`,
    };
  };

  const rsshub = (request: SimRequest): SimResponse => {
    const account = scenario.accounts[request.path];
    if (!account || account.behaviour === 'error') {
      return { status: 503, body: '<html><body><h1>Looks like something went wrong in RSSHub</h1></body></html>', headers: { 'content-type': 'text/html' } };
    }
    const items = listedPosts(account).map((p, i) => {
      const date = account.behaviour === 'undated' ? '' : `<pubDate>${p.at.toUTCString()}</pubDate>`;
      return `<item><title>post ${i}</title><guid>${escape(request.path)}#${i}</guid>${date}</item>`;
    });
    return rss(account.name ?? request.path, items);
  };

  return {
    hosts: ['www.youtube.com'],
    handlesAnyHost: true,
    handle: (request) => (request.host === 'www.youtube.com' ? youtube(request) : rsshub(request)),
  };
}

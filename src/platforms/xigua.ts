import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asText, at, blockFromStatus, observationFromFailure } from './common.js';
import { fromEpoch } from './dates.js';
import { scriptAssignment } from './page-state.js';
import type { ListFacts, Observation, Post, Proof, Unknown } from './observation.js';

/*
 * Xigua (西瓜视频). Field notes: shared/research/toutiao-wechat.md § 2. No
 * real capture of a Xigua page exists and nothing says the site still serves
 * user pages: the shape read here is RSSHub's (`SSR_HYDRATED_DATA`, since
 * October 2024 a `var data = {…}` script, before it `window._SSR_HYDRATED_DATA`)
 * and is marked reconstructed in fixtures/SIMULATOR.md. RSSHub's route is the
 * dependable source; a page without its state is a block, never an account
 * that does not exist.
 */

const WEB = 'https://www.ixigua.com';

const unknown = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });

/** Statuses and ByteDance's script challenge (`__ac_nonce`, byted_acrawler) before any parser. */
export function detectXiguaBlock(response: HttpResponse): Unknown | undefined {
  const { status, body } = response;
  const byStatus = blockFromStatus(response) ?? (status >= 400 ? unknown('blocked', `HTTP ${status}`) : undefined);
  if (byStatus) return byStatus;
  if (!body.trim()) return unknown('blocked', 'empty answer');
  if (/__ac_nonce|byted_acrawler|__ac_signature/.test(body) && !/SSR_HYDRATED_DATA/.test(body)) {
    return unknown('blocked', 'ByteDance’s script challenge (__ac_nonce) instead of the page');
  }
  return undefined;
}

/** The page's server-side state, in either of the two shapes RSSHub has read. */
function hydratedState(html: string): unknown {
  return scriptAssignment(html, /(?:\bvar\s+data|window\._SSR_HYDRATED_DATA)\s*=\s*/);
}

/** Who asked: the uid the page was requested by (the request names it). */
export interface XiguaRequest {
  subject: string;
}

/**
 * `AuthorDetailInfo.name` and `AuthorVideoList.videoList[].{groupId,
 * publishTime (s)}` (reconstructed from RSSHub's parser), with the facts the
 * proof rules need. The state names no account id that is known to be the
 * author's, so the answer is bound by the request alone; it says nothing of
 * more videos and shows no total, so a list without videos proves nothing. A
 * video without a readable date is counted, never dropped.
 */
export function readXiguaPage(html: string, request: XiguaRequest): Observation {
  const state = hydratedState(html);
  const name = asText(at(state, 'AuthorDetailInfo', 'name'));
  if (!state || !name) return unknown('layout-changed', 'no SSR_HYDRATED_DATA.AuthorDetailInfo in the page');
  const videos = at(state, 'AuthorVideoList', 'videoList');
  const listed = Array.isArray(videos) ? videos : [];
  const posts: Post[] = [];
  for (const video of listed) {
    const date = fromEpoch(at(video, 'publishTime'));
    if (date) posts.push({ id: String(at(video, 'groupId') ?? ''), at: date, pinned: false });
  }
  const list: ListFacts = { read: Array.isArray(videos), paging: 'unknown', undated: listed.length - posts.length };
  const proof: Proof = { subject: request.subject, source: 'platform', answers: [{ what: 'user page', requestNames: true, names: [] }], list };
  const found = { kind: 'found' as const, profile: { name }, posts, proof };
  if (!Array.isArray(videos)) return { ...found, datesUnknown: { reason: 'layout-changed', detail: 'no AuthorVideoList.videoList in the page state' } };
  // Kept so that the scan asks RSSHub: its feed may date what the page would not.
  if (!listed.length) return { ...found, datesUnknown: { reason: 'no-dates', detail: 'the page listed no video, and Xigua shows no video total' } };
  return found;
}

function createObserver(ctx: ObserveContext): Observer {
  return async (account, signal) => {
    try {
      const response = await ctx.http.fetch({ url: `${WEB}/home/${account.id}/?wid_try=1`, headers: { referer: `${WEB}/` } }, signal);
      return detectXiguaBlock(response) ?? readXiguaPage(response.body, { subject: account.id });
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const xigua = {
  id: 'xigua',
  label: { en: 'Xigua Video', 'zh-CN': '西瓜视频' },
  aliases: ['xigua', 'ixigua', '西瓜', '西瓜视频', '西瓜号'],
  urlForms: [
    { hosts: ['www.ixigua.com', 'ixigua.com', 'm.ixigua.com'], path: /^\/home\/(?<id>\d{5,20})(?:\/video)?\/?$/ },
  ],
  idPattern: /^\d{5,20}$/,
  idExample: {
    en: '4234740937 (the number in https://www.ixigua.com/home/<number>/)',
    'zh-CN': '4234740937（即 https://www.ixigua.com/home/<数字>/ 中的数字）',
  },
  examples: [
    { input: 'https://www.ixigua.com/home/4234740937/?source=pgc_author_name&list_entrance=search', id: '4234740937', url: 'https://www.ixigua.com/home/4234740937/' },
    { input: 'https://www.ixigua.com/home/3342105524571859/video/', id: '3342105524571859' },
    { input: '4234740937', id: '4234740937' },
    { input: 'https://www.ixigua.com/7212345678901234567', id: null },
    { input: '江城发布', id: null },
  ],
  profileUrl: (id: string) => `${WEB}/home/${id}/`,
  hosts: ['www.ixigua.com'],
  capabilities: ['name', 'dates'],
  rsshubRoute: (id: string) => `/ixigua/user/video/${id}`,
  probeAccount: '4234740937',
  createObserver,
} satisfies PlatformAdapter;
// Stryker restore all

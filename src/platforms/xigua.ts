import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { asText, at, blockFromStatus, observationFromFailure, undated } from './common.js';
import { fromEpoch } from './dates.js';
import { scriptAssignment } from './page-state.js';
import type { Observation, Post, Unknown } from './observation.js';

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

/**
 * `AuthorDetailInfo.name` and `AuthorVideoList.videoList[].{groupId,
 * publishTime (s)}` (reconstructed from RSSHub's parser). A list without
 * videos proves nothing: Xigua shows no video total to tell "never posted".
 */
export function readXiguaPage(html: string): Observation {
  const state = hydratedState(html);
  const name = asText(at(state, 'AuthorDetailInfo', 'name'));
  const videos = at(state, 'AuthorVideoList', 'videoList');
  if (!state || !name) return unknown('layout-changed', 'no SSR_HYDRATED_DATA.AuthorDetailInfo in the page');
  const posts: Post[] = [];
  for (const video of Array.isArray(videos) ? videos : []) {
    const date = fromEpoch(at(video, 'publishTime'));
    if (date) posts.push({ id: String(at(video, 'groupId') ?? ''), at: date, pinned: false });
  }
  if (!posts.length) return undated({ name }, { reason: 'no-dates', detail: 'the page listed no dated video, and Xigua shows no video total' });
  return { kind: 'found', profile: { name }, posts };
}

function createObserver(ctx: ObserveContext): Observer {
  return async (account, signal) => {
    try {
      const response = await ctx.http.fetch({ url: `${WEB}/home/${account.id}/?wid_try=1`, headers: { referer: `${WEB}/` } }, signal);
      return detectXiguaBlock(response) ?? readXiguaPage(response.body);
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
  idExample: '4234740937 (the number in https://www.ixigua.com/home/<number>/)',
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

import { htmlPage, listedPosts, type PlatformScenario, type SimAccount } from './common.js';
import type { PlatformSimulator, SimResponse } from './types.js';

/**
 * Answers as Xigua's user page did for RSSHub: the state in
 * `<script id="SSR_HYDRATED_DATA">var data = {…};</script>`, JavaScript's
 * `undefined` in it. All of it is reconstructed from RSSHub's parser (no real
 * capture of a Xigua page exists). Behaviours: normal, challenge (ByteDance's
 * `__ac_nonce` script page, what a script most likely gets), layout (a page
 * with no state), empty (the state lists no video), undated-first (the
 * newest video comes without its `publishTime`).
 */
export function xiguaSimulator(scenario: PlatformScenario): PlatformSimulator {
  const page = (id: string, account: SimAccount): SimResponse => {
    const html = (body: string): SimResponse => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
    if (account.behaviour === 'challenge') {
      return html(`<html><head><meta charset="utf-8"></head><body><script>var __ac_nonce="0sim${id}";/* byted_acrawler */document.cookie="__ac_nonce="+__ac_nonce;</script></body></html>`);
    }
    if (account.behaviour === 'layout') return html(htmlPage('西瓜视频', '<div id="App"></div>'));
    const videos = account.behaviour === 'empty' ? [] : listedPosts(account).map((post, i) => ({
      title: `视频 ${i}`,
      groupId: `7${String(i).padStart(18, '0')}`,
      publishTime: account.behaviour === 'undated-first' && i === 0 ? undefined : Math.floor(post.at.getTime() / 1000),
      coverUrl: undefined,
    }));
    const state = { AuthorDetailInfo: { name: account.name, introduce: '' }, AuthorVideoList: { videoList: videos } };
    const script = `var data = ${JSON.stringify(state, (_key, value: unknown) => (value === undefined ? '__undefined__' : value)).replace(/"__undefined__"/g, 'undefined')};`;
    return html(htmlPage(`${account.name ?? ''}的个人主页 - 西瓜视频`, `<div id="App"></div><script id="SSR_HYDRATED_DATA">${script}</script>`));
  };

  return {
    hosts: ['www.ixigua.com'],
    handle(request) {
      const id = /^\/home\/(\d+)\/?$/.exec(request.path)?.[1] ?? '';
      const account = scenario.accounts[id];
      return account ? page(id, account) : { status: 404, body: htmlPage('404', '<p>页面不存在</p>') };
    },
  };
}

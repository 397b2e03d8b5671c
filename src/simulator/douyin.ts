import { cookieNames, htmlPage, listedPosts, loadRealAnswer, postCount, readText, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/**
 * Answers as Douyin does: the JSON APIs give an empty 200 body and the
 * profile page the real captcha page unless the browser cookies `ttwid` and
 * `msToken` come along. Behaviours: normal, missing, banned, captcha, login
 * (the API redirects to a login page), empty-list (posts counted, none
 * listed), layout (unknown shapes everywhere).
 */
export function douyinSimulator(scenario: PlatformScenario, fixturesDir: string): PlatformSimulator {
  const profileTemplate = loadRealAnswer(fixturesDir, 'douyin', 'web-user-profile-other-2023.json') as { user: Record<string, unknown> };
  const postTemplate = loadRealAnswer(fixturesDir, 'douyin', 'aweme-post-pinned-first-2023.json') as { aweme_list: Record<string, unknown>[] };
  const captchaPage = readText(fixturesDir, 'douyin', 'user-page-captcha-middle-page-2023.html');
  const captcha: SimResponse = { status: 200, body: captchaPage, headers: { 'content-type': 'text/html' } };

  const profile = (secUid: string, account: SimAccount): SimResponse => {
    if (account.behaviour === 'missing') return jsonResponse({ status_code: 0, status_msg: '用户不存在', user: null });
    const body = structuredClone(profileTemplate);
    Object.assign(body.user, { sec_uid: secUid, nickname: account.name, follower_count: account.fans ?? 0, aweme_count: postCount(account), is_ban: account.behaviour === 'banned' });
    return jsonResponse(body);
  };

  const postList = (account: SimAccount): SimResponse => {
    if (account.behaviour === 'empty-list') return jsonResponse({ status_code: 0 });
    const body = structuredClone(postTemplate);
    const template = body.aweme_list[0]!;
    body.aweme_list = listedPosts(account).map((post, i) => ({
      ...structuredClone(template),
      aweme_id: `7${String(i).padStart(18, '0')}`,
      create_time: Math.floor(post.at.getTime() / 1000),
      is_top: post.pinned ? 1 : 0,
    }));
    return jsonResponse(body);
  };

  /** Reconstructed: platforms.md's RENDER_DATA shape, URL-encoded as the page carries it. */
  const page = (secUid: string, account: SimAccount): SimResponse => {
    const state = {
      app: { isSpider: false },
      '41': {
        user: { user: { nickname: account.name, followerCount: account.fans ?? 0, awemeCount: postCount(account), secUid } },
        post: { data: listedPosts(account).map((p, i) => ({ awemeId: `7${i}`, desc: '', createTime: Math.floor(p.at.getTime() / 1000), isTop: p.pinned ? 1 : 0 })) },
      },
    };
    const script = `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(state))}</script>`;
    return { status: 200, body: htmlPage(`${account.name}的抖音 - 抖音`, script), headers: { 'content-type': 'text/html; charset=utf-8' } };
  };

  return {
    hosts: ['www.douyin.com', 'v.douyin.com'],
    handle(request: SimRequest) {
      if (request.host === 'v.douyin.com') {
        const secUid = scenario.aliases?.[request.path.replace(/\//g, '')];
        return secUid
          ? { status: 302, body: '', headers: { location: `https://www.iesdouyin.com/share/user/${secUid}?sec_uid=${secUid}&u_code=sim` } }
          : { status: 404, body: '' };
      }
      const withCookies = ['ttwid', 'msToken'].every((name) => cookieNames(request.headers.cookie).has(name));
      const secUid = request.query.get('sec_user_id') ?? request.path.replace(/^\/user\//, '');
      const account = scenario.accounts[secUid] ?? { behaviour: 'missing' };
      const isPage = request.path.startsWith('/user/');
      if (!withCookies || account.behaviour === 'captcha') return isPage ? captcha : { status: 200, body: '' };
      if (account.behaviour === 'empty-list' && isPage) return captcha;
      if (account.behaviour === 'login') return { status: 302, body: '', headers: { location: 'https://sso.douyin.com/login/?service=https%3A%2F%2Fwww.douyin.com' } };
      if (account.behaviour === 'layout') {
        return isPage ? { status: 200, body: htmlPage('抖音', '<div id="root"></div>') } : jsonResponse({ status_code: 0, data: { profile: {} } });
      }
      if (isPage) return page(secUid, account);
      if (request.path === '/aweme/v1/web/user/profile/other/') return profile(secUid, account);
      if (request.path === '/aweme/v1/web/aweme/post/') return postList(account);
      return { status: 404, body: '' };
    },
  };
}

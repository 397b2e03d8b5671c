import { cookieNames, htmlPage, htmlResponse, listedPosts, loadRealAnswer, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import { automationCheck, SimLogin } from './browser.js';

/** The real pages send an automated browser to the captcha page. */
const GUARD = `<script>${automationCheck}if(__automated())location.replace('/website-login/captcha?redirectPath='+encodeURIComponent(location.href)+'&verifyType=102&verifyBiz=461');</script>`;

/**
 * Answers as Xiaohongshu's pages do: without the `web_session` cookie the
 * profile state is logged out with no notes (a login wall). Behaviours:
 * normal, missing, banned, captcha (HTTP 461 with a body that looks like an
 * empty success), layout, hang (the profile page never answers), notes-loading
 * (logged in, the notes tab not loaded yet: it lists nothing). The notes'
 * ids carry their dates, as the real ones do; note pages are not served.
 */
export function xiaohongshuSimulator(scenario: PlatformScenario, fixturesDir: string): PlatformSimulator & { login: SimLogin } {
  const login = new SimLogin('web_session', '.xiaohongshu.com');
  const template = loadRealAnswer(fixturesDir, 'xiaohongshu', 'user-profile-initial-state-2023.json') as Record<string, Record<string, unknown>>;
  const statePage = (state: unknown) => ({
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    // As the real page: a JavaScript assignment, with `undefined` where JSON would have null.
    body: htmlPage('小红书', `<script>window.__INITIAL_STATE__=${JSON.stringify(state).replace(/null/g, 'undefined')}</script>${GUARD}`),
  });

  const profile = (id: string, account: SimAccount, loggedIn: boolean): SimResponse => {
    const state = structuredClone(template);
    const user = state.user as Record<string, unknown> & { userPageData: Record<string, unknown> };
    user.loggedIn = loggedIn;
    user.bannedInfo = account.behaviour === 'banned' ? { code: 1, showAlert: true, reason: '账号违规，已被封禁' } : { code: 0, showAlert: false, reason: '' };
    if (account.behaviour === 'missing') user.userPageData = { result: { success: false, code: -1, message: '用户不存在' } };
    else {
      Object.assign(user.userPageData.basicInfo as object, { nickname: account.name });
      user.userPageData.interactions = [
        { type: 'follows', name: '关注', count: '12' },
        { type: 'fans', name: '粉丝', count: String(account.fans ?? 0) },
        { type: 'interaction', name: '获赞与收藏', count: '1万+' },
      ];
    }
    const notes = loggedIn
      ? listedPosts(account).map((post, i) => ({
          id: noteId(id, post.at, i),
          noteCard: { noteId: noteId(id, post.at, i), displayTitle: `笔记 ${i}`, xsecToken: `XYZsim${i}`, interactInfo: { sticky: post.pinned, likedCount: '3' } },
        }))
      : [];
    user.notes = [notes, [], []];
    // The notes tab of a page saved before it finished loading lists nothing yet.
    user.userNoteFetchingStatus = account.behaviour === 'notes-loading' ? 'loading' : 'resolved';
    if (account.behaviour === 'notes-loading') user.notes = [[], [], []];
    return statePage(state);
  };

  return {
    hosts: ['www.xiaohongshu.com'],
    login,
    handle(request) {
      if (request.path === '/sim-login/status') return login.status();
      if (request.path === '/login') return login.page();
      if (request.path === '/website-login/captcha') return htmlResponse('安全验证', '<div id="red-captcha">请通过验证</div>');
      if (request.path === '/' || request.path === '/explore') return htmlResponse('小红书 - 你的生活指南', '<div id="app"></div>');
      if (request.path.startsWith('/explore/')) return { status: 404, body: '' };
      const id = request.path.replace(/^\/user\/profile\//, '');
      const account = scenario.accounts[id] ?? { behaviour: 'missing' };
      if (account.behaviour === 'captcha') return captcha();
      if (account.behaviour === 'hang') return { status: 200, body: '', delayMs: 600_000 };
      if (account.behaviour === 'layout') return { status: 200, body: htmlPage('小红书', '<div id="app"></div>') };
      if (account.behaviour === 'login') return { status: 302, body: '', headers: { location: `/login?redirectPath=${encodeURIComponent(request.path)}` } };
      return profile(id, account, cookieNames(request.headers.cookie).has('web_session'));
    },
  };
}

/** Xiaohongshu's captcha: HTTP 461 with a body that looks like an empty success. */
function captcha(): SimResponse {
  return { ...jsonResponse({ code: 0, success: true, data: {} }, 461), headers: { 'content-type': 'application/json', verifytype: '102', verifyuuid: 'sim-uuid' } };
}

/** Note ids as the real ones: the creation time in 8 hex digits, then 16 more (here the owner's and the index). */
function noteId(userId: string, at: Date, index: number): string {
  const seconds = Math.floor(at.getTime() / 1000).toString(16).padStart(8, '0');
  return `${seconds}${userId.slice(0, 12)}${index.toString(16).padStart(4, '0')}`;
}

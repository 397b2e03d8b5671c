import { cookieNames, htmlPage, htmlResponse, listedPosts, loadRealAnswer, postCount, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import { automationCheck, SimLogin } from './browser.js';

/** The real pages send an automated browser to the captcha page. */
const GUARD = `<script>${automationCheck}if(__automated())location.replace('/website-login/captcha?redirectPath='+encodeURIComponent(location.href)+'&verifyType=102&verifyBiz=461');</script>`;

/** Notes the page's first query lists (`noteQueries[0].num` in the real state). */
const PAGE_SIZE = 30;
/** Another account's id, as a `bannedInfo` of the newer shape may name the viewer. */
const VIEWER = '632fb88d00000000230398a1';
const DAY_MS = 86_400_000;

/**
 * Answers as Xiaohongshu's pages do, from the real 2023 page state: without
 * the `web_session` cookie the profile state is logged out with no notes (a
 * login wall). The state names the account in `noteQueries[].userId` and its
 * notes' `noteCard.user.userId`, and says whether more notes follow
 * (`noteQueries[0].hasMore`); it states no note count. Behaviours: normal,
 * missing, banned (a newer-shape `bannedInfo` naming the account, no notes),
 * captcha (HTTP 461 with a body that looks like an empty success), layout,
 * hang (the profile page never answers), login, notes-loading (the notes tab
 * not loaded yet: it lists nothing), tab-arrays (per-tab values as arrays,
 * `userNoteFetchingStatus: ["resolved"]`), token-required (a link without
 * `xsec_token` is sent to the risk page, error_code 300017), banned-viewer (a
 * `bannedInfo` naming another account beside the notes shown),
 * time-disagrees (the newest note's card states a time 200 days before its
 * id's). More notes counted (`count`) than listed: `hasMore` is true. Short
 * links (`xhslink.com`, `xhslink.cn`) answer a 302 whose Location is the
 * profile with a token. Note pages are not served.
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
    user.bannedInfo = bannedInfo(id, account);
    if (account.behaviour === 'missing') user.userPageData = { result: { success: false, code: -1, message: '用户不存在' } };
    else {
      Object.assign(user.userPageData.basicInfo as object, { nickname: account.name });
      user.userPageData.interactions = [
        { type: 'follows', name: '关注', count: '12' },
        { type: 'fans', name: '粉丝', count: String(account.fans ?? 0) },
        { type: 'interaction', name: '获赞与收藏', count: '1万+' },
      ];
    }
    const shown = loggedIn && account.behaviour !== 'banned' && account.behaviour !== 'notes-loading' ? noteCards(id, account) : [];
    const more = shown.length > 0 && postCount(account) > shown.length;
    user.notes = [shown, [], []];
    user.noteQueries = [0, 1, 2].map((tab) => ({ num: PAGE_SIZE, cursor: tab === 0 && more ? shown.at(-1)!.id : '', userId: id, hasMore: tab === 0 ? more : true }));
    // The notes tab of a page saved before it finished loading lists nothing yet.
    user.userNoteFetchingStatus = account.behaviour === 'notes-loading' ? 'pending' : 'resolved';
    if (account.behaviour === 'tab-arrays') {
      // The per-tab shape of newer pages (xiaohongshu-mcp's captured state).
      user.userNoteFetchingStatus = ['resolved'];
      user.isFetchingNotes = [false, false, false];
    }
    return statePage(state);
  };

  return {
    hosts: ['www.xiaohongshu.com', 'xhslink.com', 'xhslink.cn'],
    login,
    handle(request) {
      if (request.host === 'xhslink.com' || request.host === 'xhslink.cn') return shortLink(scenario, request);
      if (request.path === '/sim-login/status') return login.status();
      if (request.path === '/login') return login.page();
      if (request.path === '/website-login/captcha') return htmlResponse('安全验证', '<div id="red-captcha">请通过验证</div>');
      if (request.path === '/website-login/error') return htmlResponse('小红书', `<p>${request.query.get('error_msg') ?? '访问异常'}</p>`);
      if (request.path === '/' || request.path === '/explore') return htmlResponse('小红书 - 你的生活指南', '<div id="app"></div>');
      if (request.path.startsWith('/explore/')) return { status: 404, body: '' };
      const id = request.path.replace(/^\/user\/profile\//, '');
      const account = scenario.accounts[id] ?? { behaviour: 'missing' };
      if (account.behaviour === 'captcha') return captcha();
      if (account.behaviour === 'hang') return { status: 200, body: '', delayMs: 600_000 };
      if (account.behaviour === 'layout') return { status: 200, body: htmlPage('小红书', '<div id="app"></div>') };
      if (account.behaviour === 'login') return { status: 302, body: '', headers: { location: `/login?redirectPath=${encodeURIComponent(request.path)}` } };
      if (account.behaviour === 'token-required' && !request.query.get('xsec_token')) return riskPage(request);
      return profile(id, account, cookieNames(request.headers.cookie).has('web_session'));
    },
  };
}

/** The notes tab as the real state lists it: ids carry their dates, cards name their author. */
function noteCards(userId: string, account: SimAccount) {
  return listedPosts(account)
    .slice(0, PAGE_SIZE)
    .map((post, i) => {
      const id = noteId(userId, post.at, i);
      // Reconstructed: the real profile state's cards state no time; a note's own page does (`time`, ms).
      const time = account.behaviour === 'time-disagrees' && i === 0 ? { time: post.at.getTime() - 200 * DAY_MS } : {};
      return {
        id,
        xsecToken: `XYZsim${i}`,
        noteCard: {
          type: 'normal',
          noteId: id,
          displayTitle: `笔记 ${i}`,
          user: { userId, nickname: account.name, nickName: account.name },
          interactInfo: { sticky: post.pinned, liked: false, likedCount: '3' },
          ...time,
        },
        index: i,
        exposed: false,
      };
    });
}

/**
 * `bannedInfo`: the 2023 shape (`code`, `showAlert`, `reason`) when clear;
 * the newer one adds `userId`, `serverBanned`, `api` (field-check-2026-12;
 * values reconstructed).
 */
function bannedInfo(id: string, account: SimAccount): Record<string, unknown> {
  if (account.behaviour === 'banned') return { code: 1, showAlert: true, reason: '账号违规，已被封禁', userId: id, serverBanned: true, api: 'user_profile' };
  if (account.behaviour === 'banned-viewer') return { code: 1, showAlert: false, reason: '账号异常', userId: VIEWER, serverBanned: true, api: 'user_me' };
  return { code: 0, showAlert: false, reason: '' };
}

/** A profile link without its token, as Xiaohongshu answers it: the risk page, 300017 访问链接异常 (Folo #1777). */
function riskPage(request: SimRequest): SimResponse {
  const redirectPath = encodeURIComponent(`https://www.xiaohongshu.com${request.path}`);
  return { status: 302, body: '', headers: { location: `/website-login/error?redirectPath=${redirectPath}&error_code=300017&error_msg=${encodeURIComponent('访问链接异常')}` } };
}

/** xhslink.com/<code>: a 302 to the profile with a share token, as the app's links do (reconstructed). */
function shortLink(scenario: PlatformScenario, request: SimRequest): SimResponse {
  const id = scenario.aliases?.[request.path.replace(/^\/|\/$/g, '')];
  if (!id) return { status: 404, body: '' };
  return { status: 302, body: '', headers: { location: `https://www.xiaohongshu.com/user/profile/${id}?xsec_token=ABsimShare&xsec_source=app_share` } };
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

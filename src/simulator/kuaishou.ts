import { cookieNames, listedPosts, loadRealAnswer, postCount, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import { automationCheck, scriptPage, signedPart, signerScript, simSignature, SimLogin } from './browser.js';

/**
 * Answers as Kuaishou's GraphQL does (result 2001, a captcha, without the
 * browser cookie `did`, which the profile page sets). The post list moved to
 * `POST /rest/v/profile/feed` in 2026, signed by the page (`__NS_hxfalcon`):
 * unsigned it answers `result: 50`, and so does the old GraphQL list
 * (reconstructed). The profile page is the app: its script fetches the
 * profile, then the signed list; a missing or banned account's page says so.
 * Behaviours: normal, missing and banned (no userProfile; the profile page
 * says why), captcha, login (result 109), rate-limited (result 2), wrong-id
 * (result 21), layout, hang (the post list never answers), unnamed (no
 * userProfile, and the page says nothing: its words 用户不存在 … sit only in a
 * script, as every page's do).
 */
export function kuaishouSimulator(scenario: PlatformScenario, fixturesDir: string, secret: string): PlatformSimulator & { login: SimLogin } {
  const login = new SimLogin('passToken', '.kuaishou.com');
  const profileTemplate = loadRealAnswer(fixturesDir, 'kuaishou', 'graphql-visionProfile-2022.json') as {
    data: { visionProfile: { userProfile: { ownerCount: Record<string, unknown>; profile: Record<string, unknown> } } };
  };
  const photoTemplate = loadRealAnswer(fixturesDir, 'kuaishou', 'graphql-visionProfilePhotoList-2022.json') as {
    data: { visionProfilePhotoList: { feeds: { photo: Record<string, unknown> }[]; pcursor: string } };
  };
  const resultOnly = (operation: string, result: number) => jsonResponse({ data: { [operation]: { result, __typename: 'VisionProfileResult' } } });

  const profile = (id: string, account: SimAccount): SimResponse => {
    if (account.behaviour === 'missing' || account.behaviour === 'banned' || account.behaviour === 'unnamed') {
      return jsonResponse({ data: { visionProfile: { result: 1, hostName: 'sim', userProfile: null } } });
    }
    if (account.behaviour === 'layout') return jsonResponse({ data: { visionProfile: { result: 1, userProfile: { owner: { name: account.name } } } } });
    const body = structuredClone(profileTemplate);
    const fans = account.fans ?? 0;
    Object.assign(body.data.visionProfile.userProfile.ownerCount, { fan: fans >= 10_000 ? `${Math.round(fans / 1000) / 10}w` : String(fans), photo: null, photo_public: postCount(account) });
    Object.assign(body.data.visionProfile.userProfile.profile, { user_name: account.name, user_id: id });
    return jsonResponse(body);
  };

  /** The 2026 list (`/rest/v/profile/feed`): `{result, pcursor, feeds}`, feeds shaped as GraphQL's (reconstructed). */
  const feed = (request: SimRequest): SimResponse => {
    const { text, signature } = signedPart(request, '__NS_hxfalcon');
    const { user_id: id } = JSON.parse(request.body || '{}') as { user_id?: string };
    if (!cookieNames(request.headers.cookie).has('did') || signature !== simSignature(secret, `${text}|${request.body}`)) return jsonResponse({ result: 50, error_msg: '签名验证失败' });
    const account = scenario.accounts[id ?? ''] ?? { behaviour: 'missing' };
    if (account.behaviour === 'hang') return { status: 200, body: '', delayMs: 600_000 };
    const template = photoTemplate.data.visionProfilePhotoList.feeds[0]!;
    const feeds = listedPosts(account).map((post, i) => ({
      ...structuredClone(template),
      photo: { ...template.photo, id: `3xsim${i}`, timestamp: post.at.getTime(), profileUserTopPhoto: post.pinned ? true : null },
    }));
    return jsonResponse({ result: 1, pcursor: 'no_more', feeds });
  };

  /** The app: the profile over GraphQL, then the signed list; an automated browser gets the safety check. */
  const page = (id: string, account: SimAccount | undefined): SimResponse => {
    const gone = !account || account.behaviour === 'missing' || account.behaviour === 'banned';
    const notice = gone ? `<div class="user-error">${account?.behaviour === 'banned' ? '该用户已被封禁' : '用户不存在'}</div>` : '<div id="app"></div>';
    const script = `${automationCheck}${signerScript(secret)}(function(){
if(__automated()){document.title='安全验证';document.body.innerHTML='<div class="captcha-box">请完成安全验证</div>';return;}
if(${account?.behaviour === 'layout'})return;
var post=function(u,b){return fetch(u,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(b)}).then(function(r){return r.json()})};
post('/graphql',{operationName:'visionProfile',variables:{userId:${JSON.stringify(id)}},query:'query visionProfile($userId: String) { visionProfile(userId: $userId) { result userProfile { ownerCount { fan photo_public } profile { user_name user_id } } } }'}).then(function(j){
var p=j&&j.data&&j.data.visionProfile;if(!p||!p.userProfile)return;
var body=JSON.stringify({user_id:${JSON.stringify(id)},pcursor:'',page:'profile'});var q='caver=2';
return fetch('/rest/v/profile/feed?'+q+'&__NS_hxfalcon='+__sign(q+'|'+body),{method:'POST',headers:{'content-type':'application/json'},body:body});});})();`;
    // The visitor cookie GraphQL wants is set by the page itself, as kuaishou.com does.
    // As an app does: its translations ship in a script, for every user, gone or not.
    const page = scriptPage('快手', notice, `var __i18n={userNotFound:'用户不存在',userBanned:'该用户已被封禁',userCancelled:'账号已注销'};${script}`);
    return { ...page, headers: { ...page.headers, 'set-cookie': `did=web_sim${Math.random().toString(16).slice(2)}; Path=/; Domain=.kuaishou.com; Max-Age=31536000` } };
  };

  const graphql = (request: SimRequest): SimResponse => {
    const { operationName, variables } = JSON.parse(request.body || '{}') as { operationName?: string; variables?: { userId?: string } };
    const operation = operationName ?? '';
    if (!cookieNames(request.headers.cookie).has('did')) return resultOnly(operation, 2001);
    const account = scenario.accounts[variables?.userId ?? ''] ?? { behaviour: 'missing' };
    const codes: Record<string, number> = { captcha: 400002, login: 109, 'rate-limited': 2, 'wrong-id': 21 };
    if (account.behaviour && codes[account.behaviour]) return resultOnly(operation, codes[account.behaviour]!);
    // The list went to the signed REST endpoint in 2026; the old GraphQL list is refused unsigned (reconstructed).
    return operation === 'visionProfile' ? profile(variables?.userId ?? '', account) : resultOnly(operation, 50);
  };

  return {
    hosts: ['www.kuaishou.com', 'live.kuaishou.com'],
    login,
    handle(request) {
      if (request.path === '/graphql' && request.method === 'POST') return graphql(request);
      if (request.path === '/rest/v/profile/feed' && request.method === 'POST') return feed(request);
      if (request.path === '/sim-login/status') return login.status();
      if (request.path === '/' || request.path === '/login') return login.page();
      const id = request.path.replace(/^\/profile\//, '');
      return page(id, scenario.accounts[id]);
    },
  };
}

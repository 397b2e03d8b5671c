import { cookieNames, listedPosts, loadRealAnswer, postCount, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import { automationCheck, scriptPage, signedPart, signerScript, simSignature, SimLogin } from './browser.js';

/**
 * Answers as Kuaishou does. GraphQL (result 2001, a captcha, without the
 * browser cookie `did`, which the profile page sets) follows the real 2022
 * captures. Since 2026 the page signs REST calls (`__NS_hxfalcon`):
 * `POST /rest/v/profile/feed` for the posts (`{result, pcursor, feeds}`,
 * feeds shaped as GraphQL's, `pcursor` "no_more" at the end), and for some
 * accounts `POST /rest/v/profile/user` instead of GraphQL for the profile;
 * `/rest/v/profile/get` answers with the logged-in viewer's own profile
 * (reconstructed from notes: fixtures/SIMULATOR.md). Unsigned, the REST calls
 * and the GraphQL list answer `result: 50`.
 *
 * Behaviours: normal; missing and banned (no userProfile; the page's words
 * say why); unnamed (no userProfile, and the page says nothing); captcha
 * (400002), login (109), rate-limited (2), wrong-id (21); layout; hang (the
 * post list never answers); rest (the page sends REST only, and GraphQL
 * answers result 2 with no user, as it does to a visitor); unsigned (the list
 * refuses even the page's signature: result 50); pinned-only (the list holds
 * only the pinned posts and a cursor for more); null-count (`photo` and
 * `photo_public` null); micros (timestamps in microseconds).
 */
export function kuaishouSimulator(scenario: PlatformScenario, fixturesDir: string, secret: string): PlatformSimulator & { login: SimLogin } {
  const login = new SimLogin('passToken', '.kuaishou.com');
  const profileTemplate = loadRealAnswer(fixturesDir, 'kuaishou', 'graphql-visionProfile-2022.json') as {
    data: { visionProfile: { userProfile: { ownerCount: Record<string, unknown>; profile: Record<string, unknown> } } };
  };
  const photoTemplate = loadRealAnswer(fixturesDir, 'kuaishou', 'graphql-visionProfilePhotoList-2022.json') as {
    data: { visionProfilePhotoList: { feeds: { author: Record<string, unknown>; photo: Record<string, unknown> }[]; pcursor: string } };
  };
  const account = (id: string | undefined): SimAccount => scenario.accounts[id ?? ''] ?? { behaviour: 'missing' };
  const noUser = (behaviour: string | undefined) => behaviour === 'missing' || behaviour === 'banned' || behaviour === 'unnamed';
  const CODES: Record<string, number> = { captcha: 400002, login: 109, 'rate-limited': 2, 'wrong-id': 21 };

  /** `userProfile` as GraphQL gives it: the fan count rounded, the post count exact unless the account has none to show. */
  const userProfile = (id: string, sim: SimAccount) => {
    const body = structuredClone(profileTemplate.data.visionProfile.userProfile);
    const fans = sim.fans ?? 0;
    const count = sim.behaviour === 'null-count' ? null : postCount(sim);
    Object.assign(body.ownerCount, { fan: fans >= 10_000 ? `${Math.round(fans / 1000) / 10}w` : String(fans), photo: null, photo_public: count });
    Object.assign(body.profile, { user_name: sim.name, user_id: id });
    return body;
  };

  const visionProfile = (id: string, sim: SimAccount): SimResponse => {
    if (noUser(sim.behaviour)) return jsonResponse({ data: { visionProfile: { result: 1, hostName: 'sim', userProfile: null } } });
    // A page that moved to REST: GraphQL answers as it does to a visitor (result 2, no user).
    if (sim.behaviour === 'rest') return jsonResponse({ data: { visionProfile: { result: 2, userProfile: null, __typename: 'VisionProfileResult' } } });
    if (sim.behaviour === 'layout') return jsonResponse({ data: { visionProfile: { result: 1, userProfile: { owner: { name: sim.name } } } } });
    return jsonResponse({ data: { visionProfile: { result: 1, hostName: 'sim', userProfile: userProfile(id, sim) } } });
  };

  /** `POST /rest/v/profile/user` (reconstructed): GraphQL's `userProfile` with exact counts, and the 快手号 beside. */
  const restProfile = (id: string, sim: SimAccount): SimResponse => {
    if (noUser(sim.behaviour)) return jsonResponse({ result: 1, userProfile: null });
    const body = userProfile(id, sim);
    Object.assign(body.ownerCount, { fan: sim.fans ?? 0, like: 0 });
    return jsonResponse({ result: 1, userProfile: { ...body, userDefineId: '1578000000', isFollowing: false } });
  };

  /** The feed items, shaped as the real GraphQL item with this account as the author. */
  const feedItems = (id: string, sim: SimAccount) => {
    const template = photoTemplate.data.visionProfilePhotoList.feeds[0]!;
    const posts = listedPosts(sim).filter((post) => sim.behaviour !== 'pinned-only' || post.pinned);
    return posts.map((post, i) => ({
      ...structuredClone(template),
      author: { ...template.author, id, name: sim.name },
      photo: { ...template.photo, id: `3xsim${i}`, timestamp: sim.behaviour === 'micros' ? post.at.getTime() * 1000 : post.at.getTime(), profileUserTopPhoto: post.pinned ? true : null },
    }));
  };

  /** The page's signature over the query and the body; without it, or without the page's cookie, `result: 50`. */
  const signed = (request: SimRequest) => {
    const { text, signature } = signedPart(request, '__NS_hxfalcon');
    return cookieNames(request.headers.cookie).has('did') && signature === simSignature(secret, `${text}|${request.body}`);
  };
  const unsigned = () => jsonResponse({ result: 50, error_msg: '签名验证失败' });

  const feed = (request: SimRequest): SimResponse => {
    if (!signed(request)) return unsigned();
    const { user_id: id } = JSON.parse(request.body || '{}') as { user_id?: string };
    const sim = account(id);
    if (sim.behaviour === 'hang') return { status: 200, body: '', delayMs: 600_000 };
    if (sim.behaviour === 'unsigned') return unsigned();
    if (sim.behaviour && CODES[sim.behaviour]) return jsonResponse({ result: CODES[sim.behaviour] });
    // One page holds every post, so the cursor says the end; a pinned-only page says more follow.
    const pcursor = sim.behaviour === 'pinned-only' ? '1.648548115016E12' : 'no_more';
    return jsonResponse({ result: 1, llsid: '2005176069751607249', pcursor, feeds: feedItems(id ?? '', sim) });
  };

  const profileUser = (request: SimRequest): SimResponse => {
    if (!signed(request)) return unsigned();
    const { user_id: id } = JSON.parse(request.body || '{}') as { user_id?: string };
    const sim = account(id);
    if (sim.behaviour && CODES[sim.behaviour]) return jsonResponse({ result: CODES[sim.behaviour] });
    return restProfile(id ?? '', sim);
  };

  /** `/rest/v/profile/get`: the logged-in viewer's own profile, whoever's page it is (reconstructed); 109 to a visitor. */
  const profileGet = (request: SimRequest): SimResponse => {
    if (!signed(request)) return unsigned();
    if (!cookieNames(request.headers.cookie).has('passToken')) return jsonResponse({ result: 109 });
    return jsonResponse({ result: 1, userId: '3xsimviewer', userDefineId: '2695872552', userName: '访客', fans: 3, follows: 10, like: 0 });
  };

  /** The app: the profile (GraphQL, or REST for a page that moved), the viewer's own profile/get, then the signed list. */
  const page = (id: string, sim: SimAccount | undefined): SimResponse => {
    const gone = !sim || sim.behaviour === 'missing' || sim.behaviour === 'banned';
    const notice = gone ? `<div class="user-error">${sim?.behaviour === 'banned' ? '该用户已被封禁' : '用户不存在'}</div>` : '<div id="app"></div>';
    const rest = sim?.behaviour === 'rest';
    const script = `${automationCheck}${signerScript(secret)}(function(){
if(__automated()){document.title='安全验证';document.body.innerHTML='<div class="captcha-box">请完成安全验证</div>';return;}
if(${sim?.behaviour === 'layout'})return;
var signed=function(p,b){var q='caver=2';return fetch(p+'?'+q+'&__NS_hxfalcon='+__sign(q+'|'+b),{method:'POST',headers:{'content-type':'application/json'},body:b}).then(function(r){return r.json()})};
var list=function(){return signed('/rest/v/profile/feed',JSON.stringify({user_id:${JSON.stringify(id)},pcursor:'',page:'profile'}));};
signed('/rest/v/profile/get','');
if(${rest}){signed('/rest/v/profile/user',JSON.stringify({user_id:${JSON.stringify(id)}})).then(function(j){if(j&&j.userProfile)return list();});return;}
fetch('/graphql',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({operationName:'visionProfile',variables:{userId:${JSON.stringify(id)}},query:'query visionProfile($userId: String) { visionProfile(userId: $userId) { result userProfile { ownerCount { fan photo_public } profile { user_name user_id } } } }'})}).then(function(r){return r.json()}).then(function(j){
var p=j&&j.data&&j.data.visionProfile;if(!p||!p.userProfile)return;return list();});})();`;
    // The visitor cookie GraphQL wants is set by the page itself, as kuaishou.com does.
    // As an app does: its translations ship in a script, for every user, gone or not.
    const html = scriptPage('快手', notice, `var __i18n={userNotFound:'用户不存在',userBanned:'该用户已被封禁',userCancelled:'账号已注销'};${script}`);
    return { ...html, headers: { ...html.headers, 'set-cookie': `did=web_sim${Math.random().toString(16).slice(2)}; Path=/; Domain=.kuaishou.com; Max-Age=31536000` } };
  };

  const graphql = (request: SimRequest): SimResponse => {
    const { operationName, variables } = JSON.parse(request.body || '{}') as { operationName?: string; variables?: { userId?: string } };
    const operation = operationName ?? '';
    const resultOnly = (result: number) => jsonResponse({ data: { [operation]: { result, __typename: 'VisionProfileResult' } } });
    if (!cookieNames(request.headers.cookie).has('did')) return resultOnly(2001);
    const sim = account(variables?.userId);
    if (sim.behaviour && CODES[sim.behaviour]) return resultOnly(CODES[sim.behaviour]!);
    // The list went to the signed REST endpoint in 2026; the old GraphQL list is refused unsigned (reconstructed).
    return operation === 'visionProfile' ? visionProfile(variables?.userId ?? '', sim) : resultOnly(50);
  };

  /** Short links: the 302 names the profile; one that leads to a video, or off Kuaishou, is a fixture too. */
  const shortLink = (code: string): SimResponse => {
    const target = scenario.aliases?.[code];
    return target ? { status: 302, body: '', headers: { location: target.startsWith('http') ? target : `https://www.kuaishou.com/profile/${target}?fid=0&shareType=sim` } } : { status: 404, body: '' };
  };

  return {
    hosts: ['www.kuaishou.com', 'live.kuaishou.com', 'v.kuaishou.com'],
    login,
    handle(request) {
      if (request.host === 'v.kuaishou.com') return shortLink(request.path.replace(/\//g, ''));
      if (request.path.startsWith('/f/')) return shortLink(request.path.slice(3).replace(/\//g, ''));
      if (request.path === '/graphql' && request.method === 'POST') return graphql(request);
      if (request.path === '/rest/v/profile/feed' && request.method === 'POST') return feed(request);
      if (request.path === '/rest/v/profile/user' && request.method === 'POST') return profileUser(request);
      if (request.path === '/rest/v/profile/get') return profileGet(request);
      if (request.path === '/sim-login/status') return login.status();
      if (request.path === '/' || request.path === '/login') return login.page();
      const id = request.path.replace(/^\/profile\//, '');
      return page(id, scenario.accounts[id]);
    },
  };
}

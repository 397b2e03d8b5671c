import { cookieNames, listedPosts, loadRealAnswer, postCount, readText, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import { automationCheck, scriptPage, signedPart, signerScript, simSignature, SimLogin } from './browser.js';

/**
 * Answers as Douyin does: the JSON APIs give an empty 200 body unless the
 * request carries the cookies `ttwid` and `msToken` and the page's own
 * `a_bogus` signature; a profile page asked without `ttwid` is a script
 * challenge that sets the visitor cookies and reloads (what a browser passes
 * and a script does not). The profile page is the app: its script signs and
 * fetches the profile, then the posts. Behaviours: normal, missing, banned,
 * captcha (the real captcha page), login (a redirect to the login site),
 * empty-list (posts counted, none listed), layout (a page that asks for
 * nothing, answers of unknown shape), hang (the post list never answers).
 */
export function douyinSimulator(scenario: PlatformScenario, fixturesDir: string, secret: string): PlatformSimulator & { login: SimLogin } {
  const login = new SimLogin('sessionid', '.douyin.com');
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

  /** The app as a browser gets it: no account data in the document, a script that signs and fetches it. */
  const page = (secUid: string, account: SimAccount): SimResponse => {
    const fetchesNothing = account.behaviour === 'layout';
    const script = `${automationCheck}${signerScript(secret)}(function(){
if(__automated()){document.title='验证码中间页';document.body.innerHTML='<div id="captcha_container"></div>';return;}
if(${fetchesNothing})return;
var ms=(document.cookie.match(/msToken=([^;]+)/)||[])[1]||'';
var base='device_platform=webapp&aid=6383&channel=channel_pc_web&sec_user_id=${secUid}&msToken='+ms;
fetch('/aweme/v1/web/user/profile/other/?'+base+'&a_bogus='+__sign(base)).then(function(r){return r.text()}).then(function(t){
var j;try{j=JSON.parse(t)}catch(e){return}
if(!j.user||j.user.is_ban)return;document.title=j.user.nickname+'的抖音 - 抖音';
var q=base+'&count=18&max_cursor=0&locate_query=false&publish_video_strategy_type=2';
return fetch('/aweme/v1/web/aweme/post/?'+q+'&a_bogus='+__sign(q));});})();`;
    return scriptPage('抖音', '<div id="root"></div>', script);
  };

  /** Douyin's first answer to a browser without visitor cookies: a script sets them and reloads. */
  const challenge = scriptPage(
    '抖音',
    '',
    "document.cookie='ttwid=1%7Csim'+Math.random().toString(16).slice(2)+'; path=/; domain=.douyin.com';document.cookie='msToken=sim'+Math.random().toString(16).slice(2)+'; path=/; domain=.douyin.com';location.reload();",
  );

  const signed = (request: SimRequest) => {
    const { text, signature } = signedPart(request, 'a_bogus');
    return signature === simSignature(secret, text);
  };

  return {
    hosts: ['www.douyin.com', 'v.douyin.com', 'sso.douyin.com'],
    login,
    handle(request: SimRequest) {
      if (request.host === 'sso.douyin.com') return scriptPage('登录 - 抖音', '<div id="login-panel-new">扫码登录</div>', '');
      if (request.path === '/sim-login/status') return login.status();
      // The home page shows the QR login panel to a visitor, as douyin.com does.
      if (request.path === '/' || request.path === '/login/') return login.page();
      if (request.host === 'v.douyin.com') {
        const secUid = scenario.aliases?.[request.path.replace(/\//g, '')];
        return secUid
          ? { status: 302, body: '', headers: { location: `https://www.iesdouyin.com/share/user/${secUid}?sec_uid=${secUid}&u_code=sim` } }
          : { status: 404, body: '' };
      }
      const cookies = cookieNames(request.headers.cookie);
      const secUid = request.query.get('sec_user_id') ?? request.path.replace(/^\/user\//, '');
      const account = scenario.accounts[secUid] ?? { behaviour: 'missing' };
      const isPage = request.path.startsWith('/user/');
      if (account.behaviour === 'captcha') return isPage ? captcha : { status: 200, body: '' };
      if (isPage && !cookies.has('ttwid')) return challenge;
      if (account.behaviour === 'login') return { status: 302, body: '', headers: { location: 'https://sso.douyin.com/login/?service=https%3A%2F%2Fwww.douyin.com' } };
      if (isPage) return page(secUid, account);
      // An API request without the visitor cookies or the page's signature: the empty body Douyin gives a bot.
      if (!cookies.has('ttwid') || !cookies.has('msToken') || !signed(request)) return { status: 200, body: '' };
      if (account.behaviour === 'layout') return jsonResponse({ status_code: 0, data: { profile: {} } });
      if (account.behaviour === 'hang' && request.path === '/aweme/v1/web/aweme/post/') return { status: 200, body: '', delayMs: 600_000 };
      if (request.path === '/aweme/v1/web/user/profile/other/') return profile(secUid, account);
      if (request.path === '/aweme/v1/web/aweme/post/') return postList(account);
      return { status: 404, body: '' };
    },
  };
}

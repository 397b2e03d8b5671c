import { cookieNames, listedPosts, loadRealAnswer, postCount, readText, type PlatformScenario, type SimAccount, type SimVerification } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';
import { automationCheck, scriptPage, signedPart, signerScript, simSignature, SimLogin } from './browser.js';

/**
 * Answers as Douyin does: the JSON APIs give an empty 200 body unless the
 * request carries the cookies `ttwid` and `msToken` and the page's own
 * `a_bogus` signature; a profile page asked without `ttwid` is a script
 * challenge that sets the visitor cookies and reloads (what a browser passes
 * and a script does not). The profile page is the app: its script signs and
 * fetches the profile, then the posts. Answers name the account as the real
 * ones do (`user.sec_uid`, each post's `author.sec_uid`), post ids carry their
 * creation time (aweme_id >> 32), and the list pages by `count` and
 * `max_cursor` with `has_more`. Behaviours: normal, missing, banned,
 * cancelled (a profile marked deleted), captcha (the real captcha page),
 * login (a redirect to the login site), empty-list (`status_code: 0` without
 * `aweme_list`), layout (a page that asks for nothing, answers of unknown
 * shape), hang (the post list never answers), microseconds (`create_time` in
 * µs), other-first / other-only (the page loads a recommended account's
 * profile and posts first, or only).
 */
/**
 * A verification in Douyin's fields, as the real 2020 answer for 央视新闻 has
 * them: a 政务 or media account carries `is_gov_media_vip` and both texts, an
 * organisation `enterprise_verify_reason`, a person `custom_verify` only.
 */
function douyinVerificationFields(verification: SimVerification | undefined) {
  const kind = verification?.kind;
  const text = verification?.text ?? '';
  return {
    is_gov_media_vip: kind === 'government' || kind === 'media',
    custom_verify: text,
    enterprise_verify_reason: kind && kind !== 'person' ? text : '',
  };
}

export function douyinSimulator(scenario: PlatformScenario, fixturesDir: string, secret: string): PlatformSimulator & { login: SimLogin } {
  const login = new SimLogin('sessionid', '.douyin.com');
  const profileTemplate = loadRealAnswer(fixturesDir, 'douyin', 'web-user-profile-other-2023.json') as { user: Record<string, unknown> };
  const postTemplate = loadRealAnswer(fixturesDir, 'douyin', 'aweme-post-pinned-first-2023.json') as DouyinPostAnswer;
  const captchaPage = readText(fixturesDir, 'douyin', 'user-page-captcha-middle-page-2023.html');
  const captcha: SimResponse = { status: 200, body: captchaPage, headers: { 'content-type': 'text/html' } };

  const profile = (secUid: string, account: SimAccount): SimResponse => {
    if (account.behaviour === 'missing') return jsonResponse({ status_code: 0, status_msg: '用户不存在', user: null });
    const body = structuredClone(profileTemplate);
    Object.assign(body.user, { sec_uid: secUid, nickname: account.name, follower_count: account.fans ?? 0, aweme_count: postCount(account), is_ban: account.behaviour === 'banned', ...douyinVerificationFields(account.verification) });
    // Reconstructed from the field notes (KK push.ts): a cancelled account answers as a profile with both marks.
    if (account.behaviour === 'cancelled') Object.assign(body.user, { nickname: '账号已注销', aweme_count: 0, follower_count: 0, user_deleted: true, special_state_info: { special_state: 1 } });
    return jsonResponse(body);
  };

  const postList = (secUid: string, account: SimAccount, query: URLSearchParams): SimResponse => {
    if (account.behaviour === 'empty-list') return jsonResponse({ status_code: 0 });
    const body = structuredClone(postTemplate);
    const template = body.aweme_list[0]!;
    const listed = account.behaviour === 'cancelled' ? [] : listedPosts(account);
    const { items, hasMore } = pageOf(listed, Number(query.get('count')) || 18, Number(query.get('max_cursor')) || 0);
    const ordinary = items.filter((post) => !post.pinned);
    body.aweme_list = items.map((post, i) => {
      const seconds = Math.floor(post.at.getTime() / 1000);
      const item = structuredClone(template);
      Object.assign(item.author as object, { sec_uid: secUid, nickname: account.name });
      return {
        ...item,
        aweme_id: awemeId(seconds, i),
        create_time: account.behaviour === 'microseconds' ? seconds * 1_000_000 : seconds,
        is_top: post.pinned ? 1 : 0,
      };
    });
    // The cursors are milliseconds (min: the newest ordinary post listed, max: the oldest), as in the real answer.
    Object.assign(body, {
      has_more: hasMore ? 1 : 0,
      min_cursor: ordinary[0]?.at.getTime() ?? 0,
      max_cursor: ordinary.at(-1)?.at.getTime() ?? (Number(query.get('max_cursor')) || 0),
    });
    return jsonResponse(body);
  };

  /** The app as a browser gets it: no account data in the document, a script that signs and fetches it. */
  const page = (secUid: string, account: SimAccount): SimResponse => {
    const fetchesNothing = account.behaviour === 'layout';
    // A recommended account the page loads on the same paths, before (or instead of) the one asked for.
    const others = account.behaviour === 'other-first' || account.behaviour === 'other-only' ? [RECOMMENDED] : [];
    const script = `${automationCheck}${signerScript(secret)}(function(){
if(__automated()){document.title='验证码中间页';document.body.innerHTML='<div id="captcha_container"></div>';return;}
if(${fetchesNothing})return;
var ms=(document.cookie.match(/msToken=([^;]+)/)||[])[1]||'';var own=${JSON.stringify(secUid)};
function load(sec){
var base='device_platform=webapp&aid=6383&channel=channel_pc_web&sec_user_id='+sec+'&msToken='+ms;
return fetch('/aweme/v1/web/user/profile/other/?'+base+'&a_bogus='+__sign(base)).then(function(r){return r.text()}).then(function(t){
var j;try{j=JSON.parse(t)}catch(e){return}
if(!j.user||j.user.is_ban)return;if(sec===own)document.title=j.user.nickname+'的抖音 - 抖音';
var q=base+'&count=18&max_cursor=0&locate_query=false&publish_video_strategy_type=2';
return fetch('/aweme/v1/web/aweme/post/?'+q+'&a_bogus='+__sign(q)).then(function(r){return r.text()});});}
${JSON.stringify(others)}.reduce(function(p,s){return p.then(function(){return load(s)})},Promise.resolve()).then(function(){if(${account.behaviour !== 'other-only'})return load(own)});
})();`;
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
      if (request.path === '/aweme/v1/web/aweme/post/') return postList(secUid, account, request.query);
      return { status: 404, body: '' };
    },
  };
}

/** The real post answer's shape, as far as the simulator sets it. */
interface DouyinPostAnswer {
  aweme_list: Record<string, unknown>[];
}

/** The account a simulated profile page recommends, whose answers arrive on the same paths. */
const RECOMMENDED = 'MS4wLjABAAAAsim-active';

/** A post id as Douyin makes them: the creation time in the high bits (id >> 32 is the second), a sequence below. */
function awemeId(seconds: number, index: number): string {
  return ((BigInt(seconds) << 32n) | BigInt((index * 2654435761 + 12345) >>> 0)).toString();
}

/**
 * One page of the list, as the web API gives it: the pinned posts on the
 * first page only, then up to `count` ordinary posts older than `maxCursor`
 * (milliseconds; 0 for the first page), and whether more follow.
 */
function pageOf(listed: { at: Date; pinned: boolean }[], count: number, maxCursor: number): { items: { at: Date; pinned: boolean }[]; hasMore: boolean } {
  const pinned = maxCursor ? [] : listed.filter((post) => post.pinned);
  const ordinary = listed.filter((post) => !post.pinned && (!maxCursor || post.at.getTime() < maxCursor));
  return { items: [...pinned, ...ordinary.slice(0, count)], hasMore: ordinary.length > count };
}

import { listedPosts, readText, type PlatformScenario, type SimAccount } from './common.js';
import { automationCheck, signedPart, signerScript, simSignature } from './browser.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/**
 * Answers as Toutiao does. The profile page is the real 2025 capture with
 * its own account in `RENDER_DATA` (no posts, dates or totals in it, as in
 * the capture) and, in place of Toutiao's security SDK, a script that signs
 * the user-feed request with the run's secret. The feed (reconstructed from
 * RSSHub's parser: `{message, data[], has_more, next}`, `publish_time` in
 * seconds, `is_stick` on pinned items, the author in `user_info.user_id`)
 * answers an unsigned request with an empty success, as Toutiao's blocked
 * answers look. Behaviours: normal, banned (`banStatus: true`), missing
 * (reconstructed: a page whose state names no user), captcha (a verification
 * page), login (a redirect to the login page), layout (a page with no state
 * that asks for nothing), hang (the feed never answers), recommend-first (the
 * page asks for its recommendations, `category=pc_profile_recommend`, other
 * accounts' fresh articles, before the account's own list), recommend-only
 * (it asks for nothing else).
 */
/** A channel id of the kind RSSHub's channel route passes (reconstructed). */
const RECOMMEND_CHANNEL = '3189398999';

/** What the recommendation feed lists: other accounts, posting this morning (dated against the fixtures' instant). */
const RECOMMENDED = [
  { userId: '50000000001', name: '别家日报', at: '2026-11-20T09:30:00+08:00' },
  { userId: '50000000002', name: '别家新闻', at: '2026-11-20T08:45:00+08:00' },
];

/** An account's numeric user id, as feed items name their author: the numeric form itself, else one made from the token. */
function userIdOf(token: string): string {
  if (/^\d+$/.test(token)) return token;
  let hash = 7;
  for (const ch of token) hash = (hash * 31 + ch.codePointAt(0)!) % 1_000_000_000;
  return String(60_000_000_000 + hash);
}

export function toutiaoSimulator(scenario: PlatformScenario, fixturesDir: string, secret: string): PlatformSimulator {
  // The real page without its third-party scripts (they would reach the internet) and without its state.
  const template = readText(fixturesDir, 'toutiao', 'profile-page-ssr-2025.html')
    .replace(/<script\b[^>]*\bsrc=[^>]*>\s*<\/script>/g, '')
    .replace(/<script id="RENDER_DATA" type="application\/json">[\s\S]*?<\/script>/, '<!--RENDER_DATA-->');
  const state = JSON.parse(readText(fixturesDir, 'toutiao', 'profile-render-data-2025.json')) as { data: { profileUserInfo: Record<string, unknown> | null; title: string } };

  const html = (body: string, title: string) => ({
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: template.replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`).replace('<!--RENDER_DATA-->', body),
  });

  const page = (id: string, account: SimAccount): SimResponse => {
    if (account.behaviour === 'captcha') return html('<div id="captcha_container"></div>', '验证码中间页');
    if (account.behaviour === 'layout') return html('<div id="root"></div>', '今日头条');
    if (account.behaviour === 'login') return { status: 302, body: '', headers: { location: '/auth/login/?redirect_url=%2F' } };
    const data = structuredClone(state);
    data.data.profileUserInfo =
      account.behaviour === 'missing' ? null : { ...data.data.profileUserInfo, userId: id, name: account.name, screenName: account.name, banStatus: account.behaviour === 'banned', userVerified: Boolean(account.verification) };
    data.data.title = `${account.name ?? ''}的头条主页`;
    const own = `category=profile_all&token=${id}&max_behot_time=0&entrance_gid=&aid=24&app_name=toutiao_web`;
    // The recommendation feed RSSHub's channel route calls (field notes § 5): same path, another category.
    const recommended = `channel_id=${RECOMMEND_CHANNEL}&category=pc_profile_recommend&max_behot_time=0&aid=24&app_name=toutiao_web`;
    const asks = account.behaviour === 'recommend-only' ? [recommended] : account.behaviour === 'recommend-first' ? [recommended, own] : [own];
    const script = `${automationCheck}${signerScript(secret)}(async function(){
if(__automated()){document.title='验证码中间页';document.body.innerHTML='<div id="captcha_container"></div>';return;}
for(var q of ${JSON.stringify(asks)}){var path=/profile_all/.test(q)?'/api/pc/list/user/feed?':'/api/pc/list/feed?';await fetch(path+q+'&a_bogus='+__sign(q)).then(function(r){return r.text()});}})();`;
    const render = `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(data))}</script><script>${script}</script>`;
    return html(render, `${account.name ?? ''}的头条主页 - 今日头条`);
  };

  /** Other accounts' fresh articles, as a recommendation feed lists them: never the account's own. */
  const recommendations = (): SimResponse => {
    const data = RECOMMENDED.map((other, i) => ({
      cell_type: 60,
      group_id: `73${String(i).padStart(17, '0')}`,
      title: `推荐 ${i}`,
      publish_time: Math.floor(Date.parse(other.at) / 1000),
      behot_time: Math.floor(Date.parse(other.at) / 1000),
      user_info: { user_id: other.userId, name: other.name },
    }));
    return jsonResponse({ message: 'success', data, has_more: true, next: { max_behot_time: data.at(-1)!.behot_time } });
  };

  const feed = (request: SimRequest): SimResponse => {
    const { text, signature } = signedPart(request, 'a_bogus');
    const signed = signature === simSignature(secret, text);
    if (signed && request.query.get('category') === 'pc_profile_recommend') return recommendations();
    const token = request.query.get('token') ?? '';
    const account = scenario.accounts[token];
    // Unsigned, or no such account: an empty success, which is what Toutiao's blocked answers look like.
    if (!signed || !account) return jsonResponse({ message: 'success', data: [], has_more: false, next: { max_behot_time: 0 } });
    if (account.behaviour === 'hang') return { status: 200, body: '', delayMs: 600_000 };
    const data = listedPosts(account).map((post, i) => ({
      cell_type: 60,
      group_id: `72${String(i).padStart(17, '0')}`,
      title: `文章 ${i}`,
      publish_time: Math.floor(post.at.getTime() / 1000),
      behot_time: Math.floor(post.at.getTime() / 1000),
      is_stick: post.pinned,
      user_info: { user_id: userIdOf(token), name: account.name },
    }));
    return jsonResponse({ message: 'success', data, has_more: false, next: { max_behot_time: data.at(-1)?.behot_time ?? 0 } });
  };

  return {
    hosts: ['www.toutiao.com'],
    handle(request) {
      if (request.path.startsWith('/api/pc/list/')) return feed(request);
      if (request.path === '/auth/login/') return html('<div class="login-box">登录</div>', '登录 - 今日头条');
      const id = decodeURIComponent(/^\/c\/user\/(?:token\/)?([^/]+)\/?$/.exec(request.path)?.[1] ?? '');
      return page(id, scenario.accounts[id] ?? { behaviour: 'missing' });
    },
  };
}

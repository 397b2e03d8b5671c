import { listedPosts, readText, type PlatformScenario, type SimAccount } from './common.js';
import { automationCheck, signedPart, signerScript, simSignature } from './browser.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/**
 * Answers as Toutiao does. The profile page is the real 2025 capture with
 * its own account in `RENDER_DATA` (no posts, dates or totals in it, as in
 * the capture) and, in place of Toutiao's security SDK, a script that signs
 * the user-feed request with the run's secret. The feed (reconstructed from
 * RSSHub's parser: `{message, data[], has_more, next}`, `publish_time` in
 * seconds, `is_stick` on pinned items) answers an unsigned request with an
 * empty success, as Toutiao's blocked answers look. Behaviours: normal,
 * banned (`banStatus: true`), missing (reconstructed: a page whose state
 * names no user), captcha (a verification page), login (a redirect to the
 * login page), layout (a page with no state that asks for nothing), hang
 * (the feed never answers).
 */
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
      account.behaviour === 'missing' ? null : { ...data.data.profileUserInfo, userId: id, name: account.name, screenName: account.name, banStatus: account.behaviour === 'banned' };
    data.data.title = `${account.name ?? ''}的头条主页`;
    const query = `category=profile_all&token=${id}&max_behot_time=0&entrance_gid=&aid=24&app_name=toutiao_web`;
    const script = `${automationCheck}${signerScript(secret)}(function(){
if(__automated()){document.title='验证码中间页';document.body.innerHTML='<div id="captcha_container"></div>';return;}
var q=${JSON.stringify(query)};fetch('/api/pc/list/user/feed?'+q+'&a_bogus='+__sign(q));})();`;
    const render = `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(data))}</script><script>${script}</script>`;
    return html(render, `${account.name ?? ''}的头条主页 - 今日头条`);
  };

  const feed = (request: SimRequest): SimResponse => {
    const { text, signature } = signedPart(request, 'a_bogus');
    const account = scenario.accounts[request.query.get('token') ?? ''];
    // Unsigned, or no such account: an empty success, which is what Toutiao's blocked answers look like.
    if (signature !== simSignature(secret, text) || !account) return jsonResponse({ message: 'success', data: [], has_more: false, next: { max_behot_time: 0 } });
    if (account.behaviour === 'hang') return { status: 200, body: '', delayMs: 600_000 };
    const data = listedPosts(account).map((post, i) => ({
      cell_type: 60,
      group_id: `72${String(i).padStart(17, '0')}`,
      title: `文章 ${i}`,
      publish_time: Math.floor(post.at.getTime() / 1000),
      behot_time: Math.floor(post.at.getTime() / 1000),
      is_stick: post.pinned,
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

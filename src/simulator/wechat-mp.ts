import { htmlResponse, listedPosts, readText, type PlatformScenario, type SimAccount } from './common.js';
import { SIMULATOR_NOW } from './server.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/** A simulated Official Account: the common fields, and how each WeChat source shows it. */
export interface WechatSimAccount extends SimAccount {
  /** The 微信号 (the scenario's key when absent). */
  alias?: string;
  /** base64 of the account's numeric id. */
  biz?: string;
  /**
   * What Sogou's account search shows: `card` (the newest article as 最近文章,
   * the default), `no-latest` (a card without 最近文章), `stale` (an older
   * article as 最近文章: indexing lag), `absent`, `captcha` (the anti-spider wall).
   */
  sogou?: 'card' | 'no-latest' | 'stale' | 'absent' | 'captcha';
  /** What the account's article links answer: `ok` (default), `deleted`, `expired`, `captcha`. */
  article?: 'ok' | 'deleted' | 'expired' | 'captcha';
  /** Whether the user's bridge follows the account (default true). */
  bridge?: boolean;
  /**
   * When the bridge last synced the account (ISO 8601): its feed list's
   * `syncTime`. Default: the bridge's last scheduled run before the audit
   * instant. An old one is a bridge whose WeChat login lapsed.
   */
  bridgeSynced?: string;
  /** How the list names the account: `alias` (default), `name`, `biz`, `article` (a link to its newest article). */
  row?: 'alias' | 'name' | 'biz' | 'article';
  /** The verdict with a feed bridge (--wechat-feed); `expect` is without one. */
  expectBridge?: string;
}

export const aliasOf = (key: string, account: WechatSimAccount) => account.alias ?? key;

/** An article's permanent link: the account's `__biz` and the post's index as `mid`. */
export const articleUrl = (account: WechatSimAccount, index: number) =>
  `https://mp.weixin.qq.com/s?__biz=${encodeURIComponent(account.biz ?? '')}&mid=${2650000000 + index}&idx=1&sn=${(0x5a17 + index).toString(16).padStart(32, '0')}`;

/** The list cell that names the account as its `row` says. */
export function wechatRowCell(key: string, account: WechatSimAccount): string {
  switch (account.row ?? 'alias') {
    case 'name':
      return account.name ?? key;
    case 'biz':
      return account.biz ?? key;
    case 'article':
      return articleUrl(account, 0);
    default:
      return aliasOf(key, account);
  }
}

/** When the simulated accounts were added to the bridge: WeWe-RSS writes this info time as its feeds' `updated` (reconstructed instant). */
const ADDED_AT = '2026-03-02T10:00:00+08:00';

/** WeWe-RSS syncs at 05:35 and 17:35 China time by default (CRON_EXPRESSION `35 5,17 * * *`): the last run before `now`. */
export function lastScheduledRun(now: Date): Date {
  const CHINA = 8 * 3_600_000;
  const day = Math.floor((now.getTime() + CHINA) / 86_400_000) * 86_400_000 - CHINA;
  const runs = [-1, 0].flatMap((d) => [5, 17].map((h) => day + d * 86_400_000 + h * 3_600_000 + 35 * 60_000));
  return new Date(Math.max(...runs.filter((t) => t <= now.getTime())));
}

/** Sogou's own id of an account (`li[d]`, `a.account[i]`). */
const openidOf = (key: string) => `oIWsFtSim${Buffer.from(key).toString('base64url')}`;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Answers as WeChat's article pages, Sogou WeChat search and a user's
 * WeChat-to-RSS bridge do. Built on the real captures: the 2018 article page
 * (`var ct`, `var nickname`, `var biz`, the 微信号), its expired-link page, the
 * 2019 account search (cards, 最近文章 with `timeConvert`), the 2017 article
 * search (`div.s-p[t]`, `a.account`) and the anti-spider page. Reconstructed:
 * Sogou's page for no results, the deleted-article page, the WAF's redirect,
 * and the bridge: WeWe-RSS as its source writes it (cooderl/wewe-rss,
 * apps/server/src/feeds), an Atom feed per account at
 * /feeds/MP_WXS_<numeric id>.atom whose feed-level `updated` is the account's
 * info time (`updateTime`, not its last sync) and whose entries carry
 * `updated` only, and the feed list at /feeds/ with each feed's `syncTime`.
 */
export function wechatMpSimulator(scenario: PlatformScenario, fixturesDir: string, now: Date = SIMULATOR_NOW): PlatformSimulator & { bridge(request: SimRequest): SimResponse } {
  const accounts = Object.entries(scenario.accounts) as [string, WechatSimAccount][];
  const article = readText(fixturesDir, 'wechat-mp', 'mp-article-page-vars-2018.html');
  const expired = readText(fixturesDir, 'wechat-mp', 'mp-article-link-expired-2018.html');
  const accountPage = readText(fixturesDir, 'wechat-mp', 'sogou-account-search-type1-2019.html');
  const articlePage = readText(fixturesDir, 'wechat-mp', 'sogou-article-search-type2-2017.html');
  const antispider = readText(fixturesDir, 'wechat-mp', 'sogou-antispider-captcha-2017.html');
  const cardTemplate = /<li id="sogou_vr_11002301_box_0"[\s\S]*?<\/li>/.exec(accountPage)![0];
  const itemTemplate = /<li id="sogou_vr_11002601_box_0"[\s\S]*?<\/li>/.exec(articlePage)![0];
  const html = (body: string): SimResponse => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body });

  const articleAnswer = (request: SimRequest): SimResponse => {
    const biz = request.query.get('__biz');
    const entry = accounts.find(([, a]) => a.biz && a.biz === biz);
    const post = entry && listedPosts(entry[1])[Number(request.query.get('mid')) - 2650000000];
    if (!entry || !post) return htmlResponse('', '<div class="weui-msg"><h2 class="weui-msg__title">参数错误</h2></div>');
    const [key, account] = entry;
    if (account.article === 'expired') return html(expired);
    if (account.article === 'deleted') return htmlResponse('', '<div class="weui-msg"><h2 class="weui-msg__title">该内容已被发布者删除</h2></div>');
    if (account.article === 'captcha') return { status: 302, body: '', headers: { location: '/mp/wappoc_appmsgcaptcha?poc_token=sim&target_url=x' } };
    return html(
      article
        .replace(/"MzA4ODUzNjAxOA=="/g, JSON.stringify(account.biz))
        .replace(/共产党员/g, account.name ?? key)
        .replace('gcdyweixin', aliasOf(key, account))
        .replace('var ct = "1521515999"', `var ct = "${seconds(post.at)}"`)
        .replace(/2018-03-20/g, post.at.toISOString().slice(0, 10)),
    );
  };

  const sogouPage = (template: string, listSelector: RegExp, items: string[], query: string): SimResponse => {
    const list = items.length ? items.join('\n') : '';
    const page = template.replace(listSelector, (whole) => whole.replace(/<li id="sogou_vr_[\s\S]*<\/li>/, list));
    // Sogou's page for a search that found nothing: reconstructed (no capture of it exists).
    const empty = `<div id="noresult_part1_container"><p>暂无与“${escape(query)}”相关的结果</p></div>`;
    return html(items.length ? page : page.replace(listSelector, empty));
  };

  const card = (key: string, account: WechatSimAccount, index: number): string => {
    const posts = listedPosts(account);
    const latest = account.sogou === 'stale' ? posts[1] : posts[0];
    let li = cardTemplate
      .replace(/sogou_vr_11002301_box_0/g, `sogou_vr_11002301_box_${index}`)
      .replace(/oIWsFtwQ6Cbkw5eL6VI--XfwB1bQ/g, openidOf(key))
      .replace(/<em><!--red_beg-->小米<!--red_end--><\/em>公司/, `<em><!--red_beg-->${escape(account.name ?? key)}<!--red_end--></em>`)
      .replace('xiaomigongsi0406', aliasOf(key, account));
    li = latest && account.sogou !== 'no-latest' ? li.replace("timeConvert('1574217660')", `timeConvert('${seconds(latest.at)}')`) : li.replace(/<dl>\s*<dt>最近文章：[\s\S]*?<\/dl>/, '');
    // The 认证 line names the body WeChat verified; an account without one shows none.
    const verified = account.verification;
    return verified ? li.replace('小米科技有限责任公司', escape(verified.text)) : li.replace(/<dl>\s*<dt>\s*<script>document\.write\(authname\('2'\)\)<\/script>认证：[\s\S]*?<\/dl>/, '');
  };

  const item = (key: string, account: WechatSimAccount, at: Date, index: number): string =>
    itemTemplate
      .replace(/sogou_vr_11002601_(box|summary|account)_0/g, `sogou_vr_11002601_$1_${index}`)
      .replace(/t="1498908951"/, `t="${seconds(at)}"`)
      .replace('i="oIWsFt8nKJlpLQbQ5H9NMPBjxup8"', `i="${openidOf(key)}"`)
      .replace("timeConvert('1498908951')", `timeConvert('${seconds(at)}')`)
      .replace(/>占豪<\/a>/, `>${escape(account.name ?? key)}</a>`);

  const sogou = (request: SimRequest): SimResponse => {
    if (request.path.startsWith('/antispider')) return html(antispider);
    const query = request.query.get('query') ?? '';
    const found = accounts.filter(([key, a]) => a.sogou !== 'absent' && (aliasOf(key, a).toLowerCase() === query.toLowerCase() || a.name === query));
    if (found.some(([, a]) => a.sogou === 'captcha')) {
      return { status: 302, body: '', headers: { location: `/antispider/?from=${encodeURIComponent(`/weixin?${request.rawQuery}`)}` } };
    }
    if (request.query.get('type') === '2') {
      // Article search: up to 10 results, newest first, of every account of that name.
      const results = found.flatMap(([key, a]) => listedPosts(a).map((p) => ({ key, a, at: p.at }))).sort((x, y) => y.at.getTime() - x.at.getTime()).slice(0, 10);
      return sogouPage(articlePage, /<ul class="news-list">[\s\S]*?<\/ul>/, results.map((r, i) => item(r.key, r.a, r.at, i)), query);
    }
    return sogouPage(accountPage, /<ul class="news-list2">[\s\S]*?<\/ul>/, found.map(([key, a], i) => card(key, a, i)), query);
  };

  const numericId = (account: WechatSimAccount) => (account.biz ? Buffer.from(account.biz, 'base64').toString('latin1') : '');
  const followed = accounts.filter(([, a]) => a.biz && a.bridge !== false);
  /** The last scheduled sync before the audit instant (WeWe-RSS's default cron, 35 5,17 * * * in China time), or the account's own. */
  const syncedAt = (account: WechatSimAccount) => (account.bridgeSynced ? new Date(account.bridgeSynced) : lastScheduledRun(now));

  /** The feed list (`GET /feeds/`): each followed account's feed id, name, and when it was last synced. */
  const listing = (): SimResponse =>
    jsonResponse(
      followed.map(([key, a]) => ({ id: `MP_WXS_${numericId(a)}`, name: a.name ?? key, intro: '', cover: '', syncTime: seconds(syncedAt(a)), updateTime: seconds(new Date(ADDED_AT)) })),
    );

  /** One account's Atom feed, as WeWe-RSS renders it with the `feed` package. */
  const atomFeed = (key: string, account: WechatSimAccount, self: string): SimResponse => {
    const name = escape(account.name ?? key);
    const entries = listedPosts(account).map((p, i) => {
      const id = `${numericId(account)}a${i}`;
      return `<entry><title type="html"><![CDATA[文章 ${i}]]></title><id>${id}</id><link href="https://mp.weixin.qq.com/s/${id}"/><updated>${p.at.toISOString()}</updated></entry>`;
    });
    return {
      status: 200,
      headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>${escape(self)}</id><title>${name}</title><updated>${new Date(ADDED_AT).toISOString()}</updated><generator>WeWe-RSS</generator><author><name>${name}</name></author><link rel="alternate" href="${escape(self)}"/>${entries.join('')}</feed>`,
    };
  };

  /** The user's bridge: WeWe-RSS's feed list, and an Atom feed per followed account, keyed by the numeric id. */
  const bridge = (request: SimRequest): SimResponse => {
    if (request.path === '/feeds/' || request.path === '/feeds') return listing();
    const id = /^\/feeds\/MP_WXS_(\d+)\.atom$/.exec(request.path)?.[1];
    const entry = followed.find(([, a]) => numericId(a) === id);
    // A feed WeWe-RSS does not have: its HttpException('不存在该feed！', 400), as NestJS renders it.
    if (!entry) return jsonResponse({ statusCode: 400, message: '不存在该feed！' }, 400);
    return atomFeed(entry[0], entry[1], `http://${request.host}${request.path}`);
  };

  return {
    hosts: ['mp.weixin.qq.com', 'weixin.sogou.com'],
    bridge,
    handle: (request) => (request.host === 'weixin.sogou.com' ? sogou(request) : articleAnswer(request)),
  };
}

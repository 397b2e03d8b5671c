import { describe, expect, it } from 'vitest';
import { bridgeFeedUrl, detectSogouBlock, isBiz, isByCard, matchCard, parseArticlePage, parseSogouAccounts, parseSogouArticles, wechatIdKind, wechatMp } from '../../src/platforms/wechat-mp.js';
import { answer, observeWith, type Answer } from '../helpers/fake-http.js';
import { classify } from '../../src/audit/classify.js';

/*
 * WeChat Official Accounts at the edges that decide a verdict. Sogou's pages
 * are reconstructed on the real 2017 and 2019 captures' markup; the article
 * page on the real 2018 capture's variables. The rule under test throughout:
 * a sample of the articles proves activity, never silence.
 */

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const S = (daysAgo: number) => Math.floor((NOW - daysAgo * 86_400_000) / 1000);
const article = (daysAgo: number, vars = '') => `<html><script>var ct = "${S(daysAgo)}"; ${vars}</script></html>`;
const card = (name: string, alias: string, openid: string, daysAgo?: number) =>
  `<li id="sogou_vr_11002301_box_0" d="${openid}"><p class="tit"><a>${name}</a></p><label name="em_weixinhao">${alias}</label>${
    daysAgo === undefined ? '' : `<dl><dd><a uigs="account_article_0">最新一篇</a><span><script>document.write(timeConvert('${S(daysAgo)}'))</script></span></dd></dl>`
  }</li>`;
const accounts = (...cards: string[]) => `<ul class="news-list2">${cards.join('')}</ul>`;
const item = (name: string, openid: string, daysAgo: number) => `<li id="sogou_vr_11002601_box_0"><h3><a>t</a></h3><div class="s-p" t="${S(daysAgo)}"><a class="account" i="${openid}">${name}</a></div></li>`;
const articles = (...items: string[]) => `<ul class="news-list">${items.join('')}</ul>`;

describe('what the list names', () => {
  it('tells an article link, an __biz, a 微信号 and a name apart', () => {
    expect(wechatIdKind('https://mp.weixin.qq.com/s/abc')).toEqual({ kind: 'article', url: 'https://mp.weixin.qq.com/s/abc' });
    expect(wechatIdKind('MzA4ODUzNjAxOA==')).toEqual({ kind: 'biz', biz: 'MzA4ODUzNjAxOA==' });
    expect(wechatIdKind('jcfabu')).toEqual({ kind: 'alias', alias: 'jcfabu' });
    expect(wechatIdKind('gh_0123456789ab')).toEqual({ kind: 'alias', alias: 'gh_0123456789ab' });
    for (const name of ['江城发布', 'jcfab', '1jcfabu', 'a-very-long-alias-over-20', 'gh_01']) expect(wechatIdKind(name).kind, name).toBe('name');
  });

  it('knows an __biz only when it is base64 of 5 to 12 digits', () => {
    expect(isBiz('MzA4ODUzNjAxOA==')).toBe(true);
    expect(isBiz('MzA4ODUzNjAxOA=')).toBe(false);
    expect(isBiz('NzA4ODUzNjAxOA==')).toBe(false);
    expect(isBiz(Buffer.from('abcdefg1').toString('base64'))).toBe(false);
    expect(isBiz(Buffer.from('1234').toString('base64'))).toBe(false);
    expect(isBiz(Buffer.from('1234567890123').toString('base64'))).toBe(false);
  });
});

describe('an article page', () => {
  it.each([
    [answer('', 302, { location: 'https://mp.weixin.qq.com/mp/verifycode?x' }), 'captcha'],
    [answer('<p>请完成验证</p>'), 'captcha'],
    [answer('', 429), 'rate-limited'],
    [answer('', 301), 'blocked'],
    [answer('', 404), 'blocked'],
    [answer('', 500), 'network-error'],
    [answer('<p>链接已过期</p>'), 'no-dates'],
    [answer('<p>此内容因违规无法查看</p>'), 'no-dates'],
    [answer('<p>已被发布者删除</p>'), 'no-dates'],
    [answer('<script>var ct = "";</script>'), 'layout-changed'],
  ])('%#: %s', (response, reason) => {
    expect(parseArticlePage(response)).toMatchObject({ kind: 'unknown', reason });
  });

  it('reads its time and its account from the variables, or the page’s name and 微信号 labels', () => {
    expect(parseArticlePage(answer(article(1, 'var nickname = "" || "江城发布"; window.biz = \'MzA4ODUzNjAxOA==\';')))).toEqual({ at: new Date(S(1) * 1000), name: '江城发布', alias: undefined, biz: 'MzA4ODUzNjAxOA==' });
    const page = `${article(1, 'var appuin = "MzkwMDAwMDAxMQ==";')}<span class="wx_follow_nickname"> 江城人社 </span><span class="profile_meta_label">微信号</span><span class="profile_meta_value">jcrenshe</span>`;
    expect(parseArticlePage(answer(page))).toEqual({ at: new Date(S(1) * 1000), name: '江城人社', alias: 'jcrenshe', biz: 'MzkwMDAwMDAxMQ==' });
  });
});

describe('Sogou', () => {
  it('knows its walls', () => {
    expect(detectSogouBlock(answer('', 302, { location: 'http://weixin.sogou.com/antispider/?from=x' }))).toMatchObject({ reason: 'captcha' });
    expect(detectSogouBlock({ ...answer('<html></html>'), url: 'https://weixin.sogou.com/antispider/?x' })).toMatchObject({ reason: 'captcha' });
    for (const body of ['访问过于频繁', '请输入验证码', '<img id="seccodeImage">']) expect(detectSogouBlock(answer(body)), body).toMatchObject({ reason: 'captcha' });
    expect(detectSogouBlock(answer('', 429))).toMatchObject({ reason: 'rate-limited' });
    expect(detectSogouBlock(answer('', 302))).toMatchObject({ reason: 'blocked' });
    expect(detectSogouBlock(answer('', 502))).toMatchObject({ reason: 'network-error' });
    expect(detectSogouBlock(answer(accounts()))).toBeUndefined();
  });

  it('reads cards without highlight markers, and an empty result page as no cards', () => {
    expect(parseSogouAccounts(accounts(card('<em><!--red_beg-->江城<!--red_end--></em>发布', 'jcfabu', 'o1', 2)))).toEqual([{ name: '江城发布', alias: 'jcfabu', openid: 'o1', latest: new Date(S(2) * 1000) }]);
    expect(parseSogouAccounts('<li id="sogou_vr_11002301_box_0"><p class="tit"><a>江城发布</a></p></li>')).toEqual([{ name: '江城发布', alias: undefined, openid: undefined, latest: undefined }]);
    expect(parseSogouAccounts('<div id="noresult_part1_container"></div>')).toEqual([]);
    expect(parseSogouAccounts('<p>暂无与“江城”相关的官方认证订阅号</p>')).toEqual([]);
    expect(parseSogouAccounts('<html></html>')).toBeUndefined();
  });

  it('reads article results with their account and time, leaving out those without either', () => {
    expect(parseSogouArticles(articles(item('江城发布', 'o1', 3), '<li id="sogou_vr_11002601_box_1"><div class="s-p" t="x"><a class="account">江城发布</a></div></li>', '<li id="sogou_vr_11002601_box_2"><div class="s-p" t="1700000000"></div></li>'))).toEqual([
      { account: '江城发布', openid: 'o1', at: new Date(S(3) * 1000) },
    ]);
    expect(parseSogouArticles('<li id="sogou_vr_11002601_box_0"><div class="s-p" t="1700000000"><span class="all-time-y2">江城发布</span></div></li>')).toEqual([{ account: '江城发布', openid: undefined, at: new Date(1700000000 * 1000) }]);
    expect(parseSogouArticles('<div id="noresult_part1_container"></div>')).toEqual([]);
    expect(parseSogouArticles('<html></html>')).toBeUndefined();
  });

  it('matches a card by 微信号 in any case, else by a name only one card has', () => {
    const cards = [
      { name: '江城发布', alias: 'JCfabu', openid: 'o1' },
      { name: '江城公安', alias: 'jcgongan', openid: 'o2' },
      { name: '江城公安', alias: 'jcgongan2', openid: 'o3' },
    ];
    expect(matchCard(cards, { alias: 'jcfabu', name: '江城公安' })).toEqual({ card: cards[0], by: 'alias' });
    expect(matchCard(cards, { alias: 'nobody' })).toEqual({ problem: 'absent', detail: 'no account with the 微信号 nobody among Sogou\'s results' });
    expect(matchCard(cards, { name: '江城发布' })).toEqual({ card: cards[0], by: 'name' });
    expect(matchCard(cards, { name: '江城公安' })).toEqual({
      problem: 'ambiguous',
      detail: '2 accounts named 江城公安 on Sogou (微信号 jcgongan, jcgongan2): a name alone cannot tell them apart; give the 微信号 or an article link',
    });
    expect(matchCard(cards, { name: '江城税务' })).toEqual({ problem: 'absent', detail: 'no account named 江城税务 among Sogou\'s results' });
    // The list's __biz, which no card shows: a name match cannot agree with it.
    expect(matchCard(cards, { name: '江城发布', biz: 'MzA4ODUzNjAxOA==' })).toEqual({
      problem: 'unconfirmed',
      detail: "Sogou's card named 江城发布 shows no __biz to check against MzA4ODUzNjAxOA==: a name alone proves nothing; give the 微信号",
    });
    expect(matchCard([{ name: '江城公安' }, { name: '江城公安', alias: 'jcgongan' }], { name: '江城公安' })).toMatchObject({ detail: expect.stringContaining('(微信号 ?, jcgongan)') });
  });

  it('takes an article for the card’s by Sogou’s id when both have one, else by name', () => {
    const card1 = { name: '江城发布', openid: 'o1' };
    expect(isByCard({ account: '江城发布', openid: 'o2', at: new Date() }, card1)).toBe(false);
    expect(isByCard({ account: '别的', openid: 'o1', at: new Date() }, card1)).toBe(true);
    expect(isByCard({ account: '江城发布', at: new Date() }, card1)).toBe(true);
    expect(isByCard({ account: '江城发布', openid: 'o2', at: new Date() }, { name: '江城发布' })).toBe(true);
    expect(isByCard({ account: '别的', at: new Date() }, card1)).toBe(false);
  });

  it('fills a bridge template, the numeric id from the __biz, or gives nothing when a part is unknown', () => {
    expect(bridgeFeedUrl('http://b/{bizId}.atom', { biz: 'MzA4ODUzNjAxOA==' })).toBe('http://b/3088536018.atom');
    expect(bridgeFeedUrl('http://b/{biz}/{alias}/{name}', { biz: 'MzA4ODUzNjAxOA==', alias: 'gcdy', name: '共产 党员' })).toBe('http://b/MzA4ODUzNjAxOA%3D%3D/gcdy/%E5%85%B1%E4%BA%A7%20%E5%85%9A%E5%91%98');
    expect(bridgeFeedUrl('http://b/{bizId}', { biz: 'notabiz' })).toBeUndefined();
    expect(bridgeFeedUrl('http://b/{alias}', { name: 'x' })).toBeUndefined();
    expect(bridgeFeedUrl('http://b/static.atom', {})).toBe('http://b/static.atom');
  });
});

describe('the whole observation', () => {
  /** Sogou, the article host and a bridge, played by the answers given. */
  function platform(answers: { accounts?: Answer; articles?: Answer; article?: Answer; bridge?: Answer }, feedTemplate?: string) {
    return observeWith(
      wechatMp,
      (url) => {
        if (url.hostname === 'weixin.sogou.com') return url.searchParams.get('type') === '1' ? (answers.accounts ?? { body: accounts(card('江城发布', 'jcfabu', 'o1', 2)) }) : (answers.articles ?? { body: articles() });
        if (url.hostname === 'mp.weixin.qq.com') return answers.article ?? { body: article(1) };
        if (url.hostname === 'bridge.example') return answers.bridge ?? { status: 404 };
        return { status: 404 };
      },
      { thresholds: { inactiveDays: 14, zombieDays: 90 }, ...(feedTemplate ? { feedTemplate } : {}) },
    );
  }
  const atom = (daysAgo: number[]) => ({ body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>江城发布</title>${daysAgo.map((d) => `<entry><id>${d}</id><published>${new Date(S(d) * 1000).toISOString()}</published></entry>`).join('')}</feed>`, headers: { 'content-type': 'application/atom+xml' } });

  it('is active from a recent card, and then asks no article search', async () => {
    const { observe, requests } = platform({});
    expect(await observe('jcfabu')).toMatchObject({ kind: 'found', profile: { name: '江城发布' }, posts: [{ id: 'sogou:江城发布:latest' }], partial: expect.stringContaining("Sogou's account card (最近文章 ") });
    expect(requests.map((r) => new URL(r.url).searchParams.get('type'))).toEqual(['1']);
    expect(requests[0]).toMatchObject({ followRedirects: false, headers: { referer: 'https://weixin.sogou.com/' } });
    expect(requests[0]!.url).toContain('query=jcfabu&ie=utf8');
  });

  it('searches the articles when the card is old, counting only this account’s', async () => {
    const { observe, requests } = platform({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 40)) }, articles: { body: articles(item('江城发布', 'o9', 1), item('江城发布', 'o1', 20)) } });
    const seen = await observe('jcfabu');
    expect(seen).toMatchObject({ kind: 'found', partial: expect.stringContaining('Sogou article search (1 of its 2 results by this account)') });
    expect((seen as { posts: unknown[] }).posts).toHaveLength(2);
    expect(requests[1]!.url).toContain(`query=${encodeURIComponent('江城发布')}`);
  });

  it('stops at a wall with what it saw, and says so; never a verdict of silence', async () => {
    expect(await platform({ accounts: { body: '访问过于频繁' } }).observe('jcfabu')).toMatchObject({ kind: 'unknown', reason: 'captcha', profile: { name: undefined } });
    const old = await platform({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 40)) }, articles: { status: 302, headers: { location: '/antispider/' } } }).observe('jcfabu');
    expect(old).toMatchObject({ kind: 'unknown', reason: 'captcha', profile: { name: '江城发布' }, detail: expect.stringContaining('; newest article seen 2026-10-11') });
    expect(await platform({ accounts: { body: '<html></html>' } }).observe('jcfabu')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 40)) }, articles: { body: '<html></html>' } }).observe('jcfabu')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('says where it looked when Sogou has no such account', async () => {
    expect(await platform({}).observe('nobody1')).toMatchObject({ kind: 'found', posts: [], partial: expect.stringContaining('no account with the 微信号 nobody1') });
    const biz = await platform({}).observe('MzA4ODUzNjAxOA==');
    expect(biz).toMatchObject({ kind: 'found', posts: [], partial: expect.stringContaining('an __biz cannot be searched') });
  });

  it('reads the linked article first, and asks Sogou nothing when it is recent', async () => {
    const { observe, requests } = platform({ article: { body: article(1, 'var nickname = "江城人社";') } });
    expect(await observe('https://mp.weixin.qq.com/s/abc', 'https://mp.weixin.qq.com/s/abc')).toMatchObject({ kind: 'found', profile: { name: '江城人社' }, posts: [{ id: 'https://mp.weixin.qq.com/s/abc' }] });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers).toEqual({ referer: 'https://mp.weixin.qq.com/' });
  });

  it('looks the account up by the name an old article gives, and goes on past a deleted one', async () => {
    const old = platform({ article: { body: article(60, 'var nickname = "江城发布";') } });
    await old.observe('https://mp.weixin.qq.com/s/abc');
    expect(old.requests[1]!.url).toContain(`query=${encodeURIComponent('江城发布')}`);
    const deleted = await platform({ article: { body: '<p>该内容已被发布者删除</p>' } }).observe('https://mp.weixin.qq.com/s/abc');
    expect(deleted).toMatchObject({ kind: 'found', partial: expect.stringContaining('the article page (the linked article was deleted') });
    expect(await platform({ article: { body: '环境异常' }, accounts: { body: '访问过于频繁' } }).observe('https://mp.weixin.qq.com/s/abc')).toMatchObject({ reason: 'captcha', detail: expect.stringContaining('环境异常') });
  });

  it('takes every verdict from the bridge, and says why when it cannot ask it', async () => {
    const bridged = platform({ bridge: atom([200, 300]) }, 'http://bridge.example/feeds/{bizId}.atom?key=secret');
    expect(await bridged.observe('MzA4ODUzNjAxOA==')).toMatchObject({ kind: 'found', posts: [{}, {}] });
    const noAlias = await platform({}, 'http://bridge.example/feeds/{alias}.atom?key=secret').observe('MzA4ODUzNjAxOA==');
    expect((noAlias as { partial: string }).partial).toContain('not the feed bridge: its template needs {alias}');
    expect(JSON.stringify(noAlias)).not.toContain('secret');
    const empty = await platform({ bridge: atom([]) }, 'http://bridge.example/feeds/{bizId}.atom').observe('MzA4ODUzNjAxOA==');
    expect((empty as { partial: string }).partial).toContain('the feed bridge (it listed no dated article)');
    const down = await platform({ bridge: { status: 503 } }, 'http://bridge.example/feeds/{bizId}.atom').observe('MzA4ODUzNjAxOA==');
    expect((down as { partial: string }).partial).toContain('the feed bridge (');
  });

  it('turns a transport failure into a failure', async () => {
    expect(await observeWith(wechatMp, () => new Error('reset')).observe('jcfabu')).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });
});

describe('WeChat, at the edges', () => {
  const sogou = (answers: { accounts?: Answer; articles?: Answer; article?: Answer; bridge?: Answer }, context: { feedTemplate?: string; inactiveDays?: number } = {}) =>
    observeWith(
      wechatMp,
      (url) => {
        if (url.hostname === 'weixin.sogou.com') return url.searchParams.get('type') === '1' ? (answers.accounts ?? { body: accounts() }) : (answers.articles ?? { body: articles() });
        if (url.hostname === 'mp.weixin.qq.com') return answers.article ?? { status: 404 };
        if (url.hostname === 'bridge.example') return answers.bridge ?? { status: 503 };
        return { status: 404 };
      },
      { thresholds: { inactiveDays: context.inactiveDays ?? 14, zombieDays: 90 }, ...(context.feedTemplate ? { feedTemplate: context.feedTemplate } : {}) },
    );

  it('knows a link only at the start, in http or https', () => {
    expect(wechatIdKind('http://mp.weixin.qq.com/s/abc').kind).toBe('article');
    expect(wechatIdKind('见 https://mp.weixin.qq.com/s/abc').kind).toBe('name');
  });

  it('gives each row form its public page', () => {
    expect(wechatMp.profileUrl('https://mp.weixin.qq.com/s/abc')).toBe('https://mp.weixin.qq.com/s/abc');
    expect(wechatMp.profileUrl('MzA4ODUzNjAxOA==')).toBe('https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA4ODUzNjAxOA%3D%3D');
    expect(wechatMp.profileUrl('jcfabu')).toBe('https://weixin.sogou.com/weixin?type=1&query=jcfabu&ie=utf8');
    expect(wechatMp.profileUrl('江城发布')).toBe(`https://weixin.sogou.com/weixin?type=1&query=${encodeURIComponent('江城发布')}&ie=utf8`);
  });

  it.each([
    [300, 'blocked'],
    [500, 'network-error'],
  ])('reads HTTP %i from the article page and from Sogou as %s', (status, reason) => {
    expect(parseArticlePage(answer('', status))).toMatchObject({ reason });
    expect(detectSogouBlock(answer('', status))).toMatchObject({ reason });
  });

  it('reads the 微信号 label among others, and trims what it reads', () => {
    const page = `${article(1)}<span class="profile_meta_label">功能介绍</span><span class="profile_meta_value">政务</span><span class="profile_meta_label"> 微信号 </span><span class="profile_meta_value"> jcrenshe </span>`;
    expect(parseArticlePage(answer(page))).toMatchObject({ alias: 'jcrenshe' });
    const spaced = `<li id="sogou_vr_11002301_box_0"><p class="tit"><a>江城发布</a></p><label name="em_weixinhao"> jcfabu </label><dl><dd><a uigs="account_article_0">x</a><span>no time</span></dd></dl></li>`;
    expect(parseSogouAccounts(spaced)).toEqual([{ name: '江城发布', alias: 'jcfabu', openid: undefined, latest: undefined }]);
  });

  it('matches by 微信号 past cards that show none', () => {
    const cards = [{ name: '江城发布' }, { name: '江城发布', alias: 'jcfabu' }];
    expect(matchCard(cards, { alias: 'jcfabu' })).toEqual({ card: cards[1], by: 'alias' });
  });

  it('is active on an article exactly at the inactive line, and by the user’s line, not a fixed one', async () => {
    const atLine = await sogou({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 14)) } }).observe('jcfabu');
    expect(atLine).toMatchObject({ kind: 'found', posts: [{ pinned: false }] });
    const wide = sogou({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 20)) } }, { inactiveDays: 30 });
    await wide.observe('jcfabu');
    expect(wide.requests).toHaveLength(1);
  });

  it('says where it looked, in order, and the newest article seen before a wall', async () => {
    const seen = await sogou({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 40)) }, articles: { body: articles(item('江城发布', 'o1', 30)) } }).observe('jcfabu');
    expect((seen as { partial: string }).partial).toBe(
      "looked at Sogou's account card (最近文章 2026-10-11 10:00); Sogou article search (1 of its 1 results by this account); these show only some of an account's articles, so they can prove activity, never silence",
    );
    const walled = await sogou({ article: { body: article(50, 'var nickname = "江城发布";') }, accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 40)) }, articles: { body: '访问过于频繁' } }).observe('https://mp.weixin.qq.com/s/abc');
    expect((walled as { detail: string }).detail).toContain('newest article seen 2026-10-11 10:00');
  });

  it('looks the account up by the 微信号 an old article gives, and fills the bridge from its __biz', async () => {
    const byAlias = sogou({ article: { body: `${article(60)}<span class="profile_meta_label">微信号</span><span class="profile_meta_value">jcrenshe</span>` } });
    await byAlias.observe('https://mp.weixin.qq.com/s/abc');
    expect(byAlias.requests[1]!.url).toContain('query=jcrenshe');
    const bridged = sogou({ article: { body: article(60, 'var biz = "MzA4ODUzNjAxOA==";') }, bridge: { body: '<feed xmlns="http://www.w3.org/2005/Atom"><title>江城人社</title><entry><id>1</id><published>2026-11-19T00:00:00Z</published></entry></feed>' } }, { feedTemplate: 'http://bridge.example/{bizId}.atom' });
    expect(await bridged.observe('https://mp.weixin.qq.com/s/abc')).toMatchObject({ kind: 'found', profile: { name: '江城人社' } });
    expect(bridged.requests[1]!.url).toBe('http://bridge.example/3088536018.atom');
  });

  it('searches Sogou by the name a row gives, and keeps the list’s name over the bridge’s title', async () => {
    const byName = sogou({});
    await byName.observe('江城发布');
    expect(byName.requests[0]!.url).toContain(`query=${encodeURIComponent('江城发布')}`);
    const bridgeDown = await sogou({ accounts: { body: accounts(card('江城发布', 'jcfabu', 'o1', 2)) } }, { feedTemplate: 'http://bridge.example/{name}.atom' }).observe('江城发布');
    expect((bridgeDown as { partial: string }).partial).toContain('the feed bridge (the feed server answered HTTP 503');
  });
});

describe('the bridge shows itself fresh, or proves no silence (rule 6)', () => {
  const now = new Date(NOW);
  const account = (id: string) => ({ key: `wechat-mp:${id}`, platform: 'wechat-mp', id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
  /** WeWe-RSS as its source writes it: `updated` is the account's info time; its feed list says when it last synced. */
  const wewe = (daysAgo: number[], syncedDaysAgo: number | undefined) => ({
    feed: {
      body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>江城档案</title><updated>2026-03-02T02:00:00.000Z</updated><generator>WeWe-RSS</generator>${daysAgo
        .map((d, i) => `<entry><id>a${i}</id><link href="https://mp.weixin.qq.com/s/a${i}"/><updated>${new Date(S(d) * 1000).toISOString()}</updated></entry>`)
        .join('')}</feed>`,
    },
    listing: { body: syncedDaysAgo === undefined ? [] : [{ id: feedId, name: '江城档案', syncTime: S(syncedDaysAgo), updateTime: 1772416800 }] },
  });
  let feedId = 'MP_WXS_3088536018';
  function bridged(answers: { feed: Answer; listing?: Answer; accounts?: Answer }, feedTemplate = 'http://bridge.example/feeds/MP_WXS_{bizId}.atom?key=k3y') {
    return observeWith(
      wechatMp,
      (url) => {
        if (url.hostname === 'weixin.sogou.com') return url.searchParams.get('type') === '1' ? (answers.accounts ?? { body: accounts() }) : { body: articles() };
        if (url.pathname === '/feeds/') return answers.listing ?? { status: 404 };
        return answers.feed;
      },
      { thresholds: { inactiveDays: 14, zombieDays: 90 }, feedTemplate },
    );
  }
  const verdict = async (run: ReturnType<typeof bridged>, id = 'MzA4ODUzNjAxOA==') => classify(account(id), await run.observe(id), now, { inactiveDays: 14, zombieDays: 90 }, now);

  it('takes WeWe-RSS’s last sync from its feed list, never its feed’s updated: synced this morning, the silence is proved', async () => {
    const run = bridged(wewe([300, 320], 0.2));
    expect(await verdict(run)).toMatchObject({ status: 'zombie', reason: 'silent', source: 'bridge' });
    expect(run.requests.map((r) => r.url)).toEqual(['http://bridge.example/feeds/MP_WXS_3088536018.atom?key=k3y', 'http://bridge.example/feeds/?key=k3y']);
    const observed = await bridged(wewe([300], 0.2)).observe('MzA4ODUzNjAxOA==');
    expect(observed).toMatchObject({ proof: { source: 'bridge', subject: 'http://bridge.example/feeds/MP_WXS_3088536018.atom?key=***', feedBuiltAt: new Date(S(0.2) * 1000), list: { read: true, paging: 'more', undated: 0 } } });
  });

  it('is source-stale when the bridge last synced weeks ago (its WeChat login lapsed), or does not say', async () => {
    expect(await verdict(bridged(wewe([300], 40)))).toMatchObject({ status: 'unverified', reason: 'source-stale', detail: expect.stringContaining('was last built 2026-10-11') });
    expect(await verdict(bridged(wewe([300], undefined)))).toMatchObject({ status: 'unverified', reason: 'source-stale', detail: expect.stringContaining('does not say when it was last built') });
    expect(await verdict(bridged({ ...wewe([300], 0.2), listing: { status: 500 } }))).toMatchObject({ reason: 'source-stale' });
  });

  it('still takes a stale bridge’s recent article for activity, and asks Sogou before giving up on a stale one', async () => {
    expect(await verdict(bridged(wewe([2], 40)))).toMatchObject({ status: 'active', source: 'bridge' });
    feedId = 'jcdangan';
    const recentOnSogou = bridged({ ...wewe([300], 40), accounts: { body: accounts(card('江城档案', 'jcdangan', 'o1', 1)) } }, 'http://bridge.example/feeds/{alias}.atom');
    expect(await verdict(recentOnSogou, 'jcdangan')).toMatchObject({ status: 'active', source: 'sogou' });
    const oldOnSogou = bridged({ ...wewe([300], 40), accounts: { body: accounts(card('江城档案', 'jcdangan', 'o1', 290)) } }, 'http://bridge.example/feeds/{alias}.atom');
    expect(await verdict(oldOnSogou, 'jcdangan')).toMatchObject({ status: 'unverified', reason: 'source-stale', source: 'bridge' });
    feedId = 'MP_WXS_3088536018';
  });

  it('reads a bridge’s RSS build time (lastBuildDate) where it states one', async () => {
    const rss = (built: string) => ({ feed: { body: `<rss version="2.0"><channel><title>江城档案</title><generator>Mp-We-Rss</generator><lastBuildDate>${built}</lastBuildDate><item><guid>1</guid><pubDate>${new Date(S(200) * 1000).toUTCString()}</pubDate></item></channel></rss>` } });
    expect(await verdict(bridged(rss(new Date(S(0.1) * 1000).toUTCString())))).toMatchObject({ status: 'zombie', reason: 'silent' });
    expect(await verdict(bridged(rss(new Date(S(9) * 1000).toUTCString())))).toMatchObject({ status: 'unverified', reason: 'source-stale' });
  });

  it('keeps an undated article counted: it may be the newest', async () => {
    const feed = { body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><updated>${new Date(S(0.1) * 1000).toISOString()}</updated><entry><id>1</id><updated>${new Date(S(200) * 1000).toISOString()}</updated></entry><entry><id>2</id></entry></feed>` };
    expect(await verdict(bridged({ feed }))).toMatchObject({ status: 'unverified', reason: 'undated-post' });
  });
});

describe('Sogou’s articles without its ids', () => {
  it('counts an article result by name only when no other card bears the name', async () => {
    const noIds = (daysAgo: number) => `<li id="sogou_vr_11002601_box_0"><div class="s-p" t="${S(daysAgo)}"><span class="all-time-y2">江城公安</span></div></li>`;
    const run = (cards: string) =>
      observeWith(wechatMp, (url) => (url.searchParams.get('type') === '1' ? { body: cards } : { body: articles(noIds(1)) }), { thresholds: { inactiveDays: 14, zombieDays: 90 } }).observe('jcgongan');
    const one = await run(accounts(card('江城公安', 'jcgongan', 'o1', 40)));
    expect((one as { posts: unknown[] }).posts).toHaveLength(2);
    const two = await run(accounts(card('江城公安', 'jcgongan', 'o1', 40), card('江城公安', 'jcgongan2', 'o2', 30)));
    expect(two).toMatchObject({ kind: 'found', posts: [{}], partial: expect.stringContaining('0 of its 1 results by this account') });
  });

  it('states what it rests on: the account asked by its 微信号 (in lower case), Sogou as the source', async () => {
    const seen = await observeWith(wechatMp, () => ({ body: accounts(card('江城发布', 'JCfabu', 'o1', 2)) }), { thresholds: { inactiveDays: 14, zombieDays: 90 } }).observe('JCfabu');
    expect(seen).toMatchObject({ proof: { subject: 'jcfabu', source: 'sogou', answers: [{ what: "Sogou's account card", requestNames: true, names: [] }] } });
  });
});

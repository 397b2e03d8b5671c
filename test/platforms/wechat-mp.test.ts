import { describe, expect, it } from 'vitest';
import {
  bridgeFeedUrl,
  detectSogouBlock,
  isBiz,
  isByCard,
  matchCard,
  parseArticlePage,
  parseSogouAccounts,
  parseSogouArticles,
  wechatIdKind,
  wechatMp,
} from '../../src/platforms/wechat-mp.js';
import { observeWith } from '../helpers/fake-http.js';
import { resolveAccount } from '../../src/accounts/normalise.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { answer, realJson, realText } from '../helpers/fixtures.js';
import { finding } from '../helpers/report.js';

const seconds = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);

describe('WeChat Official Account parsers on the real captures', () => {
  it('reads an article page: its time (ct, seconds), the account’s name, 微信号 and __biz', () => {
    const page = parseArticlePage(answer(realText('wechat-mp', 'mp-article-page-vars-2018.html')));
    expect(page).toEqual({ at: new Date(1521515999 * 1000), name: '共产党员', alias: 'gcdyweixin', biz: 'MzA4ODUzNjAxOA==' });
  });

  it('reads a stale temporary link as saying nothing, never as a missing account', () => {
    expect(parseArticlePage(answer(realText('wechat-mp', 'mp-article-link-expired-2018.html')))).toMatchObject({ kind: 'unknown', reason: 'no-dates' });
  });

  it('reads the WAF’s verification, a deleted article and a page without ct for what they are', () => {
    expect(parseArticlePage(answer('', 302, { location: '/mp/wappoc_appmsgcaptcha?poc_token=x' }))).toMatchObject({ reason: 'captcha' });
    expect(parseArticlePage(answer('<p>环境异常</p><a>完成验证</a>'))).toMatchObject({ reason: 'captcha' });
    expect(parseArticlePage(answer('<h2>该内容已被发布者删除</h2>'))).toMatchObject({ reason: 'no-dates' });
    expect(parseArticlePage(answer('<html><body>x</body></html>'))).toMatchObject({ reason: 'layout-changed' });
  });

  it('reads the 2019 account search: names without Sogou’s highlight, 微信号, 最近文章 time, Sogou’s id', () => {
    const cards = parseSogouAccounts(realText('wechat-mp', 'sogou-account-search-type1-2019.html'))!;
    expect(cards[0]).toEqual({
      name: '小米公司',
      alias: 'xiaomigongsi0406',
      openid: 'oIWsFtwQ6Cbkw5eL6VI--XfwB1bQ',
      latest: new Date(1574217660 * 1000),
      // The card's 认证 line, the <i class="identify"> mark left out.
      verification: { verified: true, kind: 'unknown', text: '小米科技有限责任公司', field: 'Sogou account card 认证' },
    });
    expect(cards[1]).toMatchObject({ name: '小米超神', alias: 'playmoba' });
  });

  it('reads the 2017 account search, whose second card shows no 最近文章', () => {
    const cards = parseSogouAccounts(realText('wechat-mp', 'sogou-account-search-type1-2017.html'))!;
    expect(cards).toHaveLength(2);
    expect(seconds(cards[0]!.latest)).toBe(1500773936);
    expect(cards[1]!.latest).toBeUndefined();
  });

  it('reads the 2017 article search: each result’s account and time (div.s-p[t])', () => {
    const articles = parseSogouArticles(realText('wechat-mp', 'sogou-article-search-type2-2017.html'))!;
    expect(articles.map((a) => [a.account, seconds(a.at)])).toEqual([
      ['占豪', 1498908951],
      ['光明网', 1498209951],
    ]);
    expect(articles[0]!.openid).toBe('oIWsFt8nKJlpLQbQ5H9NMPBjxup8');
  });

  it('knows Sogou’s anti-spider wall, as a page and as a redirect', () => {
    expect(detectSogouBlock(answer(realText('wechat-mp', 'sogou-antispider-captcha-2017.html')))).toMatchObject({ reason: 'captcha' });
    expect(detectSogouBlock(answer('', 302, { location: 'https://weixin.sogou.com/antispider/?from=%2Fweixin' }))).toMatchObject({ reason: 'captcha' });
    expect(detectSogouBlock(answer(realText('wechat-mp', 'sogou-account-search-type1-2019.html')))).toBeUndefined();
  });

  it('takes a page that is neither results nor Sogou’s “no results” for a changed layout', () => {
    expect(parseSogouAccounts('<html><body>something else</body></html>')).toBeUndefined();
    expect(parseSogouAccounts('<div id="noresult_part1_container">暂无与“x”相关的结果</div>')).toEqual([]);
  });

  it('knows an __biz: base64 of the account’s numeric id (the 2017 page’s biz is its fakeid)', () => {
    const list = realJson('wechat-mp', 'mp-profile-history-msglist-2017.json') as { list: { comm_msg_info: { fakeid: string } }[] };
    const fakeid = String(list.list[0]!.comm_msg_info.fakeid);
    expect(Buffer.from('MjM5MjAzODU2MA==', 'base64').toString()).toBe(fakeid);
    expect(isBiz('MjM5MjAzODU2MA==')).toBe(true);
    expect(isBiz('gcdyweixin')).toBe(false);
    expect(wechatIdKind('MzA4ODUzNjAxOA==')).toEqual({ kind: 'biz', biz: 'MzA4ODUzNjAxOA==' });
    expect(wechatIdKind('gh_9381891f8dd8')).toEqual({ kind: 'alias', alias: 'gh_9381891f8dd8' });
    expect(wechatIdKind('江城发布')).toEqual({ kind: 'name', name: '江城发布' });
  });
});

describe('WeChat: matching an account on Sogou', () => {
  const cards = [
    { name: '江城水利', alias: 'jcshuili', openid: 'a' },
    { name: '江城水利', alias: 'jcshuili-fake', openid: 'b' },
    { name: '江城民政', alias: 'jcminzheng', openid: 'c' },
  ];

  it('matches by 微信号 exactly, never falling back to the name', () => {
    expect(matchCard(cards, { alias: 'JCShuiLi', name: '江城民政' })).toMatchObject({ card: { openid: 'a' }, by: 'alias' });
    expect(matchCard(cards, { alias: 'other', name: '江城民政' })).toMatchObject({ problem: 'absent', detail: expect.stringMatching(/no account with the 微信号 other/) });
  });

  it('matches by name only when one account has it, and the list gives no __biz a card cannot show', () => {
    expect(matchCard(cards, { name: '江城民政' })).toMatchObject({ card: { openid: 'c' }, by: 'name' });
    expect(matchCard(cards, { name: '江城水利' })).toEqual({
      problem: 'ambiguous',
      detail: '2 accounts named 江城水利 on Sogou (微信号 jcshuili, jcshuili-fake): a name alone cannot tell them apart; give the 微信号 or an article link',
    });
    expect(matchCard(cards, { name: '江城民政', biz: 'MzkwMDAwMDAwOA==' })).toMatchObject({ problem: 'unconfirmed', detail: expect.stringContaining('no __biz to check against MzkwMDAwMDAwOA==') });
  });

  it('takes an article result for the card’s account by Sogou’s id, a look-alike’s never', () => {
    const at = new Date();
    expect(isByCard({ account: '江城水利', openid: 'b', at }, cards[0]!)).toBe(false);
    expect(isByCard({ account: '江城水利', openid: 'a', at }, cards[0]!)).toBe(true);
    expect(isByCard({ account: '江城水利', at }, { name: '江城水利' })).toBe(true);
    // Without Sogou's ids, a name another card also bears says nothing.
    expect(isByCard({ account: '江城水利', at }, { name: '江城水利' }, false)).toBe(false);
  });

  it('fills a bridge template, or says it cannot', () => {
    expect(bridgeFeedUrl('http://bridge:4000/feeds/MP_WXS_{bizId}.atom', { biz: 'MzA4ODUzNjAxOA==' })).toBe('http://bridge:4000/feeds/MP_WXS_3088536018.atom');
    expect(bridgeFeedUrl('https://rsshub.example/wechat/x/{alias}?key=k', { alias: 'gcdyweixin' })).toBe('https://rsshub.example/wechat/x/gcdyweixin?key=k');
    expect(bridgeFeedUrl('http://bridge/feeds/MP_WXS_{bizId}.atom', { name: '江城发布' })).toBeUndefined();
  });
});

describe('WeChat rows as offices write them', () => {
  it.each([
    ['微信公众号', 'https://mp.weixin.qq.com/s/Jx6c1vJ0aHkD2q3yXb1rTw', 'wechat-mp'],
    ['公众号', '江城发布', 'wechat-mp'],
    ['订阅号', 'jcfabu', 'wechat-mp'],
    ['服务号', 'MzA4ODUzNjAxOA==', 'wechat-mp'],
    ['微信', 'gh_9381891f8dd8', 'wechat-mp'],
    ['', 'https://mp.weixin.qq.com/s?__biz=MzA4ODUzNjAxOA==&mid=1&idx=1&sn=abc', 'wechat-mp'],
    // 微信 with a 视频号 id is WeChat Channels.
    ['微信', 'sphJiangchengFabu', 'wechat-channels'],
  ])('%s %s → %s', (platform, cell, expected) => {
    expect(resolveAccount(platform, cell)).toMatchObject({ kind: 'ok', platform: { id: expected } });
  });
});

describe('WeChat verdicts: a sample of the articles proves activity, never silence', () => {
  const now = new Date('2026-11-20T10:00:00+08:00');
  const account = { ...finding('jcfabu', 'active', null).account, key: 'wechat-mp:jcfabu', platform: 'wechat-mp' };
  const S = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const card = (alias: string, openid: string, iso?: string) =>
    `<li id="sogou_vr_11002301_box_0" d="${openid}"><p class="tit"><a>江城发布</a></p><label name="em_weixinhao">${alias}</label>${iso ? `<dl><dd><a uigs="account_article_0">x</a><span><script>document.write(timeConvert('${S(iso)}'))</script></span></dd></dl>` : ''}</li>`;
  /** Sogou as the adapter meets it: its account search, then an empty article search. */
  const sogou = (...cards: string[]) =>
    observeWith(wechatMp, (url) => (url.searchParams.get('type') === '1' ? { body: `<ul class="news-list2">${cards.join('')}</ul>` } : { body: '<ul class="news-list"></ul><div id="noresult_part1_container"></div>' }), { thresholds: DEFAULT_THRESHOLDS });
  const verdict = async (id: string, ...cards: string[]) => classify({ ...account, id }, await sogou(...cards).observe(id), now, DEFAULT_THRESHOLDS, now);

  it('is active when a seen article is inside the inactive line, from Sogou', async () => {
    expect(await verdict('jcfabu', card('jcfabu', 'o1', '2026-11-19T10:00:00+08:00'))).toMatchObject({ status: 'active', source: 'sogou' });
  });

  it('is unverified, the newest seen shown as the last known post, however old', async () => {
    for (const old of ['2026-10-26T10:00:00+08:00', '2025-01-01T10:00:00+08:00']) {
      expect(await verdict('jcfabu', card('jcfabu', 'o1', old))).toMatchObject({ status: 'unverified', reason: 'no-recent-post-seen', lastPostAt: new Date(old) });
    }
  });

  it('is unverified, never a zombie, when nothing was seen', async () => {
    expect(await verdict('jcfabu', card('jcfabu', 'o1'))).toMatchObject({ status: 'unverified', reason: 'no-recent-post-seen' });
  });

  it('takes nothing from Sogou when two accounts bear the name the list gives: wrong-account, however recent', async () => {
    const result = await verdict('江城发布', card('jcfabu', 'o1', '2026-11-19T10:00:00+08:00'), card('jcfabu2', 'o2', '2026-11-18T10:00:00+08:00'));
    expect(result).toMatchObject({ status: 'unverified', reason: 'wrong-account', lastPostAt: null, detail: expect.stringContaining('2 accounts named 江城发布 on Sogou (微信号 jcfabu, jcfabu2)') });
    // One account of the name: its card is this account's.
    expect(await verdict('江城发布', card('jcfabu', 'o1', '2026-11-19T10:00:00+08:00'))).toMatchObject({ status: 'active' });
  });
});

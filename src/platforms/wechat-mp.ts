import type { Account } from '../accounts/account.js';
import { toChinaMinute } from '../audit/time.js';
import type { HttpResponse } from '../fetch/http.js';
import type { ObserveContext, Observer, PlatformAdapter } from './adapter.js';
import { cheerio } from './cheerio.js';
import type { Source } from '../audit/status.js';
import { at, observationFromFailure, parseJsonLeniently } from './common.js';
import { fromEpoch } from './dates.js';
import { feedObservation, fetchFeed } from './feed.js';
import type { AnswerFacts, Observation, Post, Unknown, Verification } from './observation.js';
import { verificationText, verifiedAs } from './verification.js';

/*
 * WeChat Official Accounts (微信公众号). Field notes: shared/research/
 * toutiao-wechat.md § 3. No anonymous, complete list of an account's articles
 * exists. What gov-audit can see: an article page the list links to (its own
 * time, `var ct`), Sogou WeChat search (an account card's one 最近文章, and
 * article results), and a WeChat-to-RSS bridge the user runs. The first two
 * are samples: they can prove an account active, never inactive, zombie or
 * not found. Only the bridge, which lists the account's articles, allows
 * every verdict, and silence only while it shows itself fresh (proof rule 6).
 * Names repeat: a Sogou card found by name alone is this account's only when
 * no other card bears the name and the list gives no id the card cannot
 * confirm; otherwise Sogou proves nothing of it (`wrong-account`).
 */

const MP = 'https://mp.weixin.qq.com';
const SOGOU = 'https://weixin.sogou.com';

const unknown = (reason: Unknown['reason'], detail: string): Unknown => ({ kind: 'unknown', reason, detail });

/** How the list named the account. */
export type WechatId =
  | { kind: 'article'; url: string }
  | { kind: 'biz'; biz: string }
  | { kind: 'alias'; alias: string }
  | { kind: 'name'; name: string };

/** `__biz` is base64 of the account's numeric id (real captures: MzA4ODUzNjAxOA== → 3088536018). */
export function isBiz(value: string): boolean {
  if (!/^M[A-Za-z0-9+/]{6,}={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return /^\d{5,12}$/.test(Buffer.from(value, 'base64').toString('latin1'));
}

/** A 微信号: 6 to 20 letters, digits, `-` or `_`, starting with a letter; or an original id `gh_…`. */
const ALIAS = /^(?:[A-Za-z][-\w]{5,19}|gh_[0-9a-f]{12})$/;

export function wechatIdKind(id: string): WechatId {
  if (/^https?:\/\//.test(id)) return { kind: 'article', url: id };
  if (isBiz(id)) return { kind: 'biz', biz: id };
  if (ALIAS.test(id)) return { kind: 'alias', alias: id };
  return { kind: 'name', name: id };
}

/** What an article page says of itself and of its account. */
export interface ArticlePage {
  at: Date;
  name?: string;
  alias?: string;
  biz?: string;
}

/** `var x = "…"` (or `"" || "…"`, or `window.x = '…'`) in an article page's scripts. */
function scriptVar(html: string, name: string): string | undefined {
  const match = new RegExp(`(?:var|window\\.)\\s*${name}\\s*=\\s*(?:(["'])[^"']*\\1\\s*\\|\\|\\s*)?(["'])([^"']*)\\2`).exec(html);
  return match?.[3] || undefined;
}

/**
 * An article page (`mp.weixin.qq.com/s…`): its time (`ct`, seconds; real 2018
 * capture), the account's name, 微信号 and `__biz`. A deleted article or a
 * stale link says nothing of the account; the WAF's verification page is a captcha.
 */
export function parseArticlePage(response: HttpResponse): ArticlePage | Unknown {
  const { status, body } = response;
  const location = String(response.headers.location ?? '');
  if (/appmsgcaptcha|verifycode/.test(location) || /环境异常|完成验证/.test(body)) return unknown('captcha', 'the article page asks for verification (环境异常)');
  if (status === 429) return unknown('rate-limited', 'HTTP 429');
  if (status >= 300) return unknown(status >= 500 ? 'network-error' : 'blocked', `the article page answered HTTP ${status}`);
  if (/链接已过期/.test(body)) return unknown('no-dates', 'the article link has expired (链接已过期): a temporary link; use its permanent form');
  if (/已被发布者删除|该内容已被发布者删除|此内容因违规无法查看/.test(body)) return unknown('no-dates', 'the linked article was deleted: it says nothing of the account');
  const at = fromEpoch(scriptVar(body, 'ct'));
  if (!at) return unknown('layout-changed', 'no article time (ct) in the article page');
  const $ = cheerio().load(body);
  const aliasLabel = $('.profile_meta_label').filter((_i, el) => $(el).text().trim() === '微信号').first();
  return {
    at,
    name: scriptVar(body, 'nickname') ?? ($('.wx_follow_nickname').first().text().trim() || undefined),
    alias: aliasLabel.next('.profile_meta_value').text().trim() || undefined,
    biz: scriptVar(body, 'biz') ?? scriptVar(body, 'appuin'),
  };
}

/** Sogou's anti-spider wall (real 2017 capture): a redirect to /antispider/ or its page. */
export function detectSogouBlock(response: HttpResponse): Unknown | undefined {
  const { status, body } = response;
  const location = String(response.headers.location ?? '');
  if (/antispider/.test(location) || /antispider/.test(response.url)) return unknown('captcha', 'Sogou sent the search to its anti-spider page');
  if (/访问过于频繁|请输入验证码|seccodeImage/.test(body)) return unknown('captcha', 'Sogou asks for a captcha (访问过于频繁)');
  if (status === 429) return unknown('rate-limited', 'HTTP 429 from Sogou');
  if (status >= 300) return unknown(status >= 500 ? 'network-error' : 'blocked', `Sogou answered HTTP ${status}`);
  return undefined;
}

/** Sogou's highlight markers and tags, out of a name. */
function plainText(html: string): string {
  return cheerio().load(`<i>${html.replace(/<!--red_(?:beg|end)-->/g, '')}</i>`)('i').text().replace(/\s+/g, '').trim();
}

const timeConvert = (html: string) => fromEpoch(/timeConvert\('(\d+)'\)/.exec(html)?.[1]);

export interface SogouCard {
  name: string;
  /** Sogou's own id of the account (`li[d]`), which its article results name too. */
  openid?: string;
  alias?: string;
  /** The card's 最近文章: absent on some cards (the 2017 capture's second one). */
  latest?: Date;
  /** The card's 认证 line: absent when the card shows none (which proves nothing: no capture shows a card without one). */
  verification?: Verification;
}

/**
 * A card's `<dl><dt>…认证：</dt><dd>subject</dd></dl>` (real 2017 and 2019
 * captures: 《山东商报》社, 小米科技有限责任公司): the body WeChat verified the
 * account as. Sogou does not say of what kind.
 */
export function sogouVerification(lines: readonly { term: string; value: string }[]): Verification | undefined {
  const text = verificationText(lines.find((line) => line.term.includes('认证'))?.value);
  return text ? verifiedAs('unknown', text, 'Sogou account card 认证') : undefined;
}

/**
 * Sogou's account search (`type=1`, real 2017 and 2019 captures): each card's
 * name, 微信号 and 最近文章 time. `undefined` when the page is not a result page.
 */
export function parseSogouAccounts(html: string): SogouCard[] | undefined {
  const $ = cheerio().load(html);
  const cards = $('li[id^="sogou_vr_11002301_box_"]');
  if (!cards.length) return isEmptyResult(html) ? [] : undefined;
  return cards.toArray().map((card) => {
    const $card = $(card);
    const article = $card.find('a[uigs^="account_article_"]').first();
    const lines = $card
      .find('dl')
      .toArray()
      .map((dl) => ({ term: $(dl).children('dt').text(), value: $(dl).children('dd').text() }));
    const verification = sogouVerification(lines);
    return {
      name: plainText($card.find('p.tit a').first().html() ?? ''),
      openid: $card.attr('d') || undefined,
      alias: $card.find('label[name="em_weixinhao"]').first().text().trim() || undefined,
      latest: article.length ? timeConvert(article.parent().html() ?? '') : undefined,
      ...(verification ? { verification } : {}),
    };
  });
}

/** A Sogou result page that found nothing (reconstructed: no capture of it exists). */
function isEmptyResult(html: string): boolean {
  return /noresult_part1_container|暂无与.*相关的/.test(html);
}

export interface SogouArticle {
  account: string;
  /** Sogou's id of the account (`a.account[i]`), when the page gives it. */
  openid?: string;
  at: Date;
}

/**
 * Sogou's article search (`type=2`, real 2017 capture): each result's account
 * name (`a.account`, or `span.all-time-y2` in newer pages) and time (`div.s-p[t]`).
 */
export function parseSogouArticles(html: string): SogouArticle[] | undefined {
  const $ = cheerio().load(html);
  const items = $('li[id^="sogou_vr_11002601_box_"]');
  if (!items.length) return isEmptyResult(html) ? [] : undefined;
  return items.toArray().flatMap((item) => {
    const stamp = $(item).find('div.s-p[t]').first();
    const at = fromEpoch(stamp.attr('t'));
    const named = stamp.find('a.account, span.all-time-y2').first();
    const account = plainText(named.html() ?? '');
    return at && account ? [{ account, openid: named.attr('i') || undefined, at }] : [];
  });
}

/** What is known of the account, from the list and from what was read. */
interface Known {
  name?: string;
  alias?: string;
  biz?: string;
}

/**
 * A bridge's feed URL from the user's template: `{biz}`, `{bizId}` (the
 * numeric id), `{alias}` (the 微信号), `{name}`. `undefined` when the template
 * needs something not known of this account.
 */
export function bridgeFeedUrl(template: string, known: Known): string | undefined {
  const values: Record<string, string | undefined> = {
    biz: known.biz,
    bizId: known.biz && isBiz(known.biz) ? Buffer.from(known.biz, 'base64').toString('latin1') : undefined,
    alias: known.alias,
    name: known.name,
  };
  let missing = false;
  const url = template.replace(/\{(\w+)\}/g, (_all, key: string) => {
    const value = values[key];
    if (value === undefined) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : url;
}

/** The placeholders a bridge template may use. */
export const BRIDGE_PLACEHOLDERS = ['{biz}', '{bizId}', '{alias}', '{name}'] as const;

/** Which card is this account, or why none can be said to be. */
export type CardMatch =
  | { card: SogouCard; by: 'alias' | 'name' }
  /** `absent`: no such card; `ambiguous`: several cards bear the name; `unconfirmed`: the list's __biz cannot be checked on a card. */
  | { problem: 'absent' | 'ambiguous' | 'unconfirmed'; detail: string };

/**
 * The card that is this account: by 微信号 when known (exact, in any case).
 * By name only when exactly one card bears it and the list gives no id the
 * card cannot confirm (Sogou's cards show the 微信号, never the __biz): names
 * repeat, and a look-alike's card is another account's.
 */
export function matchCard(cards: readonly SogouCard[], known: Known): CardMatch {
  if (known.alias) {
    const byAlias = cards.find((c) => c.alias?.toLowerCase() === known.alias!.toLowerCase());
    return byAlias ? { card: byAlias, by: 'alias' } : { problem: 'absent', detail: `no account with the 微信号 ${known.alias} among Sogou's results` };
  }
  const named = cards.filter((c) => c.name === known.name);
  if (!named.length) return { problem: 'absent', detail: `no account named ${known.name} among Sogou's results` };
  if (named.length > 1) {
    const aliases = named.map((c) => c.alias ?? '?').join(', ');
    return { problem: 'ambiguous', detail: `${named.length} accounts named ${known.name} on Sogou (微信号 ${aliases}): a name alone cannot tell them apart; give the 微信号 or an article link` };
  }
  if (known.biz) return { problem: 'unconfirmed', detail: `Sogou's card named ${known.name} shows no __biz to check against ${known.biz}: a name alone proves nothing; give the 微信号` };
  return { card: named[0]!, by: 'name' };
}

/**
 * Whether an article result is by the card's account: by Sogou's own id when
 * both give it (names repeat: look-alike accounts share them), else by name,
 * and by name only when no other card bears it.
 */
export function isByCard(article: SogouArticle, card: SogouCard, nameIsUnique = true): boolean {
  return article.openid && card.openid ? article.openid === card.openid : nameIsUnique && article.account === card.name;
}

/** How the list named the account, as the proof's subject: a 微信号 in lower case (WeChat ignores case). */
export function wechatSubject(id: WechatId, listed: string): string {
  return id.kind === 'alias' ? id.alias.toLowerCase() : listed;
}

/** What one account's look around gathered: dated articles, where gov-audit looked, and what stopped it. */
class Sighting {
  readonly posts: (Post & { source: Source })[] = [];
  readonly looked: string[] = [];
  readonly answers: AnswerFacts[] = [];
  block?: Unknown;
  name?: string;
  /** The 认证 of the account's own Sogou card. */
  verification?: Verification;

  constructor(
    private readonly now: Date,
    private readonly inactiveDays: number,
    private readonly subject: string,
  ) {}

  add(id: string, at: Date, source: Source): void {
    this.posts.push({ id, at, pinned: false, source });
  }

  /** An answer the sighting rests on: asked by the account's id (or the name, 微信号 or link its own pages gave), naming no other. */
  used(what: string): void {
    this.answers.push({ what, requestNames: true, names: [] });
  }

  /** A dated article inside the inactive line: the account is active, nothing more to look for. */
  get recent(): boolean {
    return this.posts.some((p) => this.now.getTime() - p.at.getTime() <= this.inactiveDays * 86_400_000);
  }

  stoppedBy(block: Unknown): void {
    this.block ??= block;
  }

  observation(): Observation {
    const profile = { name: this.name, ...(this.verification ? { verification: this.verification } : {}) };
    const where = this.looked.length ? `looked at ${this.looked.join('; ')}` : 'nowhere to look';
    if (!this.recent && this.block) {
      const newest = this.posts.map((p) => p.at.getTime()).sort((a, b) => b - a)[0];
      const seen = newest ? `; newest article seen ${toChinaMinute(new Date(newest))}` : '';
      return { ...this.block, detail: `${this.block.detail}${seen}`, profile };
    }
    const partial = `${where}; these show only some of an account's articles, so they can prove activity, never silence`;
    const posts = this.posts.map(({ source: _source, ...post }) => post);
    return { kind: 'found', profile, posts, partial, proof: { subject: this.subject, source: this.source(), answers: this.answers } };
  }

  /** Where the newest article seen came from: Sogou, or the linked article page. */
  private source(): Source {
    const newest = [...this.posts].sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    return newest?.source ?? (this.answers.some((a) => a.what.startsWith('Sogou')) ? 'sogou' : 'article');
  }
}

/**
 * WeWe-RSS (cooderl/wewe-rss) writes the account's info time (`updateTime`,
 * set when the account was added), not its last sync, as the Atom feed's
 * `updated`; its feed list (`GET /feeds/`, no access code needed) gives each
 * feed's `syncTime`, the last successful sync (apps/server/src/feeds,
 * trpc.service.ts: set only after the articles were fetched).
 */
export function weweSyncTime(listing: unknown, feedUrl: string): Date | undefined {
  const id = /\/feeds\/([^/.]+)\.\w+$/.exec(new URL(feedUrl).pathname)?.[1];
  if (!id || !Array.isArray(listing)) return undefined;
  const entry = listing.find((item) => at(item, 'id') === id);
  return fromEpoch(at(entry, 'syncTime'));
}

/** The WeWe-RSS feed list beside a feed's address (`…/feeds/`), keeping the template's query. */
export function weweListingUrl(feedUrl: string): string {
  const url = new URL('./', feedUrl);
  url.search = new URL(feedUrl).search;
  return url.href;
}

/** A dated article inside the inactive line. */
function isRecent(observation: Observation, now: Date, inactiveDays: number): boolean {
  return observation.kind === 'found' && observation.posts.some((p) => now.getTime() - p.at.getTime() <= inactiveDays * 86_400_000);
}

/** The bridge says it was built within a day of the check: it speaks for silence too, and nothing else need be asked. */
function builtLately(observation: Observation, now: Date): boolean {
  const built = observation.kind === 'found' ? observation.proof?.feedBuiltAt : undefined;
  return built !== undefined && Math.abs(now.getTime() - built.getTime()) <= 86_400_000;
}

function createObserver(ctx: ObserveContext): Observer {
  const get = (url: string, signal: AbortSignal, referer = `${SOGOU}/`) => ctx.http.fetch({ url, followRedirects: false, headers: { referer } }, signal);
  const inactiveDays = ctx.thresholds?.inactiveDays ?? 14;
  /** WeWe-RSS feed lists, once per scan and bridge. */
  const listings = new Map<string, Promise<unknown>>();

  /** The linked article: its time, and who wrote it. */
  async function readArticle(url: string, sighting: Sighting, known: Known, signal: AbortSignal): Promise<void> {
    const page = parseArticlePage(await get(url, signal, `${MP}/`));
    if ('kind' in page) {
      sighting.looked.push(`the article page (${page.detail})`);
      if (page.reason !== 'no-dates') sighting.stoppedBy(page);
      return;
    }
    sighting.add(url, page.at, 'article');
    sighting.used('article page');
    sighting.looked.push(`the linked article (${toChinaMinute(page.at)})`);
    Object.assign(known, { name: page.name ?? known.name, alias: page.alias ?? known.alias, biz: page.biz ?? known.biz });
  }

  /** Sogou's account card, then its article search when the card shows nothing recent. */
  async function searchSogou(sighting: Sighting, known: Known, signal: AbortSignal): Promise<void> {
    const query = known.alias ?? known.name;
    if (!query) {
      sighting.looked.push('not Sogou: an __biz cannot be searched there (add the 微信号 or an article link)');
      return;
    }
    const accounts = await get(`${SOGOU}/weixin?type=1&query=${encodeURIComponent(query)}&ie=utf8`, signal);
    const block = detectSogouBlock(accounts);
    if (block) return sighting.stoppedBy(block);
    const cards = parseSogouAccounts(accounts.body);
    if (!cards) return sighting.stoppedBy(unknown('layout-changed', 'Sogou account search answered a page gov-audit does not understand'));
    const match = matchCard(cards, known);
    if ('problem' in match) {
      sighting.looked.push(`Sogou account search (${match.detail})`);
      // Several accounts of the name, or one the list's __biz cannot confirm: whose card it is is not known.
      if (match.problem !== 'absent') sighting.stoppedBy(unknown('wrong-account', match.detail));
      return;
    }
    const { card } = match;
    sighting.name ??= card.name;
    sighting.verification ??= card.verification;
    sighting.used("Sogou's account card");
    if (card.latest) sighting.add(`sogou:${card.name}:latest`, card.latest, 'sogou');
    sighting.looked.push(`Sogou's account card (${card.latest ? `最近文章 ${toChinaMinute(card.latest)}` : 'no 最近文章 shown'})`);
    if (sighting.recent) return;
    const search = await get(`${SOGOU}/weixin?type=2&query=${encodeURIComponent(card.name)}&ie=utf8`, signal);
    const searchBlock = detectSogouBlock(search);
    if (searchBlock) return sighting.stoppedBy(searchBlock);
    const articles = parseSogouArticles(search.body);
    if (!articles) return sighting.stoppedBy(unknown('layout-changed', 'Sogou article search answered a page gov-audit does not understand'));
    const nameIsUnique = cards.filter((c) => c.name === card.name).length === 1;
    const own = articles.filter((a) => isByCard(a, card, nameIsUnique));
    own.forEach((a, i) => sighting.add(`sogou:${card.name}:${i}`, a.at, 'sogou'));
    if (own.length) sighting.used('Sogou article search');
    sighting.looked.push(`Sogou article search (${own.length} of its ${articles.length} results by this account)`);
  }

  /** When a WeWe-RSS bridge last synced the feed; undefined when it does not say. */
  async function weweSynced(url: string, signal: AbortSignal): Promise<Date | undefined> {
    const listingUrl = weweListingUrl(url);
    if (!listings.has(listingUrl)) {
      listings.set(
        listingUrl,
        ctx.http.fetch({ url: listingUrl, headers: { accept: 'application/json' } }, signal).then(
          (response) => (response.status === 200 ? parseJsonLeniently(response.body) : undefined),
          () => undefined,
        ),
      );
    }
    const listing = await listings.get(listingUrl);
    // A failed read is asked again for the next account: one timeout must not make the whole scan stale.
    if (listing === undefined) listings.delete(listingUrl);
    return weweSyncTime(listing, url);
  }

  /**
   * The user's bridge lists the account's articles: every verdict is allowed
   * from it, silence only when it shows itself fresh (proof rule 6). No
   * bridge is known to write in its feed that its WeChat login lapsed
   * (WeWe-RSS and we-mp-rss say so only in their logs and pages), so its
   * freshness is the build time it states.
   */
  async function readBridge(known: Known, sighting: Sighting, signal: AbortSignal): Promise<Observation | undefined> {
    if (!ctx.feedTemplate) return undefined;
    const url = bridgeFeedUrl(ctx.feedTemplate, known);
    if (!url) {
      // The template is never quoted: it may hold the bridge's access key.
      const needs = (ctx.feedTemplate.match(/\{\w+\}/g) ?? []).join(', ');
      sighting.looked.push(`not the feed bridge: its template needs ${needs}, which this row does not give`);
      return undefined;
    }
    const read = await fetchFeed(ctx.http, url, ctx.now, signal);
    if ('kind' in read) {
      sighting.looked.push(`the feed bridge (${read.detail})`);
      return undefined;
    }
    // WeWe-RSS's `updated` is not its build time: its feed list says when it last synced.
    const feed = read.generator === 'WeWe-RSS' ? { ...read, builtAt: await weweSynced(url, signal) } : read;
    const observed = feedObservation(feed, { url, source: 'bridge' });
    if (observed.kind === 'found' && observed.posts.length) return { ...observed, profile: { name: known.name ?? observed.profile.name } };
    sighting.looked.push('the feed bridge (it listed no dated article)');
    return undefined;
  }

  return async (account: Account, signal: AbortSignal) => {
    const id = wechatIdKind(account.id);
    const known: Known = {
      name: id.kind === 'name' ? id.name : account.name,
      alias: id.kind === 'alias' ? id.alias : undefined,
      biz: id.kind === 'biz' ? id.biz : undefined,
    };
    const sighting = new Sighting(ctx.now, inactiveDays, wechatSubject(id, account.id));
    try {
      if (id.kind === 'article') await readArticle(id.url, sighting, known, signal);
      const bridged = await readBridge(known, sighting, signal);
      if (bridged && (isRecent(bridged, ctx.now, inactiveDays) || builtLately(bridged, ctx.now))) return bridged;
      if (!sighting.recent) await searchSogou(sighting, known, signal);
      // A bridge that does not show itself fresh, and nothing recent elsewhere: its articles, and why they prove no silence.
      if (bridged && !sighting.recent) return bridged;
      sighting.name ??= known.name;
      return sighting.observation();
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

const profileUrl = (id: string): string => {
  const kind = wechatIdKind(id);
  if (kind.kind === 'article') return kind.url;
  if (kind.kind === 'biz') return `${MP}/mp/profile_ext?action=home&__biz=${encodeURIComponent(kind.biz)}`;
  return `${SOGOU}/weixin?type=1&query=${encodeURIComponent(kind.kind === 'alias' ? kind.alias : kind.name)}&ie=utf8`;
};

// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const wechatMp = {
  id: 'wechat-mp',
  label: { en: 'WeChat Official Account', 'zh-CN': '微信公众号' },
  aliases: ['wechat-mp', 'weixin', 'wechat', '微信', '微信公众号', '公众号', '订阅号', '服务号', '微信订阅号', '微信服务号', '微信公众平台', 'wechat official account', 'wechat-official-account', 'wx', 'gzh'],
  urlForms: [
    { hosts: ['mp.weixin.qq.com'], path: /^\/s$/, keepParams: ['__biz', 'mid', 'idx', 'sn', 'src', 'timestamp', 'ver', 'signature'], wholeUrl: true },
    { hosts: ['mp.weixin.qq.com'], path: /^\/s\/[\w-]{10,}$/, wholeUrl: true },
    { hosts: ['mp.weixin.qq.com'], path: /^\/mp\/(?:profile_ext|homepage|appmsgalbum)$/, idParam: '__biz' },
  ],
  // A name, a 微信号, an original id (gh_…) or an __biz: anything printable that is not a 视频号 id.
  idPattern: /^(?!sph)[^\s].{0,99}$/u,
  idExample: {
    en: 'the account’s name, its 微信号, its __biz (MzA4ODUzNjAxOA==) or an article link https://mp.weixin.qq.com/s?__biz=…',
    'zh-CN': '公众号名称、微信号、__biz（MzA4ODUzNjAxOA==）或文章链接 https://mp.weixin.qq.com/s?__biz=…',
  },
  // A 视频号 id under the name 微信 is a WeChat Channels account.
  handOver: (value: string) => (/^sph\w+$/.test(value) ? 'wechat-channels' : undefined),
  nameIsId: true,
  examples: [
    {
      input: 'https://mp.weixin.qq.com/s?__biz=MzA4ODUzNjAxOA==&mid=2651426017&idx=1&sn=0f0c3ac1c1ee3ea4ad7a9a1b4b4f0f6e&chksm=x&scene=21#wechat_redirect',
      id: 'https://mp.weixin.qq.com/s?__biz=MzA4ODUzNjAxOA%3D%3D&mid=2651426017&idx=1&sn=0f0c3ac1c1ee3ea4ad7a9a1b4b4f0f6e',
    },
    { input: 'https://mp.weixin.qq.com/s/Jx6c1vJ0aHkD2q3yXb1rTw', id: 'https://mp.weixin.qq.com/s/Jx6c1vJ0aHkD2q3yXb1rTw' },
    { input: 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA4ODUzNjAxOA==&scene=124#wechat_redirect', id: 'MzA4ODUzNjAxOA==' },
    { input: 'MzA4ODUzNjAxOA==', id: 'MzA4ODUzNjAxOA==', url: 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA4ODUzNjAxOA%3D%3D' },
    { input: 'gcdyweixin', id: 'gcdyweixin', url: 'https://weixin.sogou.com/weixin?type=1&query=gcdyweixin&ie=utf8' },
    { input: '江城发布', id: '江城发布' },
    { input: 'https://mp.weixin.qq.com/', id: null },
  ],
  profileUrl,
  hosts: ['mp.weixin.qq.com', 'weixin.sogou.com'],
  // Sogou answers a quick succession with its captcha: it is asked slowly unless the user says otherwise.
  hostRates: { 'weixin.sogou.com': { requests: 1, seconds: 10 } },
  // Sogou not finding an account proves nothing: existence is never checked.
  capabilities: ['name', 'dates'],
  probeAccount: 'rmrbwx',
  createObserver,
} satisfies PlatformAdapter;
// Stryker restore all

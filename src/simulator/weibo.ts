import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { DAY_MS } from '../audit/time.js';
import { cookieNames, listedPosts, loadRealAnswer, postCount, type PlatformScenario, type SimAccount, type SimVerification } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/**
 * Answers as Weibo does: the visitor passport (genvisitor, incarnate), m.weibo.cn
 * getIndex (432 without the SUB cookie), and weibo.com/ajax/profile/info.
 * Behaviours: normal, missing, banned, withheld (ok:0 but the account exists),
 * captcha, login, blocked (432 even with cookies), layout, rounded (a post count
 * printed rounded, "1.2万", and the post list refused: a count that proves nothing),
 * visitor-hidden (no content to a visitor's cookies, the posts to a login),
 * year-dropped (every date printed MM-DD, last year's too).
 */
/** `verified_type` per kind, as Weibo's open API documents it: 0 a person, 1 government, 3 media, 7 an organisation. */
const VERIFIED_TYPES: Record<SimVerification['kind'], number> = { person: 0, government: 1, media: 3, organisation: 7 };

/** A verification in Weibo's fields; not verified is `verified: false`, `verified_type: -1`, as Weibo writes it for an ordinary user. */
function weiboVerificationFields(verification: SimVerification | undefined) {
  if (!verification) return { verified: false, verified_type: -1, verified_reason: '' };
  return { verified: true, verified_type: VERIFIED_TYPES[verification.kind], verified_reason: verification.text };
}

export function weiboSimulator(scenario: PlatformScenario, fixturesDir: string, now: Date): PlatformSimulator {
  const userTemplate = loadRealAnswer(fixturesDir, 'weibo', 'm-getindex-user-1669879400-2019.json') as { data: { userInfo: Record<string, unknown> } };
  const cardsTemplate = loadRealAnswer(fixturesDir, 'weibo', 'm-getindex-cards-1076031669879400-2019.json') as { data: { cards: Record<string, unknown>[] } };
  const infoTemplate = loadRealAnswer(fixturesDir, 'weibo', 'ajax-profile-info-2026.json') as { data: { user: Record<string, unknown> } };
  const emptyContent = jsonResponse({ ok: 0, msg: '这里还没有内容', data: { cards: [] } });
  const template = cardsTemplate.data.cards.find((c) => c.mblog) ?? cardsTemplate.data.cards[0]!;

  const user = (uid: string, account: SimAccount): SimResponse => {
    const body = structuredClone(userTemplate);
    const statuses = account.behaviour === 'rounded' ? weiboCount(postCount(account)) : postCount(account);
    Object.assign(body.data.userInfo, { id: Number(uid), screen_name: account.name, followers_count: weiboCount(account.fans ?? 0), statuses_count: statuses, ...weiboVerificationFields(account.verification) });
    return jsonResponse({ ...body, data: { ...body.data, tabsInfo: { tabs: [{ tab_type: 'profile', containerid: `230283${uid}` }, { tab_type: 'weibo', containerid: `107603${uid}` }] } } });
  };

  /**
   * One page of the post list, ten cards as in the capture, each naming its
   * author. `cardlistInfo` carries `total` and, while more posts follow (or
   * the count says there are more than the fixture lists), the `since_id`
   * cursor of the current m.weibo.cn (reconstructed: the 2019 capture pages
   * by number).
   */
  const cards = (uid: string, account: SimAccount, sinceId: string | null): SimResponse => {
    const body = structuredClone(cardsTemplate) as { data: Record<string, unknown> & { cards: Record<string, unknown>[] } };
    const all = listedPosts(account).map((post, i) => ({ ...post, id: `${uid}${String(i).padStart(4, '0')}` }));
    const start = Math.max(0, sinceId ? all.findIndex((p) => p.id === sinceId) : 0);
    const page = all.slice(start, start + PAGE_SIZE);
    const templateBlog = template.mblog as { user: Record<string, unknown> };
    body.data.cards = page.map((post, i) => ({
      ...structuredClone(template),
      itemid: `107603${uid}_-_${post.id}`,
      ...(post.pinned ? { profile_type_id: 'proweibotop_' } : {}),
      mblog: {
        ...structuredClone(templateBlog),
        id: post.id,
        idstr: post.id,
        mblogtype: post.pinned ? 2 : 0,
        ...(post.pinned ? { isTop: 1, title: { text: '置顶', base_color: 1 } } : {}),
        created_at: account.behaviour === 'year-dropped' ? format(china(post.at), 'MM-dd') : weiboDate(post.at, now, start + i),
        user: { ...templateBlog.user, id: Number(uid), screen_name: account.name, ...weiboVerificationFields(account.verification) },
      },
    }));
    const next = all[start + PAGE_SIZE]?.id ?? (postCount(account) > all.length && page.length ? `${uid}more` : undefined);
    body.data.cardlistInfo = { containerid: `107603${uid}`, v_p: 42, show_style: 1, total: postCount(account), ...(next ? { since_id: next } : {}) };
    return jsonResponse(body);
  };

  const profileInfo = (uid: string, account: SimAccount | undefined): SimResponse => {
    if (!account || account.behaviour === 'missing') return jsonResponse({ ok: 0, msg: '该用户不存在(20003)' });
    if (account.behaviour === 'banned') return jsonResponse({ ok: 0, msg: '用户已被封禁' });
    // profile/info answers, but with nothing that confirms or denies the account.
    if (account.behaviour === 'unconfirmed') return jsonResponse({ ok: 1, data: {} });
    const body = structuredClone(infoTemplate);
    Object.assign(body.data.user, { id: Number(uid), idstr: uid, screen_name: account.name, followers_count: account.fans ?? 0, statuses_count: postCount(account), ...weiboVerificationFields(account.verification) });
    return jsonResponse(body);
  };

  const getIndex = (request: SimRequest): SimResponse => {
    if (!cookieNames(request.headers.cookie).has('SUB')) return { status: 432, body: '' };
    const visitor = cookieValue(request.headers.cookie, 'SUB') === VISITOR_SUB;
    const containerId = request.query.get('containerid');
    const uid = containerId ? containerId.replace(/^107603/, '') : (request.query.get('value') ?? '');
    const account = scenario.accounts[uid];
    switch (account?.behaviour ?? (account ? 'normal' : 'missing')) {
      case 'missing':
      case 'banned':
      case 'withheld':
      case 'unconfirmed':
        return emptyContent;
      case 'visitor-hidden':
        // Shown only to a logged-in user (field-check: RSSHub weibo/user.ts): a visitor gets "no content".
        if (visitor) return emptyContent;
        return containerId ? cards(uid, account!, request.query.get('since_id')) : user(uid, account!);
      case 'captcha':
        return jsonResponse({ ok: 0, url: 'https://passport.weibo.com/verify?entry=mweibo' });
      case 'login':
        return jsonResponse({ ok: -100, url: 'https://passport.weibo.com/sso/signin?entry=wapsso' });
      case 'blocked':
        return { status: 432, body: '' };
      case 'layout':
        return jsonResponse({ ok: 1, data: { user: { name: account!.name } } });
      case 'rounded':
        return containerId ? { status: 432, body: '' } : user(uid, account!);
      default:
        return containerId ? cards(uid, account!, request.query.get('since_id')) : user(uid, account!);
    }
  };

  return {
    hosts: ['m.weibo.cn', 'weibo.com', 'passport.weibo.com', 'visitor.passport.weibo.cn'],
    handle(request) {
      if (request.path === '/visitor/genvisitor') {
        return { status: 200, body: 'window.gen_callback && gen_callback({"retcode":20000000,"msg":"succ","data":{"tid":"sim+tid/visitor","new_tid":false,"confidence":95}});' };
      }
      if (request.path === '/visitor/visitor') {
        return {
          status: 200,
          headers: { 'set-cookie': `SUB=${VISITOR_SUB}; Path=/; Domain=.weibo.com; HttpOnly` },
          body: `window.cross_domain && cross_domain({"retcode":20000000,"msg":"succ","data":{"sub":"${VISITOR_SUB}","subp":"0033WrSXqPxfM72-Ws9jqgMF55529P9D9Wsim"}});`,
        };
      }
      if (request.path === '/api/container/getIndex') return getIndex(request);
      if (request.path === '/ajax/profile/info') {
        if (!cookieNames(request.headers.cookie).has('SUB')) return { status: 432, body: '' };
        const name = request.query.get('screen_name') ?? request.query.get('custom');
        const uid = name ? (scenario.aliases?.[name] ?? '') : (request.query.get('uid') ?? '');
        return profileInfo(uid, scenario.accounts[uid]);
      }
      return { status: 404, body: '' };
    },
  };
}

const PAGE_SIZE = 10;
/** The SUB the visitor passport gives: a request carrying another SUB is a logged-in user's. */
const VISITOR_SUB = '_2AkMsimulatedVisitorSUB';
const china = (d: Date) => new TZDate(d.getTime(), 'Asia/Shanghai');

function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const pair of text.split(';')) {
    const [key, ...value] = pair.split('=');
    if (key?.trim() === name) return value.join('=').trim();
  }
  return undefined;
}

/** Counts above 10,000 become strings, as m.weibo.cn prints them. */
function weiboCount(n: number): number | string {
  return n >= 10_000 ? `${Math.round(n / 1000) / 10}万` : n;
}

/**
 * The forms Weibo prints, chosen by age: 刚刚, N分钟前, N小时前, 昨天 HH:MM,
 * MM-DD this year, YYYY-MM-DD before; the first post in the full
 * `Tue Feb 23 12:28:47 +0800 2021` form, as single posts carry it.
 */
function weiboDate(at: Date, now: Date, index: number): string {
  if (index === 0) return format(china(at), 'EEE MMM dd HH:mm:ss xx yyyy');
  const age = now.getTime() - at.getTime();
  if (age < 60_000) return '刚刚';
  if (age < 3_600_000) return `${Math.floor(age / 60_000)}分钟前`;
  if (age < DAY_MS && china(at).getDate() === china(now).getDate()) return `${Math.floor(age / 3_600_000)}小时前`;
  if (age < 2 * DAY_MS && china(new Date(now.getTime() - DAY_MS)).getDate() === china(at).getDate()) return `昨天 ${format(china(at), 'HH:mm')}`;
  if (china(at).getFullYear() === china(now).getFullYear()) return format(china(at), 'MM-dd');
  return format(china(at), 'yyyy-MM-dd');
}

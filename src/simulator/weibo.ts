import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { DAY_MS } from '../audit/time.js';
import { cookieNames, listedPosts, loadRealAnswer, postCount, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/**
 * Answers as Weibo does: the visitor passport (genvisitor, incarnate), m.weibo.cn
 * getIndex (432 without the SUB cookie), and weibo.com/ajax/profile/info.
 * Behaviours: normal, missing, banned, withheld (ok:0 but the account exists),
 * captcha, login, blocked (432 even with cookies), layout, rounded (a post count
 * printed rounded, "1.2万", and the post list refused: a count that proves nothing).
 */
export function weiboSimulator(scenario: PlatformScenario, fixturesDir: string, now: Date): PlatformSimulator {
  const userTemplate = loadRealAnswer(fixturesDir, 'weibo', 'm-getindex-user-1669879400-2019.json') as { data: { userInfo: Record<string, unknown> } };
  const cardsTemplate = loadRealAnswer(fixturesDir, 'weibo', 'm-getindex-cards-1076031669879400-2019.json') as { data: { cards: Record<string, unknown>[] } };
  const infoTemplate = loadRealAnswer(fixturesDir, 'weibo', 'ajax-profile-info-2026.json') as { data: { user: Record<string, unknown> } };
  const emptyContent = jsonResponse({ ok: 0, msg: '这里还没有内容', data: { cards: [] } });

  const user = (uid: string, account: SimAccount): SimResponse => {
    const body = structuredClone(userTemplate);
    const statuses = account.behaviour === 'rounded' ? weiboCount(postCount(account)) : postCount(account);
    Object.assign(body.data.userInfo, { id: Number(uid), screen_name: account.name, followers_count: weiboCount(account.fans ?? 0), statuses_count: statuses });
    return jsonResponse({ ...body, data: { ...body.data, tabsInfo: { tabs: [{ tab_type: 'profile', containerid: `230283${uid}` }, { tab_type: 'weibo', containerid: `107603${uid}` }] } } });
  };

  const cards = (uid: string, account: SimAccount): SimResponse => {
    const body = structuredClone(cardsTemplate);
    const template = body.data.cards.find((c) => c.mblog) ?? body.data.cards[0]!;
    body.data.cards = listedPosts(account).map((post, i) => ({
      ...structuredClone(template),
      ...(post.pinned ? { profile_type_id: 'proweibotop_' } : {}),
      mblog: { ...(template.mblog as object), id: `${uid}${i}`, mblogtype: post.pinned ? 2 : 0, created_at: weiboDate(post.at, now, i) },
    }));
    return jsonResponse(body);
  };

  const profileInfo = (uid: string, account: SimAccount | undefined): SimResponse => {
    if (!account || account.behaviour === 'missing') return jsonResponse({ ok: 0, msg: '该用户不存在(20003)' });
    if (account.behaviour === 'banned') return jsonResponse({ ok: 0, msg: '用户已被封禁' });
    // profile/info answers, but with nothing that confirms or denies the account.
    if (account.behaviour === 'unconfirmed') return jsonResponse({ ok: 1, data: {} });
    const body = structuredClone(infoTemplate);
    Object.assign(body.data.user, { id: Number(uid), idstr: uid, screen_name: account.name, followers_count: account.fans ?? 0, statuses_count: postCount(account) });
    return jsonResponse(body);
  };

  const getIndex = (request: SimRequest): SimResponse => {
    if (!cookieNames(request.headers.cookie).has('SUB')) return { status: 432, body: '' };
    const containerId = request.query.get('containerid');
    const uid = containerId ? containerId.replace(/^107603/, '') : (request.query.get('value') ?? '');
    const account = scenario.accounts[uid];
    switch (account?.behaviour ?? (account ? 'normal' : 'missing')) {
      case 'missing':
      case 'banned':
      case 'withheld':
      case 'unconfirmed':
        return emptyContent;
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
        return containerId ? cards(uid, account!) : user(uid, account!);
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
          headers: { 'set-cookie': 'SUB=_2AkMsimulatedVisitorSUB; Path=/; Domain=.weibo.com; HttpOnly' },
          body: 'window.cross_domain && cross_domain({"retcode":20000000,"msg":"succ","data":{"sub":"_2AkMsimulatedVisitorSUB","subp":"0033WrSXqPxfM72-Ws9jqgMF55529P9D9Wsim"}});',
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
  const china = (d: Date) => new TZDate(d.getTime(), 'Asia/Shanghai');
  if (index === 0) return format(china(at), 'EEE MMM dd HH:mm:ss xx yyyy');
  const age = now.getTime() - at.getTime();
  if (age < 60_000) return '刚刚';
  if (age < 3_600_000) return `${Math.floor(age / 60_000)}分钟前`;
  if (age < DAY_MS && china(at).getDate() === china(now).getDate()) return `${Math.floor(age / 3_600_000)}小时前`;
  if (age < 2 * DAY_MS && china(new Date(now.getTime() - DAY_MS)).getDate() === china(at).getDate()) return `昨天 ${format(china(at), 'HH:mm')}`;
  if (china(at).getFullYear() === china(now).getFullYear()) return format(china(at), 'MM-dd');
  return format(china(at), 'yyyy-MM-dd');
}

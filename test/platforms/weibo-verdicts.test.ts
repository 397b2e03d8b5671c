import { describe, expect, it } from 'vitest';
import { isEmptyContentAnswer, parseJsonp, parsePostCards, parseProfileInfo, parseUserInfo, readWeiboAnswer, weibo } from '../../src/platforms/weibo.js';
import { answer, json, observeWith, type Answer } from '../helpers/fake-http.js';
import { CookieJar } from '../../src/fetch/cookies.js';
import { SecretRegistry } from '../../src/fetch/redact.js';

/*
 * Weibo's answers at the edges that decide a verdict. Shapes follow the real
 * captures (m.weibo.cn getIndex 2019, ajax/profile/info 2026); the 'not
 * found' messages are reconstructed, as the adapter says.
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const user = (fields: object = {}, extra: object = {}) => ({
  ok: 1,
  data: { userInfo: { screen_name: '江城发布', followers_count: 10, statuses_count: 3, ...fields }, tabsInfo: { tabs: [{ tab_type: 'profile' }, { tab_type: 'weibo', containerid: '1076037000000001' }] }, ...extra },
});
const cards = (items: object[]) => ({ ok: 1, data: { cards: items } });
const blog = (created_at: string, extra: object = {}, card: object = {}) => ({ card_type: 9, mblog: { id: String(created_at.length), created_at, ...extra }, ...card });
const info = (fields: object = {}) => ({ ok: 1, data: { user: { idstr: '7000000001', screen_name: '江城发布', followers_count: 10, statuses_count: 3, ...fields } } });

describe('answers that are blocks', () => {
  it.each([
    [answer('', 302, { location: 'https://passport.weibo.com/visitor/visitor?entry=miniblog' }), 'login-required'],
    [answer('', 302, { location: 'https://login.sina.com.cn/sso/login.php' }), 'login-required'],
    [answer('', 302, { location: '/signin?r=1' }), 'login-required'],
    [answer('', 302, { location: 'https://m.weibo.cn/u/1' }), 'blocked'],
    [answer('', 432), 'blocked'],
    [answer('', 418), 'blocked'],
    [answer('', 403), 'blocked'],
    [answer('', 412), 'blocked'],
    [answer('', 429), 'rate-limited'],
    [answer('', 404), 'blocked'],
    [answer('', 500), 'network-error'],
    [answer('', 503), 'network-error'],
    [answer(' '), 'blocked'],
    [answer('<html>'), 'layout-changed'],
    [answer('7'), 'layout-changed'],
    [answer({ ok: -100, url: 'https://passport.weibo.com/' }), 'login-required'],
    [answer({ ok: 0, url: 'https://security.weibo.com/captcha' }), 'captcha'],
  ])('%#: %s', (response, reason) => {
    expect(readWeiboAnswer({ ...response, url: 'https://m.weibo.cn/api/container/getIndex' })).toMatchObject({ kind: 'blocked', observation: { kind: 'unknown', reason } });
  });

  it('reads an answer with a url and data as an answer, not a captcha', () => {
    expect(readWeiboAnswer(answer({ ok: 1, url: 'https://weibo.com/u/1', data: {} }))).toMatchObject({ kind: 'json' });
    expect(readWeiboAnswer(answer('', 200)).kind).toBe('blocked');
    expect(readWeiboAnswer(answer({ ok: 1 }, 299)).kind).toBe('json');
  });
});

describe('the parsers', () => {
  it('knows the "nothing here yet" answer only with ok 0 and its words', () => {
    expect(isEmptyContentAnswer({ ok: 0, msg: '这里还没有内容' })).toBe(true);
    expect(isEmptyContentAnswer({ ok: 0, msg: '其他' })).toBe(false);
    expect(isEmptyContentAnswer({ ok: 1, msg: '这里还没有内容' })).toBe(false);
    expect(isEmptyContentAnswer({ ok: 0 })).toBe(false);
  });

  it('reads the user, its weibo tab and an exact post count only', () => {
    expect(parseUserInfo(user())).toEqual({ profile: { name: '江城发布', followers: 10, postCount: 3 }, containerId: '1076037000000001', names: [] });
    expect(parseUserInfo(user({ id: 7000000001 }))!.names).toEqual(['7000000001']);
    expect(parseUserInfo(user({ statuses_count: '1.2万' }))!.profile.postCount).toBeUndefined();
    expect(parseUserInfo({ ...user(), data: { userInfo: { screen_name: '江城发布' }, tabsInfo: { tabs: {} } } })!.containerId).toBeUndefined();
    expect(parseUserInfo({ ...user(), ok: 0 })).toBeUndefined();
    expect(parseUserInfo(user({ screen_name: ' ' }))).toBeUndefined();
  });

  it('reads profile/info by idstr or numeric id, followers from the number or the rounded text', () => {
    expect(parseProfileInfo(info())).toEqual({ uid: '7000000001', profile: { name: '江城发布', followers: 10, postCount: 3 } });
    expect(parseProfileInfo({ ok: 1, data: { user: { id: 7000000002, followers_count_str: '152.1万' } } })).toEqual({ uid: '7000000002', profile: { name: undefined, followers: 1521000, postCount: undefined } });
    expect(parseProfileInfo({ ok: 1, data: { user: { id: '7000000002' } } })).toBeUndefined();
  });

  it('is not found only when ok 0 says so in msg or message', () => {
    expect(parseProfileInfo({ ok: 0, msg: '用户不存在' })).toEqual({ missing: 'missing', detail: '用户不存在' });
    expect(parseProfileInfo({ ok: 0, message: '该账号已被冻结' })).toEqual({ missing: 'banned', detail: '该账号已被冻结' });
    expect(parseProfileInfo({ ok: 0, msg: '账号封禁中' })).toMatchObject({ missing: 'banned' });
    expect(parseProfileInfo({ ok: 1, msg: '用户不存在' })).toBeUndefined();
    expect(parseProfileInfo({ ok: -1, msg: '用户不存在' })).toBeUndefined();
    expect(parseProfileInfo({ ok: 0, msg: '系统繁忙' })).toBeUndefined();
    expect(parseProfileInfo({ ok: 0 })).toBeUndefined();
  });

  it('reads posts inside card groups, knows pinned ones, and counts an unreadable date', () => {
    const { posts } = parsePostCards(cards([blog('刚刚'), { card_group: [blog('3小时前', { mblogtype: 2 })] }, blog('11-04', {}, { profile_type_id: 'proweibotop_1' }), { card_type: 11 }]), NOW)!;
    expect(posts.map((p) => [p.at.toISOString(), p.pinned])).toEqual([
      [NOW.toISOString(), false],
      ['2026-11-19T23:00:00.000Z', true],
      ['2026-11-03T16:00:00.000Z', true],
    ]);
    // An unreadable date is counted, never dropped: one may be the newest (proof rule 2).
    expect(parsePostCards(cards([blog('上周'), blog('刚刚')]), NOW)).toMatchObject({ undated: 1, posts: [{ at: NOW }] });
    expect(parsePostCards({ ok: 0, data: { cards: [] } }, NOW)).toBeUndefined();
    expect(parsePostCards({ ok: 1, data: {} }, NOW)).toBeUndefined();
  });

  it('reads a JSONP answer', () => {
    expect(parseJsonp('window.gen_callback && gen_callback({"data":{"tid":"x"}});')).toEqual({ data: { tid: 'x' } });
    expect(parseJsonp('no call')).toBeUndefined();
    expect(parseJsonp(')(')).toBeUndefined();
  });
});

describe('the whole observation', () => {
  /** Weibo with a visitor passport, and the user, list and profile/info answers given. */
  function platform(answers: { user?: Answer | Answer[]; list?: Answer; info?: Answer; gen?: Answer }) {
    const calls = new Map<string, number>();
    const next = (name: string, value: Answer | Answer[]) => {
      const i = calls.get(name) ?? 0;
      calls.set(name, i + 1);
      return Array.isArray(value) ? value[Math.min(i, value.length - 1)]! : value;
    };
    return observeWith(weibo, (url) => {
      if (url.pathname === '/visitor/genvisitor') return answers.gen ?? { body: 'window.gen_callback && gen_callback({"retcode":20000000,"data":{"tid":"tid1","new_tid":true,"confidence":95}});' };
      if (url.pathname === '/visitor/visitor') return { body: 'window.cross_domain && cross_domain({"retcode":20000000,"data":{"sub":"_2AkMsub","subp":"0033WrSX"}});' };
      if (url.hostname === 'weibo.com' && url.pathname === '/ajax/profile/info') return answers.info ?? json({ ok: 0 });
      if (url.searchParams.get('type') === 'uid') return next('user', answers.user ?? json(user()));
      if (url.searchParams.has('containerid')) return answers.list ?? json(cards([blog('刚刚')]));
      return { status: 404 };
    });
  }

  it('gets visitor cookies first, with the tid, its confidence and w=3 for a new tid', async () => {
    const { observe, requests } = platform({});
    expect(await observe('7000000001')).toMatchObject({ kind: 'found', posts: [{ pinned: false }] });
    const incarnate = new URL(requests[1]!.url);
    expect(Object.fromEntries(incarnate.searchParams)).toMatchObject({ a: 'incarnate', t: 'tid1', w: '3', c: '095', cb: 'cross_domain', from: 'weibo' });
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(requests[2]).toMatchObject({ followRedirects: false, headers: { 'mweibo-pwa': '1', 'x-requested-with': 'XMLHttpRequest', referer: 'https://m.weibo.cn/u/7000000001' } });
    // The list is asked through the weibo tab's container.
    expect(requests[3]!.url).toContain('containerid=1076037000000001');
  });

  it('says a passport without a tid is a failure, never a verdict', async () => {
    const { observe } = platform({ gen: { body: 'gen_callback({"data":{}})' } });
    expect(await observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });

  it('renews the visitor cookies once after a 432, and gives up after the second', async () => {
    const renewed = platform({ user: [{ status: 432 }, json(user())] });
    expect(await renewed.observe('7000000001')).toMatchObject({ kind: 'found' });
    expect(renewed.requests.filter((r) => r.url.includes('genvisitor'))).toHaveLength(2);
    const refused = platform({ user: [{ status: 432 }, { status: 432 }] });
    expect(await refused.observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    const other = platform({ user: [{ status: 418 }, json(user())] });
    expect(await other.observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'blocked', detail: 'HTTP 418' });
  });

  it('takes "nothing here yet" for a login wall unless profile/info says the user does not exist (issue #26 item 6)', async () => {
    const empty = json({ ok: 0, msg: '这里还没有内容' });
    expect(await platform({ user: empty, info: json({ ok: 0, msg: '用户不存在' }) }).observe('7000000001')).toMatchObject({
      kind: 'missing',
      reason: 'missing',
      statement: { httpStatus: 200, structured: true, bound: true },
      source: 'platform',
    });
    expect(await platform({ user: empty, info: json({ ok: 0, msg: '系统繁忙' }) }).observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'login-required' });
    expect(await platform({ user: empty, info: { status: 418 } }).observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'blocked', detail: 'HTTP 418' });
    expect(await platform({ user: empty, info: json(info({ statuses_count: 0 })) }).observe('7000000001')).toMatchObject({ kind: 'found', posts: [], profile: { postCount: 0 }, datesUnknown: { reason: 'login-required' } });
    const withheld = await platform({ user: empty, info: json(info()) }).observe('7000000001');
    expect(withheld).toMatchObject({ kind: 'found', datesUnknown: { reason: 'login-required' }, proof: { subject: '7000000001', answers: [{ what: 'profile', names: ['7000000001'] }], list: { read: false } } });
  });

  it('judges by the list, and says what it could not read', async () => {
    // A count of 0 does not spare the list: "never posted" needs it (proof rule 3).
    const none = platform({ user: json(user({ statuses_count: 0 })), list: json(cards([])) });
    expect(await none.observe('7000000001')).toMatchObject({ kind: 'found', posts: [], proof: { list: { read: true } } });
    expect(none.requests.some((r) => r.url.includes('containerid='))).toBe(true);
    expect(await platform({ user: json({ ok: 1, data: {} }) }).observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ list: { status: 418 } }).observe('7000000001')).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(await platform({ list: json({ ok: 0 }) }).observe('7000000001')).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    const counted = await platform({ list: json(cards([])) }).observe('7000000001');
    expect(counted).toMatchObject({ kind: 'found', posts: [], profile: { postCount: 3 }, proof: { list: { read: true } } });
    expect(counted).not.toHaveProperty('datesUnknown');
    expect(await platform({ list: json({ ok: 0, msg: '这里还没有内容' }) }).observe('7000000001')).toMatchObject({ kind: 'found', datesUnknown: { reason: 'login-required' } });
  });

  it('asks the default container when the user has no weibo tab', async () => {
    const { observe, requests } = platform({ user: json({ ok: 1, data: { userInfo: { screen_name: '江城发布', statuses_count: 3 } } }) });
    await observe('7000000001');
    expect(requests.at(-1)!.url).toContain('containerid=1076037000000001');
  });

  it('resolves a screen name or a custom domain through profile/info, and only those', async () => {
    const byName = platform({ info: json(info()) });
    expect(await byName.observe('n/江城发布', 'https://weibo.com/n/江城发布')).toMatchObject({ kind: 'found', resolvedId: '7000000001' });
    expect(byName.requests.find((r) => r.url.includes('profile/info'))!.url).toContain('screen_name=%E6%B1%9F%E5%9F%8E%E5%8F%91%E5%B8%83');
    const byDomain = platform({ info: json(info()) });
    await byDomain.observe('c/jiangcheng', 'https://weibo.com/jiangcheng');
    expect(byDomain.requests.find((r) => r.url.includes('profile/info'))!.url).toContain('custom=jiangcheng');
    expect(await platform({ info: json({ ok: 0, msg: '用户不存在' }) }).observe('n/nobody')).toMatchObject({ kind: 'missing', reason: 'missing' });
    expect(await platform({ info: json({ ok: 1 }) }).observe('n/nobody')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ info: { status: 403 } }).observe('n/nobody')).toMatchObject({ kind: 'unknown', reason: 'blocked' });
  });
});

describe('Weibo, at the edges', () => {
  it.each([
    [answer('', 300), 'blocked', 'HTTP 300'],
    [answer('', 400, { location: 'https://passport.weibo.com/signin' }), 'blocked', 'HTTP 400'],
    [answer('', 300, { location: 'https://passport.weibo.com/signin' }), 'login-required', 'redirected to passport.weibo.com'],
  ])('%#: %s (%s)', (response, reason, detail) => {
    expect(readWeiboAnswer({ ...response, url: 'https://m.weibo.cn/api/container/getIndex' })).toEqual({ kind: 'blocked', observation: { kind: 'unknown', reason, detail } });
  });

  it('is not found only with ok 0, whatever the message says', () => {
    expect(parseProfileInfo({ ok: -1, msg: '账号封禁中' })).toBeUndefined();
    expect(parseProfileInfo({ ok: 0, msg: '用户不存在', data: { user: { idstr: '7000000001' } } })).toEqual({ missing: 'missing', detail: '用户不存在' });
  });

  it('reads a JSONP answer that starts with its parenthesis', () => {
    expect(parseJsonp('({"a":1})')).toEqual({ a: 1 });
  });

  const flow = (answers: { gen?: string; user?: Answer }, cookies?: CookieJar) => {
    let gens = 0;
    const platform = observeWith(
      weibo,
      (url) => {
        if (url.pathname === '/visitor/genvisitor') return gens++ === 0 && answers.gen ? { body: answers.gen } : { body: 'gen_callback({"data":{"tid":"t","new_tid":false}});' };
        if (url.pathname === '/visitor/visitor') return { body: 'cross_domain({"data":{"sub":"SUBVALUE","subp":""}});' };
        if (url.searchParams.get('type') === 'uid') return answers.user ?? json(user({ statuses_count: 0 }));
        return { status: 404 };
      },
      cookies ? { cookies } : {},
    );
    return { ...platform, gens: () => gens };
  };

  it('asks for visitor cookies once per scan, with the form the passport expects, w=2 for an old tid', async () => {
    const { observe, requests, gens } = flow({});
    await observe('7000000001');
    await observe('7000000002');
    expect(gens()).toBe(1);
    expect(String(requests[0]!.body)).toContain('cb=gen_callback');
    expect(new URL(requests[1]!.url).searchParams.get('w')).toBe('2');
  });

  it('keeps the SUB it is given, skips an empty SUBP, and asks again after a passport that failed', async () => {
    const jar = new CookieJar(new SecretRegistry());
    const { observe, gens } = flow({ gen: 'gen_callback({"data":{}});' }, jar);
    expect(await observe('7000000001')).toMatchObject({ kind: 'unknown', reason: 'network-error' });
    expect(await observe('7000000001')).toMatchObject({ kind: 'found' });
    expect(gens()).toBe(2);
    expect(jar.has(new URL('https://m.weibo.cn/'), 'SUB')).toBe(true);
    expect(jar.has(new URL('https://weibo.com/'), 'SUB')).toBe(true);
    expect(jar.has(new URL('https://m.weibo.cn/'), 'SUBP')).toBe(false);
  });

  it('asks no visitor cookies of a user who gave a login', async () => {
    const jar = new CookieJar(new SecretRegistry());
    jar.set({ domain: 'weibo.cn', subdomains: true, path: '/', secure: false, expires: 0, name: 'SUB', value: 'login' });
    const { observe, gens } = flow({}, jar);
    expect(await observe('7000000001')).toMatchObject({ kind: 'found' });
    expect(gens()).toBe(0);
  });

  it('says a visitor who sees no content of an account without posts meets a login wall, and reads one with posts by its list', async () => {
    const confirmed = observeWith(weibo, (url) => {
      if (url.pathname.startsWith('/visitor/')) return { body: 'cb({"data":{"tid":"t","sub":"S"}});' };
      if (url.pathname === '/ajax/profile/info') return json(info({ statuses_count: 0 }));
      return json({ ok: 0, msg: '这里还没有内容' });
    });
    expect(await confirmed.observe('7000000001')).toMatchObject({ kind: 'found', profile: { name: '江城发布', followers: 10, postCount: 0 }, posts: [], datesUnknown: { reason: 'login-required' } });
    const listed = observeWith(weibo, (url) => {
      if (url.pathname.startsWith('/visitor/')) return { body: 'cb({"data":{"tid":"t","sub":"S"}});' };
      return url.searchParams.get('type') === 'uid' ? json(user()) : json(cards([blog('刚刚')]));
    });
    expect(await listed.observe('7000000001')).not.toHaveProperty('datesUnknown');
  });
});

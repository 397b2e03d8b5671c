import { describe, expect, it } from 'vitest';
import type { CapturedAnswer, PageCapture } from '../../src/platforms/adapter.js';
import { kuaishou, parseKuaishouPage, parsePhotoList, parseProfileFeed, parseVisionProfile, readKuaishouAnswer, readKuaishouPage } from '../../src/platforms/kuaishou.js';
import { answer, json, observeWith, type Answer } from '../helpers/fake-http.js';
import { statePage } from '../helpers/fixtures.js';

/*
 * Kuaishou's answers at the edges that decide a verdict. GraphQL shapes
 * follow the real 2022 captures; the page states and the 'gone' words are
 * reconstructed, as the adapter says.
 */

const ID = '3xsimtest';
const vision = (userProfile: unknown, result = 1) => ({ data: { visionProfile: { result, userProfile } } });
const user = (counts: object = {}, name = '江城发布') => ({ ownerCount: { fan: '1.2w', photo: null, photo_public: 3, ...counts }, profile: { user_name: name, user_id: ID } });
const feeds = (items: object[]) => items.map((photo) => ({ type: 1, photo }));
const photos = (items: object[], result = 1) => ({ data: { visionProfilePhotoList: { result, feeds: feeds(items), pcursor: 'no_more' } } });
const NOW_MS = Date.parse('2026-11-20T10:00:00+08:00');
const captured = (body: string | object, extra: Partial<CapturedAnswer> = {}): CapturedAnswer => ({ ...answer(body), method: 'POST', ...extra });

describe('answers that are blocks', () => {
  it.each([
    [answer('', 429), 'rate-limited'],
    [answer('', 403), 'blocked'],
    [answer('', 400), 'blocked'],
    [answer('', 500), 'network-error'],
    [answer(''), 'blocked'],
    [answer('<html>请进行安全验证</html>'), 'captcha'],
    [answer('<html></html>'), 'layout-changed'],
    [answer('5'), 'layout-changed'],
    [answer({ errors: [{ message: 'Need captcha' }] }), 'blocked'],
    [answer(vision(null, 50)), 'blocked'],
    [answer(vision(null, 2)), 'rate-limited'],
    [answer(vision(null, 2001)), 'captcha'],
    [answer(vision(null, 400002)), 'captcha'],
    [answer(vision(null, 109)), 'login-required'],
    [answer(vision(null, 21)), 'wrong-id'],
  ])('%#: %s', (response, reason) => {
    expect(readKuaishouAnswer(response, 'visionProfile')).toMatchObject({ kind: 'blocked', observation: { kind: 'unknown', reason } });
  });

  it('reads the result of a REST answer on top, and passes clean answers on', () => {
    expect(readKuaishouAnswer(answer({ result: 50 }))).toMatchObject({ kind: 'blocked', observation: { reason: 'blocked' } });
    expect(readKuaishouAnswer(answer({ result: 1, feeds: [] }))).toMatchObject({ kind: 'json' });
    expect(readKuaishouAnswer(answer({ errors: [] }), 'visionProfile')).toMatchObject({ kind: 'json' });
    expect(readKuaishouAnswer(answer(vision(user())), 'visionProfile')).toMatchObject({ kind: 'json' });
    expect(readKuaishouAnswer(answer({ errors: [{}] }), 'visionProfile')).toMatchObject({ observation: { detail: 'GraphQL errors:' } });
  });
});

describe('visionProfile', () => {
  it('reads the user: the rounded fan count, the exact public photo count, else the photo count', () => {
    expect(parseVisionProfile(vision(user()))).toEqual({ kind: 'profile', profile: { name: '江城发布', followers: 12000, postCount: 3 } });
    expect(parseVisionProfile(vision(user({ photo_public: null, photo: 7 })))).toMatchObject({ profile: { postCount: 7 } });
    expect(parseVisionProfile(vision(user({ photo_public: '1.2w', photo: null })))).toMatchObject({ profile: { postCount: undefined } });
  });

  it('says "absent" only for a null user with result 1, and understands nothing else', () => {
    expect(parseVisionProfile(vision(null))).toEqual({ kind: 'absent' });
    expect(parseVisionProfile(vision(null, 0))).toBeUndefined();
    expect(parseVisionProfile(vision(undefined))).toBeUndefined();
    expect(parseVisionProfile(vision(user({}, ' ')))).toBeUndefined();
  });
});

describe('the post lists', () => {
  it('reads photos in milliseconds, the pinned one, and gives up on an undated one', () => {
    const list = parsePhotoList(photos([{ id: 'a', timestamp: NOW_MS, profileUserTopPhoto: true }, { id: 'b', timestamp: NOW_MS - 1000 }]))!;
    expect(list).toEqual([
      { id: 'a', at: new Date(NOW_MS), pinned: true },
      { id: 'b', at: new Date(NOW_MS - 1000), pinned: false },
    ]);
    expect(parsePhotoList(photos([{ id: 'a' }]))).toBeUndefined();
    expect(parsePhotoList(photos([], 2))).toBeUndefined();
    expect(parsePhotoList({ data: { visionProfilePhotoList: { result: 1 } } })).toBeUndefined();
  });

  it('reads the 2026 REST list by the same items', () => {
    expect(parseProfileFeed({ result: 1, feeds: feeds([{ id: 'c', timestamp: NOW_MS }]) })).toEqual([{ id: 'c', at: new Date(NOW_MS), pinned: false }]);
    expect(parseProfileFeed({ result: 0, feeds: [] })).toBeUndefined();
  });
});

describe('the profile page', () => {
  it('is gone only when a person would read it on the page, never from words in its scripts', () => {
    expect(parseKuaishouPage('<html><body><div>用户不存在</div></body></html>').gone).toEqual({ reason: 'missing', detail: 'profile page says 用户不存在' });
    expect(parseKuaishouPage('<html><body><p>该账号已被封禁</p></body></html>').gone).toMatchObject({ reason: 'banned' });
    expect(parseKuaishouPage('<html><body><p>已注销</p></body></html>').gone).toMatchObject({ reason: 'cancelled' });
    expect(parseKuaishouPage('<html><head><title>用户不存在</title></head><body><script>var t="已被封禁"</script></body></html>').gone).toBeUndefined();
  });

  it('reads the user and the posts from either state, old or new', () => {
    const state = { a: { b: user() }, c: { feeds: feeds([{ id: 'p', timestamp: NOW_MS }]) } };
    expect(parseKuaishouPage(statePage('INIT_STATE', state))).toMatchObject({ profile: { name: '江城发布' }, posts: [{ id: 'p' }] });
    expect(parseKuaishouPage(statePage('__APOLLO_STATE__', state))).toMatchObject({ profile: { name: '江城发布' } });
    expect(parseKuaishouPage('<html><body>快手</body></html>')).toEqual({});
  });
});

describe('what the profile page received in a browser', () => {
  const page = (parts: Partial<PageCapture>): PageCapture => ({ answers: {}, ...parts });
  const profile = captured(vision(user()));
  const photoList = captured(photos([{ id: 'a', timestamp: NOW_MS }]));

  it('gives the page’s block first, and says why nothing came', () => {
    expect(readKuaishouPage(page({ block: { reason: 'captcha', detail: 'slider' }, answers: { profile } }))).toEqual({ kind: 'unknown', reason: 'captcha', detail: 'slider' });
    expect(readKuaishouPage(page({ unfinished: { reason: 'timeout', detail: 'late' } }))).toMatchObject({ reason: 'timeout' });
    expect(readKuaishouPage(page({ answers: { profile: captured('', { status: 500 }) } }))).toMatchObject({ reason: 'network-error' });
    expect(readKuaishouPage(page({ answers: { profile: captured({ data: {} }) } }))).toMatchObject({ reason: 'layout-changed' });
  });

  it('is not found only when GraphQL named no user and the page says why in its visible text', () => {
    const absent = captured(vision(null));
    expect(readKuaishouPage(page({ answers: { profile: absent }, document: captured('<html><body>用户不存在</body></html>', { method: 'GET' }) }))).toMatchObject({ kind: 'missing', reason: 'missing' });
    expect(readKuaishouPage(page({ answers: { profile: absent }, document: captured('<html><body>用户不存在</body></html>', { method: 'GET', status: 404 }) }))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(readKuaishouPage(page({ answers: { profile: absent }, document: captured('<html><body>快手</body></html>', { method: 'GET' }) }))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(readKuaishouPage(page({ answers: { profile: absent } }))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('takes either list, the REST one first, and keeps the account undated without one', () => {
    expect(readKuaishouPage(page({ answers: { profile: captured(vision(user({ photo_public: 0 }))) } }))).toEqual({ kind: 'found', profile: { name: '江城发布', followers: 12000, postCount: 0 }, posts: [] });
    expect(readKuaishouPage(page({ answers: { profile, photos: photoList } }))).toMatchObject({ kind: 'found', posts: [{ id: 'a' }] });
    expect(readKuaishouPage(page({ answers: { profile, feed: captured({ result: 1, feeds: feeds([{ id: 'r', timestamp: NOW_MS }]) }), photos: photoList } }))).toMatchObject({ posts: [{ id: 'r' }] });
    expect(readKuaishouPage(page({ answers: { profile, feed: captured({ result: 50 }) } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(readKuaishouPage(page({ answers: { profile, feed: captured({ result: 1 }) } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(readKuaishouPage(page({ answers: { profile } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(readKuaishouPage(page({ answers: { profile, photos: captured(photos([])) } }))).toMatchObject({ kind: 'found', datesUnknown: { reason: 'no-dates' } });
  });
});

describe('the whole observation over HTTP', () => {
  function platform(answers: { profile?: Answer; photos?: Answer; page?: Answer }) {
    return observeWith(kuaishou, (url, request) => {
      if (url.pathname === '/graphql') return String(request.body).includes('"operationName":"visionProfile"') ? (answers.profile ?? json(vision(user()))) : (answers.photos ?? json(photos([{ id: 'a', timestamp: NOW_MS }])));
      if (url.pathname.startsWith('/profile/')) return answers.page ?? { body: '<html><body>快手</body></html>' };
      return { status: 404 };
    });
  }

  it('posts GraphQL with the profile as referer and origin', async () => {
    const { observe, requests } = platform({});
    expect(await observe(ID)).toMatchObject({ kind: 'found', posts: [{ id: 'a' }] });
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json', referer: `https://www.kuaishou.com/profile/${ID}`, origin: 'https://www.kuaishou.com' } });
    expect(JSON.parse(String(requests[1]!.body))).toMatchObject({ operationName: 'visionProfilePhotoList', variables: { userId: ID, pcursor: '', page: 'profile' } });
  });

  it('asks no list of an account without posts, and keeps the account undated when the list is refused or unreadable', async () => {
    const never = platform({ profile: json(vision(user({ photo_public: 0 }))) });
    expect(await never.observe(ID)).toMatchObject({ kind: 'found', posts: [] });
    expect(never.requests).toHaveLength(1);
    expect(await platform({ photos: json(photos([], 50)) }).observe(ID)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(await platform({ photos: json(photos([], 0)) }).observe(ID)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'layout-changed' } });
    expect(await platform({ photos: json(photos([])) }).observe(ID)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'no-dates' } });
  });

  it('confirms a user GraphQL did not name with the page, and never calls it gone otherwise', async () => {
    const absent = json(vision(null));
    expect(await platform({ profile: absent, page: { body: '<html><body>用户不存在</body></html>' } }).observe(ID)).toMatchObject({ kind: 'missing', reason: 'missing' });
    expect(await platform({ profile: absent, page: { body: '<html><body><script>"用户不存在"</script></body></html>' } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ profile: absent, page: { status: 403, body: '' } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(await platform({ profile: absent, page: { body: ' ' } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    const state = { a: user(), b: { feeds: feeds([{ id: 's', timestamp: NOW_MS }]) } };
    expect(await platform({ profile: absent, page: { body: statePage('INIT_STATE', state) } }).observe(ID)).toMatchObject({ kind: 'found', posts: [{ id: 's' }] });
  });

  it('says a profile it cannot read is a changed layout, and a failure a failure', async () => {
    expect(await platform({ profile: json({ data: {} }) }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ profile: json(vision(null, 50)) }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(await observeWith(kuaishou, () => new Error('ECONNRESET')).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });
});

describe('Kuaishou, at the boundaries', () => {
  it('reads HTTP 400 as blocked and a body of spaces as an empty answer', () => {
    expect(readKuaishouAnswer(answer('', 400), 'visionProfile')).toEqual({ kind: 'blocked', observation: { kind: 'unknown', reason: 'blocked', detail: 'HTTP 400' } });
    expect(readKuaishouAnswer(answer('   '), 'visionProfile')).toEqual({ kind: 'blocked', observation: { kind: 'unknown', reason: 'blocked', detail: 'empty 200 body' } });
  });

  it('reads nothing from a page without state, and the user from the object that has both a profile and counts', () => {
    expect(parseKuaishouPage('<html><body>快手</body></html>')).toStrictEqual({});
    const state = { a: { profile: { user_name: '别的' } }, b: user() };
    expect(parseKuaishouPage(statePage('INIT_STATE', state)).profile).toMatchObject({ name: '江城发布' });
  });

  it('never takes the words of a refused page for a missing account', async () => {
    const absent = json(vision(null));
    const route = (page: Answer) =>
      observeWith(kuaishou, (url, request) => (url.pathname === '/graphql' && String(request.body).includes('visionProfile') ? absent : page));
    expect(await route({ status: 403, body: '<html><body>用户不存在</body></html>' }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked', detail: 'profile page: HTTP 403' });
    expect(await route({ status: 400, body: '<html><body>用户不存在</body></html>' }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    // A page state with the user but no post list is not understood: never a verdict.
    expect(await route({ body: statePage('INIT_STATE', { a: user() }) }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('gives dated posts no "dates unknown"', async () => {
    expect(await observeWith(kuaishou, (url, request) => (String(request.body).includes('"operationName":"visionProfile"') ? json(vision(user())) : json(photos([{ id: 'a', timestamp: NOW_MS }])))).observe(ID)).not.toHaveProperty('datesUnknown');
  });
});

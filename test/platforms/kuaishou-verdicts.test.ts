import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import type { CapturedAnswer, PageCapture } from '../../src/platforms/adapter.js';
import { resolveAccount } from '../../src/accounts/normalise.js';
import { kuaishou, parseKuaishouPage, parsePhotoList, parseProfileFeed, parseProfileGet, parseProfileUser, parseVisionProfile, readKuaishouAnswer, readKuaishouPage } from '../../src/platforms/kuaishou.js';
import type { Observation } from '../../src/platforms/observation.js';
import { answer, json, observeWith, type Answer } from '../helpers/fake-http.js';
import { statePage } from '../helpers/fixtures.js';

/*
 * Kuaishou's answers at the edges that decide a verdict, and the verdict a
 * user would see (classify). GraphQL shapes follow the real 2022 captures;
 * the REST shapes, the page states and the 'gone' words are reconstructed.
 */

const ID = '3xsimtest';
const OTHER = '3xsomeoneelse';
const NOW = new Date('2026-11-20T10:00:00+08:00');
const NOW_MS = NOW.getTime();
const DAY = 86_400_000;
const vision = (userProfile: unknown, result = 1) => ({ data: { visionProfile: { result, userProfile } } });
const user = (counts: object = {}, name = '江城发布', id = ID) => ({ ownerCount: { fan: '1.2w', photo: null, photo_public: 3, ...counts }, profile: { user_name: name, user_id: id } });
const feeds = (items: object[], author = ID) => items.map((photo) => ({ type: 1, author: { id: author, name: '江城发布' }, photo }));
const photos = (items: object[], result = 1, pcursor = 'no_more', author = ID) => ({ data: { visionProfilePhotoList: { result, feeds: feeds(items, author), pcursor } } });
const captured = (body: string | object, extra: Partial<CapturedAnswer> = {}): CapturedAnswer => ({ ...answer(body), method: 'POST', ...extra });
const asked = (id = ID) => ({ requestBody: JSON.stringify({ user_id: id, pcursor: '', page: 'profile' }) });
const askedGraphql = (operationName: string, id = ID) => ({ requestBody: JSON.stringify({ operationName, variables: { userId: id } }) });

const account = (id = ID): Account => ({ key: `kuaishou:${id}`, platform: 'kuaishou', id, url: kuaishou.profileUrl(id), extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
const verdict = (observation: Observation, id = ID) => {
  const finding = classify(account(id), observation, NOW, DEFAULT_THRESHOLDS, NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
};

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

describe('the profile answers, each by its own parser', () => {
  it('visionProfile: the rounded fan count (text like 1.3万 too), the exact public photo count, else the photo count, else none', () => {
    expect(parseVisionProfile(vision(user()))).toEqual({ kind: 'profile', profile: { name: '江城发布', followers: 12000, postCount: 3 }, names: [ID] });
    expect(parseVisionProfile(vision(user({ fan: '1.3万' })))).toMatchObject({ profile: { followers: 13000 } });
    expect(parseVisionProfile(vision(user({ photo_public: null, photo: 7 })))).toMatchObject({ profile: { postCount: 7 } });
    // A null count is no count: never 0.
    expect(parseVisionProfile(vision(user({ photo_public: null, photo: null })))).toMatchObject({ profile: { postCount: undefined } });
    expect(parseVisionProfile(vision(user({ photo_public: '1.2w', photo: null })))).toMatchObject({ profile: { postCount: undefined } });
  });

  it('visionProfile says "absent" only for a null user with result 1, and understands nothing else', () => {
    expect(parseVisionProfile(vision(null))).toEqual({ kind: 'absent' });
    expect(parseVisionProfile(vision(null, 0))).toBeUndefined();
    expect(parseVisionProfile(vision(undefined))).toBeUndefined();
    expect(parseVisionProfile(vision(user({}, ' ')))).toBeUndefined();
  });

  it('REST profile/user (reconstructed): GraphQL’s userProfile, ownerCount beside profile or inside it, exact counts', () => {
    const rest = { result: 1, userProfile: { profile: { user_name: '沈阳', user_id: ID }, ownerCount: { fan: 12548, follow: 8, photo_public: 176, photo: null }, userDefineId: '1578058299' } };
    expect(parseProfileUser(rest)).toEqual({ kind: 'profile', profile: { name: '沈阳', followers: 12548, postCount: 176 }, names: [ID] });
    const nested = { result: 1, userProfile: { profile: { user_name: '沈阳', user_id: ID, ownerCount: { fan: 12548, photo_public: 176 } } } };
    expect(parseProfileUser(nested)).toMatchObject({ profile: { followers: 12548, postCount: 176 } });
    expect(parseProfileUser({ result: 1, userProfile: null })).toEqual({ kind: 'absent' });
    expect(parseProfileUser({ result: 0 })).toBeUndefined();
  });

  it('REST profile/get (reconstructed): flat, no post count, and only the id it names says whose it is', () => {
    expect(parseProfileGet({ result: 1, userId: ID, userName: '江城发布', fans: '1.3万' })).toEqual({ kind: 'profile', profile: { name: '江城发布', followers: 13000 }, names: [ID] });
    expect(parseProfileGet({ result: 1, data: { userId: 2695872552, userName: '访客' } })).toMatchObject({ names: ['2695872552'] });
    expect(parseProfileGet({ result: 1 })).toBeUndefined();
  });
});

describe('the post lists', () => {
  it('reads photos in milliseconds (or any unit by its magnitude), the pinned one, and counts an undated one', () => {
    const list = parsePhotoList(photos([{ id: 'a', timestamp: NOW_MS, profileUserTopPhoto: true }, { id: 'b', timestamp: NOW_MS - 1000 }, { id: 'c' }, { id: 'd', timestamp: NOW_MS * 1000 }]))!;
    expect(list).toEqual({
      posts: [
        { id: 'a', at: new Date(NOW_MS), pinned: true },
        { id: 'b', at: new Date(NOW_MS - 1000), pinned: false },
        { id: 'd', at: new Date(NOW_MS), pinned: false },
      ],
      undated: 1,
      paging: 'end',
      names: [ID],
    });
    expect(parsePhotoList(photos([], 2))).toBeUndefined();
    expect(parsePhotoList({ data: { visionProfilePhotoList: { result: 1 } } })).toBeUndefined();
  });

  it('takes the paging from pcursor: no_more is the end, a cursor says more, none says nothing', () => {
    expect(parsePhotoList(photos([], 1, 'no_more'))!.paging).toBe('end');
    expect(parsePhotoList(photos([], 1, '1.648548115016E12'))!.paging).toBe('more');
    expect(parsePhotoList(photos([], 1, ''))!.paging).toBe('unknown');
    expect(parseProfileFeed({ result: 1, feeds: [] })!.paging).toBe('unknown');
  });

  it('reads the REST list defensively: GraphQL’s items, a flat item, the pinned flag on the item', () => {
    expect(parseProfileFeed({ result: 1, pcursor: 'no_more', feeds: feeds([{ id: 'c', timestamp: NOW_MS }]) })!.posts).toEqual([{ id: 'c', at: new Date(NOW_MS), pinned: false }]);
    expect(parseProfileFeed({ result: 1, feeds: [{ id: 'f', timestamp: NOW_MS, profileUserTopPhoto: true, author: { id: ID } }] })).toMatchObject({ posts: [{ id: 'f', pinned: true }], names: [ID] });
    expect(parseProfileFeed({ result: 0, feeds: [] })).toBeUndefined();
  });
});

describe('what the profile page received in a browser, and the verdict', () => {
  const page = (parts: Partial<PageCapture>): PageCapture => ({ answers: {}, ...parts });
  const profile = captured(vision(user()), askedGraphql('visionProfile'));
  const list = (items: object[], pcursor = 'no_more', author = ID) => captured({ result: 1, pcursor, feeds: feeds(items, author) }, asked());
  const read = (answers: PageCapture['answers'], extra: Partial<PageCapture> = {}) => readKuaishouPage(page({ answers, ...extra }), ID);

  it('gives the page’s block first, and says why nothing came', () => {
    expect(read({ profile }, { block: { reason: 'captcha', detail: 'slider' } })).toEqual({ kind: 'unknown', reason: 'captcha', detail: 'slider' });
    expect(read({}, { unfinished: { reason: 'timeout', detail: 'late' } })).toMatchObject({ reason: 'timeout' });
    expect(read({ profile: captured('', { status: 500 }) })).toMatchObject({ reason: 'network-error' });
    expect(read({ profile: captured({ data: {} }) })).toMatchObject({ reason: 'layout-changed' });
  });

  it('is active on a recent post of the account’s own, through GraphQL or REST alike', () => {
    expect(verdict(read({ profile, feed: list([{ id: 'a', timestamp: NOW_MS - DAY }]) }))).toBe('active');
    const graphqlList = captured(photos([{ id: 'a', timestamp: NOW_MS - DAY }]), askedGraphql('visionProfilePhotoList'));
    expect(verdict(read({ profile, photos: graphqlList }))).toBe('active');
  });

  it('reads a page that sends REST only: profile/user and profile/feed', () => {
    const restUser = captured({ result: 1, userProfile: { ...user({ fan: 15400 }) } }, { requestBody: JSON.stringify({ user_id: ID }) });
    const observation = read({ profileUser: restUser, feed: list([{ id: 'r', timestamp: NOW_MS - 2 * DAY }]) });
    expect(observation).toMatchObject({ kind: 'found', profile: { followers: 15400, postCount: 3 }, proof: { answers: [{ what: 'profile (REST profile/user)', requestNames: true, names: [ID] }, { requestNames: true }] } });
    expect(verdict(observation)).toBe('active');
  });

  it('takes a profile/get answer only by the id it names: its request naming the account is not enough', () => {
    const get = captured({ result: 1, userId: ID, userName: '江城发布', fans: 10 }, { url: `https://www.kuaishou.com/rest/v/profile/get?userId=${ID}` });
    expect(read({ profileGet: get, feed: list([{ id: 'g', timestamp: NOW_MS - DAY }]) })).toMatchObject({ proof: { answers: [{ what: 'profile (REST profile/get)', requestNames: false, names: [ID] }, {}] } });
    const nameless = captured({ result: 1, userName: '访客' }, { url: `https://www.kuaishou.com/rest/v/profile/get?userId=${ID}` });
    expect(verdict(read({ profileGet: nameless, feed: list([{ id: 'g', timestamp: NOW_MS - DAY }]) }))).toBe('unverified/wrong-account');
  });

  it('never lets another account’s answer decide', () => {
    const others = captured(vision(user({}, '别人', OTHER)), askedGraphql('visionProfile'));
    expect(verdict(read({ profile: others, feed: list([{ id: 'a', timestamp: NOW_MS - DAY }]) }))).toBe('unverified/wrong-account');
    expect(verdict(read({ profile, feed: list([{ id: 'a', timestamp: NOW_MS - DAY }], 'no_more', OTHER) }))).toBe('unverified/wrong-account');
  });

  it('proves silence only with the list whole up to the newest ordinary post', () => {
    const old = (days: number, extra: object = {}) => ({ id: `p${days}`, timestamp: NOW_MS - days * DAY, ...extra });
    expect(verdict(read({ profile, feed: list([old(120), old(130), old(140)]) }))).toBe('zombie/silent');
    expect(verdict(read({ profile, feed: list([old(30), old(40), old(50)]) }))).toBe('inactive');
    // Only a pinned post from long ago, while 300 are counted: the newest ordinary post is not in hand.
    const many = captured(vision(user({ photo_public: 300 })), askedGraphql('visionProfile'));
    expect(verdict(read({ profile: many, feed: list([old(600, { profileUserTopPhoto: true })], '1.648548115016E12') }))).toBe('unverified/list-incomplete');
    // An undated item may be the newest.
    expect(verdict(read({ profile, feed: list([old(120), { id: 'x' }]) }))).toBe('unverified/undated-post');
  });

  it('never reads a date after the check, or a misread unit, as proof; a plausible recent post still proves activity', () => {
    expect(verdict(read({ profile, feed: list([{ id: 'f', timestamp: NOW_MS + 20 * DAY }, { id: 'o', timestamp: NOW_MS - 200 * DAY }]) }))).toBe('unverified/implausible-date');
    expect(verdict(read({ profile, feed: list([{ id: 'f', timestamp: NOW_MS + 20 * DAY }, { id: 'n', timestamp: NOW_MS - DAY }]) }))).toBe('active');
    // Microseconds are read as microseconds (by magnitude), not as milliseconds in the year 58000.
    expect(verdict(read({ profile, feed: list([{ id: 'u', timestamp: (NOW_MS - 2 * DAY) * 1000 }]) }))).toBe('active');
    // Seconds where milliseconds belong, before Kuaishou existed in either reading: no date decides.
    expect(verdict(read({ profile, feed: list([{ id: 's', timestamp: 1_200_000_000 }]) }))).toBe('unverified/implausible-date');
  });

  it('says "never posted" only with a count of 0 and the list itself empty and marked whole', () => {
    const none = captured(vision(user({ photo_public: 0 })), askedGraphql('visionProfile'));
    expect(verdict(read({ profile: none, feed: list([]) }))).toBe('zombie/never-posted');
    expect(verdict(read({ profile: none, feed: list([], '') }))).toBe('unverified/list-incomplete');
    expect(verdict(read({ profile: none }))).toBe('unverified/layout-changed');
    const nullCount = captured(vision(user({ photo_public: null, photo: null })), askedGraphql('visionProfile'));
    expect(verdict(read({ profile: nullCount, feed: list([]) }))).toBe('unverified/no-dates');
    expect(verdict(read({ profile, feed: list([]) }))).toBe('unverified/contradictory');
  });

  it('keeps the account without a verdict when the list is refused, and says which way', () => {
    for (const [result, reason] of [[2, 'rate-limited'], [109, 'login-required'], [50, 'blocked'], [21, 'wrong-id']] as const) {
      expect(verdict(read({ profile, feed: captured({ result }, asked()) }))).toBe(`unverified/${reason}`);
    }
    expect(verdict(read({ profile, feed: captured({ result: 1 }, asked()) }))).toBe('unverified/layout-changed');
  });

  it('is never not found on the page’s words: they are reported, the rules refuse them', () => {
    const absent = captured(vision(null), askedGraphql('visionProfile'));
    const words = read({ profile: absent }, { document: captured('<html><body>用户不存在</body></html>', { method: 'GET' }) });
    expect(words).toMatchObject({ kind: 'missing', statement: { structured: false, httpStatus: 200 } });
    expect(verdict(words)).toBe('unverified/not-found-unproven');
    expect(read({ profile: absent }, { document: captured('<html><body>用户不存在</body></html>', { method: 'GET', status: 404 }) })).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(read({ profile: absent })).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('dates the account from its own list when no profile came', () => {
    expect(verdict(read({ feed: list([{ id: 'a', timestamp: NOW_MS - DAY }]) }))).toBe('active');
    expect(read({ profile: captured(vision(null, 109)), feed: list([{ id: 'a', timestamp: NOW_MS - DAY }]) })).toMatchObject({ kind: 'unknown', reason: 'login-required' });
  });
});

describe('whom an answer the page received is about (AwaitedAnswer.about)', () => {
  const visit = async () => {
    let answers: readonly { name: string; about?: (a: CapturedAnswer) => boolean }[] = [];
    const tools = {
      now: NOW,
      http: { fetch: async () => ({ url: '', status: 404, headers: {}, body: '' }) },
      visit: async (v: { answers: typeof answers }) => {
        answers = v.answers;
        return { answers: {} };
      },
    };
    await kuaishou.browser.observe(account(), tools as never, new AbortController().signal);
    return Object.fromEntries(answers.map((a) => [a.name, a.about!]));
  };

  it('waits for REST and GraphQL alike, each bound by its request or its own ids', async () => {
    const about = await visit();
    expect(Object.keys(about)).toEqual(['profileUser', 'profile', 'profileGet', 'feed', 'photos']);
    expect(about.profile!(captured(vision(user()), askedGraphql('visionProfile', OTHER)))).toBe(true);
    expect(about.profile!(captured(vision(null, 2), askedGraphql('visionProfile')))).toBe(true);
    expect(about.profile!(captured(vision(null, 2), askedGraphql('visionProfile', OTHER)))).toBe(false);
    expect(about.profile!(captured(vision(user({}, 'x', OTHER)), askedGraphql('visionProfile')))).toBe(false);
    expect(about.profileUser!(captured({ result: 2 }, { requestBody: JSON.stringify({ user_id: ID }) }))).toBe(true);
    // The viewer's own profile on profile/get is passed over, whatever the request said.
    expect(about.profileGet!(captured({ result: 1, userId: OTHER, userName: '访客' }, { url: `https://www.kuaishou.com/rest/v/profile/get?userId=${ID}` }))).toBe(false);
    expect(about.profileGet!(captured({ result: 109 }, { url: 'https://www.kuaishou.com/rest/v/profile/get' }))).toBe(false);
    expect(about.feed!(captured({ result: 1, feeds: feeds([{ id: 'a', timestamp: NOW_MS }], OTHER) }, asked()))).toBe(false);
    expect(about.feed!(captured({ result: 1, feeds: feeds([{ id: 'a', timestamp: NOW_MS }]) }))).toBe(true);
    expect(about.photos!(captured(photos([]), askedGraphql('visionProfilePhotoList', OTHER)))).toBe(false);
  });
});

describe('the whole observation over HTTP', () => {
  function platform(answers: { profile?: Answer; photos?: Answer; page?: Answer; short?: Answer }) {
    return observeWith(kuaishou, (url, request) => {
      if (url.hostname === 'v.kuaishou.com' || url.pathname.startsWith('/f/')) return answers.short ?? { status: 404 };
      if (url.pathname === '/graphql') return String(request.body).includes('"operationName":"visionProfile"') ? (answers.profile ?? json(vision(user()))) : (answers.photos ?? json(photos([{ id: 'a', timestamp: NOW_MS }])));
      if (url.pathname.startsWith('/profile/')) return answers.page ?? { body: '<html><body>快手</body></html>' };
      return { status: 404 };
    });
  }

  it('posts GraphQL with the profile as referer and origin, and reports the facts of both answers', async () => {
    const { observe, requests } = platform({});
    const observation = await observe(ID);
    expect(observation).toMatchObject({
      kind: 'found',
      posts: [{ id: 'a' }],
      proof: { subject: ID, source: 'platform', answers: [{ requestNames: true, names: [ID] }, { requestNames: true, names: [ID] }], list: { read: true, paging: 'end', undated: 0 } },
    });
    expect(verdict(observation)).toBe('active');
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json', referer: `https://www.kuaishou.com/profile/${ID}`, origin: 'https://www.kuaishou.com' } });
    expect(JSON.parse(String(requests[1]!.body))).toMatchObject({ operationName: 'visionProfilePhotoList', variables: { userId: ID, pcursor: '', page: 'profile' } });
  });

  it('asks the list even of an account counting 0 posts: a count alone proves nothing', async () => {
    const never = platform({ profile: json(vision(user({ photo_public: 0 }))), photos: json(photos([])) });
    expect(verdict(await never.observe(ID))).toBe('zombie/never-posted');
    expect(never.requests).toHaveLength(2);
    expect(verdict(await platform({ profile: json(vision(user({ photo_public: 0 }))), photos: json(photos([], 50)) }).observe(ID))).toBe('unverified/blocked');
  });

  it('keeps the account undated when the list is refused or unreadable', async () => {
    expect(await platform({ photos: json(photos([], 50)) }).observe(ID)).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' }, proof: { list: { read: false } } });
    expect(verdict(await platform({ photos: json(photos([], 0)) }).observe(ID))).toBe('unverified/layout-changed');
    expect(verdict(await platform({ photos: json(photos([])) }).observe(ID))).toBe('unverified/contradictory');
  });

  it('reports the page’s words for a user GraphQL did not name, and never calls it gone on them', async () => {
    const absent = json(vision(null));
    const words = await platform({ profile: absent, page: { body: '<html><body>用户不存在</body></html>' } }).observe(ID);
    expect(words).toMatchObject({ kind: 'missing', reason: 'missing', source: 'platform', statement: { structured: false } });
    expect(verdict(words)).toBe('unverified/not-found-unproven');
    expect(await platform({ profile: absent, page: { body: '<html><body><script>"用户不存在"</script></body></html>' } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ profile: absent, page: { status: 403, body: '<html><body>用户不存在</body></html>' } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(await platform({ profile: absent, page: { body: ' ' } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    const state = { a: user(), b: { feeds: feeds([{ id: 's', timestamp: NOW_MS }]), pcursor: 'no_more' } };
    const fromState = await platform({ profile: absent, page: { body: statePage('INIT_STATE', state) } }).observe(ID);
    expect(fromState).toMatchObject({ kind: 'found', posts: [{ id: 's' }], proof: { answers: [{ what: 'page state', names: [ID] }] } });
    expect(verdict(fromState)).toBe('active');
    // A state about another account (a search page's leftovers) decides nothing.
    const otherState = { a: user({}, '别人', OTHER), b: { feeds: feeds([{ id: 's', timestamp: NOW_MS }], OTHER) } };
    expect(verdict(await platform({ profile: absent, page: { body: statePage('INIT_STATE', otherState) } }).observe(ID))).toBe('unverified/wrong-account');
    expect(await platform({ profile: absent, page: { body: statePage('INIT_STATE', { a: user() }) } }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('says a profile it cannot read is a changed layout, a refusal a refusal, and a failure a failure', async () => {
    expect(await platform({ profile: json({ data: {} }) }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await platform({ profile: json(vision(null, 50)) }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'blocked' });
    expect(await platform({ profile: json(vision(null, 21)) }).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'wrong-id' });
    expect(await observeWith(kuaishou, () => new Error('ECONNRESET')).observe(ID)).toMatchObject({ kind: 'unknown', reason: 'network-error' });
  });

  it('never takes another account’s answer', async () => {
    expect(verdict(await platform({ profile: json(vision(user({}, '别人', OTHER))) }).observe(ID))).toBe('unverified/wrong-account');
    expect(verdict(await platform({ photos: json(photos([{ id: 'a', timestamp: NOW_MS }], 1, 'no_more', OTHER)) }).observe(ID))).toBe('unverified/wrong-account');
  });
});

describe('short links, v.kuaishou.com/<code> and www.kuaishou.com/f/<code>', () => {
  const redirect = (location: string, status = 302): Answer => ({ status, headers: { location } });
  const run = (short: Answer, id = 'v/GKTpYm') =>
    observeWith(kuaishou, (url, request) => {
      if (url.hostname === 'v.kuaishou.com' || url.pathname.startsWith('/f/')) return short;
      if (url.pathname === '/graphql') return String(request.body).includes('"operationName":"visionProfile"') ? json(vision(user())) : json(photos([{ id: 'a', timestamp: NOW_MS }]));
      return { status: 404 };
    }).observe(id);

  it('reads the profile id from the redirect, never following it, and reports the account by it', async () => {
    const { observe, requests } = observeWith(kuaishou, (url, request) =>
      url.hostname === 'v.kuaishou.com' ? redirect(`https://www.kuaishou.com/profile/${ID}?fid=1&shareType=1`) : json(String(request.body).includes('"visionProfile"') ? vision(user()) : photos([{ id: 'a', timestamp: NOW_MS }])),
    );
    const observation = await observe('v/GKTpYm');
    expect(observation).toMatchObject({ kind: 'found', resolvedId: ID, proof: { subject: ID } });
    expect(verdict(observation)).toBe('active');
    expect(requests[0]).toMatchObject({ url: 'https://v.kuaishou.com/GKTpYm', followRedirects: false });
    expect(await run(redirect(`https://live.kuaishou.com/u/${ID}`), 'f/X3t3Ee6o1L7gqHe')).toMatchObject({ kind: 'found', resolvedId: ID });
    expect(await run(redirect(`/profile/${ID}`), 'f/X3t3Ee6o1L7gqHe')).toMatchObject({ kind: 'found', resolvedId: ID });
  });

  it('accepts only a Location on a Kuaishou host, and only a profile there', async () => {
    expect(await run(redirect(`https://v.m.chenzhongtech.com/fw/user/${ID}`))).toMatchObject({ kind: 'unknown', reason: 'layout-changed', detail: expect.stringContaining('not a Kuaishou host') });
    expect(await run(redirect(`https://evil.example/profile/${ID}`))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await run(redirect(`https://kuaishou.com.evil.example/profile/${ID}`))).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    expect(await run(redirect(`https://www.kuaishou.com/short-video/3xvideo?userId=${ID}`))).toMatchObject({ kind: 'unknown', reason: 'wrong-id', detail: expect.stringContaining('not a profile') });
    expect(await run(redirect('https://passport.kuaishou.com/pc/account/login'))).toMatchObject({ kind: 'unknown', reason: 'login-required' });
    expect(await run({ status: 404 })).toMatchObject({ kind: 'unknown', reason: 'layout-changed', detail: expect.stringContaining('HTTP 404') });
    expect(await run({ status: 302 })).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('are read from a list, with or without the platform named, and kept as v/<code> and f/<code>', () => {
    for (const example of kuaishou.examples.filter((e) => e.id?.includes('/'))) {
      expect(resolveAccount('kuaishou', example.input)).toMatchObject({ kind: 'ok', id: example.id, url: example.url });
      expect(resolveAccount('', example.input)).toMatchObject({ kind: 'ok', platform: { id: 'kuaishou' }, id: example.id });
    }
    expect(resolveAccount('快手', 'https://v.kuaishou.com/GKTpYm/')).toMatchObject({ kind: 'ok', id: 'v/GKTpYm' });
  });

  it('asks RSSHub nothing: its Kuaishou route gives no dates', () => {
    expect('rsshubRoute' in kuaishou).toBe(false);
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
    expect(parseKuaishouPage(statePage('INIT_STATE', state)).profile).toMatchObject({ profile: { name: '江城发布' } });
  });

  it('gives dated posts no "dates unknown"', async () => {
    expect(await observeWith(kuaishou, (_url, request) => (String(request.body).includes('"operationName":"visionProfile"') ? json(vision(user())) : json(photos([{ id: 'a', timestamp: NOW_MS }])))).observe(ID)).not.toHaveProperty('datesUnknown');
  });
});

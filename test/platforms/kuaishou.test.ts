import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { parseKuaishouPage, parsePhotoList, parseProfileFeed, parseVisionProfile, readKuaishouAnswer, readKuaishouPage } from '../../src/platforms/kuaishou.js';
import type { Observation } from '../../src/platforms/observation.js';
import { answer, realJson, statePage } from '../helpers/fixtures.js';

const REAL_ID = '3x27q2f82gnxn4e';
const NOW = new Date('2026-11-20T10:00:00+08:00');
const account = (id: string): Account => ({ key: `kuaishou:${id}`, platform: 'kuaishou', id, url: `https://www.kuaishou.com/profile/${id}`, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
const verdict = (observation: Observation, id = REAL_ID) => {
  const finding = classify(account(id), observation, NOW, DEFAULT_THRESHOLDS, NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
};

describe('Kuaishou parsers on the real answers', () => {
  it('reads visionProfile: rounded fan count, photo_public for the post count, the user id it names', () => {
    expect(parseVisionProfile(realJson('kuaishou', 'graphql-visionProfile-2022.json'))).toEqual({
      kind: 'profile',
      profile: { name: '徐医 .', followers: 1698000, postCount: 202 },
      names: [REAL_ID],
    });
  });

  it('reads visionProfilePhotoList: timestamps in milliseconds, the author, and the cursor that says more follow', () => {
    const list = parsePhotoList(realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json'))!;
    expect(list.posts[0]).toMatchObject({ id: '3xa7hvqbt9rg9my', pinned: false });
    expect(list.posts[0]!.at.getTime()).toBe(1653048380883);
    // "1.648548115016E12" is a cursor, not "no_more": the list goes on.
    expect(list).toMatchObject({ paging: 'more', undated: 0, names: [REAL_ID] });
  });

  it.each([
    [2, 'rate-limited', /too fast.*not logged in/],
    [50, 'blocked', /not signed/],
    [2001, 'captcha', /captcha/],
    [400002, 'captcha', /验证码/],
    [109, 'login-required', /not logged in/],
    [21, 'wrong-id', /not in the form.*profile id.*not the 快手号/],
  ])('reads result %d as %s, saying why', (result, reason, detail) => {
    const response = answer(JSON.stringify({ data: { visionProfile: { result } } }));
    expect(readKuaishouAnswer(response, 'visionProfile')).toMatchObject({ kind: 'blocked', observation: { reason, detail: expect.stringMatching(detail) } });
    expect(readKuaishouAnswer(answer(JSON.stringify({ result })))).toMatchObject({ kind: 'blocked', observation: { reason } });
  });

  it('reads GraphQL errors, 请进行安全验证 and empty bodies as blocks', () => {
    expect(readKuaishouAnswer(answer('{"errors":[{"message":"Unauthorized"}]}'), 'visionProfile')).toMatchObject({ kind: 'blocked' });
    expect(readKuaishouAnswer(answer('<html>请进行安全验证</html>'), 'visionProfile')).toMatchObject({ observation: { reason: 'captcha' } });
    expect(readKuaishouAnswer(answer(''), 'visionProfile')).toMatchObject({ observation: { reason: 'blocked' } });
  });

  it('reports the page’s words for an account GraphQL does not name, never as proof', () => {
    expect(parseVisionProfile({ data: { visionProfile: { result: 1, userProfile: null } } })).toEqual({ kind: 'absent' });
    expect(parseKuaishouPage('<html><div>用户不存在</div></html>')).toMatchObject({ gone: { reason: 'missing', words: '用户不存在' } });
    expect(parseKuaishouPage('<html><div>该用户已被封禁</div></html>')).toMatchObject({ gone: { reason: 'banned' } });
    // An app ships these words as translations in its scripts, for every user: only shown text counts.
    expect(parseKuaishouPage("<html><script>var t={missing:'用户不存在',banned:'已被封禁'}</script><div id='app'></div></html>")).toEqual({});
  });

  it('reads the page state, old (__APOLLO_STATE__) and new (INIT_STATE), with the ids it names', () => {
    const profile = realJson('kuaishou', 'graphql-visionProfile-2022.json') as { data: { visionProfile: { userProfile: unknown } } };
    const photos = realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json') as { data: { visionProfilePhotoList: unknown } };
    for (const name of ['__APOLLO_STATE__', 'INIT_STATE']) {
      const html = statePage(name, { defaultClient: { profile: profile.data.visionProfile.userProfile, list: photos.data.visionProfilePhotoList } });
      const page = parseKuaishouPage(html);
      expect(page.profile).toMatchObject({ profile: { name: '徐医 .', followers: 1698000 }, names: [REAL_ID] });
      expect(page.list).toMatchObject({ posts: [{ id: '3xa7hvqbt9rg9my' }], names: [REAL_ID] });
    }
  });
});

const received = (body: unknown, requestBody?: unknown) => ({
  url: 'https://www.kuaishou.com/x',
  method: 'POST',
  status: 200,
  headers: {},
  body: JSON.stringify(body),
  ...(requestBody ? { requestBody: JSON.stringify(requestBody) } : {}),
});

describe('Kuaishou through the browser: the same parsers on what the page received', () => {
  const profile = realJson('kuaishou', 'graphql-visionProfile-2022.json');
  const photoList = realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json') as { data: { visionProfilePhotoList: { feeds: unknown[] } } };
  const feeds = photoList.data.visionProfilePhotoList.feeds;
  const graphqlAsked = { operationName: 'visionProfile', variables: { userId: REAL_ID } };

  it('reads the 2026 REST list (reconstructed: GraphQL feed items under `feeds`) and the older GraphQL one alike, with their facts', () => {
    const rest = readKuaishouPage({ answers: { profile: received(profile, graphqlAsked), feed: received({ result: 1, pcursor: 'no_more', feeds }, { user_id: REAL_ID, pcursor: '', page: 'profile' }) } }, REAL_ID);
    expect(rest).toMatchObject({
      kind: 'found',
      profile: { postCount: 202 },
      proof: {
        subject: REAL_ID,
        source: 'browser',
        answers: [
          { what: 'profile (GraphQL visionProfile)', requestNames: true, names: [REAL_ID] },
          { what: 'posts (REST profile/feed)', requestNames: true, names: [REAL_ID] },
        ],
        list: { read: true, paging: 'end', undated: 0 },
      },
    });
    const graphql = readKuaishouPage({ answers: { profile: received(profile, graphqlAsked), photos: received(photoList, { operationName: 'visionProfilePhotoList', variables: { userId: REAL_ID } }) } }, REAL_ID);
    expect(graphql).toMatchObject({ kind: 'found', proof: { list: { read: true, paging: 'more' } } });
    expect(parseProfileFeed({ result: 1, feeds })!.posts[0]!.at.getTime()).toBe(1653048380883);
  });

  it('an unsigned list (result 50) keeps the account without a verdict, saying so; words alone never make it not found', () => {
    const unsigned = readKuaishouPage({ answers: { profile: received(profile, graphqlAsked), feed: received({ result: 50 }) } }, REAL_ID);
    expect(unsigned).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked', detail: expect.stringContaining('not signed') } });
    expect(verdict(unsigned)).toBe('unverified/blocked');
    const absent = received({ data: { visionProfile: { result: 1, userProfile: null } } });
    expect(readKuaishouPage({ answers: { profile: absent } }, REAL_ID)).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    const page = { ...received(''), body: '<div class="user-error">用户不存在</div>' };
    const words = readKuaishouPage({ document: page, answers: { profile: absent } }, REAL_ID);
    expect(words).toMatchObject({ kind: 'missing', reason: 'missing', statement: { httpStatus: 200, structured: false, bound: true }, source: 'browser' });
    expect(verdict(words)).toBe('unverified/not-found-unproven');
  });
});

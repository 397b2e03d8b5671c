import { describe, expect, it } from 'vitest';
import { parseKuaishouPage, parsePhotoList, parseProfileFeed, parseVisionProfile, readKuaishouAnswer, readKuaishouPage } from '../../src/platforms/kuaishou.js';
import { answer, realJson, statePage } from '../helpers/fixtures.js';

describe('Kuaishou parsers on the real answers', () => {
  it('reads visionProfile: rounded fan count, photo_public for the post count', () => {
    expect(parseVisionProfile(realJson('kuaishou', 'graphql-visionProfile-2022.json'))).toEqual({
      kind: 'profile',
      profile: { name: '徐医 .', followers: 1698000, postCount: 202 },
    });
  });

  it('reads visionProfilePhotoList: timestamps in milliseconds', () => {
    const posts = parsePhotoList(realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json'))!;
    expect(posts[0]).toMatchObject({ id: '3xa7hvqbt9rg9my', pinned: false });
    expect(posts[0]!.at.getTime()).toBe(1653048380883);
  });

  it.each([
    [2, 'rate-limited'],
    [50, 'blocked'],
    [2001, 'captcha'],
    [400002, 'captcha'],
    [109, 'login-required'],
    [21, 'wrong-id'],
  ])('reads result %d as %s', (result, reason) => {
    const response = answer(JSON.stringify({ data: { visionProfile: { result } } }));
    expect(readKuaishouAnswer(response, 'visionProfile')).toMatchObject({ kind: 'blocked', observation: { reason } });
  });

  it('reads GraphQL errors, 请进行安全验证 and empty bodies as blocks', () => {
    expect(readKuaishouAnswer(answer('{"errors":[{"message":"Unauthorized"}]}'), 'visionProfile')).toMatchObject({ kind: 'blocked' });
    expect(readKuaishouAnswer(answer('<html>请进行安全验证</html>'), 'visionProfile')).toMatchObject({ observation: { reason: 'captcha' } });
    expect(readKuaishouAnswer(answer(''), 'visionProfile')).toMatchObject({ observation: { reason: 'blocked' } });
  });

  it('needs the page to confirm an account GraphQL does not name', () => {
    expect(parseVisionProfile({ data: { visionProfile: { result: 1, userProfile: null } } })).toEqual({ kind: 'absent' });
    expect(parseKuaishouPage('<html><div>用户不存在</div></html>')).toMatchObject({ gone: { reason: 'missing' } });
    expect(parseKuaishouPage('<html><div>该用户已被封禁</div></html>')).toMatchObject({ gone: { reason: 'banned' } });
    // An app ships these words as translations in its scripts, for every user: only shown text counts.
    expect(parseKuaishouPage("<html><script>var t={missing:'用户不存在',banned:'已被封禁'}</script><div id='app'></div></html>")).toEqual({});
  });

  it('reads the page state, old (__APOLLO_STATE__) and new (INIT_STATE)', () => {
    const profile = realJson('kuaishou', 'graphql-visionProfile-2022.json') as { data: { visionProfile: { userProfile: unknown } } };
    const photos = realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json') as { data: { visionProfilePhotoList: unknown } };
    for (const name of ['__APOLLO_STATE__', 'INIT_STATE']) {
      const html = statePage(name, { defaultClient: { profile: profile.data.visionProfile.userProfile, list: photos.data.visionProfilePhotoList } });
      const page = parseKuaishouPage(html);
      expect(page.profile).toMatchObject({ name: '徐医 .', followers: 1698000 });
      expect(page.posts).toHaveLength(1);
    }
  });
});

const received = (body: unknown) => ({ url: 'https://www.kuaishou.com/x', method: 'POST', status: 200, headers: {}, body: JSON.stringify(body) });

describe('Kuaishou through the browser: the same parsers on what the page received', () => {
  const profile = realJson('kuaishou', 'graphql-visionProfile-2022.json');
  const feeds = (realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json') as { data: { visionProfilePhotoList: { feeds: unknown[] } } }).data.visionProfilePhotoList.feeds;

  it('reads the 2026 REST list (reconstructed: GraphQL feed items under `feeds`) and the older GraphQL one alike', () => {
    const rest = readKuaishouPage({ answers: { profile: received(profile), feed: received({ result: 1, pcursor: 'no_more', feeds }) } });
    const graphql = readKuaishouPage({ answers: { profile: received(profile), photos: received(realJson('kuaishou', 'graphql-visionProfilePhotoList-2022.json')) } });
    expect(rest).toMatchObject({ kind: 'found', profile: { postCount: 202 } });
    expect(rest).toEqual(graphql);
    expect(parseProfileFeed({ result: 1, feeds })![0]!.at.getTime()).toBe(1653048380883);
  });

  it('an unsigned list (result 50) keeps the account without a verdict; a missing one needs the page to say so', () => {
    expect(readKuaishouPage({ answers: { profile: received(profile), feed: received({ result: 50 }) } })).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    const absent = received({ data: { visionProfile: { result: 1, userProfile: null } } });
    expect(readKuaishouPage({ answers: { profile: absent } })).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
    const page = { ...received(''), body: '<div class="user-error">用户不存在</div>' };
    expect(readKuaishouPage({ document: page, answers: { profile: absent } })).toMatchObject({ kind: 'missing', reason: 'missing' });
  });
});

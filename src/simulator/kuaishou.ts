import { cookieNames, htmlPage, listedPosts, loadRealAnswer, postCount, type PlatformScenario, type SimAccount } from './common.js';
import { jsonResponse, type PlatformSimulator, type SimRequest, type SimResponse } from './types.js';

/**
 * Answers as Kuaishou's GraphQL does (result 2001, a captcha, without the
 * browser cookie `did`). Behaviours: normal, missing and banned (no
 * userProfile; the profile page says why), captcha, login (result 109),
 * rate-limited (result 2), wrong-id (result 21), layout.
 */
export function kuaishouSimulator(scenario: PlatformScenario, fixturesDir: string): PlatformSimulator {
  const profileTemplate = loadRealAnswer(fixturesDir, 'kuaishou', 'graphql-visionProfile-2022.json') as {
    data: { visionProfile: { userProfile: { ownerCount: Record<string, unknown>; profile: Record<string, unknown> } } };
  };
  const photoTemplate = loadRealAnswer(fixturesDir, 'kuaishou', 'graphql-visionProfilePhotoList-2022.json') as {
    data: { visionProfilePhotoList: { feeds: { photo: Record<string, unknown> }[]; pcursor: string } };
  };
  const resultOnly = (operation: string, result: number) => jsonResponse({ data: { [operation]: { result, __typename: 'VisionProfileResult' } } });

  const profile = (id: string, account: SimAccount): SimResponse => {
    if (account.behaviour === 'missing' || account.behaviour === 'banned') {
      return jsonResponse({ data: { visionProfile: { result: 1, hostName: 'sim', userProfile: null } } });
    }
    if (account.behaviour === 'layout') return jsonResponse({ data: { visionProfile: { result: 1, userProfile: { owner: { name: account.name } } } } });
    const body = structuredClone(profileTemplate);
    const fans = account.fans ?? 0;
    Object.assign(body.data.visionProfile.userProfile.ownerCount, { fan: fans >= 10_000 ? `${Math.round(fans / 1000) / 10}w` : String(fans), photo: null, photo_public: postCount(account) });
    Object.assign(body.data.visionProfile.userProfile.profile, { user_name: account.name, user_id: id });
    return jsonResponse(body);
  };

  const photos = (account: SimAccount): SimResponse => {
    const body = structuredClone(photoTemplate);
    const template = body.data.visionProfilePhotoList.feeds[0]!;
    body.data.visionProfilePhotoList.feeds = listedPosts(account).map((post, i) => ({
      ...structuredClone(template),
      photo: { ...template.photo, id: `3xsim${i}`, timestamp: post.at.getTime(), profileUserTopPhoto: post.pinned ? true : null },
    }));
    body.data.visionProfilePhotoList.pcursor = 'no_more';
    return jsonResponse(body);
  };

  const graphql = (request: SimRequest): SimResponse => {
    const { operationName, variables } = JSON.parse(request.body || '{}') as { operationName?: string; variables?: { userId?: string } };
    const operation = operationName ?? '';
    if (!cookieNames(request.headers.cookie).has('did')) return resultOnly(operation, 2001);
    const account = scenario.accounts[variables?.userId ?? ''] ?? { behaviour: 'missing' };
    const codes: Record<string, number> = { captcha: 400002, login: 109, 'rate-limited': 2, 'wrong-id': 21 };
    if (account.behaviour && codes[account.behaviour]) return resultOnly(operation, codes[account.behaviour]!);
    return operation === 'visionProfile' ? profile(variables?.userId ?? '', account) : photos(account);
  };

  return {
    hosts: ['www.kuaishou.com', 'live.kuaishou.com'],
    handle(request) {
      if (request.path === '/graphql' && request.method === 'POST') return graphql(request);
      const id = request.path.replace(/^\/profile\//, '');
      const account = scenario.accounts[id];
      const notice = account?.behaviour === 'banned' ? '该用户已被封禁' : '用户不存在';
      return { status: 200, body: htmlPage('快手', `<div class="user-error">${notice}</div>`), headers: { 'content-type': 'text/html' } };
    },
  };
}

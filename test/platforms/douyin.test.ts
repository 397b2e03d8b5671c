import { describe, expect, it } from 'vitest';
import { combineDouyin, detectDouyinBlock, parsePostAnswer, parseProfileAnswer, parseRenderData, readDouyinPage } from '../../src/platforms/douyin.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { answer, realJson, realText } from '../helpers/fixtures.js';
import { dateFromAwemeId } from '../../src/platforms/dates.js';
import { finding } from '../helpers/report.js';

describe('Douyin parsers on the real answers', () => {
  it('reads the web profile answer', () => {
    const parsed = parseProfileAnswer(realJson('douyin', 'web-user-profile-other-2023.json'));
    expect(parsed).toMatchObject({ kind: 'profile', profile: { postCount: 735 } });
  });

  it('takes the newest post for the latest, not the pinned ones listed first', () => {
    const posts = parsePostAnswer(realJson('douyin', 'aweme-post-pinned-first-2023.json'))!;
    expect(posts.slice(0, 3).every((p) => p.pinned)).toBe(true);
    const observation = combineDouyin({ name: 'x', postCount: 21 }, posts);
    const now = new Date('2023-09-02T12:00:00+08:00');
    const verdict = classify(finding('1', 'active', null).account, observation, now, DEFAULT_THRESHOLDS, now);
    expect(verdict.lastPostAt!.getTime()).toBe(1693537043 * 1000);
    expect(verdict.status).toBe('active');
  });

  it('dates each real post by its id to within a minute of its create_time (aweme_id >> 32)', () => {
    const list = (realJson('douyin', 'aweme-post-pinned-first-2023.json') as { aweme_list: { aweme_id: string; create_time: number }[] }).aweme_list;
    for (const item of list) expect(Math.abs(dateFromAwemeId(item.aweme_id)!.getTime() / 1000 - item.create_time)).toBeLessThan(60);
  });

  it('dates a list that gives ids but no create_time from the ids, and says so', () => {
    const real = realJson('douyin', 'aweme-post-pinned-first-2023.json') as { aweme_list: Record<string, unknown>[] };
    const undatedList = { ...real, aweme_list: real.aweme_list.map(({ create_time: _dropped, ...rest }) => rest) };
    const posts = parsePostAnswer(undatedList)!;
    expect(posts.every((p) => p.dateFromId)).toBe(true);
    const observation = combineDouyin({ name: 'x', postCount: 21 }, posts);
    expect(observation).toMatchObject({ datesFrom: expect.stringContaining('aweme_id >> 32') });
    const now = new Date('2023-09-02T12:00:00+08:00');
    const verdict = classify(finding('1', 'active', null).account, observation, now, DEFAULT_THRESHOLDS, now);
    expect(verdict).toMatchObject({ status: 'active', detail: expect.stringContaining('post ids') });
    expect(Math.abs(verdict.lastPostAt!.getTime() - 1693537043 * 1000)).toBeLessThan(60_000);
  });

  it('recognises the real captcha page (served without a charset)', () => {
    expect(detectDouyinBlock(answer(realText('douyin', 'user-page-captcha-middle-page-2023.html')))).toMatchObject({ reason: 'captcha' });
  });

  it.each([
    ['an empty 200 body', answer(''), 'blocked'],
    ['a redirect to a login page', answer('', 302, { location: 'https://sso.douyin.com/login/' }), 'login-required'],
    ['a page whose state says isSpider', answer('<html><script>{"isSpider":true}</script></html>'), 'blocked'],
    ['HTTP 429', answer('', 429), 'rate-limited'],
  ])('reads %s as a block', (_what, response, reason) => {
    expect(detectDouyinBlock(response)).toMatchObject({ kind: 'unknown', reason });
  });

  it('never takes an empty list for "never posted" unless the profile counts zero', () => {
    expect(combineDouyin({ name: 'x', postCount: 12 }, [])).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(combineDouyin({ name: 'x', postCount: 12 }, undefined)).toMatchObject({ datesUnknown: { reason: 'blocked' } });
    expect(combineDouyin({ name: 'x', postCount: 0 }, [])).toEqual({ kind: 'found', profile: { name: 'x', postCount: 0 }, posts: [] });
    // A profile that gives no count at all proves nothing either: only a count of zero is "never posted".
    expect(combineDouyin({ name: 'x' }, [])).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
  });

  it('reads a banned account and a missing one', () => {
    expect(parseProfileAnswer({ status_code: 0, user: { nickname: 'x', is_ban: true } })).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(parseProfileAnswer({ status_code: 0, status_msg: '用户不存在', user: null })).toMatchObject({ kind: 'missing', reason: 'missing' });
    expect(parseProfileAnswer({ status_code: 0, user: {} })).toBeUndefined();
  });

  it('reads RENDER_DATA (URL-encoded JSON) from the profile page', () => {
    const state = { '41': { user: { user: { nickname: '央视新闻', followerCount: 5, awemeCount: 2 } }, post: { data: [{ awemeId: '1', createTime: 1693537043, isTop: 1 }] } } };
    const html = `<html><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(state))}</script></html>`;
    expect(parseRenderData(html)).toMatchObject({ profile: { name: '央视新闻', followers: 5, postCount: 2 }, posts: [{ id: '1', pinned: true }] });
    expect(parseRenderData('<html><div id="root"></div></html>')).toBeUndefined();
  });
});

/** What a profile page received in the browser, shaped as the machinery hands it over. */
const received = (body: unknown, status = 200) => ({ url: 'https://www.douyin.com/aweme/v1/web/x/', method: 'GET', status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('Douyin through the browser: the same parsers on what the page received', () => {
  const profile = realJson('douyin', 'web-user-profile-other-2023.json');
  const posts = realJson('douyin', 'aweme-post-pinned-first-2023.json');

  it('reads the real profile and post answers the page received', () => {
    const observation = readDouyinPage({ answers: { profile: received(profile), posts: received(posts) } });
    expect(observation).toMatchObject({ kind: 'found', profile: { postCount: 735 } });
    expect(observation.kind === 'found' && observation.posts.length).toBeGreaterThan(3);
  });

  it('never takes a page that showed a captcha or a login wall for an answer, whatever it received', () => {
    for (const reason of ['captcha', 'login-required'] as const) {
      const observation = readDouyinPage({ answers: { profile: received(profile) }, block: { reason, detail: 'seen on the page' } });
      expect(observation).toMatchObject({ kind: 'unknown', reason });
    }
    expect(readDouyinPage({ document: received(realText('douyin', 'user-page-captcha-middle-page-2023.html')), answers: {} })).toMatchObject({ kind: 'unknown', reason: 'captcha' });
  });

  it('keeps the account but not a verdict when the post list never came or came back empty', () => {
    const never = readDouyinPage({ answers: { profile: received(profile) }, unfinished: { reason: 'timeout', detail: 'the page asked for posts and got no answer' } });
    expect(never).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'timeout' } });
    const empty = readDouyinPage({ answers: { profile: received(profile), posts: received('') } });
    expect(empty).toMatchObject({ kind: 'found', datesUnknown: { reason: 'blocked' } });
    expect(readDouyinPage({ answers: {} })).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });
});

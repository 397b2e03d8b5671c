import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { DAY_MS } from '../../src/audit/time.js';
import type { Observation, Post } from '../../src/platforms/observation.js';
import { proven } from '../helpers/proof.js';

export const NOW = new Date('2026-11-20T10:00:00+08:00');
const account: Account = {
  key: 'bilibili:1',
  platform: 'bilibili',
  id: '1',
  url: 'https://space.bilibili.com/1',
  extra: {},
  source: { file: 'list.csv', row: 2 },
  order: 0,
};
const post = (msBeforeNow: number, pinned = false): Post => ({ id: String(msBeforeNow), at: new Date(NOW.getTime() - msBeforeNow), pinned });
const found = (posts: Post[], postCount = posts.length): Observation => ({ kind: 'found', profile: { name: 'x', followers: 1, postCount }, posts });
const verdict = (observation: Observation) => {
  const f = classify(account, proven(observation, account.id), NOW, DEFAULT_THRESHOLDS, NOW);
  return { status: f.status, reason: f.reason };
};

describe('classification at the threshold boundaries', () => {
  it.each([
    ['a post just now', 0, 'active', null],
    ['exactly 14 days ago', 14 * DAY_MS, 'active', null],
    ['14 days and a second ago', 14 * DAY_MS + 1000, 'inactive', null],
    ['exactly 90 days ago', 90 * DAY_MS, 'inactive', null],
    ['90 days and a second ago', 90 * DAY_MS + 1000, 'zombie', 'silent'],
    ['three years ago', 3 * 365 * DAY_MS, 'zombie', 'silent'],
  ])('%s is %s', (_what, age, status, reason) => {
    expect(verdict(found([post(age)]))).toEqual({ status, reason });
  });

  it('follows custom thresholds', () => {
    const f = classify(account, proven(found([post(10 * DAY_MS)]), account.id), NOW, { inactiveDays: 7, zombieDays: 30 }, NOW);
    expect(f.status).toBe('inactive');
  });

  it('takes a post up to a day after the check as active (clock skew), never as silence', () => {
    expect(verdict(found([post(-DAY_MS)]))).toEqual({ status: 'active', reason: null });
  });

  it('judges dates as of a fixed audit instant when the user gave one (--now), else as of the check', () => {
    const later = proven(found([post(-3 * DAY_MS)]), account.id);
    const checkedLater = new Date(NOW.getTime() + 5 * DAY_MS);
    expect(classify(account, later, NOW, DEFAULT_THRESHOLDS, checkedLater).status).toBe('active');
    expect(classify(account, later, NOW, DEFAULT_THRESHOLDS, checkedLater, NOW)).toMatchObject({ status: 'unverified', reason: 'implausible-date' });
  });
});

describe('the latest post', () => {
  it('is the newest of all, not the first listed: an old pinned post comes first', () => {
    const f = classify(account, proven(found([post(700 * DAY_MS, true), post(3 * DAY_MS), post(10 * DAY_MS)]), account.id), NOW, DEFAULT_THRESHOLDS, NOW);
    expect(f.status).toBe('active');
    expect(f.daysSinceLastPost).toBe(3);
  });

  it('is a pinned post when that is also the newest', () => {
    const f = classify(account, proven(found([post(DAY_MS, true), post(200 * DAY_MS)]), account.id), NOW, DEFAULT_THRESHOLDS, NOW);
    expect(f.daysSinceLastPost).toBe(1);
  });

  it('gives the figures: days since, posts in 30 days, longest gap', () => {
    const f = classify(account, proven(found([post(2 * DAY_MS), post(12 * DAY_MS), post(29 * DAY_MS), post(31 * DAY_MS), post(80 * DAY_MS)], 57), account.id), NOW, DEFAULT_THRESHOLDS, NOW);
    expect(f).toMatchObject({ daysSinceLastPost: 2, postsInLast30Days: 3, longestGapDays: 49, postCount: 57, followers: 1 });
    expect(f.lastPostAt!.toISOString()).toBe(new Date(NOW.getTime() - 2 * DAY_MS).toISOString());
  });
});

describe('never a false zombie', () => {
  it('a zero post count with no posts is a zombie that never posted', () => {
    expect(verdict(found([], 0))).toEqual({ status: 'zombie', reason: 'never-posted' });
  });

  it('posts counted beside a list the platform gave whole and empty is unverified, contradictory', () => {
    expect(verdict(found([], 12))).toEqual({ status: 'unverified', reason: 'contradictory' });
  });

  it('no count and no posts is unverified, no-dates', () => {
    expect(verdict({ kind: 'found', profile: { name: 'x' }, posts: [] })).toEqual({ status: 'unverified', reason: 'no-dates' });
  });

  it('a blocked date request keeps its reason and the profile figures', () => {
    const f = classify(
      account,
      proven({ kind: 'found', profile: { name: 'x', followers: 5, postCount: 9 }, posts: [], datesUnknown: { reason: 'blocked', detail: '-352' } }, account.id),
      NOW,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(f).toMatchObject({ status: 'unverified', reason: 'blocked', detail: '-352', followers: 5, postCount: 9 });
  });

  it.each(['blocked', 'captcha', 'login-required', 'rate-limited', 'timeout', 'network-error', 'layout-changed'] as const)(
    '%s is unverified',
    (reason) => {
      expect(verdict({ kind: 'unknown', reason, detail: 'x' })).toEqual({ status: 'unverified', reason });
    },
  );

  it('missing, banned and cancelled are not-found with their reason', () => {
    for (const reason of ['missing', 'banned', 'cancelled'] as const) {
      expect(verdict({ kind: 'missing', reason, detail: 'x' })).toEqual({ status: 'not-found', reason });
    }
  });
});

describe('a rounded post count', () => {
  it('is no count at all for the silence inference: Kuaishou showing 1.2万 is unverified, not a zombie', async () => {
    const { parseVisionProfile } = await import('../../src/platforms/kuaishou.js');
    const parsed = parseVisionProfile({ data: { visionProfile: { result: 1, userProfile: { ownerCount: { fan: '3.1w', photo_public: '1.2万' }, profile: { user_name: '江城发布', user_id: '3x' } } } } });
    expect(parsed).toMatchObject({ kind: 'profile', profile: { name: '江城发布', postCount: undefined } });
  });
});

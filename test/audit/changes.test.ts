import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { changeOf, inferSilence, sameCountSince, type EarlierObservation } from '../../src/audit/changes.js';
import { emptyFinding } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS, type Finding } from '../../src/audit/finding.js';
import type { Status } from '../../src/audit/status.js';
import { DAY_MS } from '../../src/audit/time.js';

const NOW = new Date('2026-12-20T10:00:00+08:00');
const account: Account = { key: 'xiaohongshu:1', platform: 'xiaohongshu', id: '1', url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const finding = (status: Status, extra: Partial<Finding> = {}): Finding => ({
  ...emptyFinding(account, NOW),
  status,
  reason: null,
  detail: null,
  ...extra,
});
const run = (days: number, status: Status, postCount: number | null = null): EarlierObservation => ({ runNow: daysAgo(days), status, postCount, countClean: postCount !== null });
const kind = (now: Finding, earlier: EarlierObservation[]) => changeOf(now, earlier, NOW, DEFAULT_THRESHOLDS).kind;

describe('the change since the previous audit', () => {
  it.each([
    ['no earlier audit', 'zombie', [], 'new'],
    ['active before, zombie now', 'zombie', [run(30, 'active')], 'newly-zombie'],
    ['zombie before, inactive now (it posted, not lately)', 'inactive', [run(30, 'zombie')], 'newly-inactive'],
    ['active before, gone now', 'not-found', [run(30, 'active')], 'newly-not-found'],
    ['zombie before, active now', 'active', [run(30, 'zombie')], 'revived'],
    ['not found before, active now', 'active', [run(30, 'not-found')], 'revived'],
    ['zombie before, zombie now', 'zombie', [run(30, 'zombie')], 'unchanged'],
    ['zombie before, not seen now', 'unverified', [run(30, 'zombie')], 'unverified'],
    ['never seen, still not seen', 'unverified', [run(30, 'unverified')], 'unchanged'],
    // A month without an answer says nothing: the verdict before it counts.
    ['zombie, then unverified, then active', 'active', [run(30, 'unverified'), run(60, 'zombie')], 'revived'],
    // Only ever unverified before: nothing was known to revive from.
    ['never seen before, active now', 'active', [run(30, 'unverified')], 'unchanged'],
  ] as const)('%s: %s', (_what, status, earlier, expected) => {
    expect(kind(finding(status), [...earlier])).toBe(expected);
  });

  it('dates a silence from the last post when it is known', () => {
    const change = changeOf(finding('zombie', { lastPostAt: daysAgo(100) }), [run(30, 'inactive')], NOW, DEFAULT_THRESHOLDS);
    expect(change.since).toEqual(daysAgo(10));
  });

  it('dates a never-posted zombie from the first audit of its unbroken run of zombie verdicts', () => {
    const earlier = [run(30, 'zombie'), run(45, 'unverified'), run(60, 'zombie'), run(90, 'active'), run(120, 'zombie')];
    expect(changeOf(finding('zombie', { reason: 'never-posted' }), earlier, NOW, DEFAULT_THRESHOLDS).since).toEqual(daysAgo(60));
  });
});

describe('silence inferred from an unchanged post count', () => {
  it('finds the earliest audit since which the count has stood, passing over audits without a count', () => {
    expect(sameCountSince(12, [run(30, 'unverified', 12), run(45, 'unverified', null), run(60, 'unverified', 12), run(90, 'active', 11)])).toEqual(daysAgo(60));
    expect(sameCountSince(12, [run(30, 'unverified', 13)])).toBeUndefined();
    expect(sameCountSince(12, [])).toBeUndefined();
  });

  const unverified = finding('unverified', { reason: 'no-dates', postCount: 12 });
  it.each([
    [14, 'unverified', 'no-dates'],
    [14.01, 'inactive', 'silent-inferred'],
    [90, 'inactive', 'silent-inferred'],
    [90.01, 'zombie', 'silent-inferred'],
  ] as const)('a count unchanged for %s days: %s', (days, status, reason) => {
    const inferred = inferSilence(unverified, daysAgo(days), NOW, DEFAULT_THRESHOLDS);
    expect([inferred.status, inferred.reason]).toEqual([status, reason]);
  });

  it('keeps the lower bound of the silence and where it comes from', () => {
    const inferred = inferSilence(unverified, daysAgo(40), NOW, DEFAULT_THRESHOLDS);
    expect(inferred).toMatchObject({ daysSinceLastPost: 40, silentSince: daysAgo(40), lastPostAt: null });
    expect(inferred.detail).toContain('post count 12 unchanged since the audit of 2026-11-10T10:00:00+08:00');
  });
});

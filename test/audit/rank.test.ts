import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/audit/finding.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';

const NOW = new Date('2026-11-20T10:00:00+08:00');
let order = 0;
function finding(name: string, status: Finding['status'], reason: Finding['reason'], daysSilent?: number): Finding {
  return {
    account: { key: name, platform: 'bilibili', id: name, url: '', extra: {}, source: { file: 'f', row: order + 2 }, order: order++ },
    status,
    reason,
    detail: null,
    platformName: null,
    postCount: null,
    followers: null,
    lastPostAt: daysSilent === undefined ? null : new Date(NOW.getTime() - daysSilent * DAY_MS),
    daysSinceLastPost: daysSilent ?? null,
    postsInLast30Days: null,
    longestGapDays: null,
    checkedAt: NOW,
  };
}

describe('ranking', () => {
  const input = [
    finding('active-recent', 'active', null, 1),
    finding('unverified-1', 'unverified', 'blocked'),
    finding('zombie-200', 'zombie', 'silent', 200),
    finding('inactive-20', 'inactive', null, 20),
    finding('not-found-1', 'not-found', 'missing'),
    finding('never-1', 'zombie', 'never-posted'),
    finding('active-old', 'active', null, 13),
    finding('zombie-800', 'zombie', 'silent', 800),
    finding('inactive-60', 'inactive', null, 60),
    finding('never-2', 'zombie', 'never-posted'),
    finding('not-found-2', 'not-found', 'banned'),
    finding('unverified-2', 'unverified', 'timeout'),
  ];
  const ranked = rank(input, NOW, DEFAULT_THRESHOLDS);

  it('puts never-posted zombies first, then by longest silence, not-found, active, and unverified last; ties keep input order', () => {
    expect(ranked.map((f) => f.account.id)).toEqual([
      'never-1',
      'never-2',
      'zombie-800',
      'zombie-200',
      'inactive-60',
      'inactive-20',
      'not-found-1',
      'not-found-2',
      'active-old',
      'active-recent',
      'unverified-1',
      'unverified-2',
    ]);
    expect(ranked.map((f) => f.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('scores from 100 down, agreeing with the rank, with no score for unverified accounts', () => {
    const scores = ranked.map((f) => f.score);
    expect(scores.slice(0, 2)).toEqual([100, 100]);
    expect(scores.slice(-2)).toEqual([null, null]);
    const numeric = scores.filter((s): s is number => s !== null);
    expect([...numeric].sort((a, b) => b - a)).toEqual(numeric);
    expect(Math.min(...numeric)).toBeGreaterThanOrEqual(0);
  });
});

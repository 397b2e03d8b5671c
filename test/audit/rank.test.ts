import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/audit/finding.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import { finding, NOW } from '../helpers/report.js';

let order = 0;
const silent = (name: string, status: Finding['status'], reason: Finding['reason'], daysSilent?: number) =>
  finding(
    name,
    status,
    reason,
    daysSilent === undefined ? {} : { lastPostAt: new Date(NOW.getTime() - daysSilent * DAY_MS), daysSinceLastPost: daysSilent },
    order++,
  );

describe('ranking', () => {
  const input = [
    silent('active-recent', 'active', null, 1),
    silent('unverified-1', 'unverified', 'blocked'),
    silent('zombie-200', 'zombie', 'silent', 200),
    silent('inactive-20', 'inactive', null, 20),
    silent('not-found-1', 'not-found', 'missing'),
    silent('never-1', 'zombie', 'never-posted'),
    silent('active-old', 'active', null, 13),
    silent('zombie-800', 'zombie', 'silent', 800),
    silent('inactive-60', 'inactive', null, 60),
    silent('never-2', 'zombie', 'never-posted'),
    silent('not-found-2', 'not-found', 'banned'),
    silent('unverified-2', 'unverified', 'timeout'),
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

import type { Finding, RankedFinding, Thresholds } from './finding.js';
import { DAY_MS } from './time.js';

/**
 * Ranking tiers, most severe first (docs/ranking.md): zombies that never
 * posted, zombies by longest silence, inactive accounts by longest silence,
 * not-found accounts, active accounts least recently updated first, and last
 * the unverified ones ("needs manual check").
 */
export function tier(finding: Finding): number {
  switch (finding.status) {
    case 'zombie':
      return finding.reason === 'never-posted' ? 0 : 1;
    case 'inactive':
      return 2;
    case 'not-found':
      return 3;
    case 'active':
      return 4;
    case 'unverified':
      return 5;
  }
}

/** How long the account has been silent, as the ranking weighs it. */
export function silenceMs(finding: Finding, now: Date): number {
  // An inferred silence has no last post, only the days it has lasted at least.
  if (finding.lastPostAt) return now.getTime() - finding.lastPostAt.getTime();
  return (finding.daysSinceLastPost ?? 0) * DAY_MS;
}

/** Severity from 0 to 100; bands never overlap, so the score agrees with the rank. */
export function severityScore(finding: Finding, now: Date, thresholds: Thresholds): number | null {
  const days = silenceMs(finding, now) / DAY_MS;
  const share = (value: number, full: number) => Math.min(1, Math.max(0, value / full));
  switch (tier(finding)) {
    case 0:
      return 100;
    case 1:
      return 60 + Math.round(39 * share(days, 730));
    case 2:
      return 30 + Math.round(29 * share(days, thresholds.zombieDays));
    case 3:
      return 25;
    case 4:
      return Math.round(20 * share(days, thresholds.inactiveDays));
    default:
      return null;
  }
}

/** Sorts the findings in place and gives each its rank and score (in place: a national list is large). */
export function rank(findings: Finding[], now: Date, thresholds: Thresholds): RankedFinding[] {
  findings.sort((a, b) => tier(a) - tier(b) || silenceMs(b, now) - silenceMs(a, now) || a.account.order - b.account.order);
  return findings.map((finding, index) => Object.assign(finding, { rank: index + 1, score: severityScore(finding, now, thresholds) }));
}

import type { RankedFinding } from './finding.js';
import { STATUSES, type Status } from './status.js';

export const GROUP_FIELDS = ['org', 'region', 'level', 'platform'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export interface GroupRow {
  field: GroupField;
  /** The group's value; accounts without one fall in the group "" (shown as "unknown"). */
  value: string;
  total: number;
  byStatus: Record<Status, number>;
  /** Share (0..1) of zombie and inactive accounts among those with a verdict (`rates.judged`: not-found counted, unverified apart). */
  problemShare: number;
  /** Share (0..1) of each status among all the group's accounts. */
  shares: Record<Status, number>;
  /** The pass rate, the checked rate and the counts each is taken over. */
  rates: Rates;
}

/**
 * The ratios a report states, each with the accounts it counts, so that no
 * reader takes one for another. Unverified accounts are never folded into a
 * pass or a fail: they stand apart, and `checkedRate` says how many there are.
 */
export interface Rates {
  /** Accounts listed (every status). */
  listed: number;
  /** Accounts with a verdict: listed less unverified (not-found included). */
  judged: number;
  /** 合格: active. */
  passed: number;
  /** 不合格 on content updates: inactive and zombie. */
  failed: number;
  /** Not-found: apart from the pass rate (the account is gone, not silent). */
  notFound: number;
  /** Unverified (待核实): apart from every rate but the checked rate. */
  unverified: number;
  /** 合格率 = passed / (passed + failed); null when there is neither. */
  passRate: number | null;
  /** 核实率 = judged / listed; null for an empty group. */
  checkedRate: number | null;
}

export function ratesOf(byStatus: Record<Status, number>): Rates {
  const listed = STATUSES.reduce((n, s) => n + byStatus[s], 0);
  const passed = byStatus.active;
  const failed = byStatus.inactive + byStatus.zombie;
  const judged = listed - byStatus.unverified;
  return {
    listed,
    judged,
    passed,
    failed,
    notFound: byStatus['not-found'],
    unverified: byStatus.unverified,
    passRate: passed + failed ? passed / (passed + failed) : null,
    checkedRate: listed ? judged / listed : null,
  };
}

export function groupValue(finding: RankedFinding, field: GroupField): string {
  return field === 'platform' ? finding.account.platform : (finding.account[field] ?? '');
}

/**
 * Rolls the accounts up by one field, as government is organised (by body,
 * region or level): per group, the number and share of each status, ranked
 * by the share of zombie and inactive accounts, then by size.
 */
export function rollup(accounts: Iterable<RankedFinding>, field: GroupField): GroupRow[] {
  // Counts only, per group: a national list is rolled up in one pass without holding its accounts.
  const groups = new Map<string, Record<Status, number>>();
  for (const finding of accounts) {
    const value = groupValue(finding, field);
    let byStatus = groups.get(value);
    if (!byStatus) groups.set(value, (byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>));
    byStatus[finding.status]++;
  }
  const rows = [...groups].map(([value, byStatus]): GroupRow => {
    const total = STATUSES.reduce((n, s) => n + byStatus[s], 0);
    const judged = total - byStatus.unverified;
    return {
      field,
      value,
      total,
      byStatus,
      problemShare: judged ? (byStatus.zombie + byStatus.inactive) / judged : 0,
      shares: Object.fromEntries(STATUSES.map((s) => [s, byStatus[s] / total])) as Record<Status, number>,
      rates: ratesOf(byStatus),
    };
  });
  return rows.sort((a, b) => b.problemShare - a.problemShare || b.total - a.total || a.value.localeCompare(b.value));
}

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
  /** Share (0..1) of zombie and inactive accounts among those with a verdict. */
  problemShare: number;
  /** Share (0..1) of each status among all the group's accounts. */
  shares: Record<Status, number>;
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
    };
  });
  return rows.sort((a, b) => b.problemShare - a.problemShare || b.total - a.total || a.value.localeCompare(b.value));
}

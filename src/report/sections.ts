import type { AuditReport } from '../audit/finding.js';
import { rollup, type GroupRow } from '../audit/groups.js';
import { findNotices, type Notice } from '../audit/notices.js';
import { STATUSES } from '../audit/status.js';
import { messages, type Lang } from '../i18n/index.js';
import { platformLabel } from './fields.js';

/** The rollups the report asked for, each with its title. */
export function groupSections(report: AuditReport, lang: Lang): { title: string; rows: GroupRow[] }[] {
  const m = messages(lang).groups;
  return report.groupBy.map((field) => ({ title: m.title(m.field[field] ?? field), rows: rollup(report.accounts, field) }));
}

export function groupValueLabel(row: GroupRow, lang: Lang): string {
  if (!row.value) return messages(lang).groups.none;
  return row.field === 'platform' ? platformLabel(row.value, lang) : row.value;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A rollup as rows of text: group, total, each status as "count (share)", then the problem share. */
export function groupTable(rows: readonly GroupRow[], lang: Lang): { headers: string[]; cells: string[][] } {
  const m = messages(lang);
  return {
    headers: [m.groups.field[rows[0]?.field ?? 'org'] ?? '', m.groups.total, ...STATUSES.map((s) => m.status[s]), m.groups.problemShare],
    cells: rows.map((row) => [
      groupValueLabel(row, lang),
      String(row.total),
      ...STATUSES.map((s) => (row.byStatus[s] ? `${row.byStatus[s]} (${percent(row.shares[s])})` : '0')),
      percent(row.problemShare),
    ]),
  };
}

/** Each notice as a sentence, with the accounts it concerns. */
export function noticeLines(report: AuditReport, lang: Lang): string[] {
  const m = messages(lang).notices;
  const byKey = new Map(report.accounts.map((f) => [f.account.key, f]));
  const nameOf = (key: string) => {
    const finding = byKey.get(key);
    return finding ? `${finding.account.name ?? finding.platformName ?? finding.account.id} (${finding.account.id})` : key;
  };
  return findNotices(report.accounts).map((notice: Notice) => {
    const sentence =
      notice.code === 'several-accounts'
        ? m['several-accounts'](notice.org, platformLabel(notice.platform, lang), notice.keys.length)
        : m['no-posts-no-followers'](notice.keys.length);
    return `${sentence}: ${notice.keys.map(nameOf).join(', ')}`;
  });
}

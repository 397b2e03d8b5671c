import type { ChangeKind } from '../audit/changes.js';
import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { toChinaIso, toChinaMinute } from '../audit/time.js';
import { rollup, type GroupRow } from '../audit/groups.js';
import { findNotices, type Notice } from '../audit/notices.js';
import { STATUSES } from '../audit/status.js';
import { messages, type Lang } from '../i18n/index.js';
import { displayName, platformLabel } from './fields.js';

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

/**
 * What the run says before any account: no platform reached, a platform's
 * not-founds held back (proof rules 5 and 8). Every human report opens with it.
 */
export function alertLines(report: AuditReport, lang: Lang): string[] {
  const m = messages(lang).alerts;
  return (report.alerts ?? []).map((alert) =>
    alert.code === 'nothing-reached' ? m['nothing-reached'](alert.accounts) : m[alert.code](platformLabel(alert.platform ?? '', lang), alert.accounts, alert.detail),
  );
}

/** Each notice as a sentence, with the accounts it concerns. */
export function noticeLines(report: AuditReport, lang: Lang): string[] {
  const m = messages(lang).notices;
  const notices = findNotices(report.accounts);
  // The names of the accounts the notices name, and only theirs.
  const named = new Set(notices.flatMap((notice) => notice.keys));
  const names = new Map<string, string>();
  for (const f of report.accounts) if (named.has(f.account.key)) names.set(f.account.key, `${f.account.name ?? f.platformName ?? f.account.id} (${f.account.id})`);
  const nameOf = (key: string) => names.get(key) ?? key;
  return notices.map((notice: Notice) => {
    const sentence =
      notice.code === 'several-accounts'
        ? m['several-accounts'](notice.org, platformLabel(notice.platform, lang), notice.keys.length)
        : m['no-posts-no-followers'](notice.keys.length);
    return `${sentence}: ${notice.keys.map(nameOf).join(', ')}`;
  });
}

/** The order in which changes are listed: what a supervisor must act on first. */
const CHANGE_ORDER: readonly ChangeKind[] = ['newly-zombie', 'newly-not-found', 'newly-inactive', 'revived', 'unverified', 'new'];

/**
 * The "changes since <date>" section: its title and one row per account that
 * changed, or a sentence when there is nothing to list. Undefined without history.
 */
export function changeSection(report: AuditReport, lang: Lang): { title: string; sentence?: string; headers: string[]; rows: string[][] } | undefined {
  if (!report.changes) return undefined;
  const m = messages(lang);
  const previousAt = report.changes.previousAt;
  const headers = [m.column.change, m.column.status, m.column.name, m.column.platform, m.column.org, m.column.detail];
  if (!previousAt) return { title: m.change.heading, sentence: m.change.firstRun, headers, rows: [] };
  const changed: RankedFinding[] = [];
  for (const f of report.accounts) if (f.change && f.change.kind !== 'unchanged') changed.push(f);
  changed.sort((a, b) => CHANGE_ORDER.indexOf(a.change!.kind) - CHANGE_ORDER.indexOf(b.change!.kind) || a.rank - b.rank);
  const rows = changed.map((f) => [
    m.change.kind[f.change!.kind],
    m.status[f.status],
    displayName(f) || f.account.id,
    platformLabel(f.account.platform, lang),
    f.account.org ?? '',
    changeNote(f, lang),
  ]);
  return { title: m.change.title(toChinaMinute(previousAt)), sentence: rows.length ? undefined : m.change.none, headers, rows };
}

/** "was active on 2026-10-20; zombie since 2026-11-02". */
function changeNote(finding: RankedFinding, lang: Lang): string {
  const m = messages(lang);
  const { change } = finding;
  if (!change) return '';
  const parts: string[] = [];
  if (change.previousStatus && change.previousAt) parts.push(m.change.was(m.status[change.previousStatus], toChinaIso(change.previousAt).slice(0, 10)));
  if (change.since) parts.push(m.change.since(m.status[finding.status], toChinaIso(change.since).slice(0, 10)));
  return parts.join(lang === 'en' ? '; ' : '；');
}

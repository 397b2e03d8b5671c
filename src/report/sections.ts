import type { ChangeKind } from '../audit/changes.js';
import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { toChinaMinute } from '../audit/time.js';
import { ratesOf, rollup, type GroupRow, type Rates } from '../audit/groups.js';
import { findNotices, type IdentityEvidence, type Notice } from '../audit/notices.js';
import type { RunAlert } from '../audit/not-found-guard.js';
import { STATUSES } from '../audit/status.js';
import { messages, type Lang } from '../i18n/index.js';
import { countByStatus } from './context.js';
import { displayName, identityChangeNotes, platformLabel, verificationLabel } from './fields.js';

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

/** The three ratios every report states, in this order, each over the accounts it names (`ratioNotes`). */
export const RATIOS = ['problemShare', 'passRate', 'checkedRate'] as const;
export type Ratio = (typeof RATIOS)[number];

/** A ratio with its numerator and denominator; `share` is null when the denominator is 0. */
export interface RatioValue {
  ratio: Ratio;
  share: number | null;
  numerator: number;
  denominator: number;
}

/**
 * The ratios of a set of accounts, each with what it counts: the zombie +
 * inactive share over the accounts with a verdict (not-found in, unverified
 * out), the pass rate over active + inactive + zombie, the checked rate over
 * every account listed.
 */
export function ratioValues(rates: Rates): RatioValue[] {
  const of = (ratio: Ratio, numerator: number, denominator: number): RatioValue => ({
    ratio,
    share: denominator ? numerator / denominator : null,
    numerator,
    denominator,
  });
  return [of('problemShare', rates.failed, rates.judged), of('passRate', rates.passed, rates.passed + rates.failed), of('checkedRate', rates.judged, rates.listed)];
}

/** "50% (2/4)": the share and what it is taken over; "—" when there is nothing to take it over. */
export function ratioText(value: RatioValue): string {
  return value.share === null ? '—' : `${percent(value.share)} (${value.numerator}/${value.denominator})`;
}

/** A ratio's name in the report's language. */
export function ratioTitle(ratio: Ratio, lang: Lang): string {
  const m = messages(lang);
  return ratio === 'problemShare' ? m.groups.problemShare : m.rates[ratio];
}

/** What each ratio counts, one sentence each: said under every table of ratios. */
export function ratioNotes(lang: Lang): string[] {
  const notes = messages(lang).rates.notes;
  return RATIOS.map((ratio) => notes[ratio]);
}

/** The whole list's ratios, as the summary of every report states them. */
export function summaryRatios(report: AuditReport): RatioValue[] {
  return ratioValues(ratesOf(countByStatus(report.accounts)));
}

/** A rollup as rows of text: group, total, each status as "count (share)", then each ratio with its denominator. */
export function groupTable(rows: readonly GroupRow[], lang: Lang): { headers: string[]; cells: string[][] } {
  const m = messages(lang);
  return {
    headers: [m.groups.field[rows[0]?.field ?? 'org'] ?? '', m.groups.total, ...STATUSES.map((s) => m.status[s]), ...RATIOS.map((r) => ratioTitle(r, lang))],
    cells: rows.map((row) => [
      groupValueLabel(row, lang),
      String(row.total),
      ...STATUSES.map((s) => (row.byStatus[s] ? `${row.byStatus[s]} (${percent(row.shares[s])})` : '0')),
      ...ratioValues(row.rates).map(ratioText),
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
    alert.code === 'nothing-reached' ? m['nothing-reached'](alert.accounts) : m[alert.code](platformLabel(alert.platform ?? '', lang), alert.accounts, alertWhy(alert, lang)),
  );
}

/** Why not-founds were held, in the report's language; an alert from an older report has only its English detail. */
function alertWhy(alert: RunAlert, lang: Lang): string {
  const m = messages(lang);
  if (alert.code === 'mass-not-found' && alert.total !== undefined) return m.alerts.massShare(alert.accounts, alert.total);
  const canary = alert.code === 'platform-suspect' ? alert.canary : undefined;
  if (!canary) return alert.detail;
  const reason = canary.reason ? (m.reason[canary.reason as keyof typeof m.reason] ?? canary.reason) : '';
  return m.alerts.canary[canary.kind](canary.account ?? '', reason);
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
    if ('evidence' in notice) return identityNoticeLine(notice, nameOf, lang);
    const sentence =
      notice.code === 'several-accounts'
        ? m['several-accounts'](notice.org, platformLabel(notice.platform, lang), notice.keys.length)
        : m['no-posts-no-followers'](notice.keys.length);
    return `${sentence}: ${notice.keys.map(nameOf).join(', ')}`;
  });
}

/** An identity finding: its sentence, then each account with the field read, its words and what the list gives. */
function identityNoticeLine(notice: Extract<Notice, { evidence: unknown }>, nameOf: (key: string) => string, lang: Lang): string {
  const m = messages(lang).notices;
  const sentence = notice.code === 'names-differ-across-platforms' ? m[notice.code](notice.org) : m[notice.code](notice.keys.length);
  // In words: the field paths stay in the JSON's evidence.
  const said = (e: IdentityEvidence) => (e.verification ? verificationLabel(e.verification, lang) : m.nameIs(e.text ?? ''));
  const items = notice.evidence.map((e) => `${nameOf(e.key)} [${m.evidence(platformLabel(e.platform, lang), said(e), e.listed)}]`);
  return `${sentence}: ${items.join(', ')}`;
}

/** The order in which changes are listed: what a supervisor must act on first. */
const CHANGE_ORDER: readonly ChangeKind[] = ['newly-zombie', 'newly-not-found', 'newly-inactive', 'revived', 'renamed', 'verification-changed', 'unverified', 'new'];

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
    changeNote(f, report, lang),
  ]);
  return { title: m.change.title(toChinaMinute(previousAt)), sentence: rows.length ? undefined : m.change.none, headers, rows };
}

/**
 * Between which two audits the account moved, then since when it has been so:
 * "last audit (2026-11-20 10:00): active → this audit: inactive; more than 14
 * days without a post since 2026-11-20 12:00". Both to the minute, each said
 * as what it is, so that two dates on one day never read as one claim against
 * the other.
 */
function changeNote(finding: RankedFinding, report: AuditReport, lang: Lang): string {
  const m = messages(lang);
  const { change } = finding;
  if (!change) return '';
  const parts: string[] = [];
  if (change.previousStatus && change.previousAt) parts.push(m.change.moved(m.status[change.previousStatus], toChinaMinute(change.previousAt), m.status[finding.status]));
  // Found so first by this very audit: "this audit" above says it already.
  if (change.since && change.since.getTime() !== report.now.getTime()) parts.push(sinceNote(finding, change.since, report, lang));
  parts.push(...identityChangeNotes(change, lang));
  return parts.join(lang === 'en' ? '; ' : '；');
}

/**
 * What `since` is (src/audit/changes.ts): the moment the silence crossed the
 * line, when the last post's date (or the audit since which the count stood
 * still) is known; else the first of the unbroken run of audits that found it so.
 */
function sinceNote(finding: RankedFinding, since: Date, report: AuditReport, lang: Lang): string {
  const m = messages(lang);
  const silentFrom = finding.lastPostAt ?? (finding.reason === 'silent-inferred' ? finding.silentSince : undefined);
  if (!silentFrom) return m.change.foundSince(m.status[finding.status], toChinaMinute(since));
  const days = finding.status === 'zombie' ? report.thresholds.zombieDays : report.thresholds.inactiveDays;
  return m.change.silentSince(days, toChinaMinute(since));
}

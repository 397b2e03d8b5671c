import type { SourceRef } from '../accounts/account.js';
import type { Change } from '../audit/changes.js';
import type { AuditReport, RankedFinding, Thresholds } from '../audit/finding.js';
import { toChinaIso } from '../audit/time.js';
import type { Lang } from '../i18n/index.js';
import { countByStatus, describeNote, describeProblem, duplicatesByKey, type Reporter, type ReportContext } from './context.js';
import { adviceText, remedyText } from './fields.js';
import { rollup } from '../audit/groups.js';
import { findNotices, noticesByKey } from '../audit/notices.js';

/** The JSON report format version; docs/report-format.md describes it. Fields are only ever added. */
export const JSON_FORMAT_VERSION = 1;

/** One account as the JSON and NDJSON reports give it. */
export function accountJson(finding: RankedFinding, lang: Lang, thresholds: Thresholds, duplicates: readonly string[] = [], notices: readonly string[] = []) {
  const { account } = finding;
  return {
    rank: finding.rank,
    score: finding.score,
    platform: account.platform,
    id: account.id,
    listedAs: account.listedAs ?? null,
    url: account.url || null,
    name: account.name ?? finding.platformName ?? null,
    platformName: finding.platformName,
    org: account.org ?? null,
    region: account.region ?? null,
    level: account.level ?? null,
    file: account.source.file,
    sheet: account.source.sheet ?? null,
    row: account.source.row,
    status: finding.status,
    reason: finding.reason,
    detail: finding.detail,
    postCount: finding.postCount,
    followers: finding.followers,
    lastPostAt: finding.lastPostAt ? toChinaIso(finding.lastPostAt) : null,
    daysSinceLastPost: finding.daysSinceLastPost,
    postsInLast30Days: finding.postsInLast30Days,
    longestGapDays: finding.longestGapDays,
    checkedAt: toChinaIso(finding.checkedAt),
    duplicateRows: duplicates,
    remedy: remedyText(finding, lang),
    advice: adviceText(finding, lang, thresholds),
    notices,
    extra: account.extra,
    silentSince: finding.silentSince ? toChinaIso(finding.silentSince) : null,
    change: finding.change ? changeJson(finding.change) : null,
    evidence: finding.evidence ?? null,
  };
}

function changeJson(change: Change) {
  return {
    kind: change.kind,
    previousStatus: change.previousStatus,
    previousAt: change.previousAt ? toChinaIso(change.previousAt) : null,
    since: change.since ? toChinaIso(change.since) : null,
  };
}

export function reportJson(report: AuditReport, lang: Lang) {
  const duplicates = duplicatesByKey(report);
  const notices = findNotices(report.accounts);
  const noticeIndex = noticesByKey(notices);
  return {
    tool: report.tool,
    formatVersion: JSON_FORMAT_VERSION,
    title: report.title ?? null,
    lang,
    version: report.version,
    scannedAt: toChinaIso(report.scannedAt),
    now: toChinaIso(report.now),
    thresholds: report.thresholds,
    files: report.files,
    interrupted: report.interrupted,
    shard: report.shard ?? null,
    summary: {
      total: report.accounts.length,
      byStatus: countByStatus(report.accounts),
      duplicateRows: report.duplicates.length,
      invalidRows: report.problems.length,
    },
    accounts: report.accounts.map((f) => accountJson(f, lang, report.thresholds, duplicates.get(f.account.key), noticeIndex.get(f.account.key))),
    groups: report.groupBy.flatMap((field) =>
      rollup(report.accounts, field).map(({ field: by, value, total, byStatus, problemShare }) => ({ by, value, total, byStatus, problemShare })),
    ),
    findings: notices.map(({ keys, ...notice }) => ({ ...notice, accounts: keys.map((key) => key.slice(key.indexOf(':') + 1)) })),
    duplicates: report.duplicates.map((d) => ({
      file: d.source.file,
      sheet: d.source.sheet ?? null,
      row: d.source.row,
      platform: d.key.slice(0, d.key.indexOf(':')),
      id: d.key.slice(d.key.indexOf(':') + 1),
      firstFile: d.first.file,
      firstRow: d.first.row,
    })),
    problems: report.problems.map((p) => rowEntry(p, describeProblem(p, lang))),
    notes: report.notes.map((n) => rowEntry(n, describeNote(n, lang))),
    changes: report.changes ? { previousAt: report.changes.previousAt ? toChinaIso(report.changes.previousAt) : null, byKind: report.changes.counts } : null,
    archive: report.archive ?? null,
  };
}

/** A problem or a note about a row of the list, where it is and what it says. */
function rowEntry<Code extends string>(entry: { source: SourceRef; column: string; code: Code }, message: string) {
  return { file: entry.source.file, sheet: entry.source.sheet ?? null, row: entry.source.row, column: entry.column, code: entry.code, message };
}

export const json: Reporter = (report, ctx) => `${JSON.stringify(reportJson(report, ctx.lang), null, 2)}\n`;

/** One account per line, in rank order, for streaming consumers (jq, log shippers). */
export function* ndjsonChunks(report: AuditReport, ctx: ReportContext): Generator<string> {
  const duplicates = duplicatesByKey(report);
  const notices = noticesByKey(findNotices(report.accounts));
  for (const f of report.accounts) yield `${JSON.stringify(accountJson(f, ctx.lang, report.thresholds, duplicates.get(f.account.key), notices.get(f.account.key)))}\n`;
}

export const ndjson: Reporter = (report, ctx) => [...ndjsonChunks(report, ctx)].join('');

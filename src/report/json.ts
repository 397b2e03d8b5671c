import type { SourceRef } from '../accounts/account.js';
import type { Change } from '../audit/changes.js';
import type { AuditReport, RankedFinding, Thresholds } from '../audit/finding.js';
import { toChinaIso } from '../audit/time.js';
import type { Lang } from '../i18n/index.js';
import { countByStatus, describeNote, describeProblem, duplicatesByKey, type Reporter, type ReportContext } from './context.js';
import { jsonSafe } from './control.js';
import { adviceText, remedyText } from './fields.js';
import { ratesOf, rollup } from '../audit/groups.js';
import { findNotices, noticesByKey, type Notice } from '../audit/notices.js';
import type { Verification } from '../platforms/observation.js';

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
    source: finding.source ?? null,
    postCount: finding.postCount,
    countClean: finding.countClean ?? false,
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
    verification: finding.identity?.verification ? verificationJson(finding.identity.verification) : null,
    identity: finding.identity ? { name: finding.identity.name, verification: finding.identity.verification && verificationJson(finding.identity.verification) } : null,
  };
}

function verificationJson({ verified, kind, text, field }: Verification) {
  return { verified, kind, text, field };
}

/** A finding beyond status as the JSON report gives it: the accounts by id, each identity finding with its evidence. */
function noticeJson({ keys, ...notice }: Notice) {
  const idOf = (key: string) => key.slice(key.indexOf(':') + 1);
  if (!('evidence' in notice)) return { ...notice, accounts: keys.map(idOf) };
  const evidence = notice.evidence.map(({ key, platform, field, text, listed, archived }) => ({ platform, id: idOf(key), field, text, listed: listed ?? null, archive: archived ?? null }));
  return { ...notice, accounts: keys.map(idOf), evidence };
}

function changeJson(change: Change) {
  return {
    kind: change.kind,
    previousStatus: change.previousStatus,
    previousAt: change.previousAt ? toChinaIso(change.previousAt) : null,
    since: change.since ? toChinaIso(change.since) : null,
    renamed: change.renamed ?? null,
    verificationChanged: change.verificationChanged
      ? { from: verificationJson(change.verificationChanged.from), to: verificationJson(change.verificationChanged.to) }
      : null,
  };
}

/** Stands for the accounts in the report's JSON while the rest is laid out: the accounts are written one at a time. */
const ACCOUNTS_PLACE = '\u0000accounts';

/** The report's JSON shape (docs/report-format.md), the accounts aside. */
function reportShape(report: AuditReport, lang: Lang, notices: readonly Notice[]) {
  const byStatus = countByStatus(report.accounts);
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
    alerts: report.alerts ?? [],
    summary: {
      total: report.accounts.length,
      byStatus,
      duplicateRows: report.duplicates.length,
      invalidRows: report.problems.length,
      rates: ratesOf(byStatus),
    },
    accounts: ACCOUNTS_PLACE,
    groups: report.groupBy.flatMap((field) =>
      rollup(report.accounts, field).map(({ field: by, value, total, byStatus, problemShare, rates }) => ({
        by,
        value,
        total,
        byStatus,
        problemShare,
        passRate: rates.passRate,
        checkedRate: rates.checkedRate,
        rates,
      })),
    ),
    findings: notices.map(noticeJson),
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

/**
 * The JSON report, a few hundred accounts at a time: the same text as
 * `JSON.stringify(whole, null, 2)` (C1 controls and bidi marks written as
 * `\u` escapes, `jsonSafe`: the same value read back), without ever holding a national list's
 * accounts, or its text, at once.
 */
export function* jsonChunks(report: AuditReport, ctx: ReportContext): Generator<string> {
  const duplicates = duplicatesByKey(report);
  const notices = findNotices(report.accounts);
  const noticeIndex = noticesByKey(notices);
  const [before, after] = jsonSafe(JSON.stringify(reportShape(report, ctx.lang, notices), null, 2)).split(JSON.stringify(ACCOUNTS_PLACE));
  let chunk = `${before}[`;
  let first = true;
  for (const f of report.accounts) {
    const account = jsonSafe(JSON.stringify(accountJson(f, ctx.lang, report.thresholds, duplicates.get(f.account.key), noticeIndex.get(f.account.key)), null, 2));
    // Two levels in: the report's object, then the accounts' array.
    chunk += `${first ? '' : ','}\n    ${account.replaceAll('\n', '\n    ')}`;
    first = false;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${first ? ']' : '\n  ]'}${after}\n`;
}

export const json: Reporter = (report, ctx) => [...jsonChunks(report, ctx)].join('');

/** One account per line, in rank order, for streaming consumers (jq, log shippers). */
export function* ndjsonChunks(report: AuditReport, ctx: ReportContext): Generator<string> {
  const duplicates = duplicatesByKey(report);
  const notices = noticesByKey(findNotices(report.accounts));
  for (const f of report.accounts) yield `${jsonSafe(JSON.stringify(accountJson(f, ctx.lang, report.thresholds, duplicates.get(f.account.key), notices.get(f.account.key))))}\n`;
}

export const ndjson: Reporter = (report, ctx) => [...ndjsonChunks(report, ctx)].join('');

import { readFile } from 'node:fs/promises';
import type { Account, DuplicateRow, ListNote, ListNoteCode, RowProblem, RowProblemCode, SourceRef } from '../accounts/account.js';
import { countChanges, type ChangeKind } from '../audit/changes.js';
import type { AuditReport, Evidence, Finding, RankedFinding } from '../audit/finding.js';
import { rank } from '../audit/rank.js';
import type { Reason, Status } from '../audit/status.js';
import { UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { packageVersion } from '../paths.js';
import type { CommandIO } from './io.js';
import { deliver, recordHistory, scanSettings, type ScanFlags } from './scan.js';
import { usingHistory, withHistoryErrors } from './history-db.js';

/** An account as the JSON report holds it (docs/report-format.md). */
interface JsonAccount {
  platform: string;
  id: string;
  /** Absent in reports written before it existed. */
  listedAs?: string | null;
  sheet?: string | null;
  url: string | null;
  name: string | null;
  platformName: string | null;
  org: string | null;
  region: string | null;
  level: string | null;
  file: string;
  row: number;
  status: Status;
  reason: Reason | null;
  detail: string | null;
  postCount: number | null;
  followers: number | null;
  lastPostAt: string | null;
  daysSinceLastPost: number | null;
  postsInLast30Days: number | null;
  longestGapDays: number | null;
  checkedAt: string;
  extra: Record<string, string>;
  silentSince?: string | null;
  change?: { kind: ChangeKind; previousStatus: Status | null; previousAt: string | null; since: string | null } | null;
  evidence?: Evidence | null;
}

interface JsonReport {
  tool: string;
  title?: string | null;
  formatVersion: number;
  scannedAt: string;
  now: string;
  thresholds: { inactiveDays: number; zombieDays: number };
  files: string[];
  interrupted: boolean;
  accounts: JsonAccount[];
  duplicates: { file: string; row: number; platform: string; id: string; firstFile: string; firstRow: number }[];
  problems: { file: string; sheet?: string | null; row: number; column: string; code: RowProblemCode; message: string }[];
  /** Absent in reports written before notes existed. */
  notes?: { file: string; sheet?: string | null; row: number; column: string; code: ListNoteCode; message: string }[];
  changes?: { previousAt: string | null } | null;
  archive?: { file: string; replayed: boolean } | null;
}

/** Where a problem or note of a shard's report was. */
function sourceOf(entry: { file: string; sheet?: string | null; row: number }): SourceRef {
  return { file: entry.file, ...(entry.sheet ? { sheet: entry.sheet } : {}), row: entry.row };
}

async function readReport(path: string, lang: Lang): Promise<JsonReport> {
  const fail = (why: string): never => {
    throw new UsageError(messages(lang).error.badReport(path, why));
  };
  let report: JsonReport;
  try {
    report = JSON.parse(await readFile(path, 'utf8')) as JsonReport;
  } catch (error) {
    return fail((error as Error).message);
  }
  if (report.tool !== 'gov-audit' || report.formatVersion !== 1 || !Array.isArray(report.accounts)) fail('not a gov-audit JSON report');
  return report;
}

function toFinding(a: JsonAccount, order: number): Finding {
  const account: Account = {
    key: `${a.platform}:${a.id}`,
    platform: a.platform,
    id: a.id,
    url: a.url ?? '',
    ...(a.listedAs ? { listedAs: a.listedAs } : {}),
    name: a.name ?? undefined,
    org: a.org ?? undefined,
    region: a.region ?? undefined,
    level: a.level ?? undefined,
    extra: a.extra ?? {},
    source: sourceOf(a),
    order,
  };
  return {
    account,
    status: a.status,
    reason: a.reason,
    detail: a.detail,
    platformName: a.platformName,
    postCount: a.postCount,
    followers: a.followers,
    lastPostAt: a.lastPostAt ? new Date(a.lastPostAt) : null,
    daysSinceLastPost: a.daysSinceLastPost,
    postsInLast30Days: a.postsInLast30Days,
    longestGapDays: a.longestGapDays,
    checkedAt: new Date(a.checkedAt),
    silentSince: dateOrUndefined(a.silentSince),
    change: a.change
      ? { kind: a.change.kind, previousStatus: a.change.previousStatus, previousAt: dateOrNull(a.change.previousAt), since: dateOrNull(a.change.since) }
      : undefined,
    evidence: a.evidence ?? undefined,
  };
}

const dateOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
const dateOrUndefined = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);

/** The shards' own comparison with the history, when they made one and the merge is given no --db. */
function carriedChanges(reports: JsonReport[], findings: Finding[]): AuditReport['changes'] {
  const compared = reports.find((r) => r.changes);
  if (!compared) return undefined;
  return { previousAt: dateOrNull(compared.changes!.previousAt), counts: countChanges(findings) };
}

/**
 * Joins the JSON reports of shards (gov-audit scan --shard i/n) into one
 * audit: accounts back in list order, an account named by two shards kept
 * once and reported as a duplicate, then ranked and written in any format.
 */
export async function mergeReports(paths: string[], lang: Lang): Promise<Omit<AuditReport, 'groupBy' | 'accounts'> & { accounts: RankedFinding[] }> {
  const reports = await Promise.all(paths.map((path) => readReport(path, lang)));
  const first = reports[0]!;
  for (const [index, report] of reports.entries()) {
    const same = report.now === first.now && report.thresholds.inactiveDays === first.thresholds.inactiveDays && report.thresholds.zombieDays === first.thresholds.zombieDays;
    if (!same) throw new UsageError(messages(lang).error.badReport(paths[index]!, messages(lang).error.mergeMismatch));
  }
  const files = [...new Set(reports.flatMap((r) => r.files))];
  // List order: the files in the order the shards name them, then the row.
  const inListOrder = reports
    .flatMap((r) => r.accounts)
    .sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.row - b.row);
  const seen = new Map<string, { file: string; row: number }>();
  const findings: Finding[] = [];
  const duplicates: DuplicateRow[] = reports.flatMap((r) =>
    r.duplicates.map((d) => ({ source: { file: d.file, row: d.row }, key: `${d.platform}:${d.id}`, first: { file: d.firstFile, row: d.firstRow } })),
  );
  for (const account of inListOrder) {
    const key = `${account.platform}:${account.id}`;
    const earlier = seen.get(key);
    if (earlier) {
      duplicates.push({ source: { file: account.file, row: account.row }, key, first: earlier });
      continue;
    }
    seen.set(key, { file: account.file, row: account.row });
    findings.push(toFinding(account, findings.length));
  }
  const problems: RowProblem[] = reports.flatMap((r) =>
    r.problems.map((p) => ({ source: sourceOf(p), column: p.column, code: p.code, params: {}, rendered: p.message })),
  );
  const notes: ListNote[] = reports.flatMap((r) => (r.notes ?? []).map((n) => ({ source: sourceOf(n), column: n.column, code: n.code, params: {}, rendered: n.message })));
  const now = new Date(first.now);
  return {
    tool: 'gov-audit',
    ...(first.title ? { title: first.title } : {}),
    version: packageVersion(),
    scannedAt: new Date(Math.min(...reports.map((r) => Date.parse(r.scannedAt)))),
    now,
    thresholds: first.thresholds,
    files,
    interrupted: reports.some((r) => r.interrupted),
    accounts: rank(findings, now, first.thresholds),
    duplicates,
    problems,
    notes,
    changes: carriedChanges(reports, findings),
  };
}

export async function mergeCommand(paths: string[], flags: ScanFlags, lang: Lang, io: CommandIO): Promise<number> {
  const settings = scanSettings(flags, lang, io);
  const report = { ...(await mergeReports(paths, lang)), groupBy: settings.groupBy };
  return usingHistory(settings.db, lang, async (history) => {
    // The whole audit is compared with the history and kept as one run, as an unsharded scan would be.
    if (history) withHistoryErrors(lang, () => history.annotate(report));
    const code = await deliver(report, settings, io);
    recordHistory(report, history, settings, io);
    return code;
  });
}

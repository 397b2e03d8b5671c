import { readFile } from 'node:fs/promises';
import type { Account, DuplicateRow, ListNote, ListNoteCode, RowProblem, RowProblemCode, SourceRef } from '../accounts/account.js';
import { changeOf, countChanges, type Change, type ChangeKind, type EarlierObservation } from '../audit/changes.js';
import type { AuditReport, Evidence, Finding, Identity } from '../audit/finding.js';
import { FindingStore } from '../audit/finding-store.js';
import type { Reason, Source, Status } from '../audit/status.js';
import type { RunAlert } from '../audit/not-found-guard.js';
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
  /** Absent in reports written before proof rules (version 0.1). */
  source?: Source | null;
  postCount: number | null;
  countClean?: boolean;
  followers: number | null;
  lastPostAt: string | null;
  daysSinceLastPost: number | null;
  postsInLast30Days: number | null;
  longestGapDays: number | null;
  checkedAt: string;
  extra: Record<string, string>;
  silentSince?: string | null;
  change?: { kind: ChangeKind; previousStatus: Status | null; previousAt: string | null; since: string | null; renamed?: Change['renamed'] | null; verificationChanged?: Change['verificationChanged'] | null } | null;
  evidence?: Evidence | null;
  /** Absent in reports written before identity findings (issue 29). */
  identity?: Identity | null;
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
  /** Absent in reports written before the proof rules. */
  alerts?: RunAlert[];
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
    ...(a.source ? { source: a.source } : {}),
    ...(a.countClean ? { countClean: true } : {}),
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
      ? {
          kind: a.change.kind,
          previousStatus: a.change.previousStatus,
          previousAt: dateOrNull(a.change.previousAt),
          since: dateOrNull(a.change.since),
          ...(a.change.renamed ? { renamed: a.change.renamed } : {}),
          ...(a.change.verificationChanged ? { verificationChanged: a.change.verificationChanged } : {}),
        }
      : undefined,
    evidence: a.evidence ?? undefined,
    // What the platform said the account is: the shards' identity findings and renames, merged.
    ...(a.identity ? { identity: a.identity } : {}),
  };
}

const dateOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
const dateOrUndefined = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);

/** What a merge gathers from the shards' reports besides their accounts. */
interface Gathered {
  first: JsonReport;
  files: Map<string, number>;
  scannedAt: number;
  interrupted: boolean;
  duplicates: DuplicateRow[];
  problems: RowProblem[];
  notes: ListNote[];
  comparedAt: { previousAt: string | null } | undefined;
  alerts: RunAlert[];
}

/** What a merge may be given beside the reports. */
export interface MergeOptions {
  /** An account's observations in earlier audits (--db): each account gets its change as it is read. */
  earlier?: (key: string, now: Date) => readonly EarlierObservation[];
  /** Findings kept in memory before they go to a temporary file (src/audit/finding-store.ts). */
  spillAfter?: number;
}

// List order: the files in the order the shards name them, then the row. Exact in a double up to 2^21 files.
const ROWS_PER_FILE = 2 ** 32;

/**
 * Joins the JSON reports of shards (gov-audit scan --shard i/n) into one
 * audit: accounts back in list order, an account named by two shards kept
 * once and reported as a duplicate, then ranked and written in any format.
 * The shards are read one at a time and their findings go to the same store
 * a scan uses, so that a hundred shards merge in a scan's memory, not in the
 * sum of their reports'.
 */
export async function mergeReports(paths: string[], lang: Lang, options: MergeOptions = {}): Promise<Omit<AuditReport, 'groupBy'>> {
  let gathered: Gathered | undefined;
  let store: FindingStore | undefined;
  for (const path of paths) {
    const report = await readReport(path, lang);
    if (!gathered) gathered = startGathering({ ...report, accounts: [] });
    else if (!sameAudit(report, gathered.first)) throw new UsageError(messages(lang).error.badReport(path, messages(lang).error.mergeMismatch));
    store ??= new FindingStore(new Date(report.now), report.thresholds, options.spillAfter);
    gatherShard(report, gathered, store, options);
  }
  const { first, files, duplicates } = gathered!;
  duplicates.push(...store!.dropLaterDuplicates(true));
  const accounts = store!.ranked();
  return {
    tool: 'gov-audit',
    ...(first.title ? { title: first.title } : {}),
    version: packageVersion(),
    scannedAt: new Date(gathered!.scannedAt),
    now: new Date(first.now),
    thresholds: first.thresholds,
    files: [...files.keys()],
    interrupted: gathered!.interrupted,
    alerts: mergedAlerts(gathered!.alerts, paths.length),
    accounts,
    duplicates,
    problems: gathered!.problems,
    notes: gathered!.notes,
    // The shards' own comparison with the history, when they made one and the merge is given no --db.
    changes: gathered!.comparedAt && !options.earlier ? { previousAt: dateOrNull(gathered!.comparedAt.previousAt), counts: countChanges(accounts) } : undefined,
  };
}

/** A merged audit reached no platform only when no shard did; the shards' held not-founds all stand. */
function mergedAlerts(alerts: readonly RunAlert[], shards: number): RunAlert[] {
  const unreached = alerts.filter((a) => a.code === 'nothing-reached');
  const held = alerts.filter((a) => a.code !== 'nothing-reached');
  if (unreached.length < shards || shards === 0) return held;
  return [{ code: 'nothing-reached', accounts: unreached.reduce((n, a) => n + a.accounts, 0), detail: unreached[0]!.detail }, ...held];
}

/** `first`: the first shard's report without its accounts, which the store holds. */
function startGathering(first: JsonReport): Gathered {
  return { first, files: new Map(), scannedAt: Infinity, interrupted: false, duplicates: [], problems: [], notes: [], comparedAt: undefined, alerts: [] };
}

const sameAudit = (report: JsonReport, first: JsonReport) =>
  report.now === first.now && report.thresholds.inactiveDays === first.thresholds.inactiveDays && report.thresholds.zombieDays === first.thresholds.zombieDays;

/** One shard's report into the merge: its accounts into the store, the rest into what is gathered. */
function gatherShard(report: JsonReport, gathered: Gathered, store: FindingStore, options: MergeOptions): void {
  const fileNumber = (file: string) => {
    if (!gathered.files.has(file)) gathered.files.set(file, gathered.files.size);
    return gathered.files.get(file)!;
  };
  report.files.forEach(fileNumber);
  gathered.scannedAt = Math.min(gathered.scannedAt, Date.parse(report.scannedAt));
  gathered.interrupted ||= report.interrupted;
  gathered.comparedAt ??= report.changes ?? undefined;
  // Each shard judged its own slice: what held its verdicts back holds in the merged report too.
  gathered.alerts.push(...(report.alerts ?? []));
  for (const d of report.duplicates) {
    gathered.duplicates.push({ source: { file: d.file, row: d.row }, key: `${d.platform}:${d.id}`, first: { file: d.firstFile, row: d.firstRow } });
  }
  for (const p of report.problems) gathered.problems.push({ source: sourceOf(p), column: p.column, code: p.code, params: {}, rendered: p.message });
  for (const n of report.notes ?? []) gathered.notes.push({ source: sourceOf(n), column: n.column, code: n.code, params: {}, rendered: n.message });
  const now = new Date(report.now);
  for (const account of report.accounts) {
    const finding = toFinding(account, fileNumber(account.file) * ROWS_PER_FILE + account.row);
    if (options.earlier) finding.change = changeOf(finding, options.earlier(finding.account.key, now), now, report.thresholds);
    store.add(finding);
  }
}

export async function mergeCommand(paths: string[], flags: ScanFlags, lang: Lang, io: CommandIO): Promise<number> {
  const settings = scanSettings(flags, lang, io);
  return usingHistory(settings.db, lang, async (history) => {
    // The whole audit is compared with the history and kept as one run, as an unsharded scan would be.
    const earlier = history && ((key: string, now: Date) => withHistoryErrors(lang, () => history.earlier(key, now)));
    const report = { ...(await mergeReports(paths, lang, { earlier })), groupBy: settings.groupBy };
    if (history) withHistoryErrors(lang, () => history.summarise(report));
    const code = await deliver(report, settings, io);
    recordHistory(report, history, settings, io);
    return code;
  });
}

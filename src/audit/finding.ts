import type { Account } from '../accounts/account.js';
import type { DuplicateRow, ListNote, RowProblem } from '../accounts/account.js';
import type { GroupField } from './groups.js';
import type { Change, ChangeKind } from './changes.js';
import type { Reason, Source, Status } from './status.js';
import type { RunAlert } from './not-found-guard.js';
import type { Verification } from '../platforms/observation.js';

export interface Thresholds {
  /** Latest post more than this many days before the audit instant: inactive. */
  inactiveDays: number;
  /** More than this many days, or never posted: zombie. */
  zombieDays: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { inactiveDays: 14, zombieDays: 90 };

/** The verdict on one account, with the figures behind it. */
export interface Finding {
  account: Account;
  status: Status;
  /** Null for active and inactive accounts, whose figures speak for themselves. */
  reason: Reason | null;
  /** What exactly the platform answered, for the person who checks by hand. */
  detail: string | null;
  platformName: string | null;
  postCount: number | null;
  followers: number | null;
  lastPostAt: Date | null;
  daysSinceLastPost: number | null;
  postsInLast30Days: number | null;
  longestGapDays: number | null;
  checkedAt: Date;
  /** Where the verdict's facts came from (the platform, the browser, RSSHub, a bridge…): absent when nothing was read. */
  source?: Source;
  /**
   * The post count came from an answer bound to the account, exact, with its
   * post list unblocked: only such counts feed the history's inference
   * (`silent-inferred`, rule 7).
   */
  countClean?: boolean;
  /** With reason `silent-inferred`: the audit since which the post count has not moved. */
  silentSince?: Date;
  /** Since the previous audit in the history (--db); absent without history. */
  change?: Change;
  /** The archived requests and responses behind this verdict (--archive). */
  evidence?: Evidence;
  /**
   * What the platform says the account is, read from answers bound to it
   * (proof rule 1): absent when no such answer was read (a block, another
   * account's answer, a not-found). The identity findings rest on it
   * (src/audit/identity.ts); it never changes the status.
   */
  identity?: Identity;
}

/** The account's name and verification as the platform gave them. */
export interface Identity {
  /** Null when the answer gave no name. */
  name: string | null;
  /** Null when the answer carried no verification field: not read, which is not "not verified". */
  verification: Verification | null;
}

/** Where a verdict's raw answers are kept: a WARC file and the ids of its records. */
export interface Evidence {
  warc: string;
  records: string[];
}

export interface RankedFinding extends Finding {
  rank: number;
  /** 0 to 100, higher is worse; null for unverified accounts (docs/ranking.md). */
  score: number | null;
}

/**
 * The ranked accounts of a report, read in rank order: an array, or for a
 * large list a view of them kept in a temporary file (src/audit/finding-store.ts).
 * Reporters go through it once per pass; none keeps it whole unless its
 * format must (a workbook, a web page).
 */
export interface FindingList extends Iterable<RankedFinding> {
  readonly length: number;
}

export interface AuditReport {
  tool: 'gov-audit';
  /** The report's heading, when the user gave one (--title): the city's or office's name. */
  title?: string;
  version: string;
  scannedAt: Date;
  now: Date;
  thresholds: Thresholds;
  files: string[];
  /** The scan was stopped before every account was checked; those are `not-scanned`. */
  interrupted: boolean;
  accounts: FindingList;
  duplicates: DuplicateRow[];
  problems: RowProblem[];
  /** What a person should know about the list that stopped nothing: totals rows left out, platforms read from links. */
  notes: ListNote[];
  /** Rollups asked for with --group-by, in that order. */
  groupBy: GroupField[];
  /** Set when the report covers one slice of the list (--shard). */
  shard?: { index: number; count: number };
  /** With history (--db): the previous audit compared with, and how many accounts changed in each way. */
  changes?: { previousAt: Date | null; counts: Record<ChangeKind, number> };
  /** With --archive: the WARC file of this scan; with --replay: the one it was replayed from. */
  archive?: { file: string; replayed: boolean };
  /** What every report says at its top: no platform reached, a platform's not-founds held back (proof rules 5 and 8). */
  alerts?: RunAlert[];
}

import type { Finding, Thresholds } from './finding.js';
import type { Status } from './status.js';
import { DAY_MS, toChinaIso } from './time.js';
import { normaliseName } from './identity.js';
import type { Verification } from '../platforms/observation.js';

/**
 * How an account moved since the previous audit that reached a verdict on it.
 * Part of the JSON report contract (docs/report-format.md): add, never rename.
 */
export const CHANGE_KINDS = ['new', 'newly-zombie', 'newly-inactive', 'newly-not-found', 'revived', 'unverified', 'unchanged', 'renamed', 'verification-changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  kind: ChangeKind;
  /** The verdict compared with, and the audit instant of the run that gave it. */
  previousStatus: Status | null;
  previousAt: Date | null;
  /** For zombie and inactive accounts: since when they have been so (docs/history.md). */
  since: Date | null;
  /**
   * The platform's name changed since the latest audit that read it. Set
   * whatever the kind: a renamed account that also fell silent is
   * `newly-zombie`, and renamed too.
   */
  renamed?: { from: string; to: string };
  /** The platform's verification changed since the latest audit that read it. */
  verificationChanged?: { from: Verification; to: Verification };
}

/** What the history says about one account before this audit. */
export interface EarlierObservation {
  runNow: Date;
  status: Status;
  postCount: number | null;
  /** The count came from a clean answer: bound, exact, its post list unblocked (proof rule 7). */
  countClean: boolean;
  /** The name the platform gave in an answer bound to the account; null when none was read, or the audit's gov-audit did not keep it. */
  platformName?: string | null;
  /** The verification read then; null when none was read, or not kept. */
  verification?: Verification | null;
}

/**
 * The change of one account, from its earlier observations (newest first).
 * Unverified runs say nothing about the account, so the comparison is with
 * the latest verdict; an account unverified now is `unverified`, never
 * "unchanged", because nobody saw it this time.
 */
export function changeOf(finding: Finding, earlier: readonly EarlierObservation[], now: Date, thresholds: Thresholds): Change {
  const change = statusChangeOf(finding, earlier, now, thresholds);
  const identity = identityChangeOf(finding, earlier);
  if (!identity.renamed && !identity.verificationChanged) return change;
  // An identity change is its own kind only when the status says nothing new: what is worse is listed first.
  const kind = change.kind === 'unchanged' ? (identity.renamed ? 'renamed' : 'verification-changed') : change.kind;
  return { ...change, ...identity, kind };
}

/**
 * The name and verification now, against the latest audit that read each
 * (audits that read none, and rows kept before gov-audit kept them, are
 * passed over). Names are compared once normalised: spacing and
 * punctuation are no rename.
 */
function identityChangeOf(finding: Finding, earlier: readonly EarlierObservation[]): Pick<Change, 'renamed' | 'verificationChanged'> {
  const name = finding.identity?.name;
  const verification = finding.identity?.verification;
  const previousName = earlier.find((o) => o.platformName)?.platformName;
  const previousVerification = earlier.find((o) => o.verification)?.verification;
  return {
    ...(name && previousName && normaliseName(name) !== normaliseName(previousName) ? { renamed: { from: previousName, to: name } } : {}),
    ...(verification && previousVerification && !sameVerification(verification, previousVerification)
      ? { verificationChanged: { from: previousVerification, to: verification } }
      : {}),
  };
}

/** The same verification: verified or not, of the same kind, in the same words (the field it was read from aside). */
function sameVerification(a: Verification, b: Verification): boolean {
  return a.verified === b.verified && a.kind === b.kind && normaliseName(a.text ?? '') === normaliseName(b.text ?? '');
}

function statusChangeOf(finding: Finding, earlier: readonly EarlierObservation[], now: Date, thresholds: Thresholds): Change {
  const previous = earlier.find((o) => o.status !== 'unverified') ?? earlier[0];
  const since = sinceOf(finding, earlier, now, thresholds);
  const base = { previousStatus: previous?.status ?? null, previousAt: previous?.runNow ?? null, since };
  if (!previous) return { kind: 'new', ...base };
  if (finding.status === 'unverified') return { kind: previous.status === 'unverified' ? 'unchanged' : 'unverified', ...base };
  if (finding.status === previous.status) return { kind: 'unchanged', ...base };
  switch (finding.status) {
    case 'zombie':
      return { kind: 'newly-zombie', ...base };
    case 'inactive':
      return { kind: 'newly-inactive', ...base };
    case 'not-found':
      return { kind: 'newly-not-found', ...base };
    case 'active':
      return { kind: previous.status === 'unverified' ? 'unchanged' : 'revived', ...base };
  }
}

/**
 * Since when a zombie or inactive account has been so: the moment its silence
 * crossed the line when the date of its last post is known (or inferred),
 * else the first audit of the unbroken run of audits that found it so.
 */
function sinceOf(finding: Finding, earlier: readonly EarlierObservation[], now: Date, thresholds: Thresholds): Date | null {
  if (finding.status !== 'zombie' && finding.status !== 'inactive') return null;
  const lineDays = finding.status === 'zombie' ? thresholds.zombieDays : thresholds.inactiveDays;
  const silentFrom = finding.lastPostAt ?? (finding.reason === 'silent-inferred' ? finding.silentSince : undefined);
  if (silentFrom) return new Date(silentFrom.getTime() + lineDays * DAY_MS);
  let since = now;
  for (const o of earlier) {
    if (o.status === 'unverified') continue;
    if (o.status !== finding.status) break;
    since = o.runNow;
  }
  return since;
}

/**
 * The earliest audit since which the post count has stood at `count`: the
 * account has published nothing since then. Runs that could not read the
 * count, or read it beside a blocked list or from an unbound answer, are
 * passed over (proof rule 7); any other count ends the search.
 */
export function sameCountSince(count: number, earlier: readonly EarlierObservation[]): Date | undefined {
  let since: Date | undefined;
  for (const o of earlier) {
    if (o.postCount === null || !o.countClean) continue;
    if (o.postCount !== count) break;
    since = o.runNow;
  }
  return since;
}

/**
 * An account whose dates could not be read, but whose post count has not
 * moved since an earlier audit, has been silent at least since then: judged
 * on that lower bound (reason `silent-inferred`). A silence shorter than the
 * inactive line proves nothing, and the account stays unverified.
 */
export function inferSilence(finding: Finding, since: Date | undefined, now: Date, thresholds: Thresholds): Finding {
  if (!since) return finding;
  const silenceMs = now.getTime() - since.getTime();
  const status: Status | undefined =
    silenceMs > thresholds.zombieDays * DAY_MS ? 'zombie' : silenceMs > thresholds.inactiveDays * DAY_MS ? 'inactive' : undefined;
  if (!status) return finding;
  return {
    ...finding,
    status,
    reason: 'silent-inferred',
    detail: `post count ${finding.postCount} unchanged since the audit of ${toChinaIso(since)}; ${finding.detail ?? ''}`.replace(/; $/, ''),
    daysSinceLastPost: Math.floor(silenceMs / DAY_MS),
    silentSince: since,
  };
}

/** How many accounts changed in each way. */
export function countChanges(findings: Iterable<Finding>): Record<ChangeKind, number> {
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const f of findings) if (f.change) counts[f.change.kind]++;
  return counts;
}

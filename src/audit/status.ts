/**
 * The closed vocabulary of an audit. These strings are part of the JSON report
 * contract (docs/report-format.md): add to them, never rename them.
 */
export const STATUSES = ['zombie', 'inactive', 'not-found', 'active', 'unverified'] as const;
export type Status = (typeof STATUSES)[number];

export const ZOMBIE_REASONS = ['never-posted', 'silent'] as const;
export type ZombieReason = (typeof ZOMBIE_REASONS)[number];

/**
 * Zombie or inactive although no post date was read: the post count has not
 * moved since an earlier audit in the history (docs/history.md).
 */
export const INFERRED_REASONS = ['silent-inferred'] as const;
export type InferredReason = (typeof INFERRED_REASONS)[number];

/** Why the platform says there is no such account. */
export const NOT_FOUND_REASONS = ['missing', 'banned', 'cancelled'] as const;
export type NotFoundReason = (typeof NOT_FOUND_REASONS)[number];

/** The proof rules' reasons (src/audit/proof.ts, not-found-guard.ts): what a definite verdict lacked. */
export const PROOF_REASONS = [
  // An answer used was about another account, or named none where it had to.
  'wrong-account',
  // The post list does not reach the newest post (pinned only, shorter than the count, logged out).
  'list-incomplete',
  // The answers disagree (a count of posts beside an empty list, an id's date against the stated one).
  'contradictory',
  // A date before the platform existed or after the check, or in a unit not recognised.
  'implausible-date',
  // A listed post whose date could not be read: it may be the newest.
  'undated-post',
  // A "not found" that no structured statement in a successful answer makes.
  'not-found-unproven',
  // The platform's known account (the canary) was not found or not answered normally in this run.
  'platform-suspect',
  // More than half of a platform's accounts came out not found in one run.
  'mass-not-found',
  // A third party's feed (RSSHub, a WeChat bridge) does not show itself fresh: it can prove activity only.
  'source-stale',
  // Xiaohongshu refused a bare profile id: it wants the link with its xsec_token.
  'token-required',
] as const;

/** Why the audit could not tell. None of these is ever evidence of a dead account. */
export const UNVERIFIED_REASONS = [
  'blocked',
  'captcha',
  'login-required',
  'rate-limited',
  'timeout',
  'network-error',
  'layout-changed',
  'no-dates',
  'unsupported-platform',
  'manual-check-required',
  // The scan was stopped (Ctrl-C, SIGTERM) before this account was checked.
  'not-scanned',
  // The platform says the id is of another kind (a 快手号 where a principal id was expected).
  'wrong-id',
  // Only a sample of the posts could be seen (WeChat through Sogou) and none of them is recent:
  // the newest seen is shown as the last known post, never as proof of silence.
  'no-recent-post-seen',
  ...PROOF_REASONS,
] as const;
export type UnverifiedReason = (typeof UNVERIFIED_REASONS)[number];

/** Reasons that mean the platform pushed back: they slow its hosts, feed its circuit breaker, and make a count beside them unusable for inference. */
export const PUSHBACK_REASONS: ReadonlySet<UnverifiedReason> = new Set(['blocked', 'captcha', 'login-required', 'rate-limited']);

/**
 * Where a finding's dates (and verdict) came from: part of the JSON report
 * contract (`source`, docs/report-format.md). Add, never rename.
 */
export const SOURCES = ['platform', 'browser', 'rsshub', 'bridge', 'sogou', 'article', 'history', 'manual'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * The platform would not tell, and a person recorded in the list what they
 * found when they checked by hand, recently enough (docs/manual-checks).
 */
export const MANUAL_REASONS = ['manual-check'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

export type Reason = ZombieReason | InferredReason | NotFoundReason | UnverifiedReason | ManualReason;

/**
 * How bad each status is, for `--fail-on`: a status fails the run when it is
 * the named one or worse. `unverified` stands outside this order (it says
 * nothing about the account), so `--fail-on unverified` fails only on itself.
 */
const SEVERITY_ORDER: readonly Status[] = ['zombie', 'inactive', 'not-found', 'active'];

export function isAtLeastAsBadAs(status: Status, threshold: Status): boolean {
  if (threshold === 'unverified' || status === 'unverified') return status === threshold;
  return SEVERITY_ORDER.indexOf(status) <= SEVERITY_ORDER.indexOf(threshold);
}

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

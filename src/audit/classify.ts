import type { Account } from '../accounts/account.js';
import type { Observation, Post, Profile } from '../platforms/observation.js';
import type { Finding, Identity, Thresholds } from './finding.js';
import { DAY_MS } from './time.js';
import { findPlatform } from '../platforms/index.js';
import { PUSHBACK_REASONS, type Source } from './status.js';
import { bindingProblem, dateProblem, neverPostedProblem, notFoundProblem, silenceProblem, sortDates } from './proof.js';

const RECENT_WINDOW_DAYS = 30;

/**
 * Turns what a platform said into a verdict, under the proof rules
 * (`proof.ts`): a definite verdict only when the observation carries its
 * proof; anything short of it is `unverified` with the reason. "Older than N
 * days" means more than N × 24 hours before the audit instant.
 */
/**
 * `datesUpTo`: the latest instant a post may be dated (plus a day's clock
 * skew): the check itself, or the audit instant when the user fixed it
 * (--now, a replay), since the answers are then judged as of that instant.
 */
export function classify(account: Account, observation: Observation, now: Date, thresholds: Thresholds, checkedAt: Date, datesUpTo = checkedAt): Finding {
  const base = emptyFinding(account, checkedAt);
  switch (observation.kind) {
    case 'unknown':
      return { ...base, ...profileFields(observation.profile), status: 'unverified', reason: observation.reason, detail: observation.detail };
    case 'missing': {
      const unproven = notFoundProblem(observation);
      const source = observation.source ?? 'platform';
      if (unproven) return { ...base, status: 'unverified', ...unproven, source };
      return { ...base, status: 'not-found', reason: observation.reason, detail: observation.detail, source };
    }
    case 'found':
      return classifyFound(base, observation, now, thresholds, datesUpTo);
  }
}

type Found = Extract<Observation, { kind: 'found' }>;

function classifyFound(base: ReturnType<typeof emptyFinding>, observation: Found, now: Date, thresholds: Thresholds, datesUpTo: Date): Finding {
  const withProfile = { ...base, ...profileFields(observation.profile) };
  const { proof } = observation;
  if (!proof) {
    return { ...withProfile, status: 'unverified', reason: 'layout-changed', detail: 'the answer came without the facts a verdict needs (a record of an older gov-audit): scan again' };
  }
  const unbound = bindingProblem(proof);
  if (unbound) return { ...withProfile, source: proof.source, status: 'unverified', ...unbound };
  const found = { ...withProfile, source: proof.source, countClean: countIsClean(observation), ...(ownWord(base.account.platform, proof.source) ? identityOf(observation.profile) : {}) };
  const sorted = sortDates(observation.posts, base.account.platform, datesUpTo);
  const figures = sorted.plausible.length ? figuresOf(sorted.plausible, now) : undefined;
  const detail = [observation.datesFrom, THIRD_PARTY_WORDS[proof.source]].filter(Boolean).join('; ') || null;
  const silenceMs = figures ? Math.max(0, now.getTime() - figures.lastPostAt.getTime()) : undefined;
  // Active needs one recent, plausible post of the account's own: nothing else can outweigh it.
  if (silenceMs !== undefined && silenceMs <= thresholds.inactiveDays * DAY_MS) return { ...found, ...figures, status: 'active', reason: null, detail };
  const badDate = dateProblem(sorted, datesUpTo);
  if (badDate) return { ...found, ...figures, status: 'unverified', ...badDate };
  if (observation.partial) return { ...found, ...figures, status: 'unverified', reason: 'no-recent-post-seen', detail: observation.partial };
  if (silenceMs === undefined) {
    const unproven = neverPostedProblem(observation, proof);
    // A count its own list contradicts is no clean count: the history never infers a silence from it.
    if (unproven) return { ...found, status: 'unverified', ...unproven, ...(unproven.reason === 'contradictory' ? { countClean: false } : {}) };
    return { ...found, status: 'zombie', reason: 'never-posted', detail: null };
  }
  const unproven = silenceProblem(observation, proof, sorted.plausible, datesUpTo);
  if (unproven) return { ...found, ...figures, status: 'unverified', ...unproven };
  if (silenceMs > thresholds.zombieDays * DAY_MS) return { ...found, ...figures, status: 'zombie', reason: 'silent', detail };
  return { ...found, ...figures, status: 'inactive', reason: null, detail };
}

/** A verdict whose dates a third party gave says so in its detail too, beside the JSON's `source` (rule 6). */
const THIRD_PARTY_WORDS: Partial<Record<Source, string>> = {
  rsshub: 'dates from RSSHub',
  bridge: 'dates from the WeChat-to-RSS bridge',
  sogou: 'dates from Sogou search',
  article: 'dates from an article page',
};

/** Proof rule 7: a count from an answer that is bound (checked before), exact, and whose post list was not refused. */
function countIsClean(observation: Found): boolean {
  return observation.profile.postCount !== undefined && !(observation.datesUnknown && PUSHBACK_REASONS.has(observation.datesUnknown.reason));
}

/** The figures of a list of plausible posts: the latest, the silence since, how many in the last 30 days, the longest gap. */
function figuresOf(posts: readonly Post[], now: Date) {
  const dates = postDates(posts);
  const latest = dates[0]!;
  return {
    lastPostAt: latest,
    daysSinceLastPost: Math.floor(Math.max(0, now.getTime() - latest.getTime()) / DAY_MS),
    postsInLast30Days: dates.filter((d) => now.getTime() - d.getTime() <= RECENT_WINDOW_DAYS * DAY_MS).length,
    longestGapDays: longestGapDays(dates),
  };
}

/** Newest first. Pinned posts are ordinary posts here: the latest is the newest of all, never the first listed. */
function postDates(posts: readonly Post[]): Date[] {
  return posts.map((p) => p.at).sort((a, b) => b.getTime() - a.getTime());
}

function longestGapDays(newestFirst: Date[]): number | null {
  if (newestFirst.length < 2) return null;
  let longest = 0;
  for (let i = 1; i < newestFirst.length; i++) {
    longest = Math.max(longest, newestFirst[i - 1]!.getTime() - newestFirst[i]!.getTime());
  }
  return Math.floor(longest / DAY_MS);
}

/** The sources that give the platform's own word on the account. */
const OWN_WORD: ReadonlySet<Source> = new Set<Source>(['platform', 'browser', 'sogou', 'article']);

/**
 * Whether the name read is the account's name on its platform: a third
 * party's feed (RSSHub, a bridge) titles it in its own way, and a feed
 * platform (RSS, YouTube) tells no name (its adapter's capabilities), only a
 * feed's title. No identity finding is raised from either.
 */
function ownWord(platform: string, source: Source): boolean {
  return OWN_WORD.has(source) && findPlatform(platform)?.capabilities.includes('name') === true;
}

/**
 * The name and verification of a profile whose answers are bound to the
 * account: only there are they the account's own (proof rule 1). Nothing
 * when the profile carries neither.
 */
function identityOf(profile: Profile): { identity?: Identity } {
  const name = profile.name ?? null;
  const verification = profile.verification ?? null;
  return name === null && verification === null ? {} : { identity: { name, verification } };
}

function profileFields(profile: { name?: string; followers?: number; postCount?: number } | undefined) {
  return {
    platformName: profile?.name ?? null,
    followers: profile?.followers ?? null,
    postCount: profile?.postCount ?? null,
  };
}

/** A finding with no figures yet: what every verdict starts from. */
export function emptyFinding(account: Account, checkedAt: Date): Omit<Finding, 'status' | 'reason' | 'detail'> {
  return {
    account,
    platformName: null,
    postCount: null,
    followers: null,
    lastPostAt: null,
    daysSinceLastPost: null,
    postsInLast30Days: null,
    longestGapDays: null,
    checkedAt,
  };
}

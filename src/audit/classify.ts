import type { Account } from '../accounts/account.js';
import type { Observation, Post } from '../platforms/observation.js';
import type { Finding, Thresholds } from './finding.js';
import { DAY_MS } from './time.js';

const RECENT_WINDOW_DAYS = 30;

/**
 * Turns what a platform said into a verdict. Only positive evidence makes an
 * account a zombie or not-found: a missing answer is always `unverified`.
 * "Older than N days" means more than N × 24 hours before the audit instant.
 */
export function classify(account: Account, observation: Observation, now: Date, thresholds: Thresholds, checkedAt: Date): Finding {
  const base = emptyFinding(account, checkedAt);
  switch (observation.kind) {
    case 'unknown':
      return { ...base, ...profileFields(observation.profile), status: 'unverified', reason: observation.reason, detail: observation.detail };
    case 'missing':
      return { ...base, status: 'not-found', reason: observation.reason, detail: observation.detail };
    case 'found':
      break;
  }
  const withProfile = { ...base, ...profileFields(observation.profile) };
  const { posts, datesUnknown } = observation;
  if (posts.length === 0) {
    // A sample of the posts that holds none proves nothing, not even "never posted".
    if (observation.partial) return { ...withProfile, status: 'unverified', reason: 'no-recent-post-seen', detail: observation.partial };
    if (datesUnknown) return { ...withProfile, status: 'unverified', reason: datesUnknown.reason, detail: datesUnknown.detail };
    if (observation.profile.postCount === 0) return { ...withProfile, status: 'zombie', reason: 'never-posted', detail: null };
    return { ...withProfile, status: 'unverified', reason: 'no-dates', detail: 'the platform listed no posts and gave no post count' };
  }
  const dates = postDates(posts);
  const latest = dates[0]!;
  const silenceMs = Math.max(0, now.getTime() - latest.getTime());
  const figures = {
    lastPostAt: latest,
    daysSinceLastPost: Math.floor(silenceMs / DAY_MS),
    postsInLast30Days: dates.filter((d) => now.getTime() - d.getTime() <= RECENT_WINDOW_DAYS * DAY_MS).length,
    longestGapDays: longestGapDays(dates),
  };
  const detail = observation.datesFrom ?? null;
  if (silenceMs <= thresholds.inactiveDays * DAY_MS) return { ...withProfile, ...figures, status: 'active', reason: null, detail };
  // A sample of the posts proves activity, never silence: the newest it holds is the last known post.
  if (observation.partial) return { ...withProfile, ...figures, status: 'unverified', reason: 'no-recent-post-seen', detail: observation.partial };
  if (silenceMs > thresholds.zombieDays * DAY_MS) return { ...withProfile, ...figures, status: 'zombie', reason: 'silent', detail };
  return { ...withProfile, ...figures, status: 'inactive', reason: null, detail };
}

/** Newest first. Pinned posts are ordinary posts here: the latest is the newest of all, never the first listed. */
function postDates(posts: Post[]): Date[] {
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

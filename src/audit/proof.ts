import type { Observation, Post, Proof } from '../platforms/observation.js';
import type { Source, UnverifiedReason } from './status.js';
import { DAY_MS } from './time.js';

/*
 * The proof rules: a definite verdict (active, inactive, zombie, not-found) is
 * given only when the answers prove it. Adapters report facts (whose answer it
 * is, what the post list holds and whether it reaches the newest post, each
 * date, where it came from); the rules here decide, and anything short of
 * proof is `unverified` with a reason that says what was missing. The rules are
 * written against what a platform could answer, not against what the simulator
 * happens to answer (docs/ranking.md, "What each verdict needs").
 */

/** Why the answers do not prove a verdict: the unverified reason and what exactly fell short. */
export interface Unproven {
  reason: UnverifiedReason;
  detail: string;
}

/** A clock skew allowed between the platform's clock and ours: dates past the check by more are not plausible. */
export const CLOCK_SKEW_MS = DAY_MS;

/**
 * When each platform opened to the public: a post dated before is not one of
 * its posts (a unit misread, a placeholder). Other sources (feeds) may carry
 * any date of the web's era.
 */
const LAUNCHED: Readonly<Record<string, string>> = {
  weibo: '2009-08-14',
  bilibili: '2009-06-26',
  kuaishou: '2011-03-01',
  'wechat-mp': '2012-08-23',
  toutiao: '2012-08-01',
  xiaohongshu: '2013-06-01',
  xigua: '2016-05-01',
  douyin: '2016-09-20',
  'wechat-channels': '2020-01-01',
};
const WEB_ERA = '1995-01-01';

export function launchOf(platform: string): Date {
  return new Date(`${LAUNCHED[platform] ?? WEB_ERA}T00:00:00+08:00`);
}

/** Sources that see the platform through a third party's copy: they vouch for activity, for silence only when fresh. */
const THIRD_PARTY: ReadonlySet<Source> = new Set(['rsshub', 'bridge']);

/** Rule 1: every answer used is about the account asked for. */
export function bindingProblem(proof: Proof): Unproven | undefined {
  for (const answer of proof.answers) {
    const other = answer.names.find((id) => id !== proof.subject);
    if (other !== undefined) return { reason: 'wrong-account', detail: `the ${answer.what} answer is about another account (${other}), not ${proof.subject}` };
    if (!answer.requestNames && !answer.names.includes(proof.subject)) {
      return { reason: 'wrong-account', detail: `the ${answer.what} answer does not name the account asked for (${proof.subject})` };
    }
  }
  return undefined;
}

/** The listed posts sorted by whether their dates can be believed (rule 4). */
export interface DatedPosts {
  plausible: Post[];
  /** Before the platform's launch or after the check (plus the clock skew). */
  implausible: Post[];
  /** Dated by the answer and by the id, and the two disagree by more than a day. */
  disagreeing: Post[];
}

export function sortDates(posts: readonly Post[], platform: string, checkedAt: Date): DatedPosts {
  const earliest = launchOf(platform).getTime();
  const latest = checkedAt.getTime() + CLOCK_SKEW_MS;
  const sorted: DatedPosts = { plausible: [], implausible: [], disagreeing: [] };
  for (const post of posts) {
    const time = post.at.getTime();
    if (!(time >= earliest && time <= latest)) sorted.implausible.push(post);
    else if (post.idDate && Math.abs(post.idDate.getTime() - time) > CLOCK_SKEW_MS) sorted.disagreeing.push(post);
    else sorted.plausible.push(post);
  }
  return sorted;
}

/** Why the dates that were read cannot be believed: one of them is wrong, so none decides (rule 4). */
export function dateProblem(sorted: DatedPosts, checkedAt: Date): Unproven | undefined {
  const [disagreeing] = sorted.disagreeing;
  if (disagreeing) {
    return {
      reason: 'implausible-date',
      detail: `post ${disagreeing.id} is dated ${disagreeing.at.toISOString()} by the answer but ${disagreeing.idDate!.toISOString()} by its id`,
    };
  }
  const [implausible] = sorted.implausible;
  if (!implausible) return undefined;
  const when = Number.isNaN(implausible.at.getTime()) ? 'an unreadable date' : implausible.at.toISOString();
  const side = implausible.at.getTime() > checkedAt.getTime() ? 'after the check' : 'before the platform existed';
  return { reason: 'implausible-date', detail: `post ${implausible.id} carries ${when}, ${side}: no date of this answer is taken as proof` };
}

type Found = Extract<Observation, { kind: 'found' }>;

/** A third party's copy proves silence only when it shows itself fresh (rule 6). */
function staleness(proof: Proof, checkedAt: Date): Unproven | undefined {
  if (!THIRD_PARTY.has(proof.source)) return undefined;
  if (proof.staleSaid) return { reason: 'source-stale', detail: `the ${proof.source} feed says it is not up to date: ${proof.staleSaid}` };
  const built = proof.feedBuiltAt?.getTime();
  if (built !== undefined && Math.abs(checkedAt.getTime() - built) <= DAY_MS) return undefined;
  const when = built === undefined ? 'does not say when it was last built' : `was last built ${proof.feedBuiltAt!.toISOString()}`;
  return { reason: 'source-stale', detail: `the ${proof.source} feed ${when}: it can show activity, not silence` };
}

/**
 * Rule 2: silence (inactive, zombie) needs the newest non-pinned post in
 * hand: a list read whole up to it, from a source that sees everything, with
 * no post left undated. `plausible` holds the dated posts; none is recent.
 */
export function silenceProblem(observation: Found, proof: Proof, plausible: readonly Post[], checkedAt: Date): Unproven | undefined {
  const stale = staleness(proof, checkedAt);
  if (stale) return stale;
  const list = proof.list;
  if (!list?.read) return observation.datesUnknown ?? { reason: 'list-incomplete', detail: 'the post list was not read' };
  if (list.mayOmitNewest) return { reason: 'list-incomplete', detail: list.mayOmitNewest };
  if (list.undated > 0) return { reason: 'undated-post', detail: `${list.undated} listed post(s) without a readable date: one may be the newest` };
  const count = observation.profile.postCount;
  const listed = plausible.length;
  if (plausible.every((p) => p.pinned)) {
    const allPinnedCounted = count !== undefined ? count <= listed : list.paging === 'end';
    if (!allPinnedCounted) {
      return { reason: 'list-incomplete', detail: `the list holds only pinned posts (${listed})${count !== undefined ? ` while ${count} are counted` : ''}: the newest ordinary post is not in hand` };
    }
  }
  if (count !== undefined && listed < count && list.paging === 'unknown') {
    return { reason: 'list-incomplete', detail: `the list holds ${listed} of ${count} counted posts and does not say whether more follow` };
  }
  return undefined;
}

/**
 * Rule 3: "never posted" needs agreement: a count of 0 and the list itself,
 * read, empty and marked whole by the platform. An empty list alone, or a
 * count alone, proves nothing.
 */
export function neverPostedProblem(observation: Found, proof: Proof): Unproven | undefined {
  if (THIRD_PARTY.has(proof.source)) return { reason: 'no-dates', detail: `the ${proof.source} feed lists no posts: a feed proves no absence` };
  const count = observation.profile.postCount;
  const list = proof.list;
  if (!list?.read) {
    // Why the list could not be read (a block, a login wall) says more than that it was not.
    if (observation.datesUnknown) return observation.datesUnknown;
    return count === 0 ? { reason: 'list-incomplete', detail: 'the profile counts 0 posts, but the post list was not read: a count alone proves nothing' } : { reason: 'no-dates', detail: 'the post list was not read' };
  }
  if (list.undated > 0) return { reason: 'undated-post', detail: `${list.undated} listed post(s) without a readable date` };
  if (count === undefined) return { reason: 'no-dates', detail: 'the post list is empty and the platform gave no post count: an empty list alone proves nothing' };
  if (count > 0) return { reason: 'contradictory', detail: `the profile counts ${count} posts but the post list is empty` };
  if (list.paging !== 'end') return { reason: 'list-incomplete', detail: 'the post list is empty but the platform did not mark it as the whole list' };
  return undefined;
}

type Missing = Extract<Observation, { kind: 'missing' }>;

/**
 * Rule 5, the answer's part: only a structured statement (a field of JSON or
 * page state) inside a successful answer to a request for this account says
 * it does not exist. An HTTP error status never does, whatever its body; words
 * on a page (captions, titles) never do. The run's part (the canary, a
 * platform-wide not-found) is `src/audit/not-found-guard.ts`.
 */
export function notFoundProblem(missing: Missing): Unproven | undefined {
  const statement = missing.statement;
  if (!statement) return { reason: 'not-found-unproven', detail: `${missing.detail}: not stated by a structured answer` };
  if (statement.httpStatus < 200 || statement.httpStatus >= 300) {
    return { reason: 'not-found-unproven', detail: `${statement.field} came with HTTP ${statement.httpStatus}: an error status proves no absence` };
  }
  if (!statement.structured) return { reason: 'not-found-unproven', detail: `${statement.field}: words on a page prove no absence` };
  if (!statement.bound) return { reason: 'wrong-account', detail: `${statement.field}: the answer is not tied to the account asked for` };
  return undefined;
}

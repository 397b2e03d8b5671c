import type { NotFoundReason, Source, UnverifiedReason } from '../audit/status.js';

/** What a profile page or API says about the account itself. */
export interface Profile {
  name?: string;
  followers?: number;
  postCount?: number;
  /**
   * The platform's official verification, read from a field its answer
   * carries (src/platforms/verification.ts). Absent when the answer carries
   * no such field: absent is "not read", never "not verified".
   */
  verification?: Verification;
}

/**
 * Who the platform verified the account as. `organisation` covers companies,
 * institutions and bodies the platform does not call government or media;
 * `unknown` is a verification whose kind the platform does not say.
 */
export const VERIFICATION_KINDS = ['organisation', 'government', 'media', 'person', 'unknown'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/** A platform's verification of an account, as its answer states it. */
export interface Verification {
  verified: boolean;
  /** Null when the account is not verified. */
  kind: VerificationKind | null;
  /** The platform's own words (`央视新闻官方账号`), when it gives any. */
  text: string | null;
  /** The field it was read from, with the value that decided it, for the evidence (`user.enterprise_verify_reason`). */
  field: string;
}

export interface Post {
  id: string;
  at: Date;
  /** Pinned posts can be years old: they count as posts, never as "the latest" unless newest. */
  pinned: boolean;
  /** The date was read from the post's id (Douyin: id >> 32), the answer giving none. */
  dateFromId?: boolean;
  /**
   * The date the post's id carries (Douyin, Xiaohongshu) when the answer also
   * stated one: the two must agree (src/audit/proof.ts).
   */
  idDate?: Date;
}

/**
 * One answer an observation rests on, and whom it is about: the proof rules
 * use an answer only when it is about the account asked for (rule 1).
 */
export interface AnswerFacts {
  /** What the answer is, in a word, for the detail: `profile`, `posts`, `page`, `feed`. */
  what: string;
  /** The request named the account asked for (its id in the address or the body), so the answer is to it. */
  requestNames: boolean;
  /**
   * The ids of accounts the answer itself names (the profile's id, the posts'
   * author), in the form the account is asked by. Empty when it names none.
   * Any id other than the one asked for makes the answer another account's.
   */
  names: string[];
}

/** What the post list held, as the platform gave it: the proof of silence rests on it (rules 2 and 3). */
export interface ListFacts {
  /** A post list was received, unblocked and understood. */
  read: boolean;
  /**
   * The platform's own word on whether more posts follow the ones listed:
   * `more` (has_more, a next cursor), `end` (no more: the list is whole), or
   * `unknown` (it said neither).
   */
  paging: 'more' | 'end' | 'unknown';
  /** Listed posts whose date could not be read: kept count of, never dropped, since one may be the newest. */
  undated: number;
  /**
   * Why the list as read may leave out the account's newest posts (Douyin's
   * list to a visitor who is not logged in), with the remedy: it then proves
   * activity, never silence.
   */
  mayOmitNewest?: string;
}

/** The facts an adapter reports beside what it read; `src/audit/proof.ts` decides from them. */
export interface Proof {
  /** The id of the account asked for, in the form the answers name it (the resolved sec_uid, the uid). */
  subject: string;
  source: Source;
  /** Every answer the observation rests on. */
  answers: AnswerFacts[];
  /** Absent when no post list was asked for (a count-only source). */
  list?: ListFacts;
  /**
   * A third party's feed (RSSHub, a bridge): when it says it was last built.
   * It proves silence only when built within a day of the check (rule 6).
   */
  feedBuiltAt?: Date;
  /** The third party said itself that it is stale (a bridge's lapsed login), in its words. */
  staleSaid?: string;
}

/** How a not-found was stated: only a structured statement in a successful answer proves it (rule 5). */
export interface NotFoundStatement {
  /** The HTTP status of the answer that stated it. */
  httpStatus: number;
  /** A field of a JSON answer or page state (`code: -404`), not words shown on a page. */
  structured: boolean;
  /** The field and value, for the detail. */
  field: string;
  /** The request or the answer named the account asked for. */
  bound: boolean;
}

/**
 * What one adapter learned about one account. `unknown` is the honest answer
 * whenever the platform would not tell; it never becomes a verdict.
 */
export type Observation = (
  | {
      kind: 'found';
      profile: Profile;
      /** Recent posts seen, newest or not; empty when the platform listed none. */
      posts: Post[];
      /** Set when the post dates could not be read although the account exists. */
      datesUnknown?: { reason: UnverifiedReason; detail: string };
      /** How the dates were read when it is not the obvious way (from the posts' ids): shown as the finding's detail. */
      datesFrom?: string;
      /**
       * Set when the posts seen are only part of the account's posts (a search
       * engine's sample): they can prove activity, never silence. Says where
       * gov-audit looked.
       */
      partial?: string;
      /**
       * The facts behind it. Without them no definite verdict is given: the
       * account is `unverified` (src/audit/proof.ts).
       */
      proof?: Proof;
    }
  | { kind: 'missing'; reason: NotFoundReason; detail: string; statement?: NotFoundStatement; source?: Source }
  | { kind: 'unknown'; reason: UnverifiedReason; detail: string; profile?: Profile }
) & {
  /**
   * The account's canonical id, when the list gave another form that was
   * resolved during the scan (a short link, a screen name): reports and the
   * history know the account by it.
   */
  resolvedId?: string;
};

export type Unknown = Extract<Observation, { kind: 'unknown' }>;

/** Observations as stored in the journal and the cache: dates as ISO strings. */
export function observationToJson(observation: Observation): unknown {
  if (observation.kind !== 'found') return observation;
  return { ...observation, posts: observation.posts.map((p) => ({ ...p, at: p.at.toISOString(), ...(p.idDate ? { idDate: p.idDate.toISOString() } : {}) })) };
}

export function observationFromJson(value: unknown): Observation | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const observation = value as Observation & { posts?: { id: string; at: string; pinned: boolean; dateFromId?: boolean; idDate?: string }[] };
  if (observation.kind === 'missing' || observation.kind === 'unknown') return observation;
  if (observation.kind !== 'found' || !Array.isArray(observation.posts)) return undefined;
  const posts: Post[] = observation.posts.map((p) => ({
    id: String(p.id),
    at: new Date(p.at),
    pinned: Boolean(p.pinned),
    ...(p.dateFromId ? { dateFromId: true } : {}),
    ...(p.idDate ? { idDate: new Date(p.idDate) } : {}),
  }));
  if (posts.some((p) => Number.isNaN(p.at.getTime()) || (p.idDate && Number.isNaN(p.idDate.getTime())))) return undefined;
  const proof = observation.proof;
  const feedBuiltAt = proof?.feedBuiltAt ? new Date(proof.feedBuiltAt as unknown as string) : undefined;
  return { ...observation, posts, ...(proof ? { proof: { ...proof, ...(feedBuiltAt ? { feedBuiltAt } : {}) } } : {}) };
}

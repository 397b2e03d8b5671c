import type { NotFoundReason, UnverifiedReason } from '../audit/status.js';

/** What a profile page or API says about the account itself. */
export interface Profile {
  name?: string;
  followers?: number;
  postCount?: number;
}

export interface Post {
  id: string;
  at: Date;
  /** Pinned posts can be years old: they count as posts, never as "the latest" unless newest. */
  pinned: boolean;
  /** The date was read from the post's id (Douyin: id >> 32), the answer giving none. */
  dateFromId?: boolean;
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
    }
  | { kind: 'missing'; reason: NotFoundReason; detail: string }
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
  return { ...observation, posts: observation.posts.map((p) => ({ ...p, at: p.at.toISOString() })) };
}

export function observationFromJson(value: unknown): Observation | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const observation = value as Observation & { posts?: { id: string; at: string; pinned: boolean }[] };
  if (observation.kind === 'missing' || observation.kind === 'unknown') return observation;
  if (observation.kind !== 'found' || !Array.isArray(observation.posts)) return undefined;
  const posts = observation.posts.map((p) => ({ id: String(p.id), at: new Date(p.at), pinned: Boolean(p.pinned) }));
  if (posts.some((p) => Number.isNaN(p.at.getTime()))) return undefined;
  return { ...observation, posts };
}

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
}

/**
 * What one adapter learned about one account. `unknown` is the honest answer
 * whenever the platform would not tell; it never becomes a verdict.
 */
export type Observation =
  | {
      kind: 'found';
      profile: Profile;
      /** Recent posts seen, newest or not; empty when the platform listed none. */
      posts: Post[];
      /** Set when the post dates could not be read although the account exists. */
      datesUnknown?: { reason: UnverifiedReason; detail: string };
    }
  | { kind: 'missing'; reason: NotFoundReason; detail: string }
  | { kind: 'unknown'; reason: UnverifiedReason; detail: string; profile?: Profile };

export type Unknown = Extract<Observation, { kind: 'unknown' }>;

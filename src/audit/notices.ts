import type { RankedFinding } from './finding.js';

/**
 * Findings beyond status, from the State Council's 2018 opinion on
 * government new media: one account per platform per body, and clean-up of
 * accounts with no posts, no followers and no activity. They never change a
 * status; they are listed beside it.
 */
export type Notice =
  | { code: 'several-accounts'; org: string; platform: string; keys: string[] }
  | { code: 'no-posts-no-followers'; keys: string[] };

export const NOTICE_CODES = ['several-accounts', 'no-posts-no-followers'] as const;

export function findNotices(accounts: readonly RankedFinding[]): Notice[] {
  const byOrgAndPlatform = new Map<string, RankedFinding[]>();
  for (const finding of accounts) {
    const org = finding.account.org?.trim();
    if (!org || finding.status === 'not-found') continue;
    const key = `${org}\u0000${finding.account.platform}`;
    byOrgAndPlatform.set(key, [...(byOrgAndPlatform.get(key) ?? []), finding]);
  }
  const several: Notice[] = [...byOrgAndPlatform.values()]
    .filter((members) => members.length > 1)
    .map((members) => ({ code: 'several-accounts', org: members[0]!.account.org!.trim(), platform: members[0]!.account.platform, keys: members.map((f) => f.account.key) }));
  const empty = accounts.filter((f) => f.postCount === 0 && f.followers === 0).map((f) => f.account.key);
  return [...several, ...(empty.length ? [{ code: 'no-posts-no-followers' as const, keys: empty }] : [])];
}

/** The notice codes that concern one account. */
export function noticesOf(key: string, notices: readonly Notice[]): Notice['code'][] {
  return notices.filter((n) => n.keys.includes(key)).map((n) => n.code);
}

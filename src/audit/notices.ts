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

export function findNotices(accounts: readonly RankedFinding[]): Notice[] {
  const byOrgAndPlatform = new Map<string, RankedFinding[]>();
  for (const finding of accounts) {
    const org = finding.account.org?.trim();
    if (!org || finding.status === 'not-found') continue;
    const key = `${org}\u0000${finding.account.platform}`;
    const members = byOrgAndPlatform.get(key);
    if (members) members.push(finding);
    else byOrgAndPlatform.set(key, [finding]);
  }
  const several: Notice[] = [...byOrgAndPlatform.values()]
    .filter((members) => members.length > 1)
    .map((members) => ({ code: 'several-accounts', org: members[0]!.account.org!.trim(), platform: members[0]!.account.platform, keys: members.map((f) => f.account.key) }));
  const empty = accounts.filter((f) => f.postCount === 0 && f.followers === 0).map((f) => f.account.key);
  return [...several, ...(empty.length ? [{ code: 'no-posts-no-followers' as const, keys: empty }] : [])];
}

/** The notice codes of each account, by account key: built once, looked up per row. */
export function noticesByKey(notices: readonly Notice[]): Map<string, Notice['code'][]> {
  const index = new Map<string, Notice['code'][]>();
  for (const notice of notices) {
    for (const key of notice.keys) {
      const codes = index.get(key);
      if (codes) codes.push(notice.code);
      else index.set(key, [notice.code]);
    }
  }
  return index;
}

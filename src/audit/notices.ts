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

export function findNotices(accounts: Iterable<RankedFinding>): Notice[] {
  // Keys only: one pass over a national list, without holding its accounts.
  const byOrgAndPlatform = new Map<string, { org: string; platform: string; keys: string[] }>();
  const empty: string[] = [];
  for (const finding of accounts) {
    if (finding.postCount === 0 && finding.followers === 0) empty.push(finding.account.key);
    const org = finding.account.org?.trim();
    if (!org || finding.status === 'not-found') continue;
    const key = `${org}\u0000${finding.account.platform}`;
    const group = byOrgAndPlatform.get(key);
    if (group) group.keys.push(finding.account.key);
    else byOrgAndPlatform.set(key, { org, platform: finding.account.platform, keys: [finding.account.key] });
  }
  const several: Notice[] = [...byOrgAndPlatform.values()]
    .filter((group) => group.keys.length > 1)
    .map((group) => ({ code: 'several-accounts', ...group }));
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

import type { Evidence, RankedFinding } from './finding.js';
import type { Verification } from '../platforms/observation.js';
import { nameDiffersFromList, namesDifferAcrossPlatforms, normaliseName, notOfficiallyVerified, verifiedAsAnotherBody } from './identity.js';

/**
 * What an identity finding rests on, for one account: the field read and its
 * text, and what the list gives to compare with.
 */
export interface IdentityEvidence {
  key: string;
  platform: string;
  /** The field of the platform's answer (`user.enterprise_verify_reason`), or `name` for the account's name. */
  field: string;
  /** What the field says; null when the platform gave no words (a flag only). */
  text: string | null;
  /** The list's body or name it was compared with. */
  listed?: string;
  /** The verification the finding rests on, for the human reports' words (the JSON gives `field` and `text`). */
  verification?: Verification;
  /** Where in the WARC the answer that said it is (with --archive or --replay). */
  archived?: Evidence;
}

/** The identity findings (src/audit/identity.ts), each with its evidence, account by account. */
export const IDENTITY_CODES = ['not-officially-verified', 'verified-as-another-body', 'name-differs-from-list', 'names-differ-across-platforms'] as const;
export type IdentityCode = (typeof IDENTITY_CODES)[number];

/**
 * Findings beyond status, from the State Council's 2018 opinion on
 * government new media (国办发〔2018〕123号): one account per platform per
 * body; clean-up of accounts with no posts, no followers and no activity;
 * verification naming the body; the same name on every platform. They never
 * change a status or a rank; they are listed beside it.
 */
export type Notice =
  | { code: 'several-accounts'; org: string; platform: string; keys: string[] }
  | { code: 'no-posts-no-followers'; keys: string[] }
  | { code: Exclude<IdentityCode, 'names-differ-across-platforms'>; keys: string[]; evidence: IdentityEvidence[] }
  | { code: 'names-differ-across-platforms'; org: string; keys: string[]; evidence: IdentityEvidence[] };

export function findNotices(accounts: Iterable<RankedFinding>): Notice[] {
  // Keys only (and, for the identity findings, the words they rest on): one pass over a national list, without holding its accounts.
  const byOrgAndPlatform = new Map<string, { org: string; platform: string; keys: string[] }>();
  const empty: string[] = [];
  const identity = new IdentityCollector();
  for (const finding of accounts) {
    if (finding.postCount === 0 && finding.followers === 0) empty.push(finding.account.key);
    identity.add(finding);
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
  return [...several, ...(empty.length ? [{ code: 'no-posts-no-followers' as const, keys: empty }] : []), ...identity.notices()];
}

/** Gathers the identity findings as the accounts go by, in rank order. */
class IdentityCollector {
  private readonly perAccount = new Map<Exclude<IdentityCode, 'names-differ-across-platforms'>, IdentityEvidence[]>();
  /** Per body: each platform's names (normalised), and the evidence of every named account. */
  private readonly bodies = new Map<string, { org: string; names: Map<string, Set<string>>; evidence: IdentityEvidence[] }>();

  add(finding: RankedFinding): void {
    const { account, identity } = finding;
    // Only what a bound answer said (proof rule 1): a blocked, unbound or not-found account carries no identity.
    if (!identity) return;
    const base = { key: account.key, platform: account.platform, ...(finding.evidence ? { archived: finding.evidence } : {}) };
    const { verification, name } = identity;
    if (verification && notOfficiallyVerified(verification)) this.push('not-officially-verified', { ...base, field: verification.field, text: verification.text, verification });
    if (verification && verifiedAsAnotherBody(verification, account)) {
      this.push('verified-as-another-body', { ...base, field: verification.field, text: verification.text, listed: account.org?.trim() || account.name, verification });
    }
    if (nameDiffersFromList(name, account.name)) this.push('name-differs-from-list', { ...base, field: 'name', text: name, listed: account.name });
    const org = account.org?.trim();
    if (org && name && normaliseName(name)) this.addName(org, account.platform, { ...base, field: 'name', text: name });
  }

  private push(code: Exclude<IdentityCode, 'names-differ-across-platforms'>, evidence: IdentityEvidence): void {
    const list = this.perAccount.get(code);
    if (list) list.push(evidence);
    else this.perAccount.set(code, [evidence]);
  }

  private addName(org: string, platform: string, evidence: IdentityEvidence): void {
    let body = this.bodies.get(org);
    if (!body) this.bodies.set(org, (body = { org, names: new Map(), evidence: [] }));
    let names = body.names.get(platform);
    if (!names) body.names.set(platform, (names = new Set()));
    names.add(normaliseName(evidence.text!));
    body.evidence.push(evidence);
  }

  notices(): Notice[] {
    const perAccount: Notice[] = IDENTITY_CODES.flatMap((code) => {
      if (code === 'names-differ-across-platforms') return [];
      const evidence = this.perAccount.get(code);
      return evidence ? [{ code, keys: evidence.map((e) => e.key), evidence }] : [];
    });
    const acrossPlatforms: Notice[] = [...this.bodies.values()]
      .filter((body) => body.names.size > 1 && namesDifferAcrossPlatforms(body.names))
      .map((body) => ({ code: 'names-differ-across-platforms', org: body.org, keys: body.evidence.map((e) => e.key), evidence: body.evidence }));
    return [...perAccount, ...acrossPlatforms];
  }
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

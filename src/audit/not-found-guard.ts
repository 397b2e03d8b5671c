import type { Finding } from './finding.js';

/*
 * Proof rule 5, the run's part. A "not found" is believed only from a platform
 * that answers normally in this run: one that says "no such account" of an
 * account known to exist (the canary), or of most of the accounts asked, is
 * answering oddly (a block dressed as absence, a changed API, a login wall), and
 * its not-founds are held as unverified. Rule 8: a run that reached no platform
 * at all says so.
 */

/** How the canary of one platform answered in this run. */
export interface CanaryOutcome {
  /** The account known to exist that was asked, or undefined when none is known for the platform. */
  account?: string;
  /** It was found, and answered without a block. */
  ok: boolean;
  /** How it failed, for a report to say in its own language: no canary known, said not to exist too, or answered abnormally. */
  failure?: CanaryFailure;
  detail: string;
}

export interface CanaryFailure {
  kind: 'none-known' | 'said-missing' | 'abnormal';
  /** The reason code of the canary's own answer (`blocked`, `missing` …). */
  reason?: string;
}

/** Something every report says at its top, before any account. Part of the JSON report (`alerts`). */
export interface RunAlert {
  code: 'nothing-reached' | 'platform-suspect' | 'mass-not-found';
  platform?: string;
  /** The accounts it concerns (held as unverified, or all accounts for nothing-reached). */
  accounts: number;
  /** The run's words, in English; reports say it in their language from the fields below. */
  detail: string;
  /** platform-suspect: the canary asked, and how it failed. */
  canary?: { account?: string } & CanaryFailure;
  /** mass-not-found: the platform's accounts in the run. */
  total?: number;
}

/** Past this share of a platform's accounts (and at least MASS_MINIMUM of them), not-founds are held. */
export const MASS_SHARE = 0.5;
export const MASS_MINIMUM = 10;

/**
 * The not-founds of one platform at the end of a run, judged against its
 * canary and against how many of its accounts they are. `canary` is undefined
 * when the canary is off (--no-canary).
 */
export function judgeNotFounds(
  platform: string,
  notFound: readonly Finding[],
  total: number,
  canary: CanaryOutcome | undefined,
  acceptMass: boolean,
): { findings: Finding[]; alert?: RunAlert } {
  if (notFound.length === 0) return { findings: [] };
  if (canary && !canary.ok) {
    const detail = canary.account ? `the known account ${canary.account} ${canary.detail}` : canary.detail;
    const failure = canary.failure ?? { kind: 'abnormal' };
    return hold(platform, notFound, { code: 'platform-suspect', detail, canary: { account: canary.account, ...failure } });
  }
  if (!acceptMass && notFound.length >= MASS_MINIMUM && notFound.length > total * MASS_SHARE) {
    return hold(platform, notFound, { code: 'mass-not-found', detail: `${notFound.length} of ${total} accounts came out not found`, total });
  }
  return { findings: [...notFound] };
}

type HeldBecause = Pick<RunAlert, 'detail' | 'canary' | 'total'> & { code: 'platform-suspect' | 'mass-not-found' };

function hold(platform: string, notFound: readonly Finding[], because: HeldBecause) {
  const findings = notFound.map(
    (f): Finding => ({ ...f, status: 'unverified', reason: because.code, detail: `${because.detail}; the platform said: ${f.reason}${f.detail ? `: ${f.detail}` : ''}` }),
  );
  return { findings, alert: { ...because, platform, accounts: findings.length } satisfies RunAlert };
}

/** Reasons that mean the platform was never reached: no answer of any kind came back. */
const UNREACHED: ReadonlySet<string> = new Set(['network-error', 'timeout']);
/** Reasons of accounts nothing was asked for: they say nothing about the network. */
const NOT_ASKED: ReadonlySet<string> = new Set(['not-scanned', 'unsupported-platform', 'manual-check-required']);

/** Rule 8: counts, over a run, the accounts asked and those some platform answered at all. */
export class ReachTally {
  private asked = 0;
  private answered = 0;

  add(finding: Finding): void {
    if (finding.status === 'unverified' && finding.reason !== null && NOT_ASKED.has(finding.reason)) return;
    this.asked++;
    if (!(finding.status === 'unverified' && finding.reason !== null && UNREACHED.has(finding.reason))) this.answered++;
  }

  /** The alert when accounts were asked and no platform answered any of them. */
  alert(): RunAlert | undefined {
    if (this.asked === 0 || this.answered > 0) return undefined;
    return { code: 'nothing-reached', accounts: this.asked, detail: 'no platform could be reached: nothing was checked' };
  }
}

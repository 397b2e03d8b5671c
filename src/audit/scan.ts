import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { knownAccount, type Account, type DuplicateRow, type ListNote, type RowProblem } from '../accounts/account.js';
import type { ListItem } from '../accounts/read.js';
import { CircuitBreaker, DEFAULT_BREAKER, type Admission, type BreakerOptions } from '../fetch/breaker.js';
import type { ConnectTo } from '../fetch/connect-to.js';
import { HostPool } from '../fetch/host.js';
import { HttpClient, type HttpEvent } from '../fetch/http.js';
import { intervalMs, rateForHost, type Rate } from '../fetch/rate.js';
import { DAY_MS } from './time.js';
import type { SecretRegistry } from '../fetch/redact.js';
import { CookieJar } from '../fetch/cookies.js';
import { observeFeed } from '../platforms/feed.js';
import type { Observer, PlatformAdapter } from '../platforms/adapter.js';
import { allowedHosts, findPlatform, PLATFORMS } from '../platforms/index.js';
import type { Observation } from '../platforms/observation.js';
import { changeOf, inferSilence, sameCountSince, type EarlierObservation } from './changes.js';
import { classify } from './classify.js';
import type { AuditReport, Evidence, Finding, Thresholds } from './finding.js';
import type { Exchange, Transport } from '../fetch/exchange.js';
import { accountScope } from '../fetch/scope.js';
import { AccountQueues } from './queues.js';
import { FindingStore } from './finding-store.js';
import type { ObservationRecord } from './record.js';
import { PUSHBACK_REASONS, type UnverifiedReason } from './status.js';
import type { GroupField } from './groups.js';
import { browserObserver, type PageSource } from '../browser/route.js';
import { observationFromFailure } from '../platforms/common.js';
import { judgeNotFounds, ReachTally, type CanaryOutcome, type RunAlert } from './not-found-guard.js';

export interface ScanOptions {
  now: Date;
  /**
   * The user fixed the audit instant (--now, a replay's): answers are judged as
   * of it, so a post dated after it (beyond a day's skew) is implausible.
   * Otherwise the bound is each account's check time (a national scan lasts days).
   */
  nowFixed?: boolean;
  thresholds: Thresholds;
  files: string[];
  version: string;
  connectTo: readonly ConnectTo[];
  /** Per platform id, or `*` for all. */
  rates: ReadonlyMap<string, Rate>;
  /** Requests in flight at once per paced host. */
  hostConcurrency?: number;
  /** Accounts in flight across all platforms. */
  concurrency: number;
  /** Accounts in flight per platform, so one slow platform cannot take every slot. */
  perPlatformConcurrency: number;
  retries: number;
  timeoutMs: number;
  /** Deadline for everything one account needs. */
  accountDeadlineMs: number;
  /** How long a check cut by its deadline is given to stop before it is left behind (default 10 s). */
  windDownMs?: number;
  retryBaseMs?: number;
  retryAfterCapMs?: number;
  maxBodyBytes?: number;
  maxIntervalMs?: number;
  breaker?: BreakerOptions;
  secrets?: SecretRegistry;
  cookies?: CookieJar;
  /** The user's RSSHub instance, and when to use it. */
  rsshub?: { base: string; via: RsshubUse };
  /** Hosts the user allowed beyond the adapters' own: feed hosts (--feed-host). */
  extraHosts?: readonly string[];
  /** The report's heading (--title). */
  title?: string;
  /** How many days a check by hand recorded in the list stands in for an unverifiable answer (--manual-check-days). */
  manualCheckDays?: number;
  /** Per platform, the user's bridge that renders its accounts as feeds (--wechat-feed): a URL template. */
  feedTemplates?: Readonly<Record<string, string>>;
  /** An observation already made (a resumed journal, the cache): used instead of fetching. */
  known?: (key: string) => ObservationRecord | undefined;
  /** Called with every fresh observation before its finding counts (the journal, the cache). */
  onObservation?: (record: ObservationRecord) => Promise<void> | void;
  /** Sees every request and answer (the archive, --archive). */
  recorder?: (exchange: Exchange) => void;
  /** Answers in place of the network (a replayed archive, --replay). */
  transport?: Transport;
  /** The archived records behind an account's verdict. */
  evidenceFor?: (key: string) => Evidence | undefined;
  /** An account's observations in earlier audits, newest first (the history, --db). */
  earlier?: (key: string) => readonly EarlierObservation[];
  /** Graceful stop: no new account starts; those in flight get `graceMs` to finish. */
  stop?: AbortSignal;
  graceMs?: number;
  onFinding?: (finding: Finding) => void;
  /** Rollups the reports will show (--group-by). */
  groupBy?: GroupField[];
  /** Findings kept in memory before they go to a temporary file (src/audit/finding-store.ts). */
  spillAfter?: number;
  /** Which slice of the list this scan covers (--shard). */
  shard?: { index: number; count: number };
  onAccountRead?: (total: number) => void;
  onEvent?: (event: ScanEvent) => void;
  /** The browser route (--browser): the platforms checked through pages, and where the pages come from. */
  browser?: { platforms: ReadonlySet<string>; source: PageSource; pagesAtOnce?: number };
  /**
   * Proof rule 5: per platform, an account known to exist that is asked once a
   * not-found comes up (the adapter's well-known account unless named here).
   * Absent: no canary (doctor, which probes those very accounts).
   */
  canary?: { accounts: ReadonlyMap<string, Account> };
  /** Believe a platform-wide "not found" (--accept-mass-not-found). */
  acceptMassNotFound?: boolean;
}

export type ScanEvent = HttpEvent | { type: 'breaker-tripped'; platform: string };

/** `auto`: the platform first, RSSHub when it pushes back; `rsshub`: RSSHub only; `direct`: never RSSHub. */
export type RsshubUse = 'auto' | 'rsshub' | 'direct';

const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

export function pushBackOf(observation: Observation): UnverifiedReason | undefined {
  const reason = observation.kind === 'unknown' ? observation.reason : observation.kind === 'found' ? observation.datesUnknown?.reason : undefined;
  return reason && PUSHBACK_REASONS.has(reason) ? reason : undefined;
}

/**
 * The whole audit: reads list items as they stream in, observes each account
 * through its platform's adapter, classifies and ranks. It never prints;
 * progress leaves through the callbacks.
 */
export async function scan(items: AsyncIterable<ListItem>, options: ScanOptions): Promise<AuditReport> {
  const scannedAt = new Date();
  const platformOfHost = new Map(PLATFORMS.flatMap((p) => p.hosts.map((h) => [h, p.id] as const)));
  const hostRates = new Map(PLATFORMS.flatMap((p) => Object.entries(p.hostRates ?? {})));
  const rateOf = (host: string) => rateForHost(host, options.rates, platformOfHost, hostRates);
  const cookies = options.cookies ?? new CookieJar(options.secrets);
  const allowed = allowedHosts();
  for (const host of options.extraHosts ?? []) allowed.add(host);
  if (options.rsshub) allowed.add(new URL(options.rsshub.base).hostname);
  const http = new HttpClient({
    allowedHosts: allowed,
    cookies,
    connectTo: options.connectTo,
    hosts: new HostPool((host) => ({
      baseIntervalMs: intervalMs(rateOf(host)),
      concurrency: options.hostConcurrency ?? 1,
      maxIntervalMs: options.maxIntervalMs ?? 60_000,
    })),
    retries: options.retries,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryAfterCapMs: options.retryAfterCapMs ?? 120_000,
    maxRedirects: 5,
    userAgent: USER_AGENT,
    secrets: options.secrets,
    onEvent: options.onEvent,
    recorder: options.recorder,
    transport: options.transport,
  });
  const platforms = new PlatformStates(http, cookies, options);
  // After a stop, in-flight requests get the grace period, then are cut.
  const hardStop = new AbortController();
  // Every account in flight listens to it: as many listeners as the concurrency allows, by design.
  setMaxListeners(0, hardStop.signal);
  const onStop = () => setTimeout(() => hardStop.abort(), options.graceMs ?? 5000).unref();
  options.stop?.addEventListener('abort', onStop, { once: true });

  const audit = async (account: Account): Promise<Finding> => {
    const check = () => observe(account, platforms, options, hardStop.signal);
    // Every request made for this account is known by its key: the archive names the records behind each verdict.
    // Only then: on Node 20 an AsyncLocalStorage in use puts a hook on every promise (measured: 5% of a scan's CPU).
    const record = (await (options.recorder ? accountScope.run(account.key, check) : check())) ?? notScanned(account);
    const datesUpTo = options.nowFixed ? options.now : record.checkedAt;
    const classified = classify(canonical(account, record.observation), record.observation, options.now, options.thresholds, record.checkedAt, datesUpTo);
    // Asked once per account, under its canonical id: the inference and the change both read it.
    const earlier = options.earlier?.(classified.account.key);
    const finding = withManualCheck(withHistory(classified, record.observation, earlier, options), options.now, options.manualCheckDays ?? DEFAULT_MANUAL_CHECK_DAYS);
    if (earlier) finding.change = changeOf(finding, earlier, options.now, options.thresholds);
    const evidence = options.evidenceFor?.(account.key);
    if (evidence) finding.evidence = evidence;
    return finding;
  };

  // A browser opens one page at a time per platform by default, as a person would.
  const perPlatform = (platform: string) => (options.browser?.platforms.has(platform) ? (options.browser.pagesAtOnce ?? 1) : options.perPlatformConcurrency);
  const store = new FindingStore(options.now, options.thresholds, options.spillAfter);
  const reach = new ReachTally();
  const emit = (finding: Finding) => {
    reach.add(finding);
    options.onFinding?.(finding);
    store.add(finding);
  };
  const notFounds = new HeldNotFounds(platforms, options, hardStop.signal);
  const queues = new AccountQueues(perPlatform, pLimit(options.concurrency), audit, (finding) => notFounds.holdOr(finding, emit));
  const duplicates: DuplicateRow[] = [];
  const problems: RowProblem[] = [];
  const notes: ListNote[] = [];
  let read = 0;
  try {
    for await (const item of items) {
      if (item.kind === 'account') {
        queues.add(item.account);
        options.onAccountRead?.(++read);
      } else if (item.kind === 'duplicate') duplicates.push(item.duplicate);
      else if (item.kind === 'note') notes.push(item.note);
      else problems.push(item.problem);
    }
    await queues.drained();
    const alerts = await notFounds.release(emit);
    const unreached = reach.alert();
    if (unreached) alerts.unshift(unreached);
    duplicates.push(...store.dropLaterDuplicates());
    return {
      tool: 'gov-audit',
      ...(options.title ? { title: options.title } : {}),
      version: options.version,
      scannedAt,
      now: options.now,
      thresholds: options.thresholds,
      files: options.files,
      interrupted: Boolean(options.stop?.aborted),
      accounts: store.ranked(),
      duplicates,
      problems,
      notes,
      groupBy: options.groupBy ?? [],
      shard: options.shard,
      alerts,
    };
  } finally {
    await queues.settled();
    options.stop?.removeEventListener('abort', onStop);
    await http.close();
  }
}

export const DEFAULT_MANUAL_CHECK_DAYS = 30;

/**
 * An account the platform would not tell about, that a person checked by hand
 * recently enough (the list's 人工核查结果 and 人工核查日期): their verdict, marked
 * `manual-check` with the day. It never overrides what the platform answered
 * this time, nor a check older than the limit or dated after the audit.
 */
export function withManualCheck(finding: Finding, now: Date, maxDays: number): Finding {
  const manual = finding.account.manual;
  if (finding.status !== 'unverified' || !manual) return finding;
  const checkedAt = new Date(`${manual.checkedOn}T00:00:00+08:00`);
  const ageMs = now.getTime() - checkedAt.getTime();
  if (ageMs < -DAY_MS || ageMs > (maxDays + 1) * DAY_MS) return finding;
  return { ...finding, status: manual.status, reason: 'manual-check', detail: `${manual.checkedOn}; ${finding.reason ?? ''}: ${finding.detail ?? ''}` };
}

/**
 * The account under its canonical id when the list named it in a form the
 * scan resolved (a short link, a screen name): one identity in every report
 * and in the history, the list's form kept as `listedAs`.
 */
function canonical(account: Account, observation: Observation): Account {
  const id = observation.resolvedId;
  if (!id || id === account.id) return account;
  const url = findPlatform(account.platform)?.profileUrl(id) ?? account.url;
  return { ...account, id, key: `${account.platform}:${id}`, url, listedAs: account.id };
}

/**
 * A count-only answer (the account exists, no post dates) is judged by the
 * history: a post count unchanged since an earlier audit is a silence.
 */
function withHistory(finding: Finding, observation: Observation, earlier: readonly EarlierObservation[] | undefined, options: ScanOptions): Finding {
  const countOnly = observation.kind === 'found' && observation.posts.length === 0 && finding.status === 'unverified';
  // Only a count from a clean answer infers a silence (proof rule 7): one beside a blocked list is recorded, never used.
  if (!countOnly || !earlier || !finding.postCount || !finding.countClean) return finding;
  return inferSilence(finding, sameCountSince(finding.postCount, earlier), options.now, options.thresholds);
}

/** Per platform: its adapter's observer (one per scan) and its circuit breaker. */
class PlatformStates {
  private readonly states = new Map<string, PlatformState>();

  constructor(
    private readonly http: HttpClient,
    private readonly cookies: CookieJar,
    private readonly options: ScanOptions,
  ) {}

  get(id: string): PlatformState {
    let state = this.states.get(id);
    if (!state) {
      const adapter = findPlatform(id);
      const browser = this.options.browser;
      const viaBrowser = adapter?.browser && browser?.platforms.has(id);
      state = {
        adapter,
        observer: viaBrowser
          ? browserObserver(adapter, { source: browser!.source, http: this.http, now: this.options.now, recorder: this.options.recorder })
          : (adapter?.createObserver?.({
              http: this.http,
              now: this.options.now,
              cookies: this.cookies,
              thresholds: this.options.thresholds,
              feedTemplate: this.options.feedTemplates?.[id],
            }) ?? unsupported),
        breaker: new CircuitBreaker(this.options.breaker ?? DEFAULT_BREAKER),
        http: this.http,
      };
      this.states.set(id, state);
    }
    return state;
  }
}

interface PlatformState {
  adapter: PlatformAdapter | undefined;
  observer: Observer;
  breaker: CircuitBreaker;
  http: HttpClient;
  /** The canary's answer in this run, asked once, when the platform's first not-found comes up. */
  canary?: Promise<CanaryOutcome>;
}

/**
 * Not-founds wait until the run's end (rule 5): they are believed only when
 * the platform's canary was found and they are not most of its accounts.
 * They are few in a healthy run, so they are held in memory.
 */
class HeldNotFounds {
  private readonly held = new Map<string, Finding[]>();
  private readonly totals = new Map<string, number>();

  constructor(
    private readonly platforms: PlatformStates,
    private readonly options: ScanOptions,
    private readonly hardStop: AbortSignal,
  ) {}

  holdOr(finding: Finding, emit: (finding: Finding) => void): void {
    const platform = finding.account.platform;
    this.totals.set(platform, (this.totals.get(platform) ?? 0) + 1);
    if (finding.status !== 'not-found') return emit(finding);
    const held = this.held.get(platform) ?? [];
    held.push(finding);
    this.held.set(platform, held);
    if (this.options.canary) void this.canaryOf(platform);
  }

  /** Emits the held not-founds, as they were or held back as unverified; returns what the reports must say. */
  async release(emit: (finding: Finding) => void): Promise<RunAlert[]> {
    const alerts: RunAlert[] = [];
    for (const [platform, notFound] of this.held) {
      const canary = this.options.canary ? await this.canaryOf(platform) : undefined;
      const judged = judgeNotFounds(platform, notFound, this.totals.get(platform) ?? notFound.length, canary, Boolean(this.options.acceptMassNotFound));
      for (const finding of judged.findings) emit(finding);
      if (judged.alert) alerts.push(judged.alert);
    }
    return alerts;
  }

  private canaryOf(platform: string): Promise<CanaryOutcome> {
    const state = this.platforms.get(platform);
    state.canary ??= askCanary(state, this.options.canary!.accounts.get(platform), this.options, this.hardStop);
    return state.canary;
  }
}

/** Asks the platform's known account as any account is asked: through the same route, paced the same. */
async function askCanary(state: PlatformState, chosen: Account | undefined, options: ScanOptions, hardStop: AbortSignal): Promise<CanaryOutcome> {
  const probe = state.adapter?.probeAccount;
  const account = chosen ?? (probe && state.adapter && !probe.startsWith('(') ? knownAccount(state.adapter.id, { id: probe, url: state.adapter.profileUrl(probe) }, 'canary', -1) : undefined);
  if (!account) return { ok: false, failure: { kind: 'none-known' }, detail: 'no account known to exist is set for this platform (name one with --canary)' };
  // Cut, and left behind if stuck, as an account's check is: the run's end never waits on it for ever.
  const cut = cutByDeadlineOrStop(options.accountDeadlineMs, hardStop);
  try {
    const check = () => state.observer(account, cut.signal);
    const asked = options.recorder ? accountScope.run(account.key, check) : check();
    const answered = await untilAbandoned(asked, cut.signal, options.windDownMs ?? WIND_DOWN_MS).catch(observationFromFailure);
    const observation = options.secrets?.redactDeep(answered) ?? answered;
    const ok = observation.kind === 'found' && !pushBackOf(observation);
    return { account: account.id, ok, ...(ok ? { detail: 'was found' } : canaryFailure(observation)) };
  } finally {
    cut.release();
  }
}

function canaryFailure(observation: Observation): Pick<CanaryOutcome, 'failure' | 'detail'> {
  if (observation.kind === 'missing') {
    return { failure: { kind: 'said-missing', reason: observation.reason }, detail: `was said not to exist either (${observation.reason}: ${observation.detail})` };
  }
  const why = observation.kind === 'unknown' ? observation.reason : (pushBackOf(observation) ?? 'no-dates');
  const detail = observation.kind === 'unknown' ? observation.detail : (observation.datesUnknown?.detail ?? '');
  return { failure: { kind: 'abnormal', reason: why }, detail: `was not answered normally (${why}: ${detail})` };
}

/** One account's observation: reused, fetched, or none when the scan stopped first. */
async function observe(
  account: Account,
  platforms: PlatformStates,
  options: ScanOptions,
  hardStop: AbortSignal,
): Promise<ObservationRecord | undefined> {
  if (options.stop?.aborted) return undefined;
  const known = options.known?.(account.key);
  if (known) return withSecretsMasked(known, options);
  const platform = platforms.get(account.platform);
  const cut = cutByDeadlineOrStop(options.accountDeadlineMs, hardStop);
  try {
    const admission = await platform.breaker.admit(cut.signal).catch((): Admission | undefined => undefined);
    if (admission === undefined) return undefined;
    if (options.stop?.aborted && admission !== 'probe') return undefined;
    const checkedAt = new Date();
    if (admission === 'tripped') return { key: account.key, checkedAt, observation: breakerObservation(account.platform) };
    const observation = await untilAbandoned(observeVia(platform, account, options, cut.signal), cut.signal, options.windDownMs ?? WIND_DOWN_MS).catch(
      (error: unknown): Observation => ({ kind: 'unknown', reason: 'network-error', detail: String(error) }),
    );
    if (hardStop.aborted && observation.kind === 'unknown') return undefined;
    judgeManners(platform, observation, admission, account.platform, options);
    const record = withSecretsMasked({ key: account.key, checkedAt, observation: cut.pastDeadline() ? afterDeadline(observation) : observation }, options);
    await options.onObservation?.(record);
    return record;
  } finally {
    cut.release();
  }
}

/**
 * Every observation passes here before anything is made of it (the journal, the cache, the
 * finding, the reports, the history, the terminal): a secret a platform echoed back (a cookie
 * in a name field) is masked in it, in any form.
 */
function withSecretsMasked(record: ObservationRecord, options: ScanOptions): ObservationRecord {
  return options.secrets ? { ...record, observation: options.secrets.redactDeep(record.observation) } : record;
}

/**
 * One account's signal (or the canary's), cut by its deadline or by a hard
 * stop; `release` frees both once it is done.
 */
function cutByDeadlineOrStop(deadlineMs: number, hardStop: AbortSignal): { signal: AbortSignal; pastDeadline(): boolean; release(): void } {
  const controller = new AbortController();
  let pastDeadline = false;
  const deadline = setTimeout(() => {
    pastDeadline = true;
    controller.abort();
  }, deadlineMs);
  const cut = () => controller.abort();
  hardStop.addEventListener('abort', cut, { once: true });
  return {
    signal: controller.signal,
    pastDeadline: () => pastDeadline,
    release: () => {
      clearTimeout(deadline);
      hardStop.removeEventListener('abort', cut);
    },
  };
}

/**
 * How long an account's observer is given to stop once its deadline or a hard
 * stop has cut it. An observer stuck in a call that ignores the cut (a browser
 * that no longer answers its driver) is left behind after that.
 */
const WIND_DOWN_MS = 10_000;

/**
 * The observer's answer, or, once `cut` has fired and the observer has not
 * stopped within `windDownMs`, an unknown observation: no account can hold a
 * scan, and every account after it, for ever.
 */
function untilAbandoned(observing: Promise<Observation>, cut: AbortSignal, windDownMs: number): Promise<Observation> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const abandon = () => {
      timer = setTimeout(() => resolve({ kind: 'unknown', reason: 'network-error', detail: 'the check did not stop when its time was up' }), windDownMs);
    };
    if (cut.aborted) abandon();
    else cut.addEventListener('abort', abandon, { once: true });
    observing.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      cut.removeEventListener('abort', abandon);
    });
  });
}

/**
 * The platform's own route, its RSSHub route, or the one then the other: with
 * `auto`, RSSHub is asked only when the platform pushes back or shows the
 * account without dates (Toutiao's page to a script), and the dates it gives
 * complete what the platform did say (name, followers, counts).
 */
async function observeVia(platform: PlatformState, account: Account, options: ScanOptions, signal: AbortSignal): Promise<Observation> {
  const route = options.rsshub && options.rsshub.via !== 'direct' && !/\//.test(account.id) ? platform.adapter?.rsshubRoute?.(account.id) : undefined;
  const viaRsshub = async () =>
    feedMayOmitNewest(await observeFeed(platform.http, new URL(route!.replace(/^\//, ''), withSlash(options.rsshub!.base)).href, options.now, signal, 'rsshub'), platform.adapter?.rsshubMayOmitNewest);
  if (route && options.rsshub!.via === 'rsshub') return viaRsshub();
  const direct = await platform.observer(account, signal);
  const undated = direct.kind === 'found' && direct.datesUnknown?.reason === 'no-dates';
  if (!route || (!pushBackOf(direct) && !undated)) return direct;
  const feed = await viaRsshub();
  if (feed.kind === 'unknown') return direct.kind === 'unknown' ? { ...direct, detail: `${direct.detail}; RSSHub: ${feed.detail}` } : direct;
  if (feed.kind !== 'found') return direct;
  // What the platform did say (name, followers, counts) completes the feed's dates.
  const profile = direct.kind === 'found' ? direct.profile : direct.kind === 'unknown' ? direct.profile : undefined;
  return { ...feed, profile: { ...feed.profile, ...profile } };
}

const withSlash = (base: string) => (base.endsWith('/') ? base : `${base}/`);

/** A platform's RSSHub feed that the field reports to leave out the newest posts proves activity only. */
function feedMayOmitNewest(feed: Observation, why: string | undefined): Observation {
  if (!why || feed.kind !== 'found' || !feed.proof?.list) return feed;
  return { ...feed, proof: { ...feed.proof, list: { ...feed.proof.list, mayOmitNewest: why } } };
}

/**
 * Feeds an answer back into the platform's manners: a push-back (block,
 * captcha, login wall, rate limit) slows its hosts and counts towards its
 * circuit breaker; a clean answer eases both. Timeouts and network faults
 * say nothing about the platform's mood and count neither way.
 */
function judgeManners(platform: PlatformState, observation: Observation, admission: Admission, id: string, options: ScanOptions): void {
  const hosts = platform.adapter?.hosts ?? [];
  if (pushBackOf(observation)) {
    platform.breaker.record(true, admission);
    platform.http.slowDown(hosts);
    if (platform.breaker.tripped) options.onEvent?.({ type: 'breaker-tripped', platform: id });
  } else if (observation.kind !== 'unknown') {
    platform.breaker.record(false, admission);
    platform.http.succeeded(hosts);
  } else if (admission === 'probe') {
    // A probe that timed out proves nothing: let the next account probe again.
    platform.breaker.record(false, admission);
  }
}

const unsupported: Observer = async () => ({
  kind: 'unknown',
  reason: 'unsupported-platform',
  detail: 'no adapter for this platform yet',
});

function breakerObservation(platform: string): Observation {
  return {
    kind: 'unknown',
    reason: 'blocked',
    detail: `not requested: ${platform} kept blocking requests and was still blocking after a cool-down`,
  };
}

function notScanned(account: Account): ObservationRecord {
  return { key: account.key, checkedAt: new Date(), observation: { kind: 'unknown', reason: 'not-scanned', detail: 'the scan was stopped first' } };
}

/** An account that ran out of time was not answered: say so, whatever the last error was. */
function afterDeadline(observation: Observation): Observation {
  if (observation.kind === 'unknown' && observation.reason === 'network-error') {
    return { ...observation, reason: 'timeout', detail: 'the account took longer than its deadline' };
  }
  return observation;
}

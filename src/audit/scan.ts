import pLimit from 'p-limit';
import type { Account, DuplicateRow, RowProblem } from '../accounts/account.js';
import type { ListItem } from '../accounts/read.js';
import type { ConnectTo } from '../fetch/connect-to.js';
import { HttpClient, type RequestEvent } from '../fetch/http.js';
import { DEFAULT_RATE, Pacer, type Rate } from '../fetch/pacer.js';
import type { Observer } from '../platforms/adapter.js';
import { allowedHosts, findPlatform } from '../platforms/index.js';
import type { Observation } from '../platforms/observation.js';
import { classify } from './classify.js';
import type { AuditReport, Finding, Thresholds } from './finding.js';
import { rank } from './rank.js';

export interface ScanOptions {
  now: Date;
  thresholds: Thresholds;
  files: string[];
  version: string;
  connectTo: readonly ConnectTo[];
  /** Per platform id, or `*` for all. */
  rates: ReadonlyMap<string, Rate>;
  /** Accounts in flight across all platforms. */
  concurrency: number;
  /** Accounts in flight per platform, so one slow platform cannot take every slot. */
  perPlatformConcurrency: number;
  retries: number;
  timeoutMs: number;
  /** Deadline for everything one account needs. */
  accountDeadlineMs: number;
  retryBaseMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
  onFinding?: (finding: Finding) => void;
  onRequest?: (event: RequestEvent) => void;
}

const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/**
 * The whole audit: reads list items as they stream in, observes each account
 * through its platform's adapter, classifies and ranks. It never prints;
 * progress leaves through the callbacks.
 */
export async function scan(items: AsyncIterable<ListItem>, options: ScanOptions): Promise<AuditReport> {
  const scannedAt = new Date();
  const http = new HttpClient({
    allowedHosts: allowedHosts(),
    connectTo: options.connectTo,
    pacer: new Pacer((platform) => options.rates.get(platform) ?? options.rates.get('*') ?? DEFAULT_RATE),
    retries: options.retries,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryAfterCapMs: 120_000,
    userAgent: USER_AGENT,
    onRequest: options.onRequest,
  });
  const observers = new Map<string, Observer>();
  const observerFor = (platform: string): Observer => {
    let observer = observers.get(platform);
    if (!observer) {
      const adapter = findPlatform(platform);
      observer = adapter?.createObserver?.({ http, now: options.now }) ?? unsupported;
      observers.set(platform, observer);
    }
    return observer;
  };

  const global = pLimit(options.concurrency);
  const lanes = new Map<string, ReturnType<typeof pLimit>>();
  const lane = (platform: string) => {
    let limit = lanes.get(platform);
    if (!limit) lanes.set(platform, (limit = pLimit(options.perPlatformConcurrency)));
    return limit;
  };

  const audit = async (account: Account): Promise<Finding> => {
    const deadline = AbortSignal.timeout(options.accountDeadlineMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const observation = await observerFor(account.platform)(account, signal).catch(
      (error: unknown): Observation => ({ kind: 'unknown', reason: 'network-error', detail: String(error) }),
    );
    const finding = classify(account, afterDeadline(observation, deadline), options.now, options.thresholds, new Date());
    options.onFinding?.(finding);
    return finding;
  };

  const pending: Promise<Finding>[] = [];
  const duplicates: DuplicateRow[] = [];
  const problems: RowProblem[] = [];
  try {
    for await (const item of items) {
      if (item.kind === 'account') {
        const { account } = item;
        pending.push(lane(account.platform)(() => global(() => audit(account))));
      } else if (item.kind === 'duplicate') duplicates.push(item.duplicate);
      else problems.push(item.problem);
    }
    const findings = await Promise.all(pending);
    return {
      tool: 'gov-audit',
      version: options.version,
      scannedAt,
      now: options.now,
      thresholds: options.thresholds,
      files: options.files,
      accounts: rank(findings, options.now, options.thresholds),
      duplicates,
      problems,
    };
  } finally {
    await Promise.allSettled(pending);
    await http.close();
  }
}

const unsupported: Observer = async () => ({
  kind: 'unknown',
  reason: 'unsupported-platform',
  detail: 'no adapter for this platform yet',
});

/** An account that ran out of time was not answered: say so, whatever the last error was. */
function afterDeadline(observation: Observation, deadline: AbortSignal): Observation {
  if (deadline.aborted && observation.kind === 'unknown' && observation.reason === 'network-error') {
    return { ...observation, reason: 'timeout', detail: 'the account took longer than its deadline' };
  }
  return observation;
}

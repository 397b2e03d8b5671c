import { unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { knownAccount, type Account } from '../accounts/account.js';
import type { InputEncoding } from '../accounts/encoding.js';
import { countDataRows, readLists, shardRows } from '../accounts/read.js';
import { ResultCache } from '../audit/cache.js';
import { DEFAULT_THRESHOLDS, type AuditReport, type Thresholds } from '../audit/finding.js';
import { Journal, JournalError, readJournal, resumedRecord, type JournalContents } from '../audit/journal.js';
import type { ObservationRecord } from '../audit/record.js';
import { DEFAULT_MANUAL_CHECK_DAYS, scan, type RsshubUse } from '../audit/scan.js';
import type { GroupField } from '../audit/groups.js';
import { SecretRegistry } from '../fetch/redact.js';
import { isAtLeastAsBadAs, type Status } from '../audit/status.js';
import { toChinaIso } from '../audit/time.js';
import { EXIT, UsageError } from '../errors.js';
import { DEFAULT_BREAKER, type BreakerOptions } from '../fetch/breaker.js';
import type { ConnectTo } from '../fetch/connect-to.js';
import type { Rate } from '../fetch/rate.js';
import { messages, type Lang } from '../i18n/index.js';
import { packageVersion } from '../paths.js';
import { BRIDGE_PLACEHOLDERS } from '../platforms/wechat-mp.js';
import { describeNote, describeProblem } from '../report/context.js';
import { escapeControl } from '../report/control.js';
import { alertLines } from '../report/sections.js';
import type { Format } from '../report/index.js';
import { printReport, say, writeReport, type CommandIO } from './io.js';
import type { NoticeOptions } from '../report/docx.js';
import { invokedAs } from './invocation.js';
import { OptionParser } from './options.js';
import { ScanFeedback } from './progress.js';
import { loadCookiesFor } from './cookies.js';
import { onStopSignals } from './signals.js';
import type { HistorySession } from '../history/session.js';
import { usingHistory, withHistoryErrors } from './history-db.js';
import { evidenceHooks, openReplay, replayBodyCap, replayFlags } from './evidence.js';
import type { WarcReplay } from '../fetch/replay.js';
import { browserSettings, openBrowserRoute, type BrowserFlags, type BrowserSettings } from './browser.js';
import { knownAccountOption } from './known-accounts.js';

/** Options exactly as commander (and the config file, under them) hand them over. */
export interface ScanFlags extends BrowserFlags {
  format?: string;
  /** The 通报's deadline for corrections (docx reports). */
  deadline?: string;
  output?: string[];
  now?: string;
  inactiveDays?: string;
  manualCheckDays?: string;
  title?: string;
  zombieDays?: string;
  encoding?: string;
  sheet?: string;
  failOn?: string[];
  maxUnverified?: string;
  /** --canary platform=id (repeatable), or false for --no-canary. */
  canary?: string[] | false;
  acceptMassNotFound?: boolean;
  connectTo?: string[];
  rate?: string[];
  concurrency?: string;
  platformConcurrency?: string;
  timeout?: string;
  retries?: string;
  retryAfterCap?: string;
  journal?: string;
  resume?: string;
  cache?: string;
  maxAge?: string;
  cookies?: string;
  rsshub?: string;
  via?: string;
  feedHost?: string[];
  wechatFeed?: string;
  groupBy?: string[];
  shard?: string;
  db?: string;
  archive?: string;
  replay?: string;
  quiet?: boolean;
  verbose?: boolean;
  /** Config-file only. */
  maxResponseBytes?: string;
  breakerThreshold?: string;
  breakerCoolDown?: string;
}

export interface ScanSettings {
  lang: Lang;
  now: Date;
  thresholds: Thresholds;
  /** How many days a recorded check by hand stands (--manual-check-days). */
  manualCheckDays: number;
  /** The reports' heading (--title). */
  title?: string;
  encoding?: InputEncoding;
  /** The sheet of a workbook to read (--sheet). */
  sheet?: string;
  stdoutFormat: Format;
  outputs: { path: string; format: Format }[];
  failOn: Status[];
  /** --max-unverified: the share (0–100) of accounts left unseen above which the run exits 4. */
  maxUnverified?: number;
  /** Known accounts asked before a platform's not-founds are believed (proof rule 5); undefined with --no-canary. */
  canary?: Map<string, Account>;
  acceptMassNotFound: boolean;
  connectTo: ConnectTo[];
  rates: Map<string, Rate>;
  concurrency: number;
  platformConcurrency: number;
  timeoutMs: number;
  retries: number;
  retryBaseMs?: number;
  retryAfterCapMs: number;
  maxResponseBytes: number;
  breaker: BreakerOptions;
  journal?: string;
  resume?: string;
  cache?: { path: string; maxAgeMs: number };
  cookiesFile?: string;
  rsshub?: { base: string; via: RsshubUse };
  feedHosts: string[];
  /** The user's WeChat-to-RSS bridge (--wechat-feed): a feed URL template. */
  wechatFeed?: string;
  groupBy: GroupField[];
  shard?: { index: number; count: number };
  /** The history database (--db). */
  db?: string;
  /** Folder for this scan's WARC archive (--archive). */
  archive?: string;
  /** The archive this scan is replayed from (--replay), already read. */
  replay?: WarcReplay;
  quiet: boolean;
  verbose: boolean;
  /** What only the 通报 (docx) says: its deadline for corrections. */
  notice: NoticeOptions;
  /** Whether --now was given (a resumed scan keeps its journal's instant otherwise). */
  nowGiven: boolean;
  /** The browser route (--browser, --browser-cdp). */
  browser?: BrowserSettings;
}

export function scanSettings(flags: ScanFlags, lang: Lang, io: CommandIO): ScanSettings {
  const parse = new OptionParser(lang);
  const thresholds = {
    inactiveDays: parse.positiveInteger('--inactive-days', flags.inactiveDays, DEFAULT_THRESHOLDS.inactiveDays),
    zombieDays: parse.positiveInteger('--zombie-days', flags.zombieDays, DEFAULT_THRESHOLDS.zombieDays),
  };
  if (thresholds.zombieDays <= thresholds.inactiveDays) throw new UsageError(messages(lang).error.thresholdOrder);
  const outputs = parse.outputs(flags.output ?? []);
  // With report files, standard output is a log for a person; without, it follows the terminal.
  const defaultFormat: Format = io.stdout.isTTY || outputs.length ? 'table' : 'csv';
  return {
    lang,
    now: parse.now(flags.now),
    nowGiven: flags.now !== undefined,
    thresholds,
    title: flags.title?.trim() || undefined,
    notice: { deadline: parse.deadline(flags.deadline) },
    manualCheckDays: parse.positiveInteger('--manual-check-days', flags.manualCheckDays, DEFAULT_MANUAL_CHECK_DAYS, { allowZero: true }),
    encoding: parse.encoding(flags.encoding),
    sheet: flags.sheet,
    stdoutFormat: parse.format(flags.format) ?? defaultFormat,
    outputs,
    failOn: parse.failOn(flags.failOn ?? []),
    maxUnverified: parse.percent('--max-unverified', flags.maxUnverified),
    canary: flags.canary === false ? undefined : canaries(flags.canary ?? [], lang),
    acceptMassNotFound: Boolean(flags.acceptMassNotFound),
    connectTo: parse.connectTo(flags.connectTo ?? []),
    rates: parse.rates(flags.rate ?? []),
    concurrency: parse.positiveInteger('--concurrency', flags.concurrency, 8),
    platformConcurrency: parse.positiveInteger('--platform-concurrency', flags.platformConcurrency, 2),
    timeoutMs: parse.seconds('--timeout', flags.timeout, 20) * 1000,
    retries: parse.positiveInteger('--retries', flags.retries, 3, { allowZero: true }),
    retryAfterCapMs: parse.seconds('--retry-after-cap', flags.retryAfterCap, 120) * 1000,
    maxResponseBytes: parse.positiveInteger('maxResponseBytes', flags.maxResponseBytes, 5 * 1024 * 1024),
    breaker: {
      threshold: parse.positiveInteger('breaker.threshold', flags.breakerThreshold, DEFAULT_BREAKER.threshold),
      coolDownMs: parse.seconds('breaker.coolDown', flags.breakerCoolDown, DEFAULT_BREAKER.coolDownMs / 1000) * 1000,
    },
    journal: flags.journal,
    resume: flags.resume,
    cache: flags.cache ? { path: flags.cache, maxAgeMs: parse.duration('--max-age', flags.maxAge, 12 * 3600 * 1000) } : undefined,
    cookiesFile: flags.cookies,
    rsshub: parse.rsshub(flags.rsshub, flags.via),
    feedHosts: parse.hosts('--feed-host', flags.feedHost ?? []),
    wechatFeed: parse.feedTemplate('--wechat-feed', flags.wechatFeed, BRIDGE_PLACEHOLDERS),
    groupBy: parse.groupBy(flags.groupBy ?? []),
    shard: parse.shard(flags.shard),
    db: flags.db,
    archive: flags.archive,
    quiet: Boolean(flags.quiet),
    verbose: Boolean(flags.verbose),
    // A replay needs no browser: the archive holds what the pages received.
    browser: flags.replay ? undefined : browserSettings(flags, lang, io.env),
  };
}

/** `--canary platform=id`, each read as a list's cell is; platforms not named keep their well-known account. */
function canaries(pairs: readonly string[], lang: Lang): Map<string, Account> {
  return new Map(
    pairs.map((pair, order) => {
      const [platform, known] = knownAccountOption(pair, '--canary', lang);
      return [platform, knownAccount(platform, known, 'canary', order)] as const;
    }),
  );
}

/** Where the journal goes by default: beside the first report file, else in the working directory. */
function defaultJournalPath(settings: ScanSettings, startedAt: Date): string {
  const dir = settings.outputs[0] ? dirname(settings.outputs[0].path) : '.';
  const stamp = toChinaIso(startedAt).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return join(dir, `gov-audit-${stamp}.journal.ndjson`);
}

async function resumed(settings: ScanSettings): Promise<JournalContents | undefined> {
  if (!settings.resume) return undefined;
  const m = messages(settings.lang).error;
  let contents: JournalContents;
  try {
    contents = await readJournal(settings.resume);
  } catch (error) {
    if (error instanceof JournalError) throw new UsageError(m.badJournal(error.message));
    throw error;
  }
  const { header } = contents;
  if (settings.nowGiven && new Date(header.now).getTime() !== settings.now.getTime()) throw new UsageError(m.resumeMismatch('--now'));
  const t = header.thresholds;
  if (t.inactiveDays !== settings.thresholds.inactiveDays || t.zombieDays !== settings.thresholds.zombieDays) {
    throw new UsageError(m.resumeMismatch('--inactive-days / --zombie-days'));
  }
  return contents;
}

/**
 * The scan with everything around it: the journal, the cache, Ctrl-C, the
 * live progress line. Returns the report; `report.interrupted` says whether
 * it is complete.
 */
export async function auditLists(files: string[], settings: ScanSettings, io: CommandIO, history?: HistorySession): Promise<AuditReport> {
  const startedAt = new Date();
  const previous = await resumed(settings);
  const now = previous && !settings.nowGiven ? new Date(previous.header.now) : settings.now;
  const journalPath = settings.resume ?? settings.journal ?? defaultJournalPath(settings, startedAt);
  const cache = settings.cache ? await ResultCache.load(settings.cache.path, settings.cache.maxAgeMs) : undefined;
  const secrets = new SecretRegistry();
  const cookies = await loadCookiesFor(settings, secrets, io.env);
  // A bridge's access key (RSSHub's `key=`, a token) stays out of every output, like a cookie.
  if (settings.wechatFeed) for (const value of new URL(settings.wechatFeed).searchParams.values()) if (!/[{}]/.test(value)) secrets.add(value);
  const feedHosts = new Set([...settings.feedHosts, ...(settings.rsshub ? [new URL(settings.rsshub.base).hostname] : [])]);
  // `--via rsshub` asks only RSSHub: no browser is started for it.
  const browserWanted = settings.rsshub?.via === 'rsshub' ? undefined : settings.browser;
  const archiveInfo = { version: packageVersion(), now, thresholds: settings.thresholds, files, browserPlatforms: browserWanted?.platforms };
  const evidence = await evidenceHooks(settings.archive, settings.replay, archiveInfo, startedAt, secrets, settings.lang);
  const browser = await openBrowserRoute(browserWanted, settings.replay, { connectTo: settings.connectTo, pageTimeoutMs: settings.timeoutMs, secrets, cookies: cookies.all() }, io, settings.lang, settings.quiet).catch(
    async (error: unknown) => {
      await evidence?.close();
      throw error;
    },
  );
  // A replay asks nothing of any platform: no pacing, no waiting between retries.
  const replaying = settings.replay ? { rates: new Map([['*', { requests: 0, seconds: 1 }]]), retryBaseMs: 0, retryAfterCapMs: 0 } : {};
  // Created last: anything above may refuse the run, and must not leave an empty journal behind.
  const header = { type: 'header' as const, tool: 'gov-audit' as const, version: packageVersion(), startedAt: startedAt.toISOString(), now: now.toISOString(), thresholds: settings.thresholds, files };
  const journal = await (previous ? Journal.reopen(journalPath, settings.lang) : Journal.create(journalPath, header, settings.lang)).catch(async (error: unknown) => {
    // The browser and the archive are open by now: a journal that cannot be written closes them before the run ends.
    await browser?.close();
    await evidence?.close();
    throw error;
  });
  const feedback = new ScanFeedback(io, settings.lang, settings);
  const stop = new AbortController();
  const releaseSignals = onStopSignals(() => {
    feedback.warn(messages(settings.lang).progress.stopping);
    stop.abort();
  });
  try {
    const listOptions = { encoding: settings.encoding, sheet: settings.sheet, feedHosts };
    const rows = settings.shard && shardRows(settings.shard.index, settings.shard.count, await countDataRows(files, listOptions));
    const report = await scan(readLists(files, { ...listOptions, rows }), {
      now,
      thresholds: settings.thresholds,
      manualCheckDays: settings.manualCheckDays,
      title: settings.title,
      files,
      version: packageVersion(),
      connectTo: settings.connectTo,
      rates: settings.rates,
      concurrency: settings.concurrency,
      perPlatformConcurrency: settings.platformConcurrency,
      retries: settings.retries,
      timeoutMs: settings.timeoutMs,
      // A person solving a captcha in a visible window is given the time the browser route allows them.
      accountDeadlineMs: Math.max(settings.browser?.headed ? 8 * 60_000 : 120_000, settings.timeoutMs * (settings.retries + 1) * 3),
      retryBaseMs: settings.retryBaseMs,
      retryAfterCapMs: settings.retryAfterCapMs,
      maxBodyBytes: settings.maxResponseBytes,
      breaker: settings.breaker,
      secrets,
      cookies,
      rsshub: settings.rsshub,
      extraHosts: [...feedHosts, ...(settings.wechatFeed ? [new URL(settings.wechatFeed).hostname] : [])],
      feedTemplates: settings.wechatFeed ? { 'wechat-mp': settings.wechatFeed } : {},
      groupBy: settings.groupBy,
      shard: settings.shard,
      ...replaying,
      recorder: evidence?.recorder,
      transport: evidence?.transport,
      evidenceFor: evidence?.evidenceFor,
      known: (key) => resumedRecord(previous, key, startedAt) ?? cache?.get(key),
      earlier: history && ((key) => withHistoryErrors(settings.lang, () => history.earlier(key, now))),
      onObservation: async (record: ObservationRecord) => {
        cache?.put(record);
        journal.append(record);
      },
      stop: stop.signal,
      nowFixed: settings.nowGiven,
      canary: settings.canary && { accounts: settings.canary },
      acceptMassNotFound: settings.acceptMassNotFound,
      onAccountRead: (total) => feedback.accountRead(total),
      onFinding: (finding) => feedback.finding(finding),
      onEvent: (event) => feedback.event(event),
      browser: browser && { platforms: browser.platforms, source: browser.source },
    });
    feedback.finish();
    // Each account got its change as it was audited; the report gets the summary.
    if (history) withHistoryErrors(settings.lang, () => history.summarise(report));
    if (evidence) report.archive = evidence.report;
    await cache?.save();
    await journal.close();
    // A complete scan's default journal has served its purpose; an interrupted one is how to resume.
    if (report.interrupted) say(io, settings.quiet, messages(settings.lang).progress.journal(journalPath));
    else if (!settings.journal && !settings.resume) await unlink(journalPath).catch(() => undefined);
    return report;
  } finally {
    releaseSignals();
    feedback.finish();
    previous?.records.close();
    // A scan that ended without saving (an error) keeps the earlier cache as it was.
    await cache?.discard();
    await browser?.close();
    // Every record already made reaches the file, whatever stopped the scan.
    await evidence?.close();
  }
}

/** Writes every requested report, prints the stdout one, and says how the run ends. */
export async function deliver(report: AuditReport, settings: ScanSettings, io: CommandIO): Promise<number> {
  // Invalid rows are errors: they go to stderr whatever the report format, so a piped CSV never hides them.
  for (const problem of report.problems) io.stderr.write(`${describeProblem(problem, settings.lang)}\n`);
  // Notes stop nothing, but a person reading stderr should see them (a totals row left out, a platform guessed).
  if (!settings.quiet) for (const note of report.notes) io.stderr.write(`${describeNote(note, settings.lang)}\n`);
  // What holds the whole run back (no platform reached, not-founds held) is said on stderr too, whatever the format.
  // An alert quotes a platform's answer (a canary's): its controls are shown, never obeyed.
  for (const line of alertLines(report, settings.lang)) io.stderr.write(`${escapeControl(line)}\n`);
  if (nothingWasRead(report)) {
    // An empty report would look like an audit that found nothing: write none.
    io.stderr.write(`${messages(settings.lang).msg.noReport}\n`);
    return EXIT.invalidInput;
  }
  await writeReports(report, settings, io);
  await printReport(report, settings.stdoutFormat, settings.lang, io, settings.verbose, settings.notice);
  const code = exitCodeFor(report, settings.failOn, settings.maxUnverified);
  if (code === EXIT.unseen) io.stderr.write(`${messages(settings.lang).msg.tooManyUnseen(Math.round(unseenShare(report) * 10) / 10, settings.maxUnverified!)}\n`);
  return code;
}

/** The report files asked for with -o, each written whole. */
export async function writeReports(report: AuditReport, settings: ScanSettings, io: CommandIO): Promise<void> {
  for (const { path, format } of settings.outputs) {
    await writeReport(report, path, format, settings.lang, settings.verbose, settings.notice);
    say(io, settings.quiet, messages(settings.lang).msg.wrote(path));
  }
}

const FILE_PROBLEMS: ReadonlySet<string> = new Set(['file-not-found', 'file-unreadable', 'no-account-column', 'empty-file', 'bad-encoding', 'no-such-sheet', 'not-a-workbook', 'not-a-list', 'over-limit']);

/** No list could be read at all: every problem is about a whole file, and no row was read. */
function nothingWasRead(report: AuditReport): boolean {
  return report.accounts.length === 0 && report.duplicates.length === 0 && report.problems.length > 0 && report.problems.every((p) => FILE_PROBLEMS.has(p.code));
}

export function exitCodeFor(report: AuditReport, failOn: readonly Status[], maxUnverified?: number): number {
  if (report.interrupted) return EXIT.interrupted;
  // Bad rows first: a list that is partly unreadable must be fixed before any verdict is trusted.
  if (report.problems.length) return EXIT.invalidInput;
  // A run that reached no platform checked nothing (proof rule 8).
  if (report.alerts?.some((a) => a.code === 'nothing-reached')) return EXIT.nothingReached;
  // Then a run that could not see the platforms: its verdicts are too few to be read as the audit.
  if (maxUnverified !== undefined && unseenShare(report) > maxUnverified) return EXIT.unseen;
  for (const finding of report.accounts) {
    if (failOn.some((threshold) => isAtLeastAsBadAs(finding.status, threshold))) return EXIT.failOn;
  }
  return EXIT.ok;
}

/** Why an account counts as unseen for --max-unverified: the platform was not reached or would not answer. */
const UNSEEN_REASONS: ReadonlySet<string> = new Set(['blocked', 'captcha', 'login-required', 'rate-limited', 'timeout', 'network-error', 'platform-suspect', 'mass-not-found']);

/** The share (0–100) of the report's accounts that came out unverified for network, block or rate-limit reasons. */
export function unseenShare(report: AuditReport): number {
  if (report.accounts.length === 0) return 0;
  let unseen = 0;
  for (const f of report.accounts) if (f.status === 'unverified' && f.reason !== null && UNSEEN_REASONS.has(f.reason)) unseen++;
  return (unseen / report.accounts.length) * 100;
}

export async function scanCommand(files: string[], flags: ScanFlags, lang: Lang, io: CommandIO): Promise<number> {
  const replay = flags.replay ? await openReplay(flags.replay, lang, replayBodyCap(flags.maxResponseBytes)) : undefined;
  const settings: ScanSettings = { ...scanSettings(replayFlags(flags, replay, lang), lang, io), replay };
  return usingHistory(settings.db, lang, async (history) => {
    const report = await auditLists(files, settings, io, history);
    const code = await deliver(report, settings, io);
    recordHistory(report, history, settings, io);
    return code;
  });
}

/** Keeps the audit in the history once its reports are safely written. */
export function recordHistory(report: AuditReport, history: HistorySession | undefined, settings: ScanSettings, io: CommandIO): void {
  if (!history) return;
  const run = withHistoryErrors(settings.lang, () => history.record(report));
  const m = messages(settings.lang).history;
  if (run !== undefined) say(io, settings.quiet, m.recorded(history.store.path, run));
  else if (report.shard && !report.interrupted) say(io, settings.quiet, m.shardNotRecorded(history.store.path, invokedAs(io.env)));
}

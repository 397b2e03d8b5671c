import type { InputEncoding } from '../accounts/encoding.js';
import { readLists } from '../accounts/read.js';
import { DEFAULT_THRESHOLDS, type AuditReport, type Thresholds } from '../audit/finding.js';
import { scan } from '../audit/scan.js';
import { isAtLeastAsBadAs, type Status } from '../audit/status.js';
import { EXIT, UsageError } from '../errors.js';
import type { ConnectTo } from '../fetch/connect-to.js';
import type { Rate } from '../fetch/pacer.js';
import { messages, type Lang } from '../i18n/index.js';
import { packageVersion } from '../paths.js';
import type { Format } from '../report/index.js';
import { describeProblem } from '../report/context.js';
import { printReport, say, writeReport, type CommandIO } from './io.js';
import { OptionParser } from './options.js';

/** Options exactly as commander hands them over. */
export interface ScanFlags {
  format?: string;
  output?: string[];
  now?: string;
  inactiveDays?: string;
  zombieDays?: string;
  encoding?: string;
  failOn?: string[];
  connectTo?: string[];
  rate?: string[];
  concurrency?: string;
  timeout?: string;
  retries?: string;
  quiet?: boolean;
}

export interface ScanSettings {
  lang: Lang;
  now: Date;
  thresholds: Thresholds;
  encoding?: InputEncoding;
  stdoutFormat: Format;
  outputs: { path: string; format: Format }[];
  failOn: Status[];
  connectTo: ConnectTo[];
  rates: Map<string, Rate>;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  retryBaseMs?: number;
  quiet: boolean;
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
    thresholds,
    encoding: parse.encoding(flags.encoding),
    stdoutFormat: parse.format(flags.format) ?? defaultFormat,
    outputs,
    failOn: parse.failOn(flags.failOn ?? []),
    connectTo: parse.connectTo(flags.connectTo ?? []),
    rates: parse.rates(flags.rate ?? []),
    concurrency: parse.positiveInteger('--concurrency', flags.concurrency, 8),
    timeoutMs: parse.seconds('--timeout', flags.timeout, 20) * 1000,
    retries: parse.positiveInteger('--retries', flags.retries, 3, { allowZero: true }),
    quiet: Boolean(flags.quiet),
  };
}

export async function auditLists(files: string[], settings: ScanSettings): Promise<AuditReport> {
  return scan(readLists(files, { encoding: settings.encoding }), {
    now: settings.now,
    thresholds: settings.thresholds,
    files,
    version: packageVersion(),
    connectTo: settings.connectTo,
    rates: settings.rates,
    concurrency: settings.concurrency,
    perPlatformConcurrency: 2,
    retries: settings.retries,
    timeoutMs: settings.timeoutMs,
    accountDeadlineMs: Math.max(120_000, settings.timeoutMs * (settings.retries + 1) * 3),
    retryBaseMs: settings.retryBaseMs,
  });
}

/** Writes every requested report, prints the stdout one, and says how the run ends. */
export async function deliver(report: AuditReport, settings: ScanSettings, io: CommandIO): Promise<number> {
  // Invalid rows are errors: they go to stderr whatever the report format, so a piped CSV never hides them.
  for (const problem of report.problems) io.stderr.write(`${describeProblem(problem, settings.lang)}\n`);
  for (const { path, format } of settings.outputs) {
    await writeReport(report, path, format, settings.lang);
    say(io, settings.quiet, messages(settings.lang).msg.wrote(path));
  }
  printReport(report, settings.stdoutFormat, settings.lang, io);
  return exitCodeFor(report, settings.failOn);
}

export function exitCodeFor(report: AuditReport, failOn: readonly Status[]): number {
  // Bad rows first: a list that is partly unreadable must be fixed before any verdict is trusted.
  if (report.problems.length) return EXIT.invalidInput;
  const failed = report.accounts.some((f) => failOn.some((threshold) => isAtLeastAsBadAs(f.status, threshold)));
  return failed ? EXIT.failOn : EXIT.ok;
}

export async function scanCommand(files: string[], flags: ScanFlags, lang: Lang, io: CommandIO): Promise<number> {
  const settings = scanSettings(flags, lang, io);
  const report = await auditLists(files, settings);
  return deliver(report, settings, io);
}

import { knownAccount, type Account } from '../accounts/account.js';
import type { ListItem } from '../accounts/read.js';
import { knownAccountOption } from './known-accounts.js';
import { scan } from '../audit/scan.js';
import { DEFAULT_THRESHOLDS, type Finding } from '../audit/finding.js';
import { EXIT, UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform, PLATFORMS } from '../platforms/index.js';
import type { PlatformAdapter } from '../platforms/adapter.js';
import type { Messages } from '../i18n/en.js';
import type { Reason, UnverifiedReason } from '../audit/status.js';
import { packageVersion } from '../paths.js';
import { layoutTable } from '../report/layout.js';
import type { CommandIO } from './io.js';
import { scanSettings, type ScanFlags } from './scan.js';
import { loadCookiesFor } from './cookies.js';
import { SecretRegistry } from '../fetch/redact.js';
import { openBrowserRoute } from './browser.js';
import { invokedAs, type CommandPrefix } from './invocation.js';

export interface DoctorFlags extends ScanFlags {
  account?: string[];
}

export type DoctorVerdict = 'working' | 'blocked' | 'layout-changed' | 'unreachable' | 'probe-missing' | 'manual' | 'partial' | 'needs-login' | 'no-probe';

/** What one probe says about its platform; through a browser, a login wall is a login to make, not a block. */
export function verdictOf(finding: Finding, viaBrowser = false): DoctorVerdict {
  if (finding.status === 'not-found') return 'probe-missing';
  if (viaBrowser && finding.reason === 'login-required') return 'needs-login';
  // The probe's page answered, but without a login its list may leave out the newest posts (Douyin): a login completes it.
  if (finding.reason === 'list-incomplete' && findPlatform(finding.account.platform)?.browser?.login) return 'needs-login';
  if (finding.status !== 'unverified') return 'working';
  switch (finding.reason) {
    case 'layout-changed':
      return 'layout-changed';
    case 'timeout':
    case 'network-error':
      return 'unreachable';
    case 'manual-check-required':
    case 'unsupported-platform':
      return 'manual';
    case 'no-dates':
    // A third party (RSSHub, a bridge) answered, but has not caught up lately: it shows activity, never silence.
    case 'source-stale':
      return 'partial';
    // A sample that holds the probe's articles works; one that holds none answers without dates.
    case 'no-recent-post-seen':
      return finding.lastPostAt ? 'working' : 'partial';
    default:
      return 'blocked';
  }
}

/**
 * Probes each platform once with a well-known public account (the adapter's,
 * or `--account platform=id`), through the same pipeline as a scan, and says
 * per platform whether it works, is blocked (and what helps) or has changed.
 */
export async function doctorCommand(flags: DoctorFlags, lang: Lang, io: CommandIO): Promise<number> {
  const m = messages(lang).doctor;
  const settings = scanSettings({ ...flags, output: [] }, lang, io);
  const chosen = new Map((flags.account ?? []).map((pair) => knownAccountOption(pair, '--account', lang)));
  const probed = PLATFORMS.filter((p) => p.createObserver && (chosen.has(p.id) || p.probeAccount));
  const probes: Account[] = probed.map((p, order) => knownAccount(p.id, chosen.get(p.id) ?? { id: p.probeAccount!, url: p.profileUrl(p.probeAccount!) }, 'doctor', order));
  async function* items(): AsyncGenerator<ListItem> {
    for (const account of probes) yield { kind: 'account', account };
  }
  const secrets = new SecretRegistry();
  const cookies = await loadCookiesFor(settings, secrets, io.env);
  const network = { connectTo: settings.connectTo, pageTimeoutMs: settings.timeoutMs, secrets, cookies: cookies.all() };
  const browser = await openBrowserRoute(settings.browser, undefined, network, io, lang, true);
  const report = await scan(items(), {
    now: settings.now,
    thresholds: DEFAULT_THRESHOLDS,
    files: [],
    version: packageVersion(),
    connectTo: settings.connectTo,
    rates: settings.rates,
    concurrency: settings.concurrency,
    perPlatformConcurrency: 1,
    retries: settings.retries,
    timeoutMs: settings.timeoutMs,
    accountDeadlineMs: Math.max(60_000, settings.timeoutMs * (settings.retries + 1) * 3),
    secrets,
    cookies,
    rsshub: settings.rsshub && { ...settings.rsshub, via: 'direct' },
    extraHosts: settings.wechatFeed ? [new URL(settings.wechatFeed).hostname] : [],
    feedTemplates: settings.wechatFeed ? { 'wechat-mp': settings.wechatFeed } : {},
    browser: browser && { platforms: browser.platforms, source: browser.source },
  }).finally(() => browser?.close());
  const rows: DoctorRow[] = [...report.accounts]
    .sort((a, b) => a.account.order - b.account.order)
    .map((finding) => {
      const adapter = findPlatform(finding.account.platform)!;
      const viaBrowser = Boolean(browser?.platforms.has(adapter.id));
      const verdict = verdictOf(finding, viaBrowser);
      const remedies = remediesFor(adapter, verdict, finding.reason, viaBrowser, lang, finding.detail, invokedAs(io.env));
      return { platform: adapter.id, account: finding.account.id, verdict, reason: finding.reason, detail: finding.detail, remedy: remedies.join(lang === 'en' ? '; ' : '；') || null };
    });
  // A platform without a public probe is listed, with how to name one, so that its silence is not mistaken for health.
  for (const p of PLATFORMS.filter((p) => p.createObserver && !probed.includes(p))) {
    rows.push({ platform: p.id, account: null, verdict: 'no-probe', reason: null, detail: null, remedy: m.nameProbe(p.id) });
  }
  if (flags.format === 'json') io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    const table = layoutTable(
      [{ title: m.platform }, { title: m.verdict }, { title: m.detail, shrink: true }, { title: m.remedy, shrink: true }],
      rows.map((r) => [findPlatform(r.platform)?.label[lang] ?? r.platform, m.verdicts[r.verdict], readableDetail(r, lang), r.remedy ?? '']),
      io.stdout.isTTY ? io.stdout.columns : undefined,
    );
    io.stdout.write(`${table}\n`);
  }
  return rows.every((r) => r.verdict === 'working' || r.verdict === 'manual' || r.verdict === 'no-probe') ? EXIT.ok : EXIT.failOn;
}

interface DoctorRow {
  platform: string;
  account: string | null;
  verdict: DoctorVerdict;
  reason: string | null;
  detail: string | null;
  remedy: string | null;
}

/**
 * What the platform answered, for the table: an English reader gets the raw answer; any other reader
 * gets it in words of the language (the reason), the raw answer staying in --format json.
 */
function readableDetail(row: DoctorRow, lang: Lang): string {
  if (lang === 'en' || row.verdict === 'working') return lang === 'en' ? (row.detail ?? '') : '';
  return row.reason ? (messages(lang).reason[row.reason as Reason] ?? '') : '';
}

/** The host a failure names (`getaddrinfo ENOTFOUND api.bilibili.com`), or the platform's first. */
function hostOf(adapter: PlatformAdapter, detail: string | null): string {
  const named = (detail ?? '').match(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/gi) ?? [];
  return named.find((host) => adapter.hosts.some((own) => host === own || host.endsWith(`.${own}`))) ?? adapter.hosts[0] ?? adapter.id;
}

/** What helps a platform that does not answer, by the route it was asked through: every failure has a remedy. */
function remediesFor(adapter: PlatformAdapter, verdict: DoctorVerdict, reason: string | null, viaBrowser: boolean, lang: Lang, detail: string | null, cmd: CommandPrefix): string[] {
  const found = remediesOf(adapter, verdict, reason, viaBrowser, messages(lang).doctor, hostOf(adapter, detail), cmd);
  if (found.length || verdict === 'working') return found;
  const general = reason ? messages(lang).remedy[reason as UnverifiedReason]?.(adapter.id, cmd) : undefined;
  return general ? [general] : [];
}

function remediesOf(adapter: PlatformAdapter, verdict: DoctorVerdict, reason: string | null, viaBrowser: boolean, m: Messages['doctor'], host: string, cmd: CommandPrefix): string[] {
  if (verdict === 'unreachable') return [m.checkNetwork(host, cmd)];
  if (verdict === 'layout-changed') return [m.layoutChanged];
  if (verdict === 'probe-missing') return [m.nameProbe(adapter.id)];
  if (verdict === 'needs-login') return [m.login(adapter.id, cmd)];
  // Only the user's bridge lists a WeChat account's articles.
  if (adapter.id === 'wechat-mp' && (verdict === 'partial' || verdict === 'blocked')) return [verdict === 'blocked' ? m.slower(adapter.id) : '', m.useWechatFeed].filter(Boolean);
  // The account answers but its dates are signed by its page (Toutiao): the browser or RSSHub can read them.
  if (verdict === 'partial' && adapter.browser && !viaBrowser) return [m.useBrowser, adapter.rsshubRoute ? m.useRsshub : ''].filter(Boolean);
  if (verdict !== 'blocked') return [];
  const first = viaBrowser ? (reason === 'captcha' ? m.headed : '') : adapter.browser ? m.useBrowser : adapter.needsCookies || /login|captcha/.test(reason ?? '') ? m.useCookies : '';
  return [first, adapter.rsshubRoute ? m.useRsshub : '', m.slower(adapter.id)].filter(Boolean);
}

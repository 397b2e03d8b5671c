import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import type { ScanFlags } from './scan.js';

export const DEFAULT_CONFIG_FILE = 'gov-audit.config.json';

/** The settings a config file may hold (docs/config.md). Flags win over them. */
export interface ConfigFile {
  lang?: string;
  inactiveDays?: number;
  manualCheckDays?: number;
  /** The reports' heading (--title). */
  title?: string;
  zombieDays?: number;
  rates?: Record<string, string>;
  connectTo?: string[];
  concurrency?: number;
  platformConcurrency?: number;
  timeout?: number;
  retries?: number;
  retryAfterCap?: number;
  maxResponseBytes?: number;
  breaker?: { threshold?: number; coolDown?: number };
  outputs?: string[];
  failOn?: string[];
  maxUnverified?: number;
  /** Known accounts per platform (`platform=id`), or false for --no-canary. */
  canary?: string[] | false;
  acceptMassNotFound?: boolean;
  cache?: string;
  maxAge?: string;
  encoding?: string;
  cookies?: string;
  rsshub?: string;
  via?: string;
  feedHosts?: string[];
  /** The user's WeChat-to-RSS bridge (--wechat-feed): a feed URL template. */
  wechatFeed?: string;
  groupBy?: string[];
  /** The history database (--db). */
  db?: string;
  /** Folder for WARC archives (--archive). */
  archive?: string;
  /** The browser route (--browser): `auto`, chrome, msedge, chromium or a path. */
  browser?: string;
  /** The platforms it covers (--browser-for). */
  browserFor?: string[];
  /** Attach to the user's own browser instead (--browser-cdp). */
  browserCdp?: string;
  /** The browser profile that keeps the logins (--profile-dir). */
  profileDir?: string;
}

type Kind = 'string' | 'number' | 'boolean' | 'string[]' | 'string[]|false' | 'record' | 'breaker';
const KEYS: Record<keyof ConfigFile, Kind> = {
  lang: 'string',
  inactiveDays: 'number',
  manualCheckDays: 'number',
  title: 'string',
  zombieDays: 'number',
  rates: 'record',
  connectTo: 'string[]',
  concurrency: 'number',
  platformConcurrency: 'number',
  timeout: 'number',
  retries: 'number',
  retryAfterCap: 'number',
  maxResponseBytes: 'number',
  breaker: 'breaker',
  outputs: 'string[]',
  failOn: 'string[]',
  maxUnverified: 'number',
  canary: 'string[]|false',
  acceptMassNotFound: 'boolean',
  cache: 'string',
  maxAge: 'string',
  encoding: 'string',
  cookies: 'string',
  rsshub: 'string',
  via: 'string',
  feedHosts: 'string[]',
  wechatFeed: 'string',
  groupBy: 'string[]',
  db: 'string',
  archive: 'string',
  browser: 'string',
  browserFor: 'string[]',
  browserCdp: 'string',
  profileDir: 'string',
};

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]|false':
      return value === false || fits('string[]', value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'record':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
    case 'breaker':
      return (
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(([k, v]) => ['threshold', 'coolDown'].includes(k) && typeof v === 'number')
      );
  }
}

/**
 * Reads `--config <file>`, or gov-audit.config.json in the working directory
 * when there is one. Every key is checked; a typo is an error, never ignored.
 */
export function loadConfig(explicit: string | undefined, lang: Lang, cwd = process.cwd()): ConfigFile {
  const path = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  const fail = (why: string): never => {
    throw new UsageError(messages(lang).error.badConfig(explicit ?? DEFAULT_CONFIG_FILE, why));
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && explicit === undefined) return {};
    return fail((error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('expected a JSON object');
  for (const [key, value] of Object.entries(parsed)) {
    const kind = KEYS[key as keyof ConfigFile];
    if (!kind) fail(messages(lang).error.configUnknownKey(key, Object.keys(KEYS).join(', ')));
    else if (!fits(kind, value)) fail(messages(lang).error.configBadValue(key, kind));
  }
  return parsed as ConfigFile;
}

/** The config file as flag values, under the flags actually given: flags win. */
export function withConfig(flags: ScanFlags, config: ConfigFile): ScanFlags {
  const text = (value: number | string | undefined) => (value === undefined ? undefined : String(value));
  const list = (given: string[] | undefined, fromFile: string[] | undefined) => (given?.length ? given : fromFile);
  const fileRates = Object.entries(config.rates ?? {}).map(([platform, rate]) => `${platform}=${rate}`);
  return {
    ...flags,
    inactiveDays: flags.inactiveDays ?? text(config.inactiveDays),
    manualCheckDays: flags.manualCheckDays ?? text(config.manualCheckDays),
    title: flags.title ?? config.title,
    zombieDays: flags.zombieDays ?? text(config.zombieDays),
    concurrency: flags.concurrency ?? text(config.concurrency),
    platformConcurrency: flags.platformConcurrency ?? text(config.platformConcurrency),
    timeout: flags.timeout ?? text(config.timeout),
    retries: flags.retries ?? text(config.retries),
    encoding: flags.encoding ?? config.encoding,
    cache: flags.cache ?? config.cache,
    db: flags.db ?? config.db,
    // A replay makes no request, so the config file's archive folder does not apply to it.
    archive: flags.archive ?? (flags.replay ? undefined : config.archive),
    cookies: flags.cookies ?? config.cookies,
    rsshub: flags.rsshub ?? config.rsshub,
    via: flags.via ?? config.via,
    feedHost: list(flags.feedHost, config.feedHosts),
    wechatFeed: flags.wechatFeed ?? config.wechatFeed,
    groupBy: list(flags.groupBy, config.groupBy),
    maxAge: flags.maxAge ?? config.maxAge,
    output: list(flags.output, config.outputs),
    failOn: list(flags.failOn, config.failOn),
    maxUnverified: flags.maxUnverified ?? text(config.maxUnverified),
    canary: flags.canary ?? (config.canary === false ? false : list(undefined, config.canary || undefined)),
    acceptMassNotFound: flags.acceptMassNotFound ?? config.acceptMassNotFound,
    connectTo: list(flags.connectTo, config.connectTo),
    // Per platform: the file's rates first, so that a flag for the same platform overrides it.
    rate: [...fileRates, ...(flags.rate ?? [])],
    retryAfterCap: flags.retryAfterCap ?? text(config.retryAfterCap),
    maxResponseBytes: text(config.maxResponseBytes),
    breakerThreshold: text(config.breaker?.threshold),
    breakerCoolDown: text(config.breaker?.coolDown),
    // A replay needs no browser: the archive holds what the pages received.
    ...(flags.replay ? {} : browserFromConfig(flags, config)),
  };
}

/** The config file's browser route; a browser flag (`--browser`, `--browser-cdp`) chooses the browser alone. */
function browserFromConfig(flags: ScanFlags, config: ConfigFile): Partial<ScanFlags> {
  const chosen = flags.browser !== undefined || flags.browserCdp !== undefined;
  const browser = chosen || config.browser === undefined ? flags.browser : config.browser === 'auto' ? true : config.browser;
  const browserCdp = chosen ? flags.browserCdp : config.browserCdp;
  // The file's platforms apply whenever a browser is used, and only then.
  const used = browser !== undefined || browserCdp !== undefined;
  const browserFor = flags.browserFor?.length ? flags.browserFor : used ? config.browserFor : undefined;
  return { browser, browserCdp, browserFor, profileDir: flags.profileDir ?? config.profileDir };
}

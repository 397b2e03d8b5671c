import { UsageError } from '../errors.js';
import type { ConnectTo } from '../fetch/connect-to.js';
import { redactUrl, type SecretRegistry } from '../fetch/redact.js';
import type { WarcReplay } from '../fetch/replay.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform, PLATFORMS } from '../platforms/index.js';
import type { PageSource } from '../browser/route.js';
import { BrowserNotFound, findBrowser, type BrowserChoice } from '../browser/find.js';
import { defaultProfileDir } from '../browser/profile.js';
import { BrowserSession, BrowserStartError, type BrowserSessionOptions } from '../browser/session.js';
import type { CommandIO } from './io.js';
import { invokedAs } from './invocation.js';

/** The browser options as commander hands them over (`--browser` alone is `true`). */
export interface BrowserFlags {
  browser?: string | boolean;
  browserFor?: string[];
  browserCdp?: string;
  profileDir?: string;
  headed?: boolean;
}

export interface BrowserSettings {
  /** Launch this browser… */
  choice?: BrowserChoice;
  /** …or attach to the user's own. */
  cdp?: string;
  platforms: string[];
  profileDir: string;
  headed: boolean;
}

/** The platforms with a browser recipe: those the route covers unless --browser-for says otherwise. */
export const BROWSER_PLATFORMS = PLATFORMS.filter((p) => p.browser).map((p) => p.id);

/** `undefined` when no browser option was given. The browser is looked for now, so a missing one stops the run before it starts. */
export function browserSettings(flags: BrowserFlags, lang: Lang, env: NodeJS.ProcessEnv): BrowserSettings | undefined {
  const m = messages(lang).browser;
  if (flags.browser === undefined && !flags.browserCdp) {
    if (flags.browserFor?.length) throw new UsageError(messages(lang).error.badOption('--browser-for', flags.browserFor.join(','), '--browser or --browser-cdp as well'));
    return undefined;
  }
  if (flags.browser !== undefined && flags.browserCdp) throw new UsageError(m.cdpAndBrowser);
  const platforms = chosenPlatforms(flags.browserFor, lang);
  const profileDir = flags.profileDir ?? defaultProfileDir(env);
  if (flags.browserCdp) return { cdp: flags.browserCdp, platforms, profileDir, headed: true };
  return { choice: locate(typeof flags.browser === 'string' ? flags.browser : undefined, lang, env), platforms, profileDir, headed: Boolean(flags.headed) };
}

export function locate(which: string | undefined, lang: Lang, env: NodeJS.ProcessEnv): BrowserChoice {
  try {
    return findBrowser(which, env);
  } catch (error) {
    if (error instanceof BrowserNotFound) throw new UsageError(messages(lang).browser.notFound(error.asked));
    throw error;
  }
}

function chosenPlatforms(values: string[] | undefined, lang: Lang): string[] {
  if (!values?.length) return BROWSER_PLATFORMS;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((name) => {
      const platform = findPlatform(name);
      if (!platform?.browser) throw new UsageError(messages(lang).browser.noRecipe(name, platformNamesIn(BROWSER_PLATFORMS, lang)));
      return platform.id;
    });
}

/** Every host a page of the chosen platforms may load from: the platforms' own and their recipes'. */
export function pageHosts(platforms: readonly string[]): Set<string> {
  return new Set(platforms.flatMap((id) => [...(findPlatform(id)?.hosts ?? []), ...(findPlatform(id)?.browser?.pageHosts ?? [])]));
}

/** Starts the browser, or says why not, in the user's language (exit 3). */
export async function startBrowser(settings: BrowserSettings, options: Omit<BrowserSessionOptions, 'launch' | 'cdp'>, lang: Lang): Promise<BrowserSession> {
  const m = messages(lang).browser;
  try {
    return await BrowserSession.open({
      ...options,
      cdp: settings.cdp,
      launch: settings.choice && { choice: settings.choice, profileDir: settings.profileDir, headless: !settings.headed },
    });
  } catch (error) {
    if (!(error instanceof BrowserStartError)) throw error;
    const said = (message: string) => Object.assign(new UsageError(message), { cause: error.cause ?? error });
    if (error.kind === 'profile-in-use') throw said(m.profileInUse(settings.profileDir));
    // The process's own environment: startBrowser is given no CommandIO, and only npm's variables in it matter here.
    if (error.kind === 'no-display') throw said(m.noDisplay(invokedAs(process.env)));
    // The browser's own words are English: an English reader gets them, every reader gets the remedy (--debug shows them).
    if (error.kind === 'attach-failed') throw said(m.attachFailed(settings.cdp ?? '', lang === 'en' ? error.message : m.attachRefused));
    const plain = m.launchFailed(settings.choice?.label ?? '');
    throw said(lang === 'en' ? `${plain} (${error.message})` : plain);
  }
}

/** Platform codes as a person reads them: the language's names, joined as its lists are. */
export function platformNamesIn(ids: readonly string[], lang: Lang): string {
  return ids.map((id) => findPlatform(id)?.label[lang] ?? id).join(messages(lang).listJoin);
}

/** What a scan needs for its browser route: the platforms, the pages' source, and how to close it. */
export interface BrowserRoute {
  platforms: Set<string>;
  source: PageSource;
  close(): Promise<void>;
}

/**
 * The browser route of one scan: a live browser when asked for, or the
 * archive's pages when replaying a scan that used one. A person at a
 * terminal with a visible window solves captchas; nobody else is waited for.
 */
export async function openBrowserRoute(
  settings: BrowserSettings | undefined,
  replay: WarcReplay | undefined,
  network: { connectTo: readonly ConnectTo[]; pageTimeoutMs: number; secrets: SecretRegistry; cookies?: BrowserSessionOptions['cookies'] },
  io: CommandIO,
  lang: Lang,
  quiet: boolean,
): Promise<BrowserRoute | undefined> {
  if (replay) {
    const platforms = replay.info.browserPlatforms ?? [];
    return platforms.length ? { platforms: new Set(platforms), source: { kind: 'replay', replay }, close: async () => undefined } : undefined;
  }
  if (!settings) return undefined;
  const m = messages(lang).browser;
  const person = settings.headed && io.stdinIsTTY && io.stderr.isTTY && !io.env.CI;
  const session = await startBrowser(
    settings,
    {
      connectTo: network.connectTo,
      allowedHosts: pageHosts(settings.platforms),
      pageTimeoutMs: network.pageTimeoutMs,
      secrets: network.secrets,
      cookies: network.cookies,
      person: person
        ? { waitMs: 5 * 60_000, onCaptcha: (url) => io.stderr.write(`${m.captcha(redactUrl(url))}\n`), onSolved: (url) => io.stderr.write(`${m.solved(redactUrl(url))}\n`) }
        : undefined,
    },
    lang,
  );
  if (!quiet) io.stderr.write(`${m.started(settings.cdp ?? settings.choice!.label, platformNamesIn(settings.platforms, lang))}\n`);
  return { platforms: new Set(settings.platforms), source: { kind: 'live', session }, close: () => session.close() };
}

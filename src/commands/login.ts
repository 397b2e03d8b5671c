import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { EXIT, UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform } from '../platforms/index.js';
import { layoutTable } from '../report/layout.js';
import { defaultProfileDir, noteLogin, readLogins } from '../browser/profile.js';
import type { BrowserSession } from '../browser/session.js';
import { BROWSER_PLATFORMS, locate, pageHosts, platformNamesIn, startBrowser } from './browser.js';
import type { CommandIO } from './io.js';
import { invokedAs, type CommandPrefix } from './invocation.js';
import { OptionParser } from './options.js';

export interface LoginFlags {
  status?: boolean;
  profileDir?: string;
  browser?: string;
  connectTo?: string[];
  headless?: boolean;
  wait?: string;
  format?: string;
}

const POLL_MS = 1000;
/** The platforms with a login page to keep (Toutiao's pages need none). */
const LOGIN_PLATFORMS = BROWSER_PLATFORMS.filter((id) => findPlatform(id)?.browser?.login);
const SCREENSHOT_EVERY_MS = 30_000;

/**
 * `gov-audit login <platform>`: a visible window on the platform's login
 * page, on gov-audit's own profile, until the login cookie appears (a QR
 * scan). `--status` says per platform whether the profile is logged in.
 * No cookie value is ever printed.
 */
export async function loginCommand(platformName: string | undefined, flags: LoginFlags, lang: Lang, io: CommandIO): Promise<number> {
  const m = messages(lang).browser;
  const parse = new OptionParser(lang);
  const profileDir = flags.profileDir ?? defaultProfileDir(io.env);
  const connectTo = parse.connectTo(flags.connectTo ?? []);
  const choice = locate(flags.browser, lang, io.env);
  if (flags.status) return loginStatus(profileDir, { choice, connectTo }, flags.format, lang, io);
  if (!platformName) throw new UsageError(m.loginNeedsPlatform);
  const platform = findPlatform(platformName);
  const login = platform?.browser?.login;
  if (!platform || !login) throw new UsageError(m.loginNoRecipe(platformName, platformNamesIn(LOGIN_PLATFORMS, lang)));
  const waitMs = parse.seconds('--wait', flags.wait, 300) * 1000;
  const session = await startBrowser(
    { choice, platforms: [platform.id], profileDir, headed: !flags.headless },
    { connectTo, allowedHosts: pageHosts([platform.id]), pageTimeoutMs: 60_000 },
    lang,
  );
  const name = platform.label[lang];
  try {
    const before = await loginCookie(session, login);
    const page = await session.newPage({ pictures: true });
    await page.goto(login.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const screenshot = join(profileDir, `login-${platform.id}.png`);
    let shotAt = 0;
    if (flags.headless) {
      // The message sends the person to the picture: it is there before they are told to open it.
      await page.waitForLoadState('load', { timeout: 10_000 }).catch(() => undefined);
      await savePicture(page, screenshot);
      shotAt = Date.now();
      io.stderr.write(`${m.loginHeadless(name, screenshot)}\n`);
    } else io.stderr.write(`${m.loginOpen(name, login.url)}\n`);
    for (const end = Date.now() + waitMs; Date.now() < end; await sleep(POLL_MS)) {
      const now = await loginCookie(session, login);
      // A login sets the cookie, or changes it: guests get one too on some platforms.
      if (now && now !== before) {
        await noteLogin(profileDir, platform.id, new Date());
        io.stderr.write(`${m.loginDone(name, profileDir)}\n`);
        return EXIT.ok;
      }
      // The person closed the window (or its tab) before logging in: nothing more will come.
      if (page.isClosed()) throw new LoginWindowClosed();
      if (flags.headless && Date.now() - shotAt >= SCREENSHOT_EVERY_MS) {
        shotAt = Date.now();
        // An expired QR code cannot be scanned: a fresh login page brings a fresh one, and the person is told.
        if (await qrExpired(page)) {
          await page.reload({ waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
          await savePicture(page, screenshot);
          io.stderr.write(`${m.qrRefreshed(screenshot)}\n`);
        } else await savePicture(page, screenshot);
      }
    }
    // No login within --wait (a QR code left to expire): exit 2, as docs/cli.md has it (exit codes are added, never changed).
    io.stderr.write(`gov-audit: ${m.loginTimeout(name, Math.max(1, Math.round(waitMs / 60_000)), invokedAs(io.env))}\n`);
    return EXIT.failOn;
  } catch (error) {
    throw loginFailure(error, name, new URL(login.url).hostname, lang, invokedAs(io.env));
  } finally {
    await session.close();
  }
}

class LoginWindowClosed extends Error {}

/** Playwright's words for a page whose address could not be reached: DNS, connection, proxy, TLS, or no answer in time. */
const UNREACHABLE = /net::ERR_(?:NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_\w+|ADDRESS_\w+|NETWORK_\w+|PROXY_\w+|TUNNEL_\w+|TIMED_OUT|SSL_\w+|CERT_\w+|EMPTY_RESPONSE)|Timeout \d+ms exceeded/;
/** Playwright's words for a window, tab or browser that went away. */
const CLOSED = /Target (?:page, context or browser )?(?:has been )?closed|Browser has been closed|browser has disconnected/i;

/**
 * Whatever stopped a login, as one line in the user's language with what to do (exit 3):
 * the browser's own words (English, coloured) go to --debug only.
 */
function loginFailure(error: unknown, name: string, host: string, lang: Lang, cmd: CommandPrefix): Error {
  if (error instanceof UsageError) return error;
  const m = messages(lang).browser;
  const text = error instanceof Error ? error.message : String(error);
  const said = (message: string) => Object.assign(new UsageError(message), { cause: error });
  if (error instanceof LoginWindowClosed || CLOSED.test(text)) return said(m.loginClosed(name, cmd));
  if (UNREACHABLE.test(text)) return said(m.loginUnreachable(name, host, cmd));
  return said(m.loginFailed(name, cmd));
}

/** Whether the login page says its QR code has expired (the platforms' own words, in Chinese). */
async function qrExpired(page: Page): Promise<boolean> {
  const text = page.evaluate<string>('document.body ? document.body.innerText : ""').catch(() => '');
  const answer = await Promise.race([text, sleep(2000).then(() => '')]);
  return /二维码(?:已|已经)?(?:过期|失效)|已过期，?请?(?:点击)?刷新/.test(answer);
}

/** The login page as a picture, QR code included; a page that cannot be pictured now is tried again at the next refresh. */
async function savePicture(page: Page, path: string): Promise<void> {
  await page.screenshot({ path, timeout: 10_000 }).catch(() => undefined);
}

async function loginCookie(session: BrowserSession, login: { cookie: string; domain: string }): Promise<string | undefined> {
  const cookies = await session.cookies(login.domain);
  return cookies.find((c) => c.name === login.cookie && c.value)?.value;
}

/** Per platform: logged in (the login cookie is there and unexpired), expired, or never logged in. */
async function loginStatus(
  profileDir: string,
  network: Pick<Parameters<typeof startBrowser>[0], 'choice'> & { connectTo: ReturnType<OptionParser['connectTo']> },
  format: string | undefined,
  lang: Lang,
  io: CommandIO,
): Promise<number> {
  const m = messages(lang).browser;
  const logins = await readLogins(profileDir);
  let session: BrowserSession | undefined;
  if (existsSync(profileDir)) {
    session = await startBrowser({ choice: network.choice, platforms: LOGIN_PLATFORMS, profileDir, headed: false }, { connectTo: network.connectTo, allowedHosts: pageHosts(LOGIN_PLATFORMS), pageTimeoutMs: 30_000 }, lang);
  }
  try {
    const rows: { platform: string; state: 'yes' | 'expired' | 'no'; since: string | null }[] = [];
    for (const id of LOGIN_PLATFORMS) {
      const login = findPlatform(id)!.browser!.login!;
      const cookie = session ? (await session.cookies(login.domain)).find((c) => c.name === login.cookie && c.value) : undefined;
      const alive = cookie && (cookie.expires === -1 || cookie.expires * 1000 > Date.now());
      const since = logins[id]?.at ?? null;
      rows.push({ platform: id, state: alive && since ? 'yes' : since ? 'expired' : 'no', since });
    }
    if (format === 'json') io.stdout.write(`${JSON.stringify({ profileDir, platforms: rows }, null, 2)}\n`);
    else {
      const table = layoutTable(
        [{ title: m.status.platform }, { title: m.status.state }, { title: m.status.since }],
        rows.map((r) => [findPlatform(r.platform)!.label[lang], m.status[r.state], r.since ?? '']),
        io.stdout.isTTY ? io.stdout.columns : undefined,
      );
      io.stdout.write(`${m.profile(profileDir)}\n${table}\n`);
    }
    return EXIT.ok;
  } finally {
    await session?.close();
  }
}

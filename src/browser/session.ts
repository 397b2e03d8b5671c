import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Browser, Page, Request, Response, Route } from 'playwright-core';
import { request as undiciRequest } from 'undici';
import type { AwaitedAnswer, BlockMarker, CapturedAnswer, PageCapture, PageVisit } from '../platforms/adapter.js';
import { findConnectTo, type ConnectTo } from '../fetch/connect-to.js';
import { redactUrl, type SecretRegistry } from '../fetch/redact.js';
import type { BrowserChoice } from './find.js';
import { keepIfAbout } from './answers.js';

/*
 * The browser machinery, in one place: launching a browser on gov-audit's
 * profile or attaching to the user's own, one tab per account, what a tab
 * may load, the answers a recipe waits for, block markers, a person solving
 * a captcha. Platform files hold only their recipes.
 */

export interface BrowserSessionOptions {
  /** Launch this browser on `profileDir`… */
  launch?: { choice: BrowserChoice; profileDir: string; headless: boolean };
  /** …or attach to the user's own (`--browser-cdp`). */
  cdp?: string;
  /** Requests for a platform host go to the given origin instead (`--connect-to`). */
  connectTo: readonly ConnectTo[];
  /** The only hosts a page may load from: the platforms' own and the ones their recipes declare. */
  allowedHosts: ReadonlySet<string>;
  /** How long a page may take to deliver what its recipe waits for. */
  pageTimeoutMs: number;
  /** Cookies the user supplied (`--cookies`): added to the browser before the first page. */
  cookies?: readonly { domain: string; subdomains: boolean; path: string; secure: boolean; expires: number; name: string; value: string }[];
  /** Cookie values of the profile are registered here, so that no output ever shows them. */
  secrets?: SecretRegistry;
  /** A person at the window (`--headed` on a terminal): a captcha waits for them. */
  person?: { waitMs: number; onCaptcha(url: string, detail: string): void; onSolved(url: string): void };
  /** How long a launched browser is given to close before it is stopped (default 10 s). */
  closeTimeoutMs?: number;
}

/** Why the browser could not be started or reached; the command says it with the remedy. */
export class BrowserStartError extends Error {
  constructor(
    readonly kind: 'profile-in-use' | 'no-display' | 'launch-failed' | 'attach-failed',
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** A headed browser on a machine without a screen: what Chromium and Playwright say then. */
const NO_DISPLAY = /XServer|Missing X server|\$DISPLAY|cannot open display|platform failed to initialize/i;

/**
 * What pages never load: pictures, video and fonts cost bandwidth and say
 * nothing about an account.
 */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'texttrack']);

/**
 * Launch flags that keep the page from seeing an automated browser: no
 * `navigator.webdriver`, no "controlled by automated software" infobar.
 */
const QUIET_ARGS = [
  '--disable-blink-features=AutomationControlled',
  '--no-first-run',
  '--no-default-browser-check',
  // Nothing of the browser's own: no update checks, sync, extensions or sound.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--mute-audio',
];
/**
 * Flags that take from a page what it could reach without a request the
 * routing sees: WebRTC's own UDP (STUN to any address) is off unless proxied.
 * (The host resolver rules, made per scan in `reachArgs`, do the rest.)
 */
const NO_SIDE_CHANNELS = ['--webrtc-ip-handling-policy=disable_non_proxied_udp'];
const POLL_MS = 150;
const CLOSE_TIMEOUT_MS = 10_000;
/**
 * How long a look into the page (its title, an element) may take. A page whose
 * script never yields (an anti-debugging loop) answers no such question; the
 * visit goes on to its deadline instead of waiting on it.
 */
const LOOK_MS = 1000;
/** Beyond the longest a visit can take when the browser answers: the margin before it is given up. */
const VISIT_MARGIN_MS = 10_000;

export class BrowserSession {
  /** gov-audit's own tabs, and whether each may load pictures (a login page's QR code). */
  private readonly ownPages = new Map<Page, { pictures: boolean }>();
  /** Own tabs being opened: a new page is judged a stranger only once these are known. */
  private readonly opening = new Set<Promise<Page>>();
  private userAgent: { ua: string; brands: { brand: string; version: string }[] } | undefined;
  private closed = false;
  /** The process of a browser we launched, to stop it if it stops answering. */
  private browserPid: number | undefined;

  private constructor(
    private readonly context: BrowserContext,
    /** Set when attached over CDP: the user's browser, never closed by us. */
    private readonly attached: Browser | undefined,
    private readonly options: BrowserSessionOptions,
  ) {}

  static async open(options: BrowserSessionOptions): Promise<BrowserSession> {
    const { chromium } = await import('playwright-core');
    if (options.cdp) {
      let browser: Browser;
      try {
        browser = await chromium.connectOverCDP(options.cdp, { timeout: 30_000, noDefaults: true });
      } catch (error) {
        throw new BrowserStartError('attach-failed', firstLine(error), error);
      }
      const context = browser.contexts()[0] ?? (await browser.newContext());
      const session = new BrowserSession(context, browser, options);
      await session.addUserCookies();
      await session.registerCookies();
      return session;
    }
    const { choice, profileDir, headless } = options.launch!;
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: choice.executablePath,
        headless,
        // Chromium refuses its sandbox to root (a CI container); a headless browser needs no GPU process.
        args: [
          ...QUIET_ARGS,
          ...reachArgs(options.allowedHosts, process.env),
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
          ...(headless ? ['--disable-gpu'] : []),
        ],
        ignoreDefaultArgs: ['--enable-automation'],
        // A service worker would answer requests that no route sees.
        serviceWorkers: 'block',
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1366, height: 768 },
        acceptDownloads: false,
        // Ctrl-C is the scan's to handle: the browser closes once every report is written.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 60_000,
      });
    } catch (error) {
      const message = firstLine(error);
      const full = error instanceof Error ? error.message : String(error);
      const inUse = /ProcessSingleton|SingletonLock|profile.*(in use|already)/i.test(full);
      throw new BrowserStartError(inUse ? 'profile-in-use' : !headless && NO_DISPLAY.test(full) ? 'no-display' : 'launch-failed', message, error);
    }
    // Closing a browser's last tab ends its browsing session, and Chromium then drops every session
    // cookie (a login given with --cookies): measured. One blank tab stays open for the whole scan.
    const [blank, ...others] = context.pages();
    if (!blank) await context.newPage();
    for (const page of others) await page.close().catch(() => undefined);
    const session = new BrowserSession(context, undefined, options);
    await session.guardContext();
    session.browserPid = await browserProcessId(context);
    await session.addUserCookies();
    await session.registerCookies();
    return session;
  }

  private async addUserCookies(): Promise<void> {
    const cookies = this.options.cookies ?? [];
    if (!cookies.length) return;
    await this.context.addCookies(
      cookies.map((c) => ({ name: c.name, value: c.value, domain: c.subdomains ? `.${c.domain}` : c.domain, path: c.path || '/', secure: c.secure, expires: c.expires > 0 ? c.expires : -1 })),
    );
  }

  /** Cookie names and values of a site as the browser holds them, for `login`. Never printed. */
  async cookies(url: string): Promise<{ name: string; value: string; expires: number }[]> {
    return this.context.cookies(url);
  }

  /**
   * A tab of our own, quiet about automation and routed as the scan allows.
   * A login page keeps its pictures: the QR code is one.
   */
  async newPage({ pictures = false } = {}): Promise<Page> {
    const opening = this.context.newPage();
    this.opening.add(opening);
    let page: Page;
    try {
      page = await opening;
      this.ownPages.set(page, { pictures });
    } finally {
      this.opening.delete(opening);
    }
    page.once('close', () => this.ownPages.delete(page));
    // A window the page opens (window.open, a form or link with target=_blank) is closed at once; it loads nothing.
    page.on('popup', (popup) => void popup.close().catch(() => undefined));
    await this.hideHeadless(page);
    if (this.attached) {
      // The user's own browser: only our tabs are routed, theirs are left alone.
      await page.route('**/*', (route) => this.route(route));
      await page.routeWebSocket((url) => !this.mayReach(url), (ws) => ws.close({ code: 1008, reason: 'not a declared host' }));
    }
    return page;
  }

  /**
   * A browser gov-audit launched: every page, popup, frame and worker of its
   * context goes through one filter, and any page it did not open itself is
   * closed as soon as it appears (a popup, a new tab a form opened).
   */
  private async guardContext(): Promise<void> {
    const [blank] = this.context.pages();
    await this.context.route('**/*', (route) => this.route(route));
    await this.context.routeWebSocket((url) => !this.mayReach(url), (ws) => ws.close({ code: 1008, reason: 'not a declared host' }));
    this.context.on('page', (page) => void this.closeIfStranger(page, blank));
  }

  private async closeIfStranger(page: Page, blank: Page | undefined): Promise<void> {
    // The page event of a tab of our own comes before `newPage` knows it.
    await Promise.allSettled([...this.opening]);
    if (page !== blank && !this.ownPages.has(page)) await page.close().catch(() => undefined);
  }

  /** Which of our tabs a request comes from (a worker's requests count as its page's), if any. */
  private ownTabOf(request: Request): { pictures: boolean } | undefined {
    try {
      return this.ownPages.get(request.frame().page());
    } catch {
      // No frame yet: a popup's first navigation, or a service worker's request. Neither is ours.
      return undefined;
    }
  }

  /** A declared host over http(s), ws(s), or the page's own data. */
  private mayReach(url: URL): boolean {
    if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
    return /^(?:https?|wss?):$/.test(url.protocol) && hostAllowed(this.options.allowedHosts, url.hostname);
  }

  /**
   * Opens one page as a person would, collects what the recipe waits for, and closes the tab.
   * A browser that stops answering mid-visit is given up on after the longest a visit takes when
   * it answers: the page is `timeout`, and its tab is closed whenever the browser gets to it.
   */
  async visit(visit: PageVisit, signal: AbortSignal): Promise<PageCapture> {
    signal.throwIfAborted();
    const opening = this.newPage();
    const visiting = opening.then((page) => this.visitOn(page, visit, signal));
    const limitMs = 2 * this.options.pageTimeoutMs + (this.options.person?.waitMs ?? 0) + VISIT_MARGIN_MS;
    if (await settlesWithin(visiting, limitMs)) return visiting;
    void opening.then((page) => page.close()).catch(() => undefined);
    return { answers: {}, unfinished: { reason: 'timeout', detail: `the browser did not answer within ${limitMs / 1000} s` } };
  }

  private async visitOn(page: Page, visit: PageVisit, signal: AbortSignal): Promise<PageCapture> {
    const onAbort = () => void page.close().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.collect(page, visit, signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await page.close().catch(() => undefined);
    }
  }

  /**
   * Closes our tabs; closes the browser only when we launched it. The user's browser is left running.
   * A launched browser that does not close in time is stopped: left running, it would hold the
   * profile and keep gov-audit from ever exiting (the driver's connection to it stays open).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing = this.closeGracefully();
    const timeoutMs = this.options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
    if (this.attached || (await settlesWithin(closing, timeoutMs))) return;
    if (this.browserPid !== undefined) {
      try {
        process.kill(this.browserPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await settlesWithin(closing, timeoutMs);
  }

  private async closeGracefully(): Promise<void> {
    for (const page of [...this.ownPages.keys()]) await page.close().catch(() => undefined);
    if (this.attached) await this.attached.close().catch(() => undefined);
    else await this.context.close().catch(() => undefined);
  }

  private async collect(page: Page, visit: PageVisit, signal: AbortSignal): Promise<PageCapture> {
    const captured: PageCapture = { answers: {} };
    const asked = new Set<string>();
    page.on('request', (request) => {
      for (const answer of visit.answers) if (matches(answer, request)) asked.add(answer.name);
    });
    const reading = new Set<Promise<void>>();
    let finished = false;
    let changes = 0;
    // A body still being read when the visit ends is dropped: the capture handed back never changes after.
    const read = (work: Promise<CapturedAnswer>, keep: (answer: CapturedAnswer) => void) => {
      const kept = work.then((answer) => {
        if (finished) return;
        keep(answer);
        changes++;
      });
      reading.add(kept);
      void kept.finally(() => reading.delete(kept));
    };
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        // A redirect has no body to read; the page it leads to is the document.
        if (response.status() < 300 || response.status() >= 400) read(capture(response), (c) => (captured.document = c));
        return;
      }
      const wanted = visit.answers.find((a) => !captured.answers[a.name] && matches(a, request));
      if (wanted) read(capture(response), (c) => keepIfAbout(captured, wanted, c));
    });
    try {
      return await this.settle(page, visit, { captured, asked, reading, changes: () => changes }, signal);
    } finally {
      finished = true;
    }
  }

  /** Waits until the page has received what the recipe needs, shows a block marker, or runs out of time. */
  private async settle(page: Page, visit: PageVisit, collected: Collected, signal: AbortSignal): Promise<PageCapture> {
    const { captured, asked, reading } = collected;
    const navigation = page.goto(visit.url, { waitUntil: 'domcontentloaded', timeout: this.options.pageTimeoutMs }).catch((error: unknown) => error as Error);
    const deadline = Date.now() + this.options.pageTimeoutMs;
    let scrolled = !visit.scroll;
    let personAsked = false;
    // Whether the page has what the recipe needs changes only when it receives something: asked again only then.
    let judged = -1;
    let complete = false;
    const done = () => {
      if (judged !== collected.changes()) {
        judged = collected.changes();
        complete = Boolean(captured.document) && (visit.answers.every((a) => captured.answers[a.name]) || Boolean(visit.enough?.(captured)));
      }
      return complete;
    };
    for (;;) {
      signal.throwIfAborted();
      await sleep(POLL_MS);
      // Bodies being read now are waited for a moment, never for ever (an answer that streams without end).
      await settlesWithin(Promise.all(reading), POLL_MS * 4);
      const block = await blockOnPage(page, visit.blocks);
      if (block && block.reason === 'captcha' && this.options.person) {
        if (!personAsked) {
          personAsked = true;
          this.options.person.onCaptcha(visit.url, block.detail);
        }
        if (Date.now() > deadline + this.options.person.waitMs) return { ...captured, block: { reason: 'captcha', detail: `${block.detail}; not solved in time` } };
        continue;
      }
      if (block) return { ...captured, block };
      if (done()) {
        // A page's own script may still send it elsewhere (a captcha for an automated browser): one more look.
        await settlesWithin(navigation, this.options.pageTimeoutMs);
        await sleep(300);
        const late = await blockOnPage(page, visit.blocks);
        if (late && !(late.reason === 'captcha' && this.options.person)) return { ...captured, block: late };
        if (late) continue;
        if (personAsked) this.options.person?.onSolved(visit.url);
        return captured;
      }
      if (!scrolled && captured.document) {
        scrolled = true;
        await settlesWithin(page.mouse.wheel(0, 900).catch(() => undefined), LOOK_MS);
      }
      if (Date.now() > deadline && !personAsked) {
        const failed = await Promise.race([navigation, Promise.resolve(undefined)]);
        return { ...captured, unfinished: whyUnfinished(failed, captured, visit, asked, this.options.pageTimeoutMs) };
      }
    }
  }

  /**
   * What a request may load: only from one of our tabs (or its frames and workers), only the declared
   * hosts, no pictures, video or fonts; `--connect-to` as over HTTP. Anything else is refused before it leaves.
   */
  private async route(route: Route): Promise<void> {
    const request = route.request();
    const tab = this.ownTabOf(request);
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      return route.abort('blockedbyclient');
    }
    if (!tab || !this.mayReach(url) || /^wss?:$/.test(url.protocol)) return route.abort('blockedbyclient');
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    if (!tab.pictures && SKIPPED_RESOURCES.has(request.resourceType())) return route.abort('blockedbyclient');
    const rule = findConnectTo(this.options.connectTo, url.hostname);
    if (!rule) return route.continue();
    try {
      // The tab's cookies from the browser's own store: a routed request's headers do not always carry them yet.
      const cookies = (await this.context.cookies(url.href)).map((c) => `${c.name}=${c.value}`).join('; ');
      const answer = await fetchVia(rule.origin, url, request, cookies, AbortSignal.timeout(this.options.pageTimeoutMs));
      const location = answer.headers.location;
      // Chromium does not route the hop of a redirect fulfilled here (the handler only sees the first URL):
      // a page's redirect becomes a navigation of its own, so that its target is routed too.
      if (request.isNavigationRequest() && answer.status >= 300 && answer.status < 400 && location) {
        const cookies = answer.headers['set-cookie'];
        const headers = { 'content-type': 'text/html; charset=utf-8', ...(cookies ? { 'set-cookie': cookies } : {}) };
        return await route.fulfill({ status: 200, headers, body: `<script>location.replace(${JSON.stringify(new URL(location, url).href)})</script>` });
      }
      await route.fulfill(answer);
    } catch {
      await route.abort('connectionfailed').catch(() => undefined);
    }
  }

  /**
   * Headless Chromium names itself `HeadlessChrome` in its user agent and its
   * client hints; the platforms answer that with captchas. The tab is given
   * the same browser's ordinary name.
   */
  private async hideHeadless(page: Page): Promise<void> {
    if (!this.userAgent) {
      const ua = await page.evaluate<string>('navigator.userAgent').catch(() => '');
      const version = /(?:Headless)?Chrome\/(\d+)/.exec(ua)?.[1] ?? '';
      this.userAgent = { ua: ua.replace('HeadlessChrome/', 'Chrome/'), brands: [{ brand: 'Chromium', version }, { brand: 'Google Chrome', version }, { brand: 'Not)A;Brand', version: '24' }] };
    }
    if (!/HeadlessChrome/.test(await page.evaluate<string>('navigator.userAgent').catch(() => ''))) return;
    const cdp = await this.context.newCDPSession(page);
    await cdp.send('Emulation.setUserAgentOverride', {
      userAgent: this.userAgent.ua,
      acceptLanguage: 'zh-CN,zh;q=0.9',
      platform: process.platform === 'win32' ? 'Win32' : process.platform === 'darwin' ? 'MacIntel' : 'Linux x86_64',
      userAgentMetadata: {
        brands: this.userAgent.brands,
        fullVersion: `${this.userAgent.brands[0]!.version}.0.0.0`,
        platform: process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux',
        platformVersion: '',
        architecture: 'x86',
        model: '',
        mobile: false,
      },
    });
  }

  /**
   * Every cookie value the profile holds when the browser starts (its logins) is a secret: masked
   * wherever text leaves gov-audit. Visitor cookies a platform sets during the scan are not
   * registered one by one (they rotate, and the list would grow with every page); the tokens
   * that travel in addresses are masked by name (`redactUrl`).
   */
  private async registerCookies(): Promise<void> {
    if (!this.options.secrets || this.closed) return;
    const cookies = await this.context.cookies().catch(() => []);
    for (const cookie of cookies) this.options.secrets.add(cookie.value);
  }
}

/** The browser's own process id, asked of the browser (Playwright does not tell it for a persistent context). */
async function browserProcessId(context: BrowserContext): Promise<number | undefined> {
  try {
    const cdp = await context.browser()!.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await cdp.detach();
    return processInfo.find((p) => p.type === 'browser')?.id;
  } catch {
    return undefined;
  }
}

/**
 * Launch flags that keep the browser's network to the declared hosts whatever the page does: the
 * host resolver finds no other name or address, so a redirect's next hop, a WebSocket, a preconnect
 * or dns-prefetch hint, a navigation or a popup to any other host (an IP address included) has nowhere
 * to connect. The routing refuses those requests first; this is for what the routing never sees
 * (Playwright routes only the first address of a redirect, and never a preconnect). A proxy named in
 * the environment stays reachable: the browser goes through it (and the proxy then resolves names).
 */
export function reachArgs(allowedHosts: ReadonlySet<string>, env: NodeJS.ProcessEnv): string[] {
  const excluded = [...allowedHosts].map((host) => (host.startsWith('.') ? `*${host}` : host));
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']) {
    const host = hostOf(env[name]);
    if (host && !excluded.includes(host)) excluded.push(host);
  }
  const rules = ['MAP * ~NOTFOUND', ...excluded.map((host) => `EXCLUDE ${host}`)].join(', ');
  return [`--host-resolver-rules=${rules}`, ...NO_SIDE_CHANNELS];
}

function hostOf(proxy: string | undefined): string | undefined {
  if (!proxy) return undefined;
  try {
    return new URL(proxy.includes('://') ? proxy : `http://${proxy}`).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Whether `work` settles within `ms`; it is left running either way. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the page answers within LOOK_MS, or `otherwise` (no answer, or an error). */
async function lookInto<T>(question: Promise<T>, otherwise: T): Promise<T> {
  const answer = question.catch(() => otherwise);
  return (await settlesWithin(answer, LOOK_MS)) ? answer : otherwise;
}

/** A declared host, or a subdomain of a declared `.suffix` (a platform's script CDN). */
export function hostAllowed(allowed: ReadonlySet<string>, hostname: string): boolean {
  if (allowed.has(hostname)) return true;
  for (let dot = hostname.indexOf('.'); dot >= 0; dot = hostname.indexOf('.', dot + 1)) {
    if (allowed.has(hostname.slice(dot))) return true;
  }
  return false;
}

/** What a tab has collected so far, as `settle` watches it. */
interface Collected {
  captured: PageCapture;
  /** The awaited answers the page asked for, answered or not. */
  asked: ReadonlySet<string>;
  /** Bodies still being read. */
  reading: ReadonlySet<Promise<void>>;
  /** How many answers have been kept so far. */
  changes(): number;
}

/** A page out of time: it did not load, it asked and got no answer (a slow platform), or it never asked (the page has changed). */
function whyUnfinished(failed: Error | unknown, captured: PageCapture, visit: PageVisit, asked: ReadonlySet<string>, timeoutMs: number): NonNullable<PageCapture['unfinished']> {
  if (failed instanceof Error || !captured.document) return { reason: 'timeout', detail: `the page did not load: ${failed instanceof Error ? firstLine(failed) : 'no document'}` };
  const missing = visit.answers.filter((a) => !captured.answers[a.name]).map((a) => a.name);
  const others = missing.filter((name) => captured.passedOver?.[name]);
  if (others.length) return { reason: 'wrong-account', detail: `the page received ${others.join(', ')} only for another account` };
  const unanswered = missing.filter((name) => asked.has(name));
  if (unanswered.length) return { reason: 'timeout', detail: `the page asked for ${unanswered.join(', ')} and got no answer within ${timeoutMs / 1000} s` };
  return { reason: 'layout-changed', detail: `the page never asked for ${missing.join(', ')}` };
}

function matches(answer: AwaitedAnswer, request: Request): boolean {
  if (answer.method && request.method() !== answer.method) return false;
  const path = new URL(request.url()).pathname;
  if (!answer.paths.some((p) => path.includes(p))) return false;
  return !answer.bodyIncludes || (request.postData() ?? '').includes(answer.bodyIncludes);
}

/** Read at once: the browser frees a body when the page moves on. */
async function capture(response: Response): Promise<CapturedAnswer> {
  const request = response.request();
  const body = await response.text().catch(() => '');
  return { url: response.url(), method: request.method(), status: response.status(), headers: response.headers(), body, requestBody: request.postData() ?? undefined };
}

/** The first block marker the page shows now, if any. A page between two documents shows none. */
async function blockOnPage(page: Page, markers: readonly BlockMarker[]): Promise<PageCapture['block']> {
  if (page.isClosed()) return undefined;
  const url = page.url();
  const title = await lookInto(page.title(), '');
  for (const { reason, detail, ...marker } of markers) {
    const shown = (marker.url?.test(url) ?? false) || (marker.title?.test(title) ?? false) || (marker.selector !== undefined && Boolean(await lookInto(page.$(marker.selector), null)));
    if (shown) return { reason, detail };
  }
  return undefined;
}

/** A tab's request, sent to `--connect-to`'s origin with the platform's Host and the browser's cookies for its address. */
async function fetchVia(origin: string, url: URL, request: Request, cookies: string, signal: AbortSignal): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  // Asked unencoded: the tab is handed the body as it is, without a Content-Encoding to undo.
  const headers: Record<string, string> = { ...(await request.allHeaders()), host: url.host, 'accept-encoding': 'identity' };
  for (const name of Object.keys(headers)) if (name.startsWith(':') || name === 'cookie') delete headers[name];
  if (cookies) headers.cookie = cookies;
  const answer = await undiciRequest(new URL(`${url.pathname}${url.search}`, origin), {
    method: request.method() as 'GET',
    headers,
    body: request.postDataBuffer() ?? undefined,
    signal,
  });
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined || ['content-encoding', 'transfer-encoding', 'content-length', 'connection'].includes(name)) continue;
    // The browser takes several Set-Cookie lines joined by newlines.
    out[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
  }
  const body = Buffer.from(await answer.body.arrayBuffer());
  return { status: answer.statusCode, headers: out, body };
}

/** The first line of an error, with any address in it stripped of tokens (a profile's xsec_token). */
function firstLine(error: unknown): string {
  // Playwright's call logs are coloured: no colour code reaches a message or a file.
  const text = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[[0-9;]*m/g, '');
  const line = text.split('\n').find((l) => l.trim())?.trim() ?? text;
  return line.replace(/https?:\/\/[^\s"']+/g, (url) => redactUrl(url));
}

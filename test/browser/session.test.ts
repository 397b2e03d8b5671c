import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, hostAllowed } from '../../src/browser/session.js';
import { findBrowser, BrowserNotFound } from '../../src/browser/find.js';
import { defaultProfileDir } from '../../src/browser/profile.js';
import { parseConnectTo } from '../../src/fetch/connect-to.js';
import { loopbackServer } from '../helpers/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

describe('finding a browser, never downloading one', () => {
  const installed = (paths: string[]) => (path: string) => paths.includes(path);
  it('takes Chrome, then Edge, then Chromium, where each system installs them', () => {
    expect(findBrowser(undefined, {}, 'linux', installed(['/usr/bin/chromium', '/opt/microsoft/msedge/msedge'])).executablePath).toBe('/opt/microsoft/msedge/msedge');
    expect(findBrowser(undefined, {}, 'linux', installed(['/usr/bin/chromium'])).label).toBe('chromium');
    const win = { LOCALAPPDATA: 'C:\\\\Users\\\\u\\\\AppData\\\\Local', PROGRAMFILES: 'C:\\\\Program Files' };
    expect(findBrowser('msedge', win, 'win32', (p) => p.includes('Edge')).executablePath).toMatch(/msedge\.exe$/);
    expect(findBrowser('auto', {}, 'darwin', (p) => p.startsWith('/Applications/Google Chrome.app')).label).toBe('chrome');
  });

  it('takes a path, or GOV_AUDIT_BROWSER, and says so when it is not there', () => {
    expect(findBrowser('/x/chrome', {}, 'linux', installed(['/x/chrome'])).executablePath).toBe('/x/chrome');
    expect(findBrowser(undefined, { GOV_AUDIT_BROWSER: '/y/edge' }, 'linux', installed(['/y/edge'])).executablePath).toBe('/y/edge');
    expect(() => findBrowser('/nope', {}, 'linux', () => false)).toThrow(BrowserNotFound);
    expect(() => findBrowser(undefined, {}, 'linux', () => false)).toThrow(BrowserNotFound);
  });

  it('keeps the profile in the user data folder of each system', () => {
    expect(defaultProfileDir({ XDG_DATA_HOME: '/d' }, 'linux')).toBe('/d/gov-audit/browser-profile');
    expect(defaultProfileDir({ HOME: '/h' }, 'linux')).toBe('/h/.local/share/gov-audit/browser-profile');
    expect(defaultProfileDir({ HOME: '/h' }, 'darwin')).toBe('/h/Library/Application Support/gov-audit/browser-profile');
    expect(defaultProfileDir({ LOCALAPPDATA: 'C:/L' }, 'win32')).toMatch(/^C:\/L.gov-audit.browser-profile$/);
  });

  it('allows a declared host and the subdomains of a declared .suffix only', () => {
    const allowed = new Set(['www.douyin.com', '.douyinstatic.com']);
    expect(hostAllowed(allowed, 'www.douyin.com')).toBe(true);
    expect(hostAllowed(allowed, 'lf.douyinstatic.com')).toBe(true);
    expect(hostAllowed(allowed, 'douyin.com')).toBe(false);
    expect(hostAllowed(allowed, 'evil-douyinstatic.com')).toBe(false);
  });
});

/*
 * The machinery on its own, against a loopback server played as a platform
 * host through --connect-to: what a page may load, and a person solving a
 * captcha.
 */
describe.skipIf(!available)('a browser session', () => {
  let server: Awaited<ReturnType<typeof loopbackServer>>;
  let session: BrowserSession;
  let solved = false;
  const told: string[] = [];

  beforeAll(async () => {
    server = await loopbackServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/data') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
      if (url.pathname === '/api/who') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cookie: req.headers.cookie ?? null }));
      if (url.pathname === '/who') return void res.writeHead(200, { 'content-type': 'text/html' }).end("<title>who</title><script>fetch('/api/who')</script>");
      if (url.pathname === '/solved') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ solved }));
      if (url.pathname === '/pixel.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end('');
      // A script that never yields, as an anti-debugging trap: the page answers no question put to it.
      if (url.pathname === '/busy') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<title>busy</title><script>setTimeout(function(){for(;;){}},50)</script>');
      if (url.pathname === '/captcha') {
        // The captcha stays until the person has solved it, then the page moves on.
        const script = "setInterval(function(){fetch('/solved').then(function(r){return r.json()}).then(function(j){if(j.solved)location.href='/page'})},100)";
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<title>验证码中间页</title><div id="captcha_container"></div><script>${script}</script>`);
      }
      const page = `<title>page</title><img src="/pixel.png"><img src="https://tracker.example/p.gif"><script>fetch('/api/data')</script>`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    session = await BrowserSession.open({
      launch: { choice: { executablePath: CHROMIUM, label: 'chromium' }, profileDir: await mkdtemp(join(tmpdir(), 'gov-audit-session-')), headless: true },
      // Every host to the loopback server: a request the browser failed to refuse would show there.
      connectTo: [parseConnectTo(`*=${server.origin}`)!],
      allowedHosts: new Set(['www.example.com']),
      pageTimeoutMs: 5000,
      // A login given with --cookies, as a cookies.txt often has it: a session cookie (no expiry).
      cookies: [{ domain: 'www.example.com', subdomains: false, path: '/', secure: true, expires: 0, name: 'login', value: 'kept' }],
      person: {
        waitMs: 20_000,
        onCaptcha: (url) => {
          told.push(`captcha ${url}`);
          setTimeout(() => (solved = true), 500);
        },
        onSolved: (url) => told.push(`solved ${url}`),
      },
    });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const visit = (path: string) =>
    session.visit(
      { url: `https://www.example.com${path}`, answers: [{ name: 'data', paths: ['/api/data'] }], blocks: [{ title: /验证码中间页/, reason: 'captcha', detail: 'captcha page' }] },
      AbortSignal.timeout(120_000),
    );

  it('collects the answers a page receives, loading no picture and no undeclared host', async () => {
    const captured = await visit('/page');
    expect(captured.block).toBeUndefined();
    expect(JSON.parse(captured.answers.data!.body)).toEqual({ ok: 1 });
    expect(server.seen.map((s) => new URL(s.url, 'http://x').pathname)).not.toContain('/pixel.png');
    expect(server.seen.every((s) => s.host === 'www.example.com')).toBe(true);
  });

  it('keeps a session cookie from --cookies from one page to the next', async () => {
    const who = () =>
      session.visit({ url: 'https://www.example.com/who', answers: [{ name: 'who', paths: ['/api/who'] }], blocks: [] }, AbortSignal.timeout(30_000));
    for (const page of [await who(), await who()]) expect(JSON.parse(page.answers.who!.body)).toEqual({ cookie: 'login=kept' });
  });

  it('gives up on a page whose script never yields at the page deadline, not the account deadline', async () => {
    // The account's deadline is two minutes away: the test's own limit fails a visit that waits for it.
    const captured = await visit('/busy');
    // Unfinished, whichever way (the document read or not): the account is unverified, never judged.
    expect(['timeout', 'layout-changed']).toContain(captured.unfinished?.reason);
    expect(captured.answers).toEqual({});
  }, 30_000);

  it('with a person at the window, a captcha waits until it is solved, and the visit goes on', async () => {
    const captured = await visit('/captcha');
    expect(told).toEqual(['captcha https://www.example.com/captcha', 'solved https://www.example.com/captcha']);
    expect(captured.block).toBeUndefined();
    expect(captured.answers.data).toBeDefined();
  }, 40_000);
});

describe.skipIf(!available || process.platform === 'win32')('a launched browser that stops answering', () => {
  it('has its visits given up as timeout, and is stopped when the session closes, leaving no process on the profile', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'gov-audit-wedged-'));
    const session = await BrowserSession.open({
      launch: { choice: { executablePath: CHROMIUM, label: 'chromium' }, profileDir, headless: true },
      connectTo: [],
      allowedHosts: new Set(),
      pageTimeoutMs: 1000,
      closeTimeoutMs: 1000,
    });
    const onProfile = () => processesOn(profileDir);
    // The browser process itself (no --type=): frozen, it answers nothing, as a wedged browser.
    const [browser] = onProfile().filter((p) => !p.args.includes('--type='));
    expect(browser).toBeDefined();
    process.kill(browser!.pid, 'SIGSTOP');
    try {
      const captured = await session.visit({ url: 'https://www.example.com/', answers: [], blocks: [] }, AbortSignal.timeout(120_000));
      expect(captured.unfinished).toEqual({ reason: 'timeout', detail: 'the browser did not answer within 12 s' });
      await session.close();
      for (let tries = 0; onProfile().length && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
      expect(onProfile()).toEqual([]);
    } finally {
      for (const { pid } of onProfile()) process.kill(pid, 'SIGKILL');
    }
  }, 30_000);
});

function processesOn(profileDir: string): { pid: number; args: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[2]!.includes(`--user-data-dir=${profileDir}`))
    .map((m) => ({ pid: Number(m[1]), args: m[2]! }));
}

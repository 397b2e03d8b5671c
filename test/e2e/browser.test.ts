import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios, startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { killLeftovers, runCli, startCli } from '../helpers/cli.js';

/*
 * The browser route against the simulator, in a real Chromium (Debian's
 * package, installed by .ci/run). The simulated pages sign their API
 * requests with a secret made anew for every run and send an automated
 * browser to a captcha, as the real ones do: only a browser that passes for
 * a person's gets the answers.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
if (!available) console.warn(`${CHROMIUM} not found: the browser route's tests are skipped (apt-get install chromium)`);

const NOW = '2026-11-20T10:00:00+08:00';
/**
 * Seconds a page may take (--timeout): generous, since CI runs other test files beside this one on
 * 2 cores, and at 6 s a loaded machine once left a Douyin page without its answer.
 */
const PAGE_TIMEOUT = '15';
/**
 * How long a whole scan through the browser may take before the test gives up
 * on it. Only a hang should reach it: on a machine whose cores are busy with
 * other work a browser scan takes three or four times as long as on an idle
 * one (measured: 165 s for the logged-in scan with two CPU-bound processes and
 * other builds beside it), so the bound is generous and says nothing of speed.
 */
const SCAN_DEADLINE = 600_000;
/** Every signed platform blocks a script over HTTP, and these tests block on purpose: the breaker would pause each platform for a minute. */
const DEMO_CONFIG = 'fixtures/demo/gov-audit.config.json';
const XHS_PROBE = 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=ABsimProbe&xsec_source=pc_note';
const BROWSER_PLATFORMS = ['douyin', 'kuaishou', 'xiaohongshu', 'toutiao'] as const;
/** Their expectations count on RSSHub: through the browser alone these stay blocked, as the platform blocks them. */
const NEEDS_RSSHUB = new Set(['MS4wLjABAAAAsim-rsshub', '3xsimrsshub']);

let simulator: RunningSimulator;
let routing: string[];
let dir: string;
let profile: string;
let list: string;
const expected: Record<string, string> = {};

beforeAll(async () => {
  simulator = await startSimulator();
  routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-browser-'));
  profile = join(dir, 'profile');
  const scenarios = loadScenarios();
  const rows: string[] = [];
  for (const platform of BROWSER_PLATFORMS) {
    for (const [id, account] of Object.entries(scenarios[platform].accounts)) {
      if (NEEDS_RSSHUB.has(id)) continue;
      rows.push(`${platform},${id}`);
      // The profile is logged in to every platform (the first test): Douyin then lists its newest works too.
      expected[id] = (account as { expectLoggedIn?: string }).expectLoggedIn ?? account.expect!;
    }
  }
  list = join(dir, 'list.csv');
  await writeFile(list, `platform,account\n${rows.join('\n')}\n`);
});
afterAll(() => simulator?.close());
// A test that timed out leaves its scan running on the profile: stopped here, so that it fails alone.
afterEach(async () => {
  await killLeftovers();
  await waitFor(async () => (await browserProcessesOn(profile)).length === 0, 10_000);
});

const scan = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = await runCli(['--config', DEMO_CONFIG, 'scan', ...args, ...routing, '--now', NOW, '--rate', '*=0/1', '--retries', '0', '--format', 'json'], env);
  type Account = { id: string; status: string; reason: string | null; detail: string | null; daysSinceLastPost: number | null };
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as { accounts: Account[] }) : undefined };
};
const verdicts = (report: { accounts: { id: string; status: string; reason: string | null }[] }) =>
  Object.fromEntries(report.accounts.map((a) => [a.id, a.reason ? `${a.status}/${a.reason}` : a.status]));
/** The accounts whose verdict is not the one wanted, with the finding's detail: what a failure needs to be understood. */
const unexpected = (report: { accounts: { id: string; status: string; reason: string | null; detail?: string | null }[] }, want: Record<string, string>) =>
  report.accounts
    .filter((a) => (a.reason ? `${a.status}/${a.reason}` : a.status) !== want[a.id])
    .map((a) => `${a.id}: ${a.status}/${a.reason} (${a.detail}), wanted ${want[a.id]}`)
    .join('; ');
const browser = ['--browser', CHROMIUM, '--profile-dir'];

describe.skipIf(!available)('the browser route', () => {
  it('logs in once: a QR scan on the login page is kept in the profile, and login --status says so without a cookie', async () => {
    for (const [platform, label] of [['xiaohongshu', 'Xiaohongshu'], ['kuaishou', 'Kuaishou'], ['douyin', 'Douyin']] as const) {
      const login = startCli(['login', platform, '--browser', CHROMIUM, '--profile-dir', profile, '--headless', '--wait', '60', ...routing]);
      let stderr = '';
      login.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await waitFor(() => /scan the QR code/.test(stderr), 30_000);
      // Told to open the picture, the person finds it there.
      expect(existsSync(join(profile, `login-${platform}.png`))).toBe(true);
      simulator.confirmLogin(platform);
      const result = await login.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`logged in to ${label}`);
    }

    const status = await runCli(['login', '--status', '--browser', CHROMIUM, '--profile-dir', profile, '--format', 'json']);
    expect(status.code, status.stderr).toBe(0);
    const states = Object.fromEntries((JSON.parse(status.stdout) as { platforms: { platform: string; state: string }[] }).platforms.map((p) => [p.platform, p.state]));
    expect(states).toEqual({ douyin: 'yes', kuaishou: 'yes', xiaohongshu: 'yes' });
    expect(status.stdout).not.toContain('sim-login-');
  }, SCAN_DEADLINE);

  it('over HTTP, the accounts of the platforms that sign their requests stay unverified, even with cookies', async () => {
    const { report, code, stderr } = await scan([list, '--cookies', 'fixtures/demo/cookies.txt', '--timeout', '2']);
    expect(code, stderr).toBe(0);
    const byId = verdicts(report!);
    for (const id of ['MS4wLjABAAAAsim-active', 'MS4wLjABAAAAsim-silent', '3xsimactive', '3xsiminactive']) expect(byId[id], id).toMatch(/^unverified\//);
  }, SCAN_DEADLINE);

  it('through --browser on the logged-in profile, every account gets the verdict its simulated state implies', async () => {
    const archive = join(dir, 'evidence');
    const { report, code, stderr } = await scan([list, ...browser, profile, '--timeout', PAGE_TIMEOUT, '--archive', archive, '-o', join(dir, 'report.csv'), '--journal', join(dir, 'journal.ndjson')]);
    expect(code, stderr).toBe(0);
    expect(verdicts(report!), unexpected(report!, expected)).toEqual(expected);
    // The dates the pages received: a pinned post from 2024 on top is not the latest post.
    const account = (id: string) => report!.accounts.find((a) => a.id === id);
    expect(account('MS4wLjABAAAAsim-pinned-active')).toMatchObject({ status: 'active', daysSinceLastPost: 2 });
    expect(account('3xsimsilent')).toMatchObject({ status: 'zombie', daysSinceLastPost: 300 });
    // Nothing unverified but what the simulator blocks; no false zombie, no false not-found.
    for (const [id, verdict] of Object.entries(expected)) if (verdict.startsWith('unverified')) expect(id).toMatch(/captcha|login|layout|empty-list|ratelimited|wrongid|unnamed|0[9abdf]5f0e|tt-(?:never|missing|hang)|sim-(?:pinned-only|future|other-only)|3xsim(?:missing|banned|pinnedonly|nullcount|future|unsigned)|(?:04|0c|11|12|14)5f0e|tt-recommend-only/);

    // The profile's login cookie never leaves the browser: not in the report, the journal or the archive.
    const warc = (await readdir(archive)).find((f) => f.endsWith('.warc.gz'))!;
    const outputs = [JSON.stringify(report), await readFile(join(dir, 'report.csv'), 'utf8'), await readFile(join(dir, 'journal.ndjson'), 'utf8'), gunzipSync(await readFile(join(archive, warc))).toString()];
    for (const text of outputs) expect(text).not.toContain('sim-login-');

    // The archive replays the same verdicts offline, without a browser.
    await simulator.close();
    try {
      // Replayed with the same config: its Xiaohongshu canary (the demo's) holds for the replay too.
      const replay = await runCli(['--config', DEMO_CONFIG, 'scan', list, '--replay', join(archive, warc), '--format', 'json']);
      expect(replay.code, replay.stderr).toBe(0);
      const replayed = JSON.parse(replay.stdout) as Parameters<typeof unexpected>[0];
      expect(verdicts(replayed), unexpected(replayed, expected)).toEqual(expected);
    } finally {
      simulator = await startSimulator();
      routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    }
  }, SCAN_DEADLINE);

  it('never gives a false zombie or not-found when every page shows a captcha, a login wall, asks for nothing or never delivers', async () => {
    const scenarios = loadScenarios();
    const behaviours = ['captcha', 'login', 'layout', 'hang'];
    const rows: string[] = [];
    for (const platform of BROWSER_PLATFORMS) {
      // Accounts with posts: an account that never posted needs no list, so a list that never comes says nothing of it.
      const withPosts = Object.entries(scenarios[platform].accounts).filter(([, a]) => (a.posts?.length ?? 0) + (a.pinned?.length ?? 0) > 0);
      for (const [n, [id, account]] of withPosts.entries()) {
        account.behaviour = behaviours[n % behaviours.length];
        rows.push(`${platform},${id}`);
      }
    }
    const blocked = await startSimulator({ scenarios });
    try {
      const path = join(dir, 'blocked.csv');
      await writeFile(path, `platform,account\n${rows.join('\n')}\n`);
      const args = ['--config', DEMO_CONFIG, 'scan', path, ...blocked.connectTo().flatMap((r) => ['--connect-to', r]), ...browser, profile];
      const result = await runCli([...args, '--now', NOW, '--rate', '*=0/1', '--timeout', '3', '--format', 'json']);
      expect(result.code, result.stderr).toBe(0);
      const findings = (JSON.parse(result.stdout) as { accounts: { id: string; status: string; reason: string }[] }).accounts;
      expect(findings).toHaveLength(rows.length);
      for (const finding of findings) {
        expect(finding.status, `${finding.id}: ${finding.reason}`).toBe('unverified');
        // A page that asks for nothing of its own may receive answers about other accounts: never taken (wrong-account).
        expect(['captcha', 'login-required', 'layout-changed', 'timeout', 'wrong-account']).toContain(finding.reason);
      }
      const seen = new Set(findings.map((f) => f.reason));
      for (const reason of ['captcha', 'login-required', 'layout-changed', 'timeout']) expect(seen, reason).toContain(reason);
    } finally {
      await blocked.close();
    }
  }, SCAN_DEADLINE);

  it('attaches to a browser the user started with --remote-debugging-port, and leaves it and its tabs open', async () => {
    const port = await freePort();
    const own = spawn(CHROMIUM, ['--headless', `--remote-debugging-port=${port}`, `--user-data-dir=${join(dir, 'own-browser')}`, '--no-sandbox', '--no-first-run', 'about:blank'], { stdio: 'ignore' });
    try {
      const endpoint = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${endpoint}/json/version`).catch(() => undefined))?.ok === true, 20_000);
      const path = join(dir, 'one.csv');
      await writeFile(path, 'platform,account\ndouyin,MS4wLjABAAAAsim-active\nkuaishou,3xsimnever\n');
      const { report, code, stderr } = await scan([path, '--browser-cdp', endpoint, '--timeout', PAGE_TIMEOUT]);
      expect(code, stderr).toBe(0);
      expect(verdicts(report!)).toEqual({ 'MS4wLjABAAAAsim-active': 'active', '3xsimnever': 'zombie/never-posted' });
      expect(own.exitCode).toBeNull();
      const tabs = (await (await fetch(`${endpoint}/json/list`)).json()) as { url: string; type: string }[];
      expect(tabs.filter((t) => t.type === 'page').map((t) => t.url)).toEqual(['about:blank']);
    } finally {
      stop(own);
    }
  }, SCAN_DEADLINE);

  it('doctor --browser: every platform works through the browser; without a login, Xiaohongshu needs one', async () => {
    // Xiaohongshu has no built-in probe (a real profile link carries a visitor's xsec_token): one is named, as a user would.
    const doctor = (profileDir: string) =>
      runCli(['doctor', ...routing, '--rate', '*=0/1', '--retries', '0', '--timeout', PAGE_TIMEOUT, '--browser', CHROMIUM, '--profile-dir', profileDir, '--account', `xiaohongshu=${XHS_PROBE}`, '--format', 'json']);
    const ok = await doctor(profile);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const fresh = await doctor(join(dir, 'fresh-profile'));
    expect(fresh.code).toBe(2);
    const rows = Object.fromEntries((JSON.parse(fresh.stdout) as { platform: string; verdict: string; remedy: string | null }[]).map((r) => [r.platform, r]));
    // Logged out, Douyin's list may leave out the newest works: the probe's page answers, and a login completes it.
    expect(rows.douyin).toMatchObject({ verdict: 'needs-login', remedy: expect.stringContaining('gov-audit login douyin') });
    expect(rows.kuaishou!.verdict).toBe('working');
    expect(rows.xiaohongshu).toMatchObject({ verdict: 'needs-login', remedy: expect.stringContaining('gov-audit login xiaohongshu') });
  }, SCAN_DEADLINE);

  it('Ctrl-C closes the browser and still writes every report (exit 130); --resume finishes through the browser', async () => {
    const journal = join(dir, 'stopped.journal.ndjson');
    const out = join(dir, 'stopped.json');
    const args = ['--config', DEMO_CONFIG, 'scan', list, ...routing, ...browser, profile, '--now', NOW, '--rate', '*=0/1', '--timeout', PAGE_TIMEOUT, '--journal', journal];
    const first = startCli([...args, '-o', out]);
    await waitFor(async () => (await readFile(journal, 'utf8').catch(() => '')).split('\n').filter(Boolean).length >= 4, SCAN_DEADLINE / 4);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    const partial = JSON.parse(await readFile(out, 'utf8')) as { interrupted: boolean; accounts: { reason: string | null }[] };
    expect(partial.interrupted).toBe(true);
    expect(partial.accounts.filter((a) => a.reason === 'not-scanned').length).toBeGreaterThan(0);
    // No browser process is left behind on the profile.
    expect(await browserProcessesOn(profile)).toEqual([]);

    const resumed = await runCli([...args.filter((a) => a !== journal && a !== '--journal'), '--resume', journal, '--format', 'json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const finished = JSON.parse(resumed.stdout) as Parameters<typeof unexpected>[0];
    expect(verdicts(finished), unexpected(finished, expected)).toEqual(expected);
  }, SCAN_DEADLINE);

  it('demo --browser: the Douyin, Kuaishou and Xiaohongshu accounts of the demo get the verdicts their states imply', async () => {
    const out = join(dir, 'demo');
    const result = await runCli(['demo', '--browser', CHROMIUM, '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { accounts: { platform: string; id: string; status: string; reason: string | null; detail: string | null }[] };
    const scenarios = loadScenarios();
    const got = report.accounts.filter((a) => (BROWSER_PLATFORMS as readonly string[]).includes(a.platform));
    const want = Object.fromEntries(got.map((a) => [a.id, scenarios[a.platform as (typeof BROWSER_PLATFORMS)[number]].accounts[a.id]?.expect ?? 'active']));
    expect(verdicts({ accounts: got }), unexpected({ accounts: got }, want)).toEqual(want);
  }, SCAN_DEADLINE);

  it('takes the browser route from the config file: the browser, the platforms it covers, the profile', async () => {
    const config = join(dir, 'browser.config.json');
    await writeFile(config, JSON.stringify({ browser: CHROMIUM, browserFor: ['kuaishou'], profileDir: profile, breaker: { threshold: 1000 } }));
    const path = join(dir, 'two.csv');
    await writeFile(path, 'platform,account\ndouyin,MS4wLjABAAAAsim-active\nkuaishou,3xsimactive\n');
    const result = await runCli(['--config', config, 'scan', path, ...routing, '--now', NOW, '--rate', '*=0/1', '--retries', '0', '--timeout', PAGE_TIMEOUT, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    // Kuaishou through the browser; Douyin, left out of browserFor, over HTTP.
    expect(verdicts(JSON.parse(result.stdout))).toEqual({ '3xsimactive': 'active', 'MS4wLjABAAAAsim-active': 'unverified/blocked' });
  }, 60_000);

  it('refuses a browser that is not there, saying how to get one (exit 3)', async () => {
    const result = await runCli(['scan', list, '--browser', join(dir, 'no-such-browser')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('npx playwright install chromium');
    const zh = await runCli(['scan', list, '--browser', join(dir, 'no-such-browser'), '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('不会自行下载浏览器');
  });
});

async function waitFor(test: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (await test()) return;
  throw new Error('timed out waiting');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Chromium processes started on a profile folder: none should outlive a scan. */
async function browserProcessesOn(profileDir: string): Promise<string[]> {
  const { execFile } = await import('node:child_process');
  const list = await new Promise<string>((resolve) => execFile('ps', ['-eo', 'args='], (_, stdout) => resolve(String(stdout))));
  return list.split('\n').filter((line) => line.includes(`--user-data-dir=${profileDir}`));
}

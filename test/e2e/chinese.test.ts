import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { CHANGE_KINDS } from '../../src/audit/changes.js';
import { NOT_FOUND_REASONS, STATUSES, UNVERIFIED_REASONS, ZOMBIE_REASONS, INFERRED_REASONS, MANUAL_REASONS } from '../../src/audit/status.js';
import { PLATFORMS } from '../../src/platforms/index.js';
import { killLeftovers, runCli, startCli } from '../helpers/cli.js';

/*
 * A Chinese reader of the demo's reports meets no English and no command
 * option: only names (from the list and the platforms), ids, addresses, the
 * stable codes beside their Chinese labels, and the names of formats and
 * products (RSS, CSV, gov-audit …). The terminal is for the person running
 * the scan and may also name options and the tools they need (Cookie, RSSHub).
 */
const CODES = new Set<string>([...STATUSES, ...ZOMBIE_REASONS, ...INFERRED_REASONS, ...NOT_FOUND_REASONS, ...UNVERIFIED_REASONS, ...MANUAL_REASONS, ...CHANGE_KINDS, ...PLATFORMS.map((p) => p.id)]);
const PRODUCTS = new Set(['gov-audit', 'UTC', 'ID', 'RSS', 'Atom', 'CSV', 'JSON', 'T']);
const RUNNER_TOOLS = new Set(['Cookie', 'RSSHub', 'HTTP', 'PROXY']);

let dir: string;
let table: string;
let names: Set<string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-zh-'));
  const run = await runCli(['demo', '--out', dir], { LANG: 'zh_CN.UTF-8' });
  expect(run.code, run.stderr).toBe(0);
  table = run.stdout;
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { accounts: Record<string, unknown>[] };
  names = new Set(
    report.accounts.flatMap((a) =>
      [a.name, a.platformName, a.org, a.region, a.level, a.id, a.url, a.file, a.listedAs, ...Object.values((a.extra as Record<string, string>) ?? {})].flatMap((v) => String(v ?? '').match(/[A-Za-z][A-Za-z'-]*/g) ?? []),
    ),
  );
}, 60_000);

/** The English words of a text, less addresses, file names, names, codes and product names. */
function englishWords(text: string, allowed: ReadonlySet<string> = new Set()): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S*\.(?:csv|json|ndjson|sqlite|gz|xlsx|md|html)\b/g, ' ');
  const words = cleaned.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  return [...new Set(words.filter((w) => !names.has(w) && !CODES.has(w) && !PRODUCTS.has(w) && !allowed.has(w)))];
}

describe('a zh-CN demo, as a Chinese reader sees it', () => {
  it('has no English word in the HTML report', async () => {
    const $ = load(await readFile(join(dir, 'report.html'), 'utf8'));
    $('script, style').remove();
    expect(englishWords($.root().text())).toEqual([]);
  });

  it('has no English word and no command option in the Markdown and CSV reports', async () => {
    for (const file of ['report.md', 'report.csv']) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(englishWords(text), file).toEqual([]);
      expect(text, file).not.toMatch(/(?:^|[\s（(])--[a-z]/m);
    }
  });

  it('names, in the terminal, only the options and tools the person running the scan needs', () => {
    const options = table.replace(/--[a-z][a-z-]*(?:\s+[\w*=/.-]+)?/g, ' ').replace(/\b[A-Z_]{3,}\b/g, ' ');
    expect(englishWords(options, RUNNER_TOOLS)).toEqual([]);
  });
});

/** The English words of a message: addresses, paths, hosts, ids, options, environment variables and codes aside. */
function wordsOf(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S*\.(?:csv|json|xlsx|png|txt)\b/g, ' ')
    .replace(/(?:^|(?<=[\s“（(]))\/[\w./-]+/g, ' ')
    .replace(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/g, ' ')
    .replace(/(?:\bnpx )?\bgov-audit [a-z]+/g, ' ')
    .replace(/(?:^|(?<=[\s（(：，、|]))--?[a-z][a-z-]*/g, ' ')
    .replace(/\b[A-Z][A-Z_]{2,}\b/g, ' ')
    .replace(/[\w=+/.…-]*\d[\w=+/.…-]*/g, ' ');
  const words = cleaned.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  return [...new Set(words.filter((w) => !CODES.has(w) && !PRODUCTS.has(w) && !['chrome', 'msedge', 'chromium', 'Chrome', 'Edge', 'Chromium'].includes(w)))];
}

describe('Chinese where the office is Chinese', () => {
  it('speaks Chinese where the environment names no language (C.UTF-8, or no LANG), English where it asks for it', async () => {
    for (const env of [{ LANG: 'C.UTF-8' }, { LANG: '' }, { LANG: 'POSIX', LC_ALL: 'C' }]) {
      const run = await runCli(['validate', 'no-such-list.csv'], env);
      expect(run.code).toBe(3);
      expect(run.stdout + run.stderr, JSON.stringify(env)).toMatch(/[\u4e00-\u9fff]/);
      expect(wordsOf(run.stdout + run.stderr), JSON.stringify(env)).toEqual([]);
    }
    const english = await runCli(['validate', 'no-such-list.csv'], { LANG: 'en_US.UTF-8' });
    expect(english.stdout + english.stderr).toContain('no such file');
  });

  it('says commander’s own words in Chinese: usage, placeholders, a missing argument or value', async () => {
    for (const args of [['--help'], ['scan', '--help'], ['login', '--help'], ['history', '--help']]) {
      const help = await runCli(['--lang', 'zh-CN', ...args]);
      expect(help.code).toBe(0);
      expect(help.stdout).not.toMatch(/\[options\]|\[command\]|Usage|Options|Arguments|Commands/);
      // Every placeholder (`<文件>`, `[平台]`) in Chinese: no English word inside brackets.
      const placeholders = help.stdout.match(/[<[][^<>[\]\s]+[>\]]/g) ?? [];
      expect(placeholders.length, args.join(' ')).toBeGreaterThan(0);
      for (const p of placeholders) expect(p.replace(/\.json|cookies\.txt|ID|chrome|msedge|chromium/g, ''), p).not.toMatch(/[A-Za-z]/);
    }
    const missing = await runCli(['--lang', 'zh-CN', 'validate']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('缺少参数 名单');
    const value = await runCli(['--lang', 'zh-CN', 'scan', 'list.csv', '--config']);
    expect(value.stderr).toContain('--config <文件>');
    expect(wordsOf(missing.stderr + value.stderr)).toEqual([]);
  });

  it('init, run in Chinese, leaves a config that keeps the folder Chinese on an English machine', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gov-audit-zh-init-'));
    const init = await runCli(['init', '台账.xlsx'], { LANG: 'C.UTF-8' }, folder);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(folder, 'gov-audit.config.json'), 'utf8'))).toEqual({ lang: 'zh-CN' });
    expect(wordsOf(init.stdout + init.stderr)).toEqual([]);
    const english = await runCli(['validate', 'none.csv'], { LANG: 'en_US.UTF-8' }, folder);
    expect(english.stdout + english.stderr).toMatch(/[\u4e00-\u9fff]/);
    // A config already there is the office's: left as it is.
    await writeFile(join(folder, 'gov-audit.config.json'), '{"lang": "en"}\n');
    expect((await runCli(['init', '第二份.xlsx', '--lang', 'zh-CN'], {}, folder)).code).toBe(0);
    expect(await readFile(join(folder, 'gov-audit.config.json'), 'utf8')).toBe('{"lang": "en"}\n');
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** One line, in Chinese, exit 3 (2 for no login in time, as docs/cli.md has it): no stack, no colour code, no English (before it, at most what login said while waiting). */
function saidInWords(run: { code: number; stdout: string; stderr: string }, what: RegExp, code = 3): void {
  expect(run.code, run.stderr).toBe(code);
  const failures = run.stderr.split('\n').filter((line) => line.startsWith('gov-audit:'));
  expect(failures, run.stderr).toHaveLength(1);
  expect(run.stderr.trim().endsWith(failures[0]!), run.stderr).toBe(true);
  const text = run.stderr.trim();
  expect(text).not.toMatch(/\u001b|\bat \S+ \(|Error:/);
  expect(text).toMatch(what);
  expect(wordsOf(text), text).toEqual([]);
}

describe.skipIf(!existsSync(CHROMIUM))('login and the browser fail in words', () => {
  let simulator: RunningSimulator;
  let routing: string[];
  let dir: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    dir = await mkdtemp(join(tmpdir(), 'gov-audit-zh-login-'));
  });
  afterAll(() => simulator?.close());
  afterEach(() => killLeftovers());
  const login = (platform: string, profile: string, ...args: string[]) => ['--lang', 'zh-CN', 'login', platform, '--browser', CHROMIUM, '--profile-dir', join(dir, profile), ...args];

  it('without a network: cannot connect, check the network or proxy', async () => {
    const run = await runCli(login('xiaohongshu', 'offline', '--headless', '--wait', '10', '--connect-to', '*=http://127.0.0.1:9'));
    saidInWords(run, /无法连接到 www\.xiaohongshu\.com.*请检查网络或代理/);
  }, 90_000);

  it.skipIf(process.platform !== 'linux')('without a screen: use --headless', async () => {
    // runCli passes no DISPLAY: a window has nowhere to open.
    const run = await runCli(login('xiaohongshu', 'no-display', '--wait', '10', ...routing));
    saidInWords(run, /没有屏幕.*--headless/);
  }, 90_000);

  it('a QR code not scanned in time: it may have expired, run login again', async () => {
    const run = await runCli(login('kuaishou', 'expired', '--headless', '--wait', '3', ...routing));
    saidInWords(run, /二维码可能已过期.*重新运行 gov-audit login/, 2);
  }, 90_000);

  it('a window closed before the login: run login again and leave it open', async () => {
    const run = startCli(login('xiaohongshu', 'closed', '--headless', '--wait', '60', ...routing));
    let stderr = '';
    run.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    for (const end = Date.now() + 45_000; !/扫描二维码/.test(stderr) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 200));
    // The person closes the browser: its main process, the one this login started on its profile, goes away.
    const browser = await browserOn(join(dir, 'closed'));
    expect(browser).toBeDefined();
    process.kill(browser!, 'SIGKILL');
    saidInWords(await run.done, /登录窗口在小红书登录完成前被关闭.*重新运行 gov-audit login/);
  }, 120_000);

  it('a profile in use by another login: close it, or choose another --profile-dir', async () => {
    const first = startCli(login('douyin', 'shared', '--headless', '--wait', '60', ...routing));
    let stderr = '';
    first.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    for (const end = Date.now() + 45_000; !/扫描二维码/.test(stderr) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 200));
    expect(stderr).toMatch(/扫描二维码/);
    const second = await runCli(login('douyin', 'shared', '--headless', '--wait', '5', ...routing));
    saidInWords(second, /正被另一个浏览器使用.*--profile-dir/);
  }, 120_000);
});

/** The main process of the browser started on a profile folder (the one whose parent is not a browser of the same profile). */
async function browserOn(profileDir: string): Promise<number | undefined> {
  const { execFile } = await import('node:child_process');
  const list = await new Promise<string>((resolve) => execFile('ps', ['-eo', 'pid=,ppid=,args='], (_, stdout) => resolve(String(stdout))));
  const mine = list
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => Boolean(m && m[3]!.includes(`--user-data-dir=${profileDir}`) && !m[3]!.includes('--type=')));
  return mine.length ? Number(mine[0]![1]) : undefined;
}

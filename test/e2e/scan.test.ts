import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios, startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { closeSync, openSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expectedVerdicts } from '../helpers/verdicts.js';
import { listFixture } from '../helpers/lists.js';

const DEMO_LIST = 'fixtures/demo/accounts.csv';
/** As the demo runs it: Douyin refuses every script, and the breaker would pause it for a minute. */
const DEMO_CONFIG = 'fixtures/demo/gov-audit.config.json';
const NOW = '2026-11-20T10:00:00+08:00';

let simulator: RunningSimulator;
let routing: string[];
beforeAll(async () => {
  simulator = await startSimulator();
  routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
});
afterAll(() => simulator.close());

const scan = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(['--config', DEMO_CONFIG, 'scan', ...args, ...routing, '--now', NOW, '--rate', '*=0/1', '--timeout', '1', '--retries', '1'], env);

interface JsonAccount {
  id: string;
  platform: string;
  status: string;
  reason: string | null;
  rank: number;
  lastPostAt: string | null;
  daysSinceLastPost: number | null;
  postCount: number | null;
  followers: number | null;
  name: string | null;
  extra: Record<string, string>;
  duplicateRows: string[];
}

describe('scanning the demo list (every platform) through the simulator', () => {
  let result: CliResult;
  let report: { summary: { total: number; byStatus: Record<string, number>; duplicateRows: number }; accounts: JsonAccount[] };
  const account = (id: string) => report.accounts.find((a) => a.id === id)!;

  beforeAll(async () => {
    result = await scan([DEMO_LIST, '--format', 'json', '--cookies', 'fixtures/demo/cookies.txt', '--rsshub', simulator.rsshub]);
    report = JSON.parse(result.stdout);
  });

  it('exits 0 and reports every row once', () => {
    expect(result.code, result.stderr).toBe(0);
    // 106 rows: one repeats a row, three are short links or screen names of accounts listed by their ids.
    expect(report.summary.total).toBe(103);
    expect(report.summary.duplicateRows).toBe(4);
    expect(account('400000001').duplicateRows).toEqual([`${DEMO_LIST}:28`]);
  });

  it('knows a short link, a screen name and a custom domain as the account they lead to: one identity, reported once', () => {
    const duplicates = (report as unknown as { duplicates: { row: number; platform: string; id: string; firstRow: number }[] }).duplicates;
    expect(duplicates.map((d) => `${d.platform}:${d.id} ${d.row}→${d.firstRow}`)).toEqual([
      'bilibili:400000001 28→2',
      'weibo:7000000001 83→56',
      'weibo:7000000003 84→58',
      'douyin:MS4wLjABAAAAsim-active 85→29',
    ]);
    expect(report.accounts.some((a) => /^(?:n|c|v|b23)\//.test(a.id))).toBe(false);
  });

  it('gives every fixture account the verdict its fixture expects', () => {
    const expected = expectedVerdicts();
    const got = report.accounts.map((a) => [`${a.platform}:${a.id}`, a.reason ? `${a.status}/${a.reason}` : a.status]);
    const wrong = got.filter(([key, verdict]) => expected.get(key!) !== verdict);
    expect(wrong).toEqual([]);
    expect(got.length).toBe(report.summary.total);
  });

  it('dates Xiaohongshu accounts from their notes’ ids, without requesting any note page', () => {
    const dated = report.accounts.filter((a) => a.platform === 'xiaohongshu' && a.lastPostAt);
    expect(dated.length).toBeGreaterThanOrEqual(5);
    expect(simulator.log.filter((r) => r.host === 'www.xiaohongshu.com' && r.path.startsWith('/explore/'))).toEqual([]);
  });

  it('never reports a blocked or malformed answer as zombie or not-found', () => {
    const blocking = /captcha|login|layout|blocked|rate-limited|empty-list|withheld|wrong-id|http-412|timeout|reset|voucher|risk|empty/;
    const scenarios = loadScenarios();
    const blockedKeys = Object.entries(scenarios).flatMap(([platform, scenario]) =>
      Object.entries(scenario.accounts as Record<string, { behaviour?: string; card?: string; list?: string }>)
        .filter(([, a]) => blocking.test(`${a.behaviour ?? ''} ${a.card ?? ''} ${a.list ?? ''}`))
        .map(([id]) => `${platform}:${id}`),
    );
    const scanned = blockedKeys.map((key) => report.accounts.find((a) => `${a.platform}:${a.id}` === key)).filter(Boolean);
    expect(scanned.length).toBeGreaterThan(25);
    // Unverified, or active when RSSHub could render what the platform withheld: never a verdict of death.
    for (const a of scanned) expect(['zombie', 'not-found'], `${a!.platform}:${a!.id}`).not.toContain(a!.status);
  });

  it('gives the dates and counts the platforms showed', () => {
    expect(account('400000004')).toMatchObject({ lastPostAt: '2026-10-31T10:00:00+08:00', daysSinceLastPost: 20, postCount: 12, followers: 30112 });
    expect(account('400000003')).toMatchObject({ lastPostAt: '2026-11-06T10:00:00+08:00', daysSinceLastPost: 14 });
    expect(account('400000014')).toMatchObject({ postCount: 10, followers: 5210, lastPostAt: null });
    // The pinned post from 2024 on top is not the latest post.
    expect(account('025f0e641000000000000000')).toMatchObject({ status: 'active', daysSinceLastPost: 2 });
    expect(account('065f0e641000000000000000')).toMatchObject({ status: 'zombie', daysSinceLastPost: 300 });
    expect(account('7000000001')).toMatchObject({ followers: 52000, postCount: 15, lastPostAt: '2026-11-20T07:00:00+08:00' });
  });

  it('ranks never-posted zombies first and the unverified accounts last', () => {
    const firstSilent = report.accounts.findIndex((a) => a.reason !== 'never-posted');
    expect(report.accounts.slice(0, firstSilent).every((a) => a.reason === 'never-posted')).toBe(true);
    const firstUnverified = report.accounts.findIndex((a) => a.status === 'unverified');
    expect(report.accounts.slice(firstUnverified).every((a) => a.status === 'unverified')).toBe(true);
  });

  it('carries the extra input columns through', () => {
    expect(account('400000001').extra).toEqual({ 备注: '市政府门户账号' });
  });

  it('never shows a cookie value in any output', () => {
    for (const secret of ['simulated-ttwid-value', 'simulated-msToken-value', 'web_simulated_did_value', 'simulated-web-session-value', '_2AkMsimulatedVisitorSUB']) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  });
});

describe('exit codes', () => {
  it('exits 2 when --fail-on finds that status or a worse one', async () => {
    const result = await scan([listFixture('utf8-english.csv'), '--fail-on', 'inactive', '--format', 'json']);
    expect(result.code).toBe(2);
  });

  it('takes a status by its name in either language (--fail-on 更新不及时, --fail-on "not found")', async () => {
    expect((await scan([listFixture('utf8-english.csv'), '--fail-on', '更新不及时', '--format', 'json'])).code).toBe(2);
    expect((await scan([listFixture('utf8-english.csv'), '--fail-on', '僵尸账号', '--format', 'json'])).code).toBe(0);
    const wrong = await scan([listFixture('utf8-english.csv'), '--fail-on', '死号', '--format', 'json']);
    expect(wrong.code).toBe(3);
  });

  it('writes a BOM before a CSV redirected into a file, which Excel opens, and none into a pipe', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-bom-'));
    const file = join(dir, 'report.csv');
    const fd = openSync(file, 'w');
    const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    const child = spawn(process.execPath, [join(ROOT, 'bin/gov-audit.js'), 'scan', listFixture('utf8-english.csv'), ...routing, '--now', NOW, '--rate', '*=0/1', '--format', 'csv'], { stdio: ['ignore', fd, 'ignore'], env: { PATH: process.env.PATH, LANG: 'zh_CN.UTF-8' } });
    await once(child, 'exit');
    closeSync(fd);
    expect((await readFile(file)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const piped = await scan([listFixture('utf8-english.csv'), '--format', 'csv']);
    expect(piped.stdout.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('says a usage error entirely in one language, commander’s own errors included', async () => {
    const zh = await runCli(['scan', 'list.csv', '--bogus', '--inactive-days', 'x'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(3);
    expect(zh.stderr).toContain('未知选项 --bogus');
    expect(zh.stderr).not.toMatch(/unknown|option/);
    const days = await runCli(['scan', 'list.csv', '--inactive-days', 'x'], { LANG: 'zh_CN.UTF-8' });
    expect(days.stderr).toContain('应为 大于或等于 1 的整数');
    const en = await runCli(['scan', 'list.csv', '--timeout']);
    expect(en.stderr).toContain('the option --timeout <seconds> needs a value');
  });

  it('exits 4 when more of the accounts than --max-unverified could not be checked, before any --fail-on, in scan and merge', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-unseen-'));
    // Without cookies or a browser, Douyin's two accounts are blocked: 2 of 4 unseen. 400000006 is a zombie.
    const list = join(dir, 'list.csv');
    await writeFile(list, 'platform,account\n抖音,MS4wLjABAAAAsim-active\n抖音,MS4wLjABAAAAsim-inactive\nbilibili,400000001\nbilibili,400000006\n');
    const over = await scan([list, '--max-unverified', '40', '--fail-on', 'zombie', '--format', 'json', '-o', join(dir, 'r.json')]);
    expect(over.code).toBe(4);
    expect(over.stderr).toContain('50% of the accounts could not be checked');
    // The reports are written all the same.
    expect(JSON.parse(over.stdout).summary.total).toBe(4);
    expect((await scan([list, '--max-unverified', '50%', '--format', 'json'])).code).toBe(0);
    expect((await scan([list, '--max-unverified', '60', '--fail-on', 'zombie', '--format', 'json'])).code).toBe(2);
    const zh = await scan([list, '--max-unverified', '10', '--lang', 'zh-CN', '--format', 'json']);
    expect(zh.stderr).toContain('50% 的账号无法检查');
    const bad = await scan([list, '--max-unverified', '120']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('a percentage from 0 to 100');
    const merged = await runCli(['merge', join(dir, 'r.json'), '--max-unverified', '25', '--format', 'json']);
    expect(merged.code).toBe(4);
  });

  it('exits 0 when --fail-on finds nothing as bad', async () => {
    const result = await scan([listFixture('utf8-english.csv'), '--fail-on', 'zombie', '--format', 'json']);
    expect(result.code).toBe(0);
  });

  it('exits 3 on bad rows, naming file, row and column on stderr, and still audits the good rows', async () => {
    const result = await scan([listFixture('bad-rows.csv'), '--format', 'json']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${listFixture('bad-rows.csv')}, row 3, column "platform": unknown platform "bilbili"`);
    const report = JSON.parse(result.stdout);
    expect(report.accounts.map((a: JsonAccount) => [a.id, a.status])).toEqual([
      ['400000004', 'inactive'],
      ['400000001', 'active'],
    ]);
    expect(report.problems).toHaveLength(9);
  });

  it.each([
    [['--bogus']],
    [['--now', 'yesterday']],
    [['--inactive-days', '100']],
    [['--format', 'xml']],
    [['--fail-on', 'dead']],
    [['--rate', 'bilibili=fast']],
  ])('exits 3 on a bad option %j', async (args) => {
    const result = await runCli(['scan', DEMO_LIST, ...args]);
    expect(result.code).toBe(3);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('outputs', () => {
  it('writes CSV when piped, and report files whose format follows the extension', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-out-'));
    const piped = await scan([listFixture('utf8-english.csv')]);
    expect(piped.stdout.split('\n')[0]).toMatch(/^rank,score,status/);
    const files = await scan([listFixture('utf8-english.csv'), '-o', join(dir, 'r.csv'), '-o', join(dir, 'r.json'), '-o', join(dir, 'r.md')]);
    expect(files.code).toBe(0);
    const csv = await readFile(join(dir, 'r.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((parse(csv.subarray(3).toString('utf8')) as string[][]).map((row) => row[7])).toEqual(['id', '400000004', '400000001']);
    expect(JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')).summary.total).toBe(2);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toMatch(/^# Account audit/);
    expect(files.stdout).toContain('Summary: 2 accounts');
  });

  it('writes the rollups to <name>.groups.csv and a self-contained HTML report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-groups-'));
    const result = await scan([listFixture('utf8-bom-excel.csv'), '--group-by', 'org', '--group-by', 'platform', '-o', join(dir, 'r.csv'), '-o', join(dir, 'r.html')]);
    expect(result.code, result.stderr).toBe(0);
    const groups = parse((await readFile(join(dir, 'r.groups.csv'), 'utf8')).replace(/^\uFEFF/, '')) as string[][];
    expect(groups[0]!.slice(0, 3)).toEqual(['grouped by', 'group', 'accounts']);
    expect(groups.filter((row) => row[0] === 'platform').map((row) => row[1])).toEqual(expect.arrayContaining(['Bilibili', 'Weibo']));
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(?:link|img|iframe)\b|src="http/);
    expect(result.stdout).toContain('By body');
  });

  it('speaks Chinese with --lang zh-CN or a Chinese LANG', async () => {
    const byFlag = await scan([listFixture('utf8-english.csv'), '--format', 'table', '--lang', 'zh-CN']);
    expect(byFlag.stdout).toContain('概况');
    const byEnv = await scan([listFixture('utf8-english.csv'), '--format', 'markdown'], { LANG: 'zh_CN.UTF-8' });
    expect(byEnv.stdout).toContain('# 政务账号巡检报告');
    const bad = await runCli(['scan', DEMO_LIST, '--now', 'yesterday'], { LANG: 'zh_CN.UTF-8' });
    expect(bad.stderr).toContain('选项 --now');
  });

  it('honours NO_COLOR and FORCE_COLOR in the table', async () => {
    const forced = await scan([listFixture('utf8-english.csv'), '--format', 'table'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[');
    const none = await scan([listFixture('utf8-english.csv'), '--format', 'table'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(none.stdout).not.toContain('\u001b[');
  });
});

describe('a list that cannot be read', () => {
  it('writes no empty report, which would look like an audit that found nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-missing-'));
    const result = await scan([join(dir, '台账.xlsx'), '-o', join(dir, 'report.xlsx'), '-o', join(dir, 'report.json')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no such file');
    expect(result.stderr).toContain('no report written');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('validate', () => {
  it('accepts a good list without any network access', async () => {
    const result = await runCli(['validate', listFixture('gb18030-excel.csv')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('4 account(s) in 1 file(s): all rows valid');
  });

  it('accepts Toutiao, Xigua and WeChat rows in every form offices write them', async () => {
    const result = await runCli(['validate', listFixture('toutiao-xigua-wechat-gbk.csv')]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stderr).toContain('17 account(s) in 1 file(s): all rows valid');
  });

  it('exits 3 and names every bad row', async () => {
    const result = await runCli(['validate', listFixture('bad-rows.csv'), listFixture('no-account-column.csv')]);
    expect(result.code).toBe(3);
    expect(result.stdout.trim().split('\n')).toHaveLength(10);
    expect(result.stdout).toContain('row 9, column "account": "file:///etc/passwd" is not a usable web address');
    expect(result.stderr).toContain('10 invalid row(s); 2 valid account(s)');
  });

  it('refuses addresses on this machine before any request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-ssrf-'));
    const list = join(dir, 'ssrf.csv');
    await writeFile(list, 'url\nhttp://169.254.169.254/latest/meta-data\nhttp://localhost:8080/space\nhttps://space.bilibili.com.evil.example/2\n');
    const result = await runCli(['validate', list, '--quiet']);
    expect(result.code).toBe(3);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('demo', () => {
  it('runs the embedded demo and writes its reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-demo-'));
    const result = await runCli(['demo', '--out', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Needs manual check');
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    const statuses = new Set(report.accounts.map((a: JsonAccount) => a.status));
    expect(statuses).toEqual(new Set(['active', 'inactive', 'zombie', 'not-found', 'unverified']));
    const reasons = new Set(report.accounts.map((a: JsonAccount) => a.reason));
    for (const reason of ['never-posted', 'silent', 'missing', 'banned', 'cancelled', 'blocked', 'captcha', 'login-required', 'rate-limited', 'timeout', 'network-error', 'layout-changed', 'no-dates', 'manual-check-required', 'wrong-id', 'no-recent-post-seen']) {
      expect(reasons).toContain(reason);
    }
    // The workbook an office would hand on is among the demo's reports.
    expect((await readFile(join(dir, 'report.xlsx')).then((b) => b.subarray(0, 2).toString()))).toBe('PK');
  });

  it('with --history, runs two audits a month apart and shows what changed, with the evidence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-demo-'));
    const result = await runCli(['demo', '--history', '--out', dir, '--lang', 'zh-CN']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('自 2026-11-20 10:00 以来的变化');
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.now).toBe('2026-12-20T10:00:00+08:00');
    expect(report.changes.byKind.revived).toBe(2);
    expect(report.accounts.some((a: JsonAccount & { reason: string }) => a.reason === 'silent-inferred')).toBe(true);
    expect((await readdir(join(dir, 'evidence'))).filter((f) => f.endsWith('.warc.gz'))).toHaveLength(2);
    // Run again: the demo starts a fresh history, so it tells the same story.
    const again = await runCli(['demo', '--history', '--out', dir, '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).changes).toEqual(report.changes);
  });
});

describe('help', () => {
  it('exists in Chinese', async () => {
    const result = await runCli(['--lang', 'zh-CN', 'scan', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法：');
    expect(result.stdout).toContain('超过多少天未发布视为僵尸账号（默认 90）');
  });

  it('explains a usage error in the user’s language', async () => {
    const result = await runCli(['scan'], { LANG: 'zh_CN.UTF-8' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('用法错误');
  });
});

describe('shards', () => {
  it('audits three contiguous slices that, merged, equal the unsharded report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-shards-'));
    const common = [DEMO_LIST, '--cookies', 'fixtures/demo/cookies.txt', '--rsshub', simulator.rsshub, '--format', 'json'];
    const whole = JSON.parse((await scan(common)).stdout);
    const shards = [];
    for (const index of [1, 2, 3]) {
      const path = join(dir, `shard-${index}.json`);
      const result = await scan([...common, '--shard', `${index}/3`, '-o', path]);
      expect(result.code, result.stderr).toBe(0);
      shards.push(path);
    }
    const sizes = await Promise.all(shards.map(async (path) => JSON.parse(await readFile(path, 'utf8')).summary.total));
    // Contiguous thirds of the rows: each holds about a third of the accounts.
    expect(sizes.every((n) => Math.abs(n - whole.summary.total / 3) <= 2), String(sizes)).toBe(true);
    const merged = await runCli(['merge', ...shards, '--format', 'json']);
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(merged.stdout);
    const view = (r: { accounts: JsonAccount[] & { score: number | null }[] }) =>
      r.accounts.map((a: JsonAccount & { score?: number | null }) => [a.rank, `${a.platform}:${a.id}`, a.status, a.reason, a.lastPostAt, a.daysSinceLastPost, a.score]);
    expect(view(report)).toEqual(view(whole));
    expect(report.summary).toEqual(whole.summary);
  });

  it('refuses to merge reports of different audit instants', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-shards-'));
    await scan([listFixture('utf8-english.csv'), '-o', join(dir, 'a.json')]);
    await runCli(['scan', listFixture('utf8-english.csv'), ...routing, '--now', '2026-12-01', '--rate', '*=0/1', '-o', join(dir, 'b.json')]);
    const result = await runCli(['merge', join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('audit instant');
  });
});

describe('a reader that stops early (| head)', () => {
  it('keeps the command’s own exit code and prints no error', async () => {
    const { startCli } = await import('../helpers/cli.js');
    const run = startCli(['validate', listFixture('bad-rows.csv')]);
    run.child.stdout!.once('data', () => run.child.stdout!.destroy());
    const result = await run.done;
    expect(result.code).toBe(3);
    expect(result.stderr).not.toContain('EPIPE');
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios, startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { wechatRowCell, type WechatSimAccount } from '../../src/simulator/wechat-mp.js';
import { runCli } from '../helpers/cli.js';

const NOW = '2026-11-20T10:00:00+08:00';
const accounts = Object.entries(loadScenarios()['wechat-mp'].accounts as Record<string, WechatSimAccount>);

interface JsonAccount {
  id: string;
  platform: string;
  status: string;
  reason: string | null;
  lastPostAt: string | null;
  name: string | null;
}

let simulator: RunningSimulator;
let dir: string;
let list: string;
/** The account cell of each simulated account, as its fixture says the list names it. */
const cellOf = new Map(accounts.map(([key, account]) => [key, wechatRowCell(key, account)]));

beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-wechat-'));
  list = join(dir, '公众号台账.csv');
  // The list's name column, except for the accounts it names by __biz alone.
  const rows = accounts.map(([key, a]) => `微信公众号,${cellOf.get(key)},${a.row === 'biz' ? '' : a.name},江城市`);
  await writeFile(list, `平台,账号,账号名称,地区\n${rows.join('\n')}\n`);
});
afterAll(() => simulator.close());

const scan = async (...args: string[]) => {
  const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
  const result = await runCli(['scan', list, '--format', 'json', ...routing, '--now', NOW, '--rate', '*=0/1', '--timeout', '2', '--retries', '0', ...args]);
  return { ...result, accounts: result.stdout ? (JSON.parse(result.stdout) as { accounts: JsonAccount[] }).accounts : [] };
};

const verdict = (a: JsonAccount) => (a.reason ? `${a.status}/${a.reason}` : a.status);
const byCell = (found: JsonAccount[]) => new Map(found.map((a) => [a.id, a]));

describe('WeChat Official Accounts against the simulator', () => {
  it('without a bridge: every account gets what its fixture expects, and none is ever inactive, zombie or not found', async () => {
    const before = simulator.log.length;
    const run = await scan('--journal', join(dir, 'no-bridge.journal'));
    expect(run.code, run.stderr).toBe(0);
    const found = byCell(run.accounts);
    expect(run.accounts).toHaveLength(accounts.length);
    for (const [key, account] of accounts) expect(verdict(found.get(cellOf.get(key)!)!), key).toBe(account.expect);
    expect(run.accounts.filter((a) => ['inactive', 'zombie', 'not-found'].includes(a.status))).toEqual([]);
    // The newest article seen is the last known post.
    expect(found.get('jcgongan')!.lastPostAt).toBe('2026-10-26T10:00:00+08:00');
    expect(found.get(cellOf.get('jczhujian')!)!.lastPostAt).toBe('2026-10-11T10:00:00+08:00');
    // A recent linked article needs no search at all.
    const requests = simulator.log.slice(before);
    const renshe = loadScenarios()['wechat-mp'].accounts.jcrenshe!.name!;
    expect(requests.filter((r) => r.host === 'weixin.sogou.com' && r.query.get('query') === renshe)).toEqual([]);
  });

  it('with the user’s bridge (--wechat-feed): the full verdicts, inactive and zombie included', async () => {
    const run = await scan('--wechat-feed', simulator.wechatFeed, '--journal', join(dir, 'bridge.journal'));
    expect(run.code, run.stderr).toBe(0);
    const found = byCell(run.accounts);
    for (const [key, account] of accounts) expect(verdict(found.get(cellOf.get(key)!)!), key).toBe(account.expectBridge);
    expect(new Set(run.accounts.map((a) => a.status))).toEqual(new Set(['active', 'inactive', 'zombie', 'unverified']));
  });

  it('keeps a bridge’s access key out of every output', async () => {
    const out = join(dir, 'keyed');
    const run = await scan('--wechat-feed', `${simulator.wechatFeed}?key=bridge-secret-4711`, '-o', join(out, 'report.csv'), '--journal', join(out, 'scan.journal'));
    expect(run.code, run.stderr).toBe(0);
    const written = await Promise.all((await readdir(out)).map((name) => readFile(join(out, name), 'utf8')));
    for (const text of [run.stdout, run.stderr, ...written]) expect(text).not.toContain('bridge-secret-4711');
  });

  it('refuses a bridge template that names no account placeholder, saying what it expects', async () => {
    const run = await scan('--wechat-feed', 'http://127.0.0.1:1/feeds/all.atom');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--wechat-feed.*\{biz\}/s);
  });
});

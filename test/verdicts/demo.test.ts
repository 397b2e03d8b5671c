import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios, startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runInProcess } from '../helpers/in-process.js';
import { expectedVerdicts } from '../helpers/verdicts.js';
import { wechatRowCell, type WechatSimAccount } from '../../src/simulator/wechat-mp.js';

/*
 * Every verdict the simulator's scenarios state, reached through the CLI's
 * own code run from source in this process. The e2e tests check the same
 * through the built binary; these are what `npm run mutate` runs, so that a
 * mutant in an adapter's verdict path meets the answer that exposes it.
 */

const NOW = '2026-11-20T10:00:00+08:00';
let simulator: RunningSimulator;
let routing: string[];
let dir: string;
beforeAll(async () => {
  simulator = await startSimulator();
  routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-verdicts-'));
});
afterAll(() => simulator.close());

interface JsonAccount {
  platform: string;
  id: string;
  status: string;
  reason: string | null;
  lastPostAt: string | null;
  postCount: number | null;
}

/** `retries`: one only where a fixture fails once and answers the second time (a Retry-After, a 5xx). */
async function scanJson(args: string[], retries = 0): Promise<JsonAccount[]> {
  const run = await runInProcess(['--config', 'fixtures/demo/gov-audit.config.json', 'scan', ...args, ...routing, '--now', NOW, '--rate', '*=0/1', '--timeout', '0.5', '--retries', String(retries), '--retry-after-cap', '0.01', '--format', 'json']);
  expect(run.stdout, run.stderr).not.toBe('');
  return (JSON.parse(run.stdout) as { accounts: JsonAccount[] }).accounts;
}

const verdictOf = (a: JsonAccount) => (a.reason ? `${a.status}/${a.reason}` : a.status);

/** Accounts whose first answer fails and second succeeds: tested apart, the only ones given a retry and its wait. */
const NEEDS_A_RETRY = ['bilibili:400000021'];

/** The demo's accounts of one platform, as rows of a list, with the verdict each must get. */
function platformCases(platform: string, keys?: string[]): { rows: string[]; expected: Map<string, string> } {
  const expected = new Map([...expectedVerdicts()].filter(([key]) => (keys ? keys.includes(key) : key.startsWith(`${platform}:`) && !NEEDS_A_RETRY.includes(key))));
  // WeChat rows carry the account's name as the demo list does (not the __biz rows): a deleted article's account is found by it.
  const names = new Map(
    platform === 'wechat-mp' ? Object.entries(loadScenarios()['wechat-mp'].accounts as Record<string, WechatSimAccount>).map(([id, a]) => [wechatRowCell(id, a), a.row === 'biz' ? '' : (a.name ?? '')]) : [],
  );
  const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const rows = [...expected.keys()].map((key) => key.slice(platform.length + 1)).map((cell) => `${platform},${quoted(cell)},${quoted(names.get(cell) ?? '')}`);
  return { rows, expected };
}

async function checkPlatform(platform: string, keys?: string[], retries = 0): Promise<void> {
  const { rows, expected } = platformCases(platform, keys);
  const list = join(dir, `${platform}-${retries}.csv`);
  await writeFile(list, `platform,account,name\n${rows.join('\n')}\n`);
  const accounts = await scanJson([list, '--cookies', 'fixtures/demo/cookies.txt', '--rsshub', simulator.rsshub], retries);
  const got = new Map(accounts.map((a) => [`${a.platform}:${a.id}`, verdictOf(a)]));
  const wrong = [...expected].filter(([key, verdict]) => got.get(key) !== verdict).map(([key, verdict]) => `${key}: ${got.get(key)} (expected ${verdict})`);
  expect(wrong).toEqual([]);
  expect(accounts).toHaveLength(expected.size);
}

// One test per platform: a mutant in one adapter runs only the test that reaches it.
describe.each(['bilibili', 'douyin', 'kuaishou', 'weibo', 'xiaohongshu', 'toutiao', 'xigua', 'wechat-mp', 'feed'])('%s, scanned from source', (platform) => {
  it('gives every account the verdict its fixture states', () => checkPlatform(platform));
});

describe('an answer that fails once', () => {
  it('is asked again and judged by the second answer', () => checkPlatform('bilibili', NEEDS_A_RETRY, 1));
});

/*
 * Answers that look like a dead account and are not (issue #15): each must
 * come out as its fixture says, never zombie or not-found.
 */
describe('answers that look like death and are not', () => {
  const CASES: [platform: 'weibo' | 'kuaishou' | 'xiaohongshu', id: string][] = [
    ['weibo', '7000000024'],
    ['weibo', '7000000025'],
    ['kuaishou', '3xsimunnamed'],
    ['xiaohongshu', '0f5f0e641000000000000000'],
  ];

  it('gives each the verdict its fixture states', async () => {
    const list = join(dir, 'strict.csv');
    await writeFile(list, `platform,account\n${CASES.map(([p, id]) => `${p},${id}`).join('\n')}\n`);
    const accounts = await scanJson([list, '--cookies', 'fixtures/demo/cookies.txt']);
    const scenarios = loadScenarios();
    for (const [platform, id] of CASES) {
      const account = accounts.find((a) => a.platform === platform && a.id === id)!;
      const fixture = (scenarios[platform].accounts as Record<string, { expect?: string; expectHttp?: string }>)[id]!;
      expect(verdictOf(account), `${platform}:${id}`).toBe(fixture.expectHttp ?? fixture.expect);
      expect(['zombie', 'not-found']).not.toContain(account.status);
    }
    // A count printed rounded (1.2万) is no count: nothing can later be inferred from it.
    expect(accounts.find((a) => a.id === '7000000025')!.postCount).toBeNull();
  });
});

describe('RSSHub, from source', () => {
  it('renders what the platforms refuse, and never a verdict from a failed RSSHub', async () => {
    const list = join(dir, 'rss.csv');
    await writeFile(list, 'platform,account\n抖音,MS4wLjABAAAAsim-rsshub\n快手,3xsimrsshub\n小红书,0d5f0e641000000000000000\n今日头条,MS4wLjABAAAAtt-inactive\n');
    const auto = Object.fromEntries((await scanJson([list, '--rsshub', simulator.rsshub])).map((a) => [a.id, verdictOf(a)]));
    expect(auto).toEqual({
      'MS4wLjABAAAAsim-rsshub': 'active',
      '3xsimrsshub': 'unverified/captcha',
      '0d5f0e641000000000000000': 'unverified/captcha',
      'MS4wLjABAAAAtt-inactive': 'inactive',
    });
    const only = Object.fromEntries((await scanJson([list, '--rsshub', simulator.rsshub, '--via', 'rsshub'])).map((a) => [a.id, verdictOf(a)]));
    expect(only['0d5f0e641000000000000000']).toBe('unverified/blocked');
  });
});

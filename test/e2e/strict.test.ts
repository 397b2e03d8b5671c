import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios, startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runCli } from '../helpers/cli.js';

/*
 * Answers that look like a dead account and are not (issue #15): each must
 * come out as its fixture says, never zombie or not-found.
 */
const CASES: [platform: 'weibo' | 'kuaishou' | 'xiaohongshu', id: string][] = [
  ['weibo', '7000000024'],
  ['kuaishou', '3xsimunnamed'],
  ['xiaohongshu', '0f5f0e641000000000000000'],
];

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe('answers that look like death and are not', () => {
  it('gives each the verdict its fixture states, never zombie or not-found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-strict-'));
    const list = join(dir, 'list.csv');
    await writeFile(list, `platform,account,org,region\n${CASES.map(([p, id]) => `${p},${id},江城市,江城市`).join('\n')}\n`);
    const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    const run = await runCli(['scan', list, ...routing, '--cookies', 'fixtures/demo/cookies.txt', '--now', '2026-11-20T10:00:00+08:00', '--rate', '*=0/1', '--retries', '0', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const scenarios = loadScenarios();
    const got = (JSON.parse(run.stdout) as { accounts: { platform: string; id: string; status: string; reason: string | null }[] }).accounts;
    for (const [platform, id] of CASES) {
      const account = got.find((a) => a.platform === platform && a.id === id)!;
      const fixture = (scenarios[platform].accounts as Record<string, { expect?: string; expectHttp?: string }>)[id]!;
      expect(`${account.status}/${account.reason}`, `${platform}:${id}`).toBe(fixture.expectHttp ?? fixture.expect);
      expect(['zombie', 'not-found']).not.toContain(account.status);
    }
  });
});

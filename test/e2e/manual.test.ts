import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { withManualCheck } from '../../src/audit/scan.js';
import { finding } from '../helpers/report.js';
import { runCli } from '../helpers/cli.js';

const NOW = '2026-11-20T10:00:00+08:00';

describe('a check by hand, recorded in the list', () => {
  const now = new Date(NOW);
  const manual = (status: 'zombie' | 'active' | 'inactive' | 'not-found', checkedOn: string) => ({ status, checkedOn });
  const unverified = (m: ReturnType<typeof manual>) => {
    const f = finding('1', 'unverified', 'captcha', { detail: 'HTTP 412' });
    f.account.manual = m;
    return f;
  };

  it('stands in for an answer the platform would not give, marked manual-check with its day', () => {
    expect(withManualCheck(unverified(manual('zombie', '2026-11-15')), now, 30)).toMatchObject({ status: 'zombie', reason: 'manual-check', detail: expect.stringMatching(/^2026-11-15; captcha/) });
  });

  it('expires after the days allowed, and a date after the audit is not taken', () => {
    expect(withManualCheck(unverified(manual('zombie', '2026-10-10')), now, 30)).toMatchObject({ status: 'unverified', reason: 'captcha' });
    expect(withManualCheck(unverified(manual('zombie', '2026-10-21')), now, 30)).toMatchObject({ status: 'zombie' });
    expect(withManualCheck(unverified(manual('zombie', '2027-01-01')), now, 30)).toMatchObject({ status: 'unverified' });
  });

  it('never overrides what the platform answered this time', () => {
    const active = finding('2', 'active', null);
    active.account.manual = manual('not-found', '2026-11-19');
    expect(withManualCheck(active, now, 30)).toMatchObject({ status: 'active', reason: null });
  });
});

describe('the manual-check columns, end to end', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.close());

  it('reads 人工核查结果 and 人工核查日期, in either language, and notes a value it cannot read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-manual-'));
    const list = join(dir, '台账.csv');
    await writeFile(
      list,
      [
        '平台,账号,主办单位,地区,人工核查结果,人工核查日期',
        'B站,400000015,江城市税务局,江城市,僵尸账号,2026-11-15',
        'B站,400000013,江城市人社局,江城市,active,2026/11/18',
        'B站,400000001,江城市政府新闻办,江城市,账号不存在,2026-11-19',
        'B站,400000016,江城市统计局,江城市,已核查,2026-11-19',
      ].join('\n'),
    );
    const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    const run = await runCli(['--config', 'fixtures/demo/gov-audit.config.json', 'scan', list, ...routing, '--now', NOW, '--rate', '*=0/1', '--retries', '0', '--timeout', '1', '--format', 'json', '--lang', 'zh-CN']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { accounts: { id: string; status: string; reason: string | null; detail: string | null }[]; notes: { code: string; row: number }[] };
    const byId = new Map(report.accounts.map((a) => [a.id, a]));
    expect(byId.get('400000015')).toMatchObject({ status: 'zombie', reason: 'manual-check', detail: expect.stringContaining('2026-11-15') });
    expect(byId.get('400000013')).toMatchObject({ status: 'active', reason: 'manual-check' });
    // The platform answered: its answer stands.
    expect(byId.get('400000001')).toMatchObject({ status: 'active', reason: null });
    expect(byId.get('400000016')).toMatchObject({ status: 'unverified', reason: 'rate-limited' });
    expect(report.notes).toContainEqual(expect.objectContaining({ code: 'bad-manual-check', row: 5 }));
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runCli } from '../helpers/cli.js';

const NOW = '2026-11-20T10:00:00+08:00';
let simulator: RunningSimulator;
let routing: string[];
let dir: string;
beforeAll(async () => {
  simulator = await startSimulator();
  routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-platforms-'));
});
afterAll(() => simulator.close());

async function list(name: string, rows: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `platform,account\n${rows.join('\n')}\n`);
  return path;
}
const scanJson = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = await runCli(['scan', ...args, ...routing, '--now', NOW, '--rate', '*=0/1', '--retries', '0', '--timeout', '2', '--format', 'json'], env);
  return { ...result, report: result.stdout ? JSON.parse(result.stdout) : undefined };
};
const verdicts = (report: { accounts: { id: string; status: string; reason: string | null }[] }) =>
  Object.fromEntries(report.accounts.map((a) => [a.id, a.reason ? `${a.status}/${a.reason}` : a.status]));

describe('gov-audit platforms', () => {
  it('lists every platform with its names, URL forms, what it can tell and what it needs', async () => {
    const result = await runCli(['platforms', '--format', 'json']);
    expect(result.code).toBe(0);
    const platforms = JSON.parse(result.stdout);
    expect(platforms.map((p: { id: string }) => p.id)).toEqual(['bilibili', 'douyin', 'kuaishou', 'weibo', 'xiaohongshu', 'toutiao', 'xigua', 'wechat-mp', 'wechat-channels', 'feed']);
    expect(platforms[1]).toMatchObject({ names: expect.arrayContaining(['抖音']), needsCookies: true, browserRoute: true, rsshubRoute: '/douyin/user/:id', canTell: expect.arrayContaining(['dates']) });
    expect(platforms.filter((p: { browserRoute: boolean }) => p.browserRoute).map((p: { id: string }) => p.id)).toEqual(['douyin', 'kuaishou', 'xiaohongshu', 'toutiao']);
    const byId = new Map(platforms.map((p: { id: string }) => [p.id, p]));
    expect(byId.get('wechat-channels')).toMatchObject({ canTell: [], needsCookies: false });
    // A search engine's sample cannot tell that an account is gone: WeChat does not claim existence.
    expect(byId.get('wechat-mp')).toMatchObject({ canTell: ['name', 'dates'], urlForms: expect.arrayContaining(['https://mp.weixin.qq.com/s/Jx6c1vJ0aHkD2q3yXb1rTw']) });
    expect(byId.get('xigua')).toMatchObject({ rsshubRoute: '/ixigua/user/video/:id' });
    const table = await runCli(['platforms', '--lang', 'zh-CN']);
    expect(table.stdout).toContain('需要 Cookie');
    expect(table.stdout).toContain('https://v.douyin.com/');
  });
});

describe('gov-audit doctor', () => {
  it('says which platforms work and which are blocked, with the remedy, and exits 2 when any is blocked', async () => {
    const result = await runCli(['doctor', ...routing, '--rate', '*=0/1', '--retries', '0', '--format', 'json']);
    expect(result.code).toBe(2);
    const rows = JSON.parse(result.stdout) as { platform: string; account: string | null; verdict: string; remedy: string | null }[];
    const byPlatform = Object.fromEntries(rows.map((r) => [r.platform, r]));
    expect(byPlatform.bilibili!.verdict).toBe('working');
    expect(byPlatform.weibo!.verdict).toBe('working');
    expect(byPlatform['wechat-channels']!.verdict).toBe('manual');
    expect(byPlatform['wechat-mp']).toMatchObject({ account: 'rmrbwx', verdict: 'working' });
    expect(byPlatform.xigua!.verdict).toBe('working');
    for (const platform of ['douyin', 'kuaishou']) expect(byPlatform[platform]!.verdict).toBe('blocked');
    expect(byPlatform.douyin!.remedy).toMatch(/--browser.*--rsshub.*--rate/);
    // RSSHub's Kuaishou feed carries no dates: it is not offered.
    expect(byPlatform.kuaishou!.remedy).toMatch(/--browser.*--rate/);
    expect(byPlatform.kuaishou!.remedy).not.toContain('--rsshub');
    // Kuaishou's probe is the user of the real capture, not an invented id.
    expect(byPlatform.kuaishou!.account).toBe('3x27q2f82gnxn4e');
    // No invented Xiaohongshu probe: the row says how to name one, and does not fail the run by itself.
    expect(byPlatform.xiaohongshu).toMatchObject({ verdict: 'no-probe', account: null, remedy: expect.stringContaining('--account xiaohongshu=') });
  });

  it('with cookies, Xiaohongshu answers but Douyin and Kuaishou stay blocked: their pages sign their requests', async () => {
    const probe = 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=ABsimProbe&xsec_source=pc_note';
    const result = await runCli(['doctor', ...routing, '--rate', '*=0/1', '--retries', '0', '--cookies', 'fixtures/demo/cookies.txt', '--account', `小红书=${probe}`, '--format', 'json']);
    expect(result.code).toBe(2);
    const byPlatform = Object.fromEntries((JSON.parse(result.stdout) as { platform: string; account: string; verdict: string; remedy: string | null }[]).map((r) => [r.platform, r]));
    expect(byPlatform.xiaohongshu).toMatchObject({ account: '5ff0e6410000000001008400', verdict: 'working' });
    // The link's token went with the request, as a browser's would.
    expect(simulator.log.some((r) => r.host === 'www.xiaohongshu.com' && r.path === '/user/profile/5ff0e6410000000001008400' && r.query.get('xsec_token') === 'ABsimProbe')).toBe(true);
    for (const platform of ['douyin', 'kuaishou']) {
      expect(byPlatform[platform]!.verdict).toBe('blocked');
      expect(byPlatform[platform]!.remedy).toContain('--browser');
    }
  });

  it('tells a WeChat account Sogou cannot show from a working one, and names the bridge as the remedy', async () => {
    const result = await runCli(['doctor', ...routing, '--rate', '*=0/1', '--account', 'wechat-mp=MzkwMDAwMDAxNg==', '--account', 'weixin=jcshuiwu', '--format', 'json']);
    const rows = JSON.parse(result.stdout) as { platform: string; account: string; verdict: string; remedy: string | null }[];
    // --account names one probe per platform: the last one given.
    const wechat = rows.find((r) => r.platform === 'wechat-mp')!;
    expect(wechat).toMatchObject({ account: 'jcshuiwu', verdict: 'blocked' });
    expect(wechat.remedy).toMatch(/--rate wechat-mp=1\/10.*--wechat-feed/);
    const byBiz = await runCli(['doctor', ...routing, '--rate', '*=0/1', '--account', 'wechat-mp=MzkwMDAwMDAxNg==', '--format', 'json']);
    expect((JSON.parse(byBiz.stdout) as { platform: string; verdict: string }[]).find((r) => r.platform === 'wechat-mp')).toMatchObject({ verdict: 'partial' });
    // doctor judges as of now: the bridge last synced at the simulator's instant is stale by now, and says so.
    const stale = await runCli(['doctor', ...routing, '--rate', '*=0/1', '--account', 'wechat-mp=MzkwMDAwMDAxNg==', '--wechat-feed', simulator.wechatFeed, '--format', 'json']);
    expect((JSON.parse(stale.stdout) as { platform: string; verdict: string; reason: string }[]).find((r) => r.platform === 'wechat-mp')).toMatchObject({ verdict: 'partial', reason: 'source-stale' });
    // A bridge that synced on its schedule today works.
    const today = await startSimulator({ now: new Date() });
    try {
      const route = today.connectTo().flatMap((rule) => ['--connect-to', rule]);
      const bridged = await runCli(['doctor', ...route, '--rate', '*=0/1', '--account', 'wechat-mp=MzkwMDAwMDAxNg==', '--wechat-feed', today.wechatFeed, '--format', 'json']);
      expect((JSON.parse(bridged.stdout) as { platform: string; verdict: string }[]).find((r) => r.platform === 'wechat-mp')).toMatchObject({ verdict: 'working' });
    } finally {
      await today.close();
    }
  });

  it('reports a changed layout', async () => {
    const changed = await runCli(['doctor', ...routing, '--rate', '*=0/1', '--account', 'bilibili=400000019', '--format', 'json']);
    expect(JSON.parse(changed.stdout)[0]).toMatchObject({ platform: 'bilibili', verdict: 'layout-changed' });
  });
});

describe('cookies', () => {
  it('takes GOV_AUDIT_COOKIE_<PLATFORM> as it takes a cookies.txt, and never prints the value', async () => {
    const path = await list('xhs.csv', ['小红书,015f0e641000000000000000']);
    const without = await scanJson([path]);
    expect(verdicts(without.report)['015f0e641000000000000000']).toBe('unverified/login-required');
    const withEnv = await scanJson([path, '--verbose'], { GOV_AUDIT_COOKIE_XIAOHONGSHU: 'web_session=web_env_secret_session_value' });
    expect(verdicts(withEnv.report)['015f0e641000000000000000']).toBe('active');
    expect(withEnv.stdout + withEnv.stderr).not.toContain('web_env_secret_session_value');
  });

  it('refuses an unreadable cookies file with a clear error', async () => {
    // In a folder of its own: other test files' scans keep their journal in the repository while they run.
    const cwd = await mkdtemp(join(tmpdir(), 'gov-audit-refused-'));
    const result = await runCli(['scan', await list('one.csv', ['bilibili,2']), '--cookies', join(dir, 'missing.txt')], {}, cwd);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('cookies file');
    // A run refused before it started leaves no journal behind.
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('RSSHub', () => {
  it('renders a blocked platform through RSSHub with --via auto, and only through it with --via rsshub', async () => {
    const path = await list('rss.csv', ['抖音,MS4wLjABAAAAsim-rsshub', '快手,3xsimrsshub', '小红书,0d5f0e641000000000000000', '今日头条,MS4wLjABAAAAtt-inactive']);
    const auto = await scanJson([path, '--rsshub', simulator.rsshub]);
    expect(verdicts(auto.report)).toEqual({
      'MS4wLjABAAAAsim-rsshub': 'active',
      '3xsimrsshub': 'unverified/captcha',
      '0d5f0e641000000000000000': 'unverified/captcha',
      // Toutiao's page shows the account without dates: RSSHub is asked for them, and its name stays the page's.
      'MS4wLjABAAAAtt-inactive': 'inactive',
    });
    expect(auto.report.accounts.find((a: { id: string }) => a.id === 'MS4wLjABAAAAtt-inactive').name).toBe('江城交警');
    const direct = await scanJson([path, '--rsshub', simulator.rsshub, '--via', 'direct']);
    expect(verdicts(direct.report)['MS4wLjABAAAAsim-rsshub']).toBe('unverified/captcha');
    const only = await scanJson([path, '--rsshub', simulator.rsshub, '--via', 'rsshub']);
    expect(verdicts(only.report)['0d5f0e641000000000000000']).toBe('unverified/blocked');
    expect(only.report.accounts.find((a: { id: string }) => a.id === '0d5f0e641000000000000000').detail).toContain('503');
  });
});

describe('feeds', () => {
  it('accepts feed URLs only on hosts the user allowed', async () => {
    const path = await list('feeds.csv', ['feed,https://feeds.example.gov.cn/rss.xml']);
    const refused = await runCli(['validate', path]);
    expect(refused.code).toBe(3);
    // The refusal says how to allow the host.
    expect(refused.stdout).toContain('--feed-host feeds.example.gov.cn');
    const unnamed = await runCli(['validate', await list('feeds2.csv', [',https://www.example.gov.cn/rss.xml'])]);
    expect(unnamed.stdout).toContain('--feed-host www.example.gov.cn');
    const allowed = await runCli(['validate', path, '--feed-host', 'feeds.example.gov.cn']);
    expect(allowed.code, allowed.stdout).toBe(0);
  });

  it('scans YouTube channel feeds', async () => {
    const path = await list('yt.csv', ['youtube,https://www.youtube.com/feeds/videos.xml?channel_id=UCsimJiangchengSilent']);
    const result = await scanJson([path]);
    expect(result.report.accounts[0]).toMatchObject({ status: 'zombie', reason: 'silent', platform: 'feed' });
  });
});

describe('the journal', () => {
  it('holds no cookie value', async () => {
    const journal = join(dir, 'j.ndjson');
    await scanJson([await list('j.csv', ['抖音,MS4wLjABAAAAsim-active']), '--cookies', 'fixtures/demo/cookies.txt', '--journal', journal]);
    const text = await readFile(journal, 'utf8');
    expect(text).toContain('MS4wLjABAAAAsim-active');
    expect(text).not.toContain('simulated-ttwid-value');
  });
});

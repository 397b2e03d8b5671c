import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { BilibiliAccountScenario } from '../../src/simulator/bilibili.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runCli, startCli } from '../helpers/cli.js';
import { createServer } from 'node:net';
import { createReadStream } from 'node:fs';
import { WARCParser } from 'warcio';

const NOW = '2026-11-20T10:00:00+08:00';
let simulator: RunningSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const MIDS = Array.from({ length: 24 }, (_, i) => String(500000001 + i));

async function workspace(): Promise<{ dir: string; list: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-resilience-'));
  const list = join(dir, 'list.csv');
  await writeFile(list, `platform,id,org,region\n${MIDS.map((mid) => `bilibili,${mid},Jiangcheng,Jiangcheng`).join('\n')}\n`);
  return { dir, list };
}

async function slowSimulator(card: BilibiliAccountScenario['card'] = 'normal', latencyMs = 150) {
  const accounts = Object.fromEntries(MIDS.map((mid, i) => [mid, { name: `账号${i}`, fans: i, videos: [daysAgo(i * 5 + 1)], card }]));
  simulator = await startSimulator({ scenarios: { bilibili: { accounts } }, latencyMs });
  return simulator;
}

const routing = (sim: RunningSimulator) => sim.connectTo().flatMap((rule) => ['--connect-to', rule]);
const cardRequests = (sim: RunningSimulator) => sim.log.filter((r) => r.path === '/x/web-interface/card').map((r) => r.query.get('mid')!);

async function journalLines(path: string): Promise<number> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.includes('"observation"')).length;
}

async function waitForJournal(path: string, lines: number): Promise<void> {
  for (let i = 0; i < 400 && (await journalLines(path)) < lines; i++) await sleep(25);
}

describe('an interrupted scan loses nothing', () => {
  it('Ctrl-C writes every report with what it has, exits 130, and --resume finishes without refetching', async () => {
    const sim = await slowSimulator();
    const { dir, list } = await workspace();
    const journal = join(dir, 'scan.journal.ndjson');
    const args = ['scan', list, ...routing(sim), '--now', NOW, '--rate', '*=0/1', '--journal', journal];
    const history = ['--db', join(dir, 'history.sqlite')];
    const first = startCli([...args, ...history, '--archive', join(dir, 'warc'), '-o', join(dir, 'first.json')]);
    await waitForJournal(journal, 5);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('stopping');
    const partial = JSON.parse(await readFile(join(dir, 'first.json'), 'utf8'));
    expect(partial.interrupted).toBe(true);
    expect(partial.summary.total).toBe(MIDS.length);
    const notScanned = partial.accounts.filter((a: { reason: string }) => a.reason === 'not-scanned').length;
    expect(notScanned).toBeGreaterThan(0);
    expect(partial.summary.byStatus.active + partial.summary.byStatus.inactive + partial.summary.byStatus.zombie).toBe(
      MIDS.length - notScanned,
    );
    // The archive keeps every record made before the stop, and reads to its end.
    const [warc] = await readdir(join(dir, 'warc'));
    const archived = new Set<string>();
    for await (const record of WARCParser.iterRecords(createReadStream(join(dir, 'warc', warc!)))) archived.add(record.warcHeader('WARC-Record-ID')!);
    const scanned = partial.accounts.filter((a: { reason: string }) => a.reason !== 'not-scanned');
    for (const account of scanned) for (const id of account.evidence.records) expect(archived.has(id)).toBe(true);
    // A stopped audit is not history: it is kept once --resume has finished it.
    const trend = async () => JSON.parse((await runCli(['trend', ...history, '--format', 'json'])).stdout).runs.length;
    expect(await trend()).toBe(0);

    const second = await runCli(['scan', list, ...routing(sim), '--rate', '*=0/1', '--resume', journal, ...history, '-o', join(dir, 'second.json')]);
    expect(second.code, second.stderr).toBe(0);
    expect(await trend()).toBe(1);
    const full = JSON.parse(await readFile(join(dir, 'second.json'), 'utf8'));
    expect(full.interrupted).toBe(false);
    expect(full.now).toBe('2026-11-20T10:00:00+08:00');
    expect(full.accounts.map((a: { id: string }) => a.id).sort()).toEqual(MIDS);
    expect(full.accounts.every((a: { status: string }) => a.status !== 'unverified')).toBe(true);
    // Every account was fetched exactly once over both runs.
    expect(cardRequests(sim).sort()).toEqual(MIDS);
  });

  it('after kill -9, a resumed scan fetches again at most the accounts that were in flight, and reports each once', async () => {
    const sim = await slowSimulator();
    const { dir, list } = await workspace();
    const journal = join(dir, 'scan.journal.ndjson');
    const args = ['scan', list, ...routing(sim), '--now', NOW, '--rate', '*=0/1', '--journal', journal];
    const first = startCli(args);
    await waitForJournal(journal, 6);
    first.child.kill('SIGKILL');
    await first.done;
    const journaled = await journalLines(journal);

    const second = await runCli(['scan', list, ...routing(sim), '--rate', '*=0/1', '--resume', journal, '--format', 'json']);
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.accounts).toHaveLength(MIDS.length);
    expect(new Set(report.accounts.map((a: { id: string }) => a.id)).size).toBe(MIDS.length);
    const requests = cardRequests(sim);
    const twice = MIDS.filter((mid) => requests.filter((r) => r === mid).length > 1);
    // At most two accounts of one platform are in flight at a time.
    expect(twice.length).toBeLessThanOrEqual(2);
    expect(requests.length).toBe(MIDS.length + twice.length);
    expect(journaled).toBeGreaterThanOrEqual(6);
  });

  it('keeps the default journal only when the scan did not finish', async () => {
    const sim = await slowSimulator('normal', 0);
    const { dir, list } = await workspace();
    const result = await runCli(['scan', list, ...routing(sim), '--now', NOW, '--rate', '*=0/1', '-o', join(dir, 'r.csv')]);
    expect(result.code).toBe(0);
    expect((await readdir(dir)).filter((f) => f.endsWith('.journal.ndjson'))).toEqual([]);
  });
});

describe('the circuit breaker', () => {
  it('stops requesting a platform that keeps blocking and reports the rest at once, with the remedy', async () => {
    const sim = await slowSimulator('http-412', 0);
    const { dir, list } = await workspace();
    await writeFile(join(dir, 'gov-audit.config.json'), JSON.stringify({ breaker: { threshold: 3, coolDown: 0.2 }, rates: { '*': '0/1' } }));
    const result = await runCli(['scan', list, ...routing(sim), '--now', NOW, '--format', 'json'], {}, dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: Bilibili keeps blocking');
    const report = JSON.parse(result.stdout);
    expect(report.accounts.every((a: { status: string; reason: string }) => a.status === 'unverified' && a.reason === 'blocked')).toBe(true);
    const skipped = report.accounts.filter((a: { detail: string }) => a.detail.startsWith('not requested'));
    expect(skipped.length).toBeGreaterThan(MIDS.length / 2);
    expect(skipped[0].remedy).toContain('--rate bilibili=1/10');
    // Three blocks, perhaps one more already in flight, then the probe.
    expect(cardRequests(sim).length).toBeLessThanOrEqual(6);
  });
});

describe('the cache', () => {
  it('reuses verdicts younger than --max-age and never caches an unverified answer', async () => {
    const accounts = {
      '600000001': { name: 'a', fans: 1, videos: [daysAgo(1)] },
      '600000002': { name: 'b', card: 'http-412' as const },
    };
    simulator = await startSimulator({ scenarios: { bilibili: { accounts } } });
    const { dir } = await workspace();
    const list = join(dir, 'two.csv');
    await writeFile(list, 'platform,id\nbilibili,600000001\nbilibili,600000002\nbilibili,600000003\n');
    // No canary: this test counts the card requests the cache saves.
    const args = ['scan', list, ...routing(simulator), '--now', NOW, '--rate', '*=0/1', '--no-canary', '--cache', join(dir, 'cache.ndjson'), '--format', 'json'];
    const first = JSON.parse((await runCli(args)).stdout);
    const second = JSON.parse((await runCli(args)).stdout);
    expect(second.accounts.map((a: { status: string }) => a.status)).toEqual(first.accounts.map((a: { status: string }) => a.status));
    expect(cardRequests(simulator).sort()).toEqual(['600000001', '600000002', '600000002', '600000003']);
    const third = await runCli([...args, '--max-age', '0s']);
    expect(third.code).toBe(0);
    expect(cardRequests(simulator)).toHaveLength(7);
    // Each run wrote its next cache beside the file and put it in place: nothing else is left.
    expect((await readdir(dir)).filter((name) => name.startsWith('cache'))).toEqual(['cache.ndjson']);
  });
});

describe('configuration', () => {
  it('reads gov-audit.config.json from the working directory; flags win over it', async () => {
    const sim = await slowSimulator('normal', 0);
    const { dir, list } = await workspace();
    await writeFile(join(dir, 'gov-audit.config.json'), JSON.stringify({ lang: 'zh-CN', inactiveDays: 3, zombieDays: 100, rates: { bilibili: '0/1' } }));
    const fromFile = await runCli(['scan', list, ...routing(sim), '--now', NOW, '--format', 'json'], {}, dir);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const report = JSON.parse(fromFile.stdout);
    expect(report.lang).toBe('zh-CN');
    expect(report.thresholds).toEqual({ inactiveDays: 3, zombieDays: 100 });
    const flagged = JSON.parse((await runCli(['scan', list, ...routing(sim), '--now', NOW, '--format', 'json', '--lang', 'en', '--inactive-days', '7'], {}, dir)).stdout);
    expect(flagged.lang).toBe('en');
    expect(flagged.thresholds).toEqual({ inactiveDays: 7, zombieDays: 100 });
  });

  it('names a wrong key or value of the config file and exits 3', async () => {
    const { dir, list } = await workspace();
    await writeFile(join(dir, 'custom.json'), JSON.stringify({ inactivedays: 3 }));
    const result = await runCli(['--config', join(dir, 'custom.json'), 'scan', list]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('unknown key "inactivedays"');
    await writeFile(join(dir, 'custom.json'), JSON.stringify({ rates: { bilibili: 3 } }));
    expect((await runCli(['--config', join(dir, 'custom.json'), 'scan', list])).stderr).toContain('"rates" must be');
  });
});

describe('logs', () => {
  it('--verbose prints each request without its query string', async () => {
    const sim = await slowSimulator('normal', 0);
    const { list } = await workspace();
    const result = await runCli(['scan', list, ...routing(sim), '--now', NOW, '--rate', '*=0/1', '--format', 'json', '--verbose']);
    expect(result.stderr).toMatch(/→ GET api\.bilibili\.com\/x\/space\/wbi\/arc\/search 200 \d+ms/);
    expect(result.stderr).not.toContain('w_rid');
    expect(result.stderr).not.toContain('?');
  });

  it('prints no progress line when stderr is not a terminal', async () => {
    const sim = await slowSimulator('normal', 0);
    const { list } = await workspace();
    const result = await runCli(['scan', list, ...routing(sim), '--now', NOW, '--rate', '*=0/1', '--format', 'json']);
    expect(result.stderr).toBe('');
  });
});

describe('proxies', () => {
  it('sends platform requests through HTTPS_PROXY, never straight out', async () => {
    const seen: string[] = [];
    const proxy = createServer((socket) => {
      socket.once('data', (chunk) => {
        seen.push(chunk.toString().split('\r\n')[0]!);
        socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    const { dir } = await workspace();
    const list = join(dir, 'one.csv');
    await writeFile(list, 'platform,id\nbilibili,2\n');
    const result = await runCli(['scan', list, '--format', 'json', '--rate', '*=0/1', '--retries', '0'], {
      HTTPS_PROXY: `http://127.0.0.1:${port}`,
    });
    proxy.close();
    expect(seen[0]).toBe('CONNECT api.bilibili.com:443 HTTP/1.1');
    expect(JSON.parse(result.stdout).accounts[0]).toMatchObject({ status: 'unverified', reason: 'network-error' });
  });
});

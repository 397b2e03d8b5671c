import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runCli } from '../helpers/cli.js';

/*
 * The proof rules a whole run applies (issue #25 rules 5 and 8), through the
 * CLI: a platform that says "not found" of everyone, of its known account too,
 * or a network that reaches no platform, never yields definite verdicts.
 */

const NOW = '2026-11-20T10:00:00+08:00';
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const GONE = Array.from({ length: 12 }, (_, i) => String(700000001 + i));
const LIVE = ['700000101', '700000102'];

let simulator: RunningSimulator | undefined;
let closed: Server | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  await new Promise((resolve) => (closed ? closed.close(resolve) : resolve(undefined)));
  closed = undefined;
});

async function listOf(mids: readonly string[]): Promise<{ dir: string; list: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-proof-'));
  const list = join(dir, 'list.csv');
  await writeFile(list, `platform,id,org\n${mids.map((mid) => `bilibili,${mid},江城`).join('\n')}\n`);
  return { dir, list };
}

/** Bilibili's simulator with the live accounts, and its well-known account (mid 2, the canary) only when `canaryLives`. */
async function bilibili(canaryLives: boolean): Promise<RunningSimulator> {
  const live = Object.fromEntries([...LIVE, ...(canaryLives ? ['2'] : [])].map((mid) => [mid, { name: `账号${mid}`, fans: 10, videos: [daysAgo(2)] }]));
  simulator = await startSimulator({ scenarios: { bilibili: { accounts: live } } });
  return simulator;
}

async function scanJson(sim: RunningSimulator, mids: readonly string[], extra: string[] = []) {
  const { dir, list } = await listOf(mids);
  const out = join(dir, 'report.json');
  const routing = sim.connectTo().flatMap((rule) => ['--connect-to', rule]);
  const result = await runCli(['scan', list, '--now', NOW, '--rate', '*=100/1', '--retries', '0', ...routing, '-o', out, '--lang', 'en', ...extra]);
  const report = JSON.parse(await readFile(out, 'utf8')) as { alerts: { code: string; platform?: string; accounts: number }[]; accounts: { id: string; status: string; reason: string | null }[] };
  return { ...result, report, statusOf: (id: string) => report.accounts.find((a) => a.id === id) };
}

describe('a platform that says "not found" of everyone', () => {
  it('holds every not-found when its known account is not found either, and --max-unverified fails the run', async () => {
    const sim = await bilibili(false);
    const run = await scanJson(sim, [...GONE, ...LIVE], ['--max-unverified', '10']);
    expect(run.code).toBe(4);
    for (const mid of GONE) expect(run.statusOf(mid)).toMatchObject({ status: 'unverified', reason: 'platform-suspect' });
    for (const mid of LIVE) expect(run.statusOf(mid)).toMatchObject({ status: 'active' });
    expect(run.report.alerts).toEqual([expect.objectContaining({ code: 'platform-suspect', platform: 'bilibili', accounts: GONE.length })]);
    expect(run.stderr).toContain('"not found" answer(s) held as unverified');
    // The canary was asked once, for the whole run.
    expect(sim.log.filter((r) => r.path === '/x/web-interface/card' && r.query.get('mid') === '2')).toHaveLength(1);
  });

  it('holds them as a mass not-found when its known account answers, unless told to accept them', async () => {
    const sim = await bilibili(true);
    const held = await scanJson(sim, [...GONE, ...LIVE], ['--max-unverified', '10']);
    expect(held.code).toBe(4);
    for (const mid of GONE) expect(held.statusOf(mid)).toMatchObject({ status: 'unverified', reason: 'mass-not-found' });
    expect(held.report.alerts).toEqual([expect.objectContaining({ code: 'mass-not-found', platform: 'bilibili', accounts: GONE.length })]);
    const accepted = await scanJson(sim, [...GONE, ...LIVE], ['--max-unverified', '10', '--accept-mass-not-found']);
    expect(accepted.code).toBe(0);
    for (const mid of GONE) expect(accepted.statusOf(mid)).toMatchObject({ status: 'not-found' });
    expect(accepted.report.alerts).toEqual([]);
  });

  it('keeps a single not-found when the known account answers', async () => {
    const sim = await bilibili(true);
    const run = await scanJson(sim, [GONE[0]!, ...LIVE]);
    expect(run.code).toBe(0);
    expect(run.statusOf(GONE[0]!)).toMatchObject({ status: 'not-found', reason: 'missing' });
  });

  it('asks no known account when nothing was not found, or with --no-canary', async () => {
    const sim = await bilibili(false);
    await scanJson(sim, LIVE);
    const single = await scanJson(sim, [GONE[0]!, ...LIVE], ['--no-canary']);
    expect(single.statusOf(GONE[0]!)).toMatchObject({ status: 'not-found' });
    expect(sim.log.filter((r) => r.query.get('mid') === '2')).toHaveLength(0);
  });
});

describe('a run that reaches no platform', () => {
  it('says so at the top of every report and on stderr, and exits 5', async () => {
    // A port that accepts nothing: every connection is refused.
    closed = createServer();
    await new Promise<void>((resolve) => closed!.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed!.close(resolve));
    closed = undefined;
    const { dir, list } = await listOf(LIVE);
    const md = join(dir, 'report.md');
    const json = join(dir, 'report.json');
    const routing = ['--connect-to', `*=http://127.0.0.1:${port}`];
    const run = await runCli(['scan', list, '--now', NOW, '--retries', '0', '--timeout', '5', ...routing, '-o', md, '-o', json, '--lang', 'zh-CN']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('无法连接任何平台');
    expect((await readFile(md, 'utf8')).split('\n').slice(0, 6).join('\n')).toContain('无法连接任何平台');
    const report = JSON.parse(await readFile(json, 'utf8')) as { alerts: { code: string }[] };
    expect(report.alerts.map((a) => a.code)).toEqual(['nothing-reached']);
  });
});

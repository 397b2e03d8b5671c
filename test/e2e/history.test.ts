import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLaterScenario, scenariosAt, startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { SCHEMA_VERSION } from '../../src/history/schema.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');

const DEMO_LIST = 'fixtures/demo/accounts.csv';
/** As the demo runs it: Douyin refuses every script, and the breaker would pause it for a minute. */
const DEMO_CONFIG = 'fixtures/demo/gov-audit.config.json';
const ADDED_LIST = 'fixtures/history/added.csv';
const FIRST_NOW = '2026-11-20T10:00:00+08:00';
const later = loadLaterScenario('month-later.json');

interface JsonAccount {
  platform: string;
  id: string;
  status: string;
  reason: string | null;
  silentSince: string | null;
  daysSinceLastPost: number | null;
  change: { kind: string; previousStatus: string | null; previousAt: string | null; since: string | null } | null;
}
interface JsonReport {
  accounts: JsonAccount[];
  changes: { previousAt: string | null; byKind: Record<string, number> } | null;
}

/** A scan of the demo list against one simulator, as the demo runs it. */
async function scanThrough(simulator: RunningSimulator, now: string, args: string[]): Promise<CliResult> {
  const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
  return runCli([
    '--config',
    DEMO_CONFIG,
    'scan',
    ...args,
    ...routing,
    '--cookies',
    'fixtures/demo/cookies.txt',
    '--rsshub',
    simulator.rsshub,
    '--now',
    now,
    '--rate',
    '*=0/1',
    '--timeout',
    '1',
    '--retries',
    '1',
  ]);
}

const keyOf = (a: JsonAccount) => `${a.platform}:${a.id}`;

let dir: string;
let db: string;
let first: JsonReport;
let second: JsonReport;
let secondRun: CliResult;
let laterSimulator: RunningSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-history-'));
  db = join(dir, 'history.sqlite');
  const simulator = await startSimulator();
  try {
    const run = await scanThrough(simulator, FIRST_NOW, [DEMO_LIST, '--db', db, '-o', join(dir, 'first.json')]);
    expect(run.code, run.stderr).toBe(0);
  } finally {
    await simulator.close();
  }
  await copyFile(db, join(dir, 'after-first.sqlite'));
  first = JSON.parse(await readFile(join(dir, 'first.json'), 'utf8'));
  laterSimulator = await startSimulator({ scenarios: scenariosAt(later), now: new Date(later.now) });
  const outputs = ['second.json', 'second.md', 'second.csv'].flatMap((name) => ['-o', join(dir, name)]);
  secondRun = await scanThrough(laterSimulator, later.now, [DEMO_LIST, ADDED_LIST, '--db', db, ...outputs, '--format', 'table']);
  expect(secondRun.code, secondRun.stderr).toBe(0);
  second = JSON.parse(await readFile(join(dir, 'second.json'), 'utf8'));
});
afterAll(() => laterSimulator?.close());

describe('history across two audits a month apart', () => {
  it('calls every account new on the first audit, with nothing to compare', () => {
    expect(first.changes).toEqual(expect.objectContaining({ previousAt: null }));
    expect(first.changes!.byKind.new).toBe(first.accounts.length);
    expect(first.accounts.every((a) => a.change?.kind === 'new')).toBe(true);
  });

  it('reports exactly the accounts that changed, each with its change', () => {
    const expected = new Map(Object.entries(later.expectChange).map(([key, change]) => [key, change.split('/')[0]!]));
    const changed = second.accounts.filter((a) => a.change!.kind !== 'unchanged');
    expect(new Map(changed.map((a) => [keyOf(a), a.change!.kind]))).toEqual(expected);
    expect(second.changes!.previousAt).toBe(FIRST_NOW);
    expect(second.changes!.byKind.unchanged).toBe(second.accounts.length - expected.size);
  });

  it('infers silence from a post count that has not moved, and only then', () => {
    const inferred = Object.entries(later.expectChange).filter(([, change]) => change.endsWith('/silent-inferred')).map(([key]) => key);
    const byKey = new Map(second.accounts.map((a) => [keyOf(a), a]));
    for (const key of inferred) {
      expect(byKey.get(key), key).toMatchObject({ status: 'inactive', reason: 'silent-inferred', silentSince: FIRST_NOW, daysSinceLastPost: 30 });
    }
    expect(inferred.length).toBeGreaterThan(0);
    // Its count moved from 57 to 58: it posted, so its silence is not inferred.
    expect(byKey.get('weibo:7000000021')).toMatchObject({ status: 'unverified', reason: 'login-required' });
    // Counts unchanged beside a list that was refused, or that contradicts them, are recorded, never used (proof rule 7).
    expect(byKey.get('kuaishou:3xsimsilent')).toMatchObject({ status: 'unverified', reason: 'blocked' });
    expect(byKey.get('bilibili:400000023')).toMatchObject({ status: 'unverified', reason: 'blocked' });
    expect(byKey.get('bilibili:400000020')).toMatchObject({ status: 'unverified', reason: 'contradictory' });
    expect(second.accounts.filter((a) => a.reason === 'silent-inferred').map(keyOf).sort()).toEqual(inferred.sort());
  });

  it('gives the date since which an account has been inactive or a zombie', () => {
    const byKey = new Map(second.accounts.map((a) => [keyOf(a), a]));
    // Last video 2026-11-20 05:00 (fixtures/simulator/bilibili.json): inactive 14 days later.
    expect(byKey.get('bilibili:400000002')!.change).toMatchObject({ previousStatus: 'active', since: '2026-12-04T05:00:00+08:00' });
    // Never posted: a zombie since the first audit that saw it.
    expect(byKey.get('bilibili:400000009')!.change).toMatchObject({ kind: 'unchanged', since: FIRST_NOW });
    expect(byKey.get('bilibili:400000007')!.change).toMatchObject({ kind: 'unverified', previousStatus: 'zombie' });
  });

  it('shows the changes in the table, the Markdown and the CSV', async () => {
    const changedCount = Object.keys(later.expectChange).length;
    expect(secondRun.stdout).toContain('Changes since 2026-11-20 10:00');
    const md = await readFile(join(dir, 'second.md'), 'utf8');
    const section = md.slice(md.indexOf('## Changes since 2026-11-20 10:00'), md.indexOf('## Ranking'));
    expect(section.split('\n').filter((line) => line.startsWith('| ')).length).toBe(changedCount + 2);
    expect(section).toContain('newly not found');
    const rows = parse((await readFile(join(dir, 'second.csv'), 'utf8')).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r['change code'] !== 'unchanged')).toHaveLength(changedCount);
    expect(rows.find((r) => r.id === '400000006')).toMatchObject({ change: 'revived', 'change code': 'revived' });
  });

  it('prints one account’s timeline and the trend, as table, Markdown and JSON', async () => {
    // Active a month ago; now its list answers without dates beside the same count: a clean count, so a silence.
    const history = await runCli(['history', 'bilibili:400000003', '--db', db, '--format', 'json']);
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout).runs.map((r: { status: string; reason: string }) => [r.status, r.reason])).toEqual([
      ['active', null],
      ['inactive', 'silent-inferred'],
    ]);
    const zh = await runCli(['history', '哔哩哔哩:400000003', '--db', db, '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('作品数未变');
    const trend = await runCli(['trend', '--db', db, '--format', 'json']);
    const runs = JSON.parse(trend.stdout).runs as { accounts: number; byStatus: Record<string, number> }[];
    expect(runs.map((r) => r.accounts)).toEqual([first.accounts.length, second.accounts.length]);
    // Deleted on Weibo and banned on Xiaohongshu during the month.
    expect(runs[1]!.byStatus['not-found']).toBe(runs[0]!.byStatus['not-found']! + 2);
    const markdown = await runCli(['trend', '--db', db, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^\| 2026-12-20 10:00 \|/m);
  });

  it('merges shards into the same changes, and keeps the merged audit once', async () => {
    const shardDb = join(dir, 'merge.sqlite');
    const shards: string[] = [];
    for (const index of [1, 2, 3]) {
      // Each shard machine restores its own copy of the history, as the CI recipe does.
      const copy = join(dir, `shard-${index}.sqlite`);
      await copyFile(join(dir, 'after-first.sqlite'), copy);
      const path = join(dir, `shard-${index}.json`);
      const run = await scanThrough(laterSimulator, later.now, [DEMO_LIST, ADDED_LIST, '--db', copy, '--shard', `${index}/3`, '-o', path]);
      expect(run.code, run.stderr).toBe(0);
      shards.push(path);
    }
    // A shard is compared with the history but not kept: the merge keeps the whole audit once.
    expect(JSON.parse((await runCli(['trend', '--db', join(dir, 'shard-1.sqlite'), '--format', 'json'])).stdout).runs).toHaveLength(1);
    await copyFile(join(dir, 'after-first.sqlite'), shardDb);
    const merged = await runCli(['merge', ...shards, '--db', shardDb, '--format', 'json']);
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(merged.stdout) as JsonReport;
    const view = (r: JsonReport) => r.accounts.map((a) => [keyOf(a), a.status, a.reason, a.change!.kind]);
    expect(view(report)).toEqual(view(second));
    expect(report.changes).toEqual(second.changes);
    const trend = JSON.parse((await runCli(['trend', '--db', shardDb, '--format', 'json'])).stdout);
    expect(trend.runs).toHaveLength(2);
  }, 120_000);
});

describe('a history database that cannot be used', () => {
  const refusal = async (prepare: (path: string) => Promise<void> | void) => {
    const path = join(await mkdtemp(join(tmpdir(), 'gov-audit-db-')), 'h.sqlite');
    await prepare(path);
    const before = await readFile(path);
    const result = await runCli(['trend', '--db', path]);
    expect(result.code).toBe(3);
    // Refused, never reset: the file is exactly as it was.
    expect(await readFile(path)).toEqual(before);
    return result.stderr;
  };

  it('refuses one written by a newer gov-audit', async () => {
    const stderr = await refusal((path) => {
      const handle = new Database(path);
      handle.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      handle.pragma('application_id = 1198487105');
      handle.close();
    });
    expect(stderr).toContain(`newer gov-audit (schema ${SCHEMA_VERSION + 1}; this version knows up to ${SCHEMA_VERSION})`);
  });

  it('calls a damaged file damaged', async () => {
    const stderr = await refusal((path) => writeFile(path, 'SQLite format 3\0'.padEnd(4096, 'x')));
    expect(stderr).toMatch(/damaged or not a database/);
  });

  it('will not write into another program’s database', async () => {
    const stderr = await refusal((path) => {
      const handle = new Database(path);
      handle.exec('CREATE TABLE invoices (id INTEGER)');
      handle.close();
    });
    expect(stderr).toContain('not a gov-audit history');
  });

  it('says when another program holds it locked', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'gov-audit-db-')), 'h.sqlite');
    const handle = new Database(path);
    handle.pragma('application_id = 1198487105');
    handle.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    try {
      const result = await runCli(['trend', '--db', path]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('is locked by another program');
    } finally {
      handle.exec('ROLLBACK');
      handle.close();
    }
  });

  it('asks for --db, and never creates a file for a mistyped name', async () => {
    expect((await runCli(['trend'])).stderr).toContain('needs the history database');
    const missing = await runCli(['history', 'bilibili:1', '--db', join(tmpdir(), 'no-such-history.sqlite')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('does not exist');
  });
});

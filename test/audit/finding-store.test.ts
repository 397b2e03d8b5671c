import { readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { proven } from '../helpers/proof.js';
import type { Account } from '../../src/accounts/account.js';
import type { ListItem } from '../../src/accounts/read.js';
import type { EarlierObservation } from '../../src/audit/changes.js';
import { DEFAULT_THRESHOLDS, type AuditReport, type Finding, type RankedFinding } from '../../src/audit/finding.js';
import { FindingStore } from '../../src/audit/finding-store.js';
import { rank } from '../../src/audit/rank.js';
import type { ObservationRecord } from '../../src/audit/record.js';
import { scan, type ScanOptions } from '../../src/audit/scan.js';
import { DAY_MS } from '../../src/audit/time.js';
import { mergeReports } from '../../src/commands/merge.js';
import type { Observation } from '../../src/platforms/observation.js';
import { REPORTERS } from '../../src/report/index.js';

/*
 * A national list's findings leave memory for a temporary file: the reports,
 * the ranking, the duplicates and the history's changes must be exactly
 * those of findings held in memory.
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

function account(i: number): Account {
  return {
    key: `bilibili:${1000 + i}`,
    platform: 'bilibili',
    id: String(1000 + i),
    url: `https://space.bilibili.com/${1000 + i}`,
    name: `江城发布${i}`,
    org: i % 4 === 0 ? '江城市委宣传部' : `单位${i}`,
    extra: { 备注: i % 3 ? '' : `第${i}行 "引号", 逗号` },
    source: { file: '名单.csv', row: i + 2 },
    order: i,
  };
}

/** A spread of what platforms answer: recent, old and no posts, missing, blocked, counts only. */
/** A clean answer's facts on each (test/helpers/proof.ts): the rules then judge by the answers alone. */
function observationOf(i: number): Observation {
  return proven(answerOf(i), String(i));
}

function answerOf(i: number): Observation {
  switch (i % 6) {
    case 0:
      return { kind: 'found', profile: { name: `平台名${i}`, followers: i * 10, postCount: 5 }, posts: [{ id: 'a', at: daysAgo(i % 40), pinned: false }] };
    case 1:
      return { kind: 'found', profile: { followers: 0, postCount: 0 }, posts: [] };
    case 2:
      return { kind: 'missing', reason: 'missing', detail: 'code -404' };
    case 3:
      return { kind: 'unknown', reason: 'blocked', detail: 'HTTP 412' };
    case 4:
      return { kind: 'found', profile: { postCount: 12 }, posts: [], datesUnknown: { reason: 'no-dates', detail: 'a count and no dates' } };
    default:
      return { kind: 'found', profile: { postCount: 9 }, posts: [{ id: 'b', at: daysAgo(100 + i), pinned: false }] };
  }
}

const COUNT = 60;
/** Rows 50 and 55 are short forms of the accounts on rows 10 and 20: they resolve to them. */
const RESOLVED: Record<number, number> = { 50: 10, 55: 20 };

async function* listOf(): AsyncGenerator<ListItem> {
  for (let i = 0; i < COUNT; i++) yield { kind: 'account', account: account(i) };
}

const records = new Map<string, ObservationRecord>(
  Array.from({ length: COUNT }, (_, i) => {
    const resolved = RESOLVED[i];
    const observation = resolved === undefined ? observationOf(i) : { ...observationOf(resolved), resolvedId: String(1000 + resolved) };
    return [account(i).key, { key: account(i).key, checkedAt: NOW, observation }];
  }),
);

/** Earlier audits: every account was active 30 days ago, with the count it has now. */
const earlier = (): EarlierObservation[] => [{ runNow: daysAgo(30), status: 'active', postCount: 12, countClean: true }];

/** A scan in which every account was already observed: nothing reaches a network. */
function scanOf(list: AsyncIterable<ListItem>, options: Pick<ScanOptions, 'known' | 'earlier' | 'spillAfter'>): Promise<AuditReport> {
  return scan(list, {
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    files: ['名单.csv'],
    version: 'test',
    connectTo: [],
    rates: new Map(),
    concurrency: 4,
    perPlatformConcurrency: 4,
    retries: 0,
    timeoutMs: 1000,
    accountDeadlineMs: 5000,
    ...options,
  });
}

const scanned = (spillAfter: number) => scanOf(listOf(), { known: (key) => records.get(key), earlier, spillAfter });

const view = (f: RankedFinding) => ({ rank: f.rank, score: f.score, key: f.account.key, status: f.status, reason: f.reason, lastPostAt: f.lastPostAt?.toISOString() ?? null, change: f.change?.kind, since: f.change?.since?.toISOString() ?? null, extra: f.account.extra });

const ownTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`gov-audit-findings-${process.pid}-`));

describe('findings kept in a temporary file', () => {
  it('give the same ranked reports, duplicates and changes as findings held in memory', async () => {
    const held = await scanned(1000);
    const spilled = await scanned(0);
    expect(spilled.accounts).toHaveLength(COUNT - 2);
    expect([...spilled.accounts].map(view)).toEqual([...held.accounts].map(view));
    // The short forms became duplicates of the rows they resolved to, in list order.
    expect(spilled.duplicates).toEqual([
      { source: { file: '名单.csv', row: 52 }, key: 'bilibili:1010', first: { file: '名单.csv', row: 12 } },
      { source: { file: '名单.csv', row: 57 }, key: 'bilibili:1020', first: { file: '名单.csv', row: 22 } },
    ]);
    expect(held.duplicates).toEqual(spilled.duplicates);
    for (const format of ['csv', 'json', 'ndjson', 'markdown', 'table', 'html'] as const) {
      expect(REPORTERS[format](spilled, { lang: 'zh-CN', color: false }), format).toBe(REPORTERS[format](held, { lang: 'zh-CN', color: false }));
    }
  });

  it('rank as rank() does, and read the same every time they are read', async () => {
    const report = await scanned(0);
    const first = [...report.accounts];
    const reference = rank(first.map(({ rank: _r, score: _s, ...finding }) => finding as Finding).reverse(), NOW, DEFAULT_THRESHOLDS);
    expect(first.map(view)).toEqual(reference.map(view));
    expect([...report.accounts].map(view)).toEqual(first.map(view));
    expect(first.every((f) => f.checkedAt instanceof Date && (f.lastPostAt === null || f.lastPostAt instanceof Date))).toBe(true);
  });

  it('judge silence and changes from the history once per account', async () => {
    const report = await scanned(0);
    const countOnly = [...report.accounts].find((f) => f.account.key === 'bilibili:1004')!;
    // Twelve posts now as 30 days ago: silent since then, not yet a zombie.
    expect([countOnly.status, countOnly.reason, countOnly.change?.kind]).toEqual(['inactive', 'silent-inferred', 'newly-inactive']);
  });

  it('leave no file behind in the temporary folder', async () => {
    const store = new FindingStore(NOW, DEFAULT_THRESHOLDS, 0);
    for (let i = 0; i < 3; i++) store.add({ ...(await scanned(1000)).accounts[Symbol.iterator]().next().value!, account: account(i) });
    expect(store.spilled).toBe(true);
    expect(ownTempFiles()).toEqual([]);
    expect([...store.ranked()]).toHaveLength(3);
    store.close();
  });
});

describe('a list longer than the queues hold in memory', () => {
  it('audits every account once, in list order within each verdict, with the waiting ones on disk', async () => {
    const count = 9000;
    const many = (i: number): Account => ({ ...account(i), key: `bilibili:${100_000 + i}`, id: String(100_000 + i), source: { file: '名单.csv', row: i + 2 }, order: i });
    async function* longList(): AsyncGenerator<ListItem> {
      for (let i = 0; i < count; i++) yield { kind: 'account', account: many(i) };
    }
    const report = await scanOf(longList(), {
      known: (key) => ({ key, checkedAt: NOW, observation: observationOf(Number(key.split(':')[1]) - 100_000) }),
      spillAfter: 1000,
    });
    const accounts = [...report.accounts];
    expect(new Set(accounts.map((f) => f.account.key)).size).toBe(count);
    expect(accounts.map((f) => f.rank)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    // Never-posted zombies (every sixth row from row 1) tie on silence: the list's order breaks the tie.
    const zombies = accounts.filter((f) => f.status === 'zombie' && f.postCount === 0).map((f) => f.account.order);
    expect(zombies).toEqual([...zombies].sort((a, b) => a - b));
    expect(zombies).toHaveLength(count / 6);
    expect(accounts.find((f) => f.account.order === 8999)!.account).toEqual(many(8999));
  });
});

describe('the JSON report written piece by piece', () => {
  it('is exactly the text JSON.stringify gives, with accounts and without', async () => {
    const report = await scanned(0);
    for (const r of [report, { ...report, accounts: [] }]) {
      const text = REPORTERS.json(r, { lang: 'en', color: false });
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
    expect(JSON.parse(REPORTERS.json(report, { lang: 'en', color: false })).accounts).toHaveLength(COUNT - 2);
  });
});

describe('a merge of shard reports', () => {
  /** The scan's JSON report cut into three shards by row, the last one naming again an account of the first. */
  async function shardFiles(): Promise<string[]> {
    const whole = JSON.parse(REPORTERS.json(await scanned(1000), { lang: 'en', color: false })) as { accounts: { row: number }[]; duplicates: unknown[] };
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-merge-'));
    const slices = [
      whole.accounts.filter((a) => a.row < 22),
      whole.accounts.filter((a) => a.row >= 22 && a.row < 42),
      [...whole.accounts.filter((a) => a.row >= 42), { ...whole.accounts.find((a) => a.row === 3)!, row: 70 }],
    ];
    // Written last to first: the merge puts the accounts back in list order whatever order it reads them in.
    return Promise.all(
      slices.reverse().map(async (accounts, i) => {
        const path = join(dir, `shard-${i}.json`);
        await writeFile(path, JSON.stringify({ ...whole, accounts, duplicates: i === 0 ? whole.duplicates : [] }));
        return path;
      }),
    );
  }

  it('ranks as the unsharded scan did, whether its findings stay in memory or go to a file', async () => {
    const paths = await shardFiles();
    const unsharded = await scanned(1000);
    const held = await mergeReports(paths, 'en');
    const spilled = await mergeReports(paths, 'en', { spillAfter: 0 });
    expect([...held.accounts].map(view)).toEqual([...unsharded.accounts].map(view));
    expect([...spilled.accounts].map(view)).toEqual([...held.accounts].map(view));
    // The account named again by the last shard is kept once, as the first shard's row.
    expect(spilled.duplicates).toContainEqual({ source: { file: '名单.csv', row: 70 }, key: 'bilibili:1001', first: { file: '名单.csv', row: 3 } });
    expect(spilled.duplicates).toEqual(held.duplicates);
    for (const format of ['csv', 'markdown'] as const) {
      expect(REPORTERS[format]({ ...spilled, groupBy: [] }, { lang: 'zh-CN', color: false }), format).toBe(REPORTERS[format]({ ...held, groupBy: [] }, { lang: 'zh-CN', color: false }));
    }
  });
});

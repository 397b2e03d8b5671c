import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type AuditReport } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/history/schema.js';
import { HistorySession } from '../../src/history/session.js';
import { HistoryError, HistoryStore } from '../../src/history/store.js';
import { finding, NOW } from '../helpers/report.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
const dbPath = async () => join(await mkdtemp(join(tmpdir(), 'gov-audit-store-')), 'nested', 'h.sqlite');
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

function audit(now: Date, accounts: Parameters<typeof finding>[], interrupted = false): AuditReport {
  const findings = accounts.map((args, i) => finding(args[0], args[1], args[2], args[3], i));
  return {
    tool: 'gov-audit',
    version: '0.0.0-test',
    scannedAt: now,
    now,
    thresholds: DEFAULT_THRESHOLDS,
    files: ['list.csv'],
    interrupted,
    groupBy: [],
    accounts: rank(findings, now, DEFAULT_THRESHOLDS),
    duplicates: [],
    notes: [],
    problems: [],
  };
}

describe('the history store', () => {
  it('starts a new file (and its folder) at the current schema, marked as gov-audit’s', async () => {
    const path = await dbPath();
    HistoryStore.open(path).close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('application_id', { simple: true })).toBe(0x476f7641);
    raw.close();
  });

  it('takes an empty file for a new history', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'gov-audit-store-')), 'empty.sqlite');
    await writeFile(path, '');
    const store = HistoryStore.open(path);
    expect(store.runs()).toEqual([]);
    store.close();
  });

  it('keeps runs and gives each account’s earlier observations newest first, before a given instant only', async () => {
    const path = await dbPath();
    const store = HistoryStore.open(path);
    store.recordRun(audit(at(0), [['1', 'active', null], ['2', 'zombie', 'never-posted', { postCount: 0 }]]));
    store.recordRun(audit(at(30), [['1', 'inactive', null], ['3', 'unverified', 'not-scanned']]));
    store.recordRun(audit(at(60), [['1', 'zombie', 'silent']]));
    expect(store.observationsOf('bilibili:1', at(60)).map((o) => o.status)).toEqual(['inactive', 'active']);
    expect(store.observationsOf('bilibili:1').map((o) => o.status)).toEqual(['zombie', 'inactive', 'active']);
    expect(store.observationsOf('bilibili:2', at(60))[0]).toMatchObject({ status: 'zombie', reason: 'never-posted', postCount: 0 });
    // An account the scan never reached is not history.
    expect(store.observationsOf('bilibili:3')).toEqual([]);
    expect(store.previousRun(at(60))!.now).toEqual(at(30));
    expect(store.previousRun(at(0))).toBeUndefined();
    expect(store.statusCounts().map((r) => r.byStatus)).toEqual([{ active: 1, zombie: 1 }, { inactive: 1 }, { zombie: 1 }]);
    expect(store.keysLike('bilibili', '1')).toEqual(['bilibili:1']);
    store.close();
  });

  it('records only complete audits', async () => {
    const session = HistorySession.open(await dbPath());
    expect(session.record(audit(at(0), [['1', 'active', null]], true))).toBeUndefined();
    expect(session.record(audit(at(1), [['1', 'active', null]]))).toBe(1);
    expect(session.store.runs()).toHaveLength(1);
    session.close();
  });

  it('migrates an older file forward, keeping what it holds, and refuses it back to the older version', async () => {
    const path = await dbPath();
    const older = HistoryStore.open(path);
    older.recordRun(audit(at(0), [['1', 'active', null]]));
    older.close();
    const next = [...MIGRATIONS, 'ALTER TABLE runs ADD COLUMN note TEXT;'];
    const newer = HistoryStore.open(path, { migrations: next });
    expect(newer.observationsOf('bilibili:1')).toHaveLength(1);
    newer.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(next.length);
    expect((raw.prepare('SELECT note FROM runs').get() as { note: null }).note).toBeNull();
    raw.close();
    expect(() => HistoryStore.open(path)).toThrow(expect.objectContaining({ code: 'newer', versions: { found: next.length, known: MIGRATIONS.length } }));
  });

  it('keeps the name and verification each audit read (schema 3), and reads a schema 2 file’s rows as having none', async () => {
    const path = await dbPath();
    // A history written before schema 3: its rows have no name or verification columns yet.
    HistoryStore.open(path, { migrations: MIGRATIONS.slice(0, 2) }).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO runs (id, scanned_at, audit_now, inactive_days, zombie_days, files, tool_version, interrupted, accounts) VALUES (1, '', ?, 14, 90, '[]', '0.0.1', 0, 1)").run(at(0).getTime());
    raw.prepare("INSERT INTO observations (run_id, account_key, platform, account_id, name, status, checked_at, count_clean) VALUES (1, 'bilibili:1', 'bilibili', '1', '江城交警', 'active', ?, 1)").run(at(0).toISOString());
    raw.close();
    // Read as it is, by a newer gov-audit's `history` (read-only: never migrated).
    const reader = HistoryStore.open(path, { readonly: true });
    expect(reader.observationsOf('bilibili:1')).toEqual([expect.objectContaining({ platformName: null, verification: null })]);
    reader.close();
    const store = HistoryStore.open(path);
    const verification = { verified: true, kind: 'government' as const, text: '江城市公安局交通警察支队官方账号', field: 'data.card.Official (type 1, role 6)' };
    store.recordRun(audit(at(30), [['1', 'active', null, { identity: { name: '江城交警支队', verification } }]]));
    expect(store.observationsOf('bilibili:1').map((o) => [o.platformName, o.verification])).toEqual([
      ['江城交警支队', verification],
      [null, null],
    ]);
    store.close();
  });

  it('never migrates a file opened to be read', async () => {
    const path = await dbPath();
    HistoryStore.open(path).close();
    const reader = HistoryStore.open(path, { readonly: true, migrations: [...MIGRATIONS, 'CREATE TABLE later (x);'] });
    reader.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('says which file and why when it cannot open one', async () => {
    const error = (() => {
      try {
        HistoryStore.open(join(tmpdir(), 'no-such-dir-for-gov-audit', 'h.sqlite'), { readonly: true });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).path).toContain('no-such-dir-for-gov-audit');
  });
});

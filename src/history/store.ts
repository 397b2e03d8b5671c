import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditReport, Finding, Thresholds } from '../audit/finding.js';
import type { Reason, Status } from '../audit/status.js';
import { MIGRATIONS } from './schema.js';
import { VERIFICATION_KINDS, type Verification } from '../platforms/observation.js';

/** `GovA` in ASCII: marks a SQLite file as a gov-audit history, so that another program's database is never written to. */
const APPLICATION_ID = 0x476f7641;
/** How long to wait for another gov-audit holding the file before saying it is locked. */
const BUSY_TIMEOUT_MS = 3000;

export type HistoryErrorCode = 'newer' | 'corrupt' | 'locked' | 'foreign' | 'unavailable' | 'io';

/** Why the history database cannot be used; the CLI turns it into a message and exit 3. */
export class HistoryError extends Error {
  constructor(
    readonly code: HistoryErrorCode,
    readonly path: string,
    readonly detail: string,
    readonly versions?: { found: number; known: number },
  ) {
    super(`${path}: ${code}: ${detail}`);
    this.name = 'HistoryError';
  }
}

/** One earlier run as the history keeps it. */
export interface RunRow {
  id: number;
  scannedAt: Date;
  now: Date;
  thresholds: Thresholds;
  files: string[];
  toolVersion: string;
  shard: string | null;
  interrupted: boolean;
  accounts: number;
}

/** One account's observation in one run. */
export interface ObservationRow {
  runId: number;
  runNow: Date;
  key: string;
  status: Status;
  reason: Reason | null;
  detail: string | null;
  postCount: number | null;
  /** The count came from a clean answer (proof rule 7); false for rows written before this was recorded. */
  countClean: boolean;
  /** The platform's name from an answer bound to the account; null when none was read, or before schema 3. */
  platformName: string | null;
  /** The verification read then; null when none was read, or before schema 3. */
  verification: Verification | null;
  followers: number | null;
  lastPostAt: Date | null;
  daysSinceLastPost: number | null;
  checkedAt: Date;
}

interface RawRun {
  id: number;
  scanned_at: string;
  audit_now: number;
  inactive_days: number;
  zombie_days: number;
  files: string;
  tool_version: string;
  shard: string | null;
  interrupted: number;
  accounts: number;
}

interface RawObservation {
  run_id: number;
  audit_now: number;
  account_key: string;
  status: Status;
  reason: Reason | null;
  detail: string | null;
  post_count: number | null;
  count_clean: number | null;
  platform_name?: string | null;
  verification?: string | null;
  followers: number | null;
  last_post_at: string | null;
  days_since_last_post: number | null;
  checked_at: string;
}

type Database = BetterSqlite3.Database;

function loadDriver(path: string): typeof BetterSqlite3 {
  try {
    // Loaded only with --db: a machine where the native module did not build can still scan without history.
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw new HistoryError('unavailable', path, (error as Error).message);
  }
}

/** SQLite's own codes, to the reasons a person can act on. */
function asHistoryError(error: unknown, path: string): HistoryError {
  if (error instanceof HistoryError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new HistoryError('locked', path, message);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) return new HistoryError('corrupt', path, message);
  return new HistoryError('io', path, message);
}

/**
 * The scans gov-audit remembers: every run and every account's observation
 * in it, in one SQLite file (docs/history.md). Opening checks the file is
 * ours, refuses a newer schema and migrates an older one forward; nothing
 * here ever deletes or resets what is stored.
 */
export class HistoryStore {
  private constructor(
    private readonly db: Database,
    readonly path: string,
    private readonly migrations: readonly string[],
  ) {}

  /** `migrations` is for the tests of migration itself; every caller uses the schema's. */
  static open(path: string, { readonly = false, migrations = MIGRATIONS }: { readonly?: boolean; migrations?: readonly string[] } = {}): HistoryStore {
    const Driver = loadDriver(path);
    let db: Database | undefined;
    try {
      // A first run starts the history where it was asked for, as -o creates report folders.
      if (!readonly) mkdirSync(dirname(path), { recursive: true });
      db = new Driver(path, { timeout: BUSY_TIMEOUT_MS, readonly, fileMustExist: readonly });
      const store = new HistoryStore(db, path, migrations);
      store.checkAndMigrate(readonly);
      return store;
    } catch (error) {
      db?.close();
      throw asHistoryError(error, path);
    }
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  /** Each query is prepared once: the history is asked once per account of a national list. */
  private query(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private checkAndMigrate(readonly: boolean): void {
    // Reading the header is the first thing that fails on a file that is not a database.
    const version = this.db.pragma('user_version', { simple: true }) as number;
    const applicationId = this.db.pragma('application_id', { simple: true }) as number;
    const tables = (this.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && (tables > 0 || version > 0)) {
      throw new HistoryError('foreign', this.path, 'a SQLite database, but not a gov-audit history');
    }
    const known = this.migrations.length;
    if (version > known) throw new HistoryError('newer', this.path, 'written by a newer gov-audit', { found: version, known });
    if (readonly || version === known) return;
    this.migrate(version);
  }

  /** Each step and the version it reaches commit together, so a crash mid-way leaves the last complete version. */
  private migrate(from: number): void {
    for (let version = from + 1; version <= this.migrations.length; version++) {
      this.db.transaction(() => {
        this.db.exec(this.migrations[version - 1]!);
        this.db.pragma(`application_id = ${APPLICATION_ID}`);
        this.db.pragma(`user_version = ${version}`);
      }).immediate();
    }
  }

  /** Stores a finished audit as one run, in one transaction. Returns the run's id. */
  recordRun(report: AuditReport): number {
    try {
      return this.db.transaction(() => {
        const run = this
          .query(
            `INSERT INTO runs (scanned_at, audit_now, inactive_days, zombie_days, files, tool_version, shard, interrupted, accounts)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            report.scannedAt.toISOString(),
            report.now.getTime(),
            report.thresholds.inactiveDays,
            report.thresholds.zombieDays,
            JSON.stringify(report.files),
            report.version,
            report.shard ? `${report.shard.index}/${report.shard.count}` : null,
            report.interrupted ? 1 : 0,
            report.accounts.length,
          );
        const runId = Number(run.lastInsertRowid);
        const insert = this.query(
          `INSERT INTO observations (run_id, account_key, platform, account_id, name, org, region, level, status, reason, detail,
             post_count, followers, last_post_at, days_since_last_post, checked_at, count_clean, platform_name, verification)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        // Accounts never checked (a stopped scan) say nothing about themselves: they are not history.
        for (const finding of report.accounts) if (finding.reason !== 'not-scanned') insert.run(...observationValues(runId, finding));
        return runId;
      }).immediate();
    } catch (error) {
      throw asHistoryError(error, this.path);
    }
  }

  /** An account's observations in runs audited before `before` (all when absent), newest first. */
  observationsOf(key: string, before?: Date): ObservationRow[] {
    const rows = this
      .query(
        `SELECT o.*, r.audit_now FROM observations o JOIN runs r ON r.id = o.run_id
         WHERE o.account_key = ? AND r.audit_now < ? ORDER BY r.audit_now DESC, r.id DESC`,
      )
      .all(key, before ? before.getTime() : Number.MAX_SAFE_INTEGER) as RawObservation[];
    return rows.map(toObservationRow);
  }

  /** Every run, oldest first. */
  runs(): RunRow[] {
    return (this.query('SELECT * FROM runs ORDER BY audit_now, id').all() as RawRun[]).map(toRunRow);
  }

  /** The latest run audited before `before`, if any. */
  previousRun(before: Date): RunRow | undefined {
    const raw = this.query('SELECT * FROM runs WHERE audit_now < ? ORDER BY audit_now DESC, id DESC LIMIT 1').get(before.getTime()) as
      | RawRun
      | undefined;
    return raw && toRunRow(raw);
  }

  /** How many accounts of each status each run found, oldest run first. */
  statusCounts(): { run: RunRow; byStatus: Partial<Record<Status, number>> }[] {
    const counts = this.query('SELECT run_id, status, count(*) AS n FROM observations GROUP BY run_id, status').all() as {
      run_id: number;
      status: Status;
      n: number;
    }[];
    const byRun = new Map<number, Partial<Record<Status, number>>>();
    for (const { run_id, status, n } of counts) byRun.set(run_id, { ...byRun.get(run_id), [status]: n });
    return this.runs().map((run) => ({ run, byStatus: byRun.get(run.id) ?? {} }));
  }

  /** Account keys matching a platform and id as a person types them (ids are stored as normalised). */
  keysLike(platform: string, id: string): string[] {
    const rows = this
      .query('SELECT DISTINCT account_key FROM observations WHERE platform = ? AND lower(account_id) = lower(?)')
      .all(platform, id) as { account_key: string }[];
    return rows.map((r) => r.account_key);
  }
}

function observationValues(runId: number, f: Finding): (string | number | null)[] {
  const a = f.account;
  return [
    runId,
    a.key,
    a.platform,
    a.id,
    a.name ?? f.platformName ?? null,
    a.org ?? null,
    a.region ?? null,
    a.level ?? null,
    f.status,
    f.reason,
    f.detail,
    f.postCount,
    f.followers,
    f.lastPostAt?.toISOString() ?? null,
    f.daysSinceLastPost,
    f.checkedAt.toISOString(),
    f.countClean ? 1 : 0,
    f.identity?.name ?? null,
    f.identity?.verification ? JSON.stringify(f.identity.verification) : null,
  ];
}

/** A stored verification, or null when none was kept or it is not one gov-audit wrote (never a guess). */
function verificationOf(stored: string | null | undefined): Verification | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<Verification>;
    if (typeof value.verified !== 'boolean' || typeof value.field !== 'string') return null;
    const kind = VERIFICATION_KINDS.find((k) => k === value.kind) ?? null;
    return { verified: value.verified, kind, text: typeof value.text === 'string' ? value.text : null, field: value.field };
  } catch {
    return null;
  }
}

function toRunRow(raw: RawRun): RunRow {
  return {
    id: raw.id,
    scannedAt: new Date(raw.scanned_at),
    now: new Date(raw.audit_now),
    thresholds: { inactiveDays: raw.inactive_days, zombieDays: raw.zombie_days },
    files: JSON.parse(raw.files) as string[],
    toolVersion: raw.tool_version,
    shard: raw.shard,
    interrupted: raw.interrupted === 1,
    accounts: raw.accounts,
  };
}

function toObservationRow(raw: RawObservation): ObservationRow {
  return {
    runId: raw.run_id,
    runNow: new Date(raw.audit_now),
    key: raw.account_key,
    status: raw.status,
    reason: raw.reason,
    detail: raw.detail,
    postCount: raw.post_count,
    countClean: raw.count_clean === 1,
    platformName: raw.platform_name ?? null,
    verification: verificationOf(raw.verification),
    followers: raw.followers,
    lastPostAt: raw.last_post_at ? new Date(raw.last_post_at) : null,
    daysSinceLastPost: raw.days_since_last_post,
    checkedAt: new Date(raw.checked_at),
  };
}

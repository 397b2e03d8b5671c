/**
 * The history database's schema, one migration per version, applied in order
 * and never edited once released: a change is a new migration at the end
 * (docs/history.md). `PRAGMA user_version` holds the version reached.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs and the observation of every account in each.
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY,
     scanned_at TEXT NOT NULL,
     audit_now INTEGER NOT NULL,
     inactive_days INTEGER NOT NULL,
     zombie_days INTEGER NOT NULL,
     files TEXT NOT NULL,
     tool_version TEXT NOT NULL,
     shard TEXT,
     interrupted INTEGER NOT NULL,
     accounts INTEGER NOT NULL
   );
   CREATE INDEX runs_by_instant ON runs (audit_now);
   CREATE TABLE observations (
     run_id INTEGER NOT NULL REFERENCES runs (id),
     account_key TEXT NOT NULL,
     platform TEXT NOT NULL,
     account_id TEXT NOT NULL,
     name TEXT,
     org TEXT,
     region TEXT,
     level TEXT,
     status TEXT NOT NULL,
     reason TEXT,
     detail TEXT,
     post_count INTEGER,
     followers INTEGER,
     last_post_at TEXT,
     days_since_last_post INTEGER,
     checked_at TEXT NOT NULL,
     PRIMARY KEY (run_id, account_key)
   );
   CREATE INDEX observations_by_account ON observations (account_key);
   CREATE INDEX observations_by_id ON observations (platform, account_id);`,
  // 2: whether the post count came from a clean answer (bound, exact, its post list unblocked): only
  // such counts infer a silence (proof rule 7). Rows of version 1 are NULL: never used for inference.
  `ALTER TABLE observations ADD COLUMN count_clean INTEGER;`,
  // 3: the account's name and verification as the platform gave them in answers bound to it (the
  // finding's identity), for the change kinds `renamed` and `verification-changed`. `verification` is
  // JSON {verified, kind, text, field}. NULL when none was read, and in rows of versions 1 and 2:
  // never compared.
  `ALTER TABLE observations ADD COLUMN platform_name TEXT;
   ALTER TABLE observations ADD COLUMN verification TEXT;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

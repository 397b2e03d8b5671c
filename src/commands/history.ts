import type { Status } from '../audit/status.js';
import { STATUSES } from '../audit/status.js';
import { toChinaIso, toChinaMinute } from '../audit/time.js';
import { UsageError } from '../errors.js';
import { HistoryStore, type ObservationRow, type RunRow } from '../history/store.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform } from '../platforms/index.js';
import { countText } from '../report/fields.js';
import { layoutTable } from '../report/layout.js';
import { escapeCell, markdownTable } from '../report/markdown.js';
import type { CommandIO } from './io.js';
import { existingDb, withHistoryErrors } from './history-db.js';

export interface HistoryFlags {
  db?: string;
  format?: string;
}

type ListFormat = 'table' | 'markdown' | 'json';

function listFormat(value: string | undefined, lang: Lang): ListFormat {
  const format = value === undefined ? 'table' : value === 'md' ? 'markdown' : value;
  if (format === 'table' || format === 'markdown' || format === 'json') return format;
  throw new UsageError(messages(lang).error.badOption('--format', value!, 'table, markdown or json'));
}

/** Opens the history read-only: looking at it never migrates or changes it. */
function withStore<T>(flags: HistoryFlags, command: string, lang: Lang, work: (store: HistoryStore) => T): T {
  const path = existingDb(flags.db, command, lang);
  return withHistoryErrors(lang, () => {
    const store = HistoryStore.open(path, { readonly: true });
    try {
      return work(store);
    } finally {
      store.close();
    }
  });
}

/** A text table, for the terminal or as Markdown. */
function render(title: string, headers: string[], rows: string[][], format: 'table' | 'markdown', io: CommandIO): void {
  // Counts line up on the right, as in the other tables.
  const numeric = (i: number) => rows.length > 0 && rows.every((r) => /^\d*$/.test(r[i] ?? ''));
  if (format === 'markdown') {
    const right = new Set(headers.flatMap((_, i) => (numeric(i) ? [i] : [])));
    io.stdout.write(`## ${escapeCell(title)}\n\n${markdownTable(headers, rows, right)}\n`);
    return;
  }
  const width = io.stdout.isTTY ? io.stdout.columns : undefined;
  const columns = headers.map((title, i) => ({ title, shrink: true, align: numeric(i) ? ('right' as const) : ('left' as const) }));
  io.stdout.write(`${title}\n${layoutTable(columns, rows, width)}\n`);
}

/** `platform:id` as a person types it: the platform may be named in Chinese, the id as in the list. */
function accountKeys(value: string, store: HistoryStore, lang: Lang): string {
  const m = messages(lang).history;
  const colon = value.indexOf(':');
  const platform = colon > 0 ? findPlatform(value.slice(0, colon).trim()) : undefined;
  if (!platform) throw new UsageError(m.badAccount(value));
  const keys = store.keysLike(platform.id, value.slice(colon + 1).trim());
  if (!keys.length) throw new UsageError(m.unknownAccount(value));
  if (keys.length > 1) throw new UsageError(m.ambiguous(value, keys.join(', ')));
  return keys[0]!;
}

/** `gov-audit history <platform>:<id>`: one account, audit by audit, oldest first. */
export async function historyCommand(account: string, flags: HistoryFlags, lang: Lang, io: CommandIO): Promise<number> {
  const format = listFormat(flags.format, lang);
  const m = messages(lang);
  const { key, rows } = withStore(flags, 'history', lang, (store) => {
    const key = accountKeys(account, store, lang);
    return { key, rows: store.observationsOf(key).reverse() };
  });
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ account: key, runs: rows.map(observationJson) }, null, 2)}\n`);
    return 0;
  }
  const headers = [m.history.run, m.column.status, m.column.reasonText, m.column.postCount, m.column.followers, m.column.lastPostAt, m.column.daysSinceLastPost];
  const cells = rows.map((r) => [
    toChinaMinute(r.runNow),
    m.status[r.status],
    r.reason ? m.reasonLabel[r.reason] : '',
    countText(r.postCount),
    countText(r.followers),
    r.lastPostAt ? toChinaIso(r.lastPostAt).slice(0, 10) : '',
    countText(r.daysSinceLastPost),
  ]);
  render(m.history.title(key), headers, cells, format, io);
  return 0;
}

/** `gov-audit trend`: how many accounts had each status, audit by audit. */
export async function trendCommand(flags: HistoryFlags, lang: Lang, io: CommandIO): Promise<number> {
  const format = listFormat(flags.format, lang);
  const m = messages(lang);
  const runs = withStore(flags, 'trend', lang, (store) => store.statusCounts());
  if (format === 'json') {
    const json = runs.map(({ run, byStatus }) => ({ ...runJson(run), byStatus: Object.fromEntries(STATUSES.map((s) => [s, byStatus[s] ?? 0])) }));
    io.stdout.write(`${JSON.stringify({ runs: json }, null, 2)}\n`);
    return 0;
  }
  if (!runs.length) {
    io.stdout.write(`${m.history.noRuns}\n`);
    return 0;
  }
  const headers = [m.history.run, m.history.accounts, ...STATUSES.map((s: Status) => m.status[s])];
  const cells = runs.map(({ run, byStatus }) => [
    toChinaMinute(run.now),
    String(run.accounts),
    ...STATUSES.map((s) => String(byStatus[s] ?? 0)),
  ]);
  render(m.history.trendTitle, headers, cells, format, io);
  return 0;
}


function runJson(run: RunRow) {
  return {
    run: run.id,
    now: toChinaIso(run.now),
    scannedAt: toChinaIso(run.scannedAt),
    thresholds: run.thresholds,
    files: run.files,
    toolVersion: run.toolVersion,
    shard: run.shard,
    accounts: run.accounts,
  };
}

function observationJson(row: ObservationRow) {
  return {
    run: row.runId,
    now: toChinaIso(row.runNow),
    status: row.status,
    reason: row.reason,
    detail: row.detail,
    postCount: row.postCount,
    followers: row.followers,
    lastPostAt: row.lastPostAt ? toChinaIso(row.lastPostAt) : null,
    daysSinceLastPost: row.daysSinceLastPost,
    checkedAt: toChinaIso(row.checkedAt),
  };
}

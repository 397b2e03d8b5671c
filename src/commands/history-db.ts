import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { HistorySession } from '../history/session.js';
import { HistoryError } from '../history/store.js';
import { messages, type Lang } from '../i18n/index.js';

/** A history database that cannot be used, in words a person can act on (exit 3). */
export function historyUsageError(error: unknown, lang: Lang): unknown {
  if (!(error instanceof HistoryError)) return error;
  const m = messages(lang).error.history;
  switch (error.code) {
    case 'newer':
      return new UsageError(m.newer(error.path, error.versions!.found, error.versions!.known));
    case 'corrupt':
      return new UsageError(m.corrupt(error.path, error.detail));
    case 'locked':
      return new UsageError(m.locked(error.path));
    case 'foreign':
      return new UsageError(m.foreign(error.path));
    case 'unavailable':
      // The first line of Node's words: the require stack after it is for --debug.
      return Object.assign(new UsageError(m.unavailable(error.path, error.detail.split('\n')[0]!)), { cause: error });
    case 'io':
      return new UsageError(m.io(error.path, error.detail));
  }
}

/** Runs `work`, turning history failures into usage errors. */
export function withHistoryErrors<T>(lang: Lang, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw historyUsageError(error, lang);
  }
}

/**
 * Runs `work` with the history named by --db (none without it), closed
 * afterwards whatever happens. Opened first: a history that cannot be used
 * refuses the run before any request.
 */
export async function usingHistory<T>(db: string | undefined, lang: Lang, work: (history: HistorySession | undefined) => Promise<T>): Promise<T> {
  const history = db ? withHistoryErrors(lang, () => HistorySession.open(db)) : undefined;
  try {
    return await work(history);
  } finally {
    history?.close();
  }
}

/** The commands that only read the history want a file that exists: a typo must not create an empty one. */
export function existingDb(path: string | undefined, command: string, lang: Lang): string {
  const m = messages(lang).error;
  if (!path) throw new UsageError(m.dbRequired(command));
  if (!existsSync(path)) throw new UsageError(m.noDbFile(path));
  return path;
}

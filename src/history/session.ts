import { countChanges, type EarlierObservation } from '../audit/changes.js';
import type { AuditReport } from '../audit/finding.js';
import { HistoryStore } from './store.js';

/**
 * The history as one audit uses it: what each account looked like before
 * (for inference and changes), and recording the audit when it is complete.
 */
export class HistorySession {
  private constructor(readonly store: HistoryStore) {}

  static open(path: string): HistorySession {
    return new HistorySession(HistoryStore.open(path));
  }

  /**
   * An account's observations in audits before `now`, newest first. A scan
   * asks once per account and keeps nothing: a national list's history is
   * read account by account, never held.
   */
  earlier(key: string, now: Date): EarlierObservation[] {
    return this.store.observationsOf(key, now);
  }

  /** The report's summary of changes, from the change each account was given as it was audited. */
  summarise(report: AuditReport): void {
    report.changes = { previousAt: this.store.previousRun(report.now)?.now ?? null, counts: countChanges(report.accounts) };
  }

  /**
   * Keeps a complete audit and returns its run id. A stopped one is finished
   * with --resume and kept then; a shard is one slice of an audit that
   * `merge --db` keeps whole, so that no audit is ever counted twice.
   */
  record(report: AuditReport): number | undefined {
    return report.interrupted || report.shard ? undefined : this.store.recordRun(report);
  }

  close(): void {
    this.store.close();
  }
}

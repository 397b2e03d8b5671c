import type pLimit from 'p-limit';
import type { Account } from '../accounts/account.js';
import type { Finding } from './finding.js';

/**
 * Accounts wait here as plain objects, a queue per platform, until one of
 * the platform's workers takes them: no promise or closure per account sits
 * in memory before its turn, and a slow platform never holds up the others.
 */
export class AccountQueues {
  private readonly queues = new Map<string, { accounts: (Account | undefined)[]; head: number; workers: number }>();
  private readonly workers = new Set<Promise<void>>();

  constructor(
    /** Workers per platform. */
    private readonly perPlatform: (platform: string) => number,
    private readonly global: ReturnType<typeof pLimit>,
    private readonly audit: (account: Account) => Promise<Finding>,
    /** Takes each finding as it is made: nothing here keeps them. */
    private readonly keep: (finding: Finding) => void,
  ) {}

  add(account: Account): void {
    let queue = this.queues.get(account.platform);
    if (!queue) this.queues.set(account.platform, (queue = { accounts: [], head: 0, workers: 0 }));
    queue.accounts.push(account);
    if (queue.workers >= this.perPlatform(account.platform)) return;
    queue.workers++;
    const worker = this.work(queue).finally(() => this.workers.delete(worker));
    this.workers.add(worker);
  }

  private async work(queue: { accounts: (Account | undefined)[]; head: number; workers: number }): Promise<void> {
    try {
      while (queue.head < queue.accounts.length) {
        const account = queue.accounts[queue.head]!;
        queue.accounts[queue.head++] = undefined;
        // Drop the part of the queue already taken, now and then, so that it does not grow for ever.
        if (queue.head > 4096 && queue.head * 2 > queue.accounts.length) {
          queue.accounts = queue.accounts.slice(queue.head);
          queue.head = 0;
        }
        this.keep(await this.global(() => this.audit(account)));
      }
    } finally {
      queue.workers--;
    }
  }

  /** Once every queue is empty and every finding kept. */
  async drained(): Promise<void> {
    while (this.workers.size) await Promise.all([...this.workers]);
  }

  async settled(): Promise<void> {
    while (this.workers.size) await Promise.allSettled([...this.workers]);
  }
}

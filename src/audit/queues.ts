import type pLimit from 'p-limit';
import type { Account } from '../accounts/account.js';
import type { Finding } from './finding.js';
import { SpillingQueue } from './spilling-queue.js';

/**
 * Accounts of one platform held in memory while they wait; the rest wait in
 * a scratch file. Enough to keep every worker busy between two reads of it.
 */
const HELD_PER_PLATFORM = 4096;

interface PlatformQueue {
  accounts: SpillingQueue<Account>;
  workers: number;
}

/**
 * Accounts wait here, a queue per platform, until one of the platform's
 * workers takes them: no promise or closure per account sits in memory
 * before its turn, a slow platform never holds up the others, and past a few
 * thousand per platform they wait on disk, so that reading a national list
 * at once costs no memory (src/audit/spilling-queue.ts).
 */
export class AccountQueues {
  private readonly queues = new Map<string, PlatformQueue>();
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
    if (!queue) this.queues.set(account.platform, (queue = { accounts: new SpillingQueue(HELD_PER_PLATFORM, 'accounts'), workers: 0 }));
    queue.accounts.push(account);
    if (queue.workers >= this.perPlatform(account.platform)) return;
    queue.workers++;
    const worker = this.work(queue).finally(() => this.workers.delete(worker));
    this.workers.add(worker);
  }

  private async work(queue: PlatformQueue): Promise<void> {
    try {
      for (let account = queue.accounts.shift(); account; account = queue.accounts.shift()) {
        this.keep(await this.global(() => this.audit(account!)));
      }
    } finally {
      queue.workers--;
    }
  }

  /** Once every queue is empty and every finding kept. */
  async drained(): Promise<void> {
    while (this.workers.size) await Promise.all([...this.workers]);
    this.close();
  }

  async settled(): Promise<void> {
    while (this.workers.size) await Promise.allSettled([...this.workers]);
    this.close();
  }

  private close(): void {
    for (const queue of this.queues.values()) queue.accounts.close();
  }
}

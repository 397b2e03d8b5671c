import { setTimeout as sleep } from 'node:timers/promises';

export interface BreakerOptions {
  /** Consecutive blocked accounts that open the breaker. */
  threshold: number;
  /** How long to leave the platform alone before one probe. */
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { threshold: 5, coolDownMs: 60_000 };

type State = 'closed' | 'open' | 'probing' | 'tripped';
export type Admission = 'go' | 'probe' | 'tripped';

/**
 * Stops hammering a platform that keeps blocking: after `threshold` blocked
 * accounts in a row it opens, waits `coolDownMs`, lets one account through as
 * a probe, and either closes again or trips for the rest of the scan, so that
 * the platform's remaining accounts are reported at once instead of being
 * requested into a wall.
 */
export class CircuitBreaker {
  private state: State = 'closed';
  private consecutiveBlocks = 0;
  private openedAt = 0;
  private probeDone: Promise<void> = Promise.resolve();
  private settleProbe: () => void = () => undefined;

  constructor(private readonly options: BreakerOptions) {}

  get tripped(): boolean {
    return this.state === 'tripped';
  }

  /** Whether the account may be requested: as usual, as the one probe, or not at all. */
  async admit(signal?: AbortSignal): Promise<Admission> {
    for (;;) {
      switch (this.state) {
        case 'closed':
          return 'go';
        case 'tripped':
          return 'tripped';
        case 'probing':
          await this.probeDone;
          continue;
        case 'open': {
          const wait = this.openedAt + this.options.coolDownMs - Date.now();
          if (wait > 0) {
            await sleep(wait, undefined, { signal });
            continue;
          }
          this.state = 'probing';
          this.probeDone = new Promise((resolve) => (this.settleProbe = resolve));
          return 'probe';
        }
      }
    }
  }

  /** Called with each finished account of the platform: was it blocked? Only the probe decides a probe. */
  record(blocked: boolean, admission: Admission): void {
    if (admission === 'probe') {
      this.state = blocked ? 'tripped' : 'closed';
      this.consecutiveBlocks = 0;
      this.settleProbe();
      return;
    }
    if (this.state !== 'closed') return;
    this.consecutiveBlocks = blocked ? this.consecutiveBlocks + 1 : 0;
    if (this.consecutiveBlocks >= this.options.threshold) {
      this.state = 'open';
      this.openedAt = Date.now();
    }
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';

/** Requests per period for one platform. `requests: 0` means no pacing at all. */
export interface Rate {
  requests: number;
  seconds: number;
}

/** Polite default: one request every 3 seconds per platform (see docs/politeness.md). */
export const DEFAULT_RATE: Rate = { requests: 1, seconds: 3 };

export function parseRate(value: string): { platform: string; rate: Rate } | undefined {
  const match = /^\s*([\w*-]+)\s*=\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value);
  if (!match) return undefined;
  const requests = Number(match[2]);
  const seconds = Number(match[3]);
  if (requests > 0 && seconds <= 0) return undefined;
  return { platform: match[1]!.toLowerCase(), rate: { requests, seconds } };
}

/**
 * Spaces the requests of each key (a platform) at least `seconds/requests`
 * apart (a token bucket of burst 1) and lets one request per key run at a time.
 * Different keys never wait for each other.
 */
export class Pacer {
  private readonly nextSlot = new Map<string, number>();
  private readonly lanes = new Map<string, LimitFunction>();

  constructor(private readonly rateFor: (key: string) => Rate) {}

  intervalMs(key: string): number {
    const rate = this.rateFor(key);
    return rate.requests > 0 ? (rate.seconds * 1000) / rate.requests : 0;
  }

  /** Runs `task` in the key's lane once its slot has come. */
  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // Unpaced keys (mirrors, the simulator, benchmarks) are bounded by the scan's concurrency only.
    if (this.intervalMs(key) === 0) return task();
    return this.lane(key)(async () => {
      await this.waitForSlot(key, signal);
      return task();
    });
  }

  private lane(key: string): LimitFunction {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = pLimit(1);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private async waitForSlot(key: string, signal?: AbortSignal): Promise<void> {
    const interval = this.intervalMs(key);
    if (interval === 0) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(key) ?? 0);
    this.nextSlot.set(key, slot + interval);
    if (slot > now) await sleep(slot - now, undefined, { signal });
  }
}

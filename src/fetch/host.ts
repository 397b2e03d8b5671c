import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';

export interface HostManners {
  /** The configured spacing of requests (0: unpaced). */
  baseIntervalMs: number;
  /** Requests in flight at once while paced. */
  concurrency: number;
  /** The spacing never grows beyond this, however often the host pushes back. */
  maxIntervalMs: number;
}

/**
 * Added to every paced interval: timers fire late and answers arrive with
 * jitter, and a platform must never count more requests in a second than
 * the rate allows.
 */
const JITTER_MARGIN_MS = 5;
/** Successes in a row that ease a slowed host back by one step. */
const SUCCESSES_PER_STEP = 3;

/**
 * Owns one host's manners, as lychee's per-host state does: a token bucket of
 * burst 1 (a minimum interval between requests), a concurrency limit, an
 * interval that doubles when the host pushes back (429, a block signal) and
 * eases back after successes, and Retry-After.
 */
export class Host {
  private factor = 1;
  private successes = 0;
  private nextSlot = 0;
  private readonly lane: LimitFunction;

  constructor(
    readonly name: string,
    private readonly manners: HostManners,
  ) {
    this.lane = pLimit(manners.concurrency);
  }

  /** An unpaced host (`--rate p=0/1`: a mirror, the simulator) stays unpaced even when pushed back. */
  intervalMs(): number {
    const { baseIntervalMs, maxIntervalMs } = this.manners;
    if (baseIntervalMs === 0) return 0;
    return Math.min(baseIntervalMs * this.factor, Math.max(maxIntervalMs, baseIntervalMs)) + JITTER_MARGIN_MS;
  }

  /** Runs `task` once the host's next slot has come, within its concurrency. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const paced = async () => {
      await this.waitForSlot(signal);
      return task();
    };
    // An unpaced, unslowed host (a mirror, the simulator) is bounded by the scan's concurrency only.
    if (this.intervalMs() === 0 && this.nextSlot <= Date.now()) return paced();
    return this.lane(paced);
  }

  /** The host said "too fast" or blocked us: double the spacing. */
  slowDown(): void {
    this.successes = 0;
    if (this.intervalMs() < this.manners.maxIntervalMs) this.factor *= 2;
  }

  /** A clean answer: after a few in a row, ease the spacing back one step. */
  succeeded(): void {
    if (this.factor === 1) return;
    this.successes++;
    if (this.successes >= SUCCESSES_PER_STEP) {
      this.factor = Math.max(1, this.factor / 2);
      this.successes = 0;
    }
  }

  /** Retry-After: no request to this host before `ms` from now. */
  holdOff(ms: number): void {
    this.nextSlot = Math.max(this.nextSlot, Date.now() + ms);
  }

  /**
   * Waits for the next slot, then books the one after it from the moment this
   * request really starts: a timer that fires late never lets two requests
   * come closer than the interval, so the rate is never exceeded.
   */
  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    const wait = this.nextSlot - Date.now();
    // Booked before sleeping too, so that an unpaced request sharing the host still waits its turn.
    this.nextSlot = Math.max(this.nextSlot, Date.now()) + this.intervalMs();
    if (wait > 0) await sleep(wait, undefined, { signal });
    this.nextSlot = Math.max(this.nextSlot, Date.now() + this.intervalMs());
  }
}

/** The hosts of a scan, created on first use with the manners of the platform that declares them. */
export class HostPool {
  private readonly hosts = new Map<string, Host>();

  constructor(private readonly mannersFor: (host: string) => HostManners) {}

  get(name: string): Host {
    let host = this.hosts.get(name);
    if (!host) {
      host = new Host(name, this.mannersFor(name));
      this.hosts.set(name, host);
    }
    return host;
  }

  all(): Host[] {
    return [...this.hosts.values()];
  }
}

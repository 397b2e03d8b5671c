import { STATUSES, type Status } from '../audit/status.js';
import type { Finding } from '../audit/finding.js';
import type { ScanEvent } from '../audit/scan.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform } from '../platforms/index.js';
import type { CommandIO } from './io.js';
import { truncate } from '../report/layout.js';

const REDRAW_MS = 250;

/**
 * What a person watching the scan sees on stderr: a live line (done/total,
 * rate, ETA, counts per status) on a terminal only, never in CI or a pipe;
 * with --verbose one line per request; warnings always, unless --quiet.
 */
export class ScanFeedback {
  private total = 0;
  private done = 0;
  private readonly counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private readonly live: boolean;
  private readonly trippedPlatforms = new Set<string>();

  constructor(
    private readonly io: CommandIO,
    private readonly lang: Lang,
    private readonly mode: { quiet: boolean; verbose: boolean },
  ) {
    this.live = Boolean(io.stderr.isTTY) && !io.env.CI && !mode.quiet;
  }

  accountRead(total: number): void {
    this.total = total;
    this.draw();
  }

  finding(finding: Finding): void {
    this.done++;
    this.counts[finding.status]++;
    this.draw();
  }

  event(event: ScanEvent): void {
    const m = messages(this.lang).progress;
    if (event.type === 'request') {
      if (!this.mode.verbose) return;
      const retry = event.attempt > 1 ? ` ${m.retry(event.attempt - 1)}` : '';
      this.line(`→ ${event.method} ${event.host}${event.path} ${event.status} ${event.ms}ms${retry}`);
    } else if (event.type === 'retry-after-capped') {
      this.warn(m.retryAfterCapped(event.host, Math.round(event.askedMs / 1000), Math.round(event.waitedMs / 1000)));
    } else if (!this.trippedPlatforms.has(event.platform)) {
      this.trippedPlatforms.add(event.platform);
      // The platform by its name in the language (抖音, Douyin), as every other message names it.
      this.warn(m.breakerTripped(findPlatform(event.platform)?.label[this.lang] ?? event.platform));
    }
  }

  warn(text: string): void {
    if (!this.mode.quiet) this.line(text);
  }

  /** Clears the live line before the report is printed. */
  finish(): void {
    if (this.drawn) this.io.stderr.write('\r\u001b[2K');
    this.drawn = false;
  }

  private line(text: string): void {
    this.finish();
    this.io.stderr.write(`${text}\n`);
    this.draw(true);
  }

  private draw(force = false): void {
    if (!this.live) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS && this.done !== this.total) return;
    this.lastDraw = now;
    const m = messages(this.lang);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? Math.round((this.total - this.done) / rate) : undefined;
    const counts = STATUSES.filter((s) => this.counts[s]).map((s) => `${m.status[s]} ${this.counts[s]}`).join(' · ');
    const line = `${m.progress.line(this.done, this.total, rate.toFixed(1), eta)}${counts ? `  ${counts}` : ''}`;
    // One line that never wraps, so that \r can always redraw and clear it.
    const width = (this.io.stderr as { columns?: number }).columns ?? 80;
    this.io.stderr.write(`\r\u001b[2K${truncate(line, width - 1)}`);
    this.drawn = true;
  }
}

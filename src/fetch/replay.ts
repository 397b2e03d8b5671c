import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { CAPTURE_FIELDS, INFO_FIELDS } from './archive.js';
import { FetchError, type FetchFailureKind } from './errors.js';
import { replayKey, type Exchange, type Transport } from './exchange.js';
import { redactUrl } from './redact.js';
import type { WARCRecord } from 'warcio';

/** One recorded answer, and the ids of the records it came from (its request's and its own). */
interface Recorded {
  answer?: NonNullable<Exchange['response']>;
  error?: { kind: FetchFailureKind; message: string };
  records: string[];
}

/** An answer a browser page received, as archived. */
export interface CapturedRecord {
  answer?: NonNullable<Exchange['response']>;
  records: string[];
  method: string;
  url: string;
  body: string;
}

/** Why an archive cannot be replayed; the CLI names the file. */
export class ReplayError extends Error {}

const FAILURE_KINDS: readonly FetchFailureKind[] = ['timeout', 'network', 'too-large'];

/**
 * A WARC archive written by `--archive`, served in place of the network.
 * Each request gets the answers recorded for the same method and address in
 * the order they were recorded (a 503 then a 200 replays as such); past the
 * last one, the last is given again. An address never recorded is a network
 * error: a replay never reaches the network, whatever it is asked.
 */
export class WarcReplay {
  private readonly answers = new Map<string, Recorded[]>();
  private readonly served = new Map<string, number>();
  /** Browser captures (`--browser`): page → what the recipe named each answer → the answers, in order. */
  private readonly pages = new Map<string, Map<string, CapturedRecord[]>>();
  /** From the warcinfo record: the scan's audit instant and thresholds, and the platforms checked in a browser. */
  readonly info: { now?: Date; inactiveDays?: number; zombieDays?: number; browserPlatforms?: string[] } = {};

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<WarcReplay> {
    const { WARCParser } = await import('warcio');
    const replay = new WarcReplay(path);
    // Request record id → what the request was, for the answers that follow it.
    const requests = new Map<string, { method: string; body: string }>();
    try {
      for await (const record of WARCParser.iterRecords(createReadStream(path))) {
        const id = record.warcHeader('WARC-Record-ID') ?? '';
        const concurrent = record.warcHeader('WARC-Concurrent-To') ?? '';
        switch (record.warcType) {
          case 'warcinfo':
            replay.readInfo(await record.contentText());
            break;
          case 'request':
            requests.set(id, { method: record.httpHeaders?.method ?? 'GET', body: await record.contentText() });
            break;
          case 'response': {
            const request = take(requests, concurrent);
            const recorded = { answer: await answerOf(record), records: [concurrent, id] };
            const page = record.warcHeader(CAPTURE_FIELDS.page);
            if (page && request) replay.addCapture(page, record.warcHeader(CAPTURE_FIELDS.capture) ?? '', { ...recorded, method: request.method, url: record.warcTargetURI ?? '', body: request.body });
            else replay.add(request, record.warcTargetURI, recorded);
            break;
          }
          case 'metadata':
            replay.add(take(requests, concurrent), record.warcTargetURI, { error: failureOf(await record.contentText()), records: [concurrent, id] });
            break;
          default:
            await record.skipFully();
        }
      }
    } catch (error) {
      throw new ReplayError((error as Error).message);
    }
    // gov-audit's warcinfo record comes first in every archive it writes: without it, this is not one.
    if (!replay.info.now) throw new ReplayError('not a WARC archive written by gov-audit --archive');
    return replay;
  }

  get name(): string {
    return basename(this.path);
  }

  readonly transport: Transport = async ({ method, url, body }) => {
    const key = replayKey(method, redactUrl(url), body);
    const recorded = this.answers.get(key);
    if (!recorded?.length) throw new FetchError('network', `not in the archive: ${method} ${redactUrl(url)}`);
    const index = this.served.get(key) ?? 0;
    this.served.set(key, index + 1);
    const chosen = recorded[Math.min(index, recorded.length - 1)]!;
    if (chosen.error) {
      const failure = new FetchError(chosen.error.kind, chosen.error.message);
      failure.records = chosen.records;
      throw failure;
    }
    return { ...chosen.answer!, records: chosen.records };
  };

  /**
   * What a browser page received when it was archived, by the recipe's names:
   * each visit of the same page takes the next capture recorded for it.
   */
  capturesOf(pageUrl: string): Map<string, CapturedRecord> | undefined {
    const byName = this.pages.get(redactUrl(pageUrl));
    if (!byName) return undefined;
    const key = `page ${redactUrl(pageUrl)}`;
    const index = this.served.get(key) ?? 0;
    this.served.set(key, index + 1);
    const chosen = new Map<string, CapturedRecord>();
    for (const [name, list] of byName) chosen.set(name, list[Math.min(index, list.length - 1)]!);
    return chosen;
  }

  private addCapture(page: string, name: string, recorded: CapturedRecord): void {
    const byName = this.pages.get(page) ?? new Map<string, CapturedRecord[]>();
    byName.set(name, [...(byName.get(name) ?? []), recorded]);
    this.pages.set(page, byName);
  }

  private add(request: { method: string; body: string } | undefined, url: string | null | undefined, recorded: Recorded): void {
    if (!url || !request) return;
    const key = replayKey(request.method, url, request.body);
    const list = this.answers.get(key) ?? [];
    list.push(recorded);
    this.answers.set(key, list);
  }

  private readInfo(fields: string): void {
    const value = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(fields)?.[1]?.trim();
    const now = value(INFO_FIELDS.now);
    if (now && !Number.isNaN(Date.parse(now))) this.info.now = new Date(now);
    const inactive = Number(value(INFO_FIELDS.inactiveDays));
    const zombie = Number(value(INFO_FIELDS.zombieDays));
    if (Number.isInteger(inactive) && inactive > 0) this.info.inactiveDays = inactive;
    if (Number.isInteger(zombie) && zombie > 0) this.info.zombieDays = zombie;
    const browser = value(INFO_FIELDS.browser);
    if (browser) this.info.browserPlatforms = browser.split(',').map((p) => p.trim()).filter(Boolean);
  }
}

/** A request is answered by one record: its entry is not kept once that record is read. */
function take<T>(map: Map<string, T>, key: string): T | undefined {
  const value = map.get(key);
  map.delete(key);
  return value;
}

async function answerOf(record: WARCRecord): Promise<NonNullable<Exchange['response']>> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of record.httpHeaders?.headers ?? []) {
    const lower = name.toLowerCase();
    const before = headers[lower];
    headers[lower] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return { status: Number(record.httpHeaders?.statusCode ?? 0), headers, body: await record.contentText() };
}

function failureOf(text: string): { kind: FetchFailureKind; message: string } {
  try {
    const parsed = JSON.parse(text) as { error?: string; message?: string };
    const kind = FAILURE_KINDS.find((k) => k === parsed.error) ?? 'network';
    return { kind, message: parsed.message ?? kind };
  } catch {
    return { kind: 'network', message: 'an unreadable failure record' };
  }
}

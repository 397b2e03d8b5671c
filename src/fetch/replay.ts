import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { CAPTURE_FIELDS, INFO_FIELDS } from './archive.js';
import { FetchError, type FetchFailureKind } from './errors.js';
import { replayKey, type Exchange, type Transport } from './exchange.js';
import { redactUrl } from './redact.js';
import type { WARCParser as WARCParserType, WARCRecord } from 'warcio';

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

/**
 * An archive holding a record larger than a scan keeps: `body`, an answer (or
 * a request) that decodes to more than the live route's cap on an answer;
 * `record`, a record whose stored size passes that cap and room for its
 * headers. gov-audit never archives either; the archive is not replayed.
 */
export class ReplayLimitError extends ReplayError {
  constructor(
    readonly limit: 'body' | 'record',
    readonly max: number,
  ) {
    super(limit === 'body' ? `a record decodes to more than ${max} bytes` : `a record is larger than ${max} bytes`);
  }
}

/** The live route's cap on a decoded answer (maxResponseBytes), which a replay holds to as well. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Bytes of the archive read at a time: a 16 KB read of a gzip member inflates to 16 MB at most. */
const READ_BYTES = 16 * 1024;
/** Room for a record's HTTP headers beside its body. */
const HEADER_ROOM_BYTES = 1024 * 1024;

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

  /**
   * Reads the archive, holding every record to the live route's cap: a record
   * whose stored size or decoded content (gzip, deflate or br, as its HTTP
   * headers say) passes `maxBodyBytes` stops the read there, before it is
   * held, whatever it expands to.
   */
  static async open(path: string, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<WarcReplay> {
    const { WARCParser } = await import('warcio');
    const replay = new WarcReplay(path);
    const maxRecordBytes = maxBodyBytes + HEADER_ROOM_BYTES;
    const contentText = (record: WARCRecord) => boundedContentText(record, maxBodyBytes);
    // Request record id → what the request was, for the answers that follow it.
    const requests = new Map<string, { method: string; body: string }>();
    try {
      await refuseLargeRecords(WARCParser, path, maxRecordBytes);
      // Small reads: each is inflated whole before it is parsed, and a gzip member expands a thousandfold.
      for await (const record of WARCParser.iterRecords(createReadStream(path, { highWaterMark: READ_BYTES }))) {
        const id = record.warcHeader('WARC-Record-ID') ?? '';
        const concurrent = record.warcHeader('WARC-Concurrent-To') ?? '';
        switch (record.warcType) {
          case 'warcinfo':
            replay.readInfo(await contentText(record));
            break;
          case 'request':
            requests.set(id, { method: record.httpHeaders?.method ?? 'GET', body: await contentText(record) });
            break;
          case 'response': {
            const request = take(requests, concurrent);
            const recorded = { answer: await answerOf(record, await contentText(record)), records: [concurrent, id] };
            const page = record.warcHeader(CAPTURE_FIELDS.page);
            if (page && request) replay.addCapture(page, record.warcHeader(CAPTURE_FIELDS.capture) ?? '', { ...recorded, method: request.method, url: record.warcTargetURI ?? '', body: request.body });
            else replay.add(request, record.warcTargetURI, recorded);
            break;
          }
          case 'metadata':
            replay.add(take(requests, concurrent), record.warcTargetURI, { error: failureOf(await contentText(record)), records: [concurrent, id] });
            break;
          default:
            await record.skipFully();
        }
      }
    } catch (error) {
      if (error instanceof ReplayError) throw error;
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

/**
 * A first pass over the archive's WARC headers alone, each record's content
 * skipped unread: a record stored larger than `maxBytes` is refused before
 * any of it is parsed. (warcio looks for the end of a record's HTTP headers
 * without a bound, through the whole of a record that has none.)
 */
async function refuseLargeRecords(parser: typeof WARCParserType, path: string, maxBytes: number): Promise<void> {
  for await (const record of new parser(createReadStream(path, { highWaterMark: READ_BYTES }), { parseHttp: false })) {
    if (record.warcContentLength > maxBytes) throw new ReplayLimitError('record', maxBytes);
  }
}

/** A record's content, decoded as its HTTP headers say, counted as it comes: past `maxBytes` the read stops. */
async function boundedContentText(record: WARCRecord, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of record) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new ReplayLimitError('body', maxBytes);
    chunks.push(chunk);
  }
  return UTF8.decode(Buffer.concat(chunks, bytes));
}

const UTF8 = new TextDecoder('utf-8');

function answerOf(record: WARCRecord, body: string): NonNullable<Exchange['response']> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of record.httpHeaders?.headers ?? []) {
    const lower = name.toLowerCase();
    const before = headers[lower];
    headers[lower] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return { status: Number(record.httpHeaders?.statusCode ?? 0), headers, body };
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

import { open, mkdir, type FileHandle } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { basename, join } from 'node:path';
import type { WARCRecord as WarcRecordType } from 'warcio';
import type { Thresholds } from '../audit/finding.js';
import type { Exchange } from './exchange.js';
import { redactUrl, type SecretRegistry } from './redact.js';

type Warcio = typeof import('warcio');

/** Request headers that carry credentials: never archived. */
const SECRET_REQUEST_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization']);
/**
 * Response headers left out: cookies the platform set (visitor tokens), and
 * the transfer framing of a body that is archived decoded.
 */
const DROPPED_RESPONSE_HEADERS = new Set(['set-cookie', 'content-encoding', 'transfer-encoding', 'content-length']);

/** What the warcinfo record says about the scan, and what a replay takes back from it. */
export interface ArchiveInfo {
  version: string;
  now: Date;
  thresholds: Thresholds;
  files: string[];
  /** The platforms this scan checks through a browser. */
  browserPlatforms?: readonly string[];
}

/** The warcinfo fields gov-audit writes; `replay.ts` reads them back. */
export const INFO_FIELDS = {
  now: 'gov-audit-now',
  inactiveDays: 'gov-audit-inactive-days',
  zombieDays: 'gov-audit-zombie-days',
  /** The platforms checked through a browser: a replay reads their captured pages. */
  browser: 'gov-audit-browser',
} as const;

/** WARC headers of the answers a browser page received (`--browser`). */
export const CAPTURE_FIELDS = { page: 'gov-audit-page', capture: 'gov-audit-capture' } as const;

const WARC_VERSION = 'WARC/1.1';
/**
 * SHA-256 digests in hex, as browsertrix-crawler and pywb write and read them.
 * Each record is compressed here with Node's zlib, one gzip member per record
 * as WARC wants: twice as fast as warcio's own compression (npm run bench).
 */
const SERIALIZE = { gzip: false, digest: { algo: 'sha-256', prefix: 'sha256:', base32: false } } as const;
const gzipMember = promisify(gzip);

/**
 * The evidence of one scan: every request and response in a WARC file
 * (ISO 28500), one gzip member per record, written as the scan goes so that
 * a stopped scan keeps every record already made. Cookies and tokens are
 * removed before anything is written.
 */
export class WarcArchive {
  private readonly byAccount = new Map<string, string[]>();
  private writes: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  private constructor(
    private readonly warcio: Warcio,
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly secrets: SecretRegistry | undefined,
  ) {}

  /** Creates `gov-audit-<time>.warc.gz` in `dir` (never overwriting a file) and writes its warcinfo record. */
  static async create(dir: string, info: ArchiveInfo, startedAt: Date, secrets?: SecretRegistry): Promise<WarcArchive> {
    const warcio = await import('warcio');
    await mkdir(dir, { recursive: true });
    // UTC, marked Z: one name whatever the machine's time zone.
    const stamp = `${startedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
    let path = join(dir, `gov-audit-${stamp}.warc.gz`);
    let handle: FileHandle | undefined;
    for (let n = 2; !handle; n++) {
      try {
        handle = await open(path, 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        path = join(dir, `gov-audit-${stamp}-${n}.warc.gz`);
      }
    }
    const archive = new WarcArchive(warcio, handle, path, secrets);
    archive.write(
      warcio.WARCRecord.createWARCInfo(
        { filename: basename(path), warcVersion: WARC_VERSION },
        {
          software: `gov-audit/${info.version}`,
          format: 'WARC File Format 1.1',
          [INFO_FIELDS.now]: info.now.toISOString(),
          [INFO_FIELDS.inactiveDays]: String(info.thresholds.inactiveDays),
          [INFO_FIELDS.zombieDays]: String(info.thresholds.zombieDays),
          'gov-audit-lists': info.files.join(', '),
          ...(info.browserPlatforms?.length ? { [INFO_FIELDS.browser]: info.browserPlatforms.join(',') } : {}),
        },
      ),
    );
    return archive;
  }

  get name(): string {
    return basename(this.path);
  }

  /** Archives one exchange: a request record, then its response, or a metadata record saying why there was none. */
  record(exchange: Exchange): void {
    const { WARCRecord } = this.warcio;
    const url = this.clean(redactUrl(exchange.url));
    const date = exchange.at.toISOString();
    const target = new URL(url);
    const request = WARCRecord.create(
      {
        url,
        date,
        type: 'request',
        warcVersion: WARC_VERSION,
        statusline: `${exchange.method} ${target.pathname}${target.search} HTTP/1.1`,
        httpHeaders: this.requestHeaders(exchange.requestHeaders, exchange.requestBody),
      },
      [encode(this.clean(exchange.requestBody ?? ''))],
    );
    const requestId = request.warcHeader('WARC-Record-ID')!;
    const body = exchange.response && this.clean(exchange.response.body);
    const answer = exchange.response
      ? WARCRecord.create(
          {
            url,
            date,
            type: 'response',
            warcVersion: WARC_VERSION,
            statusline: `HTTP/1.1 ${exchange.response.status} ${STATUS_CODES[exchange.response.status] ?? ''}`.trimEnd(),
            httpHeaders: this.responseHeaders(exchange.response.headers, body!),
            warcHeaders: { 'WARC-Concurrent-To': requestId, ...this.clean(pageHeaders(exchange.page)) },
          },
          [encode(body!)],
        )
      : WARCRecord.create(
          {
            url,
            date,
            type: 'metadata',
            warcVersion: WARC_VERSION,
            warcHeaders: { 'Content-Type': 'application/json', 'WARC-Concurrent-To': requestId },
          },
          [encode(JSON.stringify({ error: exchange.error?.kind ?? 'network', message: this.clean(exchange.error?.message ?? '') }))],
        );
    this.write(request);
    this.write(answer);
    if (exchange.account) {
      const ids = this.byAccount.get(exchange.account) ?? [];
      ids.push(requestId, answer.warcHeader('WARC-Record-ID')!);
      this.byAccount.set(exchange.account, ids);
    }
  }

  /** The ids of the records made while checking an account, in order. */
  recordsFor(account: string): string[] {
    return this.byAccount.get(account) ?? [];
  }

  /** Waits for every record to reach the file, then closes it. */
  async close(): Promise<void> {
    await this.writes;
    await this.handle.close();
    if (this.failure) throw this.failure;
  }

  private write(record: WarcRecordType): void {
    // Records are serialised one after another: the file never interleaves two.
    this.writes = this.writes.then(async () => {
      if (this.failure) return;
      try {
        await this.handle.write(await gzipMember(await this.warcio.WARCSerializer.serialize(record, SERIALIZE)));
      } catch (error) {
        this.failure = error as Error;
      }
    });
  }

  private requestHeaders(headers: Record<string, string>, body: string | undefined): Record<string, string> {
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!SECRET_REQUEST_HEADERS.has(name.toLowerCase())) kept[name] = this.clean(value);
    }
    // Without its length a reader takes a request's body for empty (a page's POST, captured without headers): replay needs it.
    if (body && !Object.keys(kept).some((name) => name.toLowerCase() === 'content-length')) kept['content-length'] = String(Buffer.byteLength(this.clean(body)));
    return kept;
  }

  private responseHeaders(headers: Record<string, string | string[] | undefined>, body: string): [string, string][] {
    const kept: [string, string][] = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
      for (const one of Array.isArray(value) ? value : [value]) kept.push([name, this.clean(one)]);
    }
    // The length of the body as written (its secrets masked).
    kept.push(['content-length', String(Buffer.byteLength(body))]);
    return kept;
  }

  /** Known secret values (the user's cookies) never reach the file, wherever and in whatever form (escaped, encoded) they appear. */
  private clean<T extends string | Record<string, string>>(text: T): T {
    return this.secrets ? this.secrets.redactDeep(text) : text;
  }
}

const encode = (text: string) => new TextEncoder().encode(text);

/** An answer captured in a browser names its page and what the recipe called it, so a replay can find it without the browser. */
function pageHeaders(page: Exchange['page']): Record<string, string> {
  return page ? { [CAPTURE_FIELDS.page]: redactUrl(page.url), [CAPTURE_FIELDS.capture]: page.capture } : {};
}

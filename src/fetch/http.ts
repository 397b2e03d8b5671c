import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { findConnectTo, type ConnectTo } from './connect-to.js';
import { FetchError } from './errors.js';
import type { Pacer } from './pacer.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpOptions {
  /** The union of every adapter's declared hosts; nothing else is ever requested. */
  allowedHosts: ReadonlySet<string>;
  connectTo: readonly ConnectTo[];
  pacer: Pacer;
  retries: number;
  /** Per attempt: connect, headers and body each. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** First backoff step; doubled per retry, with full jitter. */
  retryBaseMs: number;
  retryAfterCapMs: number;
  userAgent: string;
  onRequest?: (event: RequestEvent) => void;
}

export interface RequestEvent {
  host: string;
  path: string;
  status: number | 'error';
  ms: number;
  attempt: number;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The one way gov-audit talks to the network: refuses undeclared hosts,
 * paces per platform, retries transient faults with backoff, and cuts off
 * slow or oversized answers.
 */
export class HttpClient {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: HttpOptions) {
    this.dispatcher = new Agent({
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** `paceKey` is the platform whose rate limit the request counts against. */
  async fetch(req: HttpRequest, paceKey: string, signal: AbortSignal): Promise<HttpResponse> {
    const target = new URL(req.url);
    if (!this.options.allowedHosts.has(target.hostname)) {
      throw new FetchError('forbidden-host', `host ${target.hostname} is not declared by any platform`);
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.options.pacer.run(paceKey, () => this.attempt(req, target, attempt, signal), signal)
        .then((response) => ({ response }), (error: unknown) => ({ error }));
      const last = attempt > this.options.retries;
      if ('response' in outcome) {
        const { response } = outcome;
        if (last || !RETRYABLE_STATUS.has(response.status)) return response;
        await this.backoff(attempt, retryAfterMs(response.headers['retry-after']), signal);
        continue;
      }
      const error = asFetchError(outcome.error, signal, attempt);
      if (last || error.kind === 'aborted' || error.kind === 'too-large') throw error;
      await this.backoff(attempt, undefined, signal);
    }
  }

  private async attempt(req: HttpRequest, target: URL, attempt: number, signal: AbortSignal): Promise<HttpResponse> {
    const route = findConnectTo(this.options.connectTo, target.hostname);
    const wire = route ? new URL(target.pathname + target.search, route.origin) : target;
    const started = Date.now();
    const report = (status: number | 'error') =>
      this.options.onRequest?.({ host: target.hostname, path: target.pathname, status, ms: Date.now() - started, attempt });
    try {
      const res = await request(wire, {
        method: req.method ?? 'GET',
        headers: {
          'user-agent': this.options.userAgent,
          accept: 'application/json, text/html;q=0.9, */*;q=0.8',
          'accept-language': 'zh-CN,zh;q=0.9',
          'accept-encoding': 'gzip, deflate, br',
          ...req.headers,
          // Keep the platform's Host header when routed elsewhere, as curl's --connect-to does.
          host: target.host,
        },
        body: req.body,
        dispatcher: this.dispatcher,
        signal,
      });
      const body = await readBody(res.body, res.headers['content-encoding'], this.options.maxBodyBytes);
      report(res.statusCode);
      return { url: target.href, status: res.statusCode, headers: res.headers, body };
    } catch (error) {
      report('error');
      throw error;
    }
  }

  private async backoff(attempt: number, retryAfter: number | undefined, signal: AbortSignal): Promise<void> {
    const exponential = this.options.retryBaseMs * 2 ** (attempt - 1);
    const wait = retryAfter !== undefined ? Math.min(retryAfter, this.options.retryAfterCapMs) : Math.random() * exponential;
    await sleep(wait, undefined, { signal }).catch(() => {
      throw new FetchError('aborted', 'the scan was stopped');
    });
  }
}

async function readBody(body: Readable, encoding: string | string[] | undefined, maxBytes: number): Promise<string> {
  const stream = decoded(body, typeof encoding === 'string' ? encoding.trim().toLowerCase() : '');
  const chunks: Buffer[] = [];
  let size = 0;
  // Counted after decompression, so a small compressed bomb is cut off too.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      stream.destroy();
      throw new FetchError('too-large', `response larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decoded(body: Readable, encoding: string): Readable {
  if (encoding === 'gzip' || encoding === 'x-gzip') return body.pipe(createGunzip());
  if (encoding === 'deflate') return body.pipe(createInflate());
  if (encoding === 'br') return body.pipe(createBrotliDecompress());
  return body;
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function asFetchError(error: unknown, signal: AbortSignal, attempts: number): FetchError {
  if (error instanceof FetchError) return error;
  if (signal.aborted) return new FetchError('aborted', 'the scan was stopped', attempts);
  const code = (error as { code?: string }).code ?? '';
  if (/TIMEOUT/i.test(code)) return new FetchError('timeout', `no answer in time (${code})`, attempts);
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError('network', code ? `${code}: ${message}` : message, attempts);
}

import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { findConnectTo, type ConnectTo } from './connect-to.js';
import { FetchError } from './errors.js';
import type { HostPool } from './host.js';
import type { CookieJar } from './cookies.js';
import { redactUrl, type SecretRegistry } from './redact.js';
import type { Exchange, Transport } from './exchange.js';
import { accountScope } from './scope.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Follow redirects to declared hosts (default). `false` hands a 3xx back, e.g. to read a short link's Location. */
  followRedirects?: boolean;
}

export interface HttpResponse {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type HttpEvent =
  | { type: 'request'; method: string; host: string; path: string; status: number | 'error'; ms: number; attempt: number }
  | { type: 'retry-after-capped'; host: string; askedMs: number; waitedMs: number };

export interface HttpOptions {
  /** The union of every adapter's declared hosts; nothing else is ever requested. */
  allowedHosts: ReadonlySet<string>;
  connectTo: readonly ConnectTo[];
  hosts: HostPool;
  retries: number;
  /** Per attempt: connect, headers and body each. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** First backoff step; doubled per retry, with full jitter. */
  retryBaseMs: number;
  retryAfterCapMs: number;
  maxRedirects: number;
  userAgent: string;
  secrets?: SecretRegistry;
  cookies?: CookieJar;
  onEvent?: (event: HttpEvent) => void;
  /** Sees every attempt's request and answer (or failure): the archive (--archive). */
  recorder?: (exchange: Exchange) => void;
  /** Answers instead of the network: a replayed archive (--replay). */
  transport?: Transport;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];

/**
 * The one way gov-audit talks to the network: refuses undeclared hosts,
 * paces per host, retries transient faults with backoff, follows redirects
 * only to declared hosts, and cuts off slow or oversized answers.
 */
export class HttpClient {
  private readonly direct: Dispatcher;
  private readonly proxied: Dispatcher;

  constructor(private readonly options: HttpOptions) {
    const timeouts = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
    this.direct = new Agent({ connect: { timeout: options.timeoutMs }, ...timeouts });
    // HTTP_PROXY, HTTPS_PROXY and NO_PROXY are honoured; without them, requests go direct.
    this.proxied = PROXY_VARIABLES.some((name) => process.env[name])
      ? new EnvHttpProxyAgent({ connect: { timeout: options.timeoutMs }, ...timeouts })
      : this.direct;
  }

  async close(): Promise<void> {
    await this.direct.close();
    if (this.proxied !== this.direct) await this.proxied.close();
  }

  /** The platform pushed back (a block signal in an answer): slow its hosts down. */
  slowDown(hostnames: readonly string[]): void {
    for (const name of hostnames) this.options.hosts.get(name).slowDown();
  }

  /** Runs `task` (a browser page load) in the host's pacing, as one request to it. */
  paced<T>(hostname: string, task: () => Promise<T>, signal: AbortSignal): Promise<T> {
    return this.options.hosts.get(hostname).run(task, signal);
  }

  /** The platform answered cleanly: let its hosts ease back. */
  succeeded(hostnames: readonly string[]): void {
    for (const name of hostnames) this.options.hosts.get(name).succeeded();
  }

  async fetch(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    let url = this.checkedUrl(req.url);
    // Read here, in the caller's context: a paced request may later run from another account's timer.
    const account = accountScope.getStore();
    for (let redirects = 0; ; redirects++) {
      const response = await this.fetchWithRetries({ ...req, url: url.href }, url, signal, account);
      const location = response.headers.location;
      const redirected = response.status >= 300 && response.status < 400 && typeof location === 'string';
      if (!redirected || req.followRedirects === false || (req.method ?? 'GET') !== 'GET') return response;
      const next = new URL(location, url);
      // A redirect off the platform (a login page elsewhere, a tracker) is handed back, never followed.
      if (!this.options.allowedHosts.has(next.hostname) || !/^https?:$/.test(next.protocol)) return response;
      if (redirects >= this.options.maxRedirects) {
        throw new FetchError('network', `more than ${this.options.maxRedirects} redirects`);
      }
      url = next;
    }
  }

  private checkedUrl(raw: string): URL {
    const url = new URL(raw);
    if (!this.options.allowedHosts.has(url.hostname) || !/^https?:$/.test(url.protocol)) {
      throw new FetchError('forbidden-host', `host ${url.hostname} is not declared by any platform`);
    }
    return url;
  }

  private async fetchWithRetries(req: HttpRequest, target: URL, signal: AbortSignal, account: string | undefined): Promise<HttpResponse> {
    const host = this.options.hosts.get(target.hostname);
    for (let attempt = 1; ; attempt++) {
      const outcome = await host.run(() => this.attempt(req, target, attempt, signal, account), signal).then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      );
      const last = attempt > this.options.retries;
      if ('response' in outcome) {
        const { response } = outcome;
        if (response.status === 429) host.slowDown();
        if (last || !RETRYABLE_STATUS.has(response.status)) return response;
        await this.backoff(target.hostname, attempt, response.headers['retry-after'], signal);
        continue;
      }
      const error = asFetchError(outcome.error, signal, attempt, this.options.secrets);
      if (last || error.kind === 'aborted' || error.kind === 'too-large') throw error;
      await this.backoff(target.hostname, attempt, undefined, signal);
    }
  }

  private async attempt(req: HttpRequest, target: URL, attempt: number, signal: AbortSignal, account: string | undefined): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const started = new Date();
    const report = (status: number | 'error') =>
      this.options.onEvent?.({ type: 'request', method, host: target.hostname, path: target.pathname, status, ms: Date.now() - started.getTime(), attempt });
    const cookie = [this.options.cookies?.header(target), req.headers?.cookie].filter(Boolean).join('; ');
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'application/json, text/html;q=0.9, */*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9',
      'accept-encoding': 'gzip, deflate, br',
      ...req.headers,
      ...(cookie ? { cookie } : {}),
      // Keep the platform's Host header when routed elsewhere, as curl's --connect-to does.
      host: target.host,
    };
    const exchange: Exchange = { account, at: started, method, url: target.href, requestHeaders: headers, requestBody: req.body };
    try {
      const answer = this.options.transport
        ? await this.options.transport({ method, url: target.href, body: req.body })
        : await this.overTheNetwork(req, target, headers, signal);
      this.options.cookies?.store(target, answer.headers['set-cookie']);
      report(answer.status);
      this.options.recorder?.({ ...exchange, response: answer });
      return { url: target.href, status: answer.status, headers: answer.headers, body: answer.body };
    } catch (error) {
      report('error');
      const failure = asFetchError(error, signal, attempt, this.options.secrets);
      // A stopped scan is not something the platform did: it is not evidence.
      if (failure.kind !== 'aborted') this.options.recorder?.({ ...exchange, error: { kind: failure.kind, message: failure.message, records: failure.records } });
      throw error;
    }
  }

  private async overTheNetwork(req: HttpRequest, target: URL, headers: Record<string, string>, signal: AbortSignal) {
    const route = findConnectTo(this.options.connectTo, target.hostname);
    const wire = route ? new URL(target.pathname + target.search, route.origin) : target;
    const res = await request(wire, {
      method: req.method ?? 'GET',
      headers,
      body: req.body,
      // --connect-to names the exact place to connect to: no proxy in between.
      dispatcher: route ? this.direct : this.proxied,
      signal,
    });
    const body = await readBody(res.body, res.headers['content-encoding'], this.options.maxBodyBytes);
    return { status: res.statusCode, headers: res.headers, body };
  }

  private async backoff(host: string, attempt: number, retryAfter: unknown, signal: AbortSignal): Promise<void> {
    const asked = retryAfterMs(retryAfter);
    let wait = Math.random() * this.options.retryBaseMs * 2 ** (attempt - 1);
    if (asked !== undefined) {
      wait = Math.min(asked, this.options.retryAfterCapMs);
      if (asked > wait) this.options.onEvent?.({ type: 'retry-after-capped', host, askedMs: asked, waitedMs: wait });
      this.options.hosts.get(host).holdOff(wait);
    }
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

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function asFetchError(error: unknown, signal: AbortSignal, attempts: number, secrets?: SecretRegistry): FetchError {
  if (error instanceof FetchError) return error;
  if (signal.aborted) return new FetchError('aborted', 'the scan was stopped', attempts);
  const code = (error as { code?: string }).code ?? '';
  if (/TIMEOUT/i.test(code)) return new FetchError('timeout', `no answer in time (${code})`, attempts);
  const raw = error instanceof Error ? error.message : String(error);
  // Messages from lower layers may quote a URL; secrets and signed parameters never leave.
  const message = (secrets?.redact(raw) ?? raw).replace(/https?:\/\/\S+/g, (url) => redactUrl(url));
  return new FetchError('network', code ? `${code}: ${message}` : message, attempts);
}

import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/errors.js';
import { HttpClient, type HttpOptions } from '../../src/fetch/http.js';
import { HostPool } from '../../src/fetch/host.js';
import { parseRate } from '../../src/fetch/rate.js';
import { parseConnectTo } from '../../src/fetch/connect-to.js';
import { loopbackServer } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof loopbackServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(origin: string, overrides: Partial<HttpOptions> = {}): HttpClient {
  return new HttpClient({
    allowedHosts: new Set(['api.bilibili.com']),
    connectTo: [parseConnectTo(`api.bilibili.com=${origin}`)!],
    hosts: new HostPool(() => ({ baseIntervalMs: 0, concurrency: 1, maxIntervalMs: 1000 })),
    retries: 2,
    timeoutMs: 2000,
    maxBodyBytes: 1024,
    retryBaseMs: 10,
    retryAfterCapMs: 50,
    maxRedirects: 5,
    userAgent: 'test',
    ...overrides,
  });
}

const signal = () => AbortSignal.timeout(10_000);
const CARD = 'https://api.bilibili.com/x/web-interface/card?mid=2';

describe('the HTTP client', () => {
  it('routes through --connect-to and keeps the platform Host header', async () => {
    server = await loopbackServer((_req, res) => res.end('{"code":0}'));
    const response = await client(server.origin).fetch({ url: CARD }, signal());
    expect(response).toMatchObject({ status: 200, body: '{"code":0}', url: CARD });
    expect(server.seen[0]).toMatchObject({ host: 'api.bilibili.com', url: '/x/web-interface/card?mid=2' });
  });

  it('never requests a host no adapter declares', async () => {
    server = await loopbackServer((_req, res) => res.end('x'));
    const request = client(server.origin).fetch({ url: 'http://169.254.169.254/latest/meta-data' }, signal());
    await expect(request).rejects.toMatchObject({ kind: 'forbidden-host' });
    expect(server.seen).toHaveLength(0);
  });

  it('retries a 503 and succeeds', async () => {
    server = await loopbackServer((_req, res, n) => {
      res.statusCode = n < 3 ? 503 : 200;
      res.end(n < 3 ? 'busy' : 'ok');
    });
    const response = await client(server.origin).fetch({ url: CARD }, signal());
    expect(response.body).toBe('ok');
    expect(server.seen).toHaveLength(3);
  });

  it('gives up after the configured retries and returns the last answer', async () => {
    server = await loopbackServer((_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '1');
      res.end();
    });
    const response = await client(server.origin, { retries: 1 }).fetch({ url: CARD }, signal());
    expect(response.status).toBe(429);
    expect(server.seen).toHaveLength(2);
  });

  it('does not retry a 412 block', async () => {
    server = await loopbackServer((_req, res) => {
      res.statusCode = 412;
      res.end();
    });
    await client(server.origin).fetch({ url: CARD }, signal());
    expect(server.seen).toHaveLength(1);
  });

  it('times out a silent server', async () => {
    server = await loopbackServer(() => undefined);
    const request = client(server.origin, { timeoutMs: 200, retries: 0 }).fetch({ url: CARD }, signal());
    await expect(request).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reports a dropped connection as a network error', async () => {
    server = await loopbackServer((req) => req.socket.destroy());
    const request = client(server.origin, { retries: 1 }).fetch({ url: CARD }, signal());
    await expect(request).rejects.toBeInstanceOf(FetchError);
    await expect(request).rejects.toMatchObject({ kind: 'network' });
    expect(server.seen).toHaveLength(2);
  });

  it('cuts off a body larger than the limit, measured after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 'a'));
    expect(bomb.length).toBeLessThan(1024 * 8);
    server = await loopbackServer((_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(bomb);
    });
    const request = client(server.origin).fetch({ url: CARD }, signal());
    await expect(request).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('decompresses gzip answers', async () => {
    server = await loopbackServer((_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync('{"code":0,"message":"中文"}'));
    });
    const response = await client(server.origin).fetch({ url: CARD }, signal());
    expect(response.body).toBe('{"code":0,"message":"中文"}');
  });

  it('spaces the requests of one host by its interval', async () => {
    server = await loopbackServer((_req, res) => res.end('ok'));
    const paced = client(server.origin, { hosts: new HostPool(() => ({ baseIntervalMs: 150, concurrency: 1, maxIntervalMs: 1000 })) });
    const start = Date.now();
    await Promise.all([1, 2, 3].map(() => paced.fetch({ url: CARD }, signal())));
    // The n-th request may leave no sooner than n intervals after the first was asked for. A busy
    // machine can only make one later (and bring two arrivals closer), never earlier: so each
    // arrival is measured from the start, not from the one before. 10 ms for timer rounding.
    const sinceStart = server.seen.map((r) => r.at - start);
    sinceStart.forEach((at, n) => expect(at).toBeGreaterThanOrEqual(n * 150 - 10));
  });

  it('follows redirects only to declared hosts, at most five', async () => {
    server = await loopbackServer((req, res) => {
      const step = Number(new URL(req.url!, 'http://x').searchParams.get('step') ?? 0);
      if (req.url!.startsWith('/away')) {
        res.writeHead(302, { location: 'https://passport.example.com/login' }).end();
      } else if (step < 7) {
        res.writeHead(302, { location: `/x/web-interface/card?step=${step + 1}` }).end();
      } else res.end('done');
    });
    const http = client(server.origin);
    const away = await http.fetch({ url: 'https://api.bilibili.com/away' }, signal());
    expect(away.status).toBe(302);
    expect(server.seen.filter((r) => r.url.startsWith('/away'))).toHaveLength(1);
    const short = await http.fetch({ url: 'https://api.bilibili.com/x/web-interface/card?step=3' }, signal());
    expect(short.body).toBe('done');
    await expect(http.fetch({ url: CARD }, signal())).rejects.toMatchObject({ message: 'more than 5 redirects' });
    const unfollowed = await http.fetch({ url: CARD, followRedirects: false }, signal());
    expect(unfollowed).toMatchObject({ status: 302, headers: { location: '/x/web-interface/card?step=1' } });
  });

  it('honours Retry-After up to its cap and says when it capped it', async () => {
    const events: unknown[] = [];
    server = await loopbackServer((_req, res, n) => {
      res.statusCode = n === 1 ? 503 : 200;
      if (n === 1) res.setHeader('retry-after', '3600');
      res.end('ok');
    });
    const response = await client(server.origin, { onEvent: (e) => events.push(e) }).fetch({ url: CARD }, signal());
    expect(response.status).toBe(200);
    expect(events).toContainEqual({ type: 'retry-after-capped', host: 'api.bilibili.com', askedMs: 3_600_000, waitedMs: 50 });
  });
});

describe('option values', () => {
  it.each([
    ['bilibili=1/3', { platform: 'bilibili', rate: { requests: 1, seconds: 3 } }],
    ['*=10/1', { platform: '*', rate: { requests: 10, seconds: 1 } }],
    ['*=0/1', { platform: '*', rate: { requests: 0, seconds: 1 } }],
    ['bilibili=1/0', undefined],
    ['bilibili', undefined],
  ])('--rate %s', (value, expected) => {
    expect(parseRate(value)).toEqual(expected);
  });

  it.each([
    ['api.bilibili.com=http://127.0.0.1:8080', { host: 'api.bilibili.com', origin: 'http://127.0.0.1:8080' }],
    ['*=https://mirror.example.org', { host: '*', origin: 'https://mirror.example.org' }],
    ['api.bilibili.com=file:///tmp', undefined],
    ['api.bilibili.com', undefined],
    ['api.bilibili.com=http://127.0.0.1:8080/path', undefined],
  ])('--connect-to %s', (value, expected) => {
    expect(parseConnectTo(value)).toEqual(expected);
  });
});

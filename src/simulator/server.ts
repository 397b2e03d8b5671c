import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../paths.js';
import { bilibiliSimulator, type BilibiliScenario } from './bilibili.js';
import type { PlatformScenario } from './common.js';
import { douyinSimulator } from './douyin.js';
import { feedSimulator } from './feeds.js';
import { kuaishouSimulator } from './kuaishou.js';
import { weiboSimulator } from './weibo.js';
import { xiaohongshuSimulator } from './xiaohongshu.js';
import { toutiaoSimulator } from './toutiao.js';
import { wechatMpSimulator } from './wechat-mp.js';
import { xiguaSimulator } from './xigua.js';
import type { PlatformSimulator, SimRequest, SimResponse } from './types.js';
import { newRunSecret, type SimLogin } from './browser.js';

export interface SimulatorScenarios {
  bilibili: BilibiliScenario;
  weibo: PlatformScenario;
  douyin: PlatformScenario;
  kuaishou: PlatformScenario;
  xiaohongshu: PlatformScenario;
  toutiao: PlatformScenario;
  'wechat-mp': PlatformScenario;
  xigua: PlatformScenario;
  feeds: PlatformScenario;
}

/** The instant the fixtures are written against; relative dates (Weibo's 昨天 …) are rendered from it. */
export const SIMULATOR_NOW = new Date('2026-11-20T10:00:00+08:00');

export interface SimulatorOptions {
  /** Defaults to the scenarios under fixtures/simulator/. */
  scenarios?: Partial<SimulatorScenarios>;
  fixturesDir?: string;
  /** Added to every answer, to imitate a distant server. */
  latencyMs?: number;
  /** The audit instant the answers are rendered against (default SIMULATOR_NOW). */
  now?: Date;
  /** The platform host that answers requests for unknown hosts (default: the RSSHub simulator). */
  fallbackHost?: string;
}

export interface RunningSimulator {
  origin: string;
  port: number;
  /** Every request, in arrival order. */
  log: { host: string; path: string; query: URLSearchParams; at: number }[];
  /** `--connect-to` values that route every simulated host here. */
  connectTo(): string[];
  /** A base URL for `--rsshub`: the simulator plays an RSSHub instance too. */
  rsshub: string;
  /** A `--wechat-feed` template: the simulator plays a WeChat-to-RSS bridge too. */
  wechatFeed: string;
  /** A person scans the QR code on that platform's login page: its next poll logs the browser in. */
  confirmLogin(platform: 'douyin' | 'kuaishou' | 'xiaohongshu'): void;
  close(): Promise<void>;
}

export function loadScenarios(fixturesDir = FIXTURES_DIR): SimulatorScenarios {
  const read = (name: string) => JSON.parse(readFileSync(join(fixturesDir, 'simulator', name), 'utf8'));
  return {
    bilibili: read('bilibili.json') as BilibiliScenario,
    weibo: read('weibo.json') as PlatformScenario,
    douyin: read('douyin.json') as PlatformScenario,
    kuaishou: read('kuaishou.json') as PlatformScenario,
    xiaohongshu: read('xiaohongshu.json') as PlatformScenario,
    toutiao: read('toutiao.json') as PlatformScenario,
    'wechat-mp': read('wechat-mp.json') as PlatformScenario,
    xigua: read('xigua.json') as PlatformScenario,
    feeds: read('feeds.json') as PlatformScenario,
  };
}

/** The platforms at a later instant: what changed since the fixtures (fixtures/history/*.json). */
export interface LaterScenario {
  now: string;
  /** Per platform, per account: the fields that changed, applied over the account's fixture. */
  changes: Partial<Record<keyof SimulatorScenarios, Record<string, Record<string, unknown>>>>;
  /** `platform:id` → the change the history must report; every other account is `unchanged`. */
  expectChange: Record<string, string>;
}

export function loadLaterScenario(name: string, fixturesDir = FIXTURES_DIR): LaterScenario {
  return JSON.parse(readFileSync(join(fixturesDir, 'history', name), 'utf8')) as LaterScenario;
}

/** The fixtures with a later scenario's changes applied, field by field. */
export function scenariosAt(later: LaterScenario, fixturesDir = FIXTURES_DIR): SimulatorScenarios {
  const scenarios = loadScenarios(fixturesDir);
  for (const [platform, accounts] of Object.entries(later.changes) as [keyof SimulatorScenarios, Record<string, Record<string, unknown>>][]) {
    const scenario = scenarios[platform] as { accounts: Record<string, unknown> };
    for (const [id, changed] of Object.entries(accounts)) scenario.accounts[id] = { ...(scenario.accounts[id] as object), ...changed };
  }
  return scenarios;
}

/**
 * A real HTTP server on 127.0.0.1 that answers as the platforms do, routed by
 * the Host header. The demo, the tests and the benchmarks share it.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const fixturesDir = options.fixturesDir ?? FIXTURES_DIR;
  const scenarios = { ...loadScenarios(fixturesDir), ...options.scenarios };
  const now = options.now ?? SIMULATOR_NOW;
  const feeds = feedSimulator(scenarios.feeds, now);
  const wechat = wechatMpSimulator(scenarios['wechat-mp'], fixturesDir, now);
  // The pages sign their API requests with a secret made anew for every run: only the page can sign.
  const secret = newRunSecret();
  const logins: Record<'douyin' | 'kuaishou' | 'xiaohongshu', { login: SimLogin } & PlatformSimulator> = {
    douyin: douyinSimulator(scenarios.douyin, fixturesDir, secret),
    kuaishou: kuaishouSimulator(scenarios.kuaishou, fixturesDir, secret),
    xiaohongshu: xiaohongshuSimulator(scenarios.xiaohongshu, fixturesDir),
  };
  const platforms: PlatformSimulator[] = [
    bilibiliSimulator(scenarios.bilibili, fixturesDir),
    weiboSimulator(scenarios.weibo, fixturesDir, now),
    logins.douyin,
    logins.kuaishou,
    logins.xiaohongshu,
    toutiaoSimulator(scenarios.toutiao, fixturesDir, secret),
    wechat,
    xiguaSimulator(scenarios.xigua),
    feeds,
  ];
  const byHost = new Map(platforms.flatMap((p) => p.hosts.map((host) => [host, p] as const)));
  const log: RunningSimulator['log'] = [];

  const server = createServer((req, res) => {
    void answer(req, res);
  });
  const pending = new Set<NodeJS.Timeout>();

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', 'http://simulator');
    log.push({ host, path: url.pathname, query: url.searchParams, at: Date.now() });
    const body = await readRequestBody(req);
    // Any other host is taken for an RSSHub instance (the demo's --rsshub points here), or a WeChat bridge.
    const simulator = byHost.get(host) ?? (options.fallbackHost ? byHost.get(options.fallbackHost) : undefined) ?? feeds;
    const simRequest: SimRequest = { method: req.method ?? 'GET', host, path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1), headers: req.headers, body };
    const bridged = simulator === feeds && (url.pathname.startsWith('/feeds/MP_WXS_') || url.pathname === '/feeds/' || url.pathname === '/feeds');
    const response: SimResponse = bridged ? wechat.bridge(simRequest) : simulator.handle(simRequest);
    const delay = (options.latencyMs ?? 0) + (response.delayMs ?? 0);
    const send = () => {
      if (response.reset) {
        req.socket.destroy();
        return;
      }
      res.writeHead(response.status, { 'content-type': 'text/plain; charset=utf-8', ...response.headers });
      res.end(response.body);
    };
    if (delay <= 0) return send();
    const timer = setTimeout(() => {
      pending.delete(timer);
      send();
    }, delay);
    pending.add(timer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    log,
    connectTo: () => [...byHost.keys()].map((host) => `${host}=${origin}`),
    rsshub: origin,
    wechatFeed: `${origin}/feeds/MP_WXS_{bizId}.atom`,
    confirmLogin: (platform) => logins[platform].login.confirm(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readRequestBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}


import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WARCParser } from 'warcio';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBiz } from '../../src/platforms/wechat-mp.js';
import { startSimulator } from '../../src/simulator/server.js';
import { ROOT, runCli } from '../helpers/cli.js';

const DEMO_LIST = 'fixtures/demo/accounts.csv';
/** As the demo runs it: Douyin refuses every script, and the breaker would pause it for a minute. */
const DEMO_CONFIG = 'fixtures/demo/gov-audit.config.json';
const NOW = '2026-11-20T10:00:00+08:00';

interface JsonAccount {
  platform: string;
  id: string;
  rank: number;
  status: string;
  reason: string | null;
  detail: string | null;
  postCount: number | null;
  followers: number | null;
  lastPostAt: string | null;
  evidence: { warc: string; records: string[] } | null;
}
interface JsonReport {
  now: string;
  accounts: JsonAccount[];
  archive: { file: string; replayed: boolean } | null;
}

const verdicts = (r: JsonReport) =>
  r.accounts.map((a) => [a.rank, `${a.platform}:${a.id}`, a.status, a.reason, a.detail, a.lastPostAt, a.postCount, a.followers]);

let dir: string;
let warc: string;
let rsshub: string;
let original: JsonReport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-evidence-'));
  const simulator = await startSimulator();
  rsshub = simulator.rsshub;
  try {
    const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    const args = ['--config', DEMO_CONFIG, 'scan', DEMO_LIST, ...routing, '--cookies', 'fixtures/demo/cookies.txt', '--rsshub', rsshub, '--now', NOW];
    const run = await runCli([...args, '--rate', '*=0/1', '--timeout', '1', '--retries', '1', '--archive', join(dir, 'warc'), '-o', join(dir, 'original.json')]);
    expect(run.code, run.stderr).toBe(0);
  } finally {
    // Closed before any replay: a replay that tried the network would find nobody there.
    await simulator.close();
  }
  const files = await readdir(join(dir, 'warc'));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^gov-audit-\d{8}T\d{6}Z\.warc\.gz$/);
  warc = join(dir, 'warc', files[0]!);
  original = JSON.parse(await readFile(join(dir, 'original.json'), 'utf8'));
});

async function records() {
  const all: { type: string; id: string; uri: string | null; payloadDigest: string | null; payload: Buffer; headers: string }[] = [];
  for await (const record of WARCParser.iterRecords(createReadStream(warc))) {
    const headers = record.httpHeaders ? [...record.httpHeaders.headers].map(([k, v]) => `${k}: ${v}`).join('\n') : '';
    all.push({
      type: record.warcType,
      id: record.warcHeader('WARC-Record-ID')!,
      uri: record.warcTargetURI ?? null,
      payloadDigest: record.warcPayloadDigest ?? null,
      headers,
      payload: Buffer.from(await record.readFully(false)),
    });
  }
  return all;
}

describe('--archive', () => {
  it('writes one WARC file per run: warcinfo, then each request with its response or failure', async () => {
    const all = await records();
    expect(all[0]!.type).toBe('warcinfo');
    expect(all[0]!.payload.toString()).toContain(`gov-audit-now: ${new Date(NOW).toISOString()}`);
    const types = new Set(all.map((r) => r.type));
    expect([...types].sort()).toEqual(['metadata', 'request', 'response', 'warcinfo']);
    expect(all.filter((r) => r.type === 'request').length).toBe(all.filter((r) => r.type === 'response' || r.type === 'metadata').length);
    expect(original.archive).toEqual({ file: warc.split('/').pop(), replayed: false });
  });

  it('gives every response a SHA-256 payload digest that matches its payload', async () => {
    const responses = (await records()).filter((r) => r.type === 'response');
    expect(responses.length).toBeGreaterThan(100);
    for (const r of responses) {
      expect(r.payloadDigest).toBe(`sha256:${createHash('sha256').update(r.payload).digest('hex')}`);
    }
  });

  it('keeps no cookie and no token: no cookie headers, no cookie value anywhere, tokens in URLs masked', async () => {
    const all = await records();
    expect(all.some((r) => /^(set-)?cookie:/im.test(r.headers))).toBe(false);
    const text = gunzipSync(await readFile(warc)).toString('utf8');
    const cookieValues = (await readFile(join(ROOT, 'fixtures/demo/cookies.txt'), 'utf8'))
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t')[6]!.trim());
    expect(cookieValues.length).toBeGreaterThan(0);
    for (const value of cookieValues) expect(text).not.toContain(value);
    const douyin = all.filter((r) => r.uri?.includes('douyin.com/aweme'));
    expect(douyin.length).toBeGreaterThan(0);
    for (const r of douyin) expect(r.uri).not.toMatch(/msToken=(?!\*\*\*)/);
  });

  it('names, for each account, the WARC file and the records behind its verdict', async () => {
    const ids = new Set((await records()).map((r) => r.id));
    // Nothing is asked for a 视频号, nor, without a bridge, for a WeChat account given by its __biz alone.
    const fetched = original.accounts.filter((a) => a.platform !== 'wechat-channels' && !(a.platform === 'wechat-mp' && isBiz(a.id)));
    for (const account of fetched) {
      expect(account.evidence, `${account.platform}:${account.id}`).not.toBeNull();
      expect(account.evidence!.warc).toBe(original.archive!.file);
      for (const id of account.evidence!.records) expect(ids.has(id)).toBe(true);
    }
  });

  it('opens in webrecorder’s warcio indexer, a standard web-archive tool', async () => {
    const cli = join(ROOT, 'node_modules/warcio/dist/cli.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'index', warc, '--fields', 'warc-type,warc-target-uri'], { maxBuffer: 64 << 20 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines.length).toBe((await records()).length);
    expect(lines.some((l) => l['warc-type'] === 'response' && l['warc-target-uri']?.startsWith('https://api.bilibili.com/'))).toBe(true);
  });
});

describe('--replay', () => {
  it('reproduces the original verdicts with no network at all, at the archived audit instant', async () => {
    const result = await runCli(['--config', DEMO_CONFIG, 'scan', DEMO_LIST, '--rsshub', rsshub, '--replay', warc, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const replayed = JSON.parse(result.stdout) as JsonReport;
    expect(replayed.now).toBe(NOW);
    expect(verdicts(replayed)).toEqual(verdicts(original));
    expect(replayed.archive).toEqual({ file: original.archive!.file, replayed: true });
    const byKey = new Map(original.accounts.map((a) => [`${a.platform}:${a.id}`, a]));
    for (const account of replayed.accounts.filter((a) => a.evidence)) {
      expect(account.evidence!.records.every((id) => byKey.get(`${account.platform}:${account.id}`)!.evidence!.records.includes(id))).toBe(true);
    }
  });

  it('refuses a file that is not a gov-audit archive, and --archive with --replay', async () => {
    const fake = join(dir, 'fake.warc.gz');
    await writeFile(fake, 'not a warc');
    const bad = await runCli(['scan', DEMO_LIST, '--replay', fake]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(`WARC archive ${fake}`);
    const both = await runCli(['scan', DEMO_LIST, '--replay', warc, '--archive', dir]);
    expect(both.code).toBe(3);
    expect(both.stderr).toContain('--replay and --archive');
  });
});

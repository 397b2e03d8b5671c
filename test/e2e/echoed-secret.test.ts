import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/server.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { secretForms } from '../helpers/secret-forms.js';

/** unzipper ships no types: only what the test uses. */
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { buffer(data: Buffer): Promise<{ files: { buffer(): Promise<Buffer> }[] }> };
};

/** A login cookie as a browser exports it: characters that JSON, percent-encoding and HTML each write differently. */
const SECRET = 'S3cr3t<&>Cookie/Val+42=';
const NOW = '2026-11-20T10:00:00+08:00';

/**
 * Bilibili, played by the simulator behind a loopback proxy that echoes the
 * request's login cookie into every `name` the answer holds: plain, JSON
 * \u-escaped (read back as plain), escaped twice (read back as `\u0053…`)
 * and percent-encoded.
 */
async function echoingProxy(target: string) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          let text = Buffer.concat(body).toString('utf8');
          const cookie = /SESSDATA=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
          if (cookie && /json/.test(String(answer.headers['content-type']))) {
            const forms = secretForms(cookie);
            const echoed = `${JSON.stringify(cookie).slice(1, -1)} ${forms.jsonU} ${JSON.stringify(forms.jsonU).slice(1, -1)} ${forms.percent}`;
            text = text.replace(/("name"\s*:\s*)"[^"]*"/g, `$1"${echoed}"`);
          }
          const headers = { ...answer.headers };
          delete headers['content-length'];
          delete headers['content-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers).end(text);
        });
      });
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Every text a file holds: a .gz decompressed, a workbook's parts unzipped. */
async function textsOf(path: string): Promise<string[]> {
  const bytes = await readFile(path);
  if (path.endsWith('.gz')) return [gunzipSync(bytes).toString('utf8')];
  if (/\.(xlsx|docx)$/.test(path)) {
    const zip = await unzipper.Open.buffer(bytes);
    return Promise.all(zip.files.map(async (f) => (await f.buffer()).toString('utf8')));
  }
  return [bytes.toString('utf8'), bytes.toString('latin1')];
}

describe('a cookie a platform echoes back in a name', () => {
  let dir: string;
  let run: CliResult;
  let closeAll: () => Promise<void>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gov-audit-echo-'));
    const simulator = await startSimulator();
    const proxy = await echoingProxy(simulator.connectTo()[0]!.replace(/^[^=]*=/, ''));
    closeAll = async () => {
      await proxy.close();
      await simulator.close();
    };
    await writeFile(join(dir, 'list.csv'), '平台,账号,账号名称\nB站,400000001,江城发布\nB站,400000002,江城公安\n');
    await writeFile(join(dir, 'cookies.txt'), `# Netscape HTTP Cookie File\n.bilibili.com\tTRUE\t/\tFALSE\t0\tSESSDATA\t${SECRET}\n`);
    const outputs = ['json', 'csv', 'md', 'html', 'xlsx', 'ndjson', 'txt', 'docx'].flatMap((ext) => ['-o', join(dir, `report.${ext}`)]);
    run = await runCli([
      'scan', join(dir, 'list.csv'),
      '--connect-to', `*=${proxy.origin}`,
      '--cookies', join(dir, 'cookies.txt'),
      '--now', NOW, '--rate', '*=0/1', '--timeout', '5', '--retries', '0',
      '--archive', join(dir, 'warc'),
      '--journal', join(dir, 'scan.journal.ndjson'),
      '--cache', join(dir, 'cache.ndjson'),
      '--db', join(dir, 'history.sqlite'),
      '--group-by', 'platform',
      '-f', 'json',
      ...outputs,
    ]);
  }, 120_000);
  afterAll(async () => closeAll?.());

  it('was asked with the cookie and echoed it (the test proves something)', async () => {
    const warc = (await readdir(join(dir, 'warc'))).filter((f) => f.endsWith('.warc.gz'));
    expect(warc).toHaveLength(1);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { accounts: { platformName?: string | null }[] };
    expect(JSON.stringify(report)).toContain('***');
  });

  it('appears in no output, in no form: reports, journal, cache, history, WARC, terminal', async () => {
    expect([0, 1, 2], run.stderr).toContain(run.code);
    const files = (await readdir(dir, { recursive: true })).map((f) => join(dir, String(f))).filter((f) => !/cookies\.txt$|list\.csv$/.test(f));
    const written = files.filter((f) => /\.(json|csv|md|html|xlsx|ndjson|txt|docx|sqlite|gz)$/.test(f));
    expect(written.length).toBeGreaterThanOrEqual(12);
    const forms = Object.entries(secretForms(SECRET));
    const found: string[] = [];
    const look = (where: string, text: string) => {
      for (const [form, value] of forms) if (text.includes(value)) found.push(`${form} in ${where}`);
    };
    for (const file of written) for (const text of await textsOf(file).catch(() => [])) look(file, text);
    look('stdout', run.stdout);
    look('stderr', run.stderr);
    expect(found).toEqual([]);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openReplay } from '../../src/commands/evidence.js';
import { UsageError } from '../../src/errors.js';
import { DEFAULT_MAX_BODY_BYTES, ReplayLimitError, WarcReplay } from '../../src/fetch/replay.js';
import { warcInfo, warcRecord, warcResponse } from '../helpers/hostile-files.js';

/**
 * Issue #30, item 2: `--replay` holds a record to the cap the live route puts
 * on an answer (5 MB decoded): a record encoded to expand far beyond it, or
 * stored larger than it, stops the read with a clear error, before it is held.
 */

async function archiveOf(...records: Buffer[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-replay-limits-'));
  const path = join(dir, 'scan.warc.gz');
  await writeFile(path, Buffer.concat(records));
  return path;
}

const URL_ = 'https://api.bilibili.com/x/space/acc/info?mid=1';
const request = warcRecord({ 'WARC-Type': 'request', 'WARC-Target-URI': URL_, 'WARC-Record-ID': '<urn:uuid:req-1>', 'Content-Type': 'application/http; msgtype=request' }, Buffer.from('GET /x/space/acc/info?mid=1 HTTP/1.1\r\nHost: api.bilibili.com\r\n\r\n'));
/** 16 MB of JSON-ish text, which packs to some 16 KB: three times the cap. */
const bomb = () => Buffer.alloc(16 * 1024 * 1024, ' ');

describe('a replayed record encoded to expand past the live cap', () => {
  for (const [encoding, encode] of [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const) {
    it(`(${encoding}) stops the replay with the cap it passed`, async () => {
      const packed = encode(bomb());
      expect(packed.length).toBeLessThan(2 * 1024 * 1024);
      const path = await archiveOf(warcInfo(), request, warcResponse(URL_, packed, encoding));
      const error = await WarcReplay.open(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReplayLimitError);
      expect(error).toMatchObject({ limit: 'body', max: DEFAULT_MAX_BODY_BYTES });
    });
  }

  it('(br, which the WARC reader leaves encoded) is served as stored, never expanded', async () => {
    const packed = brotliCompressSync(bomb());
    const replay = await WarcReplay.open(await archiveOf(warcInfo(), request, warcResponse(URL_, packed, 'br')));
    const answer = await replay.transport({ method: 'GET', url: URL_, headers: {} } as never);
    expect(answer.body.length).toBeLessThanOrEqual(packed.length);
  });

  it('is said in both languages by --replay, exit 3, naming the archive', async () => {
    const path = await archiveOf(warcInfo(), request, warcResponse(URL_, gzipSync(bomb()), 'gzip'));
    const en = await openReplay(path, 'en').catch((e: unknown) => e);
    expect(en).toBeInstanceOf(UsageError);
    expect((en as UsageError).exitCode).toBe(3);
    expect((en as Error).message).toContain(path);
    expect((en as Error).message).toContain('decodes to more than 5 MB');
    const zh = await openReplay(path, 'zh-CN').catch((e: unknown) => e);
    expect((zh as Error).message).toContain('解码后超过 5 MB');
  });

  it('is replayed when the cap is raised above it (maxResponseBytes)', async () => {
    const body = Buffer.from(JSON.stringify({ code: 0, data: { mid: 1, name: 'x'.repeat(100_000) } }));
    const path = await archiveOf(warcInfo(), request, warcResponse(URL_, gzipSync(body), 'gzip'));
    await expect(openReplay(path, 'en', 50_000)).rejects.toThrow(/decodes to more than/);
    const replay = await openReplay(path, 'en', 1_000_000);
    const answer = await replay.transport({ method: 'GET', url: URL_, headers: {} } as never);
    expect(JSON.parse(answer.body).data.mid).toBe(1);
  });
});

describe('a replayed record larger than the live cap as stored', () => {
  it('is refused from its header, before its content is read', async () => {
    // The header says 400 MB; the bytes are never read, so the record need not hold them.
    const path = await archiveOf(warcInfo(), request, warcRecord({ 'WARC-Type': 'response', 'WARC-Target-URI': URL_, 'Content-Type': 'application/http; msgtype=response' }, Buffer.from('HTTP/1.1 200 OK\r\n\r\n{}'), 400 * 1024 * 1024));
    const error = await WarcReplay.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayLimitError);
    expect(error).toMatchObject({ limit: 'record', max: DEFAULT_MAX_BODY_BYTES + 1024 * 1024 });
    expect(((await openReplay(path, 'en').catch((e: unknown) => e)) as Error).message).toContain('a record is larger than 6 MB');
  });
});

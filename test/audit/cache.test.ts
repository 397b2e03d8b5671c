import { appendFile, mkdir, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { proven } from '../helpers/proof.js';
import { ResultCache } from '../../src/audit/cache.js';
import { recordToLine, type ObservationRecord } from '../../src/audit/record.js';

const HOUR = 3_600_000;
const MAX_AGE = 12 * HOUR;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);
const found = (key: string, name = key, checkedAt = hoursAgo(1)): ObservationRecord => ({
  key,
  checkedAt,
  observation: proven({ kind: 'found', profile: { name }, posts: [] }, key),
});
const missing = (key: string, checkedAt = hoursAgo(1)): ObservationRecord => ({
  key,
  checkedAt,
  observation: proven({ kind: 'missing', reason: 'missing', detail: 'no such user' }, key),
});
const blocked = (key: string): ObservationRecord => ({ key, checkedAt: hoursAgo(1), observation: { kind: 'unknown', reason: 'blocked', detail: 'captcha' } });

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gov-audit-cache-'));
}

/** The keys of the cache file's records, in file order: what the next run will find. */
async function keysIn(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { key: string }).key);
}

describe('the result cache', () => {
  it('never reuses an answer without the facts a verdict needs, nor a record dated after now', async () => {
    const path = join(await folder(), 'cache.ndjson');
    const first = await ResultCache.load(path, MAX_AGE);
    first.put({ key: 'bilibili:5', checkedAt: hoursAgo(1), observation: { kind: 'found', profile: { name: 'x' }, posts: [] } });
    first.put({ key: 'bilibili:6', checkedAt: hoursAgo(1), observation: { kind: 'missing', reason: 'missing', detail: 'HTTP 404' } });
    // A record dated in the future (written by a wrong clock, or forged into the file).
    first.put(found('bilibili:7', 'x', hoursAgo(-2)));
    expect(first.get('bilibili:5')).toBeUndefined();
    expect(first.get('bilibili:6')).toBeUndefined();
    await first.save();
    expect(await keysIn(path)).toEqual(['bilibili:7']);
    // The next run neither uses it nor carries it forward, whatever --max-age says.
    const second = await ResultCache.load(path, 1000 * MAX_AGE);
    expect(second.get('bilibili:7')).toBeUndefined();
    await second.save();
    expect(await keysIn(path)).toEqual([]);
  });

  it('hands a verdict from one run to the next, and never an unverified answer', async () => {
    const path = join(await folder(), 'sub', 'cache.ndjson');
    const first = await ResultCache.load(path, MAX_AGE);
    expect(first.get('bilibili:1')).toBeUndefined();
    first.put(found('bilibili:1', '江城发布'));
    first.put(missing('bilibili:2'));
    first.put(blocked('bilibili:3'));
    first.put({ ...found('bilibili:4'), observation: { ...found('bilibili:4').observation, datesUnknown: { reason: 'blocked', detail: 'posts hidden' } } } as ObservationRecord);
    // Within the run, what was just learned is known.
    expect(first.get('bilibili:1')).toEqual(found('bilibili:1', '江城发布', first.get('bilibili:1')!.checkedAt));
    expect(first.get('bilibili:3')).toBeUndefined();
    await first.save();
    expect(await keysIn(path)).toEqual(['bilibili:1', 'bilibili:2']);

    const second = await ResultCache.load(path, MAX_AGE);
    expect(second.get('bilibili:1')?.observation).toEqual(found('bilibili:1', '江城发布').observation);
    expect(second.get('bilibili:2')?.observation.kind).toBe('missing');
    expect(second.get('bilibili:3')).toBeUndefined();
    expect(second.get('bilibili:4')).toBeUndefined();
    await second.save();
    expect(await keysIn(path)).toEqual(['bilibili:1', 'bilibili:2']);
  });

  it('lets a verdict older than --max-age go: not reused, not kept', async () => {
    const path = join(await folder(), 'cache.ndjson');
    await writeFile(path, [found('bilibili:1', 'old', hoursAgo(13)), found('bilibili:2', 'young', hoursAgo(11))].map(recordToLine).join(''));
    const cache = await ResultCache.load(path, MAX_AGE);
    expect(cache.get('bilibili:1')).toBeUndefined();
    expect(cache.get('bilibili:2')?.observation).toEqual(found('bilibili:2', 'young').observation);
    await cache.save();
    expect(await keysIn(path)).toEqual(['bilibili:2']);
  });

  it('keeps one record an account: this run’s over the earlier one, and the earlier file’s latest over its older lines', async () => {
    const path = join(await folder(), 'cache.ndjson');
    // Two lines for one account (a cache written by hand, or by an older version): the later wins.
    await writeFile(path, [found('bilibili:1', 'first'), found('bilibili:2', 'earlier'), found('bilibili:1', 'second')].map(recordToLine).join(''));
    const cache = await ResultCache.load(path, MAX_AGE);
    expect(cache.get('bilibili:1')?.observation).toEqual(found('bilibili:1', 'second').observation);
    cache.put(found('bilibili:2', 'again'));
    expect(cache.get('bilibili:2')?.observation).toEqual(found('bilibili:2', 'again').observation);
    await cache.save();
    expect(await keysIn(path)).toEqual(['bilibili:2', 'bilibili:1']);
    const next = await ResultCache.load(path, MAX_AGE);
    expect(next.get('bilibili:1')?.observation).toEqual(found('bilibili:1', 'second').observation);
    expect(next.get('bilibili:2')?.observation).toEqual(found('bilibili:2', 'again').observation);
    await next.discard();
  });

  it('passes over blank lines, lines that are not records, and a last line cut by a crash', async () => {
    const path = join(await folder(), 'cache.ndjson');
    await writeFile(path, `\n{"type":"header","tool":"gov-audit"}\n${recordToLine(found('bilibili:1'))}not json\n`);
    await appendFile(path, recordToLine(found('bilibili:2')).slice(0, 40));
    const cache = await ResultCache.load(path, MAX_AGE);
    expect(cache.get('bilibili:1')).toBeDefined();
    expect(cache.get('bilibili:2')).toBeUndefined();
    await cache.save();
    expect(await keysIn(path)).toEqual(['bilibili:1']);
  });

  it('leaves the earlier cache untouched, and no file of its own, when a run ends without saving', async () => {
    const dir = await folder();
    const path = join(dir, 'cache.ndjson');
    const before = recordToLine(found('bilibili:1'));
    await writeFile(path, before);
    const cache = await ResultCache.load(path, MAX_AGE);
    cache.put(found('bilibili:2'));
    await cache.discard();
    await cache.save();
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['cache.ndjson']);
  });

  it('carries forward the cache it started from, even when another run has replaced the file meanwhile', async () => {
    const dir = await folder();
    const path = join(dir, 'cache.ndjson');
    await writeFile(path, [found('bilibili:1', '江城发布'), found('bilibili:2', '江城公安')].map(recordToLine).join(''));
    const cache = await ResultCache.load(path, MAX_AGE);
    // A shard sharing the cache finished first and put its own file in place.
    await writeFile(join(dir, 'other'), recordToLine(found('bilibili:9', 'x'.repeat(40))));
    await rename(join(dir, 'other'), path);
    cache.put(found('bilibili:3'));
    await cache.save();
    expect(await keysIn(path)).toEqual(['bilibili:3', 'bilibili:1', 'bilibili:2']);
    const next = await ResultCache.load(path, MAX_AGE);
    expect(next.get('bilibili:2')?.observation).toEqual(found('bilibili:2', '江城公安').observation);
    await next.discard();
  });

  it('takes a verdict exactly --max-age old as still fresh', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-20T12:00:00Z'));
      const path = join(await folder(), 'cache.ndjson');
      await writeFile(path, [found('bilibili:1', 'edge', new Date('2026-11-20T00:00:00Z')), found('bilibili:2', 'past', new Date('2026-11-19T23:59:59.999Z'))].map(recordToLine).join(''));
      const cache = await ResultCache.load(path, MAX_AGE);
      expect(cache.get('bilibili:1')?.observation).toEqual(found('bilibili:1', 'edge').observation);
      expect(cache.get('bilibili:2')).toBeUndefined();
      await cache.save();
      expect(await keysIn(path)).toEqual(['bilibili:1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is ended once: the scan saves it, then discards it on its way out, and the file stays saved', async () => {
    const dir = await folder();
    const path = join(dir, 'cache.ndjson');
    await writeFile(path, recordToLine(found('bilibili:1')));
    const cache = await ResultCache.load(path, MAX_AGE);
    cache.put(found('bilibili:2'));
    await cache.save();
    // A second close of either file would fail, or close a descriptor some other file has been given since.
    await expect(cache.discard()).resolves.toBeUndefined();
    await expect(cache.save()).resolves.toBeUndefined();
    expect(await keysIn(path)).toEqual(['bilibili:2', 'bilibili:1']);
    expect(await readdir(dir)).toEqual(['cache.ndjson']);
  });

  it('refuses a cache it cannot read, rather than start over and replace it', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'a-file'), 'not a folder');
    await expect(ResultCache.load(join(dir, 'a-file', 'cache.ndjson'), MAX_AGE)).rejects.toThrow(/ENOTDIR/);
    await mkdir(join(dir, 'a-folder'));
    await expect(ResultCache.load(join(dir, 'a-folder'), MAX_AGE)).rejects.toThrow(/EISDIR/);
  });

  it('writes no file for a run refused before its first account', async () => {
    const dir = await folder();
    const cache = await ResultCache.load(join(dir, 'cache.ndjson'), MAX_AGE);
    await cache.discard();
    expect(await readdir(dir)).toEqual([]);
  });

  it('carries thousands of records across, Chinese names and all, leaving only the cache file behind', async () => {
    const dir = await folder();
    const path = join(dir, 'cache.ndjson');
    // Some 3 MB: the copy crosses its 1 MiB blocks and the 64 KiB chunks the file is read in; names take 3 bytes a character.
    const name = (i: number) => `江城市第${i}人民医院官方账号`.repeat(1 + (i % 9));
    await writeFile(path, Array.from({ length: 6000 }, (_, i) => recordToLine(found(`douyin:${i}`, name(i)))).join(''));
    const cache = await ResultCache.load(path, MAX_AGE);
    for (let i = 5990; i < 6010; i++) cache.put(found(`douyin:${i}`, `${name(i)}（本次）`));
    await cache.save();
    expect(await readdir(dir)).toEqual(['cache.ndjson']);
    const next = await ResultCache.load(path, MAX_AGE);
    for (let i = 0; i < 6010; i++) {
      expect(next.get(`douyin:${i}`)?.observation, `douyin:${i}`).toEqual(found(`douyin:${i}`, i < 5990 ? name(i) : `${name(i)}（本次）`).observation);
    }
    await next.discard();
    expect((await keysIn(path)).length).toBe(6010);
  });
});

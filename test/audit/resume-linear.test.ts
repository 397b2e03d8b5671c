import { closeSync, openSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { readJournal, resumedRecord } from '../../src/audit/journal.js';
import { recordToLine } from '../../src/audit/record.js';
import { linesOf } from '../../src/audit/record-file.js';
import { proven } from '../helpers/proof.js';

/**
 * Issue #30, item 7: `--resume` of a journal holding millions of posts read in
 * linear time. Wall time is never asserted (the machine is busy): the work is
 * counted instead, as the bytes copied to join a line's pieces, for a journal
 * and for one four times its size. Joining piece by piece, as before, copied
 * a long line once per 64 KB chunk: four times the posts cost sixteen times
 * the work.
 */

const header = { type: 'header', tool: 'gov-audit', version: '0.0.0-test', startedAt: '2026-11-20T02:00:00.000Z', now: '2026-11-20T02:00:00.000Z', thresholds: DEFAULT_THRESHOLDS, files: ['list.csv'] };

function recordLine(key: string, posts: number): string {
  const list = Array.from({ length: posts }, (_, i) => ({ id: String(1_000_000 + i), at: new Date(Date.UTC(2026, 0, 1) + i * 60_000), pinned: false }));
  return recordToLine({ key, checkedAt: new Date('2026-11-20T01:00:00Z'), observation: proven({ kind: 'found' as const, profile: { name: key }, posts: list }, key) });
}

async function journalFile(lines: string[]): Promise<{ path: string; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-resume-linear-'));
  const path = join(dir, 'scan.journal.ndjson');
  const text = `${JSON.stringify(header)}\n${lines.join('')}`;
  await writeFile(path, text);
  return { path, bytes: Buffer.byteLength(text) };
}

/** Reads the journal back as --resume does, counting the bytes copied to join lines. */
async function resumeWork(path: string): Promise<{ copied: number; records: number; posts: (key: string) => number | undefined }> {
  let copied = 0;
  const concat = Buffer.concat.bind(Buffer);
  const spy = vi.spyOn(Buffer, 'concat').mockImplementation((list: readonly Uint8Array[], totalLength?: number) => {
    const joined = concat(list, totalLength);
    copied += joined.length;
    return joined;
  });
  try {
    const { records } = await readJournal(path);
    const posts = (key: string) => {
      const record = records.get(key);
      return record?.observation.kind === 'found' ? record.observation.posts.length : undefined;
    };
    return { copied, records: records.size, posts };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('--resume reads its journal in linear time', () => {
  it('when one record holds a great many posts (one line over many chunks)', async () => {
    const small = await journalFile([recordLine('bilibili:1', 10_000), recordLine('bilibili:2', 3)]);
    const large = await journalFile([recordLine('bilibili:1', 40_000), recordLine('bilibili:2', 3)]);
    const n = await resumeWork(small.path);
    const n4 = await resumeWork(large.path);
    expect(n.posts('bilibili:1')).toBe(10_000);
    expect(n4.posts('bilibili:1')).toBe(40_000);
    expect(n4.posts('bilibili:2')).toBe(3);
    // Each byte of a line is copied at most once to join it: never more than the file itself.
    expect(n.copied).toBeLessThanOrEqual(small.bytes);
    expect(n4.copied).toBeLessThanOrEqual(large.bytes);
    // Four times the posts, about four times the work (sixteen, when it was quadratic).
    expect(n4.copied / n.copied).toBeLessThan(4.5);
  });

  it('when it holds many records of ordinary size', async () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => recordLine(`bilibili:${i + 1}`, 30));
    const small = await journalFile(lines(500));
    const large = await journalFile(lines(2_000));
    const n = await resumeWork(small.path);
    const n4 = await resumeWork(large.path);
    expect(n.records).toBe(500);
    expect(n4.records).toBe(2_000);
    expect(n4.posts('bilibili:2000')).toBe(30);
    expect(n4.copied).toBeLessThanOrEqual(large.bytes);
    expect(n4.copied / Math.max(n.copied, 1)).toBeLessThan(4.5);
  });
});

describe('a journal line longer than any record gov-audit writes', () => {
  it('is passed over without being held, and the lines around it are read', async () => {
    const { path } = await journalFile(['{"a":1}\n', `${'x'.repeat(300_000)}\n`, '{"b":2}\n', 'y'.repeat(200_000)]);
    const fd = openSync(path, 'r');
    const seen: { text: string; offset: number }[] = [];
    let longest = 0;
    try {
      for await (const { line, offset } of linesOf(fd, 100_000)) {
        longest = Math.max(longest, line.length);
        seen.push({ text: line.toString('utf8', 0, 20), offset });
      }
    } finally {
      closeSync(fd);
    }
    const headerBytes = JSON.stringify(header).length + 1;
    expect(seen.map((s) => s.text)).toEqual([JSON.stringify(header).slice(0, 20), '{"a":1}', '{"b":2}']);
    expect(seen[2]!.offset).toBe(headerBytes + 8 + 300_001);
    expect(longest).toBeLessThanOrEqual(100_000);
  });

  it('leaves its account to be checked again, the other records resumed', async () => {
    const { path } = await journalFile([recordLine('bilibili:1', 3), `${recordLine('bilibili:2', 3).slice(0, -1)}${' '.repeat(17 * 1024 * 1024)}\n`, recordLine('bilibili:3', 3)]);
    const { records, posts } = await resumeWork(path);
    expect(records).toBe(2);
    expect(posts('bilibili:1')).toBe(3);
    expect(posts('bilibili:2')).toBeUndefined();
    expect(posts('bilibili:3')).toBe(3);
  });
});

describe('a journal record dated after the resuming run started', () => {
  it('is never carried forward (forged, or from a wrong clock): its account is checked again', async () => {
    const future = recordToLine({ key: 'bilibili:2', checkedAt: new Date('2099-01-01T00:00:00Z'), observation: proven({ kind: 'found' as const, profile: { name: 'x' }, posts: [] }, 'bilibili:2') });
    const { path } = await journalFile([recordLine('bilibili:1', 3), future]);
    const contents = await readJournal(path);
    const startedAt = new Date('2026-11-20T03:00:00Z');
    expect(resumedRecord(contents, 'bilibili:1', startedAt)?.key).toBe('bilibili:1');
    expect(contents.records.get('bilibili:2')).toBeDefined();
    expect(resumedRecord(contents, 'bilibili:2', startedAt)).toBeUndefined();
    expect(resumedRecord(undefined, 'bilibili:1', startedAt)).toBeUndefined();
    contents.records.close();
  });
});

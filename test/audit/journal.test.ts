import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../src/audit/journal.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';

const header = { type: 'header' as const, tool: 'gov-audit' as const, version: '0.0.0-test', startedAt: '2026-11-20T02:00:00.000Z', now: '2026-11-20T02:00:00.000Z', thresholds: DEFAULT_THRESHOLDS, files: ['list.csv'] };
const record = (key: string) => ({ key, checkedAt: new Date('2026-11-20T02:00:00Z'), observation: { kind: 'found' as const, profile: { name: key }, posts: [] } });

describe('the journal after a crash', () => {
  it('keeps every whole record when a crash cut the last line, and the resumed scan’s records after it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'gov-audit-journal-')), 'scan.journal.ndjson');
    const journal = await Journal.create(path, header);
    journal.append(record('bilibili:1'));
    await journal.close();
    // kill -9 in the middle of a line: half a record, no newline.
    await appendFile(path, '{"key":"bilibili:2","checkedAt":"2026-11-');
    const resumed = await Journal.reopen(path);
    resumed.append(record('bilibili:3'));
    await resumed.close();
    const { records } = await readJournal(path);
    expect(records.size).toBe(2);
    expect(records.get('bilibili:1')).toEqual(record('bilibili:1'));
    expect(records.get('bilibili:2')).toBeUndefined();
    expect(records.get('bilibili:3')).toEqual(record('bilibili:3'));
    records.close();
  });
});

describe('a long journal read back', () => {
  it('finds every record by its key, Chinese text and lines across read chunks included, the latest record of a key winning', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'gov-audit-journal-')), 'long.journal.ndjson');
    const journal = await Journal.create(path, header);
    // Some 600 KB: lines cross the 64 KiB chunks the file is read in, and their names take 3 bytes a character.
    const named = (i: number, name: string) => ({ ...record(`douyin:${i}`), observation: { kind: 'found' as const, profile: { name, followers: i }, posts: [] } });
    for (let i = 0; i < 2000; i++) journal.append(named(i, `江城市第${i}人民医院官方账号`.repeat(1 + (i % 7))));
    journal.append(named(7, '江城发布（再次检查）'));
    await journal.close();
    const { header: read, records } = await readJournal(path);
    expect(read).toEqual(header);
    expect(records.size).toBe(2000);
    for (let i = 0; i < 2000; i++) {
      const expected = i === 7 ? '江城发布（再次检查）' : `江城市第${i}人民医院官方账号`.repeat(1 + (i % 7));
      expect(records.get(`douyin:${i}`), `douyin:${i}`).toEqual(named(i, expected));
    }
    expect(records.get('douyin:2000')).toBeUndefined();
    records.close();
  });
});

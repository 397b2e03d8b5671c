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
    expect([...records.keys()]).toEqual(['bilibili:1', 'bilibili:3']);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { changeOf, countChanges, inferSilence, type EarlierObservation } from '../../src/audit/changes.js';
import { classify, emptyFinding } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS, type Finding } from '../../src/audit/finding.js';
import { Journal, JournalError, readJournal } from '../../src/audit/journal.js';
import { isAtLeastAsBadAs, isStatus, type Status } from '../../src/audit/status.js';
import { DAY_MS } from '../../src/audit/time.js';
import { proven } from '../helpers/proof.js';

/*
 * The rules between an observation and what a user reads: the edges of each
 * one, where a one-token change of the code would change a verdict, a date
 * or an exit code.
 */

const NOW = new Date('2026-12-20T10:00:00+08:00');
const account: Account = { key: 'bilibili:1', platform: 'bilibili', id: '1', url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const finding = (status: Status, extra: Partial<Finding> = {}): Finding => ({ ...emptyFinding(account, NOW), status, reason: null, detail: null, ...extra });
const run = (days: number, status: Status, postCount: number | null = null): EarlierObservation => ({ runNow: daysAgo(days), status, postCount, countClean: postCount !== null });
const found = (dates: number[], postCount?: number) => ({
  kind: 'found' as const,
  profile: { name: '江城发布', followers: 10, ...(postCount === undefined ? {} : { postCount }) },
  posts: dates.map((d, i) => ({ id: String(i), at: daysAgo(d), pinned: false })),
});

describe('--fail-on: which statuses are as bad as the one named', () => {
  it.each([
    ['zombie', 'zombie', true],
    ['zombie', 'inactive', true],
    ['inactive', 'inactive', true],
    ['inactive', 'zombie', false],
    ['not-found', 'inactive', false],
    ['not-found', 'not-found', true],
    ['active', 'not-found', false],
    ['active', 'active', true],
    // Unverified says nothing of the account: it matches only itself.
    ['unverified', 'active', false],
    ['unverified', 'unverified', true],
    ['zombie', 'unverified', false],
    ['unverified', 'zombie', false],
  ] as const)('%s against --fail-on %s: %s', (status, threshold, fails) => {
    expect(isAtLeastAsBadAs(status, threshold)).toBe(fails);
  });

  it('knows a status code from any other word', () => {
    expect(isStatus('zombie')).toBe(true);
    expect(isStatus('dead')).toBe(false);
  });
});

describe('the change since the previous audit, at its edges', () => {
  it('names the verdict and the audit compared with, and none for a new account', () => {
    expect(changeOf(finding('active'), [run(30, 'zombie')], NOW, DEFAULT_THRESHOLDS)).toMatchObject({ previousStatus: 'zombie', previousAt: daysAgo(30) });
    expect(changeOf(finding('active'), [], NOW, DEFAULT_THRESHOLDS)).toEqual({ kind: 'new', previousStatus: null, previousAt: null, since: null });
  });

  it('gives a "since" only to zombie and inactive accounts', () => {
    for (const status of ['active', 'not-found', 'unverified'] as const) {
      expect(changeOf(finding(status, { lastPostAt: daysAgo(100) }), [run(30, status)], NOW, DEFAULT_THRESHOLDS).since).toBeNull();
    }
  });

  it('dates an inactive account from its last post plus the inactive line, a zombie plus the zombie line', () => {
    expect(changeOf(finding('inactive', { lastPostAt: daysAgo(20) }), [], NOW, DEFAULT_THRESHOLDS).since).toEqual(daysAgo(6));
    expect(changeOf(finding('zombie', { lastPostAt: daysAgo(100) }), [], NOW, DEFAULT_THRESHOLDS).since).toEqual(daysAgo(10));
  });

  it('dates an inferred silence from the audit since which the count stood, and no other reason’s', () => {
    // Count standing since 130 days ago, plus the 90-day zombie line: 40 days ago, not the 30 of the runs.
    const inferred = finding('zombie', { reason: 'silent-inferred', silentSince: daysAgo(130) });
    expect(changeOf(inferred, [run(30, 'zombie')], NOW, DEFAULT_THRESHOLDS).since).toEqual(daysAgo(40));
    // A silentSince on another reason is not read: the run of zombie verdicts decides.
    const other = finding('zombie', { reason: 'never-posted', silentSince: daysAgo(150) });
    expect(changeOf(other, [run(30, 'zombie'), run(60, 'active')], NOW, DEFAULT_THRESHOLDS).since).toEqual(daysAgo(30));
  });

  it('counts each kind of change, and nothing for accounts without one', () => {
    const counts = countChanges([
      { ...finding('zombie'), change: { kind: 'newly-zombie', previousStatus: 'active', previousAt: null, since: null } },
      { ...finding('zombie'), change: { kind: 'newly-zombie', previousStatus: 'active', previousAt: null, since: null } },
      { ...finding('active'), change: { kind: 'revived', previousStatus: 'zombie', previousAt: null, since: null } },
      finding('active'),
    ]);
    expect(counts).toEqual({ new: 0, 'newly-zombie': 2, 'newly-inactive': 0, 'newly-not-found': 0, revived: 1, unverified: 0, unchanged: 0, renamed: 0, 'verification-changed': 0 });
  });
});

describe('silence inferred from a post count', () => {
  it('leaves the account as it was without an audit to date the count from', () => {
    const unverified = finding('unverified', { reason: 'no-dates', postCount: 12 });
    expect(inferSilence(unverified, undefined, NOW, DEFAULT_THRESHOLDS)).toBe(unverified);
  });

  it('says where the inference comes from, with the platform’s own detail after it, and no dangling separator', () => {
    const bare = inferSilence(finding('unverified', { reason: 'no-dates', postCount: 12 }), daysAgo(40), NOW, DEFAULT_THRESHOLDS);
    expect(bare.detail).toBe('post count 12 unchanged since the audit of 2026-11-10T10:00:00+08:00');
    const told = inferSilence(finding('unverified', { reason: 'no-dates', postCount: 12, detail: 'no dates in the answer' }), daysAgo(40), NOW, DEFAULT_THRESHOLDS);
    expect(told.detail).toBe('post count 12 unchanged since the audit of 2026-11-10T10:00:00+08:00; no dates in the answer');
  });
});

describe('classification at its edges', () => {
  const judge = (observation: Parameters<typeof classify>[1]) => classify(account, proven(observation, account.id), NOW, DEFAULT_THRESHOLDS, NOW);

  it('counts the posts of the last 30 days, the 30th day included', () => {
    expect(judge(found([1, 30, 31])).postsInLast30Days).toBe(2);
  });

  it('gives the longest gap between posts, and none for a single post', () => {
    expect(judge(found([1, 11, 14])).longestGapDays).toBe(10);
    expect(judge(found([1, 3])).longestGapDays).toBe(2);
    expect(judge(found([1])).longestGapDays).toBeNull();
  });

  it('keeps the name the platform gave, and none when it gave none', () => {
    expect(judge(found([1])).platformName).toBe('江城发布');
    expect(judge({ kind: 'found', profile: {}, posts: [{ id: '1', at: daysAgo(1), pinned: false }] }).platformName).toBeNull();
  });

  it('never calls an account that answered with a profile not-found, and a found one with posts is judged by them', () => {
    expect(judge(found([1])).status).toBe('active');
    expect(judge(found([20])).status).toBe('inactive');
    expect(judge(found([91])).status).toBe('zombie');
    expect(judge(found([], 0))).toMatchObject({ status: 'zombie', reason: 'never-posted' });
    expect(judge(found([], 3))).toMatchObject({ status: 'unverified', reason: 'contradictory' });
  });
});

describe('the journal read back by --resume', () => {
  const header = { type: 'header' as const, tool: 'gov-audit' as const, version: '0', startedAt: NOW.toISOString(), now: NOW.toISOString(), thresholds: DEFAULT_THRESHOLDS, files: ['l.csv'] };

  it('refuses a file that is not a gov-audit journal, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-rules-'));
    for (const [name, text] of [
      ['empty', ''],
      ['record-first', '{"type":"observation","key":"bilibili:1"}\n'],
      ['null-first', 'null\n'],
      ['text', 'platform,account\nbilibili,1\n'],
      ['other-tool', '{"type":"header","tool":"other"}\n'],
      ['not-a-header', '{"type":"observation","tool":"gov-audit"}\n'],
    ] as const) {
      const path = join(dir, `${name}.ndjson`);
      await writeFile(path, text);
      await expect(readJournal(path), name).rejects.toThrow(JournalError);
      await expect(readJournal(path), name).rejects.toThrow(`${path}: not a gov-audit journal`);
    }
    await expect(readJournal(join(dir, 'missing.ndjson'))).rejects.toThrow(JournalError);
    // A folder opens, and fails only when read: the system's reason is given.
    await expect(readJournal(dir)).rejects.toThrow(JournalError);
    await expect(readJournal(dir)).rejects.toThrow(/not a file|EISDIR/);
  });

  it('skips lines that are not records, keeps the rest, and closes its file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'gov-audit-rules-')), 'j.ndjson');
    const journal = await Journal.create(path, header);
    journal.append({ key: 'bilibili:1', checkedAt: NOW, observation: { kind: 'missing', reason: 'missing', detail: 'code -404' } });
    await journal.close();
    // A closed journal's descriptor is released: writing to it again fails.
    expect(() => journal.append({ key: 'bilibili:2', checkedAt: NOW, observation: { kind: 'missing', reason: 'missing', detail: '' } })).toThrow();
    // A blank line before the header, and a last record without its newline (a copy trimmed by an editor).
    await writeFile(path, `\n${JSON.stringify(header)}\n{"type":"note"}\n{"type":"observation","key":"bilibili:1","checkedAt":"${NOW.toISOString()}","observation":{"kind":"missing","reason":"missing","detail":"code -404"}}`);
    const { records } = await readJournal(path);
    expect(records.size).toBe(1);
    expect(records.get('bilibili:1')?.observation).toEqual({ kind: 'missing', reason: 'missing', detail: 'code -404' });
    records.close();
    // Closed, the records' file is released: reading from it again fails.
    expect(() => records.get('bilibili:1')).toThrow();
  });
});

describe('journal records', async () => {
  const { isReusable, recordFromJson, recordToLine } = await import('../../src/audit/record.js');
  const observation = { kind: 'found' as const, profile: { name: 'x' }, posts: [{ id: '1', at: daysAgo(1), pinned: true }] };

  it('round-trips a record through its line', () => {
    const line = recordToLine({ key: 'bilibili:1', checkedAt: NOW, observation });
    expect(line.endsWith('\n')).toBe(true);
    expect(recordFromJson(JSON.parse(line))).toEqual({ key: 'bilibili:1', checkedAt: NOW, observation });
  });

  it('refuses a line that is not a whole record', () => {
    const good = JSON.parse(recordToLine({ key: 'bilibili:1', checkedAt: NOW, observation }));
    for (const bad of [null, 7, { ...good, type: 'header' }, { ...good, key: 1 }, { ...good, checkedAt: 5 }, { ...good, checkedAt: 'soon' }, { ...good, observation: { kind: 'found' } }, { ...good, observation: null }]) {
      expect(recordFromJson(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('reuses a verdict, never a block, an undated account, or an answer without its proof, so the next run asks again', () => {
    expect(isReusable(proven({ kind: 'missing', reason: 'missing', detail: '' }, '1'))).toBe(true);
    expect(isReusable(proven(observation, '1'))).toBe(true);
    expect(isReusable({ kind: 'missing', reason: 'missing', detail: '' })).toBe(false);
    expect(isReusable(observation)).toBe(false);
    expect(isReusable({ kind: 'unknown', reason: 'blocked', detail: '' })).toBe(false);
    expect(isReusable({ ...observation, datesUnknown: { reason: 'blocked', detail: '' } })).toBe(false);
  });
});

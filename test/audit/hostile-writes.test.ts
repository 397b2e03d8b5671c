import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/audit/cache.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { Journal, JournalError, readJournal } from '../../src/audit/journal.js';
import { createFreshSync, partialName } from '../../src/audit/scratch-file.js';
import { writeBytes, writeReport } from '../../src/commands/io.js';
import { WarcArchive } from '../../src/fetch/archive.js';
import { UsageError } from '../../src/errors.js';
import { proven } from '../helpers/proof.js';
import { sampleReport } from '../helpers/report.js';

/**
 * Issue #30, item 4: a link planted where gov-audit writes (a report's
 * temporary file, the journal's predictable default name, the cache) is never
 * followed; a name already taken gets a fresh one; a failed write leaves no
 * `.partial` behind.
 */

const header = { type: 'header' as const, tool: 'gov-audit' as const, version: '0.0.0-test', startedAt: '2026-11-20T02:00:00.000Z', now: '2026-11-20T02:00:00.000Z', thresholds: DEFAULT_THRESHOLDS, files: ['list.csv'] };
const record = (key: string) => ({ key, checkedAt: new Date(Date.now() - 60_000), observation: proven({ kind: 'found' as const, profile: { name: key }, posts: [] }, key) });
const TARGET_TEXT = 'precious: not gov-audit’s to touch\n';

/** A folder to write in, and a file outside it that a planted link points at. */
async function setting(): Promise<{ dir: string; target: string }> {
  const root = await mkdtemp(join(tmpdir(), 'gov-audit-hostile-writes-'));
  const dir = join(root, 'out');
  await mkdir(dir);
  const target = join(root, 'outside.txt');
  await writeFile(target, TARGET_TEXT);
  return { dir, target };
}

const partials = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.partial'));
const isLink = async (path: string) => (await lstat(path)).isSymbolicLink();

describe('a report file', () => {
  it('never writes through a link planted at the old temporary name, and replaces a link at the report name without following it', async () => {
    const { dir, target } = await setting();
    const report = join(dir, 'report.json');
    await symlink(target, `${report}.partial`);
    await writeReport(sampleReport(), report, 'json', 'en');
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(report)).toBe(false);
    expect(JSON.parse(await readFile(report, 'utf8')).tool).toBe('gov-audit');
    // The planted link is the attacker's, left as it was; gov-audit's own temporary file is gone.
    expect(await partials(dir)).toEqual(['report.json.partial']);
    expect(await isLink(`${report}.partial`)).toBe(true);

    const linked = join(dir, 'linked.md');
    await symlink(target, linked);
    await writeReport(sampleReport(), linked, 'markdown', 'en');
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(linked)).toBe(false);
    expect(await readFile(linked, 'utf8')).toContain('# ');
  });

  it('writes the groups file of a CSV report the same way', async () => {
    const { dir, target } = await setting();
    const report = join(dir, 'report.csv');
    await symlink(target, join(dir, 'report.groups.csv'));
    await symlink(target, join(dir, 'report.groups.csv.partial'));
    await writeReport({ ...sampleReport(), groupBy: ['org'] }, report, 'csv', 'en');
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(join(dir, 'report.groups.csv'))).toBe(false);
    expect(await readFile(join(dir, 'report.groups.csv'), 'utf8')).toContain('\uFEFF');
  });

  it('that fails to be written ends in a clear error and leaves no .partial behind', async () => {
    const { dir, target } = await setting();
    // A folder where the report should go: the rename fails after the whole text was written.
    const taken = join(dir, 'report.json');
    await mkdir(taken);
    await expect(writeReport(sampleReport(), taken, 'json', 'en')).rejects.toThrow(UsageError);
    await expect(writeReport(sampleReport(), taken, 'json', 'en')).rejects.toThrow(/cannot write .*report\.json/);
    expect(await partials(dir)).toEqual([]);
    // A groups file that cannot go where it should, after its CSV was written.
    await mkdir(join(dir, 'grouped.groups.csv'));
    await expect(writeReport({ ...sampleReport(), groupBy: ['org'] }, join(dir, 'grouped.csv'), 'csv', 'en')).rejects.toThrow(/grouped\.groups\.csv/);
    expect(await partials(dir)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['grouped.csv', 'grouped.groups.csv', 'report.json']);
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
  });

  it('written whole from bytes (a template) follows no link either', async () => {
    const { dir, target } = await setting();
    const file = join(dir, 'accounts.csv');
    await symlink(target, `${file}.partial`);
    await writeBytes(file, Buffer.from('platform,url\r\n'), 'en');
    expect(await readFile(file, 'utf8')).toBe('platform,url\r\n');
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
  });
});

describe('a file created fresh', () => {
  it('takes a fresh name when the first is taken, by a link or a file, and never opens what was there', async () => {
    const { dir, target } = await setting();
    const names = [join(dir, 'a.partial'), join(dir, 'b.partial'), join(dir, 'c.partial')];
    await symlink(target, names[0]!);
    await writeFile(names[1]!, 'someone else’s');
    let n = 0;
    const { fd, path } = createFreshSync(() => names[n++]!, 'wx+');
    closeSync(fd);
    expect(path).toBe(names[2]);
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await readFile(names[1]!, 'utf8')).toBe('someone else’s');
  });

  it('gives up with the error after a few taken names, rather than trying forever', async () => {
    const { dir, target } = await setting();
    const name = join(dir, 'taken.partial');
    await symlink(target, name);
    expect(() => createFreshSync(() => name)).toThrow(/EEXIST/);
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
  });

  it('is named beside its file with a random part no one can guess', () => {
    const a = partialName('/x/report.csv');
    expect(a).toMatch(/^\/x\/report\.csv\.[0-9a-f]{12}\.partial$/);
    expect(partialName('/x/report.csv')).not.toBe(a);
  });
});

describe('the journal', () => {
  it('made at a name where a link was planted (the predictable default) replaces the link and leaves its target untouched', async () => {
    const { dir, target } = await setting();
    const path = join(dir, 'gov-audit-20261120-100000.journal.ndjson');
    await symlink(target, path);
    const journal = await Journal.create(path, header);
    journal.append(record('bilibili:1'));
    await journal.close();
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(path)).toBe(false);
    const { header: read, records } = await readJournal(path);
    expect(read).toEqual(header);
    expect(records.size).toBe(1);
    records.close();
    expect(await partials(dir)).toEqual([]);
  });

  it('replaces a journal file of that name, as before', async () => {
    const { dir } = await setting();
    const path = join(dir, 'scan.journal.ndjson');
    await writeFile(path, 'an earlier journal\n');
    await (await Journal.create(path, header)).close();
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(header)}\n`);
  });

  it('that cannot be made is a clear error (exit 3) and leaves no .partial', async () => {
    const { dir } = await setting();
    const path = join(dir, 'a-folder.journal.ndjson');
    await mkdir(path);
    const error = await Journal.create(path, header).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(3);
    expect((error as Error).message).toContain('cannot write');
    expect(await partials(dir)).toEqual([]);
  });

  it('is refused by --resume when it is a link, for reading and for appending, the target untouched', async () => {
    const { dir } = await setting();
    const real = join(dir, 'real.journal.ndjson');
    await (await Journal.create(real, header)).close();
    const before = readFileSync(real, 'utf8');
    const link = join(dir, 'link.journal.ndjson');
    await symlink(real, link);
    await expect(readJournal(link)).rejects.toThrow(/symbolic link/);
    const reopened = await Journal.reopen(link).catch((e: unknown) => e);
    expect(reopened).toBeInstanceOf(JournalError);
    expect((reopened as Error).message).toMatch(/cannot resume: .*link\.journal\.ndjson: a symbolic link/);
    expect(readFileSync(real, 'utf8')).toBe(before);
    // The file itself is resumed as ever.
    const resumed = await Journal.reopen(real);
    resumed.append(record('bilibili:2'));
    await resumed.close();
    const { records } = await readJournal(real);
    expect(records.size).toBe(1);
    records.close();
  });

  it('is refused by --resume when it is not a file', async () => {
    const { dir } = await setting();
    await expect(readJournal(dir)).rejects.toThrow(JournalError);
    await expect(Journal.reopen(dir)).rejects.toThrow(/not a file|EISDIR/);
  });
});

describe('the cache', () => {
  it('puts the next cache in place of a link at the cache name without writing through it', async () => {
    const { dir, target } = await setting();
    const path = join(dir, 'cache.ndjson');
    await symlink(target, path);
    const cache = await ResultCache.load(path, 3_600_000);
    cache.put(record('bilibili:1'));
    await cache.save();
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(path)).toBe(false);
    expect(await readFile(path, 'utf8')).toContain('bilibili:1');
    expect(await partials(dir)).toEqual([]);
  });

  it('whose save fails leaves no .partial behind', async () => {
    const { dir } = await setting();
    // A folder at the cache's name: the final rename fails.
    const path = join(dir, 'cache.ndjson');
    const cache = await ResultCache.load(path, 3_600_000);
    await mkdir(path);
    cache.put(record('bilibili:1'));
    expect(await partials(dir)).toHaveLength(1);
    await expect(cache.save()).rejects.toThrow();
    expect(await partials(dir)).toEqual([]);
    await cache.discard();
  });
});

describe('the evidence archive', () => {
  it('takes the next free name when a link waits at its own, and writes nothing through it', async () => {
    const { dir, target } = await setting();
    const startedAt = new Date('2026-11-20T02:00:00Z');
    await symlink(target, join(dir, 'gov-audit-20261120T020000Z.warc.gz'));
    const archive = await WarcArchive.create(dir, { version: '0.0.0-test', now: startedAt, thresholds: DEFAULT_THRESHOLDS, files: ['list.csv'] }, startedAt);
    await archive.close();
    expect(archive.name).toBe('gov-audit-20261120T020000Z-2.warc.gz');
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect((await readFile(archive.path)).length).toBeGreaterThan(0);
  });
});

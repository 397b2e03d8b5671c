import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChinaIso } from '../../src/audit/time.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * Issue #30, item 4, as a user runs gov-audit: links planted at the names a
 * scan writes (a report's old temporary name, the journal's predictable
 * default name, `--journal`, `--resume`) never have their target written.
 */

const NOW = '2026-11-20T10:00:00+08:00';
const LIST = 'fixtures/lists/utf8-english.csv';
const TARGET_TEXT = 'precious: not gov-audit’s to touch\n';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

const scan = (...args: string[]) =>
  runInProcess(['scan', LIST, ...args, ...simulator.connectTo().flatMap((rule) => ['--connect-to', rule]), '--rsshub', simulator.rsshub, '--now', NOW, '--rate', '*=0/1', '--timeout', '1', '--retries', '0', '--quiet']);

async function setting(): Promise<{ dir: string; target: string }> {
  const root = await mkdtemp(join(tmpdir(), 'gov-audit-hostile-cli-'));
  const dir = join(root, 'out');
  await mkdir(dir);
  const target = join(root, 'outside.txt');
  await writeFile(target, TARGET_TEXT);
  return { dir, target };
}

const isLink = async (path: string) => (await lstat(path)).isSymbolicLink();
const partials = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.partial'));

/** The default journal's name for a scan started at `at`, as `scan` makes it. */
const defaultJournal = (at: Date) => `gov-audit-${toChinaIso(at).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.journal.ndjson`;

describe('a scan among planted links', () => {
  it('writes its reports and its default journal without ever writing a link’s target', async () => {
    const { dir, target } = await setting();
    const json = join(dir, 'report.json');
    const md = join(dir, 'report.md');
    await symlink(target, `${json}.partial`);
    await symlink(target, `${md}.partial`);
    await symlink(target, md);
    // The default journal's name is predictable: links wait at every name of the next minute.
    const start = Date.now();
    for (let s = -1; s < 60; s++) await symlink(target, join(dir, defaultJournal(new Date(start + s * 1000))));
    const result = await scan('-o', json, '-o', md);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(json)).toBe(false);
    expect(await isLink(md)).toBe(false);
    expect(JSON.parse(await readFile(json, 'utf8')).summary.total).toBe(2);
    // Only the planted links end in .partial: gov-audit left none of its own.
    expect((await partials(dir)).sort()).toEqual(['report.json.partial', 'report.md.partial']);
  });

  it('replaces a link given as --journal with the journal itself', async () => {
    const { dir, target } = await setting();
    const journal = join(dir, 'scan.journal.ndjson');
    await symlink(target, journal);
    const result = await scan('--journal', journal, '-o', join(dir, 'report.json'));
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(TARGET_TEXT);
    expect(await isLink(journal)).toBe(false);
    expect((await readFile(journal, 'utf8')).split('\n')[0]).toContain('"tool":"gov-audit"');
  });

  it('refuses to --resume through a link, with exit 3 and why, the journal it points to untouched', async () => {
    const { dir } = await setting();
    const journal = join(dir, 'scan.journal.ndjson');
    expect((await scan('--journal', journal, '-o', join(dir, 'first.json'))).code).toBe(0);
    const before = await readFile(journal, 'utf8');
    const link = join(dir, 'latest.journal.ndjson');
    await symlink(journal, link);
    const result = await scan('--resume', link, '-o', join(dir, 'second.json'));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot resume: .*latest\.journal\.ndjson: a symbolic link/);
    expect(await readFile(journal, 'utf8')).toBe(before);
  });

  it('that cannot write a report ends with exit 3, saying which file, and leaves no .partial', async () => {
    const { dir } = await setting();
    const taken = join(dir, 'report.csv');
    await mkdir(taken);
    const result = await scan('-o', taken);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`cannot write ${taken}`);
    expect(await partials(dir)).toEqual([]);
  });
});

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../src/audit/changes.js';
import { NOT_FOUND_REASONS, STATUSES, UNVERIFIED_REASONS, ZOMBIE_REASONS, INFERRED_REASONS, MANUAL_REASONS } from '../../src/audit/status.js';
import { PLATFORMS } from '../../src/platforms/index.js';
import { runCli } from '../helpers/cli.js';

/*
 * A Chinese reader of the demo's reports meets no English and no command
 * option: only names (from the list and the platforms), ids, addresses, the
 * stable codes beside their Chinese labels, and the names of formats and
 * products (RSS, CSV, gov-audit …). The terminal is for the person running
 * the scan and may also name options and the tools they need (Cookie, RSSHub).
 */
const CODES = new Set<string>([...STATUSES, ...ZOMBIE_REASONS, ...INFERRED_REASONS, ...NOT_FOUND_REASONS, ...UNVERIFIED_REASONS, ...MANUAL_REASONS, ...CHANGE_KINDS, ...PLATFORMS.map((p) => p.id)]);
const PRODUCTS = new Set(['gov-audit', 'UTC', 'ID', 'RSS', 'Atom', 'CSV', 'JSON', 'T']);
const RUNNER_TOOLS = new Set(['Cookie', 'RSSHub', 'HTTP', 'PROXY']);

let dir: string;
let table: string;
let names: Set<string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-zh-'));
  const run = await runCli(['demo', '--out', dir], { LANG: 'zh_CN.UTF-8' });
  expect(run.code, run.stderr).toBe(0);
  table = run.stdout;
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { accounts: Record<string, unknown>[] };
  names = new Set(
    report.accounts.flatMap((a) =>
      [a.name, a.platformName, a.org, a.region, a.level, a.id, a.url, a.file, a.listedAs, ...Object.values((a.extra as Record<string, string>) ?? {})].flatMap((v) => String(v ?? '').match(/[A-Za-z][A-Za-z'-]*/g) ?? []),
    ),
  );
}, 60_000);

/** The English words of a text, less addresses, file names, names, codes and product names. */
function englishWords(text: string, allowed: ReadonlySet<string> = new Set()): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S*\.(?:csv|json|ndjson|sqlite|gz|xlsx|md|html)\b/g, ' ');
  const words = cleaned.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  return [...new Set(words.filter((w) => !names.has(w) && !CODES.has(w) && !PRODUCTS.has(w) && !allowed.has(w)))];
}

describe('a zh-CN demo, as a Chinese reader sees it', () => {
  it('has no English word in the HTML report', async () => {
    const $ = load(await readFile(join(dir, 'report.html'), 'utf8'));
    $('script, style').remove();
    expect(englishWords($.root().text())).toEqual([]);
  });

  it('has no English word and no command option in the Markdown and CSV reports', async () => {
    for (const file of ['report.md', 'report.csv']) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(englishWords(text), file).toEqual([]);
      expect(text, file).not.toMatch(/(?:^|[\s（(])--[a-z]/m);
    }
  });

  it('names, in the terminal, only the options and tools the person running the scan needs', () => {
    const options = table.replace(/--[a-z][a-z-]*(?:\s+[\w*=/.-]+)?/g, ' ').replace(/\b[A-Z_]{3,}\b/g, ' ');
    expect(englishWords(options, RUNNER_TOOLS)).toEqual([]);
  });
});

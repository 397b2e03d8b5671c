import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControl, jsonSafe } from '../../src/report/control.js';
import { csvGroups } from '../../src/report/csv.js';
import { REPORTERS, type TextFormat } from '../../src/report/index.js';
import { layoutTable } from '../../src/report/layout.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runInProcess } from '../helpers/in-process.js';
import { sampleReport } from '../helpers/report.js';

/**
 * Issue #30, item 6: a list's or a platform's text that holds terminal
 * controls (an OSC window title, clear screen, BEL, C1 controls) or bidi
 * overrides reaches no terminal and no text report raw: it is shown escaped.
 */

const TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const CSI_C1 = '\u009b31m';
const RLO = '\u202e';
/** Anything a terminal would obey, or that reorders what it shows. Tabs and line breaks are checked apart. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const visible = (text: string) => JSON.stringify(text.match(RAW)?.[0]);

describe('escapeControl', () => {
  it('shows every control and bidi mark as an escape a reader can see', () => {
    expect(escapeControl(`a${TITLE}b`)).toBe('a\\x1b]0;pwned\\x07b');
    expect(escapeControl(`${CLEAR}${CSI_C1}\u0000\u007f`)).toBe('\\x1b[2J\\x9b31m\\x00\\x7f');
    expect(escapeControl(`${RLO}gpj.exe\u2066\u2069\u200f\u2028`)).toBe('\\u202egpj.exe\\u2066\\u2069\\u200f\\u2028');
  });

  it('keeps a line one line, or keeps tabs and line breaks where a cell holds them', () => {
    expect(escapeControl('a\tb\r\nc')).toBe('a b  c');
    expect(escapeControl('a\tb\r\nc\u001b', 'cell')).toBe('a\tb\r\nc\\x1b');
  });

  it('leaves other text alone, Chinese, emoji and joiners included, and changes nothing escaped twice', () => {
    const text = '江城发布 👨‍👩‍👧 «ok» \\x1b';
    expect(escapeControl(text)).toBe(text);
    const once = escapeControl(`${TITLE}${RLO}`);
    expect(escapeControl(once)).toBe(once);
  });

  it('leaves JSON the same value, with nothing raw in its text', () => {
    const value = { name: `${TITLE}${CSI_C1}${RLO}\u2028` };
    const text = jsonSafe(JSON.stringify(value));
    expect(text).not.toMatch(RAW);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('a terminal table (the report’s, history’s, doctor’s)', () => {
  it('shows its titles and cells escaped, laid out by what is shown', () => {
    const text = layoutTable([{ title: `name${RLO}` }, { title: 'n', align: 'right' }], [[`a${TITLE}`, '1'], ['b', `2${CLEAR}`]], undefined);
    expect(text).not.toMatch(RAW);
    expect(text.split('\n')).toEqual([
      'name\\u202e                n',
      '─────────────────  ────────',
      'a\\x1b]0;pwned\\x07         1',
      'b                  2\\x1b[2J',
    ]);
  });
});

/** The sample report with hostile text in every place a list or a platform fills. */
function hostileReport() {
  const report = sampleReport();
  const [first, second] = report.accounts;
  first!.account.name = `江城发布${TITLE}`;
  first!.account.org = `${CLEAR}宣传部`;
  first!.account.extra = { [`备注${RLO}`]: `note${CSI_C1}`, 备注: '' };
  second!.detail = `detail${CLEAR}${RLO}`;
  // A name as the platform gave it, where the list gave none.
  const third = report.accounts[2]!;
  third.account.name = undefined;
  third.platformName = `answer${RLO}${TITLE}`;
  report.title = `title${TITLE}`;
  report.problems = [{ ...report.problems[0]!, params: { value: `tiktok${CLEAR}`, expected: 'bilibili' } }];
  report.notes = [{ ...report.notes[0]!, params: { value: `合计${TITLE}` } }];
  report.duplicates = [{ ...report.duplicates[0]!, source: { file: `list${RLO}.csv`, row: 9 } }];
  return { ...report, groupBy: ['org' as const] };
}

describe('every text report of a list with hostile text', () => {
  const formats: TextFormat[] = ['table', 'markdown', 'csv', 'html', 'json', 'ndjson'];
  for (const format of formats) {
    it(`${format}: nothing raw, the hostile text shown escaped`, () => {
      const text = REPORTERS[format](hostileReport(), { lang: 'en', color: false, verbose: true });
      expect(text, visible(text)).not.toMatch(RAW);
      // JSON keeps the value (as \u escapes); the others show the escape as text.
      // (Markdown escapes the backslash and the bracket as its own markup: `\\x1b\]0;` shows as `\x1b]0;`.)
      if (format !== 'json' && format !== 'ndjson') expect(text).toMatch(/\\\\?x1b\\?\]0;pwned\\\\?x07/);
    });
  }

  it('the .groups.csv too', () => {
    const text = csvGroups(hostileReport(), { lang: 'en', color: false });
    expect(text, visible(text)).not.toMatch(RAW);
    expect(text).toContain('\\x1b[2J宣传部');
  });

  it('the platform’s own text (a name, a detail) too', () => {
    for (const format of ['table', 'csv', 'html'] as const) expect(REPORTERS[format](hostileReport(), { lang: 'en', color: false, verbose: true })).toContain('answer\\u202e\\x1b]0;pwned\\x07');
  });

  it('Chinese reports too', () => {
    for (const format of formats) {
      const text = REPORTERS[format](hostileReport(), { lang: 'zh-CN', color: false, verbose: true });
      expect(text, `${format} ${visible(text)}`).not.toMatch(RAW);
    }
  });
});

describe('the CLI given a list with hostile text', () => {
  let simulator: RunningSimulator;
  let dir: string;
  let list: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    dir = await mkdtemp(join(tmpdir(), 'gov-audit-control-chars-'));
    list = join(dir, 'hostile.csv');
    const rows = [
      ['Platform', 'Profile URL', 'Name', 'Owner', 'Region', 'Level', `Notes${RLO}`],
      ['bilibili', '400000001', `Jiangcheng${TITLE}`, `Office${CLEAR}`, `Jiangcheng${RLO}`, 'city', `main${CSI_C1}`],
      ['bilibili', 'https://space.bilibili.com/400000004', 'Traffic', 'PSB', 'Jiangcheng', 'city', ''],
      [`tiktok${CLEAR}`, '12345', 'Bad', 'Office', 'Jiangcheng', 'city', ''],
      ['bilibili', `https://evil.example/${TITLE}`, 'Foreign', 'Office', 'Jiangcheng', 'city', ''],
      [`合计${TITLE}`, '', '', '', '', '', ''],
    ];
    await writeFile(list, `${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`);
  });
  afterAll(() => simulator.close());

  it('validate: its row messages show the escapes, never the raw controls', async () => {
    const result = await runInProcess(['validate', list]);
    expect(result.code).toBe(3);
    const out = `${result.stdout}${result.stderr}`;
    expect(out, visible(out)).not.toMatch(RAW);
    expect(out).toContain('tiktok\\x1b[2J');
  });

  it('scan: the table on the terminal, and the Markdown, CSV and groups files', async () => {
    const md = join(dir, 'report.md');
    const csv = join(dir, 'report.csv');
    const html = join(dir, 'report.html');
    const result = await runInProcess([
      'scan', list, '--format', 'table', '-o', md, '-o', csv, '-o', html, '--group-by', 'org',
      ...simulator.connectTo().flatMap((rule) => ['--connect-to', rule]), '--rsshub', simulator.rsshub,
      '--now', '2026-11-20T10:00:00+08:00', '--rate', '*=0/1', '--timeout', '1', '--retries', '0',
    ]);
    // Invalid rows: exit 3, the reports written all the same.
    expect(result.code, result.stderr).toBe(3);
    for (const [what, text] of [
      ['stdout', result.stdout],
      ['stderr', result.stderr],
      ['markdown', await readFile(md, 'utf8')],
      ['csv', await readFile(csv, 'utf8')],
      ['groups', await readFile(join(dir, 'report.groups.csv'), 'utf8')],
      ['html', await readFile(html, 'utf8')],
    ] as const) {
      expect(text, `${what} ${visible(text)}`).not.toMatch(RAW);
    }
    expect(result.stdout).toContain('Office\\x1b[2J');
    expect(await readFile(join(dir, 'report.groups.csv'), 'utf8')).toContain('Office\\x1b[2J');
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/server.js';
import { runCli, type CliResult } from '../helpers/cli.js';

/** What a terminal obeys rather than shows: an OSC window title, clear screen, a C1 CSI, BEL, a bidi override. */
const TITLE = '\u001b]0;PWNED\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const C1 = '\u009b2J';
const BIDI = '\u202e';
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The raw control characters of a text, named, with where they stand. */
function rawControls(where: string, text: string): string[] {
  const found: string[] = [];
  for (const [i, c] of [...text].entries()) if (OBEYED.test(c)) found.push(`${where}@${i}: U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return found.slice(0, 5);
}

/*
 * A hostile list: terminal escapes in an account's name, its organisation and
 * region (which --group-by rolls up), an invalid id and an unknown platform
 * (row messages quote both). Neither `validate` nor `scan` lets any reach a
 * terminal or a text report raw.
 */
describe('terminal escapes in a list', () => {
  let dir: string;
  let validate: CliResult;
  let scan: CliResult;
  let closeSimulator: () => Promise<void>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gov-audit-controls-'));
    const rows = [
      '平台,账号,账号名称,主办单位,地区,备注',
      `B站,400000001,${TITLE}江城发布${CLEAR},${CLEAR}江城市人民政府${BIDI}办,${C1}江城市,${TITLE}备注`,
      `B站,${TITLE}not-an-id${CLEAR},江城公安,江城市公安局,江城市,`,
      `${TITLE}某平台${C1},12345,江城文旅,江城市文旅局,江城市,`,
      `B站,400000001,${TITLE}重复${CLEAR},江城市人民政府,江城市,`,
    ];
    await writeFile(join(dir, 'list.csv'), `${rows.join('\n')}\n`);
    validate = await runCli(['validate', join(dir, 'list.csv')]);
    const simulator = await startSimulator();
    closeSimulator = () => simulator.close();
    const routing = simulator.connectTo().flatMap((rule) => ['--connect-to', rule]);
    const outputs = ['md', 'csv', 'txt', 'html'].flatMap((ext) => ['-o', join(dir, `report.${ext}`)]);
    scan = await runCli(['scan', join(dir, 'list.csv'), ...routing, '--now', '2026-11-20T10:00:00+08:00', '--rate', '*=0/1', '--timeout', '5', '--retries', '0', '--group-by', 'org,region', '-f', 'table', ...outputs]);
  }, 120_000);
  afterAll(async () => closeSimulator?.());

  it('validate quotes the rows with their escapes written out, never obeyed', () => {
    expect(validate.code).toBe(3);
    // The bad id and the unknown platform are quoted, visibly.
    expect(validate.stdout).toContain('\\x1b]0;PWNED\\x07');
    expect([...rawControls('validate stdout', validate.stdout), ...rawControls('validate stderr', validate.stderr)]).toEqual([]);
  });

  it('scan shows them escaped on the terminal and in the Markdown, the table, the HTML and the CSV files (groups included)', async () => {
    expect([0, 1, 2, 3], scan.stderr).toContain(scan.code);
    const found = [...rawControls('scan stdout', scan.stdout), ...rawControls('scan stderr', scan.stderr)];
    const files = (await readdir(dir)).filter((f) => f.startsWith('report.'));
    expect(files, scan.stderr).toEqual(expect.arrayContaining(['report.md', 'report.csv', 'report.groups.csv', 'report.txt', 'report.html']));
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      // A CSV cell keeps its line breaks and tabs (quoted); nothing else.
      found.push(...rawControls(file, text.replace(/[\t\r\n]/g, ' ')));
    }
    expect(found).toEqual([]);
    // Markdown escapes the backslash too: the page shows \x1b]0;PWNED\x07江城发布.
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('PWNED\\\\x07江城发布');
  });
});

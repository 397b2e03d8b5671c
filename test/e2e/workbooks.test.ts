import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runCli } from '../helpers/cli.js';
import { soffice } from '../helpers/libreoffice.js';
import { REGISTER, writeWorkbookAs, zipOf } from '../accounts/workbook-writers.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');
const NOW = '2026-11-20T10:00:00+08:00';
const CSV_LIST = 'fixtures/lists/office-register-gbk.csv';
const WORKBOOK = 'fixtures/workbooks/office-register-libreoffice.xlsx';

let simulator: RunningSimulator;
let dir: string;
beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-workbooks-'));
});
afterAll(() => simulator.close());

const scan = (...args: string[]) =>
  runCli(['scan', ...args, ...simulator.connectTo().flatMap((rule) => ['--connect-to', rule]), '--rsshub', simulator.rsshub, '--cookies', 'fixtures/demo/cookies.txt', '--now', NOW, '--rate', '*=0/1', '--timeout', '1', '--retries', '0']);

interface JsonAccount {
  platform: string;
  id: string;
  status: string;
  reason: string | null;
}
const verdicts = (stdout: string) => (JSON.parse(stdout) as { accounts: JsonAccount[] }).accounts.map((a) => `${a.platform}:${a.id} ${a.status}/${a.reason}`).sort();


describe('an office register as a workbook', () => {
  it('scans with the same verdicts as the same list in CSV, every account audited', async () => {
    const fromCsv = await scan(CSV_LIST, '--format', 'json');
    const fromBook = await scan(WORKBOOK, '--format', 'json');
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    expect(fromBook.code, fromBook.stderr).toBe(0);
    expect(verdicts(fromBook.stdout)).toEqual(verdicts(fromCsv.stdout));
    expect(verdicts(fromBook.stdout)).toHaveLength(6);
    // The notes reach stderr and the report, and stop nothing.
    expect(fromBook.stderr).toContain('"合计": a totals or notes row, not an account');
    expect((JSON.parse(fromBook.stdout) as { notes: { code: string }[] }).notes.map((n) => n.code)).toContain('platform-from-link');
  });
});

describe('a workbook as another program writes it, and a file that is no list', () => {
  it('validates a workbook written by openpyxl, its sheet chosen by the name its author gave', async () => {
    const file = join(dir, 'python.xlsx');
    await writeWorkbookAs('openpyxl', file, REGISTER);
    const run = await runCli(['--lang', 'zh-CN', 'validate', file, '--sheet', '台账']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stderr).toContain('共 3 个账号，全部有效');
    const missing = await runCli(['--lang', 'zh-CN', 'validate', file, '--sheet', '汇总']);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toContain('工作簿中没有工作表 汇总 (填表说明, 台账)');
  });

  it('names a Word document, a PDF and a picture for what they are, exit 3', async () => {
    const files = {
      '台账.docx': await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
      '台账.pdf': Buffer.from('%PDF-1.4\n'),
      '台账.png': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
    const run = await runCli(['--lang', 'zh-CN', 'validate', ...Object.keys(files).map((name) => join(dir, name))]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('台账.docx：这是 Word 文档（.docx），不是账号名单；');
    expect(run.stdout).toContain('台账.pdf：这是 PDF 文件，不是账号名单；请使用生成该 PDF 的 Excel 或 WPS 表格原文件');
    expect(run.stdout).toContain('台账.png：这是图片（.png），不是账号名单；');
    expect(run.stdout).not.toContain('没有账号列');
  });
});

describe('the report as a workbook (-o report.xlsx)', () => {
  let path: string;
  beforeAll(async () => {
    path = join(dir, 'report.xlsx');
    const run = await scan('fixtures/demo/accounts.csv', '--config', 'fixtures/demo/gov-audit.config.json', '-o', path, '--group-by', 'region', '--lang', 'zh-CN', '-q');
    expect(run.code, run.stderr).toBe(0);
  });

  it('opens on the summary, then the ranking, then a frozen, filtered, coloured sheet of every column', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '问题排名', '明细']);
    const ranking = book.getWorksheet('明细')!;
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ranking.autoFilter).toBeTruthy();
    expect(ranking.getRow(1).getCell(3).value).toBe('状态');
    const first = ranking.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(3).value).toBe('僵尸账号');
    expect(first.getCell(3).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFB91C1C' } });
    // Counts are numbers, links are links, ids are text.
    expect(typeof first.getCell(14).value).toBe('number');
    expect(first.getCell(20).value).toMatchObject({ hyperlink: expect.stringMatching(/^https:/) });
    expect(typeof first.getCell(8).value).toBe('string');
    const summary = book.worksheets[0]!;
    const text = summary.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('按地区');
  });

  it('holds no formula in any cell, as written and as LibreOffice reads it', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula, cell.address).toBeUndefined()));
    const office = await soffice();
    // CI installs LibreOffice (.ci/run): there its absence is a failure, not a skip.
    if (!office) return expect(process.env.CI, 'LibreOffice (soffice) is not installed').toBeFalsy();
    const out = join(dir, 'converted');
    await promisify(execFile)(office, ['--headless', '--convert-to', 'xlsx', '--outdir', out, path], { timeout: 120_000 });
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(join(out, 'report.xlsx'));
    expect(again.worksheets[0]!.rowCount).toBe(book.worksheets[0]!.rowCount);
    for (const sheet of again.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula, cell.address).toBeUndefined()));
  });

  it('writes a workbook to a pipe (--format xlsx), as bytes', async () => {
    const piped = await scan(CSV_LIST, '--format', 'xlsx');
    expect(piped.code).toBe(0);
    expect(Buffer.from(piped.stdout, 'latin1').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('gov-audit init', () => {
  it('writes a template that validate accepts as written, in either language and as CSV', async () => {
    const zh = join(dir, '账号台账.xlsx');
    expect((await runCli(['init', zh, '--lang', 'zh-CN'])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(zh);
    expect(book.worksheets.map((s) => s.name)).toEqual(['账号台账', '填表说明']);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, '平台', '账号链接', '账号名称', '主办单位', '地区', '层级', '备注', '人工核查结果', '人工核查日期']);
    expect(book.worksheets[0]!.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: ['"活跃,更新不及时,僵尸账号,账号不存在"'] });
    expect(book.worksheets[0]!.getCell('A2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('抖音,快手')] });
    // Its example rows are notes, never accounts: the list is valid and holds nothing to audit yet.
    const validated = await runCli(['validate', zh, '--lang', 'zh-CN']);
    expect(validated.code, validated.stdout).toBe(0);
    expect(validated.stdout).toContain('第 2 行：“央视新闻”：模板中的示例行（标有“示例行，请替换”），不是要检查的账号（已跳过）');
    expect(validated.stderr).toContain('共 0 个账号，全部有效');
    expect(validated.stderr).toContain('还没有要检查的账号：名单中只有模板的 2 行示例（已跳过）');
    const en = join(dir, 'accounts.csv');
    expect((await runCli(['init', en, '--lang', 'en'])).code).toBe(0);
    expect((await readFile(en, 'utf8')).split('\r\n')[0]).toBe('\uFEFFplatform,url,name,org,region,level,notes,manual check,manual check date');
    const validatedEn = await runCli(['validate', en, '--lang', 'en']);
    expect(validatedEn.code).toBe(0);
    expect(validatedEn.stdout).toContain('an example row of the template (marked "example row: replace it")');
  });

  it('writes a template whose scan, unedited, audits none of its example rows', async () => {
    const file = join(dir, 'unedited.xlsx');
    expect((await runCli(['init', file, '--lang', 'zh-CN'])).code).toBe(0);
    const run = await scan(file, '--format', 'json', '--lang', 'zh-CN');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { accounts: unknown[]; notes: { code: string; row: number }[] };
    expect(report.accounts).toEqual([]);
    expect(report.notes.filter((n) => n.code === 'example-row').map((n) => n.row)).toEqual([2, 3]);
    expect(run.stderr).toContain('模板中的示例行');
  });

  it('never overwrites a file unless told to', async () => {
    const file = join(dir, 'exists.xlsx');
    expect((await runCli(['init', file])).code).toBe(0);
    const again = await runCli(['init', file]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('--force');
    expect((await runCli(['init', file, '--force'])).code).toBe(0);
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

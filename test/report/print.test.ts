import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type * as ExcelJSModule from 'exceljs';
import { DEFAULT_THRESHOLDS, type AuditReport, type Finding, type RankedFinding } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import { BINARY_REPORTERS, REPORTERS } from '../../src/report/index.js';
import { csvGroups } from '../../src/report/csv.js';
import { CSV_COLUMNS, columnTitle } from '../../src/report/fields.js';
import { finding, NOW, sampleReport } from '../helpers/report.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
const plain = { color: false } as const;

/**
 * The issue's case: a body with 4 zombie and 4 unverified accounts of 8 (its
 * pass rate is 0 over 4, its checked rate 50 %), and a second body with one
 * account of each verdict. The list has its own 序号, 备注 and 联系人 columns.
 */
function bodyReport(): AuditReport & { accounts: RankedFinding[] } {
  const made: Finding[] = [];
  const add = (status: Finding['status'], reason: Finding['reason'], org: string, extra: Partial<Finding> = {}) => {
    const f = finding(String(made.length + 1), status, reason, { name: `${org}账号${made.length + 1}`, org, ...extra }, made.length);
    f.account.extra = { 序号: String(made.length + 1), 备注: made.length === 0 ? '已停用' : '', 联系人: '张三' };
    made.push(f);
  };
  for (let i = 0; i < 4; i++) add('zombie', 'silent', '江城市档案馆', { lastPostAt: new Date(NOW.getTime() - 300 * DAY_MS), daysSinceLastPost: 300, postCount: 5 });
  for (let i = 0; i < 4; i++) add('unverified', 'blocked', '江城市档案馆');
  add('active', null, '江城市公安局', { lastPostAt: new Date(NOW.getTime() - DAY_MS), daysSinceLastPost: 1, followers: 12_000 });
  add('inactive', null, '江城市公安局', { lastPostAt: new Date(NOW.getTime() - 20 * DAY_MS), daysSinceLastPost: 20 });
  add('not-found', 'missing', '江城市公安局');
  return { ...sampleReport(), groupBy: ['org'], accounts: rank(made, NOW, DEFAULT_THRESHOLDS), duplicates: [], problems: [], notes: [] };
}

async function workbook(report: AuditReport, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<ExcelJSModule.Workbook> {
  const book = new ExcelJS.Workbook();
  // ExcelJS's types name the Buffer of older Node typings; the bytes are the same.
  await book.xlsx.load((await BINARY_REPORTERS.xlsx(report, { lang, ...plain })) as unknown as ArrayBuffer);
  return book;
}

/** The row whose first cell reads `label`, after the row whose first cell reads `after` when given. */
function rowOf(sheet: ExcelJSModule.Worksheet, label: string, after?: string): ExcelJSModule.Row {
  let from = 1;
  if (after) sheet.eachRow((row, n) => from === 1 && row.getCell(1).value === after && (from = n));
  for (let n = from; n <= sheet.rowCount; n++) if (sheet.getRow(n).getCell(1).value === label) return sheet.getRow(n);
  throw new Error(`no row "${label}" in ${sheet.name}`);
}

const texts = (sheet: ExcelJSModule.Worksheet) => sheet.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];

describe('the workbook, made to print', () => {
  it('opens on the summary, then the ranking a leader reads, then every detail', async () => {
    expect((await workbook(bodyReport())).worksheets.map((s) => s.name)).toEqual(['概况', '问题排名', '明细']);
    expect((await workbook(bodyReport(), 'en')).worksheets.map((s) => s.name)).toEqual(['Summary', 'Ranking', 'Details']);
  });

  it('prints every sheet on A4 landscape, one page wide, the header row on each page and frozen on screen', async () => {
    for (const sheet of (await workbook(bodyReport())).worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain('&P');
    }
  });

  it('stores the summary’s counts as numbers and its shares and ratios as numbers formatted as percentages', async () => {
    const summary = (await workbook(bodyReport())).getWorksheet('概况')!;
    const zombies = rowOf(summary, '僵尸账号');
    expect(zombies.getCell(2).value).toBe(4);
    expect(zombies.getCell(3).value).toBeCloseTo(4 / 11);
    expect(zombies.getCell(3).numFmt).toBe('0.0%');
    expect(rowOf(summary, '合计').getCell(2).value).toBe(11);
    // The whole list: 1 active of 6 judged on updates (4 zombie, 1 inactive); 7 of 11 with a verdict.
    const pass = rowOf(summary, '合格率');
    expect([pass.getCell(2).value, pass.getCell(3).value, pass.getCell(4).value]).toEqual([1 / 6, 1, 6]);
    expect(pass.getCell(2).numFmt).toBe('0.0%');
    const checked = rowOf(summary, '核实率');
    expect([checked.getCell(2).value, checked.getCell(3).value, checked.getCell(4).value]).toEqual([7 / 11, 7, 11]);
  });

  it('gives each body of a rollup its counts and ratios as numbers, with what each ratio counts under the table', async () => {
    const summary = (await workbook(bodyReport())).getWorksheet('概况')!;
    const header = rowOf(summary, '主办单位');
    expect(header.values).toEqual([undefined, '主办单位', '账号数', '僵尸账号', '更新不及时', '账号不存在', '活跃', '待人工核实', '僵尸+不及时占比', '合格率', '核实率']);
    const archives = rowOf(summary, '江城市档案馆');
    expect(archives.values).toEqual([undefined, '江城市档案馆', 8, 4, 0, 0, 0, 4, 1, 0, 0.5]);
    for (const column of [8, 9, 10]) expect(archives.getCell(column).numFmt).toBe('0.0%');
    const notes = texts(summary);
    expect(notes).toContain('合格率 = 活跃 ÷（活跃 + 更新不及时 + 僵尸账号），不含账号不存在与待人工核实');
    expect(notes).toContain('核实率 = 已有结论的账号 ÷ 全部账号；待人工核实的账号不计入其他比率');
    expect(notes).toContain('僵尸+不及时占比 =（僵尸账号 + 更新不及时）÷ 已有结论的账号（含账号不存在，不含待人工核实）');
  });

  it('leaves a ratio with nothing to take it over empty, not 0 %', async () => {
    const report = bodyReport();
    report.accounts = report.accounts.filter((f) => f.status === 'unverified');
    const summary = (await workbook(report)).getWorksheet('概况')!;
    expect(rowOf(summary, '合格率').getCell(2).value).toBeNull();
    expect(rowOf(summary, '核实率').getCell(2).value).toBe(0);
  });

  it('ranks the accounts in the columns a leader reads, status and platform in words, the list’s 序号 and 备注 kept', async () => {
    const ranking = (await workbook(bodyReport())).getWorksheet('问题排名')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '排名', '状态', '账号名称', '平台', '主办单位', '地区', '最近发布时间', '距最近发布天数', '整改建议', '序号', '备注']);
    const first = ranking.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('僵尸账号');
    expect(first.getCell(2).fill).toMatchObject({ fgColor: { argb: 'FFB91C1C' } });
    expect(first.getCell(3).value).toBe('江城市档案馆账号1');
    expect(first.getCell(4).value).toBe('哔哩哔哩');
    expect(first.getCell(7).value).toBeInstanceOf(Date);
    expect(first.getCell(8).value).toBe(300);
    expect(first.getCell(9).value).toBe('账号超过 90 天未更新：请恢复更新，或按规定关停注销');
    expect([first.getCell(10).value, first.getCell(11).value]).toEqual(['1', '已停用']);
    expect(ranking.rowCount).toBe(12);
    const words = texts(ranking).join(' ');
    expect(words).not.toMatch(/zombie|unverified|bilibili|list\.csv/);
    expect(words).not.toContain('张三');
  });

  it('keeps every column of the CSV and of the list in 明细, with the codes, the file and the row', async () => {
    const report = sampleReport();
    const details = (await workbook(report)).getWorksheet('明细')!;
    const shown = CSV_COLUMNS.filter((c) => c !== 'detail' && c !== 'remedy' && c !== 'platformLabel').map((c) => columnTitle(c, 'zh-CN'));
    expect(details.getRow(1).values).toEqual([undefined, ...shown, '备注']);
    expect(shown).toEqual(expect.arrayContaining(['状态代码', '文件', '行号', '检查于']));
    expect(details.autoFilter).toBeTruthy();
    const first = details.getRow(2);
    expect(first.getCell(shown.indexOf('状态代码') + 1).value).toBe('zombie');
    expect(first.getCell(shown.indexOf('文件') + 1).value).toBe('list.csv');
    expect(typeof first.getCell(shown.indexOf('行号') + 1).value).toBe('number');
  });

  it('never writes a formula: a name that starts with = stays text on every sheet', async () => {
    const book = await workbook(sampleReport());
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula, `${sheet.name}!${cell.address}`).toBeUndefined()));
    expect(texts(book.getWorksheet('问题排名')!)).toContain('=HYPERLINK("http://x","y")');
  });
});

describe('every ratio says what it is taken over', () => {
  const zh = { lang: 'zh-CN', ...plain } as const;
  const archivesCells = ['100% (4/4)', '0% (0/4)', '50% (4/8)'];

  it('in the table: the rollup’s ratios with their counts, the whole list’s in the summary, and what each counts', () => {
    const text = REPORTERS.table(bodyReport(), { ...zh, width: 200 });
    const line = text.split('\n').find((l) => l.startsWith('江城市档案馆'))!;
    expect(line.trim().split(/\s{2,}/).slice(-3)).toEqual(archivesCells);
    expect(text).toContain('僵尸+不及时占比 71% (5/7) · 合格率 17% (1/6) · 核实率 64% (7/11)');
    expect(text).toContain('合格率 = 活跃 ÷（活跃 + 更新不及时 + 僵尸账号），不含账号不存在与待人工核实');
    expect(text.indexOf('合格率 17%')).toBeLessThan(text.indexOf('问题排名'));
  });

  it('in the Markdown', () => {
    const md = REPORTERS.markdown(bodyReport(), zh);
    expect(md).toContain(`| 江城市档案馆 | 8 | 4 (50%) | 0 | 0 | 0 | 4 (50%) | ${archivesCells.join(' | ')} |`);
    expect(md).toContain('| 合格率 | 17% (1/6) |');
    expect(md).toContain('- 核实率 = 已有结论的账号 ÷ 全部账号；待人工核实的账号不计入其他比率');
  });

  it('in the HTML: beside the cards, and under every rollup', () => {
    const html = REPORTERS.html(bodyReport(), zh);
    expect(html).toMatch(/<tr data-ratio="passRate"><th>合格率<\/th><td class="num">17% \(1\/6\)<\/td><td class="note">合格率 = 活跃 ÷（活跃 \+ 更新不及时 \+ 僵尸账号），不含账号不存在与待人工核实<\/td><\/tr>/);
    expect(html).toContain(`<td>江城市档案馆</td><td class="num">8</td><td class="num">4 (50%)</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">4 (50%)</td>${archivesCells.map((c) => `<td class="num">${c}</td>`).join('')}`);
    expect(html).toContain('<li>核实率 = 已有结论的账号 ÷ 全部账号；待人工核实的账号不计入其他比率</li>');
  });

  it('in the .groups.csv: new columns at the end, their headers saying what they count', () => {
    const rows = parse(csvGroups(bodyReport(), zh)) as string[][];
    expect(rows[0]!.slice(0, 9)).toEqual(['分组依据', '分组', '账号数', '僵尸账号', '更新不及时', '账号不存在', '活跃', '待人工核实', '僵尸+不及时占比 (%)']);
    expect(rows[0]!.slice(9)).toEqual(['合格率 (%)：活跃 ÷（活跃 + 更新不及时 + 僵尸账号）', '核实率 (%)：已有结论 ÷ 账号数', '已有结论的账号（不含待人工核实；僵尸+不及时占比以此为分母）']);
    expect(rows.find((r) => r[1] === '江城市档案馆')!.slice(8)).toEqual(['100', '0', '50', '4']);
    const en = parse(csvGroups(bodyReport(), { lang: 'en', ...plain })) as string[][];
    expect(en[0]!.slice(9, 10)).toEqual(['pass rate (%): active ÷ (active + inactive + zombie)']);
  });

  it('in the JSON: fields added beside the old ones, the summary’s rates too', () => {
    const json = JSON.parse(REPORTERS.json(bodyReport(), zh));
    const archives = json.groups.find((g: { value: string }) => g.value === '江城市档案馆');
    expect(archives).toEqual({
      by: 'org',
      value: '江城市档案馆',
      total: 8,
      byStatus: { zombie: 4, inactive: 0, 'not-found': 0, active: 0, unverified: 4 },
      problemShare: 1,
      passRate: 0,
      checkedRate: 0.5,
      rates: { listed: 8, judged: 4, passed: 0, failed: 4, notFound: 0, unverified: 4, passRate: 0, checkedRate: 0.5 },
    });
    expect(json.summary).toMatchObject({ total: 11, byStatus: { zombie: 4, unverified: 4 } });
    expect(json.summary.rates).toEqual({ listed: 11, judged: 7, passed: 1, failed: 5, notFound: 1, unverified: 4, passRate: 1 / 6, checkedRate: 7 / 11 });
  });

  it('says "—" where a ratio has nothing to take it over, and in English too', () => {
    const report = bodyReport();
    report.accounts = report.accounts.filter((f) => f.status === 'unverified');
    const text = REPORTERS.table(report, { lang: 'en', ...plain, width: 200 });
    expect(text).toContain('zombie + inactive — · pass rate — · checked rate 0% (0/4)');
    expect(text).toContain('pass rate = active ÷ (active + inactive + zombie); not-found and unverified accounts left out');
    expect(JSON.parse(REPORTERS.json(report, { lang: 'en', ...plain })).groups[0]).toMatchObject({ passRate: null, checkedRate: 0 });
  });
});

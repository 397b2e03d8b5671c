import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLists, type ListItem } from '../../src/accounts/read.js';
import { partName } from '../../src/accounts/workbook.js';
import { REGISTER, writeWorkbookAs, type Writer } from './workbook-writers.js';
import { soffice } from '../helpers/libreoffice.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');

async function read(file: string, sheet?: string) {
  const items: ListItem[] = [];
  for await (const item of readLists([file], { sheet })) items.push(item);
  return {
    accounts: items.flatMap((i) => (i.kind === 'account' ? [`${i.account.key} ${i.account.source.sheet}:${i.account.source.row}`] : [])),
    problems: items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : [])),
    notes: items.flatMap((i) => (i.kind === 'note' ? [i.note] : [])),
  };
}

const ACCOUNTS = ['bilibili:400000001 台账:3', 'weibo:7000000001 台账:4', 'wechat-mp:jcfabu 台账:5'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-writers-'));
});

/** The register as ExcelJS writes it: the library itself. */
async function writeWithExcelJS(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const spec of REGISTER) {
    const sheet = book.addWorksheet(spec.name);
    for (const row of spec.rows) sheet.addRow(row.map((cell) => (typeof cell === 'object' ? { text: cell.text, hyperlink: cell.link } : cell)));
  }
  await book.xlsx.writeFile(file);
}

/** LibreOffice's re-save of a workbook, where it is installed (CI installs it: there its absence is a failure). */
async function resavedByLibreOffice(file: string, out: string): Promise<string | undefined> {
  if (!(await soffice())) return undefined;
  await promisify(execFile)('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', out, file], { timeout: 120_000 });
  return join(out, file.split('/').pop()!);
}

describe('workbooks as each program writes them', () => {
  it.each<[string, (file: string) => Promise<void>]>([
    ...(['openpyxl', 'xlsxwriter', 'xlsxwriter-constant-memory', 'renamed-parts', 'prefixed'] as Writer[]).map((writer): [string, (file: string) => Promise<void>] => [writer, (file) => writeWorkbookAs(writer, file, REGISTER)]),
    ['ExcelJS', writeWithExcelJS],
  ])('reads a register written by %s with its sheets named as their author named them', async (writer, write) => {
    const file = join(dir, `${writer}.xlsx`);
    await write(file);
    const found = await read(file);
    expect(found.problems).toEqual([]);
    expect(found.accounts).toEqual(ACCOUNTS);
    expect(found.notes).toMatchObject([{ code: 'sheet-used', params: { sheet: '台账', skipped: '填表说明' } }]);
    // --sheet by the name the author gave, or by its tab position.
    expect((await read(file, '台账')).accounts).toEqual(ACCOUNTS);
    expect((await read(file, '2')).accounts).toEqual(ACCOUNTS);
    expect((await read(file, '汇总')).problems).toMatchObject([{ code: 'no-such-sheet', params: { detail: '汇总 (填表说明, 台账)' } }]);
  });

  it('reads an openpyxl workbook re-saved by LibreOffice as it read the original', async () => {
    const original = join(dir, 'from-python.xlsx');
    await writeWorkbookAs('openpyxl', original, REGISTER);
    const resaved = await resavedByLibreOffice(original, join(dir, 'libreoffice'));
    if (!resaved) return;
    const found = await read(resaved);
    expect(found.problems).toEqual([]);
    expect(found.accounts).toEqual(ACCOUNTS);
    expect((await read(resaved, '台账')).accounts).toEqual(ACCOUNTS);
  }, 240_000);

  it('takes the tabs in the workbook’s order, whatever the order of the parts in the zip', async () => {
    const file = join(dir, 'tabs.xlsx');
    // The accounts sheet first: its part (accounts.xml) is stored after the instructions'.
    await writeWorkbookAs('renamed-parts', file, [REGISTER[1]!, REGISTER[0]!]);
    const found = await read(file);
    expect(found.accounts).toEqual(ACCOUNTS);
    expect(found.notes).toEqual([]);
    expect((await read(file, '1')).accounts).toEqual(ACCOUNTS);
    expect((await read(file, '2')).problems).toMatchObject([{ code: 'no-account-column' }]);
  });

  it('resolves a relationship target relative to its part, or from the package root', () => {
    expect(partName('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(partName('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(partName('xl/workbook.xml', '../xl/worksheets/Sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(partName('xl/workbook.xml', './worksheets\\sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(partName('xl/workbook.xml', 'worksheets/%E5%8F%B0%E8%B4%A6.xml')).toBe('xl/worksheets/台账.xml');
    expect(partName('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });
});

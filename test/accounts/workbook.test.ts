import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { readLists, type ListItem } from '../../src/accounts/read.js';
import { detectFormat, hyperlinkFormulaTarget, numberText } from '../../src/accounts/workbook.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { listFixture } from '../helpers/lists.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');
const workbook = (name: string) => join(FIXTURES_DIR, 'workbooks', name);

async function read(file: string, sheet?: string) {
  const items: ListItem[] = [];
  for await (const item of readLists([file], { sheet })) items.push(item);
  return {
    accounts: items.flatMap((i) => (i.kind === 'account' ? [i.account] : [])),
    problems: items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : [])),
    notes: items.flatMap((i) => (i.kind === 'note' ? [i.note] : [])),
  };
}

const view = (accounts: Awaited<ReturnType<typeof read>>['accounts']) => accounts.map((a) => [a.key, a.name, a.org, a.region, a.source.row]);

describe('workbooks, as offices save their registers', () => {
  it.each([
    ['written by a library (ExcelJS)', 'office-register.xlsx'],
    ['re-saved by LibreOffice as .xlsx', 'office-register-libreoffice.xlsx'],
    ['saved by LibreOffice as .xls', 'office-register-libreoffice.xls'],
    ['saved by LibreOffice as .ods', 'office-register-libreoffice.ods'],
  ])('reads the register %s as the same list in CSV: instructions sheet passed over, title rows, hyperlinks, numeric ids, 合计', async (_how, name) => {
    const fromCsv = await read(listFixture('office-register-gbk.csv'));
    const fromBook = await read(workbook(name));
    expect(fromBook.problems).toEqual([]);
    expect(view(fromBook.accounts)).toEqual(view(fromCsv.accounts));
    expect(fromBook.accounts.every((a) => a.source.sheet === '账号台账')).toBe(true);
    expect(fromBook.notes.map((n) => n.code)).toEqual(['sheet-used', 'platform-from-link', 'platform-from-link', 'not-an-account', 'not-an-account']);
  });

  it('takes a hyperlinked cell’s target and a HYPERLINK formula’s, never the name they show', async () => {
    const { accounts } = await read(workbook('office-register.xlsx'));
    expect(accounts[0]).toMatchObject({ key: 'bilibili:400000001', name: '江城发布' });
    expect(accounts[3]).toMatchObject({ key: 'weibo:7000000001' });
  });

  it('reads the sheet asked for with --sheet, by name or number, and says when there is none', async () => {
    const byNumber = await read(workbook('office-register.xlsx'), '2');
    expect(byNumber.accounts).toHaveLength(6);
    expect(byNumber.notes.map((n) => n.code)).not.toContain('sheet-used');
    const instructions = await read(workbook('office-register.xlsx'), '填表说明');
    expect(instructions.problems).toMatchObject([{ code: 'no-account-column' }]);
    const missing = await read(workbook('office-register.xlsx'), '汇总');
    expect(missing.problems).toMatchObject([{ code: 'no-such-sheet', params: { detail: '汇总 (填表说明, 账号台账)' } }]);
  });

  it('reads a register whole on a slow machine, passing over sheets, with no temporary file', async () => {
    // Reconstructs a loaded machine (or an antivirus looking at every new file): each file
    // opened through Node's callback API waits 30 ms. ExcelJS's own single pass copied a sheet
    // to a temporary file and lost the parts of the zip that passed by meanwhile.
    const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
    const open = fs.open;
    const opened: string[] = [];
    const slowOpen = vi.spyOn(fs, 'open').mockImplementation(function (this: unknown, ...args: unknown[]) {
      opened.push(String(args[0]));
      setTimeout(() => (open as (...a: unknown[]) => void).apply(this, args), 30);
    } as typeof fs.open);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const fromCsv = await read(listFixture('office-register-gbk.csv'));
      const whole = await read(workbook('office-register.xlsx'));
      expect(whole.problems).toEqual([]);
      expect(view(whole.accounts)).toEqual(view(fromCsv.accounts));
      const byNumber = await read(workbook('office-register.xlsx'), '2');
      expect(byNumber.accounts).toHaveLength(6);
      const missing = await read(workbook('office-register.xlsx'), '汇总');
      expect(missing.problems).toMatchObject([{ code: 'no-such-sheet', params: { detail: '汇总 (填表说明, 账号台账)' } }]);
      // A file deleted under a read still opening it would fail after the read returned.
      await sleep(100);
      expect(uncaught).toEqual([]);
      expect(opened.filter((path) => basename(path).startsWith('tmp-'))).toEqual([]);
    } finally {
      slowOpen.mockRestore();
      process.off('uncaughtException', onUncaught);
    }
  });

  it('refuses an id Excel already turned into a float, saying why and what to do in Excel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-book-'));
    const file = join(dir, 'ids.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow(['平台', '账号', '单位', '地区']);
    sheet.addRow(['微博', 1.2345678901234567e18, '江城市', '江城市']);
    sheet.addRow(['B站', 400000001, '江城市', '江城市']);
    sheet.addRow(['微博', '=1+1', '江城市', '江城市']);
    await book.xlsx.writeFile(file);
    const { accounts, problems } = await read(file);
    expect(accounts.map((a) => a.key)).toEqual(['bilibili:400000001']);
    expect(problems[0]).toMatchObject({ source: { sheet: '台账', row: 2 }, column: '账号', code: 'bad-id', params: { value: expect.stringMatching(/^1\.23456789\d*E\+18$/), hint: 'excelNumber' } });
    // Text that looks like a formula is text: refused as an id, never evaluated.
    expect(problems[1]).toMatchObject({ source: { row: 4 }, code: 'bad-id', params: { value: '=1+1' } });
  });

  it('never calls a workbook or an archive a text-encoding problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-book-'));
    const zip = join(dir, 'list.csv');
    await writeFile(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]));
    const { problems } = await read(zip);
    // Its part names tell a (damaged) Word document: named as one (test/accounts/not-a-list.test.ts).
    expect(problems).toMatchObject([{ code: 'not-a-list', params: { kind: 'word', type: 'docx' } }]);
    const damaged = join(dir, 'list.xlsx');
    await writeFile(damaged, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml'), Buffer.alloc(64)]));
    expect((await read(damaged)).problems).toMatchObject([{ code: 'not-a-workbook' }]);
  });

  it('tells the formats apart by their first bytes', () => {
    expect(detectFormat(Buffer.from('平台,账号\n'))).toBe('text');
    expect(detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('cfb');
    expect(detectFormat(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]))).toBe('ods');
    // A web page or an XML spreadsheet saved under an .xls name; a CSV whose cell holds markup stays a CSV.
    expect(detectFormat(Buffer.from('\uFEFF<html xmlns:x="urn:schemas-microsoft-com:office:excel"><table>'))).toBe('markup');
    expect(detectFormat(Buffer.from('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'))).toBe('markup');
    expect(detectFormat(Buffer.from('平台,账号\n微博,<b>1</b>\n'))).toBe('text');
  });

  it('shows numbers as Excel shows them, and reads a HYPERLINK formula’s target without evaluating it', () => {
    expect(numberText(400000001)).toBe('400000001');
    expect(numberText(1.23e18)).toBe('1.23E+18');
    expect(numberText(3.5)).toBe('3.5');
    expect(hyperlinkFormulaTarget('HYPERLINK("https://weibo.com/u/1","微博")')).toBe('https://weibo.com/u/1');
    expect(hyperlinkFormulaTarget('SUM(A1:A3)')).toBeUndefined();
  });
});

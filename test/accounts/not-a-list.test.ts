import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLists, type ListItem } from '../../src/accounts/read.js';
import { describeNote, describeProblem } from '../../src/report/context.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { runInProcess } from '../helpers/in-process.js';
import { compoundOf, zipOf } from './workbook-writers.js';

async function read(file: string) {
  const items: ListItem[] = [];
  for await (const item of readLists([file])) items.push(item);
  return {
    accounts: items.flatMap((i) => (i.kind === 'account' ? [i.account] : [])),
    problems: items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : [])),
    notes: items.flatMap((i) => (i.kind === 'note' ? [i.note] : [])),
  };
}

/** GBK bytes, as a web system on a Chinese server writes its pages: each character's two bytes found through Node's own GB18030 decoder. */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      const char = decoder.decode(bytes);
      if (!table.has(char)) table.set(char, bytes);
    }
  }
  return Buffer.concat([...text].map((char) => (char.charCodeAt(0) < 0x80 ? Buffer.from(char) : table.get(char)!)));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-kinds-'));
});

const write = async (name: string, bytes: Buffer | string) => {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
};

const TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const rootRels = (target: string) =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
const docx = () => zipOf({ '[Content_Types].xml': TYPES, '_rels/.rels': rootRels('word/document.xml'), 'docProps/app.xml': '<Properties/>', 'word/document.xml': '<w:document/>', 'word/styles.xml': '<w:styles/>' });
const pptx = () => zipOf({ '[Content_Types].xml': TYPES, '_rels/.rels': rootRels('/ppt/presentation.xml'), 'ppt/presentation.xml': '<p:presentation/>', 'ppt/slides/slide1.xml': '<p:sld/>' });
const odt = () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946000101', 'hex');

describe('a file that is no list, named for what it is', () => {
  it.each<[string, () => Promise<Buffer> | Buffer, { kind: string; type: string }]>([
    ['台账.docx', docx, { kind: 'word', type: 'docx' }],
    // By content, not by name: a Word document saved as .xlsx is still one.
    ['台账.xlsx', docx, { kind: 'word', type: 'docx' }],
    ['汇报.pptx', pptx, { kind: 'presentation', type: 'pptx' }],
    ['台账.odt', odt, { kind: 'word', type: 'odt' }],
    ['台账.doc', () => compoundOf(['WordDocument', '1Table']), { kind: 'word', type: 'doc' }],
    ['台账.wps', () => compoundOf(['WordDocument', '1Table']), { kind: 'wps-writer', type: 'wps' }],
    ['汇报.ppt', () => compoundOf(['PowerPoint Document', 'Current User']), { kind: 'presentation', type: 'ppt' }],
    ['台账.pdf', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), { kind: 'pdf', type: 'pdf' }],
    ['台账.png', () => PNG, { kind: 'image', type: 'png' }],
    ['台账截图.jpg', () => JPEG, { kind: 'image', type: 'jpg' }],
    ['台账.csv', () => JPEG, { kind: 'image', type: 'jpg' }],
    ['台账.rtf', () => Buffer.from('{\\rtf1\\ansi 平台}'), { kind: 'word', type: 'rtf' }],
    ['台账.zip', () => zipOf({ '台账/账号台账.xlsx': 'PK', '台账/说明.txt': '说明' }), { kind: 'archive', type: 'zip' }],
    ['台账.rar', () => Buffer.from('526172211a0700cf907300000d', 'hex'), { kind: 'archive', type: 'rar' }],
    // An Office file under a password is a compound file holding the encrypted package.
    ['台账加密.xlsx', () => compoundOf(['EncryptionInfo', 'EncryptedPackage']), { kind: 'encrypted', type: 'xlsx' }],
    // WPS's spreadsheet in a form SheetJS cannot read.
    ['台账.et', () => compoundOf(['ETStorage', 'SummaryInformation']), { kind: 'wps-spreadsheet', type: 'et' }],
  ])('%s', async (name, bytes, other) => {
    const file = await write(name, await bytes());
    const { problems, accounts } = await read(file);
    expect(accounts).toEqual([]);
    expect(problems).toMatchObject([{ source: { file, row: 0 }, code: 'not-a-list', params: other }]);
    const zh = describeProblem(problems[0]!, 'zh-CN');
    const en = describeProblem(problems[0]!, 'en');
    expect(zh).toMatch(/这是.+，不是账号名单；/);
    expect(zh).toContain('.xlsx');
    expect(en).toMatch(/this is .+, not a list of accounts; /);
    expect(en).toContain('.xlsx');
    expect(zh).not.toMatch(/\(\)|（）/);
    // No English word in Chinese, product names aside.
    const words = zh.slice(file.length).replace(/\.[a-z0-9]+\b/g, '').match(/[A-Za-z]+/g) ?? [];
    expect(words.filter((w) => !['Word', 'WPS', 'Excel', 'PDF'].includes(w))).toEqual([]);
  });

  it('says what a Word document is and what to give instead, in either language', async () => {
    const file = await write('台账.docx', await docx());
    const { problems } = await read(file);
    expect(describeProblem(problems[0]!, 'zh-CN')).toBe(
      `${file}：这是 Word 文档（.docx），不是账号名单；账号名单应为表格文件：请把台账另存为 .xlsx（Excel 或 WPS 表格）或 .csv 后使用；如果台账是本文件中的表格，请先把表格复制到新的表格文件中再保存`,
    );
    expect(describeProblem(problems[0]!, 'en')).toContain(': this is a Word document (.docx), not a list of accounts; a list of accounts is a spreadsheet: save the register as .xlsx');
  });

  it('reads a WPS .et that is an Excel compound file, as SheetJS reads .xls', async () => {
    const file = join(dir, '账号台账.et');
    await copyFile(join(FIXTURES_DIR, 'workbooks', 'office-register-libreoffice.xls'), file);
    const { problems, accounts } = await read(file);
    expect(problems).toEqual([]);
    expect(accounts).toHaveLength(6);
  });

  it('reads a register a web system exported as a web page or an XML spreadsheet under an .xls name, in UTF-8 or GBK', async () => {
    const table = '<table><tr><td>平台</td><td>账号</td><td>账号名称</td></tr><tr><td>微博</td><td>7000000001</td><td>江城发布</td></tr><tr><td>B站</td><td>400000001</td><td>江城公安</td></tr></table>';
    const page = (charset: string) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"></head><body>${table}</body></html>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="台账"><Table><Row><Cell><Data ss:Type="String">平台</Data></Cell><Cell><Data ss:Type="String">账号链接</Data></Cell></Row><Row><Cell><Data ss:Type="String">微博</Data></Cell><Cell ss:HRef="https://weibo.com/u/7000000001"><Data ss:Type="String">江城发布</Data></Cell></Row><Row><Cell><Data ss:Type="String">B站</Data></Cell><Cell><Data ss:Type="Number">400000001</Data></Cell></Row></Table></Worksheet></Workbook>`;
    const utf8 = await read(await write('导出-utf8.xls', page('utf-8')));
    const fromGbk = await read(await write('导出-gbk.xls', gbk(page('gbk'))));
    const spreadsheet = await read(await write('导出-2003.xls', xml));
    for (const found of [utf8, fromGbk, spreadsheet]) {
      expect(found.problems).toEqual([]);
      expect(found.accounts.map((a) => a.key)).toEqual(['weibo:7000000001', 'bilibili:400000001']);
    }
    expect(utf8.accounts[0]!.source).toEqual({ file: join(dir, '导出-utf8.xls'), row: 2 });
    expect(spreadsheet.accounts[0]!.source.sheet).toBe('台账');
  });

  it('still reads workbooks and CSV, and a zip with no directory is a damaged copy, not a Word document', async () => {
    const xlsx = await read(join(FIXTURES_DIR, 'workbooks', 'office-register.xlsx'));
    expect(xlsx.problems).toEqual([]);
    const ods = await read(join(FIXTURES_DIR, 'workbooks', 'office-register-libreoffice.ods'));
    expect(ods.problems).toEqual([]);
    const bytes = await readFile(join(FIXTURES_DIR, 'workbooks', 'office-register.xlsx'));
    const truncated = await write('truncated.xlsx', bytes.subarray(0, bytes.length - 200));
    expect((await read(truncated)).problems).toMatchObject([{ code: 'not-a-workbook' }]);
    // A damaged Word document is still named as one: its first part tells it.
    const whole = await docx();
    const damagedDoc = whole.subarray(0, whole.length - 150);
    expect((await read(await write('damaged.docx', damagedDoc))).problems).toMatchObject([{ code: 'not-a-list', params: { kind: 'word' } }]);
  });

  it('validate names the kind, in Chinese, and exits 3 as for any unreadable file', async () => {
    const file = await write('台账-validate.docx', await docx());
    const run = await runInProcess(['--lang', 'zh-CN', 'validate', file]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('这是 Word 文档（.docx），不是账号名单');
    expect(run.stdout).not.toContain('没有账号列');
  });
});

describe('the template’s example rows', () => {
  it.each(['zh-CN', 'en'] as const)('are notes, never accounts, in the template init writes (%s, .xlsx and .csv)', async (lang) => {
    for (const name of [`template-${lang}.xlsx`, `template-${lang}.csv`]) {
      const file = join(dir, name);
      expect((await runInProcess(['--lang', lang, 'init', file])).code).toBe(0);
      const { accounts, problems, notes } = await read(file);
      expect(problems).toEqual([]);
      expect(accounts).toEqual([]);
      expect(notes.filter((n) => n.code === 'example-row')).toMatchObject([
        { source: { row: 2 }, column: '*', params: { value: '央视新闻' } },
        { source: { row: 3 }, column: '*', params: { value: '人民日报' } },
      ]);
    }
  });

  it('are said in validate, which counts no account from them', async () => {
    const file = join(dir, '账号台账.xlsx');
    await runInProcess(['--lang', 'zh-CN', 'init', file]);
    const run = await runInProcess(['--lang', 'zh-CN', 'validate', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('“央视新闻”：模板中的示例行（标有“示例行，请替换”），不是要检查的账号（已跳过）；请换成真实账号并删去该标记');
    expect(run.stderr).toContain('共 0 个账号');
  });

  it('are told by a mark of their own, in the rows of a filled-in list', async () => {
    const file = await write(
      'filled.csv',
      [
        '平台,账号链接,账号名称,备注',
        '抖音,https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M,央视新闻,示例行，请替换',
        '微博,1669879400,江城发布,',
        'B站,400000001,江城公安,（示例）',
        'B站,400000002,江城交警,已按示例格式填写',
        'B站,400000003,江城消防,Example row: replace it',
      ].join('\n'),
    );
    const { accounts, notes } = await read(file);
    expect(accounts.map((a) => a.key)).toEqual(['weibo:1669879400', 'bilibili:400000002']);
    expect(notes.filter((n) => n.code === 'example-row').map((n) => [n.source.row, n.code, n.params.mark])).toEqual([
      [2, 'example-row', '示例行，请替换'],
      [4, 'example-row', '（示例）'],
      [6, 'example-row', 'Example row: replace it'],
    ]);
    expect(describeNote(notes.at(-1)!, 'en')).toContain('"江城消防": an example row of the template (marked "Example row: replace it"), not an account (left out)');
  });
});

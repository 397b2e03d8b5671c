import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../src/report/context.js';
import { listFixture, readAll } from '../helpers/lists.js';
import { readLists, type ListItem } from '../../src/accounts/read.js';
import { resolveAccount } from '../../src/accounts/normalise.js';

const EXPECTED_ZH = [
  { platform: 'bilibili', id: '400000001', name: '江城发布', org: '江城市人民政府新闻办公室', region: '江城市', level: '市级' },
  { platform: 'bilibili', id: '400000006', name: '江城教育' },
  { platform: 'bilibili', id: '400000008', name: '江城应急管理' },
  { platform: 'weibo', id: '1669879400', name: '江城发布' },
];

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('reading account lists', () => {
  it.each(['gb18030-excel.csv', 'utf8-bom-excel.csv'])('reads %s with Chinese headers, detecting the encoding', async (name) => {
    const { accounts, problems } = await readAll([listFixture(name)]);
    expect(problems).toEqual([]);
    expect(accounts).toMatchObject(EXPECTED_ZH);
    expect(accounts[0]!.extra).toEqual({ 联系人: '张三' });
    expect(accounts.map((a) => a.source.row)).toEqual([2, 3, 4, 5]);
  });

  it('reads English headers without a BOM and infers the platform from a URL', async () => {
    const { accounts, problems } = await readAll([listFixture('utf8-english.csv')]);
    expect(problems).toEqual([]);
    expect(accounts).toMatchObject([
      { platform: 'bilibili', id: '400000001', name: 'Jiangcheng Release', org: 'Jiangcheng Information Office', extra: { Notes: 'main account' } },
      { platform: 'bilibili', id: '400000004', url: 'https://space.bilibili.com/400000004' },
    ]);
  });

  it('honours a forced encoding', async () => {
    const { accounts } = await readAll([listFixture('gb18030-excel.csv')], 'gb18030');
    expect(accounts[0]!.name).toBe('江城发布');
  });

  it('reports a GB18030 file read as UTF-8 as an encoding problem', async () => {
    const { accounts, problems } = await readAll([listFixture('gb18030-excel.csv')], 'utf-8');
    expect(accounts).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(describeProblem(problems[0]!, 'en')).toContain('not valid utf-8');
  });

  it('names the file, row and column of every bad row and keeps the good ones', async () => {
    const file = listFixture('bad-rows.csv');
    const { accounts, problems } = await readAll([file]);
    expect(accounts.map((a) => a.id)).toEqual(['400000001', '400000004']);
    const rendered = problems.map((p) => ({ row: p.source.row, column: p.column, code: p.code }));
    expect(rendered).toEqual([
      { row: 3, column: 'platform', code: 'unknown-platform' },
      { row: 4, column: 'account', code: 'missing-account' },
      { row: 5, column: 'account', code: 'bad-id' },
      { row: 6, column: 'platform', code: 'missing-platform' },
      { row: 7, column: 'account', code: 'foreign-host' },
      { row: 8, column: 'account', code: 'unrecognised-url' },
      { row: 9, column: 'account', code: 'bad-url' },
      { row: 10, column: 'account', code: 'foreign-host' },
      { row: 11, column: 'account', code: 'foreign-host' },
    ]);
    expect(describeProblem(problems[0]!, 'en')).toBe(
      `${file}, row 3, column "platform": unknown platform "bilbili" (did you mean bilibili (哔哩哔哩)?); expected one of bilibili (哔哩哔哩), douyin (抖音), kuaishou (快手), weibo (微博), xiaohongshu (小红书), toutiao (今日头条), xigua (西瓜视频), wechat-mp (微信公众号), wechat-channels (视频号), feed (订阅源（RSS/Atom）)`,
    );
    expect(describeProblem(problems[2]!, 'en')).toContain('Excel stored this long id as a number');
    expect(describeProblem(problems[4]!, 'zh-CN')).toBe(
      `${file} 第 7 行“account”列：域名 127.0.0.1 不是哔哩哔哩的主页域名；应为以下之一：space.bilibili.com, m.bilibili.com, b23.tv`,
    );
  });

  it('audits a repeated account once and reports the repetition', async () => {
    const { accounts, duplicates } = await readAll([listFixture('gb18030-excel.csv'), listFixture('utf8-bom-excel.csv')]);
    expect(accounts).toHaveLength(4);
    expect(duplicates).toHaveLength(4);
    expect(duplicates[0]).toMatchObject({
      key: 'bilibili:400000001',
      source: { file: listFixture('utf8-bom-excel.csv'), row: 2 },
      first: { file: listFixture('gb18030-excel.csv'), row: 2 },
    });
  });

  it('keeps counting spreadsheet rows across blank lines and quoted line breaks', async () => {
    const path = await tempFile('gaps.csv', 'platform,id,name\nbilibili,1,"two\nlines"\n\nbilibili,2,after a blank line\n');
    const { accounts } = await readAll([path]);
    expect(accounts.map((a) => a.source.row)).toEqual([2, 4]);
  });

  it('reports a malformed CSV row and goes on', async () => {
    const path = await tempFile('quote.csv', 'platform,id\nbilibili,"1\nbilibili,2\n');
    const { problems } = await readAll([path]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.code).toBe('malformed-csv');
  });

  it('turns unreadable files into problems without losing the other files', async () => {
    const { accounts, problems } = await readAll([
      listFixture('no-account-column.csv'),
      listFixture('empty.csv'),
      listFixture('does-not-exist.csv'),
      listFixture('utf8-english.csv'),
    ]);
    expect(accounts).toHaveLength(2);
    expect(problems.map((p) => [p.code, p.source.row])).toEqual([
      ['no-account-column', 1],
      ['empty-file', 0],
      ['file-not-found', 0],
    ]);
    expect(describeProblem(problems[0]!, 'en')).toMatch(/no-account-column\.csv, row 1: no account column in the header; expected one of url, link/);
  });
});

describe('a register as offices keep it', () => {
  it('finds the header below a title, skips blank rows, leaves out totals and notes with a note, and takes the link over an unknown platform name', async () => {
    const items: ListItem[] = [];
    for await (const item of readLists([listFixture('office-register-gbk.csv')])) items.push(item);
    const accounts = items.flatMap((i) => (i.kind === 'account' ? [i.account] : []));
    expect(items.filter((i) => i.kind === 'problem')).toEqual([]);
    expect(accounts.map((a) => `${a.platform}:${a.id}`)).toEqual([
      'bilibili:400000001',
      'bilibili:400000002',
      'douyin:MS4wLjABAAAAsim-inactive',
      'weibo:7000000001',
      'wechat-channels:江城卫健',
      'wechat-mp:jcfabu',
    ]);
    // 所属单位 and 所属地区 are the org and region columns.
    expect(accounts[2]).toMatchObject({ org: '江城市公安局交通警察支队', region: '江城市江南区', source: { row: 7 } });
    const notes = items.flatMap((i) => (i.kind === 'note' ? [i.note] : []));
    expect(notes.map((n) => [n.source.row, n.code, n.params.value])).toEqual([
      [7, 'platform-from-link', '抖音号'],
      [8, 'platform-from-link', '官方微博'],
      [12, 'not-an-account', '合计'],
      [13, 'not-an-account', '备注：本表由江城市委网信办汇总，每月更新。'],
    ]);
  });

  it('reads a platform cell that contains one platform’s Chinese name as that platform, and suggests the closest name for a misspelt one', () => {
    expect(resolveAccount('抖音号', 'MS4wLjABAAAAsim-active')).toMatchObject({ kind: 'ok', platform: { id: 'douyin' }, note: { code: 'platform-guessed' } });
    expect(resolveAccount('视频号（微信）', 'sphX')).toMatchObject({ kind: 'ok', platform: { id: 'wechat-channels' } });
    expect(resolveAccount('douyn', 'MS4wLjABAAAAsim-active')).toMatchObject({ kind: 'problem', params: { suggestion: 'douyin (抖音)' } });
    expect(resolveAccount('tiktok国际版', 'x')).toMatchObject({ kind: 'problem', code: 'unknown-platform' });
  });

  it('takes the name for the account of a platform known by name alone, and only there', () => {
    expect(resolveAccount('视频号', '', {}, '江城卫健')).toMatchObject({ kind: 'ok', id: '江城卫健' });
    expect(resolveAccount('公众号', '', {}, '江城发布')).toMatchObject({ kind: 'ok', platform: { id: 'wechat-mp' }, id: '江城发布' });
    expect(resolveAccount('抖音', '', {}, '江城发布')).toMatchObject({ kind: 'problem', code: 'missing-account' });
  });
});

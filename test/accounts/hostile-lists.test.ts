import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../src/accounts/account.js';
import { DEFAULT_LIST_LIMITS, listLimits, type ListLimits } from '../../src/accounts/limits.js';
import { readLists } from '../../src/accounts/read.js';
import { describeProblem } from '../../src/report/context.js';
import { loopingXls, odsOf, rawZip, repeatingOds, sharedStringsXml, smallXls, xlsxWithSharedStrings } from '../helpers/hostile-files.js';

/**
 * Issue #30, item 2: small hostile lists that declare a huge expansion end in
 * one clear problem, `over-limit`, naming the limit (exit 3 in the CLI: see
 * test/e2e/hostile-lists.test.ts), before the memory is spent; the files
 * themselves are made here, a few kilobytes each.
 */

async function fileOf(name: string, bytes: Buffer | string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-hostile-list-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function read(path: string, limits: Partial<ListLimits> = {}) {
  const accounts: string[] = [];
  const problems: RowProblem[] = [];
  for await (const item of readLists([path], { limits: { ...DEFAULT_LIST_LIMITS, ...limits } })) {
    if (item.kind === 'account') accounts.push(item.account.key);
    if (item.kind === 'problem') problems.push(item.problem);
  }
  return { accounts, problems };
}

/** The one problem of a refused file: over which limit, said in both languages. */
async function refused(path: string, limits: Partial<ListLimits> = {}) {
  const { accounts, problems } = await read(path, limits);
  expect(accounts).toEqual([]);
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem!.code).toBe('over-limit');
  return { problem: problem!, en: describeProblem(problem!, 'en'), zh: describeProblem(problem!, 'zh-CN') };
}

describe('an OpenDocument sheet whose rows and columns repeat', () => {
  it('is refused before SheetJS makes a cell of it (a kilobyte asking for billions of cells)', async () => {
    const bytes = repeatingOds(1_048_575, 16_383);
    expect(bytes.length).toBeLessThan(2048);
    const { problem, en, zh } = await refused(await fileOf('list.ods', bytes));
    expect(problem.params).toMatchObject({ limit: 'cells', max: String(DEFAULT_LIST_LIMITS.maxCells), variable: 'GOV_AUDIT_MAX_CELLS' });
    expect(en).toContain('list.ods');
    expect(en).toContain('more than 20,000,000 cells');
    expect(en).toContain('GOV_AUDIT_MAX_CELLS');
    expect(zh).toContain('超过 20,000,000 个单元格');
    expect(zh).toContain('GOV_AUDIT_MAX_CELLS');
  });

  it('with a content cell far to the right, beyond any sheet’s last column, is refused too', async () => {
    const body = '<table:table-row><table:table-cell office:value-type="string"><text:p>platform</text:p></table:table-cell><table:table-cell table:number-columns-repeated="900000000"/><table:table-cell office:value-type="string"><text:p>account</text:p></table:table-cell></table:table-row>';
    expect((await refused(await fileOf('wide.ods', odsOf(body)))).problem.params.limit).toBe('cells');
  });

  it('is read when its repeats stay within the limit, each repeated row an account', async () => {
    const { accounts, problems } = await read(await fileOf('small.ods', repeatingOds(3, 1)));
    expect(problems.map((p) => describeProblem(p, 'en'))).toEqual([]);
    // Three rows of one account: the first is the account, the others its duplicates.
    expect(accounts).toEqual(['bilibili:1']);
  });

  it('takes the limit from GOV_AUDIT_MAX_CELLS', async () => {
    expect(listLimits({ GOV_AUDIT_MAX_CELLS: '100' }).maxCells).toBe(100);
    expect(listLimits({ GOV_AUDIT_MAX_CELLS: 'many' }).maxCells).toBe(DEFAULT_LIST_LIMITS.maxCells);
    expect((await refused(await fileOf('over.ods', repeatingOds(200, 1)), listLimits({ GOV_AUDIT_MAX_CELLS: '100' }))).problem.params.max).toBe('100');
  });
});

describe('a compound file (.xls) whose chain of sectors loops', () => {
  for (const chain of ['fat', 'minifat', 'directory'] as const) {
    it(`is refused when its ${chain} loops (four bytes changed)`, async () => {
      const { problem, en, zh } = await refused(await fileOf('list.xls', loopingXls(chain)));
      expect(problem.params.limit).toBe('cfb-loop');
      expect(en).toContain('loops back on itself');
      expect(zh).toContain('成环');
    });
  }

  it('is read as ever when nothing loops', async () => {
    expect(await read(await fileOf('list.xls', smallXls()))).toEqual({ accounts: ['bilibili:1'], problems: [] });
  });
});

describe('an .xlsx whose shared strings inflate far beyond their size', () => {
  it('is stopped at the limit on a part, whatever size the zip declares for it', async () => {
    // 25 MB of strings packed in about 25 KB, declared as 100 bytes: only counting the bytes as they come stops it.
    const bytes = xlsxWithSharedStrings(sharedStringsXml(2_500, 10_000), { declaredSize: 100 });
    expect(bytes.length).toBeLessThan(200_000);
    const { problem, en, zh } = await refused(await fileOf('list.xlsx', bytes), { maxPartBytes: 8 * 1024 * 1024 });
    expect(problem.params).toMatchObject({ limit: 'part', variable: 'GOV_AUDIT_MAX_UNZIPPED_MB' });
    expect(en).toContain('inflates to more than 2 MB');
    expect(zh).toContain('解压后超过 2 MB');
  });

  it('is refused from its directory when it says it inflates beyond the limit', async () => {
    const bytes = xlsxWithSharedStrings(sharedStringsXml(10, 1), { declaredSize: 3 * 1024 * 1024 * 1024 });
    expect((await refused(await fileOf('list.xlsx', bytes))).problem.params).toMatchObject({ limit: 'part', max: String(DEFAULT_LIST_LIMITS.maxPartBytes) });
  });

  it('is refused past the number of shared strings held', async () => {
    const { problem, en } = await refused(await fileOf('list.xlsx', xlsxWithSharedStrings(sharedStringsXml(5_000, 1))), { maxSharedStrings: 1_000 });
    expect(problem.params).toMatchObject({ limit: 'shared-strings', max: '1000' });
    expect(en).toContain('more than 1,000 shared strings');
  });

  it('is read as ever within the limits', async () => {
    expect(await read(await fileOf('list.xlsx', xlsxWithSharedStrings(sharedStringsXml(10, 1))))).toEqual({ accounts: ['bilibili:1'], problems: [] });
  });
});

describe('a zip', () => {
  it('whose entries overlap (one kernel inflated by every entry) is refused from its directory', async () => {
    const kernel = { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024 * 1024, 'a') };
    const bytes = rawZip([{ name: '[Content_Types].xml', data: '<Types/>' }, kernel], { overlapping: 199 });
    const { problem, en, zh } = await refused(await fileOf('list.xlsx', bytes));
    expect(problem.params.limit).toBe('zip-overlap');
    expect(en).toContain('entries of the zip overlap');
    expect(zh).toContain('相互重叠');
  });

  it('listing more entries than the limit is refused', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ name: `xl/part${i}.xml`, data: '<x/>' }));
    expect((await refused(await fileOf('list.xlsx', rawZip([{ name: '[Content_Types].xml', data: '<Types/>' }, ...entries])), { maxZipEntries: 20 })).problem.params).toMatchObject({ limit: 'zip-entries', max: '20' });
  });

  it('read whole by SheetJS (.ods) is inflated against the limits, whatever it declares', async () => {
    const content = Buffer.alloc(8 * 1024 * 1024, ' ');
    const bytes = rawZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
      { name: 'content.xml', data: content, declaredSize: 10 },
    ]);
    expect((await refused(await fileOf('list.ods', bytes), { maxPartBytes: 1024 * 1024 })).problem.params.limit).toBe('part');
    void deflateRawSync;
  });
});

describe('a CSV', () => {
  it('with a line of short fields is stopped at the limit on fields, before its record is held', async () => {
    const line = `platform,account\nbilibili,${'a,'.repeat(200_000)}\n`;
    const { problem, en, zh } = await refused(await fileOf('list.csv', line));
    expect(problem.params).toMatchObject({ limit: 'csv-fields', max: '16384' });
    expect(en).toContain('more than 16,384 fields');
    expect(zh).toContain('超过 16,384 个字段');
  });

  it('with a record longer than the limit (an unclosed quote) is refused', async () => {
    const { problem } = await refused(await fileOf('list.csv', `platform,account\nbilibili,"${'x'.repeat(300_000)}\n`), { maxCsvRecordChars: 100_000 });
    expect(problem.params).toMatchObject({ limit: 'csv-record', max: '100000' });
  });

  it('counts commas and line ends inside quotes as text, as csv-parse does', async () => {
    const quoted = `"${',\n'.repeat(50)}"`;
    const { accounts, problems } = await read(await fileOf('list.csv', `platform,account,note\nbilibili,https://space.bilibili.com/1,${quoted}\n`), { maxCsvFields: 3 });
    expect(problems).toEqual([]);
    expect(accounts).toEqual(['bilibili:1']);
  });
});

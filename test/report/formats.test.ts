import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/index.js';
import { CSV_COLUMNS } from '../../src/report/fields.js';
import { finding, NOW, sampleReport } from '../helpers/report.js';
import { rank } from '../../src/audit/rank.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { countChanges } from '../../src/audit/changes.js';
import { MARKDOWN_MAX_BYTES } from '../../src/report/markdown.js';

const report = sampleReport();
const plain = { color: false } as const;

describe('CSV report', () => {
  // Written inside each test, never while the tests are collected: mutation testing attributes
  // what runs at collection to no test, and would not see a broken cell.
  const csvText = () => REPORTERS.csv(report, { lang: 'en', ...plain });
  const csvRows = () => parse(csvText()) as string[][];

  it('has the stable columns in order, then the extra input columns', () => {
    const rows = csvRows();
    expect(rows[0]).toEqual([
      'rank', 'score', 'status', 'status code', 'reason', 'explanation', 'platform', 'id', 'name', 'name on platform', 'org',
      'region', 'level', 'posts', 'followers', 'last post', 'days since last post', 'posts in last 30 days', 'longest gap (days)',
      'url', 'file', 'row', 'checked at', 'detail', 'duplicate rows', 'what to do', 'findings', 'change', 'change code',
      'in this status since', 'as listed', 'what the account should do', 'platform name', 'verification', '备注',
    ]);
    expect(rows[0]).toHaveLength(CSV_COLUMNS.length + 1);
  });

  it('gives one row per account in rank order', () => {
    const rows = csvRows();
    expect(rows.slice(1).map((r) => [r[0], r[3], r[7]])).toEqual([
      ['1', 'zombie', '2'],
      ['2', 'inactive', '3'],
      ['3', 'not-found', '4'],
      ['4', 'active', '1'],
      ['5', 'unverified', '5'],
    ]);
    expect(rows[4]![24]).toBe('list.csv:9');
  });

  it('neutralises every cell a spreadsheet would run as a formula, and keeps numbers as numbers', () => {
    const rows = csvRows();
    expect(rows[1]![8]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[1]![10]).toBe(`'@SUM(1+1)`);
    expect(rows[3]![8]).toBe(`'-2+3`);
    // The first extra column of the input, after the stable ones.
    expect(rows[4]![CSV_COLUMNS.length]).toBe(`'+86 10 1234`);
    expect(rows[5]![25]).toContain('--rate bilibili=1/10');
    expect(rows[4]![14]).toBe('182340');
  });

  it('writes its headers in Chinese for a Chinese report', () => {
    const zh = parse(REPORTERS.csv(report, { lang: 'zh-CN', ...plain })) as string[][];
    expect(zh[0]!.slice(0, 4)).toEqual(['排名', '严重程度', '状态', '状态代码']);
    expect(zh[1]![2]).toBe('僵尸账号');
    expect(zh[1]![3]).toBe('zombie');
  });

  it('ends records with CRLF, as Excel expects', () => {
    const text = csvText();
    expect(text.split('\r\n')).toHaveLength(csvRows().length + 1);
  });
});

describe('JSON report', () => {
  const json = JSON.parse(REPORTERS.json(report, { lang: 'en', ...plain }));

  it('follows the documented shape', () => {
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['tool', 'version', 'scannedAt', 'now', 'thresholds', 'summary', 'accounts']),
    );
    expect(json.tool).toBe('gov-audit');
    expect(json.now).toBe('2026-11-20T10:00:00+08:00');
    expect(json.thresholds).toEqual({ inactiveDays: 14, zombieDays: 90 });
    expect(json.summary).toEqual({
      total: 5,
      byStatus: { zombie: 1, inactive: 1, 'not-found': 1, active: 1, unverified: 1 },
      duplicateRows: 1,
      invalidRows: 1,
      rates: { listed: 5, judged: 4, passed: 1, failed: 2, notFound: 1, unverified: 1, passRate: 1 / 3, checkedRate: 0.8 },
    });
    expect(Object.keys(json.accounts[0])).toEqual(
      expect.arrayContaining([
        'rank', 'score', 'platform', 'id', 'url', 'name', 'org', 'region', 'level', 'row', 'status', 'reason', 'postCount',
        'followers', 'lastPostAt', 'daysSinceLastPost', 'postsInLast30Days', 'checkedAt', 'extra',
      ]),
    );
  });

  it('gives the latest post in China time and the problems with their messages', () => {
    const inactive = json.accounts.find((a: { id: string }) => a.id === '3');
    expect(inactive.lastPostAt).toBe('2026-10-31T10:00:00+08:00');
    expect(json.problems[0]).toMatchObject({ file: 'list.csv', row: 8, column: '平台', code: 'unknown-platform' });
    expect(json.problems[0].message).toContain('unknown platform "tiktok"');
  });
});

describe('NDJSON report', () => {
  it('writes one account per line, in rank order', () => {
    const lines = REPORTERS.ndjson(report, { lang: 'en', ...plain }).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => JSON.parse(l).rank)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('Markdown report', () => {
  const md = REPORTERS.markdown(report, { lang: 'en', ...plain });

  it('starts with the summary and ranks the accounts, unverified ones under their own heading', () => {
    expect(md).toMatch(/^# Account audit\n/);
    expect(md).toContain('| zombie | 1 |');
    expect(md.indexOf('## Ranking')).toBeLessThan(md.indexOf('## Needs manual check'));
    expect(md.split('## Needs manual check')[1]).toContain('江城税务');
  });

  it('escapes cells so that no name becomes markup or breaks the table', () => {
    expect(md).toContain('Pipe &#124; and &lt;b&gt;markup&lt;/b&gt;');
    expect(md).not.toContain('<b>');
    for (const line of md.split('\n').filter((l) => l.startsWith('| 3 |'))) expect(line.split(' | ')).toHaveLength(13);
  });

  it('exists in Chinese', () => {
    const zh = REPORTERS.markdown(report, { lang: 'zh-CN', ...plain });
    expect(zh).toContain('# 政务账号巡检报告');
    expect(zh).toContain('## 需人工核实');
    expect(zh).toContain('| 僵尸账号 | 1 |');
  });

  it('stays under 1 MiB for a national list: summary and changes whole, the ranking cut with a pointer to the CSV', () => {
    const findings = Array.from({ length: 30_000 }, (_, i) =>
      finding(String(100_000 + i), i % 2 ? 'zombie' : 'inactive', i % 2 ? 'silent' : null, {
        name: `江城市某某局政务账号第${i}号`,
        org: '江城市人民政府办公室某某处',
        change: { kind: 'newly-zombie', previousStatus: 'active', previousAt: new Date(0), since: new Date(0) },
      }, i),
    );
    const large = { ...sampleReport(), accounts: rank(findings, NOW, DEFAULT_THRESHOLDS), changes: { previousAt: new Date(0), counts: countChanges(findings) } };
    const text = REPORTERS.markdown(large, { lang: 'zh-CN', ...plain });
    expect(Buffer.byteLength(text)).toBeLessThan(MARKDOWN_MAX_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MARKDOWN_MAX_BYTES * 0.9);
    expect(text).toContain('| 僵尸账号 | 15000 |');
    expect(text.indexOf('## 自 1970-01-01 08:00 以来的变化')).toBeLessThan(text.indexOf('## 问题排名'));
    // Both cut tables say how many rows the CSV and JSON reports hold beyond them.
    expect(text.match(/……另有 \d+ 个（见 CSV 或 JSON 报告）/g)).toHaveLength(2);
    expect(text).toContain('| 1 | 僵尸账号 |');
  });
});

describe('table report', () => {
  it('shows the summary counts before the ranking', () => {
    const text = REPORTERS.table(report, { lang: 'en', ...plain });
    expect(text.indexOf('Summary: 5 accounts — zombie 1 · inactive 1 · not found 1 · active 1 · unverified 1')).toBeGreaterThan(0);
    expect(text.indexOf('Summary')).toBeLessThan(text.indexOf('Ranking'));
  });

  it('fits the terminal width, counting Chinese characters as two columns', async () => {
    const { default: stringWidth } = await import('string-width');
    const text = REPORTERS.table(report, { lang: 'zh-CN', color: false, width: 100 });
    const tableLines = text.split('\n').filter((l) => /^\s*\d+\s{2}/.test(l) || l.startsWith('──') || l.includes('─'));
    expect(tableLines.length).toBeGreaterThan(3);
    for (const line of tableLines) expect(stringWidth(line)).toBeLessThanOrEqual(100);
  });

  it('colours statuses only when asked', () => {
    expect(REPORTERS.table(report, { lang: 'en', color: false })).not.toContain('\u001b[');
    expect(REPORTERS.table(report, { lang: 'en', color: true })).toContain('\u001b[');
  });
});

describe('rollups and findings beyond status', () => {
  const grouped = () => {
    const report = sampleReport();
    report.groupBy = ['org', 'platform'];
    return report;
  };

  it('gives JSON a groups array ranked by the share of zombie and inactive accounts, and the findings', () => {
    const report = grouped();
    report.accounts.find((f) => f.account.id === '1')!.account.org = '@SUM(1+1)';
    const json = JSON.parse(REPORTERS.json(report, { lang: 'en', ...plain }));
    expect(json.groups.filter((g: { by: string }) => g.by === 'platform')).toEqual([
      {
        by: 'platform',
        value: 'bilibili',
        total: 5,
        byStatus: { zombie: 1, inactive: 1, 'not-found': 1, active: 1, unverified: 1 },
        problemShare: 0.5,
        passRate: 1 / 3,
        checkedRate: 0.8,
        rates: { listed: 5, judged: 4, passed: 1, failed: 2, notFound: 1, unverified: 1, passRate: 1 / 3, checkedRate: 0.8 },
      },
    ]);
    const orgShares = json.groups.filter((g: { by: string }) => g.by === 'org').map((g: { problemShare: number }) => g.problemShare);
    expect(orgShares).toEqual([...orgShares].sort((a: number, b: number) => b - a));
    expect(json.findings).toContainEqual({ code: 'no-posts-no-followers', accounts: ['2'] });
    expect(json.findings).toContainEqual(expect.objectContaining({ code: 'several-accounts', org: '@SUM(1+1)', platform: 'bilibili', accounts: ['2', '1'] }));
    expect(json.accounts.find((a: { id: string }) => a.id === '2').notices).toEqual(['several-accounts', 'no-posts-no-followers']);
  });

  it('adds a section per rollup and the findings to the table and the Markdown', () => {
    const md = REPORTERS.markdown(grouped(), { lang: 'zh-CN', ...plain });
    expect(md).toContain('## 按主办单位统计');
    expect(md).toContain('## 按平台统计');
    expect(md).toContain('## 其他发现');
    expect(md).toContain('| 哔哩哔哩 | 5 | 1 (20%) | 1 (20%) | 1 (20%) | 1 (20%) | 1 (20%) | 50% (2/4) | 33% (1/3) | 80% (4/5) |');
    const table = REPORTERS.table(grouped(), { lang: 'en', ...plain });
    expect(table).toContain('By body');
    expect(table).toContain('no posts and no followers');
  });

  it('writes the findings per account into the CSV', () => {
    const rows = parse(REPORTERS.csv(grouped(), { lang: 'en', ...plain })) as string[][];
    const notices = rows[0]!.indexOf('findings');
    expect(rows[1]![notices]).toBe('no posts and no followers');
  });
});

describe('long ids in spreadsheets', () => {
  it('keeps ids of 12 digits or more as text, so that Excel does not round them', () => {
    const report = sampleReport();
    report.accounts[0]!.account.id = '3493086911007167';
    const rows = parse(REPORTERS.csv(report, { lang: 'en', ...plain })) as string[][];
    expect(rows[1]![7]).toBe('\t3493086911007167');
    expect(rows[2]![7]).toBe('3');
    // Exactly 12 digits is already too many; 11 is not, and a mixed id is text anyway.
    for (const [id, cell] of [['123456789012', '\t123456789012'], ['12345678901', '12345678901'], ['x123456789012', 'x123456789012'], ['123456789012x', '123456789012x']]) {
      report.accounts[0]!.account.id = id!;
      expect((parse(REPORTERS.csv(report, { lang: 'en', ...plain })) as string[][])[1]![7], id).toBe(cell);
    }
  });
});

describe('spreadsheet formulas', () => {
  it('neutralises every start a spreadsheet runs: =, +, -, @, a tab and a carriage return', async () => {
    const { safeCell } = await import('../../src/report/csv.js');
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r=1+1']) expect(safeCell(text)).toBe(`'${text}`);
    expect(safeCell('江城发布')).toBe('江城发布');
    // Only the first character counts: a formula sign inside a text is harmless.
    expect(safeCell('a=1+1')).toBe('a=1+1');
    expect(safeCell('')).toBe('');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
  });
});

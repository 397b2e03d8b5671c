import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type AuditReport, type Finding } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import { HistoryStore } from '../../src/history/store.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { runCli } from '../helpers/cli.js';
import { docxFileText } from '../helpers/docx-text.js';
import { soffice } from '../helpers/libreoffice.js';
import { finding } from '../helpers/report.js';

/*
 * The 通报 as an office gets it: written by a scan (-o 通报.docx) and by
 * `gov-audit notice` from the scan's JSON report, with and without the
 * history, and opened by LibreOffice (Writer), which CI installs.
 */

const NOW = '2026-11-20T10:00:00+08:00';
const BEFORE = new Date('2026-10-21T10:00:00+08:00');

// Accounts of the simulator whose verdicts are known (fixtures/simulator): active, inactive, zombie, not found, unverified.
const LIST = [
  '平台,账号,账号名称,主办单位,地区,层级',
  'B站,400000001,江城发布,江城市人民政府新闻办公室,江城市,市级',
  'B站,400000005,江城卫健,江城市卫生健康委员会,江城市,市级',
  'B站,400000007,江城气象,江城市气象局,江南区,区县级',
  'B站,400000008,江城应急管理,江城市应急管理局,江城市,市级',
  'B站,400000010,江城政府,江城市人民政府,江城市,市级',
  'B站,400000013,江城税务,国家税务总局江城市税务局,江城市,市级',
  '微博,7000000001,江城发布,江城市人民政府新闻办公室,江城市,市级',
  '微博,7000000005,江城气象,江城市气象局,江北区,区县级',
  '微博,7000000006,江城档案,江城市档案馆,江南区,区县级',
].join('\n');

let simulator: RunningSimulator;
let dir: string;
let db: string;
let json: string;
let scanned: string;

/** The previous audit, a month before, as the history holds it. */
function previousAudit(): AuditReport {
  const on = (platform: string, id: string, status: Finding['status'], reason: Finding['reason'], order: number) => {
    const f = finding(id, status, reason, {}, order);
    f.account = { ...f.account, platform, key: `${platform}:${id}` };
    return f;
  };
  const findings = [
    on('bilibili', '400000001', 'zombie', 'silent', 0),
    on('bilibili', '400000007', 'zombie', 'silent', 1),
    on('bilibili', '400000005', 'inactive', null, 2),
    on('weibo', '7000000005', 'active', null, 3),
  ];
  return { tool: 'gov-audit', version: '0.0.0-test', scannedAt: BEFORE, now: BEFORE, thresholds: DEFAULT_THRESHOLDS, files: ['list.csv'], interrupted: false, groupBy: [], accounts: rank(findings, BEFORE, DEFAULT_THRESHOLDS), duplicates: [], problems: [], notes: [] };
}

const simulatorArgs = () => [...simulator.connectTo().flatMap((rule) => ['--connect-to', rule]), '--rsshub', simulator.rsshub, '--cookies', 'fixtures/demo/cookies.txt', '--rate', '*=0/1', '--timeout', '1', '--retries', '0'];

/** The document's text, one line per paragraph (a table cell is a paragraph). */
const textOf = docxFileText;

beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-notice-'));
  db = join(dir, 'history.sqlite');
  const store = HistoryStore.open(db);
  store.recordRun(previousAudit());
  store.close();
  await writeFile(join(dir, '江城市政务新媒体台账.csv'), LIST);
  json = join(dir, 'report.json');
  scanned = join(dir, '通报.docx');
  const scan = await runCli(['scan', join(dir, '江城市政务新媒体台账.csv'), ...simulatorArgs(), '--now', NOW, '--db', db, '--archive', join(dir, 'evidence'), '-o', json, '-o', scanned, '--lang', 'zh-CN', '-q']);
  expect(scan.code, scan.stderr).toBe(0);
});
afterAll(() => simulator.close());

describe('the 通报 of a scan, and gov-audit notice', () => {
  it('writes the same 通报 from the scan (-o 通报.docx) and from its JSON report, with or without --db', async () => {
    const fromScan = await textOf(scanned);
    const plain = await runCli(['notice', json, '-o', join(dir, 'a.docx'), '--lang', 'zh-CN']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain(`已写入 ${join(dir, 'a.docx')}`);
    const withDb = await runCli(['notice', json, '--db', db, '-o', join(dir, 'b.docx'), '--lang', 'zh-CN']);
    expect(withDb.code, withDb.stderr).toBe(0);
    expect(await textOf(join(dir, 'a.docx'))).toBe(fromScan);
    expect(await textOf(join(dir, 'b.docx'))).toBe(fromScan);
  });

  it('states the pass rates the JSON report counts, overall and by platform', async () => {
    const report = JSON.parse(await readFile(json, 'utf8')) as { summary: { rates: { listed: number; judged: number; passed: number; failed: number; passRate: number; checkedRate: number } }; accounts: { platform: string; status: string }[] };
    const text = await textOf(scanned);
    const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
    const { rates } = report.summary;
    expect(rates).toMatchObject({ listed: 9, judged: 8, passed: 2, failed: 5 });
    expect(text).toContain(`名单内共 ${rates.listed} 个账号，已得出检查结论 ${rates.judged} 个，核实率 ${percent(rates.checkedRate)}。`);
    expect(text).toContain(`合格率 ${percent(rates.passRate)}。`);
    for (const [platform, label] of [['bilibili', '哔哩哔哩'], ['weibo', '微博']] as const) {
      const mine = report.accounts.filter((a) => a.platform === platform);
      const count = (...statuses: string[]) => mine.filter((a) => statuses.includes(a.status)).length;
      const passed = count('active');
      const failed = count('inactive', 'zombie');
      const row = [label, mine.length, passed, failed, count('not-found'), count('unverified'), percent(passed / (passed + failed)), percent((mine.length - count('unverified')) / mine.length)];
      expect(text).toContain(row.join('\n'));
    }
  });

  it('follows up the previous audit from the history: corrected, not corrected, newly failing', async () => {
    const text = await textOf(scanned);
    const review = text.slice(text.indexOf('、复核情况'), text.indexOf('、待人工核实的账号'));
    expect(review).toContain('与北京时间 2026-10-21 10:00 的上一次检查相比：');
    expect(review).toContain('上一次检查不合格的 3 个账号中，已整改 1 个，仍未整改 2 个，已不存在或本次未能核实 0 个。');
    expect(review).toContain(['江城市人民政府新闻办公室', '江城发布', '400000001', '哔哩哔哩', '僵尸账号（2026-10-21）', '活跃', '已整改'].join('\n'));
    expect(review).toContain(['江城市气象局', '江城气象', '400000007', '哔哩哔哩', '僵尸账号（2026-10-21）', '僵尸账号', '未整改'].join('\n'));
    expect(review).toContain(['江城市气象局', '江城气象', '7000000005', '微博', '活跃（2026-10-21）', '更新不及时'].join('\n'));
    expect(review).toContain(['江城市应急管理局', '江城应急管理', '400000008', '哔哩哔哩', '首次检查', '僵尸账号（从未发布）'].join('\n'));
  });

  it('reads in Chinese: no English word before the section for the drafting office', async () => {
    const text = await textOf(scanned);
    const handedOn = text.slice(0, text.indexOf('、待人工核实的账号'));
    expect(handedOn).toContain('、问题清单');
    expect(handedOn.replaceAll('gov-audit', '').match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });

  it('names the evidence archive and the command that replays it', async () => {
    const text = await textOf(scanned);
    expect(text).toMatch(/WARC 存档文件 gov-audit-\d{8}T\d{6}Z\.warc\.gz/);
    expect(text).toMatch(/gov-audit scan \S+江城市政务新媒体台账\.csv --replay <存档目录>\/gov-audit-\d{8}T\d{6}Z\.warc\.gz/);
  });

  it('takes --title and --deadline, writes English with --lang en, and writes to a pipe', async () => {
    const path = join(dir, 'en.docx');
    const en = await runCli(['notice', json, '-o', path, '--lang', 'en', '--title', 'Notice on Q4 checks', '--deadline', '2026-12-10']);
    expect(en.code, en.stderr).toBe(0);
    const text = await textOf(path);
    expect(text.split('\n')[0]).toBe('Notice on Q4 checks');
    expect(text).toContain('Deadline for corrections: 2026-12-10.');
    expect(text).toContain('3. Problems found, by body');
    // scan and merge take --deadline for the 通报 they write too.
    const merged = await runCli(['merge', json, '-o', join(dir, 'merged.docx'), '--deadline', '2026-12-11', '--lang', 'zh-CN', '-q']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(await textOf(join(dir, 'merged.docx'))).toContain('整改时限：2026年12月11日前。');
    const piped = await runCli(['notice', json, '--lang', 'zh-CN']);
    expect(piped.code).toBe(0);
    expect(Buffer.from(piped.stdout, 'latin1').subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses what it cannot do, in Chinese, with exit 3', async () => {
    const badDay = await runCli(['notice', json, '-o', join(dir, 'x.docx'), '--deadline', '2026-02-30', '--lang', 'zh-CN']);
    expect(badDay.code).toBe(3);
    expect(badDay.stderr).toContain('--deadline');
    expect(badDay.stderr).toContain('2026-12-04');
    const notDocx = await runCli(['notice', json, '-o', join(dir, 'x.pdf'), '--lang', 'zh-CN']);
    expect(notDocx.code).toBe(3);
    expect(notDocx.stderr).toContain('文件名应以 .docx 结尾');
    const noDb = await runCli(['notice', json, '--db', join(dir, 'none.sqlite'), '--lang', 'zh-CN']);
    expect(noDb.code).toBe(3);
    await expect(stat(join(dir, 'none.sqlite'))).rejects.toThrow();
    const notReport = await runCli(['notice', join(dir, '江城市政务新媒体台账.csv'), '--lang', 'zh-CN']);
    expect(notReport.code).toBe(3);
  });

  it('opens in LibreOffice Writer and prints on A4 portrait pages', async () => {
    const office = await soffice();
    // CI installs LibreOffice Writer (.ci/run): there its absence is a failure, not a skip.
    if (!office) return expect(process.env.CI, 'LibreOffice (soffice) is not installed').toBeFalsy();
    const out = join(dir, 'pdf');
    // A profile of its own: a LibreOffice already running (another test, a person) would take the conversion over.
    const profile = `file://${await mkdtemp(join(tmpdir(), 'gov-audit-lo-'))}`;
    await promisify(execFile)(office, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, scanned], { timeout: 240_000 });
    const pdf = (await readFile(join(out, '通报.pdf'))).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
    const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    // A4 is 595.3 × 841.9 points: portrait, every page.
    for (const [width, height] of boxes) {
      expect(width).toBeCloseTo(595.3, 0);
      expect(height).toBeCloseTo(841.9, 0);
    }
  }, 300_000);
});


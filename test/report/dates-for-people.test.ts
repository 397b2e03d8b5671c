import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { BINARY_REPORTERS, REPORTERS } from '../../src/report/index.js';
import { rank } from '../../src/audit/rank.js';
import { DEFAULT_THRESHOLDS, type AuditReport, type Finding, type RankedFinding } from '../../src/audit/finding.js';
import { countChanges } from '../../src/audit/changes.js';
import { DAY_MS, toChinaIso } from '../../src/audit/time.js';
import { finding, NOW, sampleReport } from '../helpers/report.js';

const plain = { color: false } as const;
const HOUR_MS = 60 * 60 * 1000;
/** The audit before this one: 2026-11-06 10:00, two weeks earlier. */
const BEFORE = new Date(NOW.getTime() - 14 * DAY_MS);

/**
 * Three moves since the last audit, each with its `since` as src/audit/changes.ts gives it:
 * - active → inactive, its last post 14 days and 2 hours before this audit: the line was crossed
 *   at 08:00 on the day of this audit, two weeks after the last one;
 * - active → zombie, never posted (no date to count from): since the first audit that found it so, this one;
 * - zombie → not verified this time: no `since`.
 */
function reportWithChanges(): AuditReport & { accounts: RankedFinding[] } {
  const lastPost = new Date(NOW.getTime() - 14 * DAY_MS - 2 * HOUR_MS);
  const findings: Finding[] = [
    finding('1', 'inactive', null, {
      name: '江城团委',
      lastPostAt: lastPost,
      daysSinceLastPost: 14,
      change: { kind: 'newly-inactive', previousStatus: 'active', previousAt: BEFORE, since: new Date(lastPost.getTime() + 14 * DAY_MS) },
    }, 0),
    finding('2', 'zombie', 'never-posted', {
      name: '江城林业',
      postCount: 0,
      change: { kind: 'newly-zombie', previousStatus: 'active', previousAt: BEFORE, since: NOW },
    }, 1),
    finding('3', 'unverified', 'blocked', {
      name: '江城档案',
      change: { kind: 'unverified', previousStatus: 'zombie', previousAt: BEFORE, since: null },
    }, 2),
  ];
  const accounts = rank(findings, NOW, DEFAULT_THRESHOLDS);
  return { ...sampleReport(), accounts, changes: { previousAt: BEFORE, counts: countChanges(accounts) } };
}

const lineOf = (text: string, name: string) => text.split('\n').find((line) => line.includes(name)) ?? '';

describe('dates written for people', () => {
  it('heads every human report with the audit instant in Beijing time, to the minute', () => {
    const report = sampleReport();
    for (const format of ['table', 'markdown', 'html'] as const) {
      const zh = REPORTERS[format](report, { lang: 'zh-CN', ...plain });
      const en = REPORTERS[format](report, { lang: 'en', ...plain });
      expect(zh, format).toContain('北京时间 2026-11-20 10:00');
      expect(en, format).toContain('2026-11-20 10:00 China time (UTC+8)');
      // The old header, `2026-11-20 10:00 (UTC+8)`, with no word for the zone.
      for (const text of [zh, en]) expect(text, format).not.toContain('10:00 (UTC+8)');
      expect(zh, format).not.toMatch(/检查时间：\**2026/);
    }
  });

  it('writes no ISO instant with seconds in the HTML, and says 北京时间 on the workbook’s summary sheet', async () => {
    const report = { ...sampleReport(), scannedAt: new Date(NOW.getTime() + 83_000) };
    const html = REPORTERS.html(report, { lang: 'zh-CN', ...plain });
    expect(html).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(html).toContain('北京时间 2026-11-20 10:01');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await BINARY_REPORTERS.xlsx(report, { lang: 'zh-CN', ...plain })) as unknown as ArrayBuffer);
    const summary = book.worksheets[0]!;
    const cells: string[] = [];
    summary.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain('北京时间 2026-11-20 10:00');
  });

  it('keeps the JSON report’s instants in ISO 8601 (the contract)', () => {
    const json = JSON.parse(REPORTERS.json(sampleReport(), { lang: 'zh-CN', ...plain }));
    expect(json.now).toBe(toChinaIso(NOW));
    expect(json.now).toBe('2026-11-20T10:00:00+08:00');
  });

  it('says between which two audits an account moved, and what its date means, in words that cannot read as a contradiction', () => {
    const zh = REPORTERS.markdown(reportWithChanges(), { lang: 'zh-CN', ...plain });
    expect(lineOf(zh, '江城团委')).toContain('上次检查（2026-11-06 10:00）：活跃 → 本次检查：更新不及时；2026-11-20 08:00 起已超过 14 天未发布');
    // First found a zombie by this audit: "本次检查" says it, no second date.
    expect(lineOf(zh, '江城林业')).toContain('上次检查（2026-11-06 10:00）：活跃 → 本次检查：僵尸账号 |');
    expect(lineOf(zh, '江城档案')).toContain('上次检查（2026-11-06 10:00）：僵尸账号 → 本次检查：待人工核实 |');
    const en = REPORTERS.markdown(reportWithChanges(), { lang: 'en', ...plain });
    expect(lineOf(en, '江城团委')).toContain('last audit (2026-11-06 10:00): active → this audit: inactive; more than 14 days without a post since 2026-11-20 08:00');
    // The old wording, "2026-11-06 时为活跃；自 2026-11-20 起为更新不及时", is gone.
    for (const text of [zh, en]) expect(text).not.toMatch(/时为|was \w+ on/);
  });

  it('says since when an account has been found so, from the audits, when no post date gives it', () => {
    const report = reportWithChanges();
    // The never-posted zombie, with a run of audits that found it so before this one.
    const earlier = new Date(BEFORE.getTime() - 30 * DAY_MS);
    const moved = { ...report, accounts: report.accounts.map((a) => (a.account.id === '2' ? { ...a, change: { ...a.change!, since: earlier } } : a)) };
    const zh = REPORTERS.markdown(moved, { lang: 'zh-CN', ...plain });
    expect(lineOf(zh, '江城林业')).toContain('上次检查（2026-11-06 10:00）：活跃 → 本次检查：僵尸账号；自 2026-10-07 10:00 的检查起每次均为僵尸账号');
    const en = REPORTERS.markdown(moved, { lang: 'en', ...plain });
    expect(lineOf(en, '江城林业')).toContain('zombie at every audit since 2026-10-07 10:00');
  });
});

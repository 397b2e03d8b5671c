import type { AuditReport, Finding, RankedFinding } from '../../src/audit/finding.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import { emptyFinding } from '../../src/audit/classify.js';

export const NOW = new Date('2026-11-20T10:00:00+08:00');

/** A finding built by hand, for report and ranking tests. */
export function finding(
  id: string,
  status: Finding['status'],
  reason: Finding['reason'],
  extra: Partial<Finding> & { name?: string; org?: string } = {},
  order = 0,
): Finding {
  const { name, org, ...rest } = extra;
  const account = {
    key: `bilibili:${id}`,
    platform: 'bilibili',
    id,
    url: `https://space.bilibili.com/${id}`,
    name,
    org,
    region: '江城市',
    level: '市级',
    extra: { 备注: '' },
    source: { file: 'list.csv', row: order + 2 },
    order,
  };
  return { ...emptyFinding(account, NOW), status, reason, detail: null, ...rest };
}

/** A small audit with every status, and names and cells chosen to be hostile. */
/** A report of the findings given, ranked at NOW, with no list problems and no history; `extra` sets any field. */
export function reportOf(findings: Finding[], extra: Partial<AuditReport> = {}): AuditReport {
  return {
    tool: 'gov-audit',
    version: '0.0.0-test',
    scannedAt: NOW,
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    files: ['list.csv'],
    interrupted: false,
    groupBy: [],
    accounts: rank(findings, NOW, DEFAULT_THRESHOLDS),
    duplicates: [],
    problems: [],
    notes: [],
    ...extra,
  };
}

export function sampleReport(): AuditReport & { accounts: RankedFinding[] } {
  const findings = [
    finding('1', 'active', null, { name: '江城发布', postCount: 412, followers: 182340, lastPostAt: new Date(NOW.getTime() - DAY_MS), daysSinceLastPost: 1 }, 0),
    finding('2', 'zombie', 'never-posted', { name: '=HYPERLINK("http://x","y")', org: '@SUM(1+1)', postCount: 0, followers: 0 }, 1),
    finding('3', 'inactive', null, { name: 'Pipe | and <b>markup</b>', lastPostAt: new Date(NOW.getTime() - 20 * DAY_MS), daysSinceLastPost: 20 }, 2),
    finding('4', 'not-found', 'missing', { name: '-2+3' }, 3),
    finding('5', 'unverified', 'blocked', { name: '江城税务', detail: 'HTTP 412' }, 4),
  ];
  findings[0]!.account.extra = { 备注: '+86 10 1234' };
  return reportOf(findings, {
    duplicates: [{ source: { file: 'list.csv', row: 9 }, key: 'bilibili:1', first: { file: 'list.csv', row: 2 } }],
    problems: [{ source: { file: 'list.csv', row: 8 }, column: '平台', code: 'unknown-platform', params: { value: 'tiktok', expected: 'bilibili' } }],
    notes: [{ source: { file: 'list.csv', row: 10 }, column: '*', code: 'not-an-account', params: { value: '合计' } }],
  }) as AuditReport & { accounts: RankedFinding[] };
}

import { DEFAULT_THRESHOLDS, type AuditReport, type RankedFinding, type Thresholds } from '../audit/finding.js';
import { toChinaIso, toChinaMinute } from '../audit/time.js';
import { messages, type Lang, type Messages } from '../i18n/index.js';
import { findPlatform } from '../platforms/index.js';
import type { Verification } from '../platforms/observation.js';
import type { Change } from '../audit/changes.js';

/**
 * The columns of the CSV report, in their stable order (docs/report-format.md).
 * Extra input columns follow them. Add new columns at the end only.
 */
export const CSV_COLUMNS = [
  'rank',
  'score',
  'status',
  'statusCode',
  'reason',
  'reasonText',
  'platform',
  'id',
  'name',
  'platformName',
  'org',
  'region',
  'level',
  'postCount',
  'followers',
  'lastPostAt',
  'daysSinceLastPost',
  'postsInLast30Days',
  'longestGapDays',
  'url',
  'file',
  'row',
  'checkedAt',
  'detail',
  'duplicateRows',
  'remedy',
  'notices',
  'change',
  'changeCode',
  'changeSince',
  'listedAs',
  'advice',
  'platformLabel',
  'verification',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export type Cell = string | number | null;

export function columnTitle(column: CsvColumn, lang: Lang): string {
  const m = messages(lang);
  if (column === 'statusCode') return lang === 'en' ? 'status code' : '状态代码';
  if (column === 'changeCode') return lang === 'en' ? 'change code' : '变化代码';
  if (column === 'changeSince') return m.column.changeSince;
  if (column === 'listedAs') return m.column.listedAs;
  if (column === 'advice') return m.column.advice;
  if (column === 'platformLabel') return m.column.platformLabel;
  return m.column[column];
}

export function platformLabel(platform: string, lang: Lang): string {
  return findPlatform(platform)?.label[lang] ?? platform;
}

/** The name a person knows the account by: the list's, else the platform's. */
export function displayName(finding: RankedFinding): string {
  return finding.account.name ?? finding.platformName ?? '';
}

export function findingCells(finding: RankedFinding, lang: Lang, duplicates: readonly string[], notices: readonly string[], thresholds: Thresholds, verbose = false): Record<CsvColumn, Cell> {
  // A Chinese report leaves the platform's raw answer and the runner's options to the JSON and --verbose.
  const plain = lang !== 'en' && !verbose;
  const m = messages(lang);
  const { account } = finding;
  return {
    rank: finding.rank,
    score: finding.score,
    status: m.status[finding.status],
    statusCode: finding.status,
    reason: finding.reason,
    reasonText: finding.reason ? m.reason[finding.reason] : null,
    platform: account.platform,
    id: account.id,
    name: account.name ?? null,
    platformName: finding.platformName,
    org: account.org ?? null,
    region: account.region ?? null,
    level: account.level ?? null,
    postCount: finding.postCount,
    followers: finding.followers,
    // `2026-11-20 10:00`, China time: what Excel and WPS recognise as a date (JSON keeps ISO 8601).
    lastPostAt: finding.lastPostAt ? toChinaMinute(finding.lastPostAt) : null,
    daysSinceLastPost: finding.daysSinceLastPost,
    postsInLast30Days: finding.postsInLast30Days,
    longestGapDays: finding.longestGapDays,
    url: account.url || null,
    file: account.source.file,
    row: account.source.row,
    checkedAt: toChinaMinute(finding.checkedAt),
    detail: plain ? readableDetail(finding, lang) : finding.detail,
    duplicateRows: duplicates.length ? duplicates.join(' ') : null,
    remedy: plain ? null : remedyText(finding, lang),
    notices: notices.length ? notices.map((code) => m.notices.label[code] ?? code).join('; ') : null,
    change: finding.change ? m.change.kind[finding.change.kind] : null,
    changeCode: finding.change?.kind ?? null,
    changeSince: finding.change?.since ? toChinaMinute(finding.change.since) : null,
    listedAs: account.listedAs ?? null,
    advice: adviceText(finding, lang, thresholds),
    platformLabel: platformLabel(account.platform, lang),
    verification: finding.identity?.verification ? verificationLabel(finding.identity.verification, lang) : null,
  };
}

/** "已更名：A → B", "认证信息变化：未认证 → 政务认证：…": what of the account's identity changed since the previous audit. */
export function identityChangeNotes(change: Change, lang: Lang): string[] {
  const m = messages(lang).change;
  const notes: string[] = [];
  if (change.renamed) notes.push(m.renamed(change.renamed.from, change.renamed.to));
  if (change.verificationChanged) notes.push(m.verificationChanged(verificationLabel(change.verificationChanged.from, lang), verificationLabel(change.verificationChanged.to, lang)));
  return notes;
}

/** A verification in a few words: `政务认证：央视新闻官方账号`, `未认证`. */
export function verificationLabel(verification: Verification, lang: Lang): string {
  const m = messages(lang).identity;
  if (!verification.verified) return m.notVerified;
  return m.verified(m.kind[verification.kind ?? 'unknown'], verification.text);
}

/**
 * What the account's operator should do, in plain words (the reports handed
 * to a superior show this, not the options of the person running the scan).
 */
export function adviceText(finding: RankedFinding, lang: Lang, thresholds: Thresholds): string | null {
  const m = messages(lang).advice;
  switch (finding.status) {
    case 'zombie':
      return finding.reason === 'never-posted' ? m['never-posted']() : m.zombie(thresholds.zombieDays);
    case 'inactive':
      return m.inactive(thresholds.inactiveDays);
    case 'not-found':
      return m['not-found']();
    case 'unverified':
      return m.unverified();
    default:
      return null;
  }
}

/** The detail a reader of a Chinese report can use: the day of a check by hand; the raw answers stay in JSON. */
export function readableDetail(finding: RankedFinding, lang: Lang): string | null {
  return finding.reason === 'manual-check' && finding.account.manual ? messages(lang).detail.manualCheck(finding.account.manual.checkedOn) : null;
}

/** What a person can do about an unverified account; null for a verdict. */
/**
 * What the runner can do about an unverified account. `command` is how the
 * person started gov-audit (`npx gov-audit` in the clone), for a remedy printed
 * on their terminal; a report file is read later and elsewhere, and says `gov-audit`.
 */
export function remedyText(finding: RankedFinding, lang: Lang, command?: string): string | null {
  if (finding.status !== 'unverified' || !finding.reason) return null;
  const remedy = messages(lang).remedy[finding.reason as keyof Messages['remedy']];
  return remedy ? remedy(finding.account.platform, command) : null;
}

/** Every extra column of the input, in first-seen order. */
export function extraColumns(report: AuditReport): string[] {
  const seen = new Set<string>();
  for (const finding of report.accounts) for (const header of Object.keys(finding.account.extra)) seen.add(header);
  return [...seen];
}

/** A column of the human-readable reports (table, Markdown). */
export interface ReadableColumn {
  title: string;
  align: 'left' | 'right';
  /** May be cut when the terminal is narrow. */
  shrink: boolean;
  /** Left out of a narrow terminal, highest first; absent: always shown. */
  dropOrder?: number;
  comfortableWidth?: number;
  value: (finding: RankedFinding) => string;
}

/** A count as a table shows it: empty when unknown. */
export const countText = (value: number | null) => (value === null ? '' : String(value));

/** The columns a person reads, shared by the table and the Markdown report. */
export function readableColumns(
  lang: Lang,
  extras: readonly string[],
  { manual = false, shortReasons = false, runnerRemedy = true, thresholds = DEFAULT_THRESHOLDS, command = undefined as string | undefined } = {},
): ReadableColumn[] {
  const m = messages(lang);
  const column = (
    title: string,
    value: ReadableColumn['value'],
    options: { align?: 'left' | 'right'; shrink?: boolean; dropOrder?: number; comfortableWidth?: number } = {},
  ): ReadableColumn => ({ title, align: options.align ?? 'left', shrink: options.shrink ?? false, ...options, value });
  const reason = (f: RankedFinding) => (f.reason ? (shortReasons ? m.reasonLabel : m.reason)[f.reason] : '');
  const always = [
    column('#', (f) => String(f.rank), { align: 'right' }),
    column(m.column.status, (f) => m.status[f.status]),
  ];
  const account = [
    column(m.column.platform, (f) => platformLabel(f.account.platform, lang), { dropOrder: 3 }),
    column(m.column.name, displayName, { shrink: true, comfortableWidth: 14 }),
    column(m.column.org, (f) => f.account.org ?? '', { shrink: true, comfortableWidth: 16 }),
    column(m.column.region, (f) => f.account.region ?? '', { shrink: true, dropOrder: 8 }),
  ];
  const figures = [
    column(m.column.followers, (f) => countText(f.followers), { align: 'right', dropOrder: 7 }),
    column(m.column.postCount, (f) => countText(f.postCount), { align: 'right', dropOrder: 6 }),
  ];
  const tail = [
    column(m.column.id, (f) => f.account.id, { shrink: true, dropOrder: 9 }),
    ...extras.map((header) => column(header, (f) => f.account.extra[header] ?? '', { shrink: true, dropOrder: 10 })),
  ];
  if (manual) {
    // Unverified accounts have no dates to show; why, and what to do, matter most.
    return [
      ...always,
      column(m.column.reasonText, reason, { shrink: true, comfortableWidth: 16 }),
      ...account,
      // The runner's options for the terminal and an English report; a Chinese report's reader gets the advice.
      runnerRemedy
        ? column(m.column.remedy, (f) => remedyText(f, lang, command) ?? '', { shrink: true, dropOrder: 5, comfortableWidth: 20 })
        : column(m.column.advice, (f) => adviceText(f, lang, thresholds) ?? '', { shrink: true, dropOrder: 5, comfortableWidth: 20 }),
      ...figures,
      ...tail,
    ];
  }
  return [
    ...always,
    column(m.column.reasonText, reason, { shrink: true, dropOrder: 5, comfortableWidth: 20 }),
    column(m.column.daysSinceLastPost, (f) => countText(f.daysSinceLastPost), { align: 'right' }),
    column(m.column.lastPostAt, (f) => (f.lastPostAt ? toChinaIso(f.lastPostAt).slice(0, 10) : ''), { dropOrder: 4 }),
    ...account,
    ...figures,
    ...tail,
  ];
}
import type { AuditReport } from '../audit/finding.js';
import { STATUSES } from '../audit/status.js';
import { toChinaMinute } from '../audit/time.js';
import { messages, type Lang } from '../i18n/index.js';
import { countByStatus, describeDuplicate, describeProblem, splitForReading, type Reporter } from './context.js';
import { extraColumns, readableColumns } from './fields.js';
import { changeSection, groupSections, groupTable, noticeLines } from './sections.js';

/**
 * Escapes text for a Markdown table cell: pipes and newlines would break the
 * row, and `<`, `>`, `&`, `[`, `]` and backquotes would let a name from the
 * web become markup or a link in a CI job summary.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function markdownTable(headers: string[], rows: string[][], alignRight: ReadonlySet<number>): string {
  const rule = headers.map((_, i) => (alignRight.has(i) ? '---:' : '---'));
  return [row(headers.map(escapeCell)), row(rule), ...rows.map((r) => row(r.map(escapeCell)))].join('\n');
}

/**
 * GitHub refuses a job summary over 1 MiB. The Markdown report always fits:
 * the summary and the smaller sections whole, then as many rows of the
 * changes and of the ranking as the rest allows, each cut table saying how
 * many more rows the CSV and JSON reports hold.
 */
export const MARKDOWN_MAX_BYTES = 1024 * 1024;
/** Room kept for what a CI step may add around the report. */
const MARKDOWN_MARGIN_BYTES = 8 * 1024;
/** The changes may take at most this share of the room, so the ranking always shows its top. */
const CHANGES_SHARE = 0.4;

/** The summary, the changes and the ranked table, fit for a CI job summary. */
export const markdown: Reporter = (report, ctx) => {
  const m = messages(ctx.lang);
  const counts = countByStatus(report.accounts);
  const { verdicts, manual } = splitForReading(report);
  const head = [
    `# ${m.report.title}`,
    '',
    `${m.report.auditedAt}${m.colon}**${toChinaMinute(report.now)}** (UTC+8)${m.stop}${m.report.thresholds(report.thresholds.inactiveDays, report.thresholds.zombieDays)}${m.stop.trim()}`,
    '',
    `## ${m.report.summary}`,
    '',
    markdownTable(
      [m.column.status, m.report.count],
      [...STATUSES.map((s) => [m.status[s], String(counts[s])]), [m.report.totalLabel, String(report.accounts.length)]],
      new Set([1]),
    ),
  ];
  const tail = tailSections(report, ctx.lang);
  let budget = MARKDOWN_MAX_BYTES - MARKDOWN_MARGIN_BYTES - bytes(head) - bytes(tail);
  const changes = changeSection(report, ctx.lang);
  if (changes) {
    const section = ['', `## ${changes.title}`, ''];
    if (changes.sentence) section.push(changes.sentence);
    if (changes.rows.length) section.push(tableWithin(changes.headers, changes.rows, new Set(), budget * CHANGES_SHARE, ctx.lang));
    budget -= bytes(section);
    head.push(...section);
  }
  for (const [title, findings, manualCheck] of [
    [m.report.ranking, verdicts, false],
    [m.report.needsManualCheck, manual, true],
  ] as const) {
    if (!findings.length) continue;
    const columns = readableColumns(ctx.lang, extraColumns(report), { manual: manualCheck });
    const rightAligned = new Set(columns.flatMap((c, i) => (c.align === 'right' ? [i] : [])));
    const rows = findings.map((f) => columns.map((c) => c.value(f)));
    const section = ['', `## ${title}`, '', tableWithin(columns.map((c) => c.title), rows, rightAligned, budget, ctx.lang)];
    budget -= bytes(section);
    head.push(...section);
  }
  return `${[...head, ...tail].join('\n')}\n`;
};

/** Rollups, findings beyond status, duplicates and invalid rows: short, and always shown whole. */
function tailSections(report: AuditReport, lang: Lang): string[] {
  const m = messages(lang);
  const tail: string[] = [];
  for (const { title, rows } of groupSections(report, lang)) {
    const { headers, cells } = groupTable(rows, lang);
    tail.push('', `## ${title}`, '', markdownTable(headers, cells, new Set(headers.map((_, i) => i).filter((i) => i > 0))));
  }
  const notices = noticeLines(report, lang);
  if (notices.length) tail.push('', `## ${m.notices.title}`, '', ...notices.map((line) => `- ${escapeCell(line)}`));
  if (report.duplicates.length) {
    tail.push('', `## ${m.report.duplicates}`, '', ...report.duplicates.map((d) => `- ${escapeCell(describeDuplicate(d, lang))}`));
  }
  if (report.problems.length) {
    tail.push('', `## ${m.report.problems}`, '', ...report.problems.map((p) => `- ${escapeCell(describeProblem(p, lang))}`));
  }
  return tail;
}

const bytes = (lines: readonly string[]) => Buffer.byteLength(lines.join('\n')) + 1;

/** As many rows as fit in `budget` bytes, then a line saying how many more the CSV holds. */
function tableWithin(headers: string[], rows: string[][], alignRight: ReadonlySet<number>, budget: number, lang: Lang): string {
  const lines = markdownTable(headers, [], alignRight).split('\n');
  // Room for the "… and N more" line.
  let used = bytes(lines) + 200;
  let shown = 0;
  for (const cells of rows) {
    const line = row(cells.map(escapeCell));
    used += Buffer.byteLength(line) + 1;
    if (used > budget) break;
    lines.push(line);
    shown++;
  }
  if (shown < rows.length) lines.push('', messages(lang).report.more(rows.length - shown));
  return lines.join('\n');
}

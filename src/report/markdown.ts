import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { STATUSES } from '../audit/status.js';
import { toChinaMinute } from '../audit/time.js';
import { messages, type Lang } from '../i18n/index.js';
import { countByStatus, describeDuplicate, describeProblem, splitForReading, type Reporter } from './context.js';
import { extraColumns, readableColumns } from './fields.js';
import { groupSections, groupTable, noticeLines } from './sections.js';

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

/** The summary and the ranked table, fit for a CI job summary. */
export const markdown: Reporter = (report, ctx) => {
  const m = messages(ctx.lang);
  const counts = countByStatus(report.accounts);
  const { verdicts, manual } = splitForReading(report);
  const out = [
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
  if (verdicts.length) out.push('', `## ${m.report.ranking}`, '', findingsTable(report, verdicts, ctx.lang));
  if (manual.length) out.push('', `## ${m.report.needsManualCheck}`, '', findingsTable(report, manual, ctx.lang, true));
  for (const { title, rows } of groupSections(report, ctx.lang)) {
    const { headers, cells } = groupTable(rows, ctx.lang);
    out.push('', `## ${title}`, '', markdownTable(headers, cells, new Set(headers.map((_, i) => i).filter((i) => i > 0))));
  }
  const notices = noticeLines(report, ctx.lang);
  if (notices.length) out.push('', `## ${m.notices.title}`, '', ...notices.map((line) => `- ${escapeCell(line)}`));
  if (report.duplicates.length) {
    out.push('', `## ${m.report.duplicates}`, '', ...report.duplicates.map((d) => `- ${escapeCell(describeDuplicate(d, ctx.lang))}`));
  }
  if (report.problems.length) {
    out.push('', `## ${m.report.problems}`, '', ...report.problems.map((p) => `- ${escapeCell(describeProblem(p, ctx.lang))}`));
  }
  return `${out.join('\n')}\n`;
};

function findingsTable(report: AuditReport, findings: RankedFinding[], lang: Lang, manual = false): string {
  const columns = readableColumns(lang, extraColumns(report), { manual });
  const rightAligned = new Set(columns.flatMap((c, i) => (c.align === 'right' ? [i] : [])));
  const rows = findings.map((f) => columns.map((c) => c.value(f)));
  return markdownTable(columns.map((c) => c.title), rows, rightAligned);
}

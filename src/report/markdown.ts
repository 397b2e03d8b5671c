import type { AuditReport } from '../audit/finding.js';
import { STATUSES } from '../audit/status.js';
import { toChinaMinute } from '../audit/time.js';
import { messages, type Lang } from '../i18n/index.js';
import { countByStatus, describeDuplicate, describeNote, describeProblem, splitForReading, type Reporter } from './context.js';
import { escapeControl } from './control.js';
import { extraColumns, readableColumns } from './fields.js';
import { alertLines, changeSection, groupSections, groupTable, noticeLines, ratioNotes, ratioText, ratioTitle, summaryRatios, type RatioValue } from './sections.js';

/**
 * Escapes text for a Markdown table cell: pipes and newlines would break the
 * row, and `<`, `>`, `&`, `[`, `]` and backquotes would let a name from the
 * web become markup or a link in a CI job summary. Terminal controls and bidi
 * marks are shown escaped first (`escapeControl`; line breaks are then made
 * spaces here), their backslash kept by Markdown's own escaping.
 */
export function escapeCell(text: string): string {
  return escapeControl(text, 'cell')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** A Markdown table with every cell escaped. */
export function markdownTable(headers: string[], rows: string[][], alignRight: ReadonlySet<number>): string {
  const rule = headers.map((_, i) => (alignRight.has(i) ? '---:' : '---'));
  return [row(headers.map(escapeCell)), row(rule), ...rows.map((r) => row(r.map(escapeCell)))].join('\n');
}

/**
 * GitHub refuses a job summary over 1 MiB. The Markdown report always fits:
 * the title and summary whole; every other section within its share of the
 * room (the changes first, then the ranking with whatever is left), each cut
 * table or list saying how many more rows the CSV and JSON reports hold.
 */
export const MARKDOWN_MAX_BYTES = 1024 * 1024;
/** Room kept for what a CI step may add around the report. */
const MARKDOWN_MARGIN_BYTES = 8 * 1024;
/** The changes may take at most this share of the room, so the ranking always shows its top. */
const CHANGES_SHARE = 0.3;
/** Each rollup and each list (findings, duplicates, invalid rows): usually short, never more than this share. */
const SECTION_SHARE = 0.05;
/** A line of a list, such as a finding that names thousands of accounts, is cut at this length. */
const MAX_LINE_CHARS = 2000;

/** The summary, the changes and the ranked table, fit for a CI job summary. */
export const markdown: Reporter = (report, ctx) => {
  const m = messages(ctx.lang);
  const counts = countByStatus(report.accounts);
  const { verdicts, manual } = splitForReading(report);
  const head = [
    `# ${escapeCell(report.title ?? m.report.title)}`,
    '',
    `${m.report.auditedAt}${m.colon}**${m.report.chinaTime(toChinaMinute(report.now))}**${m.stop}${m.report.thresholds(report.thresholds.inactiveDays, report.thresholds.zombieDays)}${m.stop.trim()}`,
    '',
    ...alertLines(report, ctx.lang).flatMap((line) => [`> **${escapeCell(line)}**`, '']),
    `## ${m.report.summary}`,
    '',
    markdownTable(
      [m.column.status, m.report.count],
      [...STATUSES.map((s) => [m.status[s], String(counts[s])]), [m.report.totalLabel, String(report.accounts.length)]],
      new Set([1]),
    ),
    '',
    ...ratiosSection(summaryRatios(report), ctx.lang),
  ];
  const room = MARKDOWN_MAX_BYTES - MARKDOWN_MARGIN_BYTES - bytes(head);
  const tail = tailSections(report, ctx.lang, room * SECTION_SHARE);
  let budget = room - bytes(tail);
  const changes = changeSection(report, ctx.lang);
  if (changes) {
    const section = ['', `## ${changes.title}`, ''];
    if (changes.sentence) section.push(changes.sentence);
    if (changes.rows.length) section.push(tableWithin(changes.headers, changes.rows, new Set(), room * CHANGES_SHARE, ctx.lang));
    budget -= bytes(section);
    head.push(...section);
  }
  for (const [title, findings, manualCheck] of [
    [m.report.ranking, verdicts, false],
    [m.report.needsManualCheck, manual, true],
  ] as const) {
    if (!findings.length) continue;
    const columns = readableColumns(ctx.lang, extraColumns(report), { manual: manualCheck, runnerRemedy: ctx.lang === 'en' || Boolean(ctx.verbose), thresholds: report.thresholds });
    const rightAligned = new Set(columns.flatMap((c, i) => (c.align === 'right' ? [i] : [])));
    const rows = findings.map((f) => columns.map((c) => c.value(f)));
    const howToClose = manualCheck ? ['', m.html.recordManual] : [];
    const section = ['', `## ${title}`, ...howToClose, '', tableWithin(columns.map((c) => c.title), rows, rightAligned, budget, ctx.lang)];
    budget -= bytes(section);
    head.push(...section);
  }
  return `${[...head, ...tail].join('\n')}\n`;
};

/** Rollups, findings beyond status, duplicates and invalid rows, each within `budget` bytes. */
function tailSections(report: AuditReport, lang: Lang, budget: number): string[] {
  const m = messages(lang);
  const tail: string[] = [];
  for (const { title, rows } of groupSections(report, lang)) {
    const { headers, cells } = groupTable(rows, lang);
    tail.push('', `## ${escapeControl(title)}`, '', tableWithin(headers, cells, new Set(headers.map((_, i) => i).filter((i) => i > 0)), budget, lang), '', ...noteLines(lang));
  }
  const lists: [string, string[]][] = [
    [m.notices.title, noticeLines(report, lang)],
    [m.report.duplicates, report.duplicates.map((d) => describeDuplicate(d, lang))],
    [m.report.problems, report.problems.map((p) => describeProblem(p, lang))],
    [m.report.notes, report.notes.map((n) => describeNote(n, lang))],
  ];
  for (const [title, lines] of lists) if (lines.length) tail.push('', `## ${title}`, '', linesWithin(lines, budget, lang));
  return tail;
}

/** The whole list's ratios as a table, then what each counts. */
function ratiosSection(values: readonly RatioValue[], lang: Lang): string[] {
  const m = messages(lang);
  const rows = values.map((value) => [ratioTitle(value.ratio, lang), ratioText(value)]);
  return [markdownTable([m.rates.ratio, m.rates.value], rows, new Set([1])), '', ...noteLines(lang)];
}

/** What each ratio counts, as a list under a table of ratios. */
const noteLines = (lang: Lang) => ratioNotes(lang).map((note) => `- ${escapeCell(note)}`);

const bytes = (lines: readonly string[]) => Buffer.byteLength(lines.join('\n')) + 1;

/** Room for the "… and N more" line. */
const MORE_LINE_BYTES = 200;

/** As many rows as fit in `budget` bytes, then a line saying how many more the CSV holds. */
function tableWithin(headers: string[], rows: string[][], alignRight: ReadonlySet<number>, budget: number, lang: Lang): string {
  const lines = markdownTable(headers, [], alignRight).split('\n');
  return withinBudget(lines, rows.map((cells) => row(cells.map(escapeCell))), budget, lang);
}

/** A bulleted list within `budget` bytes, each item cut to a readable length. */
function linesWithin(items: readonly string[], budget: number, lang: Lang): string {
  const cut = (text: string) => (text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text);
  return withinBudget([], items.map((item) => `- ${escapeCell(cut(item))}`), budget, lang);
}

function withinBudget(lines: string[], candidates: readonly string[], budget: number, lang: Lang): string {
  let used = bytes(lines) + MORE_LINE_BYTES;
  let shown = 0;
  for (const line of candidates) {
    used += Buffer.byteLength(line) + 1;
    if (used > budget) break;
    lines.push(line);
    shown++;
  }
  if (shown < candidates.length) lines.push('', messages(lang).report.more(candidates.length - shown));
  return lines.join('\n');
}

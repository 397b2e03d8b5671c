import chalkDefault, { Chalk, type ChalkInstance } from 'chalk';
import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { STATUSES, type Status } from '../audit/status.js';
import { toChinaMinute } from '../audit/time.js';
import { messages } from '../i18n/index.js';
import { escapeControl } from './control.js';
import { countByStatus, describeDuplicate, describeNote, describeProblem, splitForReading, type Reporter, type ReportContext } from './context.js';
import { extraColumns, readableColumns } from './fields.js';
import { layoutTable } from './layout.js';
import { alertLines, changeSection, groupSections, groupTable, noticeLines, ratioNotes, ratioText, ratioTitle, summaryRatios, type RatioValue } from './sections.js';

const STATUS_COLOURS: Record<Status, (c: ChalkInstance) => ChalkInstance> = {
  zombie: (c) => c.red.bold,
  inactive: (c) => c.yellow,
  'not-found': (c) => c.magenta,
  active: (c) => c.green,
  unverified: (c) => c.cyan,
};

/** For a person at a terminal: summary first, then the ranking, then what needs a manual check. */
export const table: Reporter = (report, ctx) => {
  const m = messages(ctx.lang);
  // Asked for colour: at least the basic 16, more where the terminal says it can.
  const chalk = new Chalk({ level: ctx.color ? Math.max(1, chalkDefault.level) as 1 | 2 | 3 : 0 });
  const { verdicts, manual } = splitForReading(report);
  const sections = [
    `${chalk.bold(escapeControl(report.title ?? m.report.title))} — ${m.report.auditedAt}${m.colon}${m.report.chinaTime(toChinaMinute(report.now))}`,
    m.report.thresholds(report.thresholds.inactiveDays, report.thresholds.zombieDays),
    ...alertLines(report, ctx.lang).map((line) => chalk.bold.red(escapeControl(line))),
    summaryLine(report, ctx, chalk),
    ratiosBlock(summaryRatios(report), ctx),
  ];
  const changes = changeSection(report, ctx.lang);
  if (changes) {
    const body = changes.rows.length
      ? layoutTable(
          changes.headers.map((title, i) => ({ title, align: 'left' as const, shrink: i >= 2 })),
          changes.rows,
          ctx.width,
        )
      : changes.sentence!;
    sections.push(`${chalk.bold(changes.title)}\n${body}`);
  }
  if (verdicts.length) sections.push(`${chalk.bold(m.report.ranking)}\n${findingsTable(report, verdicts, ctx, chalk)}`);
  if (manual.length) sections.push(`${chalk.bold(m.report.needsManualCheck)}\n${findingsTable(report, manual, ctx, chalk, true)}`);
  if (!report.accounts.length) sections.push(m.report.noAccounts);
  for (const { title, rows } of groupSections(report, ctx.lang)) {
    const { headers, cells } = groupTable(rows, ctx.lang);
    const rollupTable = layoutTable(headers.map((h, i) => ({ title: h, align: i ? 'right' : 'left', shrink: i === 0 })), cells, ctx.width);
    sections.push(`${chalk.bold(escapeControl(title))}\n${rollupTable}\n${ratioNotes(ctx.lang).join('\n')}`);
  }
  const notices = noticeLines(report, ctx.lang);
  if (notices.length) sections.push(`${chalk.bold(m.notices.title)}\n${notices.map((line) => `  ${escapeControl(line)}`).join('\n')}`);
  if (report.duplicates.length) {
    sections.push(`${chalk.bold(m.report.duplicates)}\n${report.duplicates.map((d) => `  ${describeDuplicate(d, ctx.lang)}`).join('\n')}`);
  }
  if (report.problems.length) {
    sections.push(`${chalk.bold(m.report.problems)}\n${report.problems.map((p) => `  ${describeProblem(p, ctx.lang)}`).join('\n')}`);
  }
  if (report.notes.length) sections.push(`${chalk.bold(m.report.notes)}\n${report.notes.map((n) => `  ${describeNote(n, ctx.lang)}`).join('\n')}`);
  return `${sections.join('\n\n')}\n`;
};

function summaryLine(report: AuditReport, ctx: ReportContext, chalk: ChalkInstance): string {
  const m = messages(ctx.lang);
  const counts = countByStatus(report.accounts);
  const parts = STATUSES.map((s) => STATUS_COLOURS[s](chalk)(`${m.status[s]} ${counts[s]}`));
  return `${chalk.bold(m.report.summary)}${m.colon}${report.accounts.length} ${m.report.total} — ${parts.join(' · ')}`;
}

/** The whole list's ratios on one line, then what each counts. */
function ratiosBlock(values: readonly RatioValue[], ctx: ReportContext): string {
  const line = values.map((value) => `${ratioTitle(value.ratio, ctx.lang)} ${ratioText(value)}`).join(' · ');
  return [line, ...ratioNotes(ctx.lang)].join('\n');
}

function findingsTable(report: AuditReport, findings: RankedFinding[], ctx: ReportContext, chalk: ChalkInstance, manual = false): string {
  const columns = readableColumns(ctx.lang, extraColumns(report), { manual, shortReasons: true, command: ctx.command });
  // Cells from the list or the web, and an extra column's title (the list's own header), are shown escaped by layoutTable.
  const rows = findings.map((f) => columns.map((c) => c.value(f)));
  const statusColumn = 1;
  return layoutTable(columns, rows, ctx.width, (text, row, column) =>
    row >= 0 && column === statusColumn ? STATUS_COLOURS[findings[row]!.status](chalk)(text) : text,
  );
}

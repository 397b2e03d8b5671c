import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { STATUSES, type Status } from '../audit/status.js';
import type { ListNote, RowProblem, DuplicateRow, SourceRef } from '../accounts/account.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform } from '../platforms/index.js';
import { escapeControl } from './control.js';

export interface ReportContext {
  lang: Lang;
  /** Colour for terminal output (chalk's level decides the rest). */
  color: boolean;
  /** Terminal columns the table must fit in; undefined means no limit. */
  width?: number;
  /**
   * The platforms' raw answers and the runner's options in every report
   * (--verbose). Without it, a Chinese report keeps them to the JSON and the
   * terminal: its reader gets what they can act on.
   */
  verbose?: boolean;
  /**
   * The command as the person started it (`npx gov-audit`, `gov-audit`), for
   * the remedies of a report printed on their terminal. Report files leave it
   * out: they are read later and elsewhere, where `gov-audit` is the command.
   */
  command?: string;
}

/** A reporter turns the audit into the text of one format. Reporters never write files. */
export type Reporter = (report: AuditReport, ctx: ReportContext) => string;

export function countByStatus(accounts: Iterable<RankedFinding>): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const finding of accounts) counts[finding.status]++;
  return counts;
}

/** Ranked accounts with a verdict, and the unverified ones that need a person. */
export function splitForReading(report: AuditReport): { verdicts: RankedFinding[]; manual: RankedFinding[] } {
  const verdicts: RankedFinding[] = [];
  const manual: RankedFinding[] = [];
  for (const finding of report.accounts) (finding.status === 'unverified' ? manual : verdicts).push(finding);
  return { verdicts, manual };
}

export function describeSource(source: SourceRef): string {
  return source.sheet ? `${source.file}[${source.sheet}]:${source.row}` : `${source.file}:${source.row}`;
}

/** What is wrong with a row, where it is: one line, the list's text in it with its controls escaped (`escapeControl`). */
export function describeProblem(problem: RowProblem, lang: Lang): string {
  return escapeControl(problemText(problem, lang));
}

function problemText(problem: RowProblem, lang: Lang): string {
  if (problem.rendered) return problem.rendered;
  const m = messages(lang);
  const params = { ...problem.params };
  if (params.hint === 'excelNumber') params.hint = m.hint.excelNumber;
  // The id's example in the reader's language: the list reader keeps the English one.
  const adapter = params.platform ? findPlatform(params.platform) : undefined;
  if (problem.code === 'bad-id' && adapter) params.expected = adapter.idExample[lang];
  if (params.platform) params.platform = findPlatform(params.platform)?.label[lang] ?? params.platform;
  const where = m.where({ file: problem.source.file, sheet: problem.source.sheet, row: problem.source.row, column: problem.column });
  return `${where}${m.colon}${m.rowProblem[problem.code](params)}`;
}

/** A note about a row, as `describeProblem` says a problem. */
export function describeNote(note: ListNote, lang: Lang): string {
  return escapeControl(noteText(note, lang));
}

function noteText(note: ListNote, lang: Lang): string {
  if (note.rendered) return note.rendered;
  const m = messages(lang);
  const params = { ...note.params };
  if (params.platform) params.platform = findPlatform(params.platform)?.label[lang] ?? params.platform;
  const where = m.where({ file: note.source.file, sheet: note.source.sheet, row: note.source.row, column: note.column });
  return `${where}${m.colon}${m.listNote[note.code](params)}`;
}

export function describeDuplicate(duplicate: DuplicateRow, lang: Lang): string {
  return escapeControl(`${describeSource(duplicate.source)} ${describeKey(duplicate.key, lang)} — ${messages(lang).report.duplicateOf(describeSource(duplicate.first))}`);
}

/** An account key (`douyin:MS4w…`) as a person reads it: the platform's name in the language, then the id. */
export function describeKey(key: string, lang: Lang): string {
  const colon = key.indexOf(':');
  const platform = colon > 0 ? findPlatform(key.slice(0, colon)) : undefined;
  return platform ? `${platform.label[lang]} ${key.slice(colon + 1)}` : key;
}

/** The duplicate rows of each audited account, keyed by account key. */
export function duplicatesByKey(report: AuditReport): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const duplicate of report.duplicates) {
    const list = map.get(duplicate.key) ?? [];
    list.push(describeSource(duplicate.source));
    map.set(duplicate.key, list);
  }
  return map;
}

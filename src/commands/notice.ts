import { readFile } from 'node:fs/promises';
import type { AuditReport } from '../audit/finding.js';
import { EXIT, UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { formatForFile } from '../report/formats.js';
import type { NoticeOptions } from '../report/docx.js';
import { existingDb, usingHistory, withHistoryErrors } from './history-db.js';
import { printReport, say, writeReport, type CommandIO } from './io.js';
import { mergeReports } from './merge.js';
import { OptionParser } from './options.js';

/** `gov-audit notice` options as commander hands them over. */
export interface NoticeFlags {
  output?: string;
  db?: string;
  title?: string;
  deadline?: string;
  quiet?: boolean;
}

/**
 * The 通报 draft from a JSON report: the report is read back as `merge` reads
 * a shard's (one report is a merge of one), so that a sharded run's merged
 * report gives one notice. With --db each account's change is taken from the
 * history, as scan and merge take it; without, the changes the report holds.
 * The history is only read: a notice records no audit.
 */
export async function noticeCommand(path: string, flags: NoticeFlags, lang: Lang, io: CommandIO): Promise<number> {
  const parse = new OptionParser(lang);
  const options: NoticeOptions = { deadline: parse.deadline(flags.deadline) };
  if (flags.output !== undefined && formatForFile(flags.output) !== 'docx') throw new UsageError(messages(lang).error.noticeFormat(flags.output));
  const db = flags.db === undefined ? undefined : existingDb(flags.db, 'notice', lang);
  const report = await usingHistory(db, lang, async (history) => {
    const earlier = history && ((key: string, now: Date) => withHistoryErrors(lang, () => history.earlier(key, now)));
    const read: AuditReport = { ...(await mergeReports([path], lang, { earlier })), groupBy: [], ...(await keptAside(path)) };
    if (history) withHistoryErrors(lang, () => history.summarise(read));
    return read;
  });
  const title = flags.title?.trim();
  if (title) report.title = title;
  if (flags.output === undefined) {
    await printReport(report, 'docx', lang, io, false, options);
    return EXIT.ok;
  }
  await writeReport(report, flags.output, 'docx', lang, false, options);
  say(io, Boolean(flags.quiet), messages(lang).msg.wrote(flags.output));
  return EXIT.ok;
}

/**
 * What a merge leaves out because shards do not share it, but one report
 * holds and its notice states: the archive its evidence is in, and the slice
 * it covers. (The file is already known to be a gov-audit report.)
 */
async function keptAside(path: string): Promise<Pick<AuditReport, 'archive' | 'shard'>> {
  const json = JSON.parse(await readFile(path, 'utf8')) as { archive?: AuditReport['archive'] | null; shard?: AuditReport['shard'] | null };
  return { ...(json.archive ? { archive: json.archive } : {}), ...(json.shard ? { shard: json.shard } : {}) };
}

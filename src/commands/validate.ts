import { readLists } from '../accounts/read.js';
import { EXIT } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { describeDuplicate, describeNote, describeProblem } from '../report/context.js';
import type { CommandIO } from './io.js';
import { OptionParser } from './options.js';

export interface ValidateFlags {
  encoding?: string;
  sheet?: string;
  feedHost?: string[];
  rsshub?: string;
  quiet?: boolean;
}

/** Reads the lists as a scan would, with no network at all; exit 3 when any row is invalid. */
export async function validateCommand(files: string[], flags: ValidateFlags, lang: Lang, io: CommandIO): Promise<number> {
  const m = messages(lang);
  const parse = new OptionParser(lang);
  const encoding = parse.encoding(flags.encoding);
  const rsshub = parse.rsshub(flags.rsshub, undefined);
  const feedHosts = new Set([...parse.hosts('--feed-host', flags.feedHost ?? []), ...(rsshub ? [new URL(rsshub.base).hostname] : [])]);
  let accounts = 0;
  let problems = 0;
  let duplicates = 0;
  let examples = 0;
  for await (const item of readLists(files, { encoding, sheet: flags.sheet, feedHosts })) {
    if (item.kind === 'account') accounts++;
    else if (item.kind === 'problem') {
      problems++;
      io.stdout.write(`${describeProblem(item.problem, lang)}\n`);
    } else if (item.kind === 'note') {
      if (item.note.code === 'example-row') examples++;
      // A note is not an error: it is said, and the list stays valid.
      if (!flags.quiet) io.stdout.write(`${describeNote(item.note, lang)}\n`);
    } else {
      duplicates++;
      if (!flags.quiet) io.stdout.write(`${describeDuplicate(item.duplicate, lang)}\n`);
    }
  }
  if (duplicates && !flags.quiet) io.stderr.write(`${m.msg.duplicatesFound(duplicates)}\n`);
  io.stderr.write(`${problems ? m.msg.validBad(problems, accounts) : m.msg.validOk(accounts, files.length)}\n`);
  // An unedited template: its example rows are all it holds, and a scan would audit nothing.
  if (!problems && !accounts && examples) io.stderr.write(`${m.msg.onlyExamples(examples)}\n`);
  return problems ? EXIT.invalidInput : EXIT.ok;
}

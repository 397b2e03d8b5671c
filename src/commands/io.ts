import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { supportsColor } from 'chalk';
import type { AuditReport } from '../audit/finding.js';
import { UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { REPORTERS, type Format } from '../report/index.js';
import { csvGroups } from '../report/csv.js';

/** The streams and environment a command talks to; tests pass their own. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CommandIO => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** NO_COLOR (any value) turns colour off, FORCE_COLOR turns it on; otherwise a colour terminal gets it. */
export function wantsColor(io: CommandIO): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return Boolean(io.stdout.isTTY) && supportsColor !== false;
}

/** The report formats as files: CSV gets a UTF-8 BOM so that Excel and WPS read Chinese right. */
export async function writeReport(report: AuditReport, path: string, format: Format, lang: Lang): Promise<void> {
  const text = REPORTERS[format](report, { lang, color: false });
  await writeWhole(path, format === 'csv' ? `\uFEFF${text}` : text, lang);
  // The rollups of a CSV report go to a second file beside it: <name>.groups.csv.
  if (format === 'csv' && report.groupBy.length) {
    await writeWhole(path.replace(/(\.csv)?$/i, '.groups.csv'), `\uFEFF${csvGroups(report, { lang, color: false })}`, lang);
  }
}

async function writeWhole(path: string, content: string, lang: Lang): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    // Written beside the target and renamed, so a reader never sees half a report.
    const partial = `${path}.partial`;
    await writeFile(partial, content, 'utf8');
    await rename(partial, path);
  } catch (error) {
    throw new UsageError(messages(lang).error.cannotWrite(path, (error as Error).message));
  }
}

export function printReport(report: AuditReport, format: Format, lang: Lang, io: CommandIO): void {
  const width = io.stdout.isTTY ? (io.stdout.columns ?? 100) : undefined;
  io.stdout.write(REPORTERS[format](report, { lang, color: format === 'table' && wantsColor(io), width }));
}

export function say(io: CommandIO, quiet: boolean, line: string): void {
  if (!quiet) io.stderr.write(`${line}\n`);
}

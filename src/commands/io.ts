import { invokedAs } from './invocation.js';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname } from 'node:path';
import { supportsColor } from 'chalk';
import type { AuditReport } from '../audit/finding.js';
import { createFresh, partialName } from '../audit/scratch-file.js';
import { UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { BINARY_REPORTERS, isBinaryFormat, REPORTERS, STREAMERS, type Format } from '../report/index.js';
import { csvGroups } from '../report/csv.js';
import type { NoticeOptions } from '../report/docx.js';

import type { CommandIO } from './process-io.js';

export type { CommandIO } from './process-io.js';

/** NO_COLOR (any value) turns colour off, FORCE_COLOR turns it on; otherwise a colour terminal gets it. */
export function wantsColor(io: CommandIO): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return Boolean(io.stdout.isTTY) && supportsColor !== false;
}

/** The report formats as files: CSV gets a UTF-8 BOM so that Excel and WPS read Chinese right. `notice`: what the 通报 (docx) is given beside the report. */
export async function writeReport(report: AuditReport, path: string, format: Format, lang: Lang, verbose = false, notice: NoticeOptions = {}): Promise<void> {
  const ctx = { lang, color: false, verbose, ...notice };
  if (isBinaryFormat(format)) return writeWhole(path, [await BINARY_REPORTERS[format](report, ctx)], lang);
  const bom = format === 'csv' ? '\uFEFF' : '';
  // A streamed format is rendered as it is written, never whole in memory first.
  await writeWhole(path, after(bom, STREAMERS[format]?.(report, ctx) ?? [REPORTERS[format](report, ctx)]), lang);
  // The rollups of a CSV report go to a second file beside it: <name>.groups.csv.
  if (format === 'csv' && report.groupBy.length) {
    await writeWhole(path.replace(/(\.csv)?$/i, '.groups.csv'), [bom, csvGroups(report, ctx)], lang);
  }
}

/** `first`, then each of `rest` as it is asked for. */
function* after(first: string, rest: Iterable<string>): Generator<string> {
  if (first) yield first;
  yield* rest;
}

/** A file written whole (a template): beside the target, then renamed. */
export function writeBytes(path: string, bytes: Buffer, lang: Lang): Promise<void> {
  return writeWhole(path, [bytes], lang);
}

/**
 * Written beside the target and renamed, so a reader never sees half a report.
 * The file beside it, `<file>.<random>.partial`, is created new (never through
 * a link or over a file already there); the rename replaces whatever `<file>`
 * was, a link included, without following it. A write that fails removes it.
 */
async function writeWhole(path: string, chunks: Iterable<string | Buffer>, lang: Lang): Promise<void> {
  let partial: string | undefined;
  try {
    await mkdir(dirname(path), { recursive: true });
    const fresh = await createFresh(() => partialName(path));
    partial = fresh.path;
    await pipeline(Readable.from(chunks), fresh.handle.createWriteStream());
    await rename(partial, path);
  } catch (error) {
    if (partial) await unlink(partial).catch(() => undefined);
    throw new UsageError(messages(lang).error.cannotWrite(path, (error as Error).message));
  }
}

export async function printReport(report: AuditReport, format: Format, lang: Lang, io: CommandIO, verbose = false, notice: NoticeOptions = {}): Promise<void> {
  const width = io.stdout.isTTY ? (io.stdout.columns ?? 100) : undefined;
  const ctx = { lang, color: format === 'table' && wantsColor(io), width, verbose, ...notice, ...(format === 'table' ? { command: invokedAs(io.env) } : {}) };
  if (isBinaryFormat(format)) {
    // A workbook is bytes: it goes to a file or a pipe, never to a terminal.
    if (io.stdout.isTTY) throw new UsageError(messages(lang).error.binaryToTerminal(format));
    io.stdout.write(await BINARY_REPORTERS[format](report, ctx));
    return;
  }
  const stdout = io.stdout as CommandIO['stdout'] & { destroyed?: boolean };
  // Redirected into a file, a CSV is opened by Excel or WPS, which read UTF-8 only after a BOM;
  // a pipe feeds another program, which a BOM would trip.
  if (format === 'csv' && io.stdoutIsFile) stdout.write('\uFEFF');
  for (const chunk of STREAMERS[format]?.(report, ctx) ?? [REPORTERS[format](report, ctx)]) {
    // A reader that went away (| head) wants no more.
    if (stdout.destroyed) return;
    // Respect a slow reader (a pipe into another program) instead of buffering the whole report.
    if (!stdout.write(chunk)) await drainedOrGone(stdout);
  }
}

/** Resolves when the stream can take more, or will never take anything again. */
function drainedOrGone(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.once(event, done);
  });
}

export function say(io: CommandIO, quiet: boolean, line: string): void {
  if (!quiet) io.stderr.write(`${line}\n`);
}

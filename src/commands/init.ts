import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type * as ExcelJSModule from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { EXIT, UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { PLATFORMS } from '../platforms/index.js';
import { say, writeBytes, type CommandIO } from './io.js';
import { DEFAULT_CONFIG_FILE } from './config.js';
import { invokedAs, type CommandPrefix } from './invocation.js';

export interface InitFlags {
  force?: boolean;
  quiet?: boolean;
}

/** Rows the template's platform drop-down and checks cover: more than a county's register. */
const TEMPLATE_ROWS = 2000;

/**
 * `gov-audit init [file]`: a list ready to fill in, in the user's language:
 * `.xlsx` (a platform drop-down, two example rows, a sheet of instructions)
 * or `.csv` by extension. `validate` accepts it as written, its example rows
 * (marked 示例行，请替换 / example row: replace it in the notes column) read
 * as notes, never as accounts: a scan of an unedited template audits none.
 */
export async function initCommand(file: string | undefined, flags: InitFlags, lang: Lang, io: CommandIO): Promise<number> {
  const m = messages(lang).init;
  const path = file ?? m.defaultFile;
  const kind = extname(path).toLowerCase();
  if (kind !== '.xlsx' && kind !== '.csv') throw new UsageError(m.badExtension(path));
  if (!flags.force && (await exists(path))) throw new UsageError(m.exists(path));
  const bytes = kind === '.csv' ? Buffer.from(`\uFEFF${stringify([m.headers, ...m.examples], { record_delimiter: '\r\n' })}`) : await templateWorkbook(lang, invokedAs(io.env));
  await writeBytes(path, bytes, lang);
  say(io, Boolean(flags.quiet), m.written(path, invokedAs(io.env)));
  // Run in Chinese, the office's folder keeps Chinese whatever the machine's language (a config file already there is left alone).
  const config = join(dirname(path), DEFAULT_CONFIG_FILE);
  if (lang === 'zh-CN' && !(await exists(config))) {
    await writeBytes(config, Buffer.from(`${JSON.stringify({ lang: 'zh-CN' }, null, 2)}\n`), lang);
    say(io, Boolean(flags.quiet), m.configWritten(config));
  }
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The platforms as the drop-down offers them: their Chinese or English names. */
function platformChoices(lang: Lang): string[] {
  return PLATFORMS.map((p) => p.label[lang]);
}

async function templateWorkbook(lang: Lang, cmd: CommandPrefix): Promise<Buffer> {
  const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
  const m = messages(lang).init;
  const book = new ExcelJS.Workbook();
  book.creator = 'gov-audit';
  const list = book.addWorksheet(m.listSheet);
  list.columns = m.headers.map((header, i) => ({ header, width: [14, 60, 18, 28, 16, 10, 24, 16, 16][i] ?? 16 }));
  for (const example of m.examples) list.addRow(example);
  list.getRow(1).font = { bold: true };
  list.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } };
  list.views = [{ state: 'frozen', ySplit: 1 }];
  // Ids must stay text: Excel would turn a long one into 1.23E+18.
  list.getColumn(2).numFmt = '@';
  const choices = `"${platformChoices(lang).join(',')}"`;
  const manualChoices = `"${(['active', 'inactive', 'zombie', 'not-found'] as const).map((s) => messages(lang).status[s]).join(',')}"`;
  for (let row = 2; row <= TEMPLATE_ROWS; row++) {
    list.getCell(row, 1).dataValidation = { type: 'list', allowBlank: true, formulae: [choices], showErrorMessage: false };
    list.getCell(row, 8).dataValidation = { type: 'list', allowBlank: true, formulae: [manualChoices], showErrorMessage: false };
    list.getCell(row, 9).numFmt = 'yyyy-mm-dd';
  }
  const help = book.addWorksheet(m.helpSheet);
  help.getColumn(1).width = 110;
  for (const line of [...m.instructions, m.instructionsNext(cmd)]) help.addRow([line]);
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await book.xlsx.writeBuffer());
}

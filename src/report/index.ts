import type { Reporter } from './context.js';
import type { BinaryFormat, Format, TextFormat } from './formats.js';
import type { AuditReport } from '../audit/finding.js';
import type { ReportContext } from './context.js';
import { csv, csvChunks } from './csv.js';
import { html } from './html.js';
import { json, jsonChunks, ndjson, ndjsonChunks } from './json.js';
import { markdown } from './markdown.js';
import { table } from './table.js';
import { xlsx } from './xlsx.js';
import { docx } from './docx.js';

/** One line per format; a new format is one file and one line here. */
export const REPORTERS: Record<TextFormat, Reporter> = { table, csv, json, ndjson, markdown, html };

/** Formats written as bytes (a workbook, a Word document), one line each. */
export const BINARY_REPORTERS: Record<BinaryFormat, (report: AuditReport, ctx: ReportContext) => Promise<Buffer>> = { xlsx, docx };

export function isBinaryFormat(format: Format): format is BinaryFormat {
  return format in BINARY_REPORTERS;
}

/** Formats that can also be written piece by piece, for lists too large to hold as one text. */
export const STREAMERS: Partial<Record<Format, (report: AuditReport, ctx: ReportContext) => Iterable<string>>> = {
  csv: csvChunks,
  json: jsonChunks,
  ndjson: ndjsonChunks,
};

export type { Reporter, ReportContext } from './context.js';
export { FORMATS, formatForFile, isFormat, type BinaryFormat, type Format, type TextFormat } from './formats.js';

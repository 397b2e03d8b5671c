import { extname } from 'node:path';

/** The report formats, by name and by file extension. Kept apart from the reporters so that option parsing loads none of them. */
export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown', 'html', 'xlsx', 'docx'] as const;
export type Format = (typeof FORMATS)[number];
/** Formats whose report is bytes, not text: a workbook, a Word document. */
export type BinaryFormat = Extract<Format, 'xlsx' | 'docx'>;
export type TextFormat = Exclude<Format, BinaryFormat>;

const BY_EXTENSION: Record<string, Format> = {
  '.csv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'table',
  '.html': 'html',
  '.htm': 'html',
  '.xlsx': 'xlsx',
  '.docx': 'docx',
};

export function formatForFile(path: string): Format | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

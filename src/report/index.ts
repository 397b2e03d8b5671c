import { extname } from 'node:path';
import type { Reporter } from './context.js';
import { csv } from './csv.js';
import { html } from './html.js';
import { json, ndjson } from './json.js';
import { markdown } from './markdown.js';
import { table } from './table.js';

export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** One line per format; a new format is one file and one line here. */
export const REPORTERS: Record<Format, Reporter> = { table, csv, json, ndjson, markdown, html };

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
};

export function formatForFile(path: string): Format | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export type { Reporter, ReportContext } from './context.js';

/**
 * What gov-audit will expand from one list file before it refuses it: a small
 * hostile file (a workbook whose rows repeat a billion times, a zip whose
 * parts inflate to gigabytes, a CSV line of millions of fields) must end in a
 * clear error, never in the process running out of memory. The defaults are
 * far above any register an office keeps; the two a very large real list
 * could pass are raised by environment variables (docs/cli.md#lists).
 */
export interface ListLimits {
  /** Cells a workbook read whole (.xls, .et, .ods, web pages) may hold, repeats expanded. */
  maxCells: number;
  /** Bytes one part of a zip (.xlsx, .ods) may inflate to. */
  maxPartBytes: number;
  /** Bytes all the parts read from one zip may inflate to together. */
  maxUnzippedBytes: number;
  /** Entries a zip may list. */
  maxZipEntries: number;
  /** Shared strings an .xlsx may hold (each is kept in memory while its sheets are read). */
  maxSharedStrings: number;
  /** Bytes of a file read whole (.xls, .et, a web page); a .xlsx or CSV is streamed. */
  maxWholeFileBytes: number;
  /** Characters of one CSV record. */
  maxCsvRecordChars: number;
  /** Fields of one CSV record (Excel's own sheets stop at 16,384 columns). */
  maxCsvFields: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIST_LIMITS: Readonly<ListLimits> = {
  maxCells: 20_000_000,
  maxPartBytes: 1024 * MIB,
  maxUnzippedBytes: 2048 * MIB,
  maxZipEntries: 10_000,
  maxSharedStrings: 10_000_000,
  maxWholeFileBytes: 256 * MIB,
  maxCsvRecordChars: 1 * MIB,
  maxCsvFields: 16_384,
};

/** The environment variables that raise a limit, by the limit they raise. */
export const LIMIT_VARIABLES = {
  maxCells: 'GOV_AUDIT_MAX_CELLS',
  maxPartBytes: 'GOV_AUDIT_MAX_UNZIPPED_MB',
  maxUnzippedBytes: 'GOV_AUDIT_MAX_UNZIPPED_MB',
  maxSharedStrings: 'GOV_AUDIT_MAX_CELLS',
} as const satisfies Partial<Record<keyof ListLimits, string>>;

/**
 * The limits in force: the defaults, raised (never lowered below a sane floor)
 * by `GOV_AUDIT_MAX_CELLS` (cells of a workbook read whole, and shared strings
 * of an .xlsx) and `GOV_AUDIT_MAX_UNZIPPED_MB` (one part of a zip; all its parts
 * together may take twice that).
 */
export function listLimits(env: NodeJS.ProcessEnv = process.env): ListLimits {
  const limits = { ...DEFAULT_LIST_LIMITS };
  const cells = positive(env[LIMIT_VARIABLES.maxCells]);
  if (cells) Object.assign(limits, { maxCells: cells, maxSharedStrings: cells });
  const unzippedMib = positive(env[LIMIT_VARIABLES.maxPartBytes]);
  if (unzippedMib) Object.assign(limits, { maxPartBytes: unzippedMib * MIB, maxUnzippedBytes: 2 * unzippedMib * MIB });
  return limits;
}

const positive = (text: string | undefined): number | undefined => {
  const value = Number(text);
  return text && Number.isSafeInteger(value) && value > 0 ? value : undefined;
};

/**
 * Which limit a file passed. `cells`, `part`, `unzipped`, `zip-entries`,
 * `shared-strings`, `whole-file`, `csv-record`, `csv-fields` are sizes (`max`
 * says which); `zip-overlap` and `cfb-loop` are structures no honest writer
 * makes (entries sharing bytes, a chain of sectors that comes back on itself).
 */
export type LimitName = 'cells' | 'part' | 'unzipped' | 'zip-entries' | 'shared-strings' | 'whole-file' | 'csv-record' | 'csv-fields' | 'zip-overlap' | 'cfb-loop';

/** A list file over one of the limits: the reader stops there, before the memory is spent. */
export class ListLimitError extends Error {
  constructor(
    readonly limit: LimitName,
    /** The limit's value, in its own unit (cells, bytes, characters, fields, entries); 0 for a refused structure. */
    readonly max: number,
    /** The environment variable that raises it, when a real list could pass it. */
    readonly variable?: string,
  ) {
    super(`over the limit ${limit}${max ? ` (${max})` : ''}`);
    this.name = 'ListLimitError';
  }
}

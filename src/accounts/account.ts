/** Where a row came from, so every message and report can point back at it. */
export interface SourceRef {
  file: string;
  /** The sheet, when the list is a workbook. */
  sheet?: string;
  /** Spreadsheet row number: the header is row 1, the first account row 2. */
  row: number;
}

/** One account of the list, normalised: the unit everything downstream works on. */
export interface Account {
  /** `<platform>:<id>`, the identity used for duplicates. */
  key: string;
  platform: string;
  id: string;
  /** The account's public profile page, built from the id. */
  url: string;
  /**
   * The id as the list gave it, when it was another form resolved during the
   * scan (a short link, a screen name): `id` and `key` are then the canonical ones.
   */
  listedAs?: string;
  /** Columns the list gives about the account (empty ones are absent). */
  name?: string;
  org?: string;
  region?: string;
  level?: string;
  /** What a person found when they checked the account by hand, recorded in the list. */
  manual?: { status: 'active' | 'inactive' | 'zombie' | 'not-found'; checkedOn: string };
  /** Every other column of the input, carried to every output. */
  extra: Record<string, string>;
  source: SourceRef;
  /** Position in the whole input (across files), for stable ordering. */
  order: number;
}

/** A row that could not become an account. */
export interface RowProblem {
  /** Row 0 when the problem is the whole file. */
  source: SourceRef;
  /** The header of the offending column as the file spells it (or the field name). */
  column: string;
  /** Message key and its values, rendered in the report language. */
  code: RowProblemCode;
  params: Record<string, string>;
  /** The message as an earlier report rendered it (merged shards), used as it is. */
  rendered?: string;
}

export type RowProblemCode =
  | 'missing-account'
  | 'missing-platform'
  | 'unknown-platform'
  | 'bad-url'
  | 'foreign-host'
  | 'unrecognised-url'
  | 'bad-id'
  | 'malformed-csv'
  | FileProblemCode;

export type FileProblemCode = 'file-not-found' | 'file-unreadable' | 'no-account-column' | 'empty-file' | 'bad-encoding' | 'no-such-sheet' | 'not-a-workbook' | 'not-a-list' | 'over-limit';

/**
 * Something about the list a person should know that does not stop the
 * audit: a totals row that is not an account, a platform read from the link,
 * a column not found. Never an exit code of its own.
 */
export interface ListNote {
  source: SourceRef;
  /** The header of the column concerned, `*` for the whole row, empty for the whole file. */
  column: string;
  code: ListNoteCode;
  params: Record<string, string>;
  /** The message as an earlier report rendered it (merged shards), used as it is. */
  rendered?: string;
}

export type ListNoteCode = 'not-an-account' | 'platform-from-link' | 'platform-guessed' | 'no-org-column' | 'no-region-column' | 'sheet-used' | 'bad-manual-check' | 'example-row';

/** A row whose account appeared before: audited once, reported as a duplicate. */
export interface DuplicateRow {
  source: SourceRef;
  key: string;
  first: SourceRef;
}

/** A well-known account as an Account of no list: what doctor probes and what a scan's canary asks. */
export function knownAccount(platform: string, known: { id: string; url: string }, file: string, order: number): Account {
  return { key: `${platform}:${known.id}`, platform, id: known.id, url: known.url, extra: {}, source: { file, row: order + 2 }, order };
}

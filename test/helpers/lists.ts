import { join } from 'node:path';
import { readLists, type ListItem } from '../../src/accounts/read.js';
import type { Account, DuplicateRow, RowProblem } from '../../src/accounts/account.js';
import type { InputEncoding } from '../../src/accounts/encoding.js';
import { FIXTURES_DIR } from '../../src/paths.js';

export const listFixture = (name: string) => join(FIXTURES_DIR, 'lists', name);

export async function readAll(files: string[], encoding?: InputEncoding) {
  const items: ListItem[] = [];
  for await (const item of readLists(files, { encoding })) items.push(item);
  return {
    accounts: items.flatMap((i) => (i.kind === 'account' ? [i.account] : [])) as Account[],
    problems: items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : [])) as RowProblem[],
    duplicates: items.flatMap((i) => (i.kind === 'duplicate' ? [i.duplicate] : [])) as DuplicateRow[],
  };
}

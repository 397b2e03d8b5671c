/** Exit codes: a contract with users' scripts and CI jobs (docs/exit-codes.md). Add, never change. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  failOn: 2,
  invalidInput: 3,
  // More of the accounts than --max-unverified allows could not be seen (network, block, rate limit).
  unseen: 4,
  // No platform could be reached at all (DNS or connection failures everywhere): nothing was checked.
  nothingReached: 5,
  interrupted: 130,
} as const;

/** A mistake in how gov-audit was called or in its input: exit 3, with a message for the user. */
export class UsageError extends Error {
  readonly exitCode = EXIT.invalidInput;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

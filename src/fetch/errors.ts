/** Why a request produced no usable response. Adapters map these to `unverified` reasons. */
export type FetchFailureKind = 'timeout' | 'network' | 'forbidden-host' | 'too-large' | 'aborted';

export class FetchError extends Error {
  /** In a replay: the archived records of this failure. */
  records?: string[];

  constructor(
    readonly kind: FetchFailureKind,
    message: string,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

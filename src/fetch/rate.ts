/** Requests per period for one platform. `requests: 0` means no pacing at all. */
export interface Rate {
  requests: number;
  seconds: number;
}

/** Polite default: one request every 3 seconds per platform (docs/decisions.md § Politeness). */
export const DEFAULT_RATE: Rate = { requests: 1, seconds: 3 };

export function intervalMs(rate: Rate): number {
  return rate.requests > 0 ? (rate.seconds * 1000) / rate.requests : 0;
}

/** `bilibili=1/3`, `*=10/1`, `*=0/1` (no pacing). */
export function parseRate(value: string): { platform: string; rate: Rate } | undefined {
  const match = /^\s*([\w*-]+)\s*=\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value);
  if (!match) return undefined;
  const rate = parseRateValue(`${match[2]}/${match[3]}`);
  return rate && { platform: match[1]!.toLowerCase(), rate };
}

/** `1/3` as in the config file. */
export function parseRateValue(value: string): Rate | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value);
  if (!match) return undefined;
  const requests = Number(match[1]);
  const seconds = Number(match[2]);
  if (requests > 0 && seconds <= 0) return undefined;
  return { requests, seconds };
}

/**
 * A host's pace: the user's rate for its platform, then for every platform
 * (`*`), then the host's own slower default (Sogou's), then the default.
 */
export function rateForHost(
  host: string,
  userRates: ReadonlyMap<string, Rate>,
  platformOf: ReadonlyMap<string, string>,
  hostDefaults: ReadonlyMap<string, Rate>,
): Rate {
  return userRates.get(platformOf.get(host) ?? '*') ?? userRates.get('*') ?? hostDefaults.get(host) ?? DEFAULT_RATE;
}

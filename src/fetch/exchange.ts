import type { FetchFailureKind } from './errors.js';

/** One request as it went to the platform, and what came back: the unit of the archive. */
export interface Exchange {
  /** The account whose check made the request, when there was one. */
  account?: string;
  at: Date;
  method: string;
  /** The platform's URL (never the --connect-to address it was routed to). */
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  response?: { status: number; headers: Record<string, string | string[] | undefined>; body: string; records?: string[] };
  /** Captured in a browser (`--browser`): the page it was captured on, and what the recipe named it. */
  page?: { url: string; capture: string };
  /** No usable response: why. */
  error?: { kind: FetchFailureKind; message: string; records?: string[] };
}

/** What the HTTP client asks of a transport other than the network: a replayed archive. */
export type Transport = (request: { method: string; url: string; body?: string }) => Promise<NonNullable<Exchange['response']>>;

/**
 * Query parameters that change on every request for the same page (Bilibili's
 * WBI signature and its timestamp): a replay matches requests without them.
 */
const VOLATILE_PARAMS = new Set(['w_rid', 'wts']);

/**
 * What a replayed request is looked up by: the method, the recorded (redacted)
 * URL without its volatile parameters, and the body (one GraphQL address
 * answers every Kuaishou account; the body says which).
 */
export function replayKey(method: string, redactedUrl: string, body = ''): string {
  const url = new URL(redactedUrl);
  for (const name of [...url.searchParams.keys()]) if (VOLATILE_PARAMS.has(name)) url.searchParams.delete(name);
  return `${method.toUpperCase()} ${url.href}\n${body}`;
}

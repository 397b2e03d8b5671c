/** A request as a platform simulator sees it. */
export interface SimRequest {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
  /** The query string as sent, without the `?`: what a page signs. */
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SimResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow or hanging platform). */
  delayMs?: number;
  /** Drop the connection without answering (a network fault). */
  reset?: boolean;
}

/** One platform's imitation: the hosts it answers for and how. */
export interface PlatformSimulator {
  hosts: readonly string[];
  handle(request: SimRequest): SimResponse;
}

export const jsonResponse = (body: unknown, status = 200): SimResponse => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json; charset=utf-8' },
});

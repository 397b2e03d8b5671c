import type { HttpClient, HttpRequest, HttpResponse } from '../../src/fetch/http.js';
import { CookieJar } from '../../src/fetch/cookies.js';
import { SecretRegistry } from '../../src/fetch/redact.js';
import type { ObserveContext, PlatformAdapter } from '../../src/platforms/adapter.js';
import type { Observation } from '../../src/platforms/observation.js';

/** An answer as a test writes it: the status and the body, and headers where they matter. */
export interface Answer {
  status?: number;
  body?: string | object;
  headers?: Record<string, string>;
}

/** What the fake platform answers to a request; an Error is thrown as the transport's failure. */
export type Route = (url: URL, request: HttpRequest) => Answer | Error;

export const json = (body: object, status = 200): Answer => ({ status, body });

function response(url: string, answer: Answer): HttpResponse {
  const body = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
  return { url, status: answer.status ?? 200, headers: answer.headers ?? {}, body };
}

/**
 * An adapter's observer against a platform played by a function, in this
 * process: every request it makes is logged, none leaves the machine.
 */
export function observeWith(adapter: PlatformAdapter, route: Route, context: Partial<ObserveContext> = {}) {
  const requests: HttpRequest[] = [];
  const http = {
    async fetch(request: HttpRequest): Promise<HttpResponse> {
      requests.push(request);
      const answer = route(new URL(request.url), request);
      if (answer instanceof Error) throw answer;
      return response(request.url, answer);
    },
  } as unknown as HttpClient;
  const observer = adapter.createObserver!({ http, now: new Date('2026-11-20T10:00:00+08:00'), cookies: new CookieJar(new SecretRegistry()), ...context });
  const observe = (id: string, url = adapter.profileUrl(id)): Promise<Observation> =>
    observer({ key: `${adapter.id}:${id}`, platform: adapter.id, id, url, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 }, new AbortController().signal);
  return { observe, requests };
}

/** An HttpResponse for the pure parsers. */
export const answer = (body: string | object, status = 200, headers: Record<string, string> = {}): HttpResponse => response('https://example.invalid/', { status, body, headers });

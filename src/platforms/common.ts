import { FetchError } from '../fetch/errors.js';
import type { HttpResponse } from '../fetch/http.js';
import type { PageCapture } from './adapter.js';
import type { ListFacts, Observation, Profile, Unknown } from './observation.js';
import type { UnverifiedReason } from '../audit/status.js';

/**
 * Parses a JSON body, or the first JSON value in it: Bilibili was seen sending
 * a second JSON document after a rate-limit answer in one response.
 */
export function parseJsonLeniently(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const end = endOfFirstJsonValue(text);
    if (end === undefined) return undefined;
    try {
      return JSON.parse(text.slice(0, end));
    } catch {
      return undefined;
    }
  }
}

function endOfFirstJsonValue(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/** Reads a nested property without trusting the shape of foreign JSON. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function asCount(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A list's has-more flag, as the platform wrote it: true → more follow, false → the list is whole, anything else → it said neither. */
export function pagingOfFlag(hasMore: unknown): ListFacts['paging'] {
  return hasMore === true ? 'more' : hasMore === false ? 'end' : 'unknown';
}

/** The account exists, but the dates of its posts could not be read: why. */
export function undated(profile: Profile, why: { reason: UnverifiedReason; detail: string }): Observation {
  return { kind: 'found', profile, posts: [], datesUnknown: { reason: why.reason, detail: why.detail } };
}

/**
 * Why a page in a browser did not give an answer the recipe needs: it ran out
 * of time (the machinery says how), or else it received no such answer.
 */
export function missingOnPage(captured: PageCapture, what: string): Unknown {
  return { kind: 'unknown', ...(captured.unfinished ?? { reason: 'layout-changed', detail: `the page received no ${what}` }) };
}

/** Turns a transport failure into the honest answer: we could not tell. */
export function observationFromFailure(error: unknown): Unknown {
  if (error instanceof FetchError) {
    switch (error.kind) {
      case 'timeout':
        return { kind: 'unknown', reason: 'timeout', detail: error.message };
      case 'too-large':
        return { kind: 'unknown', reason: 'layout-changed', detail: error.message };
      default:
        return { kind: 'unknown', reason: 'network-error', detail: error.message };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unknown', reason: 'network-error', detail: message };
}

/** Statuses that a platform's anti-bot layer uses; only a clean answer reaches a parser. */
export function blockFromStatus(response: HttpResponse): Unknown | undefined {
  const { status } = response;
  if (status === 429) return { kind: 'unknown', reason: 'rate-limited', detail: 'HTTP 429' };
  if (status === 401) return { kind: 'unknown', reason: 'login-required', detail: 'HTTP 401' };
  if (status === 403 || status === 412 || status === 418 || status === 451) {
    return { kind: 'unknown', reason: 'blocked', detail: `HTTP ${status}` };
  }
  if (status >= 500) return { kind: 'unknown', reason: 'network-error', detail: `HTTP ${status}` };
  if (status >= 300 && status < 400) return { kind: 'unknown', reason: 'blocked', detail: `HTTP ${status} redirect` };
  return undefined;
}

/** An observation of an account the list named in another form: it carries the id that form resolved to. */
export function resolvedAs(id: string, listed: string, observation: Observation): Observation {
  return id === listed ? observation : { ...observation, resolvedId: id };
}

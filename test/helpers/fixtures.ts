import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpResponse } from '../../src/fetch/http.js';
import { FIXTURES_DIR } from '../../src/paths.js';

export const realText = (platform: string, name: string) => readFileSync(join(FIXTURES_DIR, platform, 'real', name), 'utf8');
export const realJson = (platform: string, name: string): unknown => JSON.parse(realText(platform, name));

export const answer = (body: string, status = 200, headers: Record<string, string> = {}): HttpResponse => ({
  url: 'https://example.invalid/',
  status,
  headers,
  body,
});

/** A page carrying a state the way the platforms' pages do: a script assignment, `undefined` included. */
export const statePage = (name: string, state: unknown) =>
  `<html><head><title>t</title></head><body><script>window.${name}=${JSON.stringify(state).replace(/null/g, 'undefined')}</script></body></html>`;

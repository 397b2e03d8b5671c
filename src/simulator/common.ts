import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimResponse } from './types.js';

/** One simulated account, the same shape for every platform (fixtures/simulator/<platform>.json). */
export interface SimAccount {
  name?: string;
  fans?: number;
  /** Publication instants of the posts (ISO 8601), any order. */
  posts?: string[];
  /** Pinned posts, listed first as the platforms do; they can be years old. */
  pinned?: string[];
  /** The post count the profile shows; defaults to the posts listed. */
  count?: number;
  /** How the platform answers: see each simulator for the behaviours it knows. */
  behaviour?: string;
  note?: string;
  /**
   * The verdict the account's state implies, `status` or `status/reason`: what
   * the tests expect through the browser route for the platforms that sign
   * their requests, and over HTTP for the others.
   */
  expect?: string;
  /** Where a script over HTTP (with cookies) gets less than a browser: what it gets. */
  expectHttp?: string;
  /** The platform's verification, rendered in its real fields; absent: not verified. */
  verification?: SimVerification;
}

/**
 * A simulated verification: who the platform verified the account as, and its
 * words. Each simulator writes it in its platform's own fields (Weibo's
 * `verified_type`, Douyin's `enterprise_verify_reason`, Bilibili's `Official`…).
 */
export interface SimVerification {
  kind: 'government' | 'media' | 'organisation' | 'person';
  text: string;
}

export interface PlatformScenario {
  accounts: Record<string, SimAccount>;
  /** Short links and screen names, to the ids they lead to. */
  aliases?: Record<string, string>;
}

export function loadRealAnswer(fixturesDir: string, platform: string, name: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, platform, 'real', name), 'utf8'));
}

export function readText(fixturesDir: string, platform: string, name: string): string {
  return readFileSync(join(fixturesDir, platform, 'real', name), 'utf8');
}

/** Posts newest first, pinned ones on top as the platforms list them. */
export function listedPosts(account: SimAccount): { at: Date; pinned: boolean }[] {
  const byNewest = (a: string, b: string) => Date.parse(b) - Date.parse(a);
  return [
    ...[...(account.pinned ?? [])].sort(byNewest).map((iso) => ({ at: new Date(iso), pinned: true })),
    ...[...(account.posts ?? [])].sort(byNewest).map((iso) => ({ at: new Date(iso), pinned: false })),
  ];
}

export function postCount(account: SimAccount): number {
  return account.count ?? (account.posts?.length ?? 0) + (account.pinned?.length ?? 0);
}

export function cookieNames(header: string | string[] | undefined): Set<string> {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  return new Set(text.split(';').map((pair) => pair.split('=')[0]!.trim()).filter(Boolean));
}

export const htmlPage = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** An HTML page as a 200 answer, in UTF-8. */
export const htmlResponse = (title: string, body: string): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: htmlPage(title, body),
});

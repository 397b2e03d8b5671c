import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import type { ListItem } from '../../src/accounts/read.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { scan } from '../../src/audit/scan.js';
import type { BrowserSession } from '../../src/browser/session.js';

/*
 * A browser that stops answering its driver leaves a page visit that never
 * returns, whatever the account's deadline says. The scan still ends: the
 * account is left behind as unverified (timeout), and the accounts after it
 * are checked.
 */

const NOW = new Date('2026-11-20T10:00:00+08:00');

function douyin(i: number): Account {
  const id = `MS4wLjABAAAAstuck-${i}`;
  return { key: `douyin:${id}`, platform: 'douyin', id, url: `https://www.douyin.com/user/${id}`, name: `县融媒${i}`, org: '', extra: {}, source: { file: 'list.csv', row: i + 2 }, order: i };
}

async function* listOf(count: number): AsyncGenerator<ListItem> {
  for (let i = 0; i < count; i++) yield { kind: 'account', account: douyin(i) };
}

/** A session whose pages never deliver and never notice the cut: a wedged browser. */
const wedged = { visit: () => new Promise(() => undefined) } as unknown as BrowserSession;

describe('a check that never returns', () => {
  it('is left behind at its deadline as unverified (timeout), and the scan goes on to the end', async () => {
    const report = await scan(listOf(3), {
      now: NOW,
      thresholds: DEFAULT_THRESHOLDS,
      files: ['list.csv'],
      version: 'test',
      connectTo: [],
      rates: new Map([['*', { requests: 0, seconds: 1 }]]),
      concurrency: 1,
      perPlatformConcurrency: 1,
      retries: 0,
      timeoutMs: 100,
      accountDeadlineMs: 100,
      windDownMs: 50,
      browser: { platforms: new Set(['douyin']), source: { kind: 'live', session: wedged } },
    });
    const findings = [...report.accounts];
    expect(findings.map((f) => [f.account.id, f.status, f.reason])).toEqual([0, 1, 2].map((i) => [`MS4wLjABAAAAstuck-${i}`, 'unverified', 'timeout']));
    expect(report.interrupted).toBe(false);
  });
});

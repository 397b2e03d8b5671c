import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { CookieJar } from '../../src/fetch/cookies.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/fetch/http.js';
import { SecretRegistry } from '../../src/fetch/redact.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { wechatMp } from '../../src/platforms/wechat-mp.js';
import { loadScenarios, SIMULATOR_NOW } from '../../src/simulator/server.js';
import { lastScheduledRun, wechatMpSimulator, wechatRowCell, type WechatSimAccount } from '../../src/simulator/wechat-mp.js';

/*
 * Every simulated Official Account through the adapter in this process, with
 * and without the user's bridge: the verdict each fixture states. The
 * simulator plays Sogou, the article pages and a WeWe-RSS bridge
 * (its feeds and its feed list) at bridge.example. test/e2e/wechat.test.ts
 * runs the same through the CLI.
 */

const accounts = Object.entries(loadScenarios()['wechat-mp'].accounts as Record<string, WechatSimAccount>);
const sim = wechatMpSimulator({ accounts: Object.fromEntries(accounts) }, FIXTURES_DIR);
const BRIDGE = 'http://bridge.example/feeds/MP_WXS_{bizId}.atom';

const http = {
  async fetch(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const simRequest = { method: 'GET', host: url.hostname, path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1), headers: {}, body: '' };
    const answered = url.hostname === 'bridge.example' ? sim.bridge(simRequest) : sim.handle(simRequest);
    return { url: request.url, status: answered.status, headers: answered.headers ?? {}, body: answered.body };
  },
} as unknown as HttpClient;

async function verdictOf(key: string, account: WechatSimAccount, feedTemplate?: string): Promise<string> {
  const observe = wechatMp.createObserver({ http, now: SIMULATOR_NOW, cookies: new CookieJar(new SecretRegistry()), thresholds: DEFAULT_THRESHOLDS, ...(feedTemplate ? { feedTemplate } : {}) });
  const id = wechatRowCell(key, account);
  // The list's name column, as the demo list gives it (not for the rows that give the __biz alone).
  const row: Account = { key: `wechat-mp:${id}`, platform: 'wechat-mp', id, url: wechatMp.profileUrl(id), name: account.row === 'biz' ? undefined : account.name, extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
  const finding = classify(row, await observe(row, new AbortController().signal), SIMULATOR_NOW, DEFAULT_THRESHOLDS, SIMULATOR_NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
}

describe('the simulated Official Accounts, through the adapter', () => {
  it.each(accounts)('%s without a bridge', async (key, account) => {
    expect(await verdictOf(key, account)).toBe(account.expect);
  });

  it.each(accounts)('%s with the bridge', async (key, account) => {
    expect(await verdictOf(key, account, BRIDGE)).toBe(account.expectBridge);
  });
});

describe('the simulated WeWe-RSS bridge', () => {
  const get = (path: string) => sim.bridge({ method: 'GET', host: 'bridge.example', path, query: new URLSearchParams(), rawQuery: '', headers: {}, body: '' });

  it('writes the account’s info time as its feed’s updated, never its sync, and entries with updated only', () => {
    const feed = get('/feeds/MP_WXS_3900000003.atom').body;
    expect(feed).toMatch(/<generator>WeWe-RSS<\/generator>/);
    expect(feed).toMatch(/<feed[^>]*>.*?<updated>2026-03-02T02:00:00.000Z<\/updated>/);
    expect(feed).not.toMatch(/<published>/);
  });

  it('lists each followed feed with its last sync: the last scheduled run, or the fixture’s own', () => {
    const listing = JSON.parse(get('/feeds/').body) as { id: string; syncTime: number }[];
    const synced = (id: string) => listing.find((f) => f.id === id)?.syncTime;
    expect(synced('MP_WXS_3900000003')).toBe(Date.parse('2026-11-20T05:35:00+08:00') / 1000);
    expect(synced('MP_WXS_3900000018')).toBe(Date.parse('2026-09-30T17:35:00+08:00') / 1000);
    // 江城检察 is not followed by the bridge.
    expect(synced('MP_WXS_3900000017')).toBeUndefined();
    expect(get('/feeds/MP_WXS_3900000017.atom')).toMatchObject({ status: 400 });
  });

  it('syncs at 05:35 and 17:35 China time', () => {
    expect(lastScheduledRun(new Date('2026-11-20T05:34:00+08:00'))).toEqual(new Date('2026-11-19T17:35:00+08:00'));
    expect(lastScheduledRun(new Date('2026-11-20T17:35:00+08:00'))).toEqual(new Date('2026-11-20T17:35:00+08:00'));
    expect(lastScheduledRun(new Date('2026-11-20T23:59:00+08:00'))).toEqual(new Date('2026-11-20T17:35:00+08:00'));
  });
});

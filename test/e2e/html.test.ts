/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPORTERS } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { finding, sampleReport } from '../helpers/report.js';

/*
 * The HTML report in a real browser: Debian's chromium, driven by
 * playwright-core. CI installs chromium (.ci/run); elsewhere the test is
 * skipped, saying so, when the browser is missing.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
if (!available) console.warn(`${CHROMIUM} not found: the HTML report's browser tests are skipped (apt-get install chromium)`);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  if (!available) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-html-'));
}, 60_000);
afterAll(async () => browser?.close());

async function open(path: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(path).href);
  return { page, errors, requests };
}

const visibleRows = (page: Page) =>
  page.$$eval('#accounts tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.status ?? ''));

describe.skipIf(!available)('the HTML report in headless Chromium', () => {
  let demo: { page: Page; errors: string[]; requests: string[] };
  let report: { summary: { total: number; byStatus: Record<string, number> }; accounts: { region: string | null; status: string; daysSinceLastPost: number | null; reason: string | null }[] };

  beforeAll(async () => {
    const result = await runCli(['demo', '--out', dir, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    demo = await open(join(dir, 'report.html'));
  }, 60_000);

  it('renders without console errors and makes no network request at all', () => {
    expect(demo.errors).toEqual([]);
    expect(demo.requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(demo.requests).toHaveLength(1);
  });

  it('shows the summary cards with the audit’s numbers', async () => {
    for (const [status, count] of Object.entries(report.summary.byStatus)) {
      expect(await demo.page.$eval(`.card[data-status="${status}"] .n`, (el) => el.textContent)).toBe(String(count));
    }
  });

  it('draws the region chart with the right counts per status', async () => {
    const bars = await demo.page.$$eval('[data-chart="region"] g[data-group]', (groups) =>
      groups.map((g) => ({
        region: g.getAttribute('data-group'),
        counts: Object.fromEntries([...g.querySelectorAll('rect')].map((r) => [r.getAttribute('data-status'), Number(r.getAttribute('data-count'))])),
      })),
    );
    expect(bars.length).toBeGreaterThan(1);
    for (const bar of bars) {
      const inRegion = report.accounts.filter((a) => (a.region ?? '') === bar.region);
      for (const [status, count] of Object.entries(bar.counts)) expect(count).toBe(inRegion.filter((a) => a.status === status).length);
    }
  });

  it('draws the silence histogram with the right counts', async () => {
    const never = await demo.page.$eval('[data-chart="silence"] [data-bucket="never"]', (g) => Number(g.getAttribute('data-count')));
    expect(never).toBe(report.accounts.filter((a) => a.reason === 'never-posted').length);
    const recent = await demo.page.$eval('[data-chart="silence"] [data-bucket="0-14"]', (g) => Number(g.getAttribute('data-count')));
    expect(recent).toBe(report.accounts.filter((a) => a.daysSinceLastPost !== null && a.daysSinceLastPost <= 14).length);
  });

  it('filters the table by status and by platform', async () => {
    await demo.page.selectOption('#f-status', 'zombie');
    expect(new Set(await visibleRows(demo.page))).toEqual(new Set(['zombie']));
    expect((await visibleRows(demo.page)).length).toBe(report.summary.byStatus.zombie);
    expect(await demo.page.textContent('#shown')).toBe(String(report.summary.byStatus.zombie));
    await demo.page.selectOption('#f-platform', 'weibo');
    const platforms = await demo.page.$$eval('#accounts tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.platform));
    expect(new Set(platforms)).toEqual(new Set(['weibo']));
    await demo.page.selectOption('#f-status', '');
    await demo.page.selectOption('#f-platform', '');
    expect((await visibleRows(demo.page)).length).toBe(report.summary.total);
  });

  it('sorts the table when a header is clicked', async () => {
    const followers = () =>
      demo.page.$$eval('#accounts tbody tr', (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[9]!.getAttribute('data-value')).filter((v) => v !== ''));
    const header = demo.page.locator('#accounts th', { hasText: '粉丝数' }).or(demo.page.locator('#accounts th', { hasText: 'followers' }));
    await header.first().click();
    const ascending = (await followers()).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await header.first().click();
    const descending = (await followers()).map(Number);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
  });

  it('links each account to its public profile', async () => {
    const href = await demo.page.$eval('#accounts tr[data-key="bilibili:400000001"] a', (a) => a.getAttribute('href'));
    expect(href).toBe('https://space.bilibili.com/400000001');
  });

  it('gives a leader the title, the advice for each account, every column of the list, and says when the scan was incomplete', async () => {
    const sample = sampleReport();
    sample.title = '江城市政务新媒体巡检';
    sample.interrupted = true;
    const path = join(dir, 'leader.html');
    await writeFile(path, REPORTERS.html(sample, { lang: 'zh-CN', color: false }));
    const { page } = await open(path);
    expect(await page.textContent('h1')).toBe('江城市政务新媒体巡检');
    expect(await page.textContent('.banner')).toContain('本报告不完整');
    const headers = await page.$$eval('#accounts th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(headers).toContain('整改建议');
    expect(headers).toContain('备注');
    expect(headers).not.toContain('处理建议');
    const table = (await page.textContent('#accounts')) ?? '';
    // The platform's raw answer and the scan's options are not for this reader.
    expect(table).not.toContain('HTTP 412');
    expect(table).not.toContain('--rate');
    expect(table).toContain('+86 10 1234');
  });

  it('fits a 1280 px screen, and prints on A4 landscape with nothing under 9 pt', async () => {
    const { page } = await open(join(dir, 'report.html'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(await page.$eval('#accounts', (t) => t.scrollWidth <= (t.parentElement as HTMLElement).clientWidth + 1)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    const smallest = await page.$$eval('#accounts td, #accounts th, #accounts .small', (cells) => Math.min(...cells.map((c) => parseFloat(getComputedStyle(c).fontSize))));
    // 9 pt is 12 CSS pixels.
    expect(smallest).toBeGreaterThanOrEqual(12);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    // A guard against a layout that breaks a page per row: about five accounts per page, charts and lists included.
    expect(pages).toBeLessThanOrEqual(Math.ceil(report.accounts.length / 4));
  });

  it('escapes everything that came from the list or the web', async () => {
    const hostile = sampleReport();
    const evil = finding('666', 'zombie', 'never-posted', { name: '<img src=x onerror="document.title=\'pwned\'">', org: '<script>document.title="pwned"</script>', postCount: 0, followers: 0 }, 9);
    evil.account.url = 'javascript:alert(1)';
    hostile.accounts.push({ ...evil, rank: 6, score: 100 });
    const path = join(dir, 'hostile.html');
    await writeFile(path, REPORTERS.html(hostile, { lang: 'en', color: false }));
    const { page, errors, requests } = await open(path);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.$$eval('a[href^="javascript"]', (a) => a.length)).toBe(0);
    expect(await page.textContent('#accounts')).toContain('<img src=x');
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

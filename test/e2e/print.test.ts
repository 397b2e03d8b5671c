/// <reference lib="dom" />
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { pdfPageTexts } from '../helpers/pdf-text.js';
import { docxFileText } from '../helpers/docx-text.js';

/*
 * The demo's reports on paper: the HTML printed to PDF by Chromium (Debian's
 * chromium through playwright-core, never a downloaded one), the workbook
 * printed to PDF by LibreOffice. CI installs both (.ci/run); elsewhere the
 * tests are skipped, saying so, when one is missing.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const hasChromium = existsSync(CHROMIUM);
const hasOffice = existsSync(SOFFICE);
if (process.env.CI && (!hasChromium || !hasOffice)) throw new Error(`${CHROMIUM} or ${SOFFICE} is missing: .ci/run installs them`);
if (!hasChromium) console.warn(`${CHROMIUM} not found: the HTML print tests are skipped (apt-get install chromium)`);
if (!hasOffice) console.warn(`${SOFFICE} not found: the workbook print test is skipped (apt-get install libreoffice-calc-nogui)`);

/** The demo's reports, in Chinese (the report a Chinese office prints) and in English. */
const demos: Record<'zh-CN' | 'en', string> = { 'zh-CN': '', en: '' };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-audit-print-'));
  for (const lang of ['zh-CN', 'en'] as const) {
    demos[lang] = join(dir, lang);
    const result = await runCli(['demo', '--out', demos[lang], '--quiet', '--lang', lang]);
    expect(result.code, result.stderr).toBe(0);
  }
}, 240_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Text from a PDF, its compatibility ideographs (⼈ for 人) read as the characters they stand for. */
const normal = (text: string) => text.normalize('NFKC');

describe.skipIf(!hasChromium)('the HTML report printed by Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  async function printed(lang: 'zh-CN' | 'en'): Promise<{ page: Page; pages: string[]; pdf: Buffer }> {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(demos[lang], 'report.html')).href);
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    return { page, pages: pdfPageTexts(pdf).map(normal), pdf };
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`prints the demo's 103 accounts on at most 8 A4 landscape pages (${lang})`, async () => {
      const { pages, pdf } = await printed(lang);
      // The page objects, counted apart from the text reader: the two must agree.
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length).toBe(pages.length);
      expect(pages.length).toBeGreaterThan(2);
      expect(pages.length).toBeLessThanOrEqual(8);
      const size = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/)!;
      // A4 landscape in points: 297 × 210 mm.
      expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([842, 595]);
      const report = JSON.parse(await readFile(join(demos[lang], 'report.json'), 'utf8'));
      // Every account is on paper, by its rank, in the ranking's order.
      const all = pages.join('\n');
      expect(all).toContain(report.accounts[0].name);
      expect(all).toContain(report.accounts.at(-1).name);
    });
  }

  it('never leaves a heading at the foot of a page without what it heads', async () => {
    const { page, pages } = await printed('zh-CN');
    const report = JSON.parse(await readFile(join(demos['zh-CN'], 'report.json'), 'utf8'));
    const firstOrg = (await page.$$eval('table.groups[data-group-by="org"] tbody tr td:first-child', (cells) => cells.map((c) => c.textContent ?? '')))[0]!;
    const headsAndFirstLines: [string, string][] = [
      ['问题排名', report.accounts[0].name],
      ['按主办单位统计', firstOrg],
      ['按地区统计', '江城市江北区'],
      ['原因说明', '账号存在，但从未发布任何内容'],
    ];
    for (const [heading, first] of headsAndFirstLines) {
      const at = pages.findIndex((text) => text.split('\n').some((line) => line.trim() === heading));
      expect(at, heading).toBeGreaterThanOrEqual(0);
      const after = pages[at]!.slice(pages[at]!.indexOf(heading));
      expect(after, `${heading} on page ${at + 1}`).toContain(normal(first));
    }
  });

  it('keeps every number and every column title on one line, nothing under 9 pt', async () => {
    const page = await browser.newPage({ viewport: { width: 1047, height: 720 } });
    await page.goto(pathToFileURL(join(demos['zh-CN'], 'report.html')).href);
    await page.emulateMedia({ media: 'print' });
    const wrapped = await page.$$eval('td.num, th', (cells) =>
      cells
        .filter((cell) => (cell as HTMLElement).offsetParent !== null && cell.textContent!.trim())
        .filter((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          // One line: every piece of the text on the same line box.
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return tops.size > 1;
        })
        .map((cell) => cell.textContent),
    );
    expect(wrapped).toEqual([]);
    const smallest = await page.$$eval('body *', (elements) =>
      Math.min(
        ...elements
          .filter((e) => (e instanceof HTMLElement ? e.offsetParent !== null : e instanceof SVGTextElement) && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
          .map((e) => {
            // A chart's text is as large as its drawing is scaled.
            const svg = e instanceof SVGElement ? e.ownerSVGElement : null;
            const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
            return parseFloat(getComputedStyle(e).fontSize) * scale;
          }),
      ),
    );
    // 9 pt is 12 CSS pixels.
    expect(smallest).toBeGreaterThanOrEqual(12);
  });
});

describe.skipIf(!hasOffice)('the workbook printed by LibreOffice', () => {
  it('prints the summary first, then the ranking with the account names on its first page and its header on every page', async () => {
    const out = join(dir, 'office');
    await promisify(execFile)(
      SOFFICE,
      [`-env:UserInstallation=${pathToFileURL(join(dir, 'office-profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', out, join(demos['zh-CN'], 'report.xlsx')],
      { timeout: 300_000 },
    );
    const pages = pdfPageTexts(await readFile(join(out, 'report.pdf'))).map(normal);
    const report = JSON.parse(await readFile(join(demos['zh-CN'], 'report.json'), 'utf8'));
    expect(pages[0]).toContain('政务账号巡检报告');
    expect(pages[0]).toContain('合格率');
    expect(pages[0]!.replace(/\s+/g, '')).toContain('第1页');
    const ranking = pages.filter((text) => text.includes('整改建议') && text.includes('账号名称') && !text.includes('状态代码'));
    expect(ranking.length).toBeGreaterThan(1);
    for (const account of report.accounts.slice(0, 3)) expect(ranking[0]).toContain(account.name);
    // Fit to one page wide: the 10 columns of the ranking, and the 30 of the details, never spill onto pages of their own.
    expect(pages.length).toBeLessThanOrEqual(10);
    expect(pages.filter((text) => text.includes('状态代码'))).toHaveLength(pages.length - pages.indexOf(pages.find((t) => t.includes('状态代码'))!));
  }, 320_000);
});

describe('the demo’s 通报 (report.docx)', () => {
  it('is written beside the other reports, in Chinese, with pass rates by platform that add up to the JSON’s counts', async () => {
    const text = await docxFileText(join(demos['zh-CN'], 'report.docx'));
    const json = JSON.parse(await readFile(join(demos['zh-CN'], 'report.json'), 'utf8')) as { accounts: { platform: string; status: string; id: string; name: string | null; url: string | null; platformName: string | null }[] };
    for (const heading of ['、检查范围与依据', '、检查结果：内容更新合格率', '、问题清单', '、整改要求与时限']) expect(text).toContain(heading);
    expect(text).toContain('整改时限：');
    const byPlatform = text.slice(text.indexOf('按平台统计'), text.indexOf('按地区统计'));
    const count = (platform: string, ...statuses: string[]) => json.accounts.filter((a) => a.platform === platform && statuses.includes(a.status)).length;
    // Weibo's row: listed, 合格 (active), 不合格 (inactive + zombie), not found, to verify.
    const weibo = ['微博', count('weibo', 'active', 'inactive', 'zombie', 'not-found', 'unverified'), count('weibo', 'active'), count('weibo', 'inactive', 'zombie'), count('weibo', 'not-found'), count('weibo', 'unverified')];
    expect(byPlatform).toContain(weibo.join('\n'));
    // Chinese throughout, but for what the list and the platforms name: the list's file, accounts' names, ids and links.
    const named = new Set(['gov-audit', 'RSS/Atom', 'accounts', ...json.accounts.flatMap((a) => [a.name, a.id, a.url, a.platformName]).filter((v): v is string => Boolean(v))]);
    const handedOn = text.slice(0, text.indexOf('、待人工核实的账号'));
    const english = handedOn.split('\n').map((line) => [...named].reduce((rest, name) => rest.replaceAll(name, ''), line)).filter((line) => /[A-Za-z]{2,}/.test(line));
    expect(english).toEqual([]);
  });
});

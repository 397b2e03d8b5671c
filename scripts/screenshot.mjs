// Renders the demo's HTML report in Debian's Chromium and saves the screenshot shown in the README.
// Usage: npm run build && node bin/gov-audit.js demo --out /tmp/demo --lang zh-CN && node scripts/screenshot.mjs /tmp/demo/report.html docs/images/html-report.png
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [input, output] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
await page.goto(pathToFileURL(input).href);
await page.screenshot({ path: output, fullPage: false });
await browser.close();

// Generates the benchmark lists: Bilibili accounts that never posted (one request each),
// streamed to a CSV file so that even a million rows never sit in memory here.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const FIRST_MID = 800_000_000;

export async function writeBilibiliList(path, count, { firstMid = FIRST_MID } = {}) {
  const out = createWriteStream(path);
  out.write('平台,账号,账号名称,主办单位,地区,层级\n');
  for (let i = 0; i < count; i++) {
    const line = `bilibili,${firstMid + i},测试账号${i},测试单位${i % 500},测试地区${i % 40},市级\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Never-posted accounts: the profile alone gives the verdict, one request per account. */
/** Accounts that posted daily until the simulator's instant: a profile and a post list each. */
export function activeScenario(firstId, count, toId = (n) => String(n)) {
  const accounts = {};
  const day = 86_400_000;
  const now = Date.parse('2026-11-20T10:00:00+08:00');
  for (let i = 0; i < count; i++) {
    const posts = Array.from({ length: 18 }, (_, k) => new Date(now - (k + 1) * day).toISOString());
    accounts[toId(firstId + i)] = { name: `测试账号${i}`, fans: 1000 + i, posts };
  }
  return { accounts };
}

export function neverPostedScenario(firstId, count, toId = (n) => String(n)) {
  const accounts = {};
  for (let i = 0; i < count; i++) accounts[toId(firstId + i)] = { name: `测试账号${i}`, fans: i, posts: [], videos: [] };
  return { accounts };
}

/** The same list as a workbook, written as a stream: a title row above the header, as offices keep it. */
export async function writeBilibiliWorkbook(path, count, { firstMid = FIRST_MID } = {}) {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = book.addWorksheet('账号台账');
  sheet.addRow(['测试账号台账']).commit();
  sheet.addRow(['平台', '账号', '账号名称', '主办单位', '地区', '层级']).commit();
  for (let i = 0; i < count; i++) sheet.addRow(['bilibili', firstMid + i, `测试账号${i}`, `测试单位${i % 500}`, `测试地区${i % 40}`, '市级']).commit();
  sheet.commit();
  await book.commit();
}

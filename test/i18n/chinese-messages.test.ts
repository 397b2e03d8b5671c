import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLists } from '../../src/accounts/read.js';
import { helpWords } from '../../src/cli.js';
import { platformNamesIn } from '../../src/commands/browser.js';
import { messages } from '../../src/i18n/index.js';
import { PLATFORMS } from '../../src/platforms/index.js';
import { describeDuplicate, describeProblem } from '../../src/report/context.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * The messages a Chinese office meets when its list or its machine is not
 * right: no English word in them. Allowed are names, ids, addresses, option
 * names (--feed-host), environment variables (DISPLAY), the platforms' codes
 * and the names of products and formats.
 */
const CODES = new Set(PLATFORMS.map((p) => p.id));
const ALLOWED = new Set(['gov-audit', 'ID', 'RSS', 'Atom', 'CSV', 'JSON', 'Cookie', 'RSSHub', 'Chrome', 'Edge', 'Chromium', 'chrome', 'msedge', 'chromium', 'sec_uid', 'Ciy', 'biz', 'sphXXXXXXXX']);

/** The English words of a text, less addresses, file names, options, environment variables, codes and product names. */
export function englishWords(text: string, allowed: ReadonlySet<string> = new Set()): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S*\.(?:csv|json|ndjson|sqlite|gz|xlsx|md|html|png)\b/g, ' ')
    .replace(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/g, ' ')
    .replace(/(?:\bnpx )?\bgov-audit [a-z]+/g, ' ')
    .replace(/(?:^|(?<=[\s“（(]))\/[\w./-]+/g, ' ')
    .replace(/[\w=+/.…-]*\d[\w=+/.…-]*/g, ' ')
    .replace(/(?:^|[\s（(：，、])--?[a-z][a-z-]*/gm, ' ')
    .replace(/\b[A-Z][A-Z_]{2,}\b/g, ' ');
  const words = cleaned.match(/[A-Za-z][A-Za-z_'-]*/g) ?? [];
  return [...new Set(words.filter((w) => !CODES.has(w) && !ALLOWED.has(w) && !allowed.has(w)))];
}

describe('a Chinese reader of the list’s messages', () => {
  it('reads every platform’s id example in Chinese, and every English one has its Chinese twin', () => {
    for (const platform of PLATFORMS) {
      expect(platform.idExample.en, platform.id).toBeTruthy();
      expect(englishWords(platform.idExample['zh-CN']), platform.id).toEqual([]);
    }
  });

  it('meets no English word in validate’s row messages, duplicates included, and the English ones stay English', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gov-audit-zh-rows-'));
    const list = join(dir, 'list.csv');
    const rows = PLATFORMS.map((p) => `${p.label['zh-CN']},@@ bad id,甲`);
    const douyin = 'https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M';
    await writeFile(list, `平台,链接,名称,单位,地区\n${rows.join('\n')}\n抖音,${douyin},乙,单位,地区\n抖音,${douyin},乙,单位,地区\n`);
    const lines: string[] = [];
    const english: string[] = [];
    for await (const item of readLists([list])) {
      if (item.kind === 'problem') {
        lines.push(describeProblem(item.problem, 'zh-CN'));
        english.push(describeProblem(item.problem, 'en'));
      }
      if (item.kind === 'duplicate') {
        lines.push(describeDuplicate(item.duplicate, 'zh-CN'));
        english.push(describeDuplicate(item.duplicate, 'en'));
      }
    }
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(englishWords(lines.join('\n'), new Set(['bad', 'id'])), lines.join('\n')).toEqual([]);
    // The duplicate names its platform as the reader's language does, not by its code.
    expect(lines.find((l) => l.includes(' — '))).toContain(' 抖音 MS4w');
    expect(english.find((l) => l.includes(' — '))).toContain(' Douyin MS4w');
    expect(english.join('\n')).toMatch(/ or https:\/\//);
  });

  it('reads the browser route’s platforms by their names', () => {
    expect(platformNamesIn(['douyin', 'kuaishou', 'xiaohongshu'], 'zh-CN')).toBe('抖音、快手、小红书');
    expect(platformNamesIn(['douyin', 'kuaishou'], 'en')).toBe('Douyin, Kuaishou');
  });

  it('reads the help’s placeholders in Chinese', () => {
    expect(helpWords('gov-audit [options] [command]', 'zh-CN')).toBe('gov-audit [选项] [命令]');
    expect(helpWords('scan [options] <csv...>', 'zh-CN')).toBe('scan [选项] <名单...>');
    expect(helpWords('--connect-to <host=origin>', 'zh-CN')).toBe('--connect-to <域名=目标地址>');
    expect(helpWords('gov-audit [options] [command]', 'en')).toBe('gov-audit [options] [command]');
  });

  it.each(['gov-audit', 'npx gov-audit'])('has, for every browser and login failure, a Chinese sentence without English (started as %s)', (cmd) => {
    const m = messages('zh-CN').browser;
    const said = [
      m.noDisplay(cmd),
      m.launchFailed('chromium'),
      m.profileInUse('/home/a/.gov-audit/profile'),
      m.loginUnreachable('小红书', 'www.xiaohongshu.com', cmd),
      m.loginClosed('小红书', cmd),
      m.loginFailed('小红书', cmd),
      m.loginTimeout('小红书', 5, cmd),
      m.qrRefreshed('/home/a/login-xiaohongshu.png'),
    ];
    for (const sentence of said) {
      expect(englishWords(sentence), sentence).toEqual([]);
      expect(sentence).not.toContain('\n');
    }
  });
});

describe('doctor, offline, in Chinese', () => {
  it('names the platforms in Chinese, says what failed in words, and gives every failure a remedy', async () => {
    const result = await runInProcess(['--lang', 'zh-CN', 'doctor', '--connect-to', '*=http://127.0.0.1:9', '--retries', '0', '--timeout', '5', '--rate', '*=0/1']);
    expect(result.code, result.stderr).toBe(2);
    expect(englishWords(result.stdout + result.stderr), result.stdout).toEqual([]);
    expect(result.stdout).toContain('哔哩哔哩');
    expect(result.stdout).toMatch(/无法连接到 \S+：请检查网络或代理/);
    const json = await runInProcess(['--lang', 'zh-CN', 'doctor', '--connect-to', '*=http://127.0.0.1:9', '--retries', '0', '--timeout', '5', '--rate', '*=0/1', '--format', 'json']);
    const rows = JSON.parse(json.stdout) as { verdict: string; remedy: string | null }[];
    for (const row of rows.filter((r) => r.verdict !== 'working')) expect(row.remedy, row.verdict).toBeTruthy();
  }, 60_000);
});

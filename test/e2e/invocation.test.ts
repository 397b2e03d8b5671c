import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as ExcelJSModule from 'exceljs';
import { createRequire } from 'node:module';
import { invokedAs } from '../../src/commands/invocation.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

/** What npm sets for the programs it starts (captured from npm 11: `npx gov-audit`, `npm run demo`). */
const NPX_ENV = { npm_command: 'exec', npm_lifecycle_event: 'npx', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };
const NPM_RUN_ENV = { npm_command: 'run', npm_lifecycle_event: 'demo', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };

describe('how gov-audit was started', () => {
  it('is npx gov-audit under npx or an npm script, and gov-audit as a command on the PATH', () => {
    expect(invokedAs(NPX_ENV)).toBe('npx gov-audit');
    expect(invokedAs(NPM_RUN_ENV)).toBe('npx gov-audit');
    // Installed with npm install -g (or linked), or the Windows bundle's gov-audit.cmd: npm sets nothing.
    expect(invokedAs({ PATH: '/usr/bin', LANG: 'zh_CN.UTF-8' })).toBe('gov-audit');
  });
});

/** Runs a command line by its first word, found on PATH as a shell would: the hint exactly as printed. */
function runTyped(line: string, env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  const [command, ...args] = line.split(' ');
  return new Promise((resolve) => {
    execFile(command!, args, { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The hint that ends `init`'s message: the command after 运行 (run), to the end of the line. */
const hintAfterRun = (text: string) => /运行 ((?:npx )?gov-audit .+)$/m.exec(text)?.[1];

describe('installed with npm install -g: the hints are gov-audit commands that work in the office’s folder', () => {
  let env: NodeJS.ProcessEnv;
  let office: string;
  let installed: string;
  beforeAll(async () => {
    // npm install -g lays a package out so (POSIX): <prefix>/lib/node_modules/gov-audit, and <prefix>/bin/gov-audit linking to its bin.
    const prefix = await mkdtemp(join(tmpdir(), 'gov-audit-global-'));
    await mkdir(join(prefix, 'lib', 'node_modules'), { recursive: true });
    await mkdir(join(prefix, 'bin'));
    await symlink(ROOT, join(prefix, 'lib', 'node_modules', 'gov-audit'), 'dir');
    installed = join(prefix, 'bin', 'gov-audit');
    await symlink('../lib/node_modules/gov-audit/bin/gov-audit.js', installed);
    office = await mkdtemp(join(tmpdir(), 'gov-audit-office-'));
    // No npm variable: a person typing gov-audit in a terminal.
    env = { PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}`, LANG: 'zh_CN.UTF-8', HOME: office };
  });

  it('writes the template from another folder, and its hint runs as printed', async () => {
    const init = await runTyped('gov-audit init 台账.xlsx', env, office);
    expect(init.code, init.stderr).toBe(0);
    const hint = hintAfterRun(init.stderr);
    expect(hint).toBe('gov-audit validate 台账.xlsx');
    const validate = await runTyped(hint!, env, office);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toContain('名单中只有模板的 2 行示例');
    // The instructions sheet of the template names the same command.
    const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(office, '台账.xlsx'));
    const lines = book.getWorksheet('填表说明')!.getColumn(1).values.map(String);
    expect(lines.at(-1)).toBe('填好后先离线检查：gov-audit validate 本文件；再检查账号：gov-audit scan 本文件 -o 报告.xlsx');
  });

  it('sends a usage error to a help that runs, and names itself gov-audit in the help', async () => {
    const wrong = await runTyped('gov-audit scan', env, office);
    expect(wrong.code).toBe(3);
    const hint = /运行 (gov-audit --help) 查看用法/.exec(wrong.stderr)?.[1];
    expect(hint, wrong.stderr).toBe('gov-audit --help');
    const help = await runTyped(hint!, env, office);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法： gov-audit \[选项\] \[命令\]/m);
    const scanHelp = await runTyped('gov-audit scan --help', env, office);
    expect(scanHelp.stdout).toContain('先运行 gov-audit login xiaohongshu 再用 --browser');
    expect(scanHelp.stdout).toContain('gov-audit doctor 可检查本机能否访问各平台');
    expect(scanHelp.stdout).not.toContain('npx');
  });
});

describe('started through npx or an npm script in the clone: the hints say npx gov-audit', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gov-audit-npx-'));
  });

  it.each([
    ['npx gov-audit', NPX_ENV],
    ['npm run', NPM_RUN_ENV],
  ])('under %s', async (_how, npm) => {
    const list = join(dir, `${npm.npm_lifecycle_event}.xlsx`);
    const init = await runCli(['--lang', 'zh-CN', 'init', list], npm);
    expect(init.code, init.stderr).toBe(0);
    expect(hintAfterRun(init.stderr)).toBe(`npx gov-audit validate ${list}`);
    const wrong = await runCli(['--lang', 'zh-CN', 'scan'], npm);
    expect(wrong.stderr).toContain('运行 npx gov-audit --help 查看用法');
    const help = await runCli(['--lang', 'en', 'scan', '--help'], npm);
    expect(help.stdout).toMatch(/^Usage: npx gov-audit scan \[options\]/m);
    expect(help.stdout).toContain('`npx gov-audit login xiaohongshu`');
    expect(help.stdout).toContain('npx gov-audit doctor tells which of them work');
  });

  // Two demo runs: generous for a loaded machine.
  it('ends the demo with next steps in the same form, in Chinese and in English', { timeout: 180_000 }, async () => {
    const zh = await runCli(['--lang', 'zh-CN', 'demo', '--out', join(dir, 'demo')], NPX_ENV);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stderr).toContain('下一步：运行 npx gov-audit init 账号台账.xlsx');
    expect(zh.stderr).toContain('检查时间为北京时间 2026-11-20 10:00');
    const en = await runCli(['--lang', 'en', 'demo', '--out', join(dir, 'demo')]);
    expect(en.stderr).toContain('Next: gov-audit init accounts.xlsx writes a list to fill in');
    expect(en.stderr).toContain('audit instant 2026-11-20 10:00 China time (UTC+8)');
  });
});

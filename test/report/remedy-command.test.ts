import { describe, expect, it } from 'vitest';
import { printReport } from '../../src/commands/io.js';
import { REPORTERS } from '../../src/report/index.js';
import { finding, reportOf } from '../helpers/report.js';
import { Collector } from '../helpers/in-process.js';

/*
 * A remedy names a command to run (`gov-audit login douyin`). Printed on the
 * person's terminal it is the command as they started it: inside the clone,
 * through npm, `npx gov-audit`; a report file says `gov-audit`, the command
 * where it is read (docs/decisions.md, "Install once").
 */

const douyinNeedsLogin = () => {
  const f = finding('MS4wLjABAAAAx', 'unverified', 'list-incomplete', { name: '江城发布' });
  return reportOf([{ ...f, account: { ...f.account, platform: 'douyin', key: 'douyin:MS4wLjABAAAAx' } }]);
};

async function printedTable(env: NodeJS.ProcessEnv): Promise<string> {
  const stdout = Object.assign(new Collector(), { isTTY: false });
  await printReport(douyinNeedsLogin(), 'table', 'zh-CN', { stdout, stderr: new Collector(), env }, true);
  return stdout.text.replace(/\s+/g, ' ');
}

describe('the command a remedy names', () => {
  it('is npx gov-audit on the terminal of a person who started gov-audit through npm', async () => {
    expect(await printedTable({ npm_command: 'exec' })).toContain('npx gov-audit login douyin');
  });

  it('is gov-audit on the terminal of an installed command, and in a report file', async () => {
    expect(await printedTable({})).toMatch(/（gov-audit login douyin）/);
    expect(REPORTERS.markdown(douyinNeedsLogin(), { lang: 'zh-CN', color: false, verbose: true })).toContain('（gov-audit login douyin）');
  });
});

import { join, relative, resolve } from 'node:path';
import { FIXTURES_DIR } from '../paths.js';
import { messages, type Lang } from '../i18n/index.js';
import { toChinaIso } from '../audit/time.js';
import { startSimulator } from '../simulator/server.js';
import { auditLists, deliver, scanSettings } from './scan.js';
import { say, type CommandIO } from './io.js';
import { EXIT } from '../errors.js';

/** The instant the demo fixtures describe; fixed so that the demo's verdicts never drift. */
export const DEMO_NOW = '2026-11-20T10:00:00+08:00';
export const DEMO_LIST = join(FIXTURES_DIR, 'demo', 'accounts.csv');
export const DEMO_COOKIES = join(FIXTURES_DIR, 'demo', 'cookies.txt');

export interface DemoFlags {
  out?: string;
  quiet?: boolean;
}

/** Starts the simulator, scans the embedded list through it and writes the demo reports. */
export async function demoCommand(flags: DemoFlags, lang: Lang, io: CommandIO): Promise<number> {
  const m = messages(lang);
  const simulator = await startSimulator();
  const dir = resolve(flags.out ?? 'gov-audit-demo');
  try {
    const settings = scanSettings(
      {
        now: DEMO_NOW,
        output: ['report.csv', 'report.json', 'report.ndjson', 'report.md', 'report.html'].map((name) => join(dir, name)),
        groupBy: ['region', 'org'],
        format: 'table',
        failOn: [],
        connectTo: simulator.connectTo(),
        // Made-up browser cookies, so that the platforms that need them answer; and the simulator's RSSHub.
        cookies: DEMO_COOKIES,
        rsshub: simulator.rsshub,
        rate: ['*=0/1'],
        timeout: '1.5',
        retries: '1',
        quiet: flags.quiet,
      },
      lang,
      io,
    );
    say(io, settings.quiet, m.msg.demoIntro(toChinaIso(settings.now)));
    // The list is named relative to where the user stands, as a list they passed would be.
    const report = await auditLists([relative(process.cwd(), DEMO_LIST) || DEMO_LIST], { ...settings, retryBaseMs: 100 }, io);
    await deliver(report, settings, io);
    say(io, settings.quiet, m.msg.demoDone(dir));
    return EXIT.ok;
  } finally {
    await simulator.close();
  }
}

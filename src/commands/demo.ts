import { join, relative, resolve } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { FIXTURES_DIR } from '../paths.js';
import { messages, type Lang } from '../i18n/index.js';
import { toChinaMinute } from '../audit/time.js';
import { loadLaterScenario, scenariosAt, startSimulator, type SimulatorOptions } from '../simulator/server.js';
import { auditLists, deliver, recordHistory, scanSettings, writeReports, type ScanFlags } from './scan.js';
import { say, type CommandIO } from './io.js';
import { EXIT } from '../errors.js';
import { usingHistory } from './history-db.js';
import { invokedAs } from './invocation.js';

/** The instant the demo fixtures describe; fixed so that the demo's verdicts never drift. */
export const DEMO_NOW = '2026-11-20T10:00:00+08:00';
export const DEMO_LIST = join(FIXTURES_DIR, 'demo', 'accounts.csv');
export const DEMO_COOKIES = join(FIXTURES_DIR, 'demo', 'cookies.txt');
/** A month later: what the platforms show then, and one account added to the list. */
const LATER_SCENARIO = 'month-later.json';
const ADDED_LIST = join(FIXTURES_DIR, 'history', 'added.csv');
/** A Xiaohongshu account whose notes are counted but never dated: the second audit infers its silence. */

export interface DemoFlags {
  /** Check the browser platforms through a real browser (`--browser [which]`). */
  browser?: string | boolean;
  out?: string;
  quiet?: boolean;
  history?: boolean;
}

const REPORT_FILES = ['report.csv', 'report.json', 'report.ndjson', 'report.md', 'report.html', 'report.xlsx', 'report.docx'];

/**
 * Starts the simulator, scans the embedded list through it and writes the
 * demo reports. With `history`, two audits a month apart, kept in a history
 * database with their evidence: the reports are the second audit's, with what
 * changed since the first.
 */
export async function demoCommand(flags: DemoFlags, lang: Lang, io: CommandIO): Promise<number> {
  const dir = resolve(flags.out ?? 'gov-audit-demo');
  if (!flags.history) {
    await demoAudit({ now: DEMO_NOW, lists: [DEMO_LIST], outputs: REPORT_FILES.map((name) => join(dir, name)) }, flags, lang, io);
  } else {
    const db = join(dir, 'history.sqlite');
    // A fresh history and evidence each time, so the demo always tells the same story.
    await rm(db, { force: true });
    await rm(join(dir, 'evidence'), { recursive: true, force: true });
    const later = loadLaterScenario(LATER_SCENARIO);
    await demoAudit({ now: DEMO_NOW, lists: [DEMO_LIST], outputs: [join(dir, 'first-audit.json')], db, dir, quietTable: true }, flags, lang, io);
    const simulator = { scenarios: scenariosAt(later), now: new Date(later.now) };
    const outputs = REPORT_FILES.map((name) => join(dir, name));
    await demoAudit({ now: later.now, lists: [DEMO_LIST, ADDED_LIST], outputs, db, dir, simulator }, flags, lang, io);
  }
  say(io, Boolean(flags.quiet), messages(lang).msg.demoDone(dir));
  // What to do with one's own list, in the form that works where the demo was started.
  say(io, Boolean(flags.quiet), messages(lang).msg.demoNext(invokedAs(io.env)));
  return EXIT.ok;
}

interface DemoRun {
  now: string;
  lists: string[];
  outputs: string[];
  db?: string;
  /** Where the evidence goes, with history. */
  dir?: string;
  /** Print no table: the first of two audits. */
  quietTable?: boolean;
  simulator?: SimulatorOptions;
}

async function demoAudit(run: DemoRun, flags: DemoFlags, lang: Lang, io: CommandIO): Promise<void> {
  const simulator = await startSimulator(run.simulator);
  // A browser profile of the demo's own: the made-up cookies never reach the user's real profile.
  const profileDir = flags.browser === undefined ? undefined : await mkdtemp(join(tmpdir(), 'gov-audit-demo-profile-'));
  try {
    const scanFlags: ScanFlags = {
      now: run.now,
      output: run.outputs,
      groupBy: ['region', 'org'],
      format: 'table',
      failOn: [],
      connectTo: simulator.connectTo(),
      // Made-up browser cookies, so that the platforms that need them answer; and the simulator's RSSHub.
      cookies: DEMO_COOKIES,
      rsshub: simulator.rsshub,
      rate: ['*=0/1'],
      // Xiaohongshu has no well-known account whose link works without a visitor's token: the
      // demo names one of its own, as an office names one with --canary (docs/ranking.md).
      canary: ['xiaohongshu=5ff0e6410000000001008400'],
      // Over HTTP Douyin refuses every script: the breaker would pause it for a minute. The demo shows each account's own answer.
      breakerThreshold: flags.browser === undefined ? '1000' : undefined,
      browser: flags.browser,
      profileDir,
      timeout: flags.browser === undefined ? '1.5' : '10',
      retries: '1',
      quiet: flags.quiet,
      db: run.db,
      archive: run.dir && join(run.dir, 'evidence'),
    };
    const settings = scanSettings(scanFlags, lang, io);
    say(io, settings.quiet, messages(lang).msg.demoIntro(messages(lang).report.chinaTime(toChinaMinute(settings.now))));
    await usingHistory(run.db, lang, async (history) => {
      // The lists are named relative to where the user stands, as lists they passed would be.
      const lists = run.lists.map((list) => relative(process.cwd(), list) || list);
      const report = await auditLists(lists, { ...settings, retryBaseMs: 100 }, io, history);
      if (run.quietTable) await writeReports(report, settings, io);
      else await deliver(report, settings, io);
      recordHistory(report, history, settings, io);
    });
  } finally {
    await simulator.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }
}

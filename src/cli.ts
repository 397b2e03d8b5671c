import { Command, CommanderError, Option } from 'commander';
import stringWidth from 'string-width';
import { EXIT, UsageError } from './errors.js';
import { detectLang, messages, parseLang, type Lang } from './i18n/index.js';
import { packageVersion } from './paths.js';
import { processIO, type CommandIO } from './commands/process-io.js';
import { loadConfig, type ConfigFile } from './commands/config.js';
import type { ScanFlags } from './commands/scan.js';
import { invokedAs } from './commands/invocation.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The value of a global option, read from argv before commander runs. */
function earlyOption(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (index < 0) return undefined;
  return argv[index]!.includes('=') ? argv[index]!.slice(name.length + 1) : argv[index + 1];
}

/**
 * `--lang`, else the config file's `lang`, else the locale. The language must
 * be known before the help texts are built, and the config file before the
 * language, so both are read from argv first.
 */
function languageAndConfig(argv: readonly string[], env: NodeJS.ProcessEnv): { lang: Lang; config: ConfigFile } {
  const flag = earlyOption(argv, '--lang');
  const fromFlag = flag ? parseLang(flag) : undefined;
  const config = loadConfig(earlyOption(argv, '--config'), fromFlag ?? detectLang(env));
  const fromConfig = config.lang ? parseLang(config.lang) : undefined;
  return { lang: fromFlag ?? fromConfig ?? detectLang(env), config };
}

function buildProgram(lang: Lang, config: ConfigFile, io: CommandIO, setExit: (code: number) => void): Command {
  const t = messages(lang).cli;
  // Named as the person started it, so that the help's usage lines can be typed again as shown (`npx gov-audit scan …`).
  const cmd = invokedAs(io.env);
  const program = new Command(cmd)
    .description(t.description)
    .version(packageVersion(), '-V, --version', t.version)
    .helpOption('-h, --help', t.help)
    .helpCommand('help [command]', t.help)
    .addOption(new Option('--lang <lang>', t.lang))
    .option('--config <file>', t.config)
    .option('--debug', t.debug)
    .exitOverride()
    // Commander's own error line is replaced by a translated one in main().
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => undefined })
    // The help's own words in the language: titles, `[options]`, placeholders such as `<file>`; CJK counts two columns.
    .configureHelp({
      styleTitle: (title) => t.helpTitles[title as keyof typeof t.helpTitles] ?? title,
      styleUsage: (usage) => helpWords(usage, lang),
      styleSubcommandTerm: (term) => helpWords(term, lang),
      styleOptionTerm: (term) => helpWords(term, lang),
      styleArgumentTerm: (term) => wordOf(term, lang),
      displayWidth: (text) => stringWidth(text),
    });

  const withListOptions = (command: Command) =>
    command
      .helpOption('-h, --help', t.help)
      .option('--encoding <encoding>', t.encoding)
      .option('--sheet <name|number>', t.sheet)
      .option('-q, --quiet', t.quiet)
      .addOption(new Option('--lang <lang>', t.lang));

  /** What the reports are and when the run fails: shared by scan and merge. */
  const withReportOptions = (command: Command) =>
    command
      .option('-f, --format <format>', t.format)
      .option('-o, --output <file>', t.output, collect)
      .option('--fail-on <status>', t.failOn, collect)
      .option('--max-unverified <percent>', t.maxUnverified)
      .option('--group-by <field>', t.groupBy, collect)
      .option('--deadline <date>', t.deadline);

  /** How requests reach the platforms: shared by scan and doctor. */
  const withNetworkOptions = (command: Command) =>
    command
      .option('--connect-to <host=origin>', t.connectTo, collect)
      .option('--rate <platform=n/s>', t.rate, collect)
      .option('--cookies <cookies.txt>', t.cookies)
      .option('--timeout <seconds>', t.timeout)
      .option('--retries <n>', t.retries);

  /** The browser route: shared by scan and doctor. */
  const withBrowserOptions = (command: Command) =>
    command
      .option('--browser [which]', t.browser)
      .option('--browser-for <platforms>', t.browserFor, collect)
      .option('--browser-cdp <url>', t.browserCdp)
      .option('--profile-dir <dir>', t.profileDir);

  withBrowserOptions(withReportOptions(withNetworkOptions(withListOptions(program.command('scan').description(t.scan).argument('<csv...>', t.csvFiles)))))
    .addHelpText('after', `\n${t.scanNeeds(cmd)}`)
    .option('--now <iso>', t.now)
    .option('--inactive-days <days>', t.inactiveDays)
    .option('--zombie-days <days>', t.zombieDays)
    .option('--manual-check-days <days>', t.manualCheckDays)
    .option('--title <text>', t.title)
    .option('--concurrency <n>', t.concurrency)
    .option('--platform-concurrency <n>', t.platformConcurrency)
    .option('--retry-after-cap <seconds>', t.retryAfterCap)
    .option('--journal <file>', t.journal)
    .option('--resume <journal>', t.resume)
    .option('--cache <file>', t.cache)
    .option('--max-age <duration>', t.maxAge)
    .option('--rsshub <base-url>', t.rsshub)
    .option('--via <route>', t.via)
    .option('--feed-host <host>', t.feedHost, collect)
    .option('--wechat-feed <url-template>', t.wechatFeed)
    .option('--canary <platform=id>', t.canary, collect)
    .option('--no-canary', t.noCanary)
    .option('--accept-mass-not-found', t.acceptMassNotFound)
    .option('--shard <index/count>', t.shard)
    .option('--db <file>', t.db)
    .option('--archive <dir>', t.archive)
    .option('--replay <warc>', t.replay)
    .option('--headed', t.headed)
    .option('-v, --verbose', t.verbose)
    .action(async (files: string[], flags: ScanFlags) => {
      const { scanCommand } = await import('./commands/scan.js');
      const { withConfig } = await import('./commands/config.js');
      setExit(await scanCommand(files, withConfig(flags, config), lang, io));
    });

  withListOptions(program.command('validate').description(t.validate).argument('<csv...>', t.csvFiles))
    .option('--feed-host <host>', t.feedHost, collect)
    .option('--rsshub <base-url>', t.rsshub)
    .action(async (files: string[], flags) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExit(await validateCommand(files, flags, lang, io));
    });

  program
    .command('init')
    .description(t.init)
    .argument('[file]', t.initFile)
    .option('--force', t.force)
    .option('-q, --quiet', t.quiet)
    .helpOption('-h, --help', t.help)
    .addOption(new Option('--lang <lang>', t.lang))
    .action(async (file: string | undefined, flags) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(file, flags, lang, io));
    });

  withReportOptions(program.command('merge').description(t.merge).argument('<report.json...>', t.reports))
    .option('--db <file>', t.db)
    .option('-q, --quiet', t.quiet)
    .helpOption('-h, --help', t.help)
    .addOption(new Option('--lang <lang>', t.lang))
    .action(async (reports: string[], flags: ScanFlags) => {
      const { mergeCommand } = await import('./commands/merge.js');
      const { withConfig } = await import('./commands/config.js');
      setExit(await mergeCommand(reports, withConfig(flags, config), lang, io));
    });

  program
    .command('notice')
    .description(t.notice)
    .argument('<report.json>', t.noticeReport)
    .option('-o, --output <file>', t.noticeOutput)
    .option('--db <file>', t.dbRead)
    .option('--title <text>', t.noticeTitle)
    .option('--deadline <date>', t.deadline)
    .option('-q, --quiet', t.quiet)
    .helpOption('-h, --help', t.help)
    .addOption(new Option('--lang <lang>', t.lang))
    .action(async (report: string, flags: { output?: string; db?: string; title?: string; deadline?: string; quiet?: boolean }) => {
      const { noticeCommand } = await import('./commands/notice.js');
      setExit(await noticeCommand(report, { ...flags, db: flags.db ?? config.db }, lang, io));
    });

  /** The commands that read the history database. */
  const withHistoryOptions = (command: Command) =>
    command
      .option('--db <file>', t.dbRead)
      .option('-f, --format <format>', t.historyFormat)
      .helpOption('-h, --help', t.help)
      .addOption(new Option('--lang <lang>', t.lang));

  withHistoryOptions(program.command('history').description(t.history).argument('<platform:id>', t.account)).action(
    async (account: string, flags: { db?: string; format?: string }) => {
      const { historyCommand } = await import('./commands/history.js');
      setExit(await historyCommand(account, { ...flags, db: flags.db ?? config.db }, lang, io));
    },
  );

  withHistoryOptions(program.command('trend').description(t.trend)).action(async (flags: { db?: string; format?: string }) => {
    const { trendCommand } = await import('./commands/history.js');
    setExit(await trendCommand({ ...flags, db: flags.db ?? config.db }, lang, io));
  });

  program
    .command('platforms')
    .description(t.platforms)
    .option('-f, --format <format>', t.listFormat)
    .helpOption('-h, --help', t.help)
    .action(async (flags) => {
      const { platformsCommand } = await import('./commands/platforms.js');
      setExit(await platformsCommand(flags, lang, io));
    });

  program
    .command('login')
    .description(t.login)
    .argument('[platform]', t.loginPlatform)
    .option('--status', t.loginStatus)
    .option('--browser <which>', t.browser)
    .option('--profile-dir <dir>', t.profileDir)
    .option('--headless', t.loginHeadless)
    .option('--wait <seconds>', t.loginWait)
    .option('--connect-to <host=origin>', t.connectTo, collect)
    .option('-f, --format <format>', t.listFormat)
    .helpOption('-h, --help', t.help)
    .addOption(new Option('--lang <lang>', t.lang))
    .action(async (platform: string | undefined, flags) => {
      const { loginCommand } = await import('./commands/login.js');
      const fromConfig = { profileDir: flags.profileDir ?? config.profileDir, browser: flags.browser ?? (config.browser === 'auto' ? undefined : config.browser) };
      setExit(await loginCommand(platform, { ...flags, ...fromConfig }, lang, io));
    });

  withBrowserOptions(withNetworkOptions(program.command('doctor').description(t.doctor)))
    .option('--account <platform=id>', t.probeAccount, collect)
    .option('--wechat-feed <url-template>', t.wechatFeed)
    .option('-f, --format <format>', t.listFormat)
    .helpOption('-h, --help', t.help)
    .action(async (flags) => {
      const { doctorCommand } = await import('./commands/doctor.js');
      const { withConfig } = await import('./commands/config.js');
      setExit(await doctorCommand({ ...withConfig(flags, config), output: [], failOn: [] }, lang, io));
    });

  program
    .command('demo')
    .description(t.demo)
    .option('--out <dir>', t.demoOut)
    .option('--history', t.demoHistory)
    .option('--browser [which]', t.demoBrowser)
    .option('-q, --quiet', t.quiet)
    .helpOption('-h, --help', t.help)
    .addOption(new Option('--lang <lang>', t.lang))
    .action(async (flags) => {
      const { demoCommand } = await import('./commands/demo.js');
      setExit(await demoCommand(flags, lang, io));
    });
  return program;
}

/** Runs the CLI and returns the exit code; the only place that turns errors into exit codes. */
export async function main(argv: readonly string[], io: CommandIO = processIO()): Promise<number> {
  let lang = detectLang(io.env);
  const debug = argv.includes('--debug');
  let exitCode: number = EXIT.ok;
  try {
    const early = languageAndConfig(argv, io.env);
    lang = early.lang;
    await buildProgram(lang, early.config, io, (code) => (exitCode = code)).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      if (benign) return EXIT.ok;
      io.stderr.write(`gov-audit: ${messages(lang).cli.usageError(commanderMessage(error, lang), invokedAs(io.env))}\n`);
      return EXIT.invalidInput;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`gov-audit: ${error.message}\n`);
      // What the browser or the platform said, for whoever asks for it: never in the one-line message.
      if (debug && error.cause !== undefined) io.stderr.write(`${(error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause)).replace(ANSI, '')}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`gov-audit: ${messages(lang).msg.unexpected(message.split('\n')[0]!.replace(ANSI, ''))}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack.replace(ANSI, '')}\n`);
    return EXIT.unexpected;
  }
}

/** Commander's error in the language of the messages: its code says what, its text names the option or argument. */
function commanderMessage(error: CommanderError, lang: Lang): string {
  const localized = messages(lang).commander[error.code];
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  // A missing argument is named as the help names it (`csv` is 名单); an option's placeholder likewise.
  const what = error.code === 'commander.missingArgument' ? wordOf(quoted, lang) : helpWords(quoted, lang);
  return localized ? localized(what) : error.message.replace(/^error: /, '');
}

/** Terminal colour codes: never part of a message (they would land in a file or a log). */
const ANSI = /\u001b\[[0-9;]*m/g;

/** The placeholders of a help text (`[options]`, `<file>`, `<host=origin>`, `<csv...>`) in the language's words. */
export function helpWords(text: string, lang: Lang): string {
  return text.replace(/([<[])([^<>[\]]*)([>\]])/g, (_, open: string, inner: string, close: string) => `${open}${inner.replace(/[A-Za-z][A-Za-z-]*/g, (w) => wordOf(w, lang))}${close}`);
}

/** One word of the help (`csv`, `file`) in the language, or as it is. */
function wordOf(word: string, lang: Lang): string {
  const words = messages(lang).cli.helpWords;
  return Object.hasOwn(words, word) ? words[word]! : word;
}

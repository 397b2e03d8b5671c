import type { BrowserTools, CapturedAnswer, PageCapture, PageVisit, PlatformAdapter } from '../platforms/adapter.js';
import type { Observer } from '../platforms/adapter.js';
import { observationFromFailure } from '../platforms/common.js';
import type { Exchange } from '../fetch/exchange.js';
import type { HttpClient } from '../fetch/http.js';
import type { WarcReplay } from '../fetch/replay.js';
import { redactUrl } from '../fetch/redact.js';
import { accountScope } from '../fetch/scope.js';
import type { BrowserSession } from './session.js';

/** The names under which a page's block marker, and why it did not finish, are archived. */
const BLOCK_CAPTURE = '#block';
const UNFINISHED_CAPTURE = '#unfinished';
/** And whether the browser held a login when it read the page (`PageVisit.loginCookies`). */
const LOGIN_CAPTURE = '#login';

/** Where a recipe's pages come from: the scan's browser, or an archive (`--replay`). */
export type PageSource = { kind: 'live'; session: BrowserSession } | { kind: 'replay'; replay: WarcReplay };

export interface BrowserRouteOptions {
  source: PageSource;
  http: HttpClient;
  now: Date;
  /** Sees what each page received (the archive, `--archive`). */
  recorder?: (exchange: Exchange) => void;
}

/**
 * The observer of a platform checked through a browser: its recipe, given
 * pages paced like requests (a page load counts as one request to the
 * platform's first host) and recorded as evidence.
 */
export function browserObserver(adapter: PlatformAdapter, options: BrowserRouteOptions): Observer {
  const recipe = adapter.browser!;
  const pageHost = adapter.hosts[0]!;
  const visit = async (page: PageVisit, signal: AbortSignal): Promise<PageCapture> => {
    if (options.source.kind === 'replay') return replayVisit(options.source.replay, page, options.recorder);
    const { session } = options.source;
    const captured = await options.http.paced(pageHost, () => session.visit(page, signal), signal);
    if (page.loginCookies) captured.loggedIn = await holdsLogin(session, page.loginCookies);
    record(captured, page, options.recorder);
    return captured;
  };
  const tools: BrowserTools = { visit, http: options.http, now: options.now };
  return async (account, signal) => {
    try {
      return await recipe.observe(account, tools, signal);
    } catch (error) {
      return observationFromFailure(error);
    }
  };
}

/** Whether the browser holds one of the login cookies, with a value (a logout empties it). */
async function holdsLogin(session: BrowserSession, login: NonNullable<PageVisit['loginCookies']>): Promise<boolean> {
  return (await session.cookies(login.url)).some((c) => login.names.includes(c.name) && c.value !== '');
}

/** The document and each awaited answer become request/response records, named after the page. */
function record(captured: PageCapture, page: PageVisit, recorder: BrowserRouteOptions['recorder']): void {
  if (!recorder) return;
  const account = accountScope.getStore();
  const entries: [string, CapturedAnswer | undefined][] = [['document', captured.document], ...Object.entries(captured.answers)];
  // What the page showed instead (a captcha, a login wall), or why it did not finish, is evidence too, and replays as such.
  const note = (why: object) => ({ url: page.url, method: 'GET', status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(why) });
  if (captured.block) entries.push([BLOCK_CAPTURE, note(captured.block)]);
  if (captured.unfinished) entries.push([UNFINISHED_CAPTURE, note(captured.unfinished)]);
  if (captured.loggedIn !== undefined) entries.push([LOGIN_CAPTURE, note({ loggedIn: captured.loggedIn })]);
  for (const [name, answer] of entries) {
    if (!answer) continue;
    recorder({
      account,
      at: new Date(),
      method: answer.method,
      url: answer.url,
      requestHeaders: {},
      requestBody: answer.requestBody,
      response: { status: answer.status, headers: answer.headers, body: answer.body },
      page: { url: page.url, capture: name },
    });
  }
}

/**
 * A page as the archive kept it: the same captures, so the recipe and its
 * parsers give the same verdict without a browser. A page the archive never
 * saw is a page that never answered.
 */
function replayVisit(replay: WarcReplay, page: PageVisit, recorder: BrowserRouteOptions['recorder']): PageCapture {
  const captures = replay.capturesOf(page.url);
  if (!captures) return { answers: {}, unfinished: { reason: 'network-error', detail: `not in the archive: ${redactUrl(page.url)}` } };
  const account = accountScope.getStore();
  const captured: PageCapture = { answers: {} };
  for (const [name, recorded] of captures) {
    if (!recorded.answer) continue;
    const answer: CapturedAnswer = { url: recorded.url, method: recorded.method, status: recorded.answer.status, headers: recorded.answer.headers, body: recorded.answer.body, requestBody: recorded.body || undefined };
    if (name === BLOCK_CAPTURE) captured.block = JSON.parse(answer.body) as PageCapture['block'];
    else if (name === UNFINISHED_CAPTURE) captured.unfinished = JSON.parse(answer.body) as PageCapture['unfinished'];
    else if (name === LOGIN_CAPTURE) captured.loggedIn = (JSON.parse(answer.body) as { loggedIn?: unknown }).loggedIn === true;
    else if (name === 'document') captured.document = answer;
    // Archived under its name only once the live page found it about the account (`about`); the archive keeps
    // addresses with their token-like parameters masked, so the test is not run again on them. A page that
    // received only other accounts' answers was archived as unfinished (wrong-account), and replays so.
    else captured.answers[name] = answer;
    // Replayed evidence names the archived records a verdict was judged from.
    recorder?.({ account, at: new Date(), method: answer.method, url: answer.url, requestHeaders: {}, response: { ...recorded.answer, records: recorded.records } });
  }
  if (captured.block || captured.unfinished) return captured;
  const complete = page.answers.every((a) => captured.answers[a.name]) || Boolean(page.enough?.(captured));
  return complete ? captured : { ...captured, unfinished: { reason: 'timeout', detail: `the archived page did not receive ${page.answers.filter((a) => !captured.answers[a.name]).map((a) => a.name).join(', ')}` } };
}

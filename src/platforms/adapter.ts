import type { Account } from '../accounts/account.js';
import type { CookieJar } from '../fetch/cookies.js';
import type { HttpClient } from '../fetch/http.js';
import type { Observation } from './observation.js';
import type { UnverifiedReason } from '../audit/status.js';
import type { Thresholds } from '../audit/finding.js';
import type { Rate } from '../fetch/rate.js';

export type Capability = 'exists' | 'name' | 'followers' | 'postCount' | 'dates';

/**
 * A profile URL form. `hosts` are the hosts the form lives on; `path` must
 * capture the id in a group named `id`. Query strings and fragments are
 * dropped unless named in `keepParams`.
 */
export interface UrlForm {
  hosts: readonly string[];
  path: RegExp;
  keepParams?: readonly string[];
  /**
   * Marks an id that the adapter resolves during the scan (a short link, a
   * screen name): the account's id becomes `<prefix><captured>`.
   */
  idPrefix?: string;
  /** The id is the whole canonical URL (feeds), not the captured group. */
  wholeUrl?: boolean;
  /** The id is this query parameter (`__biz` in a WeChat profile link), not a captured group. */
  idParam?: string;
}

export interface ObserveContext {
  http: HttpClient;
  /** The audit instant. */
  now: Date;
  /** The cookies the user supplied and those platforms set during the scan. */
  cookies: CookieJar;
  /** The verdict lines: a source that sees only some posts stops looking once one is recent. */
  thresholds?: Thresholds;
  /** The user's bridge that renders this platform's accounts as feeds (--wechat-feed): a URL template. */
  feedTemplate?: string;
}

/** Fetches and judges one account. Expected outcomes are values, never throws. */
export type Observer = (account: Account, signal: AbortSignal) => Promise<Observation>;

/**
 * Everything gov-audit knows about one platform, in one place: names, URL and
 * id forms, the hosts it may contact, and (once implemented) how to observe an
 * account. A platform without `createObserver` is recognised in lists but its
 * accounts come out `unverified` / `unsupported-platform`.
 */
export interface PlatformAdapter {
  id: string;
  label: { en: string; 'zh-CN': string };
  /** Other names users write in the platform column (matched case- and space-insensitively). */
  aliases: readonly string[];
  urlForms: readonly UrlForm[];
  /** A bare id as the list may give it. */
  idPattern: RegExp;
  /** Example of the id, for error messages, in each language (the words joining the forms are the language's). */
  idExample: { en: string; 'zh-CN': string };
  /**
   * The adapter's own cases: list cells and the id each must give (or `null`
   * when the cell must be refused). A generic test walks every adapter's cases.
   */
  examples: readonly { input: string; id: string | null; url?: string }[];
  profileUrl(id: string): string;
  /** The only hosts requests may go to. */
  hosts: readonly string[];
  /** Hosts paced more slowly than the default unless the user gives this platform (or `*`) a rate. */
  hostRates?: Readonly<Record<string, Rate>>;
  /**
   * A cell this platform's name covers that belongs to another platform (a
   * 视频号 id in a row that says 微信): that platform's id, or undefined.
   */
  handOver?(value: string): string | undefined;
  capabilities: readonly Capability[];
  /** The account may be given by its name alone (视频号, 公众号): a row with only a name is an account. */
  nameIsId?: boolean;
  /** Whether an anonymous request usually works, or the user must supply a browser's cookies. */
  needsCookies?: boolean;
  /** The RSSHub route that renders this account as a feed, when RSSHub knows the platform. */
  rsshubRoute?(id: string): string;
  /**
   * Why that route's feed may leave out the account's newest posts, when the
   * field reports it does: the feed then proves activity, never silence.
   */
  rsshubMayOmitNewest?: string;
  /**
   * A well-known public account that `gov-audit doctor` probes, taken from a
   * real capture or the platform's own accounts. None where a real profile link
   * needs a per-visitor token (Xiaohongshu's `xsec_token`): the user names one.
   */
  probeAccount?: string;
  /** Created once per scan, so an adapter can keep per-scan state (keys, cookies). */
  createObserver?(ctx: ObserveContext): Observer;
  /** How a person's browser reads the account (`--browser`): the platform's recipe. */
  browser?: BrowserRecipe;
}

/**
 * An answer the page receives that the recipe waits for: matched on the
 * URL's path (a substring), the method, and for GraphQL the request body.
 */
export interface AwaitedAnswer {
  name: string;
  /** Substrings of the URL's path; any one matches. */
  paths: readonly string[];
  method?: 'GET' | 'POST';
  /** Must occur in the request body (a GraphQL operation name). */
  bodyIncludes?: string;
  /**
   * Whether an answer that matched by path is about the account asked for (its
   * id in the request or in the answer). One that is not is passed over and
   * the page waits on: a page also loads other accounts' answers on the same
   * paths (recommendations, a previous tab's cache). Proof rule 1.
   */
  about?(answer: CapturedAnswer): boolean;
}

/** Signs on the page that it is not the account's page: a captcha, a login wall, a risk page. */
export interface BlockMarker {
  /** Matched against the page's address as it is now. */
  url?: RegExp;
  title?: RegExp;
  selector?: string;
  reason: Extract<UnverifiedReason, 'captcha' | 'login-required' | 'blocked'>;
  detail: string;
}

/** One page to open as a person would, and what to collect from it. */
export interface PageVisit {
  url: string;
  /** Registered before navigation; each is collected once, the first that arrives. */
  answers: readonly AwaitedAnswer[];
  blocks: readonly BlockMarker[];
  /** Whether all that is needed has arrived: the visit ends early when it has. */
  enough?(captured: PageCapture): boolean;
  /** Scroll once, as a person would to see the first posts. */
  scroll?: boolean;
  /**
   * The login cookies whose presence the capture reports (`loggedIn`): a list
   * read without a login may be incomplete (Douyin). Archived with the page,
   * so a replay knows it too.
   */
  loginCookies?: { url: string; names: readonly string[] };
}

/** An answer as the page received it: shaped as an HTTP answer, so the same parsers read both routes. */
export interface CapturedAnswer {
  url: string;
  method: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  requestBody?: string;
}

export interface PageCapture {
  /** The page's own document as the server sent it: the last one the tab landed on (after a reload or a redirect). */
  document?: CapturedAnswer;
  /** The awaited answers that arrived, by name. */
  answers: Partial<Record<string, CapturedAnswer>>;
  /** A block marker the page showed (the first): it wins over anything the page received. */
  block?: { reason: BlockMarker['reason']; detail: string };
  /** The page ran out of time: it did not load, got no answer to what it asked, never asked, or got only other accounts' answers. */
  unfinished?: { reason: Extract<UnverifiedReason, 'timeout' | 'layout-changed' | 'network-error' | 'wrong-account'>; detail: string };
  /** Per awaited answer, how many that matched by path were passed over as another account's. */
  passedOver?: Partial<Record<string, number>>;
  /** With `loginCookies`: whether the browser held one of them (a login) when the page was read. */
  loggedIn?: boolean;
}

/** What a recipe may use: pages opened in the scan's browser (or replayed), and the shared HTTP client. */
export interface BrowserTools {
  visit(visit: PageVisit, signal: AbortSignal): Promise<PageCapture>;
  http: HttpClient;
  now: Date;
}

/**
 * A platform's browser recipe: which pages to open and how to read what they
 * received, through the platform's own pure parsers. The browser machinery
 * (src/browser/) does the rest.
 */
export interface BrowserRecipe {
  /** Hosts the page may load from beyond the platform's own: its script and API hosts. */
  pageHosts: readonly string[];
  observe(account: Account, tools: BrowserTools, signal: AbortSignal): Promise<Observation>;
  /** `gov-audit login`: where to log in, and the cookie that a login sets (or changes). */
  login?: { url: string; cookie: string; domain: string };
}

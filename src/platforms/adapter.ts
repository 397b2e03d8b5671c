import type { Account } from '../accounts/account.js';
import type { CookieJar } from '../fetch/cookies.js';
import type { HttpClient } from '../fetch/http.js';
import type { Observation } from './observation.js';

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
}

export interface ObserveContext {
  http: HttpClient;
  /** The audit instant. */
  now: Date;
  /** The cookies the user supplied and those platforms set during the scan. */
  cookies: CookieJar;
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
  /** Example of the id, for error messages. */
  idExample: string;
  /**
   * The adapter's own cases: list cells and the id each must give (or `null`
   * when the cell must be refused). A generic test walks every adapter's cases.
   */
  examples: readonly { input: string; id: string | null; url?: string }[];
  profileUrl(id: string): string;
  /** The only hosts requests may go to. */
  hosts: readonly string[];
  capabilities: readonly Capability[];
  /** Whether an anonymous request usually works, or the user must supply a browser's cookies. */
  needsCookies?: boolean;
  /** The RSSHub route that renders this account as a feed, when RSSHub knows the platform. */
  rsshubRoute?(id: string): string;
  /** A well-known public account that `gov-audit doctor` probes. */
  probeAccount?: string;
  /** Created once per scan, so an adapter can keep per-scan state (keys, cookies). */
  createObserver?(ctx: ObserveContext): Observer;
}

import type { SecretRegistry } from './redact.js';

interface Cookie {
  domain: string;
  /** Sent to subdomains too (a leading dot, or TRUE in cookies.txt). */
  subdomains: boolean;
  path: string;
  secure: boolean;
  /** Unix seconds; 0 for a session cookie. */
  expires: number;
  name: string;
  value: string;
}

/**
 * The cookies a scan may send: from the user's cookies.txt, from
 * GOV_AUDIT_COOKIE_<PLATFORM>, and those a platform sets (Weibo's visitor
 * cookies). Each goes only to its own domain, and every value is registered
 * as a secret, so that it never appears in a log, a report or an error.
 */
export class CookieJar {
  private readonly cookies: Cookie[] = [];

  constructor(private readonly secrets?: SecretRegistry) {}

  get size(): number {
    return this.cookies.length;
  }

  /** Reads a Netscape cookies.txt (as yt-dlp, gallery-dl and browser extensions write it). */
  loadNetscape(text: string): number {
    let loaded = 0;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.startsWith('#HttpOnly_') ? raw.slice('#HttpOnly_'.length) : raw;
      if (!line.trim() || line.startsWith('#')) continue;
      const fields = line.split('\t');
      if (fields.length < 7) continue;
      const [domain, subdomains, path, secure, expires, name, ...value] = fields as [string, string, string, string, string, string, ...string[]];
      this.set({
        domain,
        subdomains: subdomains.toUpperCase() === 'TRUE' || domain.startsWith('.'),
        path: path || '/',
        secure: secure.toUpperCase() === 'TRUE',
        expires: Number(expires) || 0,
        name,
        value: value.join('\t'),
      });
      loaded++;
    }
    return loaded;
  }

  /** `name=value; name2=value2`, as a Cookie header or an environment variable gives them, for these hosts. */
  loadHeader(header: string, hosts: readonly string[]): void {
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      for (const host of hosts) {
        this.set({ domain: host, subdomains: false, path: '/', secure: false, expires: 0, name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() });
      }
    }
  }

  /** Keeps the cookies of a response's Set-Cookie headers, within the answering host's domain. */
  store(url: URL, setCookie: string | string[] | undefined): void {
    for (const header of typeof setCookie === 'string' ? [setCookie] : (setCookie ?? [])) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const attribute = (name: string) =>
        attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
      const domain = attribute('domain')?.replace(/^\./, '').toLowerCase();
      // A host may set cookies for itself or a parent domain, never for another site.
      if (domain && !(url.hostname === domain || url.hostname.endsWith(`.${domain}`))) continue;
      this.set({
        domain: domain ?? url.hostname,
        subdomains: Boolean(domain),
        path: attribute('path') ?? '/',
        secure: attributes.some((a) => a.trim().toLowerCase() === 'secure'),
        expires: 0,
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
      });
    }
  }

  /** Every cookie held, for a browser that takes the user's cookies (`--cookies` with `--browser`). */
  all(): readonly Readonly<Cookie>[] {
    return this.cookies;
  }

  set(cookie: Cookie): void {
    const domain = cookie.domain.replace(/^\./, '').toLowerCase();
    const index = this.cookies.findIndex((c) => c.domain === domain && c.name === cookie.name && c.path === cookie.path);
    const entry = { ...cookie, domain };
    if (index >= 0) this.cookies[index] = entry;
    else this.cookies.push(entry);
    this.secrets?.add(cookie.value);
  }

  /** The Cookie header for a request to this URL, or undefined when none applies. */
  header(url: URL, now = Date.now()): string | undefined {
    const host = url.hostname.toLowerCase();
    const matching = this.cookies.filter(
      (c) =>
        (host === c.domain || (c.subdomains && host.endsWith(`.${c.domain}`))) &&
        url.pathname.startsWith(c.path) &&
        (!c.secure || url.protocol === 'https:') &&
        (c.expires === 0 || c.expires * 1000 > now),
    );
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  has(url: URL, name: string): boolean {
    return (this.header(url) ?? '').split('; ').some((pair) => pair.startsWith(`${name}=`));
  }
}

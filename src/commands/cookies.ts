import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { CookieJar } from '../fetch/cookies.js';
import type { SecretRegistry } from '../fetch/redact.js';
import { messages } from '../i18n/index.js';
import { PLATFORMS } from '../platforms/index.js';
import type { ScanSettings } from './scan.js';

/**
 * The cookies of `--cookies <cookies.txt>` and of GOV_AUDIT_COOKIE_<PLATFORM>
 * (e.g. GOV_AUDIT_COOKIE_DOUYIN, GOV_AUDIT_COOKIE_WECHAT_CHANNELS), each for
 * its own domain only; every value becomes a secret that no output shows.
 */
export async function loadCookiesFor(settings: Pick<ScanSettings, 'cookiesFile' | 'lang'>, secrets: SecretRegistry, env: NodeJS.ProcessEnv): Promise<CookieJar> {
  const jar = new CookieJar(secrets);
  if (settings.cookiesFile) {
    let text: string;
    try {
      text = await readFile(settings.cookiesFile, 'utf8');
    } catch (error) {
      throw new UsageError(messages(settings.lang).error.badCookies(settings.cookiesFile, (error as NodeJS.ErrnoException).code ?? 'unreadable'));
    }
    if (jar.loadNetscape(text) === 0) throw new UsageError(messages(settings.lang).error.badCookies(settings.cookiesFile, 'no cookies in Netscape cookies.txt format'));
  }
  for (const platform of PLATFORMS) {
    const value = env[`GOV_AUDIT_COOKIE_${platform.id.toUpperCase().replace(/-/g, '_')}`];
    if (value) jar.loadHeader(value, platform.hosts);
  }
  return jar;
}


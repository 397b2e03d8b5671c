/**
 * Query parameters that carry credentials or signatures tied to a session.
 * Their values never reach a log, a report or an error message.
 */
const SECRET_PARAMS = /^(?:.*token.*|a_bogus|x-bogus|x_bogus|signature|sign|access_key|sessdata|sub|subp|cookie|auth.*|key|secret|ticket|verifyfp|fp|webid|s_v_web_id|ttwid)$/i;

export const REDACTED = '***';

/**
 * Toutiao's `token` names the account whose feed is asked, the same token as in
 * its public profile link (/c/user/token/<token>/): no secret, and kept, so that
 * an archive still shows whose feed an answer was (msToken and the like stay masked).
 */
function isPublicAccountId(url: URL, name: string): boolean {
  return name === 'token' && /(^|\.)toutiao\.com$/.test(url.hostname);
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = REDACTED;
    parsed.password = '';
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name) && !isPublicAccountId(parsed, name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.href;
}

/** Replaces every known secret value (cookie values, tokens) in a text. */
export class SecretRegistry {
  private readonly values = new Set<string>();

  add(value: string): void {
    // Very short values would blank out ordinary words; they are not secrets worth the name.
    if (value.length >= 6) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join(REDACTED);
    return out;
  }
}

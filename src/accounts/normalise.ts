import type { PlatformAdapter, UrlForm } from '../platforms/adapter.js';
import { findPlatform, nameKey, namesOf, PLATFORMS } from '../platforms/index.js';
import type { RowProblemCode } from './account.js';

/** The account a cell names, or why it names none. `field` says which input cell was wrong. */
export type Resolution =
  | { kind: 'ok'; platform: PlatformAdapter; id: string; url: string; note?: { code: 'platform-from-link' | 'platform-guessed'; params: Record<string, string> } }
  | { kind: 'problem'; field: 'platform' | 'account'; code: RowProblemCode; params: Record<string, string> };

const problem = (
  field: 'platform' | 'account',
  code: RowProblemCode,
  params: Record<string, string> = {},
): Resolution => ({ kind: 'problem', field, code, params });

export function platformNames(): string {
  return PLATFORMS.map((p) => `${p.id} (${p.label['zh-CN']})`).join(', ');
}

/** What the list reader needs beyond the cells: hosts the user allowed for feeds (--feed-host, --rsshub). */
export interface ListContext {
  feedHosts?: ReadonlySet<string>;
}

/**
 * Resolves a platform cell (possibly empty) and an account cell (an id or a
 * profile URL). A platform cell gov-audit does not know gives way to an
 * unmistakable link, or to the one platform whose name it contains (抖音号),
 * with a note; `name` stands in for an empty account cell on the platforms
 * known by name alone (视频号, 公众号).
 */
export function resolveAccount(platformCell: string, accountCell: string, context: ListContext = {}, name = ''): Resolution {
  let value = accountCell.normalize('NFKC').trim().replace(/^<(.*)>$/, '$1');
  const platformText = platformCell.trim();
  let named = platformText === '' ? undefined : findPlatform(platformText);
  let note: Extract<Resolution, { kind: 'ok' }>['note'];
  if (platformText !== '' && !named) {
    const byLink = looksLikeUrl(value) ? resolveUrl(value, undefined, context) : undefined;
    if (byLink?.kind === 'ok') return { ...byLink, note: { code: 'platform-from-link', params: { value: platformText, platform: byLink.platform.id } } };
    named = platformInName(platformText);
    if (!named) return problem('platform', 'unknown-platform', { value: platformText, expected: platformNames(), ...suggestion(platformText) });
    note = { code: 'platform-guessed', params: { value: platformText, platform: named.id } };
  }
  if (value === '' && named?.nameIsId && name.trim() !== '') value = name.trim();
  if (value === '') return problem('account', 'missing-account');
  const resolved = looksLikeUrl(value) ? resolveUrl(value, named, context) : named ? resolveNamedId(named, value) : problem('platform', 'missing-platform', { value, expected: platformNames() });
  return resolved.kind === 'ok' && note ? { ...resolved, note } : resolved;
}

function resolveNamedId(named: PlatformAdapter, value: string): Resolution {
  const other = named.handOver?.(value);
  return resolveId(other ? findPlatform(other)! : named, value);
}

/**
 * The platform whose name an unknown platform cell contains (抖音号, 官方微博):
 * the longest Chinese name found decides; two platforms tied is no answer.
 */
function platformInName(cell: string): PlatformAdapter | undefined {
  const folded = nameKey(cell);
  let best: { platform: PlatformAdapter; length: number } | undefined;
  let tied = false;
  for (const platform of PLATFORMS) {
    for (const name of namesOf(platform)) {
      // Chinese names only: a Latin misspelling is suggested, never taken (bilbili is not bilibili for sure).
      if (!/[^\x00-\x7f]/.test(name) || name.length < 2 || !folded.includes(name)) continue;
      if (!best || name.length > best.length) [best, tied] = [{ platform, length: name.length }, false];
      else if (name.length === best.length && best.platform !== platform) tied = true;
    }
  }
  return best && !tied ? best.platform : undefined;
}

/** The known name closest to a misspelt one (bilbili → bilibili), within two edits. */
function suggestion(cell: string): { suggestion?: string } {
  const folded = nameKey(cell);
  let best: { name: string; distance: number } | undefined;
  for (const platform of PLATFORMS) {
    const distance = Math.min(...namesOf(platform).map((name) => editDistance(folded, name)));
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: `${platform.id} (${platform.label['zh-CN']})`, distance };
  }
  return best ? { suggestion: best.name } : {};
}

/** Levenshtein distance, for names of a few characters. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

function looksLikeUrl(value: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(value) || /^(?:www\.)?[\w-]+(?:\.[\w-]+)+\//i.test(value);
}

function resolveId(platform: PlatformAdapter, value: string): Resolution {
  if (platform.idPattern.test(value)) return { kind: 'ok', platform, id: value, url: platform.profileUrl(value) };
  const params: Record<string, string> = { value, platform: platform.id, expected: platform.idExample.en };
  // 1.23457E+15: what Excel shows after it took a long id for a number.
  if (/^\d(?:\.\d+)?e\+\d+$/i.test(value)) params.hint = 'excelNumber';
  return problem('account', 'bad-id', params);
}

function resolveUrl(value: string, named: PlatformAdapter | undefined, context: ListContext): Resolution {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return problem('account', 'bad-url', { value });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('account', 'bad-url', { value });
  const host = url.hostname.toLowerCase();
  // A feed on a host the user allowed: the URL itself is the id.
  if (named?.id === 'feed' && context.feedHosts?.has(host)) {
    url.hash = '';
    return { kind: 'ok', platform: named, id: url.href, url: url.href };
  }
  const candidates = named ? [named] : PLATFORMS;
  const onHost = candidates.flatMap((platform) =>
    platform.urlForms.filter((form) => form.hosts.includes(host)).map((form) => ({ platform, form })),
  );
  if (onHost.length === 0) {
    if (named) {
      return problem('account', 'foreign-host', {
        host,
        platform: named.id,
        ...(named.id === 'feed' ? { feed: 'yes' } : {}),
        expected: [...new Set(named.urlForms.flatMap((f) => f.hosts))].join(', ') || '—',
      });
    }
    // A feed on a host not allowed yet: say how to allow it.
    const feedLike: Record<string, string> = /rss|atom|feed|\.xml$/i.test(url.pathname + url.search) ? { feedHost: host } : {};
    return problem('account', 'unrecognised-url', { value, expected: PLATFORMS.filter((p) => p.urlForms.length).map(exampleUrl).join(', '), ...feedLike });
  }
  for (const { platform, form } of onHost) {
    const match = form.path.exec(url.pathname);
    if (!match) continue;
    if (form.wholeUrl) {
      const whole = keptParams(new URL(url.origin + url.pathname), url, form);
      return { kind: 'ok', platform, id: whole, url: whole };
    }
    // A query parameter's `+` is read as a space; in an __biz it was a `+`.
    const id = form.idParam ? url.searchParams.get(form.idParam)?.replace(/ /g, '+') : match.groups?.id;
    if (!id) continue;
    const fullId = `${form.idPrefix ?? ''}${decodeURIComponent(id)}`;
    return { kind: 'ok', platform, id: fullId, url: keptParams(new URL(platform.profileUrl(fullId)), url, form) };
  }
  const platform = onHost[0]!.platform;
  return problem('account', 'unrecognised-url', { value, expected: exampleUrl(platform) });
}

/** The profile URL without tracking parameters, keeping those the platform needs. */
function keptParams(url: URL, original: URL, form: UrlForm): string {
  for (const name of form.keepParams ?? []) {
    const kept = original.searchParams.get(name);
    if (kept !== null) url.searchParams.set(name, kept);
  }
  return url.href;
}

/** A URL the platform accepts, from its own cases: its profile URL, or the URL itself when that is the id (an article link). */
function exampleUrl(platform: PlatformAdapter): string {
  const id = platform.examples.find((e) => e.id !== null && /^https?:/.test(e.input))?.id ?? platform.idExample.en.split(' ')[0] ?? '';
  return /^https?:/.test(id) ? id : platform.profileUrl(id);
}

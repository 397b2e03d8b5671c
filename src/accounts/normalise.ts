import type { PlatformAdapter, UrlForm } from '../platforms/adapter.js';
import { findPlatform, PLATFORMS } from '../platforms/index.js';
import type { RowProblemCode } from './account.js';

/** The account a cell names, or why it names none. `field` says which input cell was wrong. */
export type Resolution =
  | { kind: 'ok'; platform: PlatformAdapter; id: string; url: string }
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

/** Resolves a platform cell (possibly empty) and an account cell (an id or a profile URL). */
export function resolveAccount(platformCell: string, accountCell: string, context: ListContext = {}): Resolution {
  const value = accountCell.normalize('NFKC').trim().replace(/^<(.*)>$/, '$1');
  const named = platformCell.trim() === '' ? undefined : findPlatform(platformCell);
  if (platformCell.trim() !== '' && !named) {
    return problem('platform', 'unknown-platform', { value: platformCell.trim(), expected: platformNames() });
  }
  if (value === '') return problem('account', 'missing-account');
  if (looksLikeUrl(value)) return resolveUrl(value, named, context);
  if (!named) return problem('platform', 'missing-platform', { value, expected: platformNames() });
  const other = named.handOver?.(value);
  return resolveId(other ? findPlatform(other)! : named, value);
}

function looksLikeUrl(value: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(value) || /^(?:www\.)?[\w-]+(?:\.[\w-]+)+\//i.test(value);
}

function resolveId(platform: PlatformAdapter, value: string): Resolution {
  if (platform.idPattern.test(value)) return { kind: 'ok', platform, id: value, url: platform.profileUrl(value) };
  const params: Record<string, string> = { value, platform: platform.id, expected: platform.idExample };
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
        expected: [...new Set(named.urlForms.flatMap((f) => f.hosts))].join(', ') || '—',
      });
    }
    return problem('account', 'unrecognised-url', { value, expected: PLATFORMS.filter((p) => p.urlForms.length).map((p) => p.profileUrl(exampleId(p))).join(', ') });
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
  return problem('account', 'unrecognised-url', { value, expected: platform.profileUrl(exampleId(platform)) });
}

/** The profile URL without tracking parameters, keeping those the platform needs. */
function keptParams(url: URL, original: URL, form: UrlForm): string {
  for (const name of form.keepParams ?? []) {
    const kept = original.searchParams.get(name);
    if (kept !== null) url.searchParams.set(name, kept);
  }
  return url.href;
}

function exampleId(platform: PlatformAdapter): string {
  return platform.idExample.split(' ')[0] ?? '';
}

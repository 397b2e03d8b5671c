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

/** Resolves a platform cell (possibly empty) and an account cell (an id or a profile URL). */
export function resolveAccount(platformCell: string, accountCell: string): Resolution {
  const value = accountCell.normalize('NFKC').trim().replace(/^<(.*)>$/, '$1');
  const named = platformCell.trim() === '' ? undefined : findPlatform(platformCell);
  if (platformCell.trim() !== '' && !named) {
    return problem('platform', 'unknown-platform', { value: platformCell.trim(), expected: platformNames() });
  }
  if (value === '') return problem('account', 'missing-account');
  if (looksLikeUrl(value)) return resolveUrl(value, named);
  if (!named) return problem('platform', 'missing-platform', { value, expected: platformNames() });
  return resolveId(named, value);
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

function resolveUrl(value: string, named: PlatformAdapter | undefined): Resolution {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return problem('account', 'bad-url', { value });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('account', 'bad-url', { value });
  const host = url.hostname.toLowerCase();
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
    const id = form.path.exec(url.pathname)?.groups?.id;
    if (!id) continue;
    if (form.shortLink) return problem('account', 'short-link', { value, expected: platform.profileUrl(exampleId(platform)) });
    return { kind: 'ok', platform, id: decodeURIComponent(id), url: canonicalUrl(platform, id, url, form) };
  }
  const platform = onHost[0]!.platform;
  return problem('account', 'unrecognised-url', { value, expected: platform.profileUrl(exampleId(platform)) });
}

/** The profile URL without tracking parameters, keeping those the platform needs. */
function canonicalUrl(platform: PlatformAdapter, id: string, original: URL, form: UrlForm): string {
  const url = new URL(platform.profileUrl(id));
  for (const name of form.keepParams ?? []) {
    const kept = original.searchParams.get(name);
    if (kept !== null) url.searchParams.set(name, kept);
  }
  return url.href;
}

function exampleId(platform: PlatformAdapter): string {
  return platform.idExample.split(' ')[0] ?? '';
}

import { resolveAccount } from '../accounts/normalise.js';
import { UsageError } from '../errors.js';
import { messages, type Lang } from '../i18n/index.js';
import { findPlatform } from '../platforms/index.js';

/**
 * `PLATFORM=VALUE` (doctor's --account, scan's --canary), VALUE read as a
 * list's cell is (an id or a profile link, whose needed parameters such as
 * `xsec_token` are kept). Split at the first `=` only: an id may end in `=`
 * (a WeChat __biz).
 */
export function knownAccountOption(pair: string, option: string, lang: Lang): [string, { id: string; url: string }] {
  const [, platform = '', value = ''] = /^([^=]*)=(.*)$/.exec(pair) ?? [];
  const resolved = findPlatform(platform) && value ? resolveAccount(platform, value) : undefined;
  if (resolved?.kind !== 'ok') throw new UsageError(messages(lang).error.badOption(option, pair, 'PLATFORM=ID, e.g. bilibili=2'));
  return [resolved.platform.id, { id: resolved.id, url: resolved.url }];
}

import { en, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';
import { isStatus, STATUSES, type Status } from '../audit/status.js';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type { Messages };

const CATALOGUES: Record<Lang, Messages> = { en, 'zh-CN': zhCN };

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/**
 * The language a person gets without `--lang` or the config file's `lang`.
 * gov-audit is made for Chinese offices: Chinese unless the environment asks
 * for another language. The first of LC_ALL, LC_MESSAGES and LANG that names
 * a language decides: zh… Chinese, any other (en_US, fr_FR …) English.
 * `C`, `POSIX` and `C.UTF-8` (a server's or a container's default) name no
 * language and are passed over; where none names one, Chinese. Windows sets
 * none of them: there the system's locale as Node's ICU reports it decides
 * (zh… Chinese, anything else English). Elsewhere ICU's locale without a LANG
 * is only its built-in default (en-US), not a choice, and is not consulted.
 */
export function detectLang(
  env: NodeJS.ProcessEnv,
  systemLocale: string = Intl.DateTimeFormat().resolvedOptions().locale,
  os: NodeJS.Platform = process.platform,
): Lang {
  const named = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value?.trim() && !/^(?:C|POSIX)(?:[.@]|$)/i.test(value.trim()));
  const locale = named ?? (os === 'win32' ? systemLocale : undefined);
  if (!locale) return 'zh-CN';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

export function parseLang(value: string): Lang | undefined {
  const lower = value.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  if (lower.startsWith('zh')) return 'zh-CN';
  return undefined;
}

/** A status by its code or by its name in either language (`zombie`, `僵尸账号`, `not found`). */
export function statusNamed(value: string): Status | undefined {
  const folded = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (isStatus(folded)) return folded;
  return STATUSES.find((status) => LANGS.some((lang) => CATALOGUES[lang].status[status].toLowerCase() === folded));
}

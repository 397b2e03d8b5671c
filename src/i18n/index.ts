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
 * `--lang` wins; otherwise LC_ALL, then LC_MESSAGES, then LANG; where none is
 * set (Windows sets none), the system's locale as Node's ICU reports it: zh…
 * gives Chinese, anything else English.
 */
export function detectLang(env: NodeJS.ProcessEnv, systemLocale: string = Intl.DateTimeFormat().resolvedOptions().locale): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || systemLocale;
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

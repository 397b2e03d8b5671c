import type { Verification } from '../platforms/observation.js';

/*
 * Is it really the body's account? 国办发〔2018〕123号 asks that an account's
 * name be related to the body that runs it, that its public verification
 * name that body, and that one body's accounts bear the same name on every
 * platform. These pure checks compare what the platform said (a finding's
 * `identity`, read only from answers bound to the account) with the list.
 * Names are compared after normalising (docs/decisions.md § identity): what
 * gov-audit cannot tell apart, it never calls different.
 */

/**
 * A name as compared: compatibility forms folded (full-width letters and
 * digits, styled letters such as 𝒔𝒄𝒆𝒏𝒆𝒓𝒚), lower case, and without spaces,
 * punctuation or symbols (·, 《》, emoji).
 */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Long forms and their common short forms, folded the same way on both sides. */
const SHORT_FORMS: readonly [RegExp, string][] = [
  [/中华人民共和国/g, ''],
  [/中国共产党/g, '中共'],
  [/人民代表大会/g, '人大'],
  [/政治协商会议/g, '政协'],
  [/常务委员会/g, '常委'],
  [/委员会/g, '委'],
  [/人民政府/g, '政府'],
  [/办公室/g, '办'],
];

/**
 * The words a verification adds after the body's name: 官方账号, 官方微博,
 * 官方抖音号, 政务号… (the real Douyin capture: 央视新闻官方账号, 央视新闻官方抖音号).
 */
const BOILERPLATE = /(?:(?:官方|政务)(?:抖音|快手|头条|微博|微信|b站|哔哩哔哩|bilibili|视频|新媒体)?(?:账号|帐号|号|微博|公众号)?|(?:抖音|快手|头条|微信|b站|哔哩哔哩|bilibili)?(?:账号|帐号|公众号))$/;

/** A body's name as compared: normalised, short forms folded, a verification's trailing words dropped. */
export function normaliseBody(text: string): string {
  let body = normaliseName(text);
  for (const [long, short] of SHORT_FORMS) body = body.replace(long, short);
  return body.replace(BOILERPLATE, '');
}

/** Whether two bodies' names may be the same body: one holds the other once normalised (北京市海淀区政府 holds 海淀区政府). */
export function sameBody(a: string, b: string): boolean {
  const left = normaliseBody(a);
  const right = normaliseBody(b);
  if (left.length < 2 || right.length < 2) return false;
  return left.includes(right) || right.includes(left);
}

/** Verification that shows the account is a body's: by an organisation, a government or a media outlet. */
export function isOfficial(verification: Verification): boolean {
  return verification.verified && (verification.kind === 'organisation' || verification.kind === 'government' || verification.kind === 'media');
}

/**
 * `not-officially-verified`: a verification field was read, and it shows no
 * body's verification: none at all, or a person's. A verification of a kind
 * the platform does not say (Toutiao's flag, Sogou's 认证 line) is not
 * flagged: gov-audit cannot tell.
 */
export function notOfficiallyVerified(verification: Verification | null): boolean {
  return verification !== null && !isOfficial(verification) && !(verification.verified && verification.kind === 'unknown');
}

/**
 * `verified-as-another-body`: the verification's words name a body that
 * matches neither the list's body (org column) nor the list's name for the
 * account. Only a verification that is not a person's and has words is
 * compared, and only against what the list gives; a short form gov-audit
 * does not know reads as a mismatch, so the finding asks a person to check.
 */
export function verifiedAsAnotherBody(verification: Verification | null, listed: { org?: string; name?: string }): boolean {
  if (!verification?.verified || verification.kind === 'person' || !verification.text) return false;
  if (normaliseBody(verification.text).length < 2) return false;
  const candidates = [listed.org, listed.name].filter((value): value is string => Boolean(value?.trim()));
  return candidates.length > 0 && !candidates.some((candidate) => sameBody(verification.text!, candidate));
}

/** `name-differs-from-list`: the platform's name is not the list's, once normalised. */
export function nameDiffersFromList(platformName: string | null, listedName: string | undefined): boolean {
  if (!platformName || !listedName?.trim()) return false;
  return normaliseName(platformName) !== normaliseName(listedName);
}

/**
 * `names-differ-across-platforms`: among one body's accounts, two platforms
 * share no name. A body with several accounts on one platform (平安北京 and
 * 北京交警) is flagged only when another platform bears none of them.
 */
export function namesDifferAcrossPlatforms(namesByPlatform: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const sets = [...namesByPlatform.values()];
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      if (![...sets[i]!].some((name) => sets[j]!.has(name))) return true;
    }
  }
  return false;
}

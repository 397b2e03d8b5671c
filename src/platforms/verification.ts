import type { Verification, VerificationKind } from './observation.js';

/*
 * The shapes every platform's verification reader builds. Each platform reads
 * its own fields in its own file (douyin.ts, weibo.ts, bilibili.ts,
 * toutiao.ts, wechat-mp.ts); a platform whose answers carry no verification
 * field (Kuaishou, Xiaohongshu, Xigua, as far as any real capture shows)
 * reads none, and its accounts carry no verification fact at all.
 */

/** An account the platform verified, as `kind`, in its words. */
export function verifiedAs(kind: VerificationKind, text: string | undefined, field: string): Verification {
  return { verified: true, kind, text: text ?? null, field };
}

/** The answer carried the platform's verification fields, and they say the account is not verified. */
export function notVerified(field: string): Verification {
  return { verified: false, kind: null, text: null, field };
}

/**
 * A verification text as shown: trimmed, inner runs of spaces (a full-width
 * space ends Weibo's `verified_reason` in the real 2019 capture) made one.
 * Undefined when empty or not text.
 */
export function verificationText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\s\u3000]+/g, ' ').trim();
  return text || undefined;
}

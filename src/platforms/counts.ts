const UNITS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, w: 1e4, W: 1e4, 万: 1e4, 亿: 1e8 };

/**
 * Counts as platforms print them: 1008, "87万", "1.2万", "10万+", "1亿",
 * "169.8w", "1,566,726". "10万+" reads as 100000: at least that many.
 */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kKwW万亿]?)\s*\+?\s*$/.exec(value.replace(/,/g, ''));
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}

/**
 * A post count, only when the platform printed it exactly: "1.2万" may stand
 * for any count from 11,500 to 12,499, so an account posting daily can sit at
 * it for months. Rounded counts are left out (undefined): a silence is never
 * inferred from them, and "never posted" still needs an exact 0.
 */
export function parseExactCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\s*\d[\d,]*\s*$/.test(value)) return undefined;
  return Number(value.replace(/[,\s]/g, ''));
}

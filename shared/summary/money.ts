/**
 * Money arithmetic of the summaries. Amounts are integer 分 everywhere inside; a figure
 * leaves as 元 by one division at the end, so sums never drift.
 */

/** 分 → 元 (a number with at most 2 decimals). */
export function toYuan(fen: number): number {
  return fen / 100;
}

/**
 * actual ÷ budget × 100 in hundredths of a percent, rounded half-up (away from zero), exact
 * on the integers: 1641000 / 1575000 → 10419 (104.19%). Null when the budget is 0.
 */
export function rateHundredths(actualFen: number, budgetFen: number): number | null {
  if (budgetFen === 0) return null;
  const a = BigInt(Math.trunc(actualFen));
  const b = BigInt(Math.trunc(budgetFen));
  const negative = a < 0n !== b < 0n;
  const num = (a < 0n ? -a : a) * 10_000n;
  const den = b < 0n ? -b : b;
  const q = (num * 2n + den) / (2n * den);
  return Number(negative ? -q : q);
}

/** Percent with 2 decimals as a number (10419 → 104.19). */
export function ratePercent(actualFen: number, budgetFen: number): number | null {
  const h = rateHundredths(actualFen, budgetFen);
  return h === null ? null : h / 100;
}

/** Hundredths of a percent as message text with exactly 2 decimals (10419 → "104.19", 6400 → "64.00"). */
export function hundredthsText(h: number): string {
  const sign = h < 0 ? '-' : '';
  const abs = Math.abs(h);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

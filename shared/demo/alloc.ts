import type { Rng } from './prng.js';

/**
 * Integer allocations that keep the totals of DOMAIN.md §8 exact whatever the seed.
 */

/**
 * Largest-remainder apportionment of `total` by `weights`; ties go to the earlier entry.
 * Deterministic: it never consults the seed, so per-unit counts are the same for every seed.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

export interface SplitOptions {
  /** Every part is a multiple of this (the last one too when the total is). Default 10. */
  step?: number;
  /** Relative sizes before jitter; default all 1. */
  weights?: readonly number[];
  /** ± share of jitter applied to each weight. Default 0.3. */
  jitter?: number;
  min?: number;
  max?: number;
}

/**
 * §8.3: split `total` into `n` parts drawn in multiples of `step`, the last part absorbing
 * the remainder, each within [min, max]. Throws when the bounds cannot hold.
 */
export function splitTotal(rng: Rng, total: number, n: number, o: SplitOptions = {}): number[] {
  const step = o.step ?? 10;
  const min = o.min ?? step;
  const max = o.max ?? total;
  if (n < 1) throw new RangeError('split into no parts');
  if (min * n > total || max * n < total)
    throw new RangeError(`cannot split ${total} into ${n} of ${min}..${max}`);
  const jitter = o.jitter ?? 0.3;
  const base = o.weights ?? Array.from({ length: n }, () => 1);
  const w = base.map((b) => b * (1 - jitter + 2 * jitter * rng.float()));
  const parts: number[] = [];
  let left = total;
  let wLeft = w.reduce((s, x) => s + x, 0);
  for (let i = 0; i < n - 1; i++) {
    const rest = n - i - 1;
    // Keep the remainder feasible for the parts still to come.
    const lo = Math.max(min, left - max * rest);
    const hi = Math.min(max, left - min * rest);
    const ideal = (left * w[i]!) / wLeft;
    let part = Math.round(ideal / step) * step;
    part = Math.min(Math.max(part, Math.ceil(lo / step) * step), Math.floor(hi / step) * step);
    if (part < lo || part > hi) part = Math.min(Math.max(Math.round(ideal), lo), hi);
    parts.push(part);
    left -= part;
    wLeft -= w[i]!;
  }
  parts.push(left);
  return parts;
}

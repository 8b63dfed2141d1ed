import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Milliseconds per run, sorted. */
  runs: number[];
  median: number;
  min: number;
  max: number;
}

/** Median, min and max of some samples (any unit). */
export function spread(samples: readonly number[]): Timing {
  const runs = [...samples].sort((a, b) => a - b);
  if (runs.length === 0) return { runs, median: NaN, min: NaN, max: NaN };
  const mid = Math.floor(runs.length / 2);
  const median = runs.length % 2 ? runs[mid]! : (runs[mid - 1]! + runs[mid]!) / 2;
  return { runs, median, min: runs[0]!, max: runs[runs.length - 1]! };
}

/** Run `fn` `warmup` times unmeasured, then `times` times; the machine is shared and noisy, so report the spread. */
export function measure(fn: () => unknown, times = 5, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return spread(runs);
}

/**
 * Two functions measured in alternation (a, b, a, b, …) after a warm-up of each, so that a
 * scenario and its baseline see the same moments of a noisy machine. Returns both timings and
 * the per-pair ratios a/b.
 */
export function measurePair(
  a: () => unknown,
  b: () => unknown,
  times = 5,
  warmup = 1,
): { a: Timing; b: Timing; ratio: Timing } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < times; i++) {
    let start = performance.now();
    a();
    ta.push(performance.now() - start);
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  return { a: spread(ta), b: spread(tb), ratio: spread(ta.map((t, i) => t / tb[i]!)) };
}

/** Milliseconds of one awaited call. */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function ms(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return n < 10 ? n.toFixed(2) : n.toFixed(0);
}

export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—';
}

/** "median (min–max)" in ms. */
export function msSpread(t: Timing): string {
  return t.runs.length > 1 ? `${ms(t.median)} (${ms(t.min)}–${ms(t.max)})` : ms(t.median);
}

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Milliseconds per run, sorted. */
  runs: number[];
  median: number;
  min: number;
  max: number;
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
  runs.sort((a, b) => a - b);
  return { runs, median: runs[Math.floor(runs.length / 2)]!, min: runs[0]!, max: runs[runs.length - 1]! };
}

export function ms(n: number): string {
  return n < 10 ? n.toFixed(2) : n.toFixed(0);
}

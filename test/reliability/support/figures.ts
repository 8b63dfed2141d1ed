import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reliability suite measures as it proves: each file records its figures (cases tried,
 * leaks, faults injected …) in test/.tmp/reliability/<name>.json (git-ignored) and prints
 * them, so that docs/reliability.md can quote a run on this machine.
 */

/** `RELIABILITY_FULL=1` runs the full-length load (2 × 30 s); `npm test` runs 2 × 10 s. */
export const FULL = process.env.RELIABILITY_FULL === '1';

export const OUT_DIR = path.resolve(fileURLToPath(new URL('../../.tmp/reliability/', import.meta.url)));

export function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const record = { name, at: new Date().toISOString(), full: FULL, ...figures };
  writeFileSync(path.join(OUT_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.info(`[reliability] ${name}: ${JSON.stringify(figures)}`);
}

/** A small seeded PRNG (mulberry32), so that fault schedules and workloads repeat run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

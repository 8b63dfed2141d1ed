/**
 * What a bench run hands over: a table row per scenario for docs/benchmarks.md, and the
 * machine-readable figures that bench/baseline.json keeps and `--check` compares.
 */
export interface Row {
  scenario: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: no target of its own (a baseline or context row). */
  met: boolean | null;
}

/**
 * How a figure may move before `--check` calls it a regression. `ratio`: a scenario over its
 * baseline of the same run (travels between machines best); `time`: absolute milliseconds (the
 * noisiest); `rate`: rows per second; `count`: syncs, requests, rows sent (must not grow);
 * `bytes`, `memory`: sizes.
 */
export type FigureKind = 'ratio' | 'time' | 'rate' | 'count' | 'bytes' | 'memory';

export interface Figure {
  id: string;
  value: number;
  /** Which way is worse. */
  better: 'lower' | 'higher';
  kind: FigureKind;
  /** Unit, for people reading baseline.json. */
  unit: string;
}

export const TOLERANCE: Record<FigureKind, number> = {
  ratio: 0.35,
  time: 0.5,
  rate: 0.35,
  count: 0,
  bytes: 0.05,
  memory: 0.2,
};

/** Below these, a change is noise whatever its percentage (e.g. 2 ms → 4 ms). */
const SLACK: Record<FigureKind, number> = {
  ratio: 0.05,
  time: 20,
  rate: 0,
  count: 0,
  bytes: 1024,
  memory: 16 * 2 ** 20,
};

export interface Baseline {
  written: string;
  commit: string;
  machine: string;
  quick: boolean;
  figures: Record<string, Omit<Figure, 'id'>>;
}

export interface Comparison {
  id: string;
  committed: number;
  fresh: number;
  limit: number;
  regressed: boolean;
  unit: string;
}

/** Fresh figures against committed ones; figures missing on either side are left out. */
export function compare(fresh: readonly Figure[], committed: Baseline, scale = 1): Comparison[] {
  const out: Comparison[] = [];
  for (const f of fresh) {
    const c = committed.figures[f.id];
    if (!c || !Number.isFinite(c.value) || !Number.isFinite(f.value)) continue;
    const tol = TOLERANCE[f.kind] * scale;
    const limit =
      f.better === 'lower'
        ? c.value * (1 + tol) + SLACK[f.kind]
        : Math.max(0, c.value / (1 + tol) - SLACK[f.kind]);
    const regressed = f.better === 'lower' ? f.value > limit : f.value < limit;
    out.push({ id: f.id, committed: c.value, fresh: f.value, limit, regressed, unit: f.unit });
  }
  return out;
}

export function markdownTable(rows: readonly Row[]): string[] {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    '| scenario | measured: median (min–max) | baseline, same run | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.scenario)} | ${cell(r.measured)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.target)} | ${
          r.met === null ? '' : r.met ? 'yes' : '**no**'
        } |`,
    ),
  ];
}

import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchDomain } from './domain.js';
import { ms } from './measure.js';

/**
 * `npm run bench`: measures each scenario beside its baseline in the same run (the machines
 * are shared and noisy, so ratios travel better than seconds) and writes docs/benchmarks.md.
 */
const ROWS = 100_000;
const TIMES = Number(process.env.BENCH_TIMES ?? 5);

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const d = benchDomain(ROWS, TIMES);
const rate = (rows: number, msPer: number): string =>
  `${Math.round((rows / msPer) * 1000).toLocaleString('en')}`;
const lines = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` — ${new Date().toISOString().slice(0, 10)}, commit \`${commit()}\`, ` +
    `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  `Each figure is the median of ${TIMES} runs after one warm-up (min–max in brackets); baselines run in the same process.`,
  '',
  '| scenario | rows | median ms (min–max) | rows/s | baseline | baseline ms | ratio | target |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  `| validate (shared/cells + shared/ledgers + rules across rows) | ${ROWS} | ${ms(d.validate.median)} (${ms(d.validate.min)}–${ms(d.validate.max)}) | ${rate(ROWS, d.validate.median)} | parse the same cells, no rules | ${ms(d.parseOnly.median)} | ${(d.validate.median / d.parseOnly.median).toFixed(1)}× | ≥ 100,000 rows/s |`,
  `| annual summary | ${ROWS} | ${ms(d.summary.median)} (${ms(d.summary.min)}–${ms(d.summary.max)}) | ${rate(ROWS, d.summary.median)} | one pass summing amounts | ${ms(d.sumOnly.median)} | ${(d.summary.median / d.sumOnly.median).toFixed(0)}× | < 200 ms |`,
  '',
];
writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), lines.join('\n'));
process.stdout.write(`${lines.join('\n')}\n`);

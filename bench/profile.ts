import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiClient } from '../shared/api/client.js';
import { pushFiles } from '../cli/src/sync/push.js';
import { startLocalStack } from '../functions/src/local/stack.js';
import { welfare } from '../shared/ledgers/index.js';
import { demoSettings, shanghaiDate } from '../shared/settings/index.js';
import { annualSummary, checkBatch } from '../shared/summary/index.js';
import { welfareInputs } from './domain.js';
import { writeWelfareWorkbook } from '../test/support/welfareWorkbook.js';

/**
 * One scenario in a loop, in ONE process, for the CPU profiler (issue 8: profile the slowest
 * path before writing figures down):
 *
 *   node --cpu-prof --cpu-prof-dir=bench/.tmp/prof --import tsx bench/profile.ts validate
 *   node --cpu-prof --cpu-prof-dir=bench/.tmp/prof --import tsx bench/profile.ts push [rows]
 *
 * `validate` and `summary` run the domain code on 100,000 rows; `push` runs the CLI push and the
 * local stack in this process, so that the profile shows client, API, store and the embedded
 * Cosmos server together. tsx emits each module on one line: for line numbers, bundle first
 * (`npx esbuild bench/profile.ts --bundle --platform=node --format=esm --outfile=…`).
 */
const [what = 'validate', n] = process.argv.slice(2);

if (what === 'validate' || what === 'summary') {
  const inputs = welfareInputs(100_000);
  const ctx = { settings: demoSettings, today: shanghaiDate(new Date()) };
  const verdicts = checkBatch(welfare, inputs, ctx);
  const stored = verdicts.map((v, i) => ({
    id: `r${i}`,
    kind: 'welfare' as const,
    unit: String(v.fields?.unit),
    year: v.year,
    fields: v.fields as never,
  }));
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if (what === 'validate') checkBatch(welfare, inputs, ctx);
    else annualSummary({ rows: { welfare: stored }, settings: demoSettings, year: 2023 });
    process.stdout.write(`${what}: ${(performance.now() - t).toFixed(0)} ms\n`);
  }
} else if (what === 'push') {
  const rows = Number(n ?? 10_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-profile-'));
  const stack = await startLocalStack({ port: 0, log: { error: () => {} } });
  try {
    const file = await writeWelfareWorkbook(dir, rows);
    const api = createApiClient({ baseUrl: stack.url, token: () => stack.tokens.admin! });
    const silent = { start() {}, tick() {}, done() {} };
    for (const label of ['push', 're-push']) {
      const t = performance.now();
      const r = await pushFiles([file], { api, consent: async () => true, progress: silent });
      process.stdout.write(`${label}: ${r.rowsSent} rows, ${(performance.now() - t).toFixed(0)} ms\n`);
    }
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
} else {
  process.stderr.write('bench/profile.ts validate | summary | push [rows]\n');
  process.exitCode = 2;
}

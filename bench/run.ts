import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  ADAPTER_COLUMNS,
  benchAdapter,
  benchClicks,
  CLICK_COLUMNS,
  type AdapterFigures,
  type ClickFigures,
} from './adapter.js';
import {
  benchApi,
  CHUNK,
  CONNECTIONS,
  LARGE_CONNECTIONS,
  SMALL_CHUNK,
  SMALL_CONNECTIONS,
  untilIdle,
  type ApiFigures,
  type Latency,
} from './api.js';
import { benchHostCpu, HOST_CHUNK, type HostCpuFigures, type RowCost } from './hostCpu.js';
import { benchDomain, type DomainFigures } from './domain.js';
import { benchFileLayer, FILE_LAYER_DOC } from './fileLayer.js';
import { int, log, ms, msSpread, type Timing } from './measure.js';
import { benchPush, type PushFigures } from './push.js';
import { compare, markdownTable, TOLERANCE, type Baseline, type Figure, type Row } from './report.js';
import { startStackProcess } from './stack.js';
import { benchStartup, type StartupFigures } from './startup.js';

/**
 * `npm run bench` (issue 8): every scenario beside its baseline in the same run, as ratios,
 * median and spread of several runs; writes docs/benchmarks.md and bench/baseline.json.
 *
 *   npm run bench                 the full suite (~10 minutes), rewrites both files
 *   npm run bench -- --check      a fresh run compared with bench/baseline.json; exit 1 on a
 *                                 regression beyond the tolerances of bench/report.ts; writes nothing
 *   npm run bench -- --only=domain,adapter   some groups: domain, push, adapter, api, startup, files
 *   BENCH_QUICK=1                 shorter: 5 s of load per endpoint, fewer runs
 *   BENCH_TIMES=n                 runs per in-process measurement (default 5)
 *   BENCH_TOLERANCE=x             scales the --check tolerances (default 1)
 */
const args = process.argv.slice(2);
const CHECK = args.includes('--check');
const QUICK = process.env.BENCH_QUICK === '1' || args.includes('--quick');
const GROUPS = ['domain', 'push', 'adapter', 'api', 'startup', 'files'] as const;
type Group = (typeof GROUPS)[number];
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (g: Group): boolean => !only || only.includes(g);
if (only?.some((g) => !GROUPS.includes(g as Group))) {
  process.stderr.write(`bench: --only takes ${GROUPS.join(', ')}\n`);
  process.exit(2);
}

const TIMES = Number(process.env.BENCH_TIMES ?? (QUICK ? 3 : 5));
const PUSH_RUNS = QUICK ? 1 : 3;
const API_SECONDS = QUICK ? 5 : 30;
const ROWS = 100_000;
const PUSH_ROWS = 10_000;
const ADAPTER_SIZES = [10, 1_000, 10_000, 50_000];
const HOST_ROUNDS = QUICK ? 4 : 8;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = `${ROOT}bench/.tmp`;
const BASELINE_FILE = `${ROOT}bench/baseline.json`;
const DOC_FILE = `${ROOT}docs/benchmarks.md`;
const HISTORY_FILE = `${ROOT}bench/history.md`;

function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} + uncommitted changes` : sha;
  } catch {
    return 'unknown';
  }
}

const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const rate = (rows: number, msPer: number): number => (rows / msPer) * 1000;
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const times = (x: number): string => (x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const spreadOf = (t: Timing, f: (x: number) => string): string =>
  t.runs.length > 1 ? `${f(t.median)} (${f(t.min)}–${f(t.max)})` : f(t.median);

const rows: Row[] = [];
const figures: Figure[] = [];
const notes: string[] = [];
const fig = (
  id: string,
  value: number,
  better: Figure['better'],
  kind: Figure['kind'],
  unit: string,
): void => {
  figures.push({ id, value, better, kind, unit });
};

async function main(): Promise<number> {
  const started = performance.now();
  mkdirSync(TMP, { recursive: true });
  log(`${CHECK ? 'check' : 'full'} run${QUICK ? ' (quick)' : ''}: ${only?.join(', ') ?? GROUPS.join(', ')}`);

  let domain: DomainFigures | null = null;
  if (wanted('domain')) {
    log(`domain: validate and summarise ${ROWS} rows, ${TIMES} runs each`);
    domain = benchDomain(ROWS, TIMES);
  }
  let push: PushFigures | null = null;
  if (wanted('push')) {
    log(`push: ${PUSH_RUNS} × ${PUSH_ROWS} rows`);
    push = await benchPush(PUSH_ROWS, PUSH_RUNS, `${TMP}/push`);
  }
  let adapter: AdapterFigures[] | null = null;
  let clicks: ClickFigures[] | null = null;
  if (wanted('adapter')) {
    log(`adapter: ${ADAPTER_SIZES.join(', ')} rows`);
    adapter = await benchAdapter(ADAPTER_SIZES);
    clicks = await benchClicks(ADAPTER_SIZES);
  }
  let api: ApiFigures | null = null;
  let memory: {
    maxRss: number;
    rss: number;
    seededMs: number;
    demoRows: number;
    afterLoad: number;
    storeRss: number | null;
  } | null = null;
  let host: HostCpuFigures | null = null;
  if (wanted('api')) {
    log(
      'api: starting the local stack with the demo year, the embedded Cosmos server in a process of its own',
    );
    const stack = await startStackProcess({ demo: true, storeApart: true });
    try {
      const m = await stack.memory();
      memory = {
        maxRss: m.maxRss,
        rss: m.rss,
        seededMs: stack.startMs,
        demoRows: stack.demoRows,
        afterLoad: 0,
        storeRss: await stack.storeRss(),
      };
      log(
        `memory: ${stack.demoRows} demo rows in ${Math.round(stack.startMs)} ms; RSS ${mb(m.rss)}, peak ${mb(m.maxRss)}`,
      );
      api = await benchApi(stack, API_SECONDS);
      memory.afterLoad = api.peakRssAfterSync ?? NaN;
      // The host's own CPU per row, one request at a time once the load has drained (issue 17).
      await untilIdle(stack);
      log(`hostCpu: ${HOST_ROUNDS} × ${HOST_CHUNK}-row creates, then as many updates, one at a time`);
      host = await benchHostCpu(stack, HOST_ROUNDS);
    } finally {
      await stack.close();
    }
  }
  let startup: StartupFigures | null = null;
  if (wanted('startup')) {
    log('startup: cold imports of the functions app');
    startup = benchStartup(TIMES);
  }

  // Issue 15's file layer writes its own section (bench/fileLayer.md), appended to the document.
  if (wanted('files')) await benchFileLayer(`${TMP}/files`, PUSH_RUNS, !CHECK);

  // ------------------------------------------------------------------ the table
  if (push) {
    const shareExec = push.shareOfExecute;
    rows.push({
      scenario: `1. push a ${int(push.rows)}-row 慰问台账 workbook: CLI → local API → embedded Cosmos in a process of its own (${push.requests} requests of ≤ ${CHUNK} rows)`,
      measured: `${msSpread(push.push)} ms — ${int(rate(push.rows, push.push.median))} rows/s`,
      baseline: `the same documents (${int(push.rows)} rows and their ${int(push.rows)} audit entries) written raw through items.bulk, 100 per request, 4 in flight: ${msSpread(push.rawBulk)} ms; through executeBulkOperations: ${msSpread(push.rawExecute)} ms`,
      ratio: `${spreadOf(push.shareOfBulk, pct)} of the items.bulk rate; ${pct(shareExec.median)} of the executeBulkOperations rate`,
      target: '≥ 50% of the items.bulk rate',
      met: push.shareOfBulk.median >= 0.5,
    });
    rows.push({
      scenario:
        '2. re-push of the same unchanged workbook (as `union-ledger push` runs it: recognised by its bytes, ADR 0013)',
      measured: `${push.repushRowsSent} rows sent, ${push.repushRequests} requests, ${msSpread(push.repush)} ms`,
      baseline: '—',
      ratio: '—',
      target: '0 rows sent, < 0.5 s',
      met: push.repushRowsSent === 0 && push.repush.median < 500,
    });
    fig(
      'push.shareOfRawExecute',
      shareExec.median,
      'higher',
      'ratio',
      'push rate / raw executeBulkOperations rate',
    );
    fig('push.shareOfRawBulk', push.shareOfBulk.median, 'higher', 'ratio', 'push rate / raw items.bulk rate');
    fig('push.ms', push.push.median, 'lower', 'time', 'ms');
    fig('push.requests', push.requests, 'lower', 'count', 'requests');
    fig('repush.rowsSent', push.repushRowsSent, 'lower', 'count', 'rows');
    fig('repush.ms', push.repush.median, 'lower', 'time', 'ms');
  }
  if (domain) {
    const v = domain.validate;
    const perSec = rate(domain.rows, v.a.median);
    rows.push({
      scenario: `3. validate ${int(domain.rows)} 慰问 rows (shared/cells + shared/ledgers + rules across rows)`,
      measured: `${msSpread(v.a)} ms — ${int(perSec)} rows/s`,
      baseline: `parse the same cells, no rules: ${msSpread(v.b)} ms (${int(rate(domain.rows, v.b.median))} rows/s)`,
      ratio: spreadOf(v.ratio, times),
      target: '≥ 100,000 rows/s',
      met: perSec >= 100_000,
    });
    const s = domain.summary;
    rows.push({
      scenario: `4a. annual summary over ${int(domain.rows)} 慰问 rows`,
      measured: `${msSpread(s.a)} ms`,
      baseline: `one pass summing amounts: ${msSpread(s.b)} ms`,
      ratio: spreadOf(s.ratio, times),
      target: '< 200 ms',
      met: s.a.median < 200,
    });
    const d = domain.demo;
    rows.push({
      scenario: `4b. annual summary over the demo year (${int(d.rows)} rows, every ledger)`,
      measured: `${msSpread(d.a)} ms`,
      baseline: `one pass summing amounts: ${msSpread(d.b)} ms`,
      ratio: spreadOf(d.ratio, times),
      target: '< 200 ms',
      met: d.a.median < 200,
    });
    fig('validate.rowsPerSecond', perSec, 'higher', 'rate', 'rows/s');
    fig('validate.ratioToParse', v.ratio.median, 'lower', 'ratio', 'validate / parse-only');
    fig('summary100k.ms', s.a.median, 'lower', 'time', 'ms');
    fig('summaryDemo.ms', d.a.median, 'lower', 'time', 'ms');
  }
  if (adapter) {
    const overheads = new Set(adapter.filter((a) => a.minimum === 2).map((a) => a.overhead));
    for (const a of adapter) {
      rows.push({
        scenario: `5. Office.js adapter, ${int(a.rows)} rows × ${ADAPTER_COLUMNS} columns: read + write-back + hide id columns`,
        measured: `${a.syncs.total} syncs (read ${a.syncs.read}, write ${a.syncs.write}, hide ${a.syncs.hide}); requests ${int(a.requestBytes)} B, read response ${int(a.responseBytes)} B`,
        baseline: `minimum: ${a.minimum} syncs (1 read + 1 write + 1 per 5 MB)`,
        ratio: `+${a.overhead} syncs`,
        target: 'constant in rows apart from 5 MB chunks',
        met: a.minimum === 2 ? overheads.size === 1 : a.overhead <= Math.max(...overheads) + (a.minimum - 2),
      });
      fig(`adapter.${a.rows}.syncs`, a.syncs.total, 'lower', 'count', 'context.sync calls');
      fig(`adapter.${a.rows}.requestBytes`, a.requestBytes, 'lower', 'bytes', 'bytes');
    }
  }
  if (clicks) {
    for (const c of clicks) {
      rows.push({
        scenario: `5. pane click through the one engine (issue 13), ${int(c.rows)} rows × ${CLICK_COLUMNS} columns: 同步 (read, push write-back with state, pull) and 拉取`,
        measured: `同步 ${c.push.runs} Excel.run / ${c.push.syncs} syncs; 拉取 ${c.pull.runs} Excel.run / ${c.pull.syncs} syncs; refresh after them ${c.refreshRuns} Excel.run`,
        baseline: 'before: ~13 Excel.run per 同步',
        ratio: `${c.push.runs} / 13`,
        target: '≤ 3 Excel.run each',
        met: c.push.runs <= 3 && c.pull.runs <= 3 && c.refreshRuns === 0,
      });
    }
    const last = clicks[clicks.length - 1]!;
    fig(
      'addin.excelRuns.push',
      Math.max(...clicks.map((c) => c.push.runs)),
      'lower',
      'count',
      'Excel.run per 同步',
    );
    fig(
      'addin.excelRuns.pull',
      Math.max(...clicks.map((c) => c.pull.runs)),
      'lower',
      'count',
      'Excel.run per 拉取',
    );
    fig(`addin.syncs.push.${last.rows}`, last.push.syncs, 'lower', 'count', 'context.sync per 同步');
    fig(`addin.syncs.pull.${last.rows}`, last.pull.syncs, 'lower', 'count', 'context.sync per 拉取');
  }
  if (api) {
    const lat = (l: Latency): string =>
      (l.censored
        ? `p50 and p99 > ${api.seconds} s: only ${l.requests} requests completed in the run, ${CONNECTIONS} in flight at any time`
        : `p50 ${l.p50} ms, p99 ${l.p99} ms; ${int(l.requests)} requests (${l.perSecond.toFixed(1)}/s)`) +
      (l.errors + l.non2xx ? `, ${l.errors} errors, ${l.non2xx} non-2xx` : '');
    // A censored run's latency is at least the run's length: that is what the figures keep.
    const p99 = (l: Latency): number => (l.censored ? Math.max(l.p99, api.seconds * 1000) : l.p99);
    const over = (l: Latency): string => `p99 ${l.censored ? '> ' : ''}${times(p99(l) / Math.max(h.p99, 1))}`;
    const ok = (l: Latency, limit: number): boolean =>
      l.requests > 0 && !l.censored && l.p99 < limit && l.errors + l.non2xx === 0;
    const h = api.health;
    const healthText = `/api/health: ${lat(h)}`;
    rows.push({
      scenario: `6a. API GET /api/summary?year=2023, ${CONNECTIONS} connections, ${api.seconds} s, nothing changing (demo year + ${int(CONNECTIONS * CHUNK)} 慰问 rows stored; one request alone: ${ms(api.single.summary.median)} ms)`,
      measured: lat(api.summary),
      baseline: healthText,
      ratio: over(api.summary),
      target: 'p99 < 100 ms',
      met: ok(api.summary, 100),
    });
    const statuses = Object.entries(api.sync.statuses)
      .map(([s, n]) => `${s} ${int(n)}`)
      .join(', ');
    rows.push({
      scenario: `6b. API POST /api/ledgers/welfare/sync, ${CHUNK}-row chunks (each an update of ${CHUNK} rows), ${CONNECTIONS} connections, ${api.seconds} s (one request alone: ${ms(api.single.sync.median)} ms)`,
      measured: `${lat(api.sync)}${statuses ? `; rows: ${statuses}` : ''}`,
      baseline: healthText,
      ratio: over(api.sync),
      target: 'p99 < 250 ms',
      met: ok(api.sync, 250),
    });
    fig('api.health.p99', h.p99, 'lower', 'time', 'ms');
    fig('api.summary.p99', p99(api.summary), 'lower', 'time', 'ms');
    fig('api.sync.p99', p99(api.sync), 'lower', 'time', 'ms');
    fig(
      'api.summary.p99OverHealth',
      p99(api.summary) / Math.max(h.p99, 1),
      'lower',
      'ratio',
      'p99 / health p99',
    );
    fig('api.sync.p99OverHealth', p99(api.sync) / Math.max(h.p99, 1), 'lower', 'ratio', 'p99 / health p99');
    notes.push(
      `One request at a time with nothing else running (median of 3, or fewer when they take seconds): /api/health ${msSpread(api.single.health)} ms, /api/summary ${msSpread(api.single.summary)} ms, a 500-row sync ${msSpread(api.single.sync)} ms.`,
      `Order of the runs: health, sync (6b), small among large (6c), then summary (6a); after the sync run the server ${api.idleMs >= 120_000 ? 'was still busy after 120 s (it finishes what it has received after autocannon stops) when the next run started' : `needed ${ms(api.idleMs)} ms to become idle again (its CPU under a tenth of a core for a second: it finishes what it has received after autocannon stops), and the next run started after that`}.`,
    );
    notes.push(
      `Before the API runs, the ${int(CONNECTIONS * CHUNK)} 慰问 rows were pushed over HTTP in ${CHUNK}-row chunks, four at a time: ${ms(api.seedMs)} ms${api.seedRetries ? ` (${api.seedRetries} requests answered 503 and were sent again)` : ''}.`,
    );
  }
  if (api) {
    const small = api.smallSync;
    rows.push({
      scenario: `6c. API: ${SMALL_CHUNK}-row syncs on ${SMALL_CONNECTIONS} connections while ${LARGE_CONNECTIONS} others push ${CHUNK}-row chunks, ${api.seconds} s (each connection updates rows of its own)`,
      measured: `small: ${latencyText(small, api.seconds)}; large: ${latencyText(small.large, api.seconds)}`,
      baseline: `/api/health: p99 ${api.health.p99} ms`,
      ratio: `small p99 ${times(censoredP99(small, api.seconds) / Math.max(api.health.p99, 1))}`,
      target: 'small p99 < 250 ms',
      met: small.requests > 0 && !small.censored && small.p99 < 250 && small.errors + small.non2xx === 0,
    });
    fig('api.smallSync.p99', censoredP99(small, api.seconds), 'lower', 'time', 'ms');
    fig('api.smallSync.largeP99', censoredP99(small.large, api.seconds), 'lower', 'time', 'ms');
    notes.push(
      `After the mixed run (6c) the server needed ${ms(api.idleAfterMixedMs)} ms to become idle again; the summary run (6a) started after that and one summary request alone, with nothing changing during it.`,
    );
  }
  if (host) {
    const phaseText = (c: RowCost): string =>
      Object.entries(c.phases)
        .map(([p, us]) => `${p} ${us.toFixed(1)}`)
        .join(', ');
    const callText = (c: RowCost): string =>
      Object.entries(c.callsPerSync)
        .map(([m, n]) => `${m} ${n.toFixed(1)}`)
        .join(', ');
    for (const [label, c] of [
      ['updates', host.update],
      ['creates', host.create],
    ] as const)
      rows.push({
        scenario: `9${label === 'updates' ? 'a' : 'b'}. host CPU per synced row: ${HOST_CHUNK}-row ${label === 'updates' ? 'updates' : 'creates'} of the 慰问台账, one request at a time, the store in another process (process.cpuUsage of the host; ${c.requests} requests)`,
        measured: `${c.perRow.median.toFixed(1)} (${c.perRow.min.toFixed(1)}–${c.perRow.max.toFixed(1)}) µs/row — per row: ${phaseText(c)} µs; store calls per request: ${callText(c)}`,
        baseline: '—',
        ratio: '—',
        target: label === 'updates' ? '≤ 50 µs/row' : '(≤ 50 µs/row)',
        met: label === 'updates' ? c.perRow.median <= 50 : null,
      });
    fig(
      'sync.hostCpuPerRow.us',
      host.update.perRow.median,
      'lower',
      'time',
      'µs of host CPU per row (500-row updates)',
    );
    fig(
      'sync.hostCpuPerRow.createUs',
      host.create.perRow.median,
      'lower',
      'time',
      'µs of host CPU per row (500-row creates)',
    );
    notes.push(
      'Host CPU phases (9a, 9b): parse = JSON.parse and the row schemas; service = the sync service between its store calls (validation, checks, plan, results); storeRead / storeWrite / audit = CPU this process spends in the SDK calls (request, response, retries); serialise = JSON.stringify of the answer; other = the rest of the request (HTTP, authentication, routing, GC). Parse and serialise are timed by doing the same work again beside the request; the other phases by process.cpuUsage() around the calls.',
    );
  }
  if (startup) {
    const e = startup.empty;
    if (startup.dist && startup.distWall)
      rows.push({
        scenario:
          '7a. cold start: import of the files a Functions host loads (package.json "main": dist/functions/src/functions/*.js), built JavaScript, deployment settings',
        measured: `${msSpread(startup.dist)} ms (process wall ${msSpread(startup.distWall)} ms)`,
        baseline: `node -e '': ${msSpread(e)} ms wall`,
        ratio: `wall ${times(startup.distWall.median / e.median)}`,
        target: '< 400 ms',
        met: startup.dist.median < 400,
      });
    rows.push({
      scenario: '7b. cold start: functions/src/app.ts through tsx (what the local stack and the CLI load)',
      measured: `${msSpread(startup.tsx)} ms (process wall ${msSpread(startup.tsxWall)} ms)`,
      baseline: `node -e '': ${msSpread(e)} ms wall`,
      ratio: `wall ${times(startup.tsxWall.median / e.median)}`,
      target: '(< 400 ms)',
      met: null,
    });
    if (startup.dist) fig('startup.dist.ms', startup.dist.median, 'lower', 'time', 'ms');
    fig('startup.tsx.ms', startup.tsx.median, 'lower', 'time', 'ms');
    fig('startup.empty.ms', e.median, 'lower', 'time', 'ms');
  }
  if (memory) {
    rows.push({
      scenario: `8. memory of the host process after loading the demo year (${int(memory.demoRows)} rows pushed in ${ms(memory.seededMs)} ms; the embedded store in a process of its own)`,
      measured: `peak RSS ${mb(memory.maxRss)}; RSS once loaded ${mb(memory.rss)}${memory.storeRss !== null ? `; the store's process: RSS ${mb(memory.storeRss)}` : ''}`,
      baseline: '—',
      ratio: '—',
      target: '< 400 MB',
      met: memory.maxRss < 400 * 2 ** 20,
    });
    fig('memory.peakRss', memory.maxRss, 'lower', 'memory', 'bytes');
    notes.push(
      `Peak RSS of the host process after the sync run (demo year + ${int(CONNECTIONS * CHUNK)} rows, under load): ${Number.isFinite(memory.afterLoad) ? mb(memory.afterLoad) : 'no answer'}.`,
    );
  }

  const seconds = (performance.now() - started) / 1000;
  const date = new Date().toISOString().slice(0, 10);
  const sha = commit();
  const header = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\`${QUICK ? ' (BENCH_QUICK=1)' : ''} on ${date}, commit \`${sha}\`, in ${seconds.toFixed(0)} s.`,
    `Machine: ${machine} — shared and noisy, all traffic on loopback.`,
    '',
    `Each scenario runs beside its baseline in the same run (in-process measurements alternate scenario and baseline, ${TIMES} runs after a warm-up; the push runs ${PUSH_RUNS} times, each on a fresh stack; autocannon ${API_SECONDS} s per endpoint). Figures are medians with min–max in brackets. \`npm run bench -- --check\` compares a fresh run with bench/baseline.json (tolerances in bench/report.ts: ratios ±${pct(TOLERANCE.ratio)}, times ±${pct(TOLERANCE.time)}, counts exact).`,
    '',
  ];
  const body = [...header, ...markdownTable(rows), '', ...notes.map((n) => `- ${n}`), ''];
  const history = existsSync(HISTORY_FILE) ? readFileSync(HISTORY_FILE, 'utf8') : '';
  const fileLayer = existsSync(FILE_LAYER_DOC) ? readFileSync(FILE_LAYER_DOC, 'utf8') : '';
  const doc = `${body.join('\n')}\n${history}${fileLayer ? `\n${fileLayer}` : ''}`;
  process.stdout.write(`${body.join('\n')}\n`);

  if (CHECK) {
    if (!existsSync(BASELINE_FILE)) {
      process.stderr.write('bench --check: no bench/baseline.json yet; run `npm run bench` first\n');
      return 2;
    }
    const committed = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
    const scale = Number(process.env.BENCH_TOLERANCE ?? 1);
    const result = compare(figures, committed, scale);
    if (committed.quick !== QUICK)
      log(
        `note: the committed figures are from a ${committed.quick ? 'quick' : 'full'} run, this one is ${QUICK ? 'quick' : 'full'}`,
      );
    for (const c of result)
      process.stdout.write(
        `${c.regressed ? 'REGRESSED' : 'ok       '} ${c.id}: ${fmt(c.fresh)} (committed ${fmt(c.committed)}, limit ${fmt(c.limit)}) ${c.unit}\n`,
      );
    const bad = result.filter((c) => c.regressed);
    process.stdout.write(
      bad.length
        ? `bench --check: ${bad.length} of ${result.length} figures regressed\n`
        : `bench --check: ${result.length} figures within tolerance\n`,
    );
    return bad.length ? 1 : 0;
  }

  writeFileSync(DOC_FILE, doc);
  // A partial run (--only) updates its own figures and keeps the others.
  const previous: Baseline | null = existsSync(BASELINE_FILE)
    ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline)
    : null;
  const kept = only && previous ? previous.figures : {};
  const baseline: Baseline = {
    written: date,
    commit: sha,
    machine,
    quick: QUICK,
    figures: {
      ...kept,
      ...Object.fromEntries(figures.map(({ id, ...f }) => [id, { ...f, value: round(f.value) }])),
    },
  };
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
  log(`wrote docs/benchmarks.md and bench/baseline.json in ${seconds.toFixed(0)} s`);
  return 0;
}

function latencyText(l: Latency, seconds: number): string {
  return (
    (l.censored
      ? `p50 and p99 > ${seconds} s: only ${l.requests} requests completed`
      : `p50 ${l.p50} ms, p99 ${l.p99} ms; ${int(l.requests)} requests (${l.perSecond.toFixed(1)}/s)`) +
    (l.errors + l.non2xx ? `, ${l.errors} errors, ${l.non2xx} non-2xx` : '')
  );
}

/** A censored run's latency is at least the run's length: that is what the figures keep. */
function censoredP99(l: Latency, seconds: number): number {
  return l.censored ? Math.max(l.p99, seconds * 1000) : l.p99;
}

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? int(x) : x.toFixed(3);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);

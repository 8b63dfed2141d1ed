import autocannon, { type Result } from 'autocannon';
import type { RowResult, SyncRequest, SyncResponse } from '../shared/api/index.js';
import { log, spread, type Timing } from './measure.js';
import { WELFARE_HEADERS, welfareRow } from '../test/support/welfareWorkbook.js';
import type { StackProcess } from './stack.js';

/**
 * Scenario 6 of issue 8: latency under load, 20 connections (autocannon), against the local
 * stack holding the demo year plus a 10,000-row 慰问台账 — `/api/health` on the same host as the
 * baseline, then `GET /api/summary?year=2023`, then `POST /api/ledgers/welfare/sync` with
 * 500-row chunks. Each connection owns 500 of the 10,000 rows and updates them request after
 * request (a changed 备注, the revision of its last answer as base): every request is a
 * 500-row write, and the ledger keeps its size through the run.
 */
export const CONNECTIONS = 20;
export const CHUNK = 500;
/** Issue 17: small syncs (a few edited rows) among large ones, half the connections each. */
export const SMALL_CHUNK = 20;
export const SMALL_CONNECTIONS = 10;
export const LARGE_CONNECTIONS = 10;
const FIELDS = ['date', 'staffNo', 'name', 'unit', 'type', 'form', 'amount', 'reason', 'handler', 'remarks'];

export interface Latency {
  /**
   * Fewer requests completed than there are connections: autocannon counts completed requests
   * only, so the figures below describe the fast few and the true p50/p99 exceed the run.
   */
  censored: boolean;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
}

export interface ApiFigures {
  seconds: number;
  health: Latency;
  summary: Latency;
  sync: Latency & { statuses: Record<string, number> };
  /** 20-row syncs on SMALL_CONNECTIONS while LARGE_CONNECTIONS push 500-row chunks (issue 17). */
  smallSync: Latency & { statuses: Record<string, number>; large: Latency };
  /** How long the server took to answer promptly again after the mixed run. */
  idleAfterMixedMs: number;
  /** Milliseconds to push the 10,000 rows over HTTP before the runs, 500 at a time. */
  seedMs: number;
  /** Seed requests answered 503 and sent again. */
  seedRetries: number;
  /** One request at a time with nothing else running: 3 each, fewer when one takes seconds. */
  single: { health: Timing; summary: Timing; sync: Timing };
  /** How long the server took to answer promptly again after the sync run. */
  idleMs: number;
  /** Peak RSS of the stack process after the sync run; null when it did not answer. */
  peakRssAfterSync: number | null;
}

function latency(r: Result): Latency {
  return {
    censored: r.requests.total < CONNECTIONS,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    perSecond: r.requests.average,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

function cells(i: number, remarks: string | null): Record<string, string | number | null> {
  const row = welfareRow(i, remarks);
  return Object.fromEntries(FIELDS.map((f, c) => [f, row[c] as string | number | null]));
}

const HEADERS = Object.fromEntries(FIELDS.map((f, c) => [f, WELFARE_HEADERS[c]!]));

export async function benchApi(
  stack: StackProcess,
  seconds: number,
  rows = CONNECTIONS * CHUNK,
): Promise<ApiFigures> {
  const auth = { authorization: `Bearer ${stack.tokens.admin}`, 'content-type': 'application/json' };
  // The large sets' rows, then the small sets' (SMALL_CONNECTIONS × SMALL_CHUNK more).
  const smallStart = rows;
  const ids = Array.from(
    { length: rows + SMALL_CONNECTIONS * SMALL_CHUNK },
    (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  );
  const revs = new Map<string, string>();

  // The ledger the sync run writes to, pushed first (and the time that takes): 500-row chunks,
  // four at a time (the rows are all distinct, so no chunk's checks depend on another's).
  const seedStart = performance.now();
  let seedRetries = 0;
  const starts = Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, k) => k * CHUNK);
  const seedChunk = async (start: number): Promise<void> => {
    const body: SyncRequest = {
      headers: HEADERS,
      rows: ids.slice(start, start + CHUNK).map((rowId, j) => ({
        rowId,
        baseRev: null,
        sheetRow: start + j + 3,
        cells: cells(start + j, null),
      })),
    };
    let r = await fetch(`${stack.url}/ledgers/welfare/sync`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    // As the CLI does: a 503 is sent again (a push is idempotent by row id), twice at most.
    for (let retry = 1; r.status === 503 && retry <= 2; retry++) {
      seedRetries++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      r = await fetch(`${stack.url}/ledgers/welfare/sync`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
    }
    if (r.status !== 200) throw new Error(`api seed: HTTP ${r.status} ${await r.text()}`);
    for (const res of ((await r.json()) as SyncResponse).results) {
      if ((res.status !== 'created' && res.status !== 'unchanged') || !res.rev)
        throw new Error(`api seed: ${res.status} ${JSON.stringify(res.issues)}`);
      revs.set(res.rowId, res.rev);
    }
  };
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      for (let start = starts.shift(); start !== undefined; start = starts.shift()) await seedChunk(start);
    }),
  );
  const seedMs = performance.now() - seedStart;
  log(`api: ${rows} rows seeded over HTTP (4 chunks at a time) in ${Math.round(seedMs)} ms`);

  const run = (opts: Parameters<typeof autocannon>[0]): Promise<Result> =>
    autocannon({ connections: CONNECTIONS, duration: seconds, timeout: 120, ...opts });

  const health = latency(await run({ url: `${stack.url}/health` }));
  log(`api: health p50 ${health.p50} ms, p99 ${health.p99} ms (${health.requests} requests)`);

  // The sync body of connection set `set`: its 500 rows with a new 备注 and their last revisions.
  let round = 0;
  const statuses: Record<string, number> = {};
  const syncBody = (set: number, start = set * CHUNK, size = CHUNK): string => {
    const note = `第${++round}次核对`;
    const body: SyncRequest = {
      headers: HEADERS,
      rows: ids.slice(start, start + size).map((rowId, j) => ({
        rowId,
        baseRev: revs.get(rowId) ?? null,
        sheetRow: start + j + 3,
        cells: cells(start + j, note),
      })),
    };
    return JSON.stringify(body);
  };
  const smallBody = (set: number): string => syncBody(set, smallStart + set * SMALL_CHUNK, SMALL_CHUNK);
  const syncAnswer = (status: number, body: string, into = statuses): void => {
    if (status !== 200) return;
    for (const r of (JSON.parse(body) as SyncResponse).results as RowResult[]) {
      into[r.status] = (into[r.status] ?? 0) + 1;
      if (r.rev) revs.set(r.rowId, r.rev);
    }
  };

  // One request at a time, nothing else running: what a single caller waits.
  const alone = async (call: () => Promise<Response>): Promise<Timing> => {
    const samples: number[] = [];
    // Three each, or fewer when they are slow (the whole suite is meant to stay near 10 minutes).
    for (let k = 0, spent = 0; k < 3 && spent < 10_000; k++) {
      const t = performance.now();
      const r = await call();
      const body = await r.text();
      samples.push(performance.now() - t);
      spent += performance.now() - t;
      if (r.status !== 200) throw new Error(`api: HTTP ${r.status} ${body.slice(0, 200)}`);
      if (r.url.endsWith('/sync')) syncAnswer(r.status, body);
    }
    return spread(samples);
  };
  const single = {
    health: await alone(() => fetch(`${stack.url}/health`)),
    summary: await alone(() =>
      fetch(`${stack.url}/summary?year=2023`, { headers: { authorization: auth.authorization } }),
    ),
    sync: await alone(() =>
      fetch(`${stack.url}/ledgers/welfare/sync`, { method: 'POST', headers: auth, body: syncBody(0) }),
    ),
  };
  log(
    `api: one request alone: health ${Math.round(single.health.median)} ms, summary ${Math.round(single.summary.median)} ms, sync ${Math.round(single.sync.median)} ms`,
  );

  let nextSet = 0;
  const sync = latency(
    await run({
      url: stack.url,
      requests: [
        {
          method: 'POST',
          path: new URL(`${stack.url}/ledgers/welfare/sync`).pathname,
          headers: auth,
          // Each connection keeps to its own 500 rows, so that no two requests race for one:
          // autocannon clones `holder` per connection, while it resets `context` after every
          // request (which once spread the sets round-robin over requests: conflicts in the run).
          holder: {},
          setupRequest: (req) => {
            const holder = req.holder as { set?: number };
            holder.set ??= nextSet++ % CONNECTIONS;
            return { ...req, body: syncBody(holder.set) };
          },
          onResponse: (status, text) => syncAnswer(status, text),
        },
      ],
    }),
  );
  log(
    `api: sync p50 ${sync.p50} ms, p99 ${sync.p99} ms (${sync.requests} requests) ${JSON.stringify(statuses)}`,
  );
  // autocannon stops sending at the end of the run, but the server still works through what it
  // has received: wait until it answers promptly again, so that the next run starts clean.
  const idleMs = await untilIdle(stack);
  const afterSync = await stack.memory(60_000).catch(() => null);

  // Small syncs among large ones (issue 17): LARGE_CONNECTIONS keep pushing 500-row chunks of
  // their own sets while SMALL_CONNECTIONS each send 20-row syncs of sets of their own.
  const path = new URL(`${stack.url}/ledgers/welfare/sync`).pathname;
  const smallStatuses: Record<string, number> = {};
  let nextLarge = 0;
  let nextSmall = 0;
  const mixed = (
    connections: number,
    body: (set: number) => string,
    next: () => number,
    into: Record<string, number>,
  ) =>
    autocannon({
      url: stack.url,
      connections,
      duration: seconds,
      timeout: 120,
      requests: [
        {
          method: 'POST',
          path,
          headers: auth,
          holder: {},
          setupRequest: (req) => {
            const holder = req.holder as { set?: number };
            holder.set ??= next();
            return { ...req, body: body(holder.set) };
          },
          onResponse: (status, text) => syncAnswer(status, text, into),
        },
      ],
    });
  const [large, small] = await Promise.all([
    mixed(
      LARGE_CONNECTIONS,
      (set) => syncBody(set),
      () => nextLarge++ % LARGE_CONNECTIONS,
      statuses,
    ),
    mixed(SMALL_CONNECTIONS, smallBody, () => nextSmall++ % SMALL_CONNECTIONS, smallStatuses),
  ]);
  const smallSync = { ...latency(small), statuses: smallStatuses, large: latency(large) };
  log(
    `api: small syncs among large: small p50 ${smallSync.p50} ms, p99 ${smallSync.p99} ms (${smallSync.requests} requests); ` +
      `large p50 ${smallSync.large.p50} ms, p99 ${smallSync.large.p99} ms (${smallSync.large.requests} requests)`,
  );
  const idleAfterMixedMs = await untilIdle(stack);
  // Nothing changing from here: the figures are computed once for the run (a first request
  // alone warms them, as a dashboard's first reader does).
  await (
    await fetch(`${stack.url}/summary?year=2023`, { headers: { authorization: auth.authorization } })
  ).text();
  const summary = latency(
    await run({ url: `${stack.url}/summary?year=2023`, headers: { authorization: auth.authorization } }),
  );
  log(`api: summary p50 ${summary.p50} ms, p99 ${summary.p99} ms (${summary.requests} requests)`);
  return {
    seconds,
    health,
    summary,
    sync: { ...sync, statuses },
    smallSync,
    idleAfterMixedMs,
    single,
    seedMs,
    seedRetries,
    idleMs,
    peakRssAfterSync: afterSync?.maxRss ?? null,
  };
}

/**
 * Waits until the host has finished what earlier runs left (at most 120 s); returns the wait.
 * /api/health answering promptly is not enough: health is not a push, so it does not wait
 * behind the pushes the host still has queued (services/syncGate.ts) — the host's own CPU
 * falling under a tenth of a core for a second is.
 */
export async function untilIdle(stack: StackProcess): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  let before = await stack.cpu();
  while (performance.now() - started < 120_000 && quiet < 2) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await stack.cpu();
    quiet = now.totalUs - before.totalUs < 50_000 ? quiet + 1 : 0;
    before = now;
  }
  return performance.now() - started;
}

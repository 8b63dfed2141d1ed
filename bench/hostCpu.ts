import type { SyncRequest, SyncResponse } from '../shared/api/index.js';
import { WELFARE_HEADERS, welfareRow } from '../test/support/welfareWorkbook.js';
import type { HostCpu, HostPhase } from './hostMeter.js';
import { log, spread, type Timing } from './measure.js';
import type { StackProcess } from './stack.js';

/**
 * Issue 17, "measure the host alone": the host's own CPU per synced row — the stack's process
 * (bench/stackChild.ts) with the embedded Cosmos server in another one — for 500-row creates
 * and 500-row updates of the 慰问台账, one request at a time on an otherwise idle stack, read
 * with `process.cpuUsage()` in the host before and after each request. The breakdown comes
 * from bench/hostMeter.ts (store calls metered, parse and serialise replayed).
 */
export const HOST_CHUNK = 500;
const WARMUP = 2;

export interface RowCost {
  /** Host CPU per synced row, µs, one figure per request. */
  perRow: Timing;
  /** Host CPU per row by phase over all metered requests, µs; `other` = HTTP, auth, routing, GC. */
  phases: Record<HostPhase | 'other', number>;
  /** Store calls per request, by method. */
  callsPerSync: Record<string, number>;
  requests: number;
}

export interface HostCpuFigures {
  create: RowCost;
  update: RowCost;
}

const FIELDS = ['date', 'staffNo', 'name', 'unit', 'type', 'form', 'amount', 'reason', 'handler', 'remarks'];
const HEADERS = Object.fromEntries(FIELDS.map((f, c) => [f, WELFARE_HEADERS[c]!]));

export async function benchHostCpu(stack: StackProcess, rounds: number): Promise<HostCpuFigures> {
  if (!stack.storeApart) throw new Error('hostCpu: the store must run in a process of its own');
  const auth = { authorization: `Bearer ${stack.tokens.admin}`, 'content-type': 'application/json' };
  const revs = new Map<string, string>();
  // Rows of their own (ids and staff numbers apart from the API scenario's), so that creates
  // are creates and updates replace rows this scenario wrote.
  const chunkRows = (chunk: number, remarks: string | null): SyncRequest['rows'] =>
    Array.from({ length: HOST_CHUNK }, (_, j) => {
      const i = 500_000 + chunk * HOST_CHUNK + j;
      const row = welfareRow(i, remarks);
      const rowId = `hostcpu-${String(i).padStart(8, '0')}`;
      return {
        rowId,
        baseRev: revs.get(rowId) ?? null,
        sheetRow: j + 3,
        cells: Object.fromEntries(FIELDS.map((f, c) => [f, row[c] as string | number | null])),
      };
    });
  const sync = async (rows: SyncRequest['rows'], expect: string): Promise<void> => {
    const body: SyncRequest = { headers: HEADERS, rows };
    const r = await fetch(`${stack.url}/ledgers/welfare/sync`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`hostCpu: HTTP ${r.status} ${text.slice(0, 200)}`);
    for (const res of (JSON.parse(text) as SyncResponse).results) {
      if (res.status !== expect) throw new Error(`hostCpu: ${res.status} ${JSON.stringify(res.issues)}`);
      revs.set(res.rowId, res.rev!);
    }
  };

  const measureRounds = async (
    label: string,
    request: (round: number) => Promise<void>,
    count: number,
  ): Promise<RowCost> => {
    for (let k = 0; k < WARMUP; k++) await request(k);
    const perRow: number[] = [];
    let before = await stack.meter(true);
    for (let k = WARMUP; k < WARMUP + count; k++) {
      await request(k);
      const after = await stack.cpu();
      perRow.push((after.totalUs - before.totalUs - (after.replayUs - before.replayUs)) / HOST_CHUNK);
      before = after;
    }
    const end = await stack.meter(false);
    const cost = rowCost(perRow, end);
    log(
      `hostCpu ${label}: ${cost.perRow.median.toFixed(1)} µs/row (${cost.perRow.min.toFixed(1)}–${cost.perRow.max.toFixed(1)}); ` +
        Object.entries(cost.phases)
          .map(([p, us]) => `${p} ${us.toFixed(1)}`)
          .join(', '),
    );
    return cost;
  };

  // Creates: chunk k holds rows never stored. Updates: the same chunks again, a new 备注 each time.
  const create = await measureRounds('creates', (k) => sync(chunkRows(k, null), 'created'), rounds);
  const chunks = WARMUP + rounds;
  const update = await measureRounds(
    'updates',
    (k) => sync(chunkRows(k % chunks, `第${k + 1}次核对`), 'updated'),
    rounds,
  );
  return { create, update };
}

function rowCost(perRow: number[], cpu: HostCpu): RowCost {
  const rows = Math.max(cpu.rows, 1);
  const phases = Object.fromEntries(Object.entries(cpu.phases).map(([p, us]) => [p, us / rows])) as Record<
    HostPhase,
    number
  >;
  const total = perRow.reduce((a, b) => a + b, 0) / Math.max(perRow.length, 1);
  const known = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    perRow: spread(perRow),
    phases: { ...phases, other: Math.max(0, total - known) },
    callsPerSync: Object.fromEntries(
      Object.entries(cpu.calls).map(([m, n]) => [m, n / Math.max(cpu.syncs, 1)]),
    ),
    requests: cpu.syncs,
  };
}

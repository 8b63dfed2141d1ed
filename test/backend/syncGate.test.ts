import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type RowsStore, type Store } from '../../functions/src/store/index.js';
import { SyncGate } from '../../functions/src/services/syncGate.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, memberRow, testStack } from './helpers.js';

/**
 * Issue 17: small pushes are not starved by large ones. Large pushes take turns (two 500-row
 * pushes at a time per instance); small ones are admitted at once, whatever runs. Against the
 * embedded store, with the rows' writes of large pushes held until the test lets them go.
 */
let inner: Store;
let stack: LocalStack;
let held: Promise<void> | null = null;
const calls: { method: string; rows: number }[] = [];

function holdingStore(store: Store): Store {
  const rows = store.rows;
  const wrapped: RowsStore = {
    readByIds: (...a) => rows.readByIds(...a),
    changes: (...a) => rows.changes(...a),
    list: (...a) => rows.list(...a),
    reserveSeq: (...a) => rows.reserveSeq(...a),
    changedSince: (...a) => {
      calls.push({ method: 'changedSince', rows: 0 });
      return rows.changedSince(...a);
    },
    write: async (orgId, kind, writes) => {
      calls.push({ method: 'write', rows: writes.length });
      if (writes.length >= 500 && held) await held;
      return rows.write(orgId, kind, writes);
    },
  };
  return {
    rows: wrapped,
    audit: store.audit,
    settings: store.settings,
    description: store.description,
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

beforeAll(async () => {
  inner = await openStore({ database: 'union' });
  stack = await testStack({ store: holdingStore(inner) });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const rows = (n: number) => Array.from({ length: n }, () => memberRow('机电学院'));

describe('sync gate (issue 17)', () => {
  it('lets a small push through while large pushes take turns', async () => {
    const admin = client(stack.url, stack.tokens.admin);
    let release!: () => void;
    held = new Promise<void>((resolve) => (release = resolve));
    calls.length = 0;

    // Two large pushes run together (DEFAULT_SYNC_GATE: 1,000 rows), both held at their write.
    const first = admin.push('members', rows(500));
    const second = admin.push('members', rows(500));
    await vi.waitFor(
      () => expect(calls.filter((c) => c.method === 'write' && c.rows === 500)).toHaveLength(2),
      { timeout: 20_000 },
    );
    const seen = calls.length;

    // A third waits for them: it does not even read the ledger meanwhile.
    const third = admin.push('members', rows(500));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls.slice(seen)).toEqual([]);

    // A small push goes through at once, while the large ones are still writing.
    const small = await admin.push('members', rows(20));
    expect(small.map((r) => r.status)).toEqual(Array(20).fill('created'));
    expect(calls.slice(seen).map((c) => c.method)).toEqual(['changedSince', 'write']);

    release();
    held = null;
    for (const results of await Promise.all([first, second, third]))
      expect(results.map((r) => r.status)).toEqual(Array(500).fill('created'));
    expect(calls.filter((c) => c.method === 'write').map((c) => c.rows)).toEqual([500, 500, 20, 500]);
  }, 60_000);
});

describe('SyncGate', () => {
  it('admits large pushes first come, first served, up to its rows, and small ones at once', async () => {
    const gate = new SyncGate({ smallRows: 50, largeRows: 600 });
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const job = (name: string, rows: number) =>
      gate.run(rows, async () => {
        order.push(`start ${name}`);
        await new Promise<void>((resolve) => gates.set(name, resolve));
        order.push(`end ${name}`);
      });
    const a = job('a', 500);
    const b = job('b', 500);
    const c = job('c', 100);
    const s = job('small', 20);
    await vi.waitFor(() => expect(order).toEqual(['start a', 'start small']));
    // c would fit beside a, but b came first: no overtaking.
    expect(gate.queued).toBe(2);
    gates.get('small')!();
    gates.get('a')!();
    await vi.waitFor(() => expect(order).toContain('start c'));
    expect(order).toEqual(['start a', 'start small', 'end small', 'end a', 'start b', 'start c']);
    gates.get('b')!();
    gates.get('c')!();
    await Promise.all([a, b, c, s]);
    expect(gate.queued).toBe(0);
  });
});

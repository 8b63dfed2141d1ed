import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRowWire } from '../../shared/api/index.js';
import { openStore, type Store } from '../../functions/src/store/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, memberRow, testStack, type PushRow } from './helpers.js';

/**
 * DESIGN.md "Change tokens": a pull that runs while others write misses nothing. Writers
 * reserve sequence numbers before their bulk write lands; here the store holds each write back
 * a random while after the reservation, as a slow or throttled request would, so rows with
 * lower numbers regularly commit after rows with higher ones.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await testStack({ store: slowWriter(await openStore({ database: 'union' })) });
});

function slowWriter(store: Store): Store {
  const write = store.rows.write.bind(store.rows);
  store.rows.write = async (...args) => {
    await new Promise((r) => setTimeout(r, Math.random() * 600));
    return write(...args);
  };
  return store;
}
afterAll(() => stack.close());

const UNITS = ['机电学院工会', '艺术学院工会', '护理学院工会', '文新学院工会'];
const OFFICERS = ['officer-mech-info', 'officer-arts', 'officer-nursing', 'officer-lit-news'];

describe('pull', () => {
  it('misses nothing that is committed while it pages through changes', async () => {
    const puller = client(stack.url, stack.tokens.admin);
    const seen = new Map<string, StoredRowWire>();
    let since: string | undefined;
    let pulls = 0;
    const apply = (rows: StoredRowWire[]): void => {
      for (const r of rows) if (!seen.has(r.rowId) || seen.get(r.rowId)!.seq < r.seq) seen.set(r.rowId, r);
    };

    let writing = true;
    // Each writer lets at least one more pull run before its next round, so that pulls page
    // through the changes while writes are still landing however fast the store answers.
    const pullOnce = async (): Promise<void> => {
      const before = pulls;
      while (pulls === before) await new Promise((r) => setTimeout(r, 5));
    };
    const writers = OFFICERS.map(async (officer, w) => {
      const api = client(stack.url, stack.tokens[officer]);
      const mine: { row: PushRow; rev: string }[] = [];
      for (let round = 0; round < 4; round++) {
        const fresh = Array.from({ length: 6 }, () => memberRow(UNITS[w]!));
        // Each round also edits what this writer created before, so updates race too.
        const edits = mine
          .slice(-3)
          .map(({ row, rev }) => ({ ...row, baseRev: rev, cells: { ...row.cells, name: `改${round}${w}` } }));
        const results = await api.push('members', [...fresh, ...edits]);
        results.forEach((r, i) => {
          expect(['created', 'updated']).toContain(r.status);
          const pushed = i < fresh.length ? fresh[i]! : edits[i - fresh.length]!;
          const existing = mine.find((m) => m.row.rowId === pushed.rowId);
          if (existing) {
            existing.rev = r.rev!;
            existing.row = pushed;
          } else mine.push({ row: pushed, rev: r.rev! });
        });
        await pullOnce();
      }
    });
    const pulling = (async () => {
      while (writing) {
        const page = await puller.pullAll('members', since, 5);
        apply(page.rows);
        since = page.next;
        pulls++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await Promise.all(writers);
    writing = false;
    await pulling;
    const last = await puller.pullAll('members', since, 5);
    apply(last.rows);

    const truth = await puller.pullAll('members');
    expect(pulls).toBeGreaterThanOrEqual(4);
    expect(truth.rows).toHaveLength(4 * 4 * 6);
    for (const row of truth.rows) expect(seen.get(row.rowId)?.rev, row.rowId).toBe(row.rev);
  });

  it('refuses a change token it did not make', async () => {
    const api = client(stack.url, stack.tokens.admin);
    const r = await api.get('ledgers/members/rows?since=not-a-token');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'bad_request', details: { reason: 'bad_token' } } });
  });
});

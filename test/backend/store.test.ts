import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type RowVersion, type Store } from '../../functions/src/store/index.js';

/** The store against the embedded Cosmos server: the queries and bulk paths the services rely on. */
let store: Store;
beforeAll(async () => {
  store = await openStore({ database: 'union' });
});
afterAll(() => store.close());

const ORG = 'test-org';
function version(rowId: string, seq: number, unit = 'arts', kind = 'members'): RowVersion {
  return {
    orgId: ORG,
    kind,
    rowId,
    unit,
    year: 2023,
    fields: { a: seq },
    hash: `h${seq}`,
    deleted: false,
    seq,
    updatedAt: new Date().toISOString(),
    updatedBy: 'admin',
  };
}

describe('rows store', () => {
  it('creates, refuses a second create, replaces with IfMatch and reports stale revisions', async () => {
    const [created] = await store.rows.write(ORG, 'members', [{ op: 'create', row: version('row-0001', 1) }]);
    expect(created?.status).toBe('written');
    const rev = created?.status === 'written' ? created.row.rev : '';
    expect(rev).not.toBe('');
    const outcomes = await store.rows.write(ORG, 'members', [
      { op: 'create', row: version('row-0001', 2) },
      { op: 'replace', row: version('row-0001', 3), ifMatch: 'not-the-etag' },
      { op: 'replace', row: version('row-0002', 4), ifMatch: rev },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['exists', 'stale', 'missing']);
    const [replaced] = await store.rows.write(ORG, 'members', [
      { op: 'replace', row: version('row-0001', 5), ifMatch: rev },
    ]);
    expect(replaced?.status === 'written' && replaced.row.seq).toBe(5);
    const read = await store.rows.readByIds(ORG, 'members', ['row-0001', 'row-0404']);
    expect([...read.keys()]).toEqual(['row-0001']);
  });

  it('hands out distinct sequence numbers to concurrent writers', async () => {
    const firsts = await Promise.all(
      Array.from({ length: 20 }, () => store.rows.reserveSeq(ORG, 'welfare', 5)),
    );
    const all = firsts.flatMap((f) => [f, f + 1, f + 2, f + 3, f + 4]);
    expect(new Set(all).size).toBe(100);
    expect(Math.min(...all)).toBe(1);
  });

  it('pages changes by seq, filters by unit and re-reads the overlap window', async () => {
    const rows = Array.from({ length: 7 }, (_, i) =>
      version(`chg-000${i}`, 100 + i, i % 2 ? 'arts' : 'nursing', 'activities'),
    );
    await store.rows.write(
      ORG,
      'activities',
      rows.map((row) => ({ op: 'create' as const, row })),
    );
    const page1 = await store.rows.changes(ORG, 'activities', {
      afterSeq: 0,
      committedSince: 0,
      cursor: 0,
      unit: null,
      limit: 3,
    });
    expect(page1.map((r) => r.seq)).toEqual([100, 101, 102]);
    const page2 = await store.rows.changes(ORG, 'activities', {
      afterSeq: 0,
      committedSince: 0,
      cursor: 102,
      unit: null,
      limit: 10,
    });
    expect(page2.map((r) => r.seq)).toEqual([103, 104, 105, 106]);
    const arts = await store.rows.changes(ORG, 'activities', {
      afterSeq: 0,
      committedSince: 0,
      cursor: 0,
      unit: 'arts',
      limit: 10,
    });
    expect(arts.map((r) => r.seq)).toEqual([101, 103, 105]);
    const none = await store.rows.changes(ORG, 'activities', {
      afterSeq: 106,
      committedSince: Math.floor(Date.now() / 1000) + 60,
      cursor: 0,
      unit: null,
      limit: 10,
    });
    expect(none).toEqual([]);
    const overlap = await store.rows.changes(ORG, 'activities', {
      afterSeq: 106,
      committedSince: Math.floor(Date.now() / 1000) - 60,
      cursor: 0,
      unit: null,
      limit: 10,
    });
    expect(overlap).toHaveLength(7);
  });

  it('answers what changed with the versions the reader holds, reading only the others whole', async () => {
    const rows = Array.from({ length: 4 }, (_, i) => version(`held-000${i}`, 200 + i, 'arts', 'honours'));
    const outcomes = await store.rows.write(
      ORG,
      'honours',
      rows.map((row) => ({ op: 'create' as const, row })),
    );
    const written = outcomes.map((o) => (o.status === 'written' ? o.row : null));
    // The reader holds rows 0 and 1 as written, row 2 at an older revision, row 3 not at all.
    const holding = new Map([
      ['held-0000', written[0]!],
      ['held-0001', written[1]!],
      ['held-0002', { ...written[2]!, rev: '"older"' }],
    ]);
    const asked: string[] = [];
    const found = await store.rows.changedSince(
      ORG,
      new Map([
        [
          'honours',
          {
            afterSeq: 199,
            committedSince: 0,
            held: (rowId: string, seq: number, rev: string) => {
              asked.push(rowId);
              const row = holding.get(rowId);
              return row && row.seq === seq && row.rev === rev ? row : undefined;
            },
          },
        ],
      ]),
    );
    const answer = new Map(found.get('honours')!.map((r) => [r.rowId, r]));
    expect([...answer.keys()].sort()).toEqual(['held-0000', 'held-0001', 'held-0002', 'held-0003']);
    expect(asked.sort()).toEqual(['held-0000', 'held-0001', 'held-0002', 'held-0003']);
    // Held versions come back as held (content not read again), with the stored commit time.
    expect(answer.get('held-0000')!.fields).toBe(written[0]!.fields);
    expect(answer.get('held-0000')!.commitTs).toBeGreaterThan(0);
    // The others are read whole.
    for (const id of ['held-0002', 'held-0003']) {
      expect(answer.get(id)!.rev).toBe(written[Number(id.slice(-1))]!.rev);
      expect(answer.get(id)!.fields).toEqual({ a: 200 + Number(id.slice(-1)) });
    }
  });

  it('keeps settings with a revision and refuses a stale one', async () => {
    expect(await store.settings.get(ORG)).toBeNull();
    const first = await store.settings.put(ORG, { orgName: 'x' });
    const second = await store.settings.put(ORG, { orgName: 'y' }, first.rev);
    await expect(store.settings.put(ORG, { orgName: 'z' }, first.rev)).rejects.toThrow('precondition');
    expect((await store.settings.get(ORG))?.rev).toBe(second.rev);
  });

  it('appends audit entries and pages them with continuation tokens', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      id: `audit-${i}`,
      orgId: ORG,
      at: new Date().toISOString(),
      by: 'admin',
      kind: 'members',
      rowId: 'row-0001',
      action: 'update' as const,
      seq: i,
      changes: { a: { before: i, after: i + 1 } },
    }));
    await store.audit.append(entries);
    const first = await store.audit.query(ORG, { kind: 'members', rowId: 'row-0001' }, { limit: 3 });
    expect(first.entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(first.continuation).not.toBeNull();
    const second = await store.audit.query(
      ORG,
      { kind: 'members', rowId: 'row-0001' },
      { limit: 3, continuation: first.continuation! },
    );
    expect(second.entries.map((e) => e.seq)).toEqual([3, 4]);
  });
});

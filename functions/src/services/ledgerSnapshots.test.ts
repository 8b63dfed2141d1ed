import { describe, expect, it, vi } from 'vitest';
import type { ChangeMark, RowsStore, StoredRow } from '../store/types.js';
import { LedgerSnapshots, liveRows } from './ledgerSnapshots.js';

/**
 * A rows store whose rows land when the test says, with the commit time the test says — the
 * situations a snapshot must survive: a write that reserved a lower seq landing after a higher
 * one was read, and this instance's own writes racing another instance's.
 */
function scriptedStore(): {
  store: RowsStore;
  land(row: StoredRow): void;
  reads: ChangeMark[][];
  /** While set, answers are held back (taken when asked, delivered when it resolves). */
  gate: { until: Promise<void> | null };
} {
  const gate: { until: Promise<void> | null } = { until: null };
  const landed = new Map<string, StoredRow>();
  const reads: ChangeMark[][] = [];
  const unused = (): never => {
    throw new Error('not used by snapshots');
  };
  const store: RowsStore = {
    readByIds: unused,
    write: unused,
    reserveSeq: unused,
    changes: unused,
    list: unused,
    async changedSince(orgId, marks) {
      reads.push([...marks.values()].map(({ afterSeq, committedSince }) => ({ afterSeq, committedSince })));
      const found = new Map<string, StoredRow[]>();
      for (const [kind, mark] of marks)
        found.set(
          kind,
          [...landed.values()]
            .filter((r) => r.orgId === orgId && r.kind === kind)
            .filter((r) => r.seq > mark.afterSeq || r.commitTs >= mark.committedSince)
            .map((r) => structuredClone(r)),
        );
      if (gate.until) await gate.until;
      return found;
    },
  };
  return { store, land: (row) => landed.set(`${row.kind}|${row.rowId}`, row), reads, gate };
}

function row(rowId: string, seq: number, commitTs: number, extra: Partial<StoredRow> = {}): StoredRow {
  return {
    orgId: 'org',
    kind: 'welfare',
    rowId,
    unit: '机电学院工会',
    year: 2023,
    fields: { name: rowId },
    hash: `h${seq}`,
    deleted: false,
    seq,
    updatedAt: '2023-01-01T00:00:00Z',
    updatedBy: 'admin',
    rev: `"r${seq}"`,
    commitTs,
    ...extra,
  };
}

describe('LedgerSnapshots', () => {
  it('sees a version that reserved a lower seq but landed after a higher one was read', async () => {
    const { store, land } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('a', 1, 100));
    land(row('c', 3, 100)); // seq 2 is reserved, its write still under way
    expect([...(await snapshots.current(['welfare'])).welfare.keys()].sort()).toEqual(['a', 'c']);
    land(row('b', 2, 101)); // lands now: lower seq, later commit time
    expect([...(await snapshots.current(['welfare'])).welfare.keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps its watermarks from what the store answered, not from its own writes', async () => {
    const { store, land, reads } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('a', 1, 100));
    await snapshots.current(['welfare']);
    // Another instance's write (seq 2) lands; then this instance writes seq 3 and applies it.
    land(row('x', 2, 101));
    const own = row('mine', 3, 102);
    land(own);
    snapshots.applyWritten('welfare', [own]);
    const now = (await snapshots.current(['welfare'])).welfare;
    expect(now.has('x')).toBe(true);
    expect(reads.at(-1)).toEqual([{ afterSeq: 1, committedSince: 100 }]);
  });

  it('keeps the newest version of a row whichever answer comes last, and never hands out a row to change', async () => {
    const { store, land } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('a', 1, 100));
    await snapshots.current(['welfare']);
    snapshots.applyWritten('welfare', [row('a', 5, 103, { hash: 'newer' })]);
    // A refresh that still returns the older version (committed in the window) does not win.
    const rows = (await snapshots.current(['welfare'])).welfare;
    expect(rows.get('a')?.hash).toBe('newer');
    expect(Object.isFrozen(rows.get('a'))).toBe(true);
    expect(Object.isFrozen(rows.get('a')?.fields)).toBe(true);
  });

  it('reads several ledgers in one call and lists live rows in seq order', async () => {
    const { store, land, reads } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('b', 2, 100));
    land(row('a', 1, 100));
    land(row('gone', 3, 100, { deleted: true }));
    land(row('m', 1, 100, { kind: 'members' }));
    const read = await snapshots.current(['welfare', 'members']);
    expect(reads).toHaveLength(1);
    expect(liveRows(read.welfare).map((r) => r.rowId)).toEqual(['a', 'b']);
    expect(read.welfare.get('gone')?.deleted).toBe(true);
    expect([...read.members.keys()]).toEqual(['m']);
  });

  it('reads the same range again after a failed refresh', async () => {
    const { store, land, reads } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('a', 1, 100));
    await snapshots.current(['welfare']);
    const working = store.changedSince;
    store.changedSince = async () => {
      throw new Error('store unavailable');
    };
    await expect(snapshots.current(['welfare'])).rejects.toThrow('store unavailable');
    store.changedSince = working;
    land(row('b', 2, 101));
    expect((await snapshots.current(['welfare'])).welfare.has('b')).toBe(true);
    expect(reads.at(-1)).toEqual([{ afterSeq: 1, committedSince: 100 }]);
  });
});

describe('LedgerSnapshots, reads of figures', () => {
  it('serves within maxAgeMs without asking the store, its own writes included; invalidate asks again', async () => {
    const { store, land, reads } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('a', 1, 100));
    await snapshots.current(['welfare']);
    const before = snapshots.versionOf(['welfare']);
    snapshots.applyWritten('welfare', [row('mine', 2, 101)]);
    land(row('other', 3, 101)); // another instance's write
    const fresh = await snapshots.current(['welfare'], { maxAgeMs: 60_000 });
    expect(reads).toHaveLength(1);
    expect(fresh.welfare.has('mine')).toBe(true);
    expect(fresh.welfare.has('other')).toBe(false);
    expect(snapshots.versionOf(['welfare'])).not.toBe(before);
    snapshots.invalidate();
    expect((await snapshots.current(['welfare'], { maxAgeMs: 60_000 })).welfare.has('other')).toBe(true);
    expect(reads).toHaveLength(2);
    // Without the option every read asks the store.
    await snapshots.current(['welfare']);
    expect(reads).toHaveLength(3);
  });
});

describe('LedgerSnapshots under concurrent callers', () => {
  it('shares one refresh among callers that arrive together, and each sees what landed before it arrived', async () => {
    const { store, land, reads, gate } = scriptedStore();
    const snapshots = new LedgerSnapshots(store, 'org');
    land(row('a', 1, 100));
    const together = await Promise.all(Array.from({ length: 5 }, () => snapshots.current(['welfare'])));
    expect(reads).toHaveLength(1);
    expect(together.every((r) => r.welfare.has('a'))).toBe(true);
    // One refresh in flight (it has read, its answer is held back); a row lands; a caller
    // arriving now must not be served by that refresh.
    let release!: () => void;
    gate.until = new Promise((r) => (release = r));
    const first = snapshots.current(['welfare']);
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    land(row('b', 2, 101));
    const later = snapshots.current(['welfare']);
    gate.until = null;
    release();
    expect((await first).welfare.has('b')).toBe(false);
    expect((await later).welfare.has('b')).toBe(true);
  });
});

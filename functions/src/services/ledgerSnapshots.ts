import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { ChangeMark, RowsStore, StoredRow } from '../store/types.js';

/**
 * Each ledger as this instance last read it, brought up to date before every use by reading
 * only what changed since (issue 8: a push read its whole ledger for every 500-row chunk, so a
 * 10,000-row workbook read the ledger twenty times over, and reads were most of a push's time).
 *
 * Up to date means: every version committed before the refresh began is in the snapshot. The
 * refresh asks the store for rows with a `seq` above the highest one seen, or committed at or
 * after the latest commit time seen (`changedSince`, the condition of pull's `changes`, ADR
 * 0005): writers reserve `seq` numbers before their write lands, so a lower number can land
 * after a higher one was read, and it then carries a commit time at or after anything the
 * previous refresh saw. Both
 * watermarks come from what the store answered, never from this instance's own writes (another
 * instance's write can land between a refresh and one of ours), and never from the clock here.
 *
 * This instance's own writes are applied at once (`applyWritten`), so that the next chunk of the
 * same push sees them even before a refresh returns them. A version replaces the one held only
 * when its `seq` is higher: refreshes and writes may finish in any order. Correctness of writes
 * never rests on the snapshot being fresh — replaces carry the revision read (IfMatch), creates
 * fail on an existing id — exactly as when every push read the store.
 *
 * Rows are shared with every caller: they are frozen, and callers copy what they change.
 */
interface Snapshot {
  rows: Map<string, StoredRow>;
  /** Highest seq answered by the store so far (-1: never read). */
  seq: number;
  /** Latest commit time (`_ts`, seconds) answered by the store so far. */
  commitTs: number;
  /** The refresh in flight, which callers arriving meanwhile wait for. */
  refreshing: Promise<void> | null;
  /** When the last refresh that succeeded began (performance.now()). */
  refreshedAt: number;
  /** Raised whenever a row is added or replaced: equal versions, equal rows. */
  version: number;
}

export interface ReadOptions {
  /**
   * Serve without asking the store when every ledger was refreshed less than this long ago.
   * For reads of figures only (GET /api/summary): this instance's own writes are in the
   * snapshot at once, and other instances' writes show within this bound. Pushes never use it.
   */
  maxAgeMs?: number;
  /**
   * With `maxAgeMs`: when every ledger was refreshed less than this long ago, a read older than
   * `maxAgeMs` starts a refresh (shared, as always) but does not wait for it — it is served
   * what is held. Figures polled by many callers then never queue behind a refresh (issue 17:
   * the once-a-second refresh was the whole tail of GET /api/summary at 20 connections).
   */
  staleMs?: number;
}

export class LedgerSnapshots {
  private readonly ledgers = new Map<LedgerKind, Snapshot>();

  constructor(
    private readonly rows: RowsStore,
    private readonly orgId: string,
  ) {}

  /**
   * The ledgers' rows by row id, tombstones included, as committed before this call — all of
   * them refreshed by one query (or, with `maxAgeMs`, as refreshed within that bound).
   */
  async current<K extends LedgerKind>(
    kinds: readonly K[],
    opts: ReadOptions = {},
  ): Promise<Record<K, ReadonlyMap<string, StoredRow>>> {
    const snapshots = kinds.map((kind) => this.snapshotOf(kind));
    const recent = performance.now() - (opts.maxAgeMs ?? -1);
    // Without maxAgeMs nothing read before this call is fresh enough.
    const freshEnough = (): boolean =>
      opts.maxAgeMs !== undefined && snapshots.every((s) => s.refreshedAt > recent);
    if (!freshEnough()) {
      const refreshing = this.refreshAll(kinds, snapshots, freshEnough);
      const usable = performance.now() - (opts.staleMs ?? -1);
      if (
        opts.maxAgeMs !== undefined &&
        opts.staleMs !== undefined &&
        snapshots.every((s) => s.refreshedAt > usable)
      )
        refreshing.catch(() => undefined);
      else await refreshing;
    }
    return Object.fromEntries(kinds.map((kind, i) => [kind, snapshots[i]!.rows])) as unknown as Record<
      K,
      ReadonlyMap<string, StoredRow>
    >;
  }

  /** A key that changes whenever any of the ledgers' rows does (for caching what is computed from them). */
  versionOf(kinds: readonly LedgerKind[]): string {
    return kinds.map((kind) => this.snapshotOf(kind).version).join('.');
  }

  /** Rows were written behind this instance's back (a restore): the next read asks the store, whatever its options. */
  invalidate(): void {
    for (const snapshot of this.ledgers.values()) snapshot.refreshedAt = -Infinity;
  }

  private async refreshAll(
    kinds: readonly LedgerKind[],
    snapshots: readonly Snapshot[],
    freshEnough: () => boolean,
  ): Promise<void> {
    // A refresh already running may have begun before a version this caller must see was
    // committed: wait for it. A refresh started meanwhile by another caller that waited too
    // began after this one arrived: share it rather than scan the store once per caller.
    const waited = snapshots.map((s) => s.refreshing);
    await Promise.all(waited.map((p) => p?.catch(() => undefined)));
    if (freshEnough()) return;
    const started = snapshots[0]!.refreshing;
    if (started && snapshots.every((s, i) => s.refreshing === started && started !== waited[i]))
      return started;
    const refreshing = this.refresh(kinds, snapshots);
    for (const s of snapshots) s.refreshing = refreshing;
    try {
      await refreshing;
    } finally {
      for (const s of snapshots) if (s.refreshing === refreshing) s.refreshing = null;
    }
  }

  /** Versions this instance has just written (create, update, tombstone). */
  applyWritten(kind: LedgerKind, written: readonly StoredRow[]): void {
    const snapshot = this.ledgers.get(kind);
    // Never read yet: the first refresh will read everything, these included.
    if (!snapshot) return;
    for (const row of written) keep(snapshot, row);
  }

  private snapshotOf(kind: LedgerKind): Snapshot {
    let snapshot = this.ledgers.get(kind);
    if (!snapshot) {
      snapshot = {
        rows: new Map(),
        seq: -1,
        commitTs: 0,
        refreshing: null,
        refreshedAt: -Infinity,
        version: 0,
      };
      this.ledgers.set(kind, snapshot);
    }
    return snapshot;
  }

  private async refresh(kinds: readonly LedgerKind[], snapshots: readonly Snapshot[]): Promise<void> {
    const marks = new Map<string, ChangeMark>(
      kinds.map((kind, i) => {
        const s = snapshots[i]!;
        return [
          kind,
          {
            afterSeq: s.seq,
            committedSince: s.seq < 0 ? 0 : s.commitTs,
            // Rows held at exactly this version (mostly this instance's own writes) need not be read again.
            held: (rowId: string, seq: number, rev: string) => {
              const row = s.rows.get(rowId);
              return row && row.seq === seq && row.rev === rev ? row : undefined;
            },
          },
        ];
      }),
    );
    const began = performance.now();
    const changed = await this.rows.changedSince(this.orgId, marks);
    kinds.forEach((kind, i) => {
      const snapshot = snapshots[i]!;
      snapshot.refreshedAt = Math.max(snapshot.refreshedAt, began);
      for (const row of changed.get(kind) ?? []) {
        keep(snapshot, row);
        // Raised only from what the store answered, once the answer is in: a failed refresh
        // leaves the watermarks as they were, and the next one reads the same range again.
        snapshot.seq = Math.max(snapshot.seq, row.seq);
        snapshot.commitTs = Math.max(snapshot.commitTs, row.commitTs);
      }
    });
  }
}

/** The live rows (no tombstones) of a snapshot, in seq order. */
export function liveRows(rows: ReadonlyMap<string, StoredRow>): StoredRow[] {
  return [...rows.values()].filter((r) => !r.deleted).sort((a, b) => a.seq - b.seq);
}

function keep(snapshot: Snapshot, row: StoredRow): void {
  const held = snapshot.rows.get(row.rowId);
  if (held && held.seq >= row.seq) return;
  Object.freeze(row.fields);
  snapshot.rows.set(row.rowId, Object.freeze(row));
  snapshot.version++;
}

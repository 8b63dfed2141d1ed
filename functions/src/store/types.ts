/**
 * The store as the services see it: plain data and promises, no Cosmos types (DESIGN.md:
 * only functions/src/store imports @azure/cosmos). Implemented by ./cosmos*.ts.
 */

/** One ledger row as stored; `rev` is the document's etag, `commitTs` its `_ts` (seconds). */
export interface StoredRow {
  orgId: string;
  kind: string;
  rowId: string;
  unit: string;
  year: number | null;
  fields: Record<string, unknown>;
  /** Content hash of `fields`: equal content means nothing to write (idempotent retries). */
  hash: string;
  deleted: boolean;
  /** The per-ledger sequence number of the write that produced this version. */
  seq: number;
  updatedAt: string;
  updatedBy: string;
  /**
   * Units that held this row before its current one (a move by admin or finance). Their pulls
   * still find it — as a tombstone — so that no unit keeps a row that has left it.
   */
  formerUnits?: string[];
  rev: string;
  commitTs: number;
  /**
   * The audit entry of the change that produced this version, written in the same document:
   * rows and audit are two containers with no transaction between them, so a push whose audit
   * write was lost can replay it when it is retried (DESIGN.md: one entry per accepted change).
   */
  change?: AuditEntry;
}

/** A version to write: everything but what the store assigns. */
export type RowVersion = Omit<StoredRow, 'rev' | 'commitTs'>;

export type RowWrite =
  /** Fails with `exists` when the id is taken: new rows keep their client id. */
  | { op: 'create'; row: RowVersion }
  /** Fails with `stale` when the stored etag is no longer `ifMatch`, `missing` when gone. */
  | { op: 'replace'; row: RowVersion; ifMatch: string }
  /** Restore only: writes whatever is there. */
  | { op: 'upsert'; row: RowVersion };

export type WriteOutcome =
  | { status: 'written'; row: StoredRow }
  | { status: 'exists' }
  | { status: 'stale' }
  | { status: 'missing' }
  /** The store failed or the answer was lost: the write may or may not have happened. */
  | { status: 'unknown' };

/** Where a reader of a ledger left off (see ChangesQuery). */
export interface ChangeMark {
  afterSeq: number;
  committedSince: number;
  /**
   * The version of a row the reader holds already, when it holds exactly this one (same seq and
   * revision): the store may answer with it, its commit time as stored, instead of reading its
   * content again — a refresh after this instance's own writes then reads only their marks.
   */
  held?: (rowId: string, seq: number, rev: string) => StoredRow | undefined;
}

export interface ChangesQuery {
  /** Rows with seq above this… */
  afterSeq: number;
  /** …or committed at or after this `_ts` (the overlap window; 0 = none). */
  committedSince: number;
  /** Paging inside one pull: only seq above this. */
  cursor: number;
  /** Officers read their own unit only; null = every unit. */
  unit: string | null;
  limit: number;
}

export interface RowsStore {
  readByIds(orgId: string, kind: string, rowIds: readonly string[]): Promise<Map<string, StoredRow>>;
  /** One bulk request; one outcome per write, in order. Never atomic across writes. */
  write(orgId: string, kind: string, writes: readonly RowWrite[]): Promise<WriteOutcome[]>;
  /** Reserve `count` consecutive sequence numbers of the ledger; returns the first. */
  reserveSeq(orgId: string, kind: string, count: number): Promise<number>;
  /** One page of changes, ordered by seq; with `unit`, the rows of that unit and those that have left it. */
  changes(orgId: string, kind: string, q: ChangesQuery): Promise<StoredRow[]>;
  /**
   * Every row of several ledgers with seq above each one's `afterSeq` or committed at or after its
   * `committedSince` (tombstones included), in one query; unordered, unpaged.
   */
  changedSince(orgId: string, marks: ReadonlyMap<string, ChangeMark>): Promise<Map<string, StoredRow[]>>;
  /** Every row of the ledger (tombstones only when asked), paged internally. */
  list(orgId: string, kind: string, opts?: { includeDeleted?: boolean; year?: number }): Promise<StoredRow[]>;
}

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: string;
  orgId: string;
  at: string;
  by: string;
  kind: string;
  rowId: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  seq: number;
  /** Only the fields that changed. */
  changes: Record<string, FieldChange>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Opaque; pass back to get the next page. */
  continuation: string | null;
}

export interface AuditStore {
  append(entries: readonly AuditEntry[]): Promise<void>;
  query(
    orgId: string,
    filter: { kind?: string; rowId?: string },
    page: { limit: number; continuation?: string },
  ): Promise<AuditPage>;
  list(orgId: string): Promise<AuditEntry[]>;
}

export interface SettingsDoc {
  settings: unknown;
  rev: string;
}

export interface SettingsStore {
  get(orgId: string): Promise<SettingsDoc | null>;
  /** Throws StorePreconditionError when `ifMatch` is given and no longer current. */
  put(orgId: string, settings: unknown, ifMatch?: string): Promise<SettingsDoc>;
}

export interface Store {
  rows: RowsStore;
  audit: AuditStore;
  settings: SettingsStore;
  /** Reads the database once: the health route's "store reachable". */
  ping(): Promise<void>;
  /** Which backend: `embedded` (in memory) or the Cosmos endpoint. */
  readonly description: string;
  close(): Promise<void>;
}

import { StorePreconditionError } from '../../../functions/src/store/errors.js';
import type {
  AuditEntry,
  AuditPage,
  ChangesQuery,
  RowWrite,
  SettingsDoc,
  Store,
  StoredRow,
  WriteOutcome,
} from '../../../functions/src/store/types.js';

/**
 * The Store port in memory, with the semantics the services rely on (client ids, etags,
 * If-Match, per-ledger sequence numbers, tombstones). It lets the fuzzer drive tens of
 * thousands of requests through the real dispatch layer and services in seconds; the same
 * inputs are also sampled over HTTP against the embedded Cosmos server.
 */
export interface MemoryStore extends Store {
  /** Forget every row and audit entry (settings stay). */
  clearRows(): void;
  rowCount(): number;
}

export function memoryStore(): MemoryStore {
  const rows = new Map<string, StoredRow>();
  const counters = new Map<string, number>();
  let audit: AuditEntry[] = [];
  let settings: SettingsDoc | null = null;
  let etags = 0;
  const nextRev = (): string => `"mem-${(++etags).toString(16).padStart(8, '0')}"`;
  const key = (orgId: string, kind: string, id: string): string => `${orgId}|${kind}|${id}`;
  const copy = <T>(v: T): T => structuredClone(v);

  return {
    description: 'memory (test double)',
    rows: {
      async readByIds(orgId, kind, ids) {
        const found = new Map<string, StoredRow>();
        for (const id of ids) {
          const row = rows.get(key(orgId, kind, id));
          if (row) found.set(id, copy(row));
        }
        return found;
      },
      async write(orgId, kind, writes: readonly RowWrite[]) {
        return writes.map((w): WriteOutcome => {
          if (w.row.orgId !== orgId || w.row.kind !== kind) throw new Error('row of another partition');
          const k = key(orgId, kind, w.row.rowId);
          const current = rows.get(k);
          if (w.op === 'create' && current) return { status: 'exists' };
          if (w.op === 'replace' && !current) return { status: 'missing' };
          if (w.op === 'replace' && current!.rev !== w.ifMatch) return { status: 'stale' };
          const stored: StoredRow = {
            ...copy(w.row),
            rev: nextRev(),
            commitTs: Math.floor(Date.now() / 1000),
          };
          rows.set(k, stored);
          return { status: 'written', row: copy(stored) };
        });
      },
      async reserveSeq(orgId, kind, count) {
        const k = `${orgId}|${kind}`;
        const n = (counters.get(k) ?? 0) + count;
        counters.set(k, n);
        return n - count + 1;
      },
      async changes(orgId, kind, q: ChangesQuery) {
        const prefix = `${orgId}|${kind}|`;
        return [...rows.entries()]
          .filter(([k]) => k.startsWith(prefix))
          .map(([, r]) => r)
          .filter((r) => r.seq > q.cursor && (r.seq > q.afterSeq || r.commitTs >= q.committedSince))
          .filter((r) => q.unit === null || r.unit === q.unit || (r.formerUnits ?? []).includes(q.unit))
          .sort((a, b) => a.seq - b.seq)
          .slice(0, q.limit)
          .map(copy);
      },
      async changedSince(orgId, marks) {
        const found = new Map<string, StoredRow[]>();
        for (const [kind, mark] of marks) {
          const prefix = `${orgId}|${kind}|`;
          found.set(
            kind,
            [...rows.entries()]
              .filter(([k]) => k.startsWith(prefix))
              .map(([, r]) => r)
              .filter((r) => r.seq > mark.afterSeq || r.commitTs >= mark.committedSince)
              .map(copy),
          );
        }
        return found;
      },
      async list(orgId, kind, opts = {}) {
        const prefix = `${orgId}|${kind}|`;
        return [...rows.entries()]
          .filter(([k]) => k.startsWith(prefix))
          .map(([, r]) => r)
          .filter((r) => opts.includeDeleted || !r.deleted)
          .filter((r) => opts.year === undefined || r.year === opts.year)
          .map(copy);
      },
    },
    audit: {
      async append(entries) {
        for (const e of entries) {
          audit = audit.filter((a) => a.id !== e.id);
          audit.push(copy(e));
        }
      },
      async query(orgId, filter, page): Promise<AuditPage> {
        const all = audit
          .filter((a) => a.orgId === orgId)
          .filter((a) => !filter.kind || a.kind === filter.kind)
          .filter((a) => !filter.rowId || a.rowId === filter.rowId)
          .sort((a, b) => a.seq - b.seq);
        const start = page.continuation ? Number(page.continuation) : 0;
        if (!Number.isInteger(start) || start < 0)
          throw Object.assign(new Error('bad continuation'), { code: 400 });
        const entries = all.slice(start, start + page.limit).map(copy);
        const next = start + page.limit;
        return { entries, continuation: next < all.length ? String(next) : null };
      },
      async list(orgId) {
        return audit.filter((a) => a.orgId === orgId).map(copy);
      },
    },
    settings: {
      async get() {
        return settings ? copy(settings) : null;
      },
      async put(_orgId, value, ifMatch) {
        if (ifMatch !== undefined && settings && settings.rev !== ifMatch) throw new StorePreconditionError();
        settings = { settings: copy(value), rev: nextRev() };
        return copy(settings);
      },
    },
    async ping() {},
    async close() {},
    clearRows() {
      rows.clear();
      counters.clear();
      audit = [];
    },
    rowCount: () => rows.size,
  };
}

import type { StoredRowWire } from '../../../shared/api/index.js';
import type { Actor } from '../../../shared/ledgers/access.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { StoredRow as SummaryRow } from '../../../shared/summary/rows.js';
import type { StoredRow } from '../store/types.js';

/** A stored row as the wire contract shows it (shared/api storedRowSchema). */
export function toWire(row: StoredRow): StoredRowWire {
  return {
    rowId: row.rowId,
    rev: row.rev,
    unit: row.unit,
    year: row.year,
    fields: row.fields,
    deleted: row.deleted,
    seq: row.seq,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/**
 * Fields only admin and the row's own unit may see (DOMAIN.md §3.1: 困难职工建档 is "visible to
 * admin and the unit's officer only"); finance reads the members ledger without them.
 */
const PRIVATE_FIELDS: Readonly<Record<string, readonly string[]>> = { members: ['hardship'] };

/** A stored row as `actor` may see it on the wire: private fields dropped unless admin or the row's own officer. */
export function toWireFor(actor: Actor, row: StoredRow): StoredRowWire {
  const wire = toWire(row);
  const hidden = PRIVATE_FIELDS[row.kind];
  if (!hidden || actor.role === 'admin' || (actor.role === 'officer' && actor.unit === row.unit)) return wire;
  const fields = { ...wire.fields };
  for (const field of hidden) delete fields[field];
  return { ...wire, fields };
}

/** A stored row as shared/summary reads it. The fields passed validation when written. */
export function toSummaryRow<K extends LedgerKind>(kind: K, row: StoredRow): SummaryRow<K> {
  return {
    id: row.rowId,
    kind,
    unit: row.unit,
    year: row.year,
    fields: row.fields,
    deleted: row.deleted,
  } as unknown as SummaryRow<K>;
}

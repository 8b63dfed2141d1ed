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
 * admin and the unit's officer only"). Finance reads the members ledger without them, and the
 * leadership workbook leaves them out for leader and finance.
 */
const PRIVATE_FIELDS: Readonly<Record<string, readonly string[]>> = { members: ['hardship'] };

/**
 * The one rule of who may see a private field: the fields of a `kind` row that `actor` may
 * not see — none for admin, none for an officer on a row of their own unit, the private ones
 * for everyone else. `unit` is the row's unit; without it the question is about rows of every
 * unit (a report over the organisation). Without an actor, every private field is hidden.
 */
export function hiddenFields(actor: Actor | undefined, kind: string, unit?: string): readonly string[] {
  const hidden = PRIVATE_FIELDS[kind] ?? [];
  if (actor?.role === 'admin') return [];
  if (actor?.role === 'officer' && unit !== undefined && actor.unit === unit) return [];
  return hidden;
}

/** A stored row as `actor` may see it on the wire: private fields dropped unless admin or the row's own officer. */
export function toWireFor(actor: Actor, row: StoredRow): StoredRowWire {
  const wire = toWire(row);
  const hidden = hiddenFields(actor, row.kind, row.unit);
  if (hidden.length === 0) return wire;
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

import type { StoredRowWire } from '../../../shared/api/index.js';
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

import type { StoredRowWire } from '../../../shared/api/index.js';
import { hiddenFields as policyHiddenFields, rowView, type Actor } from '../../../shared/ledgers/access.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { Settings } from '../../../shared/settings/index.js';
import type { StoredRow as SummaryRow } from '../../../shared/summary/rows.js';
import type { StoredRow } from '../store/types.js';

/**
 * Rows as a caller sees them. The rules are shared/ledgers/access.ts's (`rowView`,
 * `hiddenFields`): this module only applies them to the store's and the wire's shapes. Every
 * route that shows rows (pull, sync answers, reports, GET /api/summary/rows) goes through
 * `toWireFor` or `viewRows`.
 */

/** A stored row as the wire contract shows it (shared/api storedRowSchema), unfiltered: admin's backup view. */
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

/** Settings as far as the policy needs them (sensitive welfare types). */
type PolicySettings = Pick<Settings, 'sensitiveWelfareTypes'> | null | undefined;

/**
 * A stored row as `actor` may see it on the wire, or null when it may not see the row. A
 * tombstone has no content: it goes to whoever may see rows of its unit. A row that has left a
 * unit the actor may read (moved to another) is a tombstone to them, in their unit, naming
 * nothing of where it went.
 */
export function toWireFor(actor: Actor, settings: PolicySettings, row: StoredRow): StoredRowWire | null {
  const wire = toWire(row);
  const sees = (unit: string): boolean => rowView(actor, settings, row.kind, { unit, fields: {} }) !== null;
  if (!sees(row.unit)) {
    const left = row.formerUnits?.find(sees);
    return left === undefined ? null : { ...wire, unit: left, fields: {}, deleted: true };
  }
  if (row.deleted) return wire;
  const fields = rowView(actor, settings, row.kind, row);
  if (!fields) return null;
  return fields === row.fields ? wire : { ...wire, fields };
}

/** The units a new version of `stored` has left behind, when it is written into `unit`. */
export function formerUnitsAfter(stored: StoredRow | undefined, unit: string): string[] | undefined {
  if (!stored) return undefined;
  const former = new Set(stored.formerUnits ?? []);
  if (stored.unit && stored.unit !== unit) former.add(stored.unit);
  former.delete(unit);
  return former.size ? [...former] : undefined;
}

/**
 * Rows of one ledger as `reader` may see them in a report: rows it may not see left out,
 * fields it may not see dropped. Figures are computed from the rows before this.
 */
export function viewRows<R extends { unit: string; fields: unknown }>(
  reader: Actor | undefined,
  settings: PolicySettings,
  kind: string,
  rows: readonly R[],
): R[] {
  const out: R[] = [];
  for (const row of rows) {
    const fields = rowView(reader, settings, kind, {
      unit: row.unit,
      fields: row.fields as Record<string, unknown>,
    });
    if (fields) out.push(fields === row.fields ? row : { ...row, fields });
  }
  return out;
}

/** The fields of a `kind` row of `unit` (or of any unit) that `actor` may not see: see shared/ledgers/access.ts. */
export function hiddenFields(actor: Actor | undefined, kind: string, unit?: string): readonly string[] {
  return policyHiddenFields(actor, kind, unit);
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

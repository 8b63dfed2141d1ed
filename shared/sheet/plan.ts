import type { RawRow } from '../ledgers/define.js';
import { rowHash } from './hash.js';
import type { SheetState } from './port.js';
import type { SheetRow } from './rows.js';

/** A row to send: a new row gets its client-generated id here (DESIGN.md data flow, step 4). */
export interface PlannedRow {
  sheetRow: number;
  rowId: string;
  /** The revision the edit is based on; null for a new row. */
  baseRev: string | null;
  raw: RawRow;
  hash: string;
}

export interface PlannedDelete {
  rowId: string;
  baseRev: string | null;
  /** The row that was cleared, or null when the row is gone from the sheet. */
  sheetRow: number | null;
  reason: 'cleared' | 'removed';
}

export interface PushPlan {
  creates: PlannedRow[];
  updates: PlannedRow[];
  /** Deletions need the user's consent first (§4.7: 该行内容已清空，是否从服务器删除？). */
  deletes: PlannedDelete[];
  unchanged: number;
}

/**
 * What a push must send. A row whose id's hash matches the state is unchanged. A row with an
 * id the state does not know is an update when it carries a revision (pulled into another
 * copy of the workbook) and otherwise a create under that id (a push whose answer was lost:
 * creates are idempotent by client id). When an id appears twice (a row copied with its
 * hidden cells), the first keeps it and the later rows are new rows.
 */
export function planPush(
  rows: readonly SheetRow[],
  state: SheetState | undefined,
  newId: () => string,
): PushPlan {
  const hashes = state?.hashes ?? {};
  const plan: PushPlan = { creates: [], updates: [], deletes: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.rowId !== null && !seen.has(row.rowId) ? row.rowId : null;
    if (id !== null) seen.add(id);
    if (row.cleared) {
      // A copied id on a cleared row, or an id that never reached the server: nothing to delete.
      if (id !== null && (row.rev !== null || Object.hasOwn(hashes, id)))
        plan.deletes.push({ rowId: id, baseRev: row.rev, sheetRow: row.sheetRow, reason: 'cleared' });
      continue;
    }
    const hash = rowHash(row.raw);
    if (id === null) {
      plan.creates.push({ sheetRow: row.sheetRow, rowId: newId(), baseRev: null, raw: row.raw, hash });
    } else if (Object.hasOwn(hashes, id)) {
      if (hashes[id] === hash) plan.unchanged++;
      else plan.updates.push({ sheetRow: row.sheetRow, rowId: id, baseRev: row.rev, raw: row.raw, hash });
    } else if (row.rev !== null) {
      plan.updates.push({ sheetRow: row.sheetRow, rowId: id, baseRev: row.rev, raw: row.raw, hash });
    } else {
      plan.creates.push({ sheetRow: row.sheetRow, rowId: id, baseRev: null, raw: row.raw, hash });
    }
  }
  for (const id of Object.keys(hashes))
    if (!seen.has(id)) plan.deletes.push({ rowId: id, baseRev: null, sheetRow: null, reason: 'removed' });
  return plan;
}

/** Statuses after which the server holds exactly the pushed content. */
const STORED = new Set(['created', 'updated', 'unchanged']);

/**
 * The state's hashes after a push: stored rows take the hash of what was pushed, deleted rows
 * leave; a row the server refused (invalid, conflict, forbidden, failed) keeps its old hash,
 * so the next push sends it again.
 */
export function nextHashes(
  previous: Readonly<Record<string, string>>,
  plan: PushPlan,
  results: readonly { rowId: string; status: string }[],
): Record<string, string> {
  const hashes: Record<string, string> = { ...previous };
  const planned = new Map([...plan.creates, ...plan.updates].map((p) => [p.rowId, p.hash]));
  for (const r of results) {
    const hash = planned.get(r.rowId);
    if (r.status === 'deleted') delete hashes[r.rowId];
    else if (STORED.has(r.status) && hash !== undefined) hashes[r.rowId] = hash;
  }
  return hashes;
}

/** Splits a list into chunks of at most `size` (the API takes 500 rows a request). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer: ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

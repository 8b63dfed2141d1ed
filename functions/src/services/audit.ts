import { z } from 'zod';
import { ledgerKindSchema } from '../../../shared/ledgers/define.js';
import { rowIdSchema } from '../../../shared/api/index.js';
import type { AuditEntry, AuditPage, AuditStore, FieldChange, StoredRow } from '../store/types.js';
import { canonicalJson } from './hash.js';
import { refuse } from './errors.js';
import { requireAdmin, type Principal } from './principal.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/** DESIGN.md "audit": one entry per accepted change — who, when, kind, row id, before/after of the changed fields. */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    // Most fields are text, numbers or null: equal as they are, without serialising them.
    const same =
      a === b || (typeof a === 'object' && typeof b === 'object' && canonicalJson(b) === canonicalJson(a));
    if (!same) changes[key] = { before: b, after: a };
  }
  return changes;
}

/**
 * The entry for one written version. Its id is derived from the version (kind, row, seq), so
 * writing it twice — a retried push replaying an entry whose first write was lost — leaves one.
 */
export function auditEntry(
  previous: StoredRow | undefined,
  written: Pick<StoredRow, 'orgId' | 'kind' | 'rowId' | 'seq' | 'updatedAt' | 'deleted' | 'fields'>,
  by: string,
): AuditEntry {
  const action: AuditEntry['action'] = written.deleted
    ? 'delete'
    : previous && !previous.deleted
      ? 'update'
      : 'create';
  const before = previous && !previous.deleted ? previous.fields : {};
  return {
    id: `${written.kind}-${written.rowId}-${written.seq}`,
    orgId: written.orgId,
    at: written.updatedAt,
    by,
    kind: written.kind,
    rowId: written.rowId,
    action,
    seq: written.seq,
    changes: fieldChanges(before, written.deleted ? {} : written.fields),
  };
}

export const auditQuerySchema = z
  .object({
    kind: ledgerKindSchema.optional(),
    rowId: rowIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    continuation: z.string().max(4000).optional(),
  })
  .strict();

export async function queryAudit(
  store: AuditStore,
  orgId: string,
  principal: Principal,
  query: Record<string, string>,
): Promise<AuditPage> {
  requireAdmin(principal);
  const q = auditQuerySchema.safeParse(query, { error: zhErrorMap });
  if (!q.success) throw refuse.invalid('查询参数不正确', zodDetails(q.error));
  const filter = {
    ...(q.data.kind ? { kind: q.data.kind } : {}),
    ...(q.data.rowId ? { rowId: q.data.rowId } : {}),
  };
  try {
    return await store.query(orgId, filter, {
      limit: q.data.limit,
      ...(q.data.continuation ? { continuation: q.data.continuation } : {}),
    });
  } catch (e) {
    // A continuation the store cannot read is the caller's input, not a server fault.
    if (q.data.continuation && (e as { code?: unknown }).code === 400)
      throw refuse.badRequest('分页标记无效');
    throw e;
  }
}

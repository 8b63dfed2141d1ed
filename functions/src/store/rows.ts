import type { Container, OperationInput, SqlParameter } from '@azure/cosmos';
import { bulkWrite } from './bulk.js';
import { retryAfterOf, statusOf, StoreThrottledError, StoreUnavailableError } from './errors.js';
import { DEFAULT_THROTTLE, withThrottleRetry, withTransientRetry, type ThrottlePolicy } from './throttle.js';
import type {
  ChangeMark,
  AuditEntry,
  ChangesQuery,
  RowsStore,
  RowVersion,
  RowWrite,
  StoredRow,
  WriteOutcome,
} from './types.js';

/**
 * Ledger rows in the `rows` container. Every query names its partition in the WHERE clause
 * (`c.pk = @pk`): the embedded server ignores the partitionKey option, real Cosmos uses both.
 * No GROUP BY, DISTINCT or OFFSET anywhere (the embedded server lacks them).
 */

/** The document as stored. `type` tells rows from the partition's counter document. */
interface RowDoc {
  id: string;
  pk: string;
  type: 'row';
  orgId: string;
  kind: string;
  unit: string;
  year: number | null;
  fields: Record<string, unknown>;
  hash: string;
  deleted: boolean;
  seq: number;
  updatedAt: string;
  updatedBy: string;
  /** See StoredRow.formerUnits. */
  formerUnits?: string[];
  /** The audit entry of this version (see StoredRow.change). */
  change?: AuditEntry;
  _etag?: string;
  _ts?: number;
}

/** The marks of a changed row (changedSince's first query). */
interface ChangeDoc {
  id: string;
  pk: string;
  seq: number;
  _etag?: string;
  _ts: number;
}

const COUNTER_ID = 'seq-counter';
/**
 * What whole-ledger reads (list, pull) fetch: the row without its audit entry (`change`), which
 * only a push's own rows need — it would double what every summary and pull reads.
 */
const ROW_FIELDS = [
  'id',
  'pk',
  'type',
  'orgId',
  'kind',
  'unit',
  'year',
  'fields',
  'hash',
  'deleted',
  'seq',
  'updatedAt',
  'updatedBy',
  'formerUnits',
  '_etag',
  '_ts',
]
  .map((f) => `c.${f}`)
  .join(', ');
/**
 * Ids per query: a push's whole chunk (MAX_ROWS_PER_CHUNK) in one array parameter, ~35 KB of
 * query, well inside real Cosmos's 512 KB; fewer queries matter, since each one scans (embedded
 * server) or costs a round trip (Cosmos) — at 100, a 500-row push made five.
 */
const IDS_PER_QUERY = 500;
/** Handed to one bulkWrite call, which sends them 100 per request (ADR 0011). */
const OPS_PER_BULK = 1000;

export function partitionKey(orgId: string, kind: string): string {
  return `${orgId}|${kind}`;
}

function toDoc(row: RowVersion): RowDoc {
  return {
    id: row.rowId,
    pk: partitionKey(row.orgId, row.kind),
    type: 'row',
    orgId: row.orgId,
    kind: row.kind,
    unit: row.unit,
    year: row.year,
    fields: row.fields,
    hash: row.hash,
    deleted: row.deleted,
    seq: row.seq,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    ...(row.formerUnits?.length ? { formerUnits: row.formerUnits } : {}),
    ...(row.change ? { change: row.change } : {}),
  };
}

function fromDoc(doc: RowDoc): StoredRow {
  return {
    orgId: doc.orgId,
    kind: doc.kind,
    rowId: doc.id,
    unit: doc.unit,
    year: doc.year,
    fields: doc.fields,
    hash: doc.hash,
    deleted: doc.deleted,
    seq: doc.seq,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
    rev: doc._etag ?? '',
    commitTs: doc._ts ?? Math.floor(Date.now() / 1000),
    ...(doc.formerUnits?.length ? { formerUnits: doc.formerUnits } : {}),
    ...(doc.change ? { change: doc.change } : {}),
  };
}

export class CosmosRowsStore implements RowsStore {
  constructor(
    private readonly container: Container,
    private readonly throttle: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  private async query(
    pk: string,
    where: string,
    parameters: SqlParameter[],
    opts: { withChange?: boolean } = {},
  ): Promise<StoredRow[]> {
    const select = opts.withChange ? '*' : ROW_FIELDS;
    const query = `SELECT ${select} FROM c WHERE c.pk = @pk AND c.type = 'row'${where ? ` AND ${where}` : ''}`;
    const { resources } = await withTransientRetry(
      () =>
        this.container.items
          .query<RowDoc>(
            { query, parameters: [{ name: '@pk', value: pk }, ...parameters] },
            { partitionKey: pk },
          )
          .fetchAll(),
      this.throttle,
    );
    return resources.map(fromDoc);
  }

  async readByIds(orgId: string, kind: string, rowIds: readonly string[]): Promise<Map<string, StoredRow>> {
    const pk = partitionKey(orgId, kind);
    const unique = [...new Set(rowIds)];
    const found = new Map<string, StoredRow>();
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
      const ids = unique.slice(i, i + IDS_PER_QUERY);
      // With each version's audit entry: a retried push replays it (services/sync.ts).
      for (const row of await this.query(pk, 'ARRAY_CONTAINS(@ids, c.id)', [{ name: '@ids', value: ids }], {
        withChange: true,
      }))
        found.set(row.rowId, row);
    }
    return found;
  }

  async list(
    orgId: string,
    kind: string,
    opts: { includeDeleted?: boolean; year?: number } = {},
  ): Promise<StoredRow[]> {
    const where: string[] = [];
    const params: SqlParameter[] = [];
    if (!opts.includeDeleted) where.push('c.deleted = false');
    if (opts.year !== undefined) {
      where.push('c.year = @year');
      params.push({ name: '@year', value: opts.year });
    }
    return this.query(partitionKey(orgId, kind), where.join(' AND '), params);
  }

  async changes(orgId: string, kind: string, q: ChangesQuery): Promise<StoredRow[]> {
    const pk = partitionKey(orgId, kind);
    const params: SqlParameter[] = [
      { name: '@pk', value: pk },
      { name: '@cursor', value: q.cursor },
      { name: '@after', value: q.afterSeq },
      { name: '@since', value: q.committedSince },
    ];
    let unitFilter = '';
    if (q.unit !== null) {
      unitFilter = ' AND (c.unit = @unit OR ARRAY_CONTAINS(c.formerUnits, @unit))';
      params.push({ name: '@unit', value: q.unit });
    }
    const query =
      `SELECT ${ROW_FIELDS} FROM c WHERE c.pk = @pk AND c.type = 'row' AND c.seq > @cursor` +
      ` AND (c.seq > @after OR c._ts >= @since)${unitFilter} ORDER BY c.seq ASC`;
    // Keyset paging on seq: the page ends where `limit` rows are in hand; the SDK's own pages
    // (continuation tokens) are followed until then, since a page may come back short.
    const iterator = this.container.items.query<RowDoc>(
      { query, parameters: params },
      { partitionKey: pk, maxItemCount: q.limit },
    );
    const rows: StoredRow[] = [];
    while (rows.length < q.limit && iterator.hasMoreResults()) {
      const page = await withThrottleRetry(() => iterator.fetchNext(), this.throttle);
      rows.push(...page.resources.map(fromDoc));
    }
    return rows.slice(0, q.limit);
  }

  async changedSince(
    orgId: string,
    marks: ReadonlyMap<string, ChangeMark>,
  ): Promise<Map<string, StoredRow[]>> {
    const found = new Map<string, StoredRow[]>([...marks.keys()].map((kind) => [kind, []]));
    if (marks.size === 0) return found;
    const parameters: SqlParameter[] = [];
    const terms: string[] = [];
    const kindOf = new Map<string, string>();
    [...marks].forEach(([kind, mark], i) => {
      const pk = partitionKey(orgId, kind);
      kindOf.set(pk, kind);
      parameters.push(
        { name: `@pk${i}`, value: pk },
        { name: `@after${i}`, value: mark.afterSeq },
        { name: `@since${i}`, value: mark.committedSince },
      );
      terms.push(`(c.pk = @pk${i} AND (c.seq > @after${i} OR c._ts >= @since${i}))`);
    });
    // First only the marks of what changed (issue 17): most of it is often rows this instance
    // has just written and holds already — reading their content again was a third of a push's
    // CPU in the host. The rest is read whole by id, inside its partition.
    const query = `SELECT c.id, c.pk, c.seq, c._etag, c._ts FROM c WHERE c.type = 'row' AND (${terms.join(' OR ')})`;
    // One ledger: a query inside its partition. Several: one cross-partition query, which
    // Cosmos fans out itself and the embedded server answers with one scan instead of several.
    const only = marks.size === 1 ? partitionKey(orgId, [...marks.keys()][0]!) : undefined;
    const { resources } = await withTransientRetry(
      () =>
        this.container.items
          .query<ChangeDoc>({ query, parameters }, only !== undefined ? { partitionKey: only } : {})
          .fetchAll(),
      this.throttle,
    );
    const unread = new Map<string, Map<string, ChangeDoc>>();
    for (const doc of resources) {
      const kind = kindOf.get(doc.pk);
      if (kind === undefined) continue;
      const held = marks.get(kind)!.held?.(doc.id, doc.seq, doc._etag ?? '');
      if (held) found.get(kind)!.push(held.commitTs === doc._ts ? held : { ...held, commitTs: doc._ts });
      else {
        let ids = unread.get(doc.pk);
        if (!ids) unread.set(doc.pk, (ids = new Map()));
        ids.set(doc.id, doc);
      }
    }
    for (const [pk, docs] of unread) {
      const ids = [...docs.keys()];
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
        for (const row of await this.query(pk, 'ARRAY_CONTAINS(@ids, c.id)', [
          { name: '@ids', value: ids.slice(i, i + IDS_PER_QUERY) },
        ]))
          found.get(kindOf.get(pk)!)!.push(row);
    }
    return found;
  }

  async reserveSeq(orgId: string, kind: string, count: number): Promise<number> {
    const pk = partitionKey(orgId, kind);
    const item = this.container.item(COUNTER_ID, pk);
    // `incr` is atomic in Cosmos and in the embedded server (checked: it applies patches on a
    // single item, just not inside bulk), so concurrent writers never share a number.
    const incr = async (): Promise<number | null> => {
      try {
        const { resource } = await item.patch<{ n: number }>([{ op: 'incr', path: '/n', value: count }]);
        return resource!.n;
      } catch (e) {
        if (statusOf(e) === 404) return null;
        throw e;
      }
    };
    let n = await withThrottleRetry(incr, this.throttle);
    if (n === null) {
      try {
        await withThrottleRetry(
          () => this.container.items.create({ id: COUNTER_ID, pk, type: 'counter', n: 0 }),
          this.throttle,
        );
      } catch (e) {
        if (statusOf(e) !== 409) throw e; // another writer created it first: fine
      }
      n = await withThrottleRetry(incr, this.throttle);
      if (n === null) throw new StoreUnavailableError('序号计数器无法创建');
    }
    return n - count + 1;
  }

  async write(orgId: string, kind: string, writes: readonly RowWrite[]): Promise<WriteOutcome[]> {
    const pk = partitionKey(orgId, kind);
    const stray = writes.find((w) => partitionKey(w.row.orgId, w.row.kind) !== pk);
    if (stray) throw new Error(`row ${stray.row.rowId} is not of ${pk}`);
    const outcomes: (WriteOutcome | undefined)[] = new Array(writes.length);
    let pending = writes.map((_, i) => i);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const throttled: number[] = [];
      let retryAfter = 0;
      for (let start = 0; start < pending.length; start += OPS_PER_BULK) {
        const slice = pending.slice(start, start + OPS_PER_BULK);
        const ops = slice.map((i) => toOperation(pk, writes[i]!));
        const results = await withThrottleRetry(() => bulkWrite(this.container, ops), this.throttle);
        results.forEach((result, j) => {
          const i = slice[j]!;
          const status = result.response?.statusCode ?? statusOf(result.error);
          if (status === 429) {
            throttled.push(i);
            retryAfter = Math.max(retryAfter, retryAfterOf(result.error, this.throttle.defaultWaitMs));
            return;
          }
          outcomes[i] = outcomeOf(
            status,
            result.response?.resourceBody as RowDoc | undefined,
            writes[i]!,
            result,
          );
        });
      }
      if (throttled.length === 0) break;
      if (attempt >= this.throttle.attempts) throw new StoreThrottledError(retryAfter);
      await (this.throttle.sleep ?? sleep)(Math.min(retryAfter, this.throttle.maxWaitMs));
      pending = throttled;
    }
    return outcomes as WriteOutcome[];
  }
}

function toOperation(pk: string, write: RowWrite): OperationInput {
  const resourceBody = toDoc(write.row) as unknown as Record<string, string>;
  switch (write.op) {
    case 'create':
      return { operationType: 'Create', partitionKey: pk, resourceBody };
    case 'upsert':
      return { operationType: 'Upsert', partitionKey: pk, resourceBody };
    case 'replace':
      return {
        operationType: 'Replace',
        partitionKey: pk,
        id: write.row.rowId,
        ifMatch: write.ifMatch,
        resourceBody,
      };
  }
}

function outcomeOf(
  status: number | undefined,
  body: RowDoc | undefined,
  write: RowWrite,
  raw: unknown,
): WriteOutcome {
  if (status === 200 || status === 201) {
    const doc: RowDoc = body ?? { ...toDoc(write.row), _etag: eTagOf(raw) };
    return { status: 'written', row: fromDoc(doc) };
  }
  if (status === 409) return { status: 'exists' };
  if (status === 412) return { status: 'stale' };
  if (status === 404) return { status: 'missing' };
  // A server error, a timeout or a connection lost (the SDK reports those as 500 or without a
  // status): the write may have happened. The caller reads the row back to find out.
  if (status === undefined || status === 408 || status >= 500) return { status: 'unknown' };
  const message = (raw as { error?: { message?: string } }).error?.message ?? `status ${status}`;
  throw new StoreUnavailableError(`写入台账行失败：${message}`);
}

function eTagOf(raw: unknown): string | undefined {
  return (raw as { response?: { eTag?: string } }).response?.eTag;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

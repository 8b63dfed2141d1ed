import type { Container, JSONObject, SqlParameter } from '@azure/cosmos';
import { bulkWrite } from './bulk.js';
import { withThrottleRetry, withTransientRetry, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle.js';
import type { AuditEntry, AuditPage, AuditStore } from './types.js';

/** The `audit` container (/orgId): one document per accepted change. */
type AuditDoc = AuditEntry & {
  _etag?: string;
  _ts?: number;
  _rid?: string;
  _self?: string;
  _attachments?: string;
};

/**
 * Audit entries belong to another container than the rows, so they cannot join the rows'
 * write. They go through bulkWrite as well — all of an organisation's entries share one
 * partition, so as transactional batches of 100 (ADR 0011, ADR 0026): a push of a few rows
 * makes one request for its entries, not one per entry (issue 17: twenty upserts queued
 * behind large pushes at the store were most of a small push's wait). Anything a batch could
 * not write goes again one by one.
 */
function strip(doc: AuditDoc): AuditEntry {
  const { id, orgId, at, by, kind, rowId, action, seq, changes } = doc;
  return { id, orgId, at, by, kind, rowId, action, seq, changes };
}

export class CosmosAuditStore implements AuditStore {
  constructor(
    private readonly container: Container,
    private readonly throttle: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length > 0) await this.appendInBulk(entries);
  }

  private async appendInBulk(entries: readonly AuditEntry[]): Promise<void> {
    const results = await withThrottleRetry(
      () =>
        bulkWrite(
          this.container,
          entries.map((entry) => ({
            operationType: 'Upsert' as const,
            partitionKey: entry.orgId,
            resourceBody: entry as unknown as JSONObject,
          })),
        ),
      this.throttle,
    );
    // Anything the bulk call could not write (429 after the SDK's retries included) goes again one by one.
    const failed = results.flatMap((r, i) =>
      r.error || (r.response?.statusCode ?? 500) >= 300 ? [entries[i]!] : [],
    );
    for (const entry of failed)
      await withTransientRetry(() => this.container.items.upsert(entry), this.throttle, { network: true });
  }

  async query(
    orgId: string,
    filter: { kind?: string; rowId?: string },
    page: { limit: number; continuation?: string },
  ): Promise<AuditPage> {
    const where = ['c.orgId = @orgId'];
    const parameters: SqlParameter[] = [{ name: '@orgId', value: orgId }];
    if (filter.kind) {
      where.push('c.kind = @kind');
      parameters.push({ name: '@kind', value: filter.kind });
    }
    if (filter.rowId) {
      where.push('c.rowId = @rowId');
      parameters.push({ name: '@rowId', value: filter.rowId });
    }
    const iterator = this.container.items.query<AuditDoc>(
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.seq ASC`, parameters },
      { partitionKey: orgId, maxItemCount: page.limit, continuationToken: page.continuation },
    );
    const result = await withThrottleRetry(() => iterator.fetchNext(), this.throttle);
    return { entries: result.resources.map(strip), continuation: result.continuationToken ?? null };
  }

  async list(orgId: string): Promise<AuditEntry[]> {
    const { resources } = await withThrottleRetry(
      () =>
        this.container.items
          .query<AuditDoc>(
            {
              query: 'SELECT * FROM c WHERE c.orgId = @orgId',
              parameters: [{ name: '@orgId', value: orgId }],
            },
            { partitionKey: orgId },
          )
          .fetchAll(),
      this.throttle,
    );
    return resources.map(strip);
  }
}

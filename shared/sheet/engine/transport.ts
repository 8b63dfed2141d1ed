import type { PullResponse, SyncRequest, SyncResponse } from '../../api/sync.js';
import type { LedgerKind } from '../../ledgers/define.js';

/**
 * What the engine needs from the API (DESIGN.md "The HTTP API"): push a chunk, pull a page of
 * changes. shared/api's client is one; tests pass fakes. Retries, timeouts, 413 splitting and
 * 429 waits are the client's business, not the engine's.
 */
export interface SyncTransport {
  push(kind: LedgerKind, body: SyncRequest): Promise<SyncResponse>;
  pull(kind: LedgerKind, since?: string): Promise<PullResponse>;
}

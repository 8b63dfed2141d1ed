import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { statusOf } from './errors.js';

/**
 * Bulk writes without the SDK's batching wait (docs/decisions/0011-bulk-writes.md).
 *
 * `executeBulkOperations` in @azure/cosmos 4.9 sleeps `intervalForPartialBatchInMs` (1 s) in
 * every call before it dispatches the last, partial batch, so every push took over a second
 * whatever its size. `bulkWrite` sends the same requests — POST of at most 100 operations,
 * non-atomic, continue on error, the partition key range resolved by the SDK — through
 * `items.bulk`, at once, a few requests in flight, and reports each operation in the shape
 * executeBulkOperations does, so that callers map results exactly as before:
 * - a success as `response` (statusCode, eTag; no resourceBody: the documents are not sent
 *   back, issue 17);
 * - a failed operation as `error` with `code` (409, 412, 404, 429…), `retryAfterInMs` when the
 *   service gave one, and a message;
 * - a request that failed as a whole as `error` on each of its operations, with the status when
 *   the SDK kept one and none otherwise (`items.bulk` rethrows its errors without their
 *   status): the operation may or may not have been applied.
 * Unlike executeBulkOperations it does not retry throttled operations itself: they come back as
 * 429 and the caller's own retry (rows.ts, audit.ts) sends them again after the wait.
 */
export interface BulkResult {
  operationInput: OperationInput;
  response?: { statusCode: number; eTag?: string; resourceBody?: JSONObject; requestCharge?: number };
  error?: { code?: number; substatus?: number; retryAfterInMs?: number; message: string };
}

/** Cosmos takes at most 100 operations per partition key range in one bulk request. */
export const OPS_PER_REQUEST = 100;
/** Requests in flight per call: enough to overlap round trips, few enough not to be throttled for it. */
export const REQUESTS_IN_FLIGHT = 4;

/** One operation's answer inside a bulk response (the service's JSON, as `items.bulk` returns it). */
interface ItemResponse {
  statusCode?: number;
  subStatusCode?: number;
  eTag?: string;
  resourceBody?: JSONObject;
  requestCharge?: number;
  retryAfterMilliseconds?: number;
  message?: string;
}

export async function bulkWrite(
  container: Container,
  operations: readonly OperationInput[],
  inFlight = REQUESTS_IN_FLIGHT,
): Promise<BulkResult[]> {
  const key = operations[0]?.partitionKey;
  if (typeof key === 'string' && operations.every((op) => op.partitionKey === key))
    return batchWrite(container, key, operations, inFlight);
  const results: BulkResult[] = new Array(operations.length);
  const starts: number[] = [];
  for (let i = 0; i < operations.length; i += OPS_PER_REQUEST) starts.push(i);
  await inParallel(starts, inFlight, async (start) => {
    const slice = operations.slice(start, start + OPS_PER_REQUEST);
    let answers: ItemResponse[] | null = null;
    let failure: unknown = null;
    try {
      // Without the written documents in the answer (Prefer: return=minimal): the callers
      // need each operation's status and etag, not the body they sent.
      answers = (await container.items.bulk(slice, undefined, {
        contentResponseOnWriteEnabled: false,
      })) as unknown as ItemResponse[];
    } catch (e) {
      failure = e;
    }
    slice.forEach((op, j) => {
      results[start + j] = answers ? resultOf(op, answers[j]) : failedAsWhole(op, failure);
    });
  });
  return results;
}

/**
 * Operations of one partition (every write the rows and audit stores make): sent as
 * transactional batches (`items.batch`) of up to 100, which the SDK routes with one partition
 * key hash per request instead of one per operation and sizes without serialising each
 * operation first — a third of the host's CPU per written document (issue 17, ADR 0026). A
 * batch is atomic on Cosmos DB: when one operation fails, the others of its batch are answered
 * 424 and not applied, so they go again in the next round, until every operation has an answer
 * of its own — the outcomes are those of bulk. A batch over the service's 2 MB is refused as a
 * whole (413) and sent again in halves.
 */
async function batchWrite(
  container: Container,
  partitionKey: string,
  operations: readonly OperationInput[],
  inFlight: number,
): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(operations.length);
  let pending = operations.map((_, i) => i);
  while (pending.length > 0) {
    const again: number[] = [];
    const groups: number[][] = [];
    for (let i = 0; i < pending.length; i += OPS_PER_REQUEST)
      groups.push(pending.slice(i, i + OPS_PER_REQUEST));
    const send = async (group: number[]): Promise<void> => {
      let answers: ItemResponse[] | null = null;
      let failure: unknown = null;
      try {
        // Copies: the SDK rewrites an operation's partition key in place, and a held-back
        // operation is sent again.
        const response = await container.items.batch(
          group.map((i) => ({ ...operations[i]! })),
          partitionKey,
          { contentResponseOnWriteEnabled: false },
        );
        answers = (response.result ?? []) as unknown as ItemResponse[];
      } catch (e) {
        if (statusOf(e) === 413 && group.length > 1) {
          const half = Math.ceil(group.length / 2);
          await send(group.slice(0, half));
          await send(group.slice(half));
          return;
        }
        failure = e;
      }
      // Held back by another operation's failure (424): again, unless nothing in the batch
      // failed on its own, which would loop for ever — then it is a failure like any other.
      const ownFailure = answers?.some((a) => a.statusCode !== 424) ?? false;
      group.forEach((i, j) => {
        const answer = answers?.[j];
        if (answer?.statusCode === 424 && ownFailure) again.push(i);
        else results[i] = answers ? resultOf(operations[i]!, answer) : failedAsWhole(operations[i]!, failure);
      });
    };
    await inParallel(groups, inFlight, send);
    pending = again;
  }
  return results;
}

/** `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function resultOf(operationInput: OperationInput, r: ItemResponse | undefined): BulkResult {
  const statusCode = r?.statusCode;
  if (statusCode !== undefined && statusCode >= 200 && statusCode < 300)
    return {
      operationInput,
      response: {
        statusCode,
        ...(r?.eTag !== undefined ? { eTag: r.eTag } : {}),
        ...(r?.resourceBody !== undefined ? { resourceBody: r.resourceBody } : {}),
        ...(r?.requestCharge !== undefined ? { requestCharge: r.requestCharge } : {}),
      },
    };
  return {
    operationInput,
    error: {
      ...(statusCode !== undefined ? { code: statusCode } : {}),
      ...(r?.subStatusCode !== undefined ? { substatus: r.subStatusCode } : {}),
      ...(r?.retryAfterMilliseconds !== undefined ? { retryAfterInMs: r.retryAfterMilliseconds } : {}),
      message:
        r?.message ?? (statusCode !== undefined ? `status ${statusCode}` : 'no answer for this operation'),
    },
  };
}

function failedAsWhole(operationInput: OperationInput, e: unknown): BulkResult {
  const code = statusOf(e);
  const retryAfterInMs = (e as { retryAfterInMs?: unknown } | null)?.retryAfterInMs;
  return {
    operationInput,
    error: {
      ...(code !== undefined ? { code } : {}),
      ...(typeof retryAfterInMs === 'number' ? { retryAfterInMs } : {}),
      message: e instanceof Error ? e.message : String(e),
    },
  };
}

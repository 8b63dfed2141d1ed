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
  const results: BulkResult[] = new Array(operations.length);
  const starts: number[] = [];
  for (let i = 0; i < operations.length; i += OPS_PER_REQUEST) starts.push(i);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < starts.length) {
      const start = starts[next++]!;
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
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, starts.length)) }, worker));
  return results;
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

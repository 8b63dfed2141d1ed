import type { Container, OperationInput } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkWrite, OPS_PER_REQUEST } from './bulk.js';
import { openCosmos, type CosmosHandles } from './cosmos.js';

/**
 * bulkWrite against the embedded server: every operation answered in input order, in the
 * shape of executeBulkOperations (response for a success, error.code for a failure), for the
 * operations the rows and audit stores send — Create, Upsert, Replace with IfMatch — and Delete.
 */
let cosmos: CosmosHandles;
let rows: Container;
const pk = 'org|bulk';
const doc = (id: string, n = 0) => ({ id, pk, type: 'row', n });
const bodyOf = (op: OperationInput) =>
  (op as unknown as { resourceBody: ReturnType<typeof doc> }).resourceBody;

beforeAll(async () => {
  cosmos = await openCosmos({ database: 'union' });
  rows = cosmos.rows;
});
afterAll(async () => {
  await cosmos?.close();
});

describe('bulkWrite', () => {
  it('writes more than one request of operations, every answer in input order, without a 1 s wait', async () => {
    const ops: OperationInput[] = Array.from({ length: OPS_PER_REQUEST * 2 + 50 }, (_, i) => ({
      operationType: 'Create',
      partitionKey: pk,
      resourceBody: doc(`c${i}`, i),
    }));
    const started = performance.now();
    const results = await bulkWrite(rows, ops);
    expect(performance.now() - started).toBeLessThan(900);
    expect(results).toHaveLength(ops.length);
    results.forEach((r, i) => {
      expect(r.operationInput).toBe(ops[i]);
      expect(r.error).toBeUndefined();
      expect(r.response?.statusCode).toBe(201);
      expect(r.response?.eTag).toEqual(expect.any(String));
      // The documents are not sent back (Prefer: return=minimal), as Azure Cosmos DB does.
      expect(r.response?.resourceBody).toBeUndefined();
    });
  });

  it('answers conflicts, stale and missing rows per operation, and goes on after them', async () => {
    const [created] = await bulkWrite(rows, [
      { operationType: 'Create', partitionKey: pk, resourceBody: doc('x') },
    ]);
    const etag = created!.response!.eTag!;
    const results = await bulkWrite(rows, [
      { operationType: 'Create', partitionKey: pk, resourceBody: doc('x') },
      { operationType: 'Replace', partitionKey: pk, id: 'x', ifMatch: '"not-it"', resourceBody: doc('x', 1) },
      { operationType: 'Replace', partitionKey: pk, id: 'nope', resourceBody: doc('nope') },
      { operationType: 'Replace', partitionKey: pk, id: 'x', ifMatch: etag, resourceBody: doc('x', 2) },
      { operationType: 'Upsert', partitionKey: pk, resourceBody: doc('y', 3) },
      { operationType: 'Delete', partitionKey: pk, id: 'y' },
      { operationType: 'Delete', partitionKey: pk, id: 'y' },
    ]);
    expect(results.map((r) => r.response?.statusCode ?? r.error?.code)).toEqual([
      409, 412, 404, 200, 201, 204, 404,
    ]);
    expect(results[3]!.response!.eTag).not.toBe(etag);
    expect((await rows.item('x', pk).read()).resource).toMatchObject({
      id: 'x',
      n: 2,
      _etag: results[3]!.response!.eTag,
    });
    expect(results[0]!.response).toBeUndefined();
    expect(results[0]!.error?.message).toEqual(expect.any(String));
  });

  it('reports a request that failed as a whole on each of its operations', async () => {
    const missing = cosmos.database.container('no-such-container');
    const results = await bulkWrite(missing, [
      { operationType: 'Upsert', partitionKey: pk, resourceBody: doc('a') },
      { operationType: 'Upsert', partitionKey: pk, resourceBody: doc('b') },
    ]);
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.response).toBeUndefined();
      expect(r.error?.message).toEqual(expect.any(String));
    }
  });

  it('sends the operations of one partition as atomic batches: held-back ones again, oversize ones in halves', async () => {
    // A container that answers as Azure Cosmos DB does: a batch over 60 operations is too
    // large (413, nothing applied); in a batch with a failing operation nothing is applied and
    // the others are answered 424.
    const sent: number[] = [];
    const applied = new Set<string>();
    const fake = {
      items: {
        batch: async (ops: OperationInput[], key: string) => {
          expect(key).toBe(pk);
          sent.push(ops.length);
          if (ops.length > 60) throw Object.assign(new Error('too large'), { code: 413 });
          const bad = ops.findIndex((op) => bodyOf(op).n < 0);
          if (bad >= 0)
            return { result: ops.map((_, j) => ({ statusCode: j === bad ? 409 : 424, requestCharge: 0 })) };
          for (const op of ops) applied.add(bodyOf(op).id);
          return { result: ops.map(() => ({ statusCode: 201, eTag: '"e"', requestCharge: 1 })) };
        },
      },
    } as unknown as Container;
    const ops: OperationInput[] = Array.from({ length: 150 }, (_, i) => ({
      operationType: 'Create',
      partitionKey: pk,
      resourceBody: doc(`b${i}`, i === 7 ? -1 : i),
    }));
    const results = await bulkWrite(fake, ops, 1);
    expect(results.map((r) => r.response?.statusCode ?? r.error?.code)).toEqual(
      ops.map((_, i) => (i === 7 ? 409 : 201)),
    );
    expect(applied.size).toBe(149);
    // 100 → 413 → 50 (with the failure: 49 held back) + 50; 50 → 50; then the 49 again.
    expect(sent).toEqual([100, 50, 50, 50, 49]);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await bulkWrite(rows, [])).toEqual([]);
  });
});

import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { createApiClient } from '../shared/api/client.js';
import { cleanFiles } from '../cli/src/sync/cleanFiles.js';
import { pushFiles, type PushReport } from '../cli/src/sync/push.js';
import { cosmosClient } from '../functions/src/store/cosmos.js';
import { writeWelfareWorkbook } from '../test/support/welfareWorkbook.js';
import { log, spread, timeAsync, type Timing } from './measure.js';
import { startStackProcess } from './stack.js';

/**
 * Scenarios 1 and 2 of issue 8: a 10k-row 慰问台账 workbook pushed by the CLI (in this process,
 * as `union-ledger push` runs it: read the file, plan, send in 500-row chunks, write back, save)
 * to the local stack in another process, then pushed again unchanged. Beside it, in the same
 * run and into the same embedded server: the same documents written raw with the SDK, through
 * `executeBulkOperations` (the baseline) and through `items.bulk` requests of 100
 * operations, 4 in flight (the bulk path without the SDK's 1 s batching wait).
 *
 * Like with like (issue 17): the raw baselines write every document the push wrote — the rows
 * and their audit entries — and the embedded server runs in a process of its own, apart from
 * the host as from this client, as Cosmos DB is apart from an Azure host.
 */

export interface PushFigures {
  rows: number;
  push: Timing;
  requests: number;
  repush: Timing;
  repushRowsSent: number;
  repushRequests: number;
  rawExecute: Timing;
  rawBulk: Timing;
  /** Per run: raw executeBulkOperations ms / push ms (the push's rate as a share of the raw rate). */
  shareOfExecute: Timing;
  shareOfBulk: Timing;
}

const SILENT = { start() {}, tick() {}, done() {} };

export async function benchPush(rows: number, times: number, tmp: string): Promise<PushFigures> {
  await mkdir(tmp, { recursive: true });
  const source = await writeWelfareWorkbook(path.join(tmp, 'source'), rows);
  const push: number[] = [];
  const repush: number[] = [];
  const rawExecute: number[] = [];
  const rawBulk: number[] = [];
  let requests = 0;
  let repushRowsSent = 0;
  let repushRequests = 0;
  for (let run = 1; run <= times; run++) {
    // A fresh stack per run: every push starts from an empty ledger, as its baselines do.
    const stack = await startStackProcess({ storeApart: true });
    const client = cosmosClient(stack.cosmos, { key: 'embedded-cosmos-key-unused' });
    try {
      const file = path.join(tmp, `run${run}.xlsx`);
      await copyFile(source, file);
      const api = createApiClient({ baseUrl: stack.url, token: () => stack.tokens.admin! });
      // As `union-ledger push` runs it, with its record of unchanged files (a fresh one per run).
      const clean = cleanFiles(path.join(tmp, `run${run}-cache`));
      const pushOnce = (): Promise<PushReport> =>
        pushFiles([file], { api, consent: async () => true, progress: SILENT, cleanFiles: clean });

      const first = await timeAsync(pushOnce);
      const statuses = first.value.files[0]?.sheets[0]?.statuses ?? {};
      if (first.value.error || first.value.rowsSent !== rows || statuses.created !== rows)
        throw new Error(
          `push: ${first.value.error ?? ''} ${first.value.rowsSent} sent, ${JSON.stringify(statuses)}`,
        );
      push.push(first.ms);
      requests = first.value.requests;

      const again = await timeAsync(pushOnce);
      repush.push(again.ms);
      repushRowsSent = Math.max(repushRowsSent, again.value.rowsSent);
      repushRequests = Math.max(repushRequests, again.value.requests);

      // The same documents, as the store wrote them, into empty partitions of the same server:
      // the rows, then their audit entries.
      const container = client.database('union').container('rows');
      const audit = client.database('union').container('audit');
      const pk = `${stack.orgId}|welfare`;
      const stored = async (c: Container, query: string, key: string): Promise<JSONObject[]> =>
        (
          await c.items
            .query<JSONObject>({ query, parameters: [{ name: '@pk', value: key }] }, { partitionKey: key })
            .fetchAll()
        ).resources.map((d) => {
          const { _rid: _a, _self: _b, _etag: _c, _ts: _d, _attachments: _e, ...body } = d;
          return body;
        });
      const rowDocs = await stored(container, "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'row'", pk);
      const auditDocs = await stored(
        audit,
        "SELECT * FROM c WHERE c.orgId = @pk AND c.kind = 'welfare'",
        stack.orgId,
      );
      if (rowDocs.length !== rows || auditDocs.length !== rows)
        throw new Error(`raw: found ${rowDocs.length} rows and ${auditDocs.length} audit entries of ${rows}`);
      const docs = (to: string): { rows: OperationInput[]; audit: OperationInput[] } => ({
        rows: rowDocs.map((d) => ({
          operationType: 'Upsert',
          partitionKey: to,
          resourceBody: { ...d, pk: to },
        })),
        audit: auditDocs.map((d) => ({
          operationType: 'Upsert',
          partitionKey: to,
          resourceBody: { ...d, orgId: to },
        })),
      });
      const forExecute = docs(`${pk}-raw-execute`);
      const exec = await timeAsync(async () => [
        ...(await container.items.executeBulkOperations(forExecute.rows)),
        ...(await audit.items.executeBulkOperations(forExecute.audit)),
      ]);
      expectWritten(
        exec.value.map((r) => r.response?.statusCode),
        'executeBulkOperations',
      );
      rawExecute.push(exec.ms);
      const forBulk = docs(`${pk}-raw-bulk`);
      const bulk = await timeAsync(async () => [
        ...(await bulkRequests(container, forBulk.rows)),
        ...(await bulkRequests(audit, forBulk.audit)),
      ]);
      expectWritten(bulk.value, 'items.bulk');
      rawBulk.push(bulk.ms);
      log(
        `push run ${run}/${times}: push ${Math.round(first.ms)} ms, re-push ${Math.round(again.ms)} ms, ` +
          `raw executeBulkOperations ${Math.round(exec.ms)} ms, raw bulk ${Math.round(bulk.ms)} ms`,
      );
    } finally {
      client.dispose();
      await stack.close();
    }
  }
  await rm(tmp, { recursive: true, force: true });
  return {
    rows,
    push: spread(push),
    requests,
    repush: spread(repush),
    repushRowsSent,
    repushRequests,
    rawExecute: spread(rawExecute),
    rawBulk: spread(rawBulk),
    shareOfExecute: spread(push.map((p, i) => rawExecute[i]! / p)),
    shareOfBulk: spread(push.map((p, i) => rawBulk[i]! / p)),
  };
}

function expectWritten(statuses: readonly (number | undefined)[], what: string): void {
  const bad = statuses.filter((s) => s === undefined || s >= 300).length;
  if (bad > 0) throw new Error(`raw ${what}: ${bad} of ${statuses.length} operations failed`);
}

/** Bulk requests of 100 operations (Cosmos's limit per partition), 4 in flight, sent at once. */
async function bulkRequests(
  container: Container,
  ops: readonly OperationInput[],
): Promise<(number | undefined)[]> {
  const statuses: (number | undefined)[] = new Array(ops.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ops.length) {
      const start = next;
      next += 100;
      const answers = await container.items.bulk(ops.slice(start, start + 100));
      answers.forEach((a, j) => (statuses[start + j] = a.statusCode));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return statuses;
}

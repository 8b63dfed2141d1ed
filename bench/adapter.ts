import { SyncController } from '../addin/src/app/syncController.js';
import { FakeServer } from '../addin/src/app/testing/fakeServer.js';
import type { ExcelHost } from '../addin/src/excel/host.js';
import { OfficeSheet } from '../addin/src/excel/officeSheet.js';
import { OfficeWorkbook } from '../addin/src/excel/officeWorkbook.js';
import { createApiClient } from '../shared/api/client.js';
import { demoSettings } from '../shared/settings/index.js';
import { EXCEL_LIMIT_BYTES, FakeExcel, FakeSheet, jsonLength } from '../addin/src/excel/testing/fakeExcel.js';
import { firstPush } from '../addin/src/excel/testing/ledgerFixture.js';
import { WELFARE_HEADERS, welfareRow } from '../test/support/welfareWorkbook.js';

/**
 * Scenario 5 of issue 8: the Office.js adapter against the counting fake of
 * addin/src/excel/testing (office-addin-mock objects over a cell grid, with Excel's 5 MB
 * request and response limit). One push's worth of Excel work on a 慰问台账 of n rows: read the
 * used range, write the results back (ids, revisions, statuses, a mark on every tenth row),
 * hide the id columns — the calls the pane's sync controller makes. Counted: context.sync
 * calls and request bytes, against the least any adapter could do — one read and one write,
 * plus one more read per 5 MB of read response beyond the first and one more write per 5 MB of
 * request bytes beyond the first (EXCEL_LIMIT_BYTES, the fake's limit).
 *
 * The minimum is a lower bound, not a target the adapter can always reach: a read cannot know
 * its size before the first response (above 5 MB that response is refused, and the used
 * range's address takes one more sync before the pieces), the write's notes need the answers
 * of a read of the sheet's notes and fills, and hideColumns is a call of its own in the port.
 * The request bytes are the fake's count (each operation's payload + 150 bytes, loads free);
 * Office.js sends more per operation, so the write minimum errs low.
 *
 * The sheet has the bench workbook's columns but 备注 (9): the fake snapshots at most 500,000
 * cells per range, and 50,000 rows of all 15 慰问台账 columns would come back empty instead of
 * too large. Nine columns of 50,000 rows are still above 5 MB, so the chunked read is measured.
 */
export const ADAPTER_COLUMNS = WELFARE_HEADERS.length - 1;

export function adapterSheet(rows: number): FakeSheet {
  const values: unknown[][] = [['2023年慰问台账（基准测试）'], WELFARE_HEADERS.slice(0, ADAPTER_COLUMNS)];
  for (let i = 1; i <= rows; i++) values.push(welfareRow(i).slice(0, ADAPTER_COLUMNS));
  return new FakeSheet('慰问台账').load(values);
}
export interface AdapterFigures {
  rows: number;
  syncs: { read: number; write: number; hide: number; total: number };
  /** Every request of the run (read, write, hide), as the fake counts them. */
  requestBytes: number;
  /** The used range's values as JSON, empty cells as '': what the read's response carries. */
  responseBytes: number;
  /** read + write. */
  minimum: number;
  /** One read, plus one per 5 MB of response beyond the first. */
  minimumRead: number;
  /** One write, plus one per 5 MB of request bytes beyond the first. */
  minimumWrite: number;
  /** Syncs above the minimum. */
  overhead: number;
  ms: number;
}

export async function benchAdapter(sizes: readonly number[]): Promise<AdapterFigures[]> {
  const out: AdapterFigures[] = [];
  for (const rows of sizes) {
    const started = performance.now();
    const excel = new FakeExcel({ sheets: [adapterSheet(rows)] });
    const port = new OfficeSheet(excel.host, '慰问台账');
    const used = await port.readUsedRange();
    const read = excel.syncs;
    const wb = firstPush(used, rows);
    await port.write(wb.writes);
    const write = excel.syncs - read;
    await port.hideColumns(wb.hide);
    const hide = excel.syncs - read - write;
    if (excel.violations.length) throw new Error(`adapter: ${excel.violations.join('; ')}`);
    if (used.values.length !== rows + 2)
      throw new Error(`adapter: read ${used.values.length} of ${rows + 2} rows`);
    const requestBytes = excel.requests.reduce((n, r) => n + r.bytes, 0);
    const responseBytes = jsonLength(used.values.map((row) => row.map((v) => v ?? '')));
    const minimumRead = Math.max(1, Math.ceil(responseBytes / EXCEL_LIMIT_BYTES));
    const minimumWrite = Math.max(1, Math.ceil(requestBytes / EXCEL_LIMIT_BYTES));
    const minimum = minimumRead + minimumWrite;
    const total = excel.syncs;
    out.push({
      rows,
      syncs: { read, write, hide, total },
      requestBytes,
      responseBytes,
      minimum,
      minimumRead,
      minimumWrite,
      overhead: total - minimum,
      ms: performance.now() - started,
    });
  }
  return out;
}

export const CLICK_COLUMNS = 6;

/** One pane click's Excel round trips, counted apart: batches (Excel.run) and context.sync calls. */
export interface ClickFigures {
  rows: number;
  push: { runs: number; syncs: number };
  pull: { runs: number; syncs: number };
  /** The refresh after an operation: reuses what the operation left, reads nothing. */
  refreshRuns: number;
}

/**
 * Issue 13: the engine's push (同步: read, write-back with the state, pull) and a pull (拉取, one
 * row changed elsewhere) through the pane's controller over the Office.js adapter and the
 * counting fake, against the fake server. Target: ≤ 3 Excel.run each, whatever the rows.
 */
export async function benchClicks(sizes: readonly number[]): Promise<ClickFigures[]> {
  const out: ClickFigures[] = [];
  for (const rows of sizes) {
    // Six columns: with _id, _rev and 同步状态 added, 50,000 rows stay within the 500,000 cells
    // the fake returns from one range.
    const values: unknown[][] = [['2023年慰问台账（基准测试）'], WELFARE_HEADERS.slice(0, CLICK_COLUMNS)];
    for (let i = 1; i <= rows; i++) values.push(welfareRow(i).slice(0, CLICK_COLUMNS));
    const excel = new FakeExcel({ sheets: [new FakeSheet('慰问台账').load(values)] });
    let runs = 0;
    const host: ExcelHost = {
      run: (batch) => {
        runs++;
        return excel.host.run(batch);
      },
      isSetSupported: (name, version) => excel.host.isSetSupported(name, version),
    };
    const server = new FakeServer();
    const api = createApiClient({ baseUrl: 'http://fake.local/api', token: () => 't', fetch: server.fetch });
    let n = 0;
    const controller = new SyncController({
      workbook: new OfficeWorkbook(host),
      api,
      session: () => ({ userId: 'admin', name: 'admin', role: 'admin', settings: demoSettings }),
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
      today: () => '2023-12-31',
    });
    const count = async (f: () => Promise<unknown>): Promise<{ runs: number; syncs: number }> => {
      const [r, s] = [runs, excel.syncs];
      await f();
      return { runs: runs - r, syncs: excel.syncs - s };
    };
    const push = await count(() => controller.sync('慰问台账'));
    const refresh = await count(() => controller.inspect('慰问台账', null, { reuse: true }));
    const first = [...server.rows.keys()][0];
    if (first) server.change(first, { reason: '补发' });
    const pull = await count(() => controller.pull('慰问台账'));
    out.push({ rows, push, pull, refreshRuns: refresh.runs });
  }
  return out;
}

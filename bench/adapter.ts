import { OfficeSheet } from '../addin/src/excel/officeSheet.js';
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

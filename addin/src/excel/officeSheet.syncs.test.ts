import { describe, expect, it } from 'vitest';
import { OfficeSheet } from './officeSheet.js';
import { EXCEL_LIMIT_BYTES, FakeExcel } from './testing/fakeExcel.js';
import { firstPush, HEADER_ROW, rowId, welfareSheet } from './testing/ledgerFixture.js';

/**
 * The context.sync count of one push on a sheet above Excel's 5 MB limit (issue 8, scenario 5;
 * bench/adapter.ts measures the same calls): the limit adds pieces, never per-row syncs, and the
 * probe's reads ride in the write's first request. Pinned so that it cannot creep back up.
 */

describe('OfficeSheet: one push on 50,000 rows × 9 columns', () => {
  it('read 4 syncs, write 2, hide 1', async () => {
    const rows = 50_000;
    const excel = new FakeExcel({ sheets: [welfareSheet(rows, '慰问台账', 9)] });
    const port = new OfficeSheet(excel.host, '慰问台账');

    const used = await port.readUsedRange();
    expect(used.values).toHaveLength(rows + 2);
    expect(used.values[rows + 1]![1]).toBe(`2015${rows}`);
    // ~5.9 MB of values: the whole read is refused, the address comes alone, then two pieces.
    expect(port.lastRead).toEqual({ syncs: 4, chunked: true, mergesRead: true });
    expect(excel.syncs).toBe(4);

    const wb = firstPush(used, rows);
    await port.write(wb.writes);
    // Two requests under the budget: the first carries the probe's reads (fills of the cells to
    // un-mark, the sheet's notes) with the values, and its sync answers them for the second.
    expect(port.lastWrite).toMatchObject({ syncs: 2, chunks: 1, marks: 'notes', skippedNotes: 0 });
    expect(excel.syncs).toBe(6);
    // 10,000 marked cells (慰问日期 and 同步状态 of every tenth row): 100 RangeAreas fills.
    expect(excel.opCount('fill')).toBe(0);
    expect(excel.opCount('areas.fill')).toBe(100);
    expect(excel.opCount('notes.add')).toBe(rows / 10);

    await port.hideColumns(wb.hide);
    expect(excel.syncs).toBe(7);

    expect(excel.violations).toEqual([]);
    expect(excel.requests.every((r) => r.bytes < EXCEL_LIMIT_BYTES)).toBe(true);
    expect(excel.eventsEnabled).toBe(true);
    const s = excel.sheet('慰问台账');
    expect(s.value(HEADER_ROW + rows, wb.idCol)).toBe(rowId(rows));
    expect(s.cell(HEADER_ROW + rows, 1)?.fill).toBe('#FFC7CE');
    expect(s.cell(HEADER_ROW + rows - 1, 1)?.fill).toBeUndefined();
    expect(s.notes.size).toBe(rows / 10);
    expect([...s.hiddenColumns].sort((a, b) => a - b)).toEqual([wb.idCol, wb.revCol]);
  });
});

import { describe, expect, it } from 'vitest';
import { demoSettings } from '../../../shared/settings/index.js';
import { welfareSheet } from '../../../shared/sheet/testing.js';
import { annualSummary } from '../../../shared/summary/index.js';
import { figureDef } from '../../../shared/summary/catalogue.js';
import { locateRows, selectedFigure } from './figureSource.js';
import { OfficeWorkbook } from './officeWorkbook.js';
import { SUMMARY_SHEET, summaryLayout } from './summarySheet.js';
import { FakeExcel, FakeSheet } from './testing/fakeExcel.js';

/** Issue 16: on 汇总, the selected figure; in the officer's own sheets, its rows. */
describe('the rows behind a figure in the pane', () => {
  const summary = annualSummary({ rows: {}, settings: demoSettings, year: 2023 });

  it('knows which figure the selected row of 汇总 shows, and nothing elsewhere', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('慰问台账')] });
    const wb = new OfficeWorkbook(excel.host);
    await wb.writeSummarySheet(summary, []);
    const layout = summaryLayout(summary, []);
    // The figure's row in its part (not the headline block), a click on its value.
    const rows = layout.values.flatMap((r, i) => (r[0] === '慰问教职工' ? [i + 1] : []));
    excel.selection = { sheet: SUMMARY_SHEET, address: `B${rows.at(-1)}` };
    const run = <T>(f: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => excel.host.run(f);
    expect((await run(selectedFigure))?.key).toBe('welfare.personTimes');
    excel.selection = { sheet: SUMMARY_SHEET, address: 'A1' };
    expect(await run(selectedFigure)).toBeNull();
    excel.selection = { sheet: '慰问台账', address: `A${rows.at(-1)}` };
    expect(await run(selectedFigure)).toBeNull();
    expect(figureDef('welfare.personTimes')!.source!.ledger).toBe('welfare');
  });

  it("finds rows by their ids in the workbook's synced sheets of the ledger", async () => {
    const used = welfareSheet();
    const header = used.values.findIndex((r) => r.includes('*慰问日期'));
    const width = used.values[header]!.length;
    const values = used.values.map((r, i) =>
      i === header ? [...r, '_id'] : i > header && r.some((v) => v !== null) ? [...r, `row-${i + 1}`] : r,
    );
    const sheet = new FakeSheet('慰问台账').load(values);
    const excel = new FakeExcel({ sheets: [sheet, new FakeSheet('活动台账')] });
    const wb = new OfficeWorkbook(excel.host);
    await wb.writeState([{ sheet: '慰问台账', kind: 'welfare', hashes: {} }]);
    const found = await excel.host.run((ctx) => locateRows(ctx, 'welfare', ['row-5', 'row-404', 'row-7']));
    expect(found).toEqual(
      new Map([
        ['row-5', { sheet: '慰问台账', row: 5 }],
        ['row-7', { sheet: '慰问台账', row: 7 }],
      ]),
    );
    expect(sheet.value(5, width + 1)).toBe('row-5');
    // Another ledger's sheets are not searched.
    expect(await excel.host.run((ctx) => locateRows(ctx, 'activities', ['row-5']))).toEqual(new Map());
  });
});

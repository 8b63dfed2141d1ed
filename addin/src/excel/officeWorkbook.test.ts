import { describe, expect, it } from 'vitest';
import { FILL_COLOURS as CLI_FILL_COLOURS } from '../../../cli/src/xlsx/exceljsSheet.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import type { SheetState } from '../../../shared/sheet/port.js';
import { STATE_SHEET } from '../../../shared/sheet/state.js';
import { FILL_COLOURS } from './fills.js';
import { OfficeWorkbook } from './officeWorkbook.js';
import { TEMPLATE_ROWS } from './template.js';
import { FakeExcel, FakeSheet } from './testing/fakeExcel.js';

const states: SheetState[] = [
  {
    sheet: '慰问台账',
    kind: 'welfare',
    since: 'tok-17',
    hashes: { 'row-0001-aaaa': 'h1', 'row-0002-bbbb': 'h2' },
  },
  { sheet: '=会员名册', kind: 'members', bindings: { staffNo: 3 }, hashes: {} },
];

describe('the state sheet _union_ledger', () => {
  it('round trip: very hidden, written as text, read back equal', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('慰问台账')] });
    const wb = new OfficeWorkbook(excel.host);
    expect(await wb.readState()).toEqual([]);
    expect(excel.syncs).toBe(1); // no state sheet: one look

    await wb.writeState(states);
    const sheet = excel.sheet(STATE_SHEET);
    expect(sheet.visibility).toBe('VeryHidden');
    expect(sheet.value(1, 1)).toBe('sheet');
    expect(sheet.value(3, 1)).toBe('=会员名册'); // text, not a formula
    expect(sheet.cell(3, 1)?.format).toBe('@');

    const before = excel.syncs;
    const fresh = new OfficeWorkbook(excel.host);
    expect(await fresh.readState()).toEqual(states);
    expect(excel.syncs - before).toBe(2);
    expect(fresh.stateDamaged).toBe(false);
    expect(await fresh.sheetNames()).toEqual(['慰问台账']);
  });

  it('rewriting replaces the old rows; a large state is split across requests', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('慰问台账')] });
    const wb = new OfficeWorkbook(excel.host);
    await wb.writeState(states);
    const hashes: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++)
      hashes[`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`] = `sha-${i}`;
    const big: SheetState[] = [{ sheet: '慰问台账', kind: 'welfare', hashes }];
    const before = excel.syncs;
    await wb.writeState(big);
    expect(excel.syncs - before).toBeGreaterThan(2); // probe + write + chunks
    expect(excel.requests.every((r) => r.bytes < 5 * 1024 * 1024)).toBe(true);
    expect(await wb.readState()).toEqual(big);
    expect(excel.sheet(STATE_SHEET).value(3, 1)).toBeNull();
  });
});

describe('insertTemplate', () => {
  it('adds the ledger sheet with headers, lists, formats and a frozen header, in two syncs', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('慰问台账')] });
    const wb = new OfficeWorkbook(excel.host);
    const name = await wb.insertTemplate('welfare', { units: ['机电学院工会', '文学院工会'] });
    expect(name).toBe('慰问台账 (2)');
    expect(excel.syncs).toBe(2);
    const s = excel.sheet(name);
    const headers = ledgers.welfare.headers;
    expect(headers.map((_, i) => s.value(1, i + 1))).toEqual([...headers]);
    expect(s.frozenRows).toBe(1);
    expect(excel.activeSheet).toBe(name);
    const col = (header: string) => String.fromCharCode(65 + headers.indexOf(header));
    const dv = (header: string) => s.validations.get(`${col(header)}2:${col(header)}${TEMPLATE_ROWS + 1}`);
    expect(dv('慰问类别')?.rule).toEqual({
      list: { inCellDropDown: true, source: ledgers.welfare.fields.type!.options!.join(',') },
    });
    expect(dv('所属工会')?.rule).toEqual({
      list: { inCellDropDown: true, source: '机电学院工会,文学院工会' },
    });
    expect(s.cell(2, headers.indexOf('工号') + 1)?.format).toBe('@');
    expect(s.cell(TEMPLATE_ROWS + 1, headers.indexOf('慰问日期') + 1)?.format).toBe('yyyy-mm-dd');
    const amount = Object.values(ledgers.welfare.fields).findIndex((f) => f.type === 'amount');
    expect(s.cell(2, amount + 1)?.format).toBe('#,##0.00');
    expect(excel.violations).toEqual([]);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('A'), new FakeSheet('慰问台账')] });
    await new OfficeWorkbook(excel.host).selectCell('慰问台账', 12, 28);
    expect(excel.syncs).toBe(1);
    expect(excel.activeSheet).toBe('慰问台账');
    expect(excel.selection).toEqual({ sheet: '慰问台账', address: 'AB12' });
  });
});

describe('fill colours', () => {
  it('are the exceljs adapter’s, so either adapter clears the other’s marks', () => {
    for (const [k, argb] of Object.entries(CLI_FILL_COLOURS))
      expect(FILL_COLOURS[k as keyof typeof FILL_COLOURS]).toBe(`#${argb.slice(2)}`);
  });
});

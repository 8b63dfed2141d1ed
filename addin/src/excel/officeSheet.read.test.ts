import { describe, expect, it } from 'vitest';
import { OfficeSheet } from './officeSheet.js';
import { FakeExcel, FakeSheet } from './testing/fakeExcel.js';
import { welfareSheet } from './testing/ledgerFixture.js';

/** readUsedRange through office-addin-mock objects (see testing/fakeExcel.ts for what is faked). */

describe('OfficeSheet.readUsedRange', () => {
  it('reads values, origin and merges in one sync; empty cells are null', async () => {
    const sheet = new FakeSheet('台账').load(
      [
        ['2023年慰问台账', null, null],
        ['慰问日期', '工号', '姓名'],
        [45000, '20150032', null],
      ],
      3,
      2,
    );
    sheet.merges = [{ top: 3, left: 2, bottom: 3, right: 4 }];
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, '台账');
    const used = await port.readUsedRange();
    expect(excel.syncs).toBe(1);
    expect(used.top).toBe(3);
    expect(used.left).toBe(2);
    expect(used.values).toEqual([
      ['2023年慰问台账', null, null],
      ['慰问日期', '工号', '姓名'],
      [45000, '20150032', null],
    ]);
    expect(used.merges).toEqual([{ top: 3, left: 2, bottom: 3, right: 4 }]);
    expect(port.lastRead).toEqual({ syncs: 1, chunked: false, mergesRead: true });
  });

  it('an empty sheet reads as A1 holding nothing', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('空表')] });
    const used = await new OfficeSheet(excel.host, '空表').readUsedRange();
    expect(used).toEqual({ top: 1, left: 1, values: [[null]], merges: [] });
    expect(excel.syncs).toBe(1);
  });

  it.each([10, 1_000, 10_000])('%i rows: one sync', async (rows) => {
    const excel = new FakeExcel({ sheets: [welfareSheet(rows)] });
    const used = await new OfficeSheet(excel.host, '慰问台账').readUsedRange();
    expect(used.values).toHaveLength(rows + 2);
    expect(excel.syncs).toBe(1);
  });

  it('more than 512 merged areas: read again without them (two syncs, reported)', async () => {
    const sheet = welfareSheet(600);
    sheet.merges = Array.from({ length: 600 }, (_, i) => ({
      top: i + 3,
      left: 20,
      bottom: i + 3,
      right: 21,
    }));
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, '慰问台账');
    const used = await port.readUsedRange();
    expect(used.merges).toEqual([]);
    expect(used.values).toHaveLength(602);
    expect(port.lastRead).toEqual({ syncs: 2, chunked: false, mergesRead: false });
  });

  it('a used range above the 5 MB response limit is read in row chunks', async () => {
    const long = '工会会员慰问记录'.repeat(25); // 200 characters, 600 bytes
    const sheet = new FakeSheet('大表').load(Array.from({ length: 10_000 }, (_, i) => [i + 1, long]));
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, '大表');
    const used = await port.readUsedRange();
    expect(used.values).toHaveLength(10_000);
    expect(used.values[9_999]).toEqual([10_000, long]);
    // 1 refused, 1 for the address, then halves of ~3 MB each.
    expect(port.lastRead).toMatchObject({ chunked: true, mergesRead: true });
    expect(excel.syncs).toBe(port.lastRead!.syncs);
    expect(excel.syncs).toBe(4);
  });

  it('after the first piece, the pieces are sized by the bytes per row read so far', async () => {
    const long = '工会会员慰问记录'.repeat(25);
    const sheet = new FakeSheet('大表').load(Array.from({ length: 20_000 }, (_, i) => [i + 1, long]));
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, '大表');
    const used = await port.readUsedRange();
    expect(used.values).toHaveLength(20_000);
    expect(used.values[19_999]).toEqual([20_000, long]);
    // ~12 MB: refused whole; the address; the first half refused too, read as two quarters;
    // the second half in two pieces of at most READ_PIECE_BYTES (halving alone took 8).
    expect(port.lastRead).toMatchObject({ syncs: 7, chunked: true });
    expect(excel.syncs).toBe(7);
  });
});

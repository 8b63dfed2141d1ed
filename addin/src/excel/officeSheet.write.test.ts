import { describe, expect, it } from 'vitest';
import { COMMENT_PREFIX } from './marks.js';
import { OfficeSheet } from './officeSheet.js';
import { FakeError, FakeExcel, FakeSheet, EXCEL_LIMIT_BYTES } from './testing/fakeExcel.js';
import { firstPush, HEADER_ROW, rowId, secondPush, welfareSheet } from './testing/ledgerFixture.js';

/**
 * The write batch, through office-addin-mock objects over the fake grid of testing/fakeExcel.ts.
 * The sync counts are the point: constant in the row count, plus one per 4 MB of payload.
 */

async function pushTwice(rows: number) {
  const excel = new FakeExcel({ sheets: [welfareSheet(rows)] });
  const port = new OfficeSheet(excel.host, '慰问台账');
  const used = await port.readUsedRange();
  const read = excel.syncs;

  const first = firstPush(used, rows);
  let before = excel.syncs;
  await port.write(first.writes);
  const firstSyncs = excel.syncs - before;
  const firstReport = port.lastWrite!;

  before = excel.syncs;
  await port.hideColumns(first.hide);
  const hideSyncs = excel.syncs - before;

  const again = await port.readUsedRange();
  const second = secondPush(again, rows);
  before = excel.syncs;
  await port.write(second.writes);
  const secondSyncs = excel.syncs - before;
  return { excel, first, second, read, firstSyncs, firstReport, hideSyncs, secondSyncs, port };
}

describe('OfficeSheet.write: syncs do not grow with rows', () => {
  const counts = new Map<number, Awaited<ReturnType<typeof pushTwice>>>();
  for (const rows of [10, 1_000, 10_000])
    it(`${rows} rows`, async () => {
      const run = await pushTwice(rows);
      counts.set(rows, run);
      expect(run.read).toBe(1);
      // First push: the probe's reads (fills of the cells to un-mark, the sheet's notes) with
      // the values and fills, then the notes, which need the answers.
      expect(run.firstSyncs).toBe(2);
      expect(run.firstReport).toMatchObject({ syncs: 2, chunks: 0, marks: 'notes', skippedNotes: 0 });
      expect(run.hideSyncs).toBe(1);
      // Second push clears the marks: + 1 probe (cell fills of mixed columns, note locations).
      expect(run.secondSyncs).toBe(3);
      expect(run.excel.violations).toEqual([]);
      expect(run.excel.requests.every((r) => r.bytes < EXCEL_LIMIT_BYTES)).toBe(true);
    });

  it('writes ids, revisions and statuses as text, one range for the three columns', async () => {
    const { excel, first } = counts.get(10_000) ?? (await pushTwice(10_000));
    const s = excel.sheet('慰问台账');
    expect([
      s.value(HEADER_ROW, first.idCol),
      s.value(HEADER_ROW, first.revCol),
      s.value(HEADER_ROW, first.statusCol),
    ]).toEqual(['_id', '_rev', '同步状态']);
    expect(s.value(HEADER_ROW + 1, first.idCol)).toBe(rowId(1));
    expect(s.cell(HEADER_ROW + 1, first.idCol)?.format).toBe('@');
    expect(s.value(HEADER_ROW + 10_000, first.revCol)).toBe('"rev2-10000"');
    expect(s.value(HEADER_ROW + 9_999, first.statusCol)).toBe('已更新');
    expect([...s.hiddenColumns].sort()).toEqual([first.idCol, first.revCol].sort());
    // The first push's values: ids, revisions and statuses in one rectangle, cut in bands of
    // at most 1 MB at this size (requests[0] is the read, [1] the probe's reads with the values
    // and fills, [2] the notes).
    expect(excel.requests[1]!.kinds.values).toBeLessThanOrEqual(3);
    const small = counts.get(1_000) ?? (await pushTwice(1_000));
    expect(small.excel.requests[1]!.kinds.values).toBe(1);
  });

  it('marks invalid cells with a fill and a note, and the second push clears exactly those', async () => {
    const rows = 1_000;
    const excel = new FakeExcel({ sheets: [welfareSheet(rows)] });
    const port = new OfficeSheet(excel.host, '慰问台账');
    const used = await port.readUsedRange();
    const first = firstPush(used, rows);
    await port.write(first.writes);
    const s = excel.sheet('慰问台账');
    const dateCol = 1; // 慰问日期 is the ledger's first column
    expect(s.cell(HEADER_ROW + 10, dateCol)?.fill).toBe('#FFC7CE');
    expect(s.notes.get(`A${HEADER_ROW + 10}`)).toContain('慰问日期');
    expect(s.cell(HEADER_ROW + 10, first.statusCol)?.fill).toBe('#FFC7CE');
    expect(s.cell(HEADER_ROW + 11, dateCol)?.fill).toBeUndefined();
    expect(s.notes.size).toBe(rows / 10);
    // An officer's own fill on a cell we un-mark is kept, and so is their note on a cell
    // without our fill (as in the exceljs adapter: a note is ours where the cell wears our fill).
    s.setFill({ top: HEADER_ROW + 11, bottom: HEADER_ROW + 11, left: 2, right: 2 }, '#00B050');
    s.notes.set(`C${HEADER_ROW + 12}`, '这一行已电话核实');

    await port.write(secondPush(await port.readUsedRange(), rows).writes);
    expect([...s.notes]).toEqual([[`C${HEADER_ROW + 12}`, '这一行已电话核实']]);
    expect(s.cell(HEADER_ROW + 10, dateCol)?.fill).toBeUndefined();
    expect(s.cell(HEADER_ROW + 11, 2)?.fill).toBe('#00B050');
  });
});

describe('OfficeSheet.write: the probe rides with the writes', () => {
  it('a push that clears no mark of ours costs one sync: the probe reads go with the values', async () => {
    const rows = 1_000;
    const sheet = welfareSheet(rows);
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, '慰问台账');
    const used = await port.readUsedRange();
    let before = excel.syncs;
    await port.write(secondPush(used, rows).writes);
    expect(excel.syncs - before).toBe(1);
    expect(port.lastWrite).toMatchObject({ syncs: 1, chunks: 0 });
    expect(excel.requests[before]!.kinds).toMatchObject({ values: 1, enableEvents: 2 });

    // An officer's own fill in a column: the column is mixed, its cells are read one by one
    // (a second sync), and the fill, not ours, stays.
    sheet.setFill({ top: HEADER_ROW + 5, bottom: HEADER_ROW + 5, left: 2, right: 2 }, '#00B050');
    before = excel.syncs;
    await port.write(secondPush(used, rows).writes);
    expect(excel.syncs - before).toBe(2);
    expect(excel.opCount('areas.fill.clear')).toBe(0);
    expect(sheet.cell(HEADER_ROW + 5, 2)?.fill).toBe('#00B050');
    expect(excel.violations).toEqual([]);
    expect(excel.eventsEnabled).toBe(true);
  });

  it('marks many cells with a few RangeAreas, and clears them the same way', async () => {
    const rows = 1_000;
    const excel = new FakeExcel({ sheets: [welfareSheet(rows)] });
    const port = new OfficeSheet(excel.host, '慰问台账');
    const first = firstPush(await port.readUsedRange(), rows);
    await port.write(first.writes);
    // 100 invalid rows, two marked cells each (慰问日期 and 同步状态): 200 areas, 2 operations.
    expect(excel.opCount('areas.fill')).toBe(2);
    expect(excel.opCount('fill')).toBe(0);
    const s = excel.sheet('慰问台账');
    expect(s.cell(HEADER_ROW + 10, first.statusCol)?.fill).toBe('#FFC7CE');

    await port.write(secondPush(await port.readUsedRange(), rows).writes);
    expect(excel.opCount('areas.fill.clear')).toBe(2);
    expect(excel.opCount('fill.clear')).toBe(0);
    expect(s.cell(HEADER_ROW + 10, 1)?.fill).toBeUndefined();
    expect(s.cell(HEADER_ROW + 10, first.statusCol)?.fill).toBeUndefined();
    expect(excel.violations).toEqual([]);
  });

  it('the probe sees the fills as they were: a new mark does not make an officer’s note ours', async () => {
    const sheet = new FakeSheet('S').load([['同步状态'], ['有错误'], ['有错误'], ['已新增']]);
    // A2: our mark from the last push. A3: unmarked, with an officer's note.
    sheet.setFill({ top: 2, bottom: 2, left: 1, right: 1 }, '#FFC7CE');
    sheet.notes.set('A2', '「慰问日期」不是有效日期');
    sheet.notes.set('A3', '已电话核实');
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, 'S');
    // Both rows invalid now, with no message on this cell: A2 keeps a mark, A3 gets one; the
    // column is mixed before the write, so its cells are read one by one.
    await port.write([
      { row: 2, col: 1, note: null, fill: 'error' },
      { row: 3, col: 1, note: null, fill: 'error' },
      { row: 4, col: 1, note: null, fill: 'none' },
    ]);
    expect([...sheet.notes]).toEqual([['A3', '已电话核实']]);
    expect([2, 3, 4].map((r) => sheet.cell(r, 1)?.fill)).toEqual(['#FFC7CE', '#FFC7CE', undefined]);
    expect(excel.violations).toEqual([]);
  });

  it('events stay off in every request that writes, also after the probe’s sync', async () => {
    const sheet = new FakeSheet('S').load([['慰问日期'], [1], [2]]);
    sheet.notes.set('A3', '别人的批注');
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, 'S');
    await port.write([
      { row: 2, col: 1, value: 5, note: '「慰问日期」不是有效日期', fill: 'error' },
      { row: 3, col: 1, note: null, fill: 'none' },
    ]);
    // Reads and the fill; the note locations; the new note (which needed both answers).
    expect(port.lastWrite).toMatchObject({ syncs: 3, chunks: 0 });
    expect(excel.violations).toEqual([]);
    expect(excel.eventsEnabled).toBe(true);
    expect([...sheet.notes]).toEqual([
      ['A3', '别人的批注'],
      ['A2', '「慰问日期」不是有效日期'],
    ]);
  });
});

describe('OfficeSheet.write: values never become formulas or numbers', () => {
  it('strings are text (format @ set before the value); numbers stay numbers; null clears', async () => {
    const sheet = new FakeSheet('S').load([['x', 'old']]);
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, 'S');
    await port.write([
      { row: 2, col: 1, value: '=cmd|"/c calc"!A1' },
      { row: 3, col: 1, value: '00123' },
      { row: 4, col: 1, value: '+86 13800000000' },
      { row: 5, col: 1, value: '-5' },
      { row: 6, col: 1, value: '@SUM(1)' },
      { row: 7, col: 1, value: 5 },
      { row: 1, col: 2, value: null },
    ]);
    const col = (r: number) => sheet.cell(r, 1);
    expect([2, 3, 4, 5, 6].map((r) => col(r)?.value)).toEqual([
      '=cmd|"/c calc"!A1',
      '00123',
      '+86 13800000000',
      '-5',
      '@SUM(1)',
    ]);
    expect([2, 3, 4, 5, 6].every((r) => col(r)?.formula === undefined)).toBe(true);
    expect(col(7)?.value).toBe(5);
    expect(col(7)?.format).toBeUndefined();
    expect(sheet.value(1, 2)).toBeNull();
    expect(excel.syncs).toBe(1); // nothing to probe: one write
  });
});

describe('OfficeSheet.write: notes', () => {
  it('a message already on its cell is not sent again', async () => {
    const sheet = new FakeSheet('S').load([['慰问日期'], [1]]);
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, 'S');
    const mark = { row: 2, col: 1, note: '「慰问日期」不是有效日期', fill: 'error' as const };
    await port.write([mark]);
    await port.write([mark]);
    expect(excel.opCount('notes.add')).toBe(1);
    expect(excel.opCount('notes.content')).toBe(0);
    expect(sheet.notes.get('A2')).toBe(mark.note);
  });
});

describe('OfficeSheet.write: where notes are missing', () => {
  const writes = [
    { row: 2, col: 1, note: '「慰问日期」不是有效日期', fill: 'error' as const },
    { row: 3, col: 1, note: '「工号」格式不正确', fill: 'error' as const },
    { row: 4, col: 1, note: null, fill: 'none' as const },
  ];

  it('ExcelApi 1.10–1.17: threaded comments with our prefix; an officer’s comment is left alone', async () => {
    const sheet = new FakeSheet('S').load([['慰问日期'], [1], [2], [3]]);
    sheet.comments.set('A3', '请核实这一行'); // an officer's discussion
    sheet.comments.set('A4', `${COMMENT_PREFIX}旧的错误`); // ours, from an earlier push
    const excel = new FakeExcel({ sheets: [sheet], api: '1.13' });
    const port = new OfficeSheet(excel.host, 'S');
    await port.write(writes);
    expect(port.lastWrite).toMatchObject({ marks: 'comments', skippedNotes: 1, syncs: 3 });
    expect(sheet.comments.get('A2')).toBe(`${COMMENT_PREFIX}「慰问日期」不是有效日期`);
    expect(sheet.comments.get('A3')).toBe('请核实这一行');
    expect(sheet.comments.has('A4')).toBe(false);
    expect(sheet.notes.size).toBe(0);
    expect(sheet.cell(2, 1)?.fill).toBe('#FFC7CE');
  });

  it('below ExcelApi 1.10: fills only, and the skipped messages are reported', async () => {
    const sheet = new FakeSheet('S').load([['慰问日期'], [1], [2], [3]]);
    const excel = new FakeExcel({ sheets: [sheet], api: '1.9' });
    const port = new OfficeSheet(excel.host, 'S');
    await port.write(writes);
    expect(port.lastWrite).toMatchObject({ marks: 'fills-only', skippedNotes: 2 });
    expect(sheet.notes.size + sheet.comments.size).toBe(0);
    expect(sheet.cell(3, 1)?.fill).toBe('#FFC7CE');
    expect(excel.opCount('notes.add') + excel.opCount('comments.add')).toBe(0);
  });
});

describe('OfficeSheet.write: events and failures', () => {
  it('switches events off for the write and on again in the same request', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('S')] });
    await new OfficeSheet(excel.host, 'S').write([{ row: 1, col: 1, value: 'a' }]);
    expect(excel.requests).toHaveLength(1);
    expect(excel.requests[0]!.kinds).toMatchObject({
      enableEvents: 2,
      suspendCalc: 1,
      suspendScreen: 1,
      values: 1,
    });
    expect(excel.eventsEnabled).toBe(true);
  });

  it('events are switched on again when the write fails, and the error goes on', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('S')] });
    excel.failOn = (op) => (op.kind === 'values' ? new FakeError('InvalidArgument', 'refused') : null);
    const port = new OfficeSheet(excel.host, 'S');
    await expect(port.write([{ row: 1, col: 1, value: 'a' }])).rejects.toThrow('refused');
    expect(excel.eventsEnabled).toBe(true);
    expect(excel.syncs).toBe(2); // the failed write, then the one that restores events
  });
});

describe('OfficeSheet.write: the 5 MB limit', () => {
  it('the fake refuses one request above 5 MB, as Excel on the web does', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('S')] });
    const ctx = excel.context as unknown as Excel.RequestContext;
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.getRange('A1:A20000').values = Array.from({ length: 20_000 }, () => ['工'.repeat(100)]);
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });

  it('a huge write is split into requests under the budget: extra syncs only for the chunks', async () => {
    const rows = 10_000;
    const long = '工会会员慰问记录'.repeat(20); // 160 characters: 480 bytes, estimated 960
    const excel = new FakeExcel({ sheets: [new FakeSheet('S')] });
    const port = new OfficeSheet(excel.host, 'S');
    const writes = [];
    for (let r = 1; r <= rows; r++)
      for (let c = 1; c <= 3; c++) writes.push({ row: r, col: c, value: `${long}${r}` });
    await port.write(writes);
    const report = port.lastWrite!;
    // ~14.4 MB of values, estimated ~29 MB: 1 write request + chunks, no probes.
    expect(report.chunks).toBeGreaterThanOrEqual(7);
    expect(report.syncs).toBe(1 + report.chunks);
    expect(excel.syncs).toBe(report.syncs);
    expect(excel.requests.every((r) => r.bytes < EXCEL_LIMIT_BYTES)).toBe(true);
    expect(excel.violations).toEqual([]); // calculation suspended in every request, events off throughout
    expect(excel.sheet('S').value(rows, 3)).toBe(`${long}${rows}`);
    expect(excel.eventsEnabled).toBe(true);
  });
});

describe('OfficeSheet.deleteRows and hideColumns', () => {
  it('deletes runs of rows bottom-up in one sync', async () => {
    const sheet = new FakeSheet('S').load(Array.from({ length: 10 }, (_, i) => [`r${i + 1}`]));
    const excel = new FakeExcel({ sheets: [sheet] });
    await new OfficeSheet(excel.host, 'S').deleteRows([3, 4, 8, 10, 4]);
    expect(excel.syncs).toBe(1);
    expect(Array.from({ length: 6 }, (_, i) => sheet.value(i + 1, 1))).toEqual([
      'r1',
      'r2',
      'r5',
      'r6',
      'r7',
      'r9',
    ]);
    expect(sheet.value(7, 1)).toBeNull();
  });

  it('inserts blank rows above a footer, formatted like the data row above, in one sync', async () => {
    const sheet = new FakeSheet('S').load([['工号'], ['20150001'], ['20150002'], ['合计']]);
    sheet.setFormat({ top: 3, bottom: 3, left: 1, right: 1 }, '@');
    const excel = new FakeExcel({ sheets: [sheet] });
    const port = new OfficeSheet(excel.host, 'S');
    await port.insertRows(4, 2, 3);
    expect(excel.syncs).toBe(1);
    expect([1, 2, 3, 4, 5, 6].map((r) => sheet.value(r, 1))).toEqual([
      '工号',
      '20150001',
      '20150002',
      null,
      null,
      '合计',
    ]);
    expect([sheet.cell(4, 1)?.format, sheet.cell(5, 1)?.format]).toEqual(['@', '@']);
  });

  it('hides columns in one sync', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('S')] });
    await new OfficeSheet(excel.host, 'S').hideColumns([14, 15, 20]);
    expect(excel.syncs).toBe(1);
    expect([...excel.sheet('S').hiddenColumns].sort((a, b) => a - b)).toEqual([14, 15, 20]);
    expect(excel.opCount('columnHidden')).toBe(2);
  });
});

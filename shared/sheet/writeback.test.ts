import { describe, expect, it } from 'vitest';
import { error, warning } from '../ledgers/issue.js';
import { detectLayout } from './detect.js';
import type { CellWrite } from './port.js';
import { MemorySheet, usedRange, welfareSheet } from './testing.js';
import { planWriteback, STATUS_LABELS, type RowWriteResult } from './writeback.js';

const ID1 = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';

const at = (writes: readonly CellWrite[], row: number, col: number) =>
  writes.filter((w) => w.row === row && w.col === col);

describe('planWriteback on a sheet never pushed', () => {
  const used = welfareSheet(); // A..M, header row 3
  const layout = detectLayout(used, { sheetName: '慰问' });
  const results: RowWriteResult[] = [
    { sheetRow: 4, rowId: ID1, rev: '"0a00"', status: 'created', issues: [] },
    {
      sheetRow: 5,
      rowId: ID2,
      rev: null,
      status: 'invalid',
      issues: [
        error('amount', 'welfare.overCap', '「生病住院慰问」单次金额不得超过500元'),
        warning('amount', 'x', '第二条'),
        warning('date', 'date.future', '「慰问日期」晚于今天，请核实'),
        error(null, 'row.schema', '数据格式不正确，请检查本行各列'),
        error(
          'staffNo',
          'welfare.duplicate',
          '重复登记：李四（20160018）在2023-03-15已登记「生病住院慰问」',
          4,
        ),
      ],
    },
  ];
  const wb = planWriteback(used, layout, results);

  it('allocates _id, _rev and 同步状态 right of the used range, with headers, and hides the first two', () => {
    expect([wb.idCol, wb.revCol, wb.statusCol]).toEqual([14, 15, 16]);
    expect(wb.hide).toEqual([14, 15]);
    expect(wb.writes.filter((w) => w.row === 3)).toEqual([
      { row: 3, col: 14, value: '_id' },
      { row: 3, col: 15, value: '_rev' },
      { row: 3, col: 16, value: '同步状态' },
    ]);
  });

  it('writes the id, the revision of a stored row, and the status', () => {
    expect(at(wb.writes, 4, 14)).toEqual([{ row: 4, col: 14, value: ID1 }]);
    expect(at(wb.writes, 4, 15)).toEqual([{ row: 4, col: 15, value: '"0a00"' }]);
    expect(at(wb.writes, 4, 16)).toEqual([{ row: 4, col: 16, value: '已新增', note: null, fill: 'none' }]);
    // An invalid row keeps its id (a later create is idempotent) but gets no revision.
    expect(at(wb.writes, 5, 14)).toEqual([{ row: 5, col: 14, value: ID2 }]);
    expect(at(wb.writes, 5, 15)).toEqual([]);
  });

  it('marks the cells of issues, all messages of a cell in one note', () => {
    expect(at(wb.writes, 5, 9)).toEqual([
      { row: 5, col: 9, note: '「生病住院慰问」单次金额不得超过500元\n第二条', fill: 'error' },
    ]);
    expect(at(wb.writes, 5, 2)).toEqual([
      { row: 5, col: 2, note: '「慰问日期」晚于今天，请核实', fill: 'warning' },
    ]);
    expect(at(wb.writes, 5, 3)).toEqual([
      {
        row: 5,
        col: 3,
        note: '重复登记：李四（20160018）在2023-03-15已登记「生病住院慰问」（与第4行重复）',
        fill: 'error',
      },
    ]);
  });

  it('puts row issues on the status cell', () => {
    expect(at(wb.writes, 5, 16)).toEqual([
      { row: 5, col: 16, value: '有错误', note: '数据格式不正确，请检查本行各列', fill: 'error' },
    ]);
  });

  it('clears our notes and fills on the clean bound cells, and never touches other columns', () => {
    expect(at(wb.writes, 4, 2)).toEqual([{ row: 4, col: 2, note: null, fill: 'none' }]);
    expect(at(wb.writes, 5, 4)).toEqual([{ row: 5, col: 4, note: null, fill: 'none' }]);
    for (const col of [1, 12]) expect(wb.writes.filter((w) => w.col === col)).toEqual([]);
    expect(wb.writes.filter((w) => w.row === 7 || w.row === 8)).toEqual([]);
  });
});

describe('planWriteback on a sheet pushed before', () => {
  const sheet = new MemorySheet(
    usedRange([
      ['慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额', '_id', '_rev', '同步状态', '联系电话'],
      ['2023-05-01', 'A001', '张三', '生日慰问', '蛋糕券', 200, ID1, '"1"', '已新增', '138'],
      [null, null, null, null, null, null, ID2, '"2"', '已新增', null],
      ['2023-05-02', 'A002', '李四', '生日慰问', '蛋糕券', 900, null, null, null, null],
      ['2023-05-03', 'A003', '王芳', '生日慰问', '蛋糕券', 200, null, null, null, null],
    ]),
  );
  const used = sheet.read();
  const layout = detectLayout(used, { sheetName: '慰问' });

  it('reuses the existing columns', () => {
    const wb = planWriteback(used, layout, []);
    expect([wb.idCol, wb.revCol, wb.statusCol]).toEqual([7, 8, 9]);
    expect(wb.writes).toEqual([]);
  });

  it('applies conflicts, deletions, warnings, forbidden rows and failures', () => {
    const R = '"3"';
    const wb = planWriteback(used, layout, [
      { sheetRow: 2, rowId: ID1, status: 'conflict', issues: [error(null, 'conflict', '该行已被他人修改')] },
      { sheetRow: 3, rowId: ID2, rev: '"9"', status: 'deleted', issues: [] },
      {
        sheetRow: 4,
        rowId: '00000000-0000-4000-8000-000000000003',
        rev: R,
        status: 'updated',
        issues: [warning('amount', 'w', '金额较大'), warning('unit', 'x', '「所属工会」已按名册补全')],
      },
      { sheetRow: 5, rowId: '00000000-0000-4000-8000-000000000004', status: 'error', issues: [] },
      { sheetRow: null, rowId: '00000000-0000-4000-8000-000000000005', status: 'deleted', issues: [] },
    ]);
    sheet.write(wb.writes);
    // Conflict: the revision stays the base one until the officer resolves it.
    expect([sheet.cell(2, 7), sheet.cell(2, 8), sheet.cell(2, 9)]).toEqual([ID1, '"1"', '冲突']);
    expect(sheet.fills.get('2,9')).toBe('conflict');
    expect(sheet.notes.get('2,9')).toBe('该行已被他人修改');
    // Deleted: the hidden cells are emptied, so the blank row is an ordinary blank row again.
    expect([sheet.cell(3, 7), sheet.cell(3, 8), sheet.cell(3, 9)]).toEqual([null, null, '已删除']);
    // Warnings: lighter fill; an issue on a field without a column goes on the status cell.
    expect([sheet.cell(4, 8), sheet.cell(4, 9)]).toEqual([R, '已更新']);
    expect([sheet.fills.get('4,6'), sheet.notes.get('4,6')]).toEqual(['warning', '金额较大']);
    expect([sheet.fills.get('4,9'), sheet.notes.get('4,9')]).toEqual(['warning', '「所属工会」已按名册补全']);
    // A failed request: status only, the cells keep their marks.
    expect(sheet.cell(5, 9)).toBe('失败');
    expect(wb.writes.filter((w) => w.row === 5 && w.col <= 6)).toEqual([]);
    // The unknown column is never written.
    expect(wb.writes.filter((w) => w.col === 10)).toEqual([]);
  });

  it('marks every issue cell of a forbidden row as an error', () => {
    const wb = planWriteback(used, layout, [
      {
        sheetRow: 2,
        rowId: ID1,
        status: 'forbidden',
        issues: [warning('unit', 'f', '无权维护「文新学院工会」的数据'), warning('amount', 'w', '金额较大')],
      },
    ]);
    expect(at(wb.writes, 2, 6)).toEqual([{ row: 2, col: 6, note: '金额较大', fill: 'error' }]);
    expect(at(wb.writes, 2, 9)).toEqual([
      { row: 2, col: 9, value: '无权限', note: '无权维护「文新学院工会」的数据', fill: 'error' },
    ]);
  });

  it('clears the marks of a row that is clean now', () => {
    sheet.write([{ row: 4, col: 6, note: 'old', fill: 'error' }]);
    sheet.write(
      planWriteback(used, layout, [{ sheetRow: 4, rowId: ID1, rev: '"5"', status: 'unchanged', issues: [] }])
        .writes,
    );
    expect(sheet.notes.has('4,6')).toBe(false);
    expect(sheet.fills.has('4,6')).toBe(false);
    expect(sheet.cell(4, 9)).toBe('未变化');
  });
});

describe('STATUS_LABELS and preconditions', () => {
  it('labels every status in Chinese', () => {
    expect(STATUS_LABELS).toEqual({
      created: '已新增',
      updated: '已更新',
      unchanged: '未变化',
      conflict: '冲突',
      invalid: '有错误',
      forbidden: '无权限',
      deleted: '已删除',
      error: '失败',
    });
  });

  it('refuses a layout without a header row', () => {
    const used = usedRange([['a']]);
    expect(() => planWriteback(used, detectLayout(used, { sheetName: 'x' }), [])).toThrow(/header row/);
  });
});

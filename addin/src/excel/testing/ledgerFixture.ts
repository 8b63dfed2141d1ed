import { error } from '../../../../shared/ledgers/issue.js';
import { ledgers } from '../../../../shared/ledgers/index.js';
import { detectLayout, type SheetLayout } from '../../../../shared/sheet/detect.js';
import type { UsedRange } from '../../../../shared/sheet/port.js';
import { planWriteback, type RowWriteResult, type Writeback } from '../../../../shared/sheet/writeback.js';
import { FakeSheet } from './fakeExcel.js';

/**
 * A 慰问台账 of `rows` data rows under a title row and the canonical header row (row 2), as a
 * FakeSheet, and the writebacks of two pushes: the first with every tenth row invalid, the
 * second with all rows accepted (which clears the first push's marks). Test data only.
 */

export const HEADER_ROW = 2;
export const WELFARE_HEADERS = ledgers.welfare.headers;

export function welfareValues(rows: number): unknown[][] {
  const fields = Object.entries(ledgers.welfare.fields);
  const values: unknown[][] = [['机电学院工会2023年慰问台账'], [...WELFARE_HEADERS]];
  for (let i = 1; i <= rows; i++)
    values.push(
      fields.map(([key, f]) => {
        if (f.type === 'date') return 44927 + (i % 365);
        if (f.type === 'amount') return 100 + (i % 5) * 100;
        if (key === 'staffNo') return `2015${String(i).padStart(4, '0')}`;
        if (key === 'name') return `职工${i}`;
        if (f.options) return f.options[i % f.options.length];
        if (f.type === 'bool') return '是';
        return `${f.header}${i}`;
      }),
    );
  return values;
}

/** `columns`: only the first ones (the fake snapshots at most 500,000 cells of a range). */
export function welfareSheet(rows: number, name = '慰问台账', columns = WELFARE_HEADERS.length): FakeSheet {
  return new FakeSheet(name).load(welfareValues(rows).map((row) => row.slice(0, columns)));
}

export const rowId = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

export function layoutOf(used: UsedRange, name = '慰问台账'): SheetLayout {
  return detectLayout(used, { sheetName: name, kind: 'welfare' });
}

/** First push: rows 10, 20, … invalid (a date error), the others created. */
export function firstPush(used: UsedRange, rows: number): Writeback {
  const results: RowWriteResult[] = [];
  for (let i = 1; i <= rows; i++) {
    const invalid = i % 10 === 0;
    results.push({
      sheetRow: HEADER_ROW + i,
      rowId: rowId(i),
      rev: invalid ? null : `"rev-${i}"`,
      status: invalid ? 'invalid' : 'created',
      issues: invalid ? [error('date', 'date.invalid', '「慰问日期」不是有效日期，请填写如 2023-03-08')] : [],
    });
  }
  return planWriteback(used, layoutOf(used), results);
}

/** Second push: every row accepted, so every mark of the first push is cleared. */
export function secondPush(used: UsedRange, rows: number): Writeback {
  const results: RowWriteResult[] = [];
  for (let i = 1; i <= rows; i++)
    results.push({
      sheetRow: HEADER_ROW + i,
      rowId: rowId(i),
      rev: `"rev2-${i}"`,
      status: 'updated',
      issues: [],
    });
  return planWriteback(used, layoutOf(used), results);
}

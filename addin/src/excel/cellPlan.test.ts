import { describe, expect, it } from 'vitest';
import type { CellWrite } from '../../../shared/sheet/port.js';
import { colLetters, parseAddress, parseAreas, rangeAddress } from './a1.js';
import { areaAddresses, MAX_AREAS, MAX_AREAS_CHARS, MAX_GAP, planCellWrites } from './cellPlan.js';
import { jsonBytes, MAX_OP_BYTES, RequestBudget } from './payload.js';

describe('planCellWrites', () => {
  it('puts _id, _rev and 同步状态 in one rectangle, null where _rev is not written', () => {
    const writes: CellWrite[] = [
      { row: 1, col: 14, value: '_id' },
      { row: 1, col: 15, value: '_rev' },
      { row: 1, col: 16, value: '同步状态' },
    ];
    for (let r = 2; r <= 6; r++) {
      writes.push({ row: r, col: 14, value: `id-${r}` });
      if (r !== 4) writes.push({ row: r, col: 15, value: `"${r}"` });
      writes.push({ row: r, col: 16, value: r === 4 ? '有错误' : '已新增', note: null, fill: 'none' });
    }
    const plan = planCellWrites(writes);
    expect(plan.values).toHaveLength(1);
    const rect = plan.values[0]!;
    expect(rangeAddress(rect)).toBe('N1:P6');
    expect(rect.values[3]).toEqual(['id-4', null, '有错误']);
    expect(rect.formats![3]).toEqual(['@', null, '@']);
    expect(plan.unfill).toHaveLength(5);
    expect(plan.probe).toEqual([{ top: 2, bottom: 6, left: 16, right: 16 }]);
    expect(plan.notes).toHaveLength(5);
  });

  it('the last write of a cell wins; null clears; numbers are not text-formatted', () => {
    const plan = planCellWrites([
      { row: 2, col: 1, value: 'a' },
      { row: 2, col: 1, value: null },
      { row: 3, col: 1, value: 7 },
    ]);
    expect(plan.values).toEqual([
      { top: 2, bottom: 3, left: 1, right: 1, values: [[''], [7]], formats: null },
    ]);
  });

  it(`bridges gaps of up to ${MAX_GAP} rows with nulls, and splits beyond`, () => {
    const near = planCellWrites([
      { row: 1, col: 1, value: 1 },
      { row: 2 + MAX_GAP, col: 1, value: 2 },
    ]);
    expect(near.values).toHaveLength(1);
    expect(near.values[0]!.values).toHaveLength(MAX_GAP + 2);
    const far = planCellWrites([
      { row: 1, col: 1, value: 1 },
      { row: 3 + MAX_GAP, col: 1, value: 2 },
    ]);
    expect(far.values).toHaveLength(2);
  });

  it('groups fills by colour into runs, never over unmarked cells', () => {
    const plan = planCellWrites([
      { row: 2, col: 3, fill: 'error' },
      { row: 3, col: 3, fill: 'error' },
      { row: 2, col: 4, fill: 'error' },
      { row: 3, col: 4, fill: 'error' },
      { row: 5, col: 3, fill: 'error' },
      { row: 4, col: 3, fill: 'warning' },
    ]);
    expect(plan.fills.map((f) => [f.fill, rangeAddress(f)])).toEqual([
      ['error', 'C2:D3'],
      ['error', 'C5'],
      ['warning', 'C4'],
    ]);
  });

  it('probes a column in one run across the rows whose cells get a mark instead', () => {
    const writes: CellWrite[] = [];
    for (let r = 3; r <= 102; r++)
      writes.push(
        r % 10 === 0
          ? { row: r, col: 1, note: '「慰问日期」不是有效日期', fill: 'error' }
          : { row: r, col: 1, note: null, fill: 'none' },
      );
    const plan = planCellWrites(writes);
    expect(plan.probe).toEqual([{ top: 3, bottom: 102, left: 1, right: 1 }]);
    expect(plan.unfill).toHaveLength(90);
    // Beyond MAX_GAP rows, two runs.
    const far = planCellWrites([
      { row: 1, col: 1, fill: 'none' },
      { row: 3 + MAX_GAP, col: 1, fill: 'none' },
    ]);
    expect(far.probe).toHaveLength(2);
  });

  it('cuts a rectangle above the per-operation size into row bands', () => {
    const long = '工'.repeat(1000);
    const writes = Array.from({ length: 400 }, (_, i) => ({ row: i + 1, col: 1, value: long }));
    const plan = planCellWrites(writes);
    expect(plan.values.length).toBeGreaterThan(1);
    for (const r of plan.values) expect(jsonBytes(r.values)).toBeLessThanOrEqual(MAX_OP_BYTES);
    expect(plan.values.reduce((n, r) => n + r.values.length, 0)).toBe(400);
  });

  it('refuses cells outside the sheet', () => {
    expect(() => planCellWrites([{ row: 0, col: 1, value: 1 }])).toThrow(RangeError);
  });
});

describe('areaAddresses (Worksheet.getRanges)', () => {
  it('joins rectangles with commas, at most MAX_AREAS to an address', () => {
    const cells = Array.from({ length: 250 }, (_, i) => ({ top: i + 1, bottom: i + 1, left: 1, right: 1 }));
    const out = areaAddresses([{ top: 1, bottom: 2, left: 1, right: 3 }, ...cells]);
    expect(out).toHaveLength(3);
    expect(out[0]!.startsWith('A1:C2,A1,A2,')).toBe(true);
    expect(out.map((a) => a.split(',').length)).toEqual([MAX_AREAS, MAX_AREAS, 51]);
    expect(out.join(',').split(',')).toHaveLength(251);
    expect(areaAddresses([])).toEqual([]);
  });

  it('and at most MAX_AREAS_CHARS characters', () => {
    const wide = Array.from({ length: 99 }, (_, i) => ({
      top: 1_000_000 + i,
      bottom: 1_000_000 + i,
      left: 16_000,
      right: 16_384,
    }));
    const out = areaAddresses(wide); // 'WQJ1000000:XFD1000000': 21 characters and a comma each
    expect(out).toHaveLength(2);
    for (const a of out) expect(a.length).toBeLessThanOrEqual(MAX_AREAS_CHARS);
    expect(out.join(',').split(',')).toHaveLength(99);
  });
});

describe('A1 addresses', () => {
  it('letters', () => {
    expect([1, 26, 27, 52, 703, 16_384].map(colLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
  });

  it('parses what Excel reports', () => {
    expect(parseAddress("'工会 台账'!B2:M40")).toEqual({ top: 2, left: 2, bottom: 40, right: 13 });
    expect(parseAddress('Sheet1!$C$5')).toEqual({ top: 5, left: 3, bottom: 5, right: 3 });
    expect(parseAreas("'a,b'!A1:L1,'a,b'!A20:C21")).toEqual([
      { top: 1, left: 1, bottom: 1, right: 12 },
      { top: 20, left: 1, bottom: 21, right: 3 },
    ]);
  });
});

describe('RequestBudget', () => {
  it('syncs before an operation that would take the request over the limit', async () => {
    let syncs = 0;
    let requests = 0;
    // Each operation costs its bytes + 300 (OP_BYTES); each request starts at 300.
    const budget = new RequestBudget({ sync: async () => void syncs++ }, () => void requests++, 2_000);
    await budget.reserve(300);
    await budget.reserve(300);
    expect(syncs).toBe(0);
    await budget.reserve(300); // 300 + 3 × 600 > 2000
    expect([syncs, budget.chunks, requests]).toEqual([1, 1, 2]);
    await budget.flush();
    expect(budget.syncs).toBe(2);
  });

  it('counts non-ASCII characters as their worst-case escape', () => {
    expect(jsonBytes('工会')).toBe(2 + 2 * 6);
  });
});

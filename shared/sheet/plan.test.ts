import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLayout } from './detect.js';
import { rowHash } from './hash.js';
import { chunk, nextHashes, planPush } from './plan.js';
import type { SheetState } from './port.js';
import { readRows, type SheetRow } from './rows.js';
import { stateFromValues, stateToValues } from './state.js';
import { MemorySheet, usedRange, welfareSheet } from './testing.js';
import { planWriteback, type RowWriteResult } from './writeback.js';

function ids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

const ID = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

function row(
  sheetRow: number,
  cells: Record<string, unknown>,
  rowId: string | null = null,
  rev: string | null = null,
): SheetRow {
  const blank = Object.values(cells).every((v) => v === null);
  return { sheetRow, rowId, rev, raw: { cells }, cleared: blank && rowId !== null };
}

describe('planPush', () => {
  const a = { name: '张三', amount: 300 };
  const b = { name: '李四', amount: 200 };
  const c = { name: '王芳', amount: 100 };

  it('creates rows without an id, with a new client id', () => {
    const plan = planPush([row(4, a), row(5, b)], undefined, ids());
    expect(plan.creates.map((p) => [p.sheetRow, p.rowId, p.baseRev])).toEqual([
      [4, '00000000-0000-4000-8000-000000000001', null],
      [5, '00000000-0000-4000-8000-000000000002', null],
    ]);
    expect(plan.creates[0]!.hash).toBe(rowHash({ cells: a }));
    expect(plan).toMatchObject({ updates: [], deletes: [], unchanged: 0 });
  });

  it('sends nothing for a row whose hash is the one last pushed, and updates a changed row', () => {
    const state: SheetState = {
      sheet: '慰问',
      kind: 'welfare',
      hashes: { [ID(1)]: rowHash({ cells: a }), [ID(2)]: rowHash({ cells: b }) },
    };
    const plan = planPush(
      [row(4, a, ID(1), '"r1"'), row(5, { ...b, amount: 250 }, ID(2), '"r2"')],
      state,
      ids(),
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.updates.map((p) => [p.sheetRow, p.rowId, p.baseRev])).toEqual([[5, ID(2), '"r2"']]);
    expect(plan.creates).toEqual([]);
    expect(plan.deletes).toEqual([]);
  });

  it('updates a row the state does not know when it has a revision (pulled into another copy)', () => {
    const plan = planPush([row(4, a, ID(1), '"r1"')], undefined, ids());
    expect(plan.updates.map((p) => [p.rowId, p.baseRev])).toEqual([[ID(1), '"r1"']]);
  });

  it('creates under its own id a row that has an id but no revision (an answer that was lost)', () => {
    const plan = planPush([row(4, a, ID(1))], undefined, ids());
    expect(plan.creates.map((p) => [p.rowId, p.baseRev])).toEqual([[ID(1), null]]);
  });

  it('gives a new id to the later of two rows with one id (a row copied with its hidden cells)', () => {
    const state: SheetState = { sheet: 's', kind: 'welfare', hashes: { [ID(1)]: rowHash({ cells: a }) } };
    const plan = planPush([row(4, a, ID(1), '"r1"'), row(5, c, ID(1), '"r1"')], state, ids());
    expect(plan.unchanged).toBe(1);
    expect(plan.creates.map((p) => [p.sheetRow, p.rowId, p.baseRev])).toEqual([
      [5, '00000000-0000-4000-8000-000000000001', null],
    ]);
    expect(plan.updates).toEqual([]);
  });

  it('deletes cleared rows and rows gone from the sheet', () => {
    const state: SheetState = {
      sheet: 's',
      kind: 'welfare',
      hashes: {
        [ID(1)]: rowHash({ cells: a }),
        [ID(2)]: rowHash({ cells: b }),
        [ID(3)]: rowHash({ cells: c }),
      },
    };
    const cleared = row(5, { name: null, amount: null }, ID(2), '"r2"');
    const plan = planPush([row(4, a, ID(1), '"r1"'), cleared], state, ids());
    expect(plan.deletes).toEqual([
      { rowId: ID(2), baseRev: '"r2"', sheetRow: 5, reason: 'cleared' },
      { rowId: ID(3), baseRev: null, sheetRow: null, reason: 'removed' },
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it('does not delete a cleared row that never reached the server', () => {
    const plan = planPush([row(5, { name: null }, ID(9))], undefined, ids());
    expect(plan).toEqual({ creates: [], updates: [], deletes: [], unchanged: 0 });
  });
});

describe('nextHashes', () => {
  it('records stored rows, forgets deleted ones, keeps the old hash of refused rows', () => {
    const a = { cells: { name: '张三' } };
    const plan = {
      creates: [{ sheetRow: 4, rowId: ID(1), baseRev: null, raw: a, hash: 'h1' }],
      updates: [
        { sheetRow: 5, rowId: ID(2), baseRev: '"r"', raw: a, hash: 'h2' },
        { sheetRow: 6, rowId: ID(3), baseRev: '"r"', raw: a, hash: 'h3' },
      ],
      deletes: [{ rowId: ID(4), baseRev: null, sheetRow: null, reason: 'removed' as const }],
      unchanged: 0,
    };
    const next = nextHashes({ [ID(2)]: 'old2', [ID(3)]: 'old3', [ID(4)]: 'old4' }, plan, [
      { rowId: ID(1), status: 'created' },
      { rowId: ID(2), status: 'updated' },
      { rowId: ID(3), status: 'invalid' },
      { rowId: ID(4), status: 'deleted' },
    ]);
    expect(next).toEqual({ [ID(1)]: 'h1', [ID(2)]: 'h2', [ID(3)]: 'old3' });
  });
});

describe('chunk', () => {
  it('splits into chunks of at most the size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 500)).toEqual([]);
    expect(chunk([1], 500)).toEqual([[1]]);
  });

  it('refuses a size below one', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });

  it('keeps every item in order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 20 }), (items, size) => {
        const chunks = chunk(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.every((c) => c.length >= 1 && c.length <= size)).toBe(true);
      }),
    );
  });
});

/** One push: detect, read, plan, write back as if the server created or updated every row. */
function push(sheet: MemorySheet, state: SheetState | undefined, newId: () => string) {
  const used = sheet.read();
  const layout = detectLayout(used, { sheetName: sheet.name, kind: state ? 'welfare' : null });
  const rows = readRows(used, layout);
  const plan = planPush(rows, state, newId);
  const results: RowWriteResult[] = [...plan.creates, ...plan.updates].map((p, i) => ({
    sheetRow: p.sheetRow,
    rowId: p.rowId,
    rev: `"rev-${i}"`,
    status: p.baseRev === null ? 'created' : 'updated',
    issues: [],
  }));
  sheet.write(planWriteback(used, layout, results).writes);
  const next: SheetState = {
    sheet: sheet.name,
    kind: layout.kind ?? 'welfare',
    hashes: nextHashes(state?.hashes ?? {}, plan, results),
  };
  // The state travels through the state sheet between pushes.
  const [stored] = stateFromValues(stateToValues([next])).states;
  return { plan, state: stored!, rows };
}

describe('push, write back, push again', () => {
  it("the officers' 慰问台账: the second push sends nothing", () => {
    const sheet = new MemorySheet(welfareSheet(), '慰问');
    const first = push(sheet, undefined, ids());
    expect(first.plan.creates).toHaveLength(3);
    const second = push(sheet, first.state, ids());
    expect(second.plan).toMatchObject({ creates: [], updates: [], deletes: [], unchanged: 3 });
  });

  it('an unchanged sheet yields no creates, updates or deletes (property)', () => {
    const name = fc.constantFrom('张三', '李 四', ' 王芳', '阿依古丽·买买提', null);
    const staffNo = fc.oneof(
      fc.integer({ min: 20000000, max: 20239999 }),
      fc.constantFrom('A001', '20150032 '),
    );
    const date = fc.oneof(
      fc.integer({ min: 36526, max: 45657 }),
      fc.constantFrom('2023-01-16', '2023年3月8日', '2023/3/8'),
      fc.date({ min: new Date('2020-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }),
    );
    const amount = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('1,200.00元', '￥300', '  '));
    const type = fc.constantFrom('春节慰问', '生日慰问', '生病住院慰问', null);
    const dataRow = fc.oneof(
      fc.tuple(
        date,
        staffNo,
        name,
        type,
        fc.constantFrom('慰问品', '蛋糕券'),
        amount,
        fc.string({ maxLength: 5 }),
      ),
      fc.constant([null, null, null, null, null, null, null]),
    );
    fc.assert(
      fc.property(fc.array(dataRow, { maxLength: 12 }), (data) => {
        const sheet = new MemorySheet(
          usedRange(
            [
              ['2023年慰问台账', null, null, null, null, null, null],
              ['*慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额（元）', '备注'],
              ...data.map((r) => [...r]),
            ],
            ['A1:G1'],
          ),
          '慰问',
        );
        const first = push(sheet, undefined, ids());
        const second = push(sheet, first.state, ids());
        expect(second.plan.creates).toEqual([]);
        expect(second.plan.updates).toEqual([]);
        expect(second.plan.deletes).toEqual([]);
        expect(second.plan.unchanged).toBe(first.plan.creates.length);
      }),
      { numRuns: 60 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ledgers } from '../ledgers/index.js';
import { validateRow } from '../ledgers/define.js';
import { demoSettings } from '../settings/index.js';
import { detectLayout } from './detect.js';
import { rowHash } from './hash.js';
import type { CellWrite, SheetState, UsedRange } from './port.js';
import { planPull, sameValue, PULLED_LABEL, type PulledRow } from './pull.js';
import { maskIdentity, readRows } from './rows.js';
import { MemorySheet, welfareSheet } from './testing.js';

const ID1 = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';
const ID3 = '00000000-0000-4000-8000-000000000003';
const ID4 = '00000000-0000-4000-8000-000000000004';
const today = '2023-12-31';
const ctx = { settings: demoSettings, today };

/** 慰问台账 of testing.ts after a push: `_id` and `_rev` in N and O for rows 4, 5 and 7. */
function pushedSheet(): UsedRange {
  const used = welfareSheet();
  const values = used.values.map((r) => [...r, null, null]);
  values[2]![13] = '_id';
  values[2]![14] = '_rev';
  for (const [r, id] of [
    [3, ID1],
    [4, ID2],
    [6, ID3],
  ] as const) {
    values[r]![13] = id;
    values[r]![14] = `rev-${id.slice(-1)}`;
  }
  return { ...used, values };
}

function setup(used: UsedRange) {
  const layout = detectLayout(used, { sheetName: '慰问' });
  const rows = readRows(used, layout).map((r) => maskIdentity(r).row);
  const state: SheetState = {
    sheet: '慰问',
    kind: 'welfare',
    hashes: Object.fromEntries(rows.map((r) => [r.rowId!, rowHash(r.raw)])),
  };
  const fields = new Map<string, Record<string, unknown>>(
    rows.map((r) => [r.rowId!, validateRow(ledgers.welfare, r.raw, ctx).fields as Record<string, unknown>]),
  );
  // Row 5 is over the illness cap here; the server may hold it all the same (other settings).
  fields.set(ID2, {
    date: '2023-03-15',
    staffNo: '20160018',
    name: '李四',
    unit: 'mech-info',
    type: '生病住院慰问',
    festival: null,
    form: '慰问金',
    amount: 100_000,
    batch: null,
    reason: '住院手术',
    relation: null,
    surgery: null,
    handler: null,
    signed: true,
    remarks: '住院十天',
  });
  return { layout, rows, state, fields };
}

const server = (
  rowId: string,
  rev: string,
  fields: Record<string, unknown>,
  more: Partial<PulledRow> = {},
) => ({
  rowId,
  rev,
  fields,
  deleted: false,
  seq: 10,
  updatedAt: '2023-12-30T08:00:00.000Z',
  updatedBy: 'officer-mech-info',
  ...more,
});

const at = (writes: readonly CellWrite[], row: number, col?: number) =>
  writes.filter((w) => w.row === row && (col === undefined || w.col === col));

describe('planPull', () => {
  const used = pushedSheet();
  const { layout, rows, state, fields } = setup(used);
  const base = {
    used,
    layout,
    ledger: ledgers.welfare,
    rows,
    state,
    settings: demoSettings,
    today,
    appendNew: true,
  };

  it('updates a changed row in place, only the cells that differ, and takes the new revision', () => {
    const changed = { ...fields.get(ID1)!, amount: 50_000 };
    const plan = planPull({ ...base, server: [server(ID1, 'rev-9', changed)] });
    expect(at(plan.writes, 4, 9)).toEqual([{ row: 4, col: 9, value: 500, note: null, fill: 'none' }]);
    expect(at(plan.writes, 4, 15)).toEqual([{ row: 4, col: 15, value: 'rev-9' }]);
    // 同步状态 is allocated right of the used range, with its header.
    expect(at(plan.writes, 3, 16)).toEqual([{ row: 3, col: 16, value: '同步状态' }]);
    expect(at(plan.writes, 4, 16)[0]).toMatchObject({ value: PULLED_LABEL });
    expect(at(plan.writes, 4).filter((w) => w.col <= 13)).toHaveLength(1);
    expect(plan.synced).toEqual([ID1]);
    expect(plan.counts).toMatchObject({ updated: 1, appended: 0, removed: 0, conflicts: 0 });
    expect(plan.hide).toEqual([14, 15]);
  });

  it('skips what the sheet already has: the same revision, or the same content under a new one', () => {
    const same = planPull({ ...base, server: [server(ID1, 'rev-1', fields.get(ID1)!)] });
    expect(same.writes).toEqual([]);
    expect(same.counts.unchanged).toBe(1);
    // 李 四 and 1,000.00元 already mean what the server holds: only the revision moves.
    const renamed = planPull({ ...base, server: [server(ID2, 'rev-7', fields.get(ID2)!)] });
    expect(renamed.writes).toEqual([{ row: 5, col: 15, value: 'rev-7' }]);
    expect(renamed.synced).toEqual([ID2]);
  });

  it('removes tombstoned rows and keeps the last version of a row seen twice', () => {
    const plan = planPull({
      ...base,
      server: [
        server(ID2, 'rev-x', {}, { deleted: true, seq: 12 }),
        server(ID2, 'rev-w', fields.get(ID2)!, { seq: 11 }),
      ],
    });
    expect(plan.deletes).toEqual([5]);
    expect(plan.removed).toEqual([ID2]);
  });

  it('appends new rows above the 合计 row, formatted like the last data row, with id, revision and 序号', () => {
    const fresh = { ...fields.get(ID3)!, name: '赵敏', staffNo: '20190077', amount: 20_000 };
    const plan = planPull({ ...base, server: [server(ID4, 'rev-4', fresh)] });
    expect(plan.insert).toEqual({ before: 8, count: 1, formatFrom: 7 });
    const row = at(plan.writes, 8);
    const value = (col: number) => row.find((w) => w.col === col)?.value;
    expect(value(1)).toBe(4);
    expect(value(2)).toBe('2023-03-08'); // the column's last date is text
    expect(value(3)).toBe('20190077');
    expect(value(4)).toBe('赵敏');
    expect(value(5)).toBe(demoSettings.units.find((u) => u.id === 'mech-info')!.name);
    expect(value(9)).toBe(200);
    expect(value(11)).toBe('是');
    expect(value(14)).toBe(ID4);
    expect(value(15)).toBe('rev-4');
    expect(plan.synced).toEqual([ID4]);

    // Applied in order, the sheet reads back as the server's row.
    const sheet = new MemorySheet(used);
    sheet.values.splice(7, 0, []);
    sheet.write(plan.writes);
    // The 合计 merge moves down with its row, as the adapters move it.
    const read = sheet.read();
    const after = {
      ...read,
      merges: read.merges.map((m) => (m.top >= 8 ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m)),
    };
    const again = readRows(after, detectLayout(after, { sheetName: '慰问' }));
    const added = again.find((r) => r.rowId === ID4)!;
    expect(added.sheetRow).toBe(8);
    expect(validateRow(ledgers.welfare, added.raw, ctx).fields).toEqual(fresh);
  });

  it('appends nothing to a sheet that is not the ledger’s first, nor rows that live in another sheet', () => {
    const fresh = server(ID4, 'rev-4', fields.get(ID3)!);
    expect(planPull({ ...base, appendNew: false, server: [fresh] }).insert).toBeNull();
    expect(planPull({ ...base, elsewhere: new Set([ID4]), server: [fresh] }).insert).toBeNull();
  });

  it('never overwrites a row edited and not pushed: a conflict, marked on the status cell', () => {
    const edited = pushedSheet();
    edited.values[6]![8] = 150; // row 7's amount, not pushed
    const local = setup(edited);
    const plan = planPull({
      ...base,
      used: edited,
      rows: local.rows,
      state, // the hashes of the pushed version
      server: [
        server(ID3, 'rev-8', { ...fields.get(ID3)!, amount: 12_000 }),
        server(ID1, 'rev-8', {}, { deleted: true }),
      ],
    });
    expect(plan.conflicts).toEqual([
      {
        rowId: ID3,
        sheetRow: 7,
        message:
          '该行已在服务器上被修改（officer-mech-info，2023-12-30），本地的修改尚未推送，未覆盖本行：请核对后再推送',
      },
    ]);
    expect(at(plan.writes, 7, 9)).toEqual([]);
    expect(at(plan.writes, 7, 16)).toEqual([
      { row: 7, col: 16, value: '冲突', note: plan.conflicts[0]!.message, fill: 'conflict' },
    ]);
    expect(plan.synced).not.toContain(ID3);
    // Row 4 was not edited: its tombstone removes it.
    expect(plan.deletes).toEqual([4]);
  });

  it('keeps a locally edited row that the server deleted, and says so', () => {
    const edited = pushedSheet();
    edited.values[3]![9] = '春节走访';
    const local = setup(edited);
    const plan = planPull({
      ...base,
      used: edited,
      rows: local.rows,
      server: [server(ID1, 'rev-8', {}, { deleted: true, updatedBy: 'admin' })],
    });
    expect(plan.deletes).toEqual([]);
    expect(plan.conflicts[0]!.message).toMatch(/^该行已在服务器上被删除（admin，2023-12-30）/);
  });
});

describe('sameValue', () => {
  it('compares stored values structurally, null and absent alike', () => {
    expect(sameValue({ a: 1, b: ['x'] }, { b: ['x'], a: 1, c: null })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
  });
});

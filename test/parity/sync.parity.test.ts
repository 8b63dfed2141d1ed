import { afterEach, describe, expect, it } from 'vitest';
import { welfareSheet } from '../../shared/sheet/testing.js';
import type { CellRange } from '../../shared/sheet/port.js';
import type { AddinDriver } from './drivers.js';
import { bothOf, serial, type Driver, type Grid } from './drivers.js';

/**
 * Adapter parity (issue 13): the same workbooks through the add-in (Office.js adapter over the
 * fake Excel) and through the CLI (ExcelJS adapter over a real .xlsx) give the same requests,
 * the same state hashes and the same cells after write-back and pull. Each of the add-in's
 * former differences (problems 1–6 and 8 of the issue) has its own test.
 */

const SHEET = '慰问台账';
// welfareSheet(): title rows 1–2, header row 3, data rows 4, 5 and 7, a blank row 6, 合计 on 8, 填表人 on 9.
const COL = { serial: 1, date: 2, staffNo: 3, name: 4, type: 6, amount: 9, reason: 10 };
const ID = 14;
const REV = 15;
const STATUS = 16;

/** The 慰问台账 of shared/sheet/testing, every row valid, every date an Excel date. */
function welfare(): { values: Grid; merges: CellRange[] } {
  const used = welfareSheet();
  const values = used.values.map((r) => [...r]);
  values[4]![COL.amount - 1] = '500.00元';
  values[4]![COL.date - 1] = new Date(Date.UTC(2023, 2, 1));
  values[6]![COL.date - 1] = new Date(Date.UTC(2023, 2, 8));
  return { values, merges: used.merges };
}

/** The same sheet without its 工号 column: the names carry it, 张三（20150032）. */
function welfareWithPairedNames(): { values: Grid; merges: CellRange[] } {
  const { values } = welfare();
  const out = values.map((row, r) => {
    const copy = row.filter((_, c) => c !== COL.staffNo - 1);
    if (r >= 3 && r <= 6 && row[COL.name - 1])
      copy[COL.name - 2] =
        `${String(row[COL.name - 1]).replace(/\s/g, '')}（${String(row[COL.staffNo - 1])}）`;
    if (r === 2) copy[COL.name - 2] = '姓名（工号）';
    return copy;
  });
  return {
    values: out,
    merges: [
      { top: 1, left: 1, bottom: 1, right: 12 },
      { top: 2, left: 1, bottom: 2, right: 12 },
      { top: 8, left: 1, bottom: 8, right: 7 },
    ],
  };
}

/** 会员名册 rows carrying full identity numbers (§4.6: only the last four leave the workbook). */
function membersWithIdentityNumbers(): Grid {
  return [
    ['机电学院工会会员名册'],
    ['工号', '姓名', '所属工会', '性别', '入会日期', '身份证号', '手机号码'],
    [
      '20150032',
      '张三',
      '机电学院工会',
      '男',
      new Date(Date.UTC(2015, 8, 1)),
      '11010519491231002X',
      '13800000001',
    ],
    ['20160018', '李四', '机电学院工会', '女', new Date(Date.UTC(2016, 2, 1)), '110105194912310021', null],
    ['20170021', '王芳', '机电学院工会', '女', '2017-09-01', '**************1234', null],
  ];
}

let open: Driver[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});

async function drivers(
  fixture: { values: Grid; merges: CellRange[] } = welfare(),
  sheet = SHEET,
): Promise<[AddinDriver, Driver]> {
  const pair = await bothOf(sheet, fixture.values, fixture.merges);
  open.push(...pair);
  return pair;
}

const idOf = async (d: Driver, row: number): Promise<string> => String((await d.grid())[row - 1]![ID - 1]);

async function expectSame(addin: Driver, cli: Driver): Promise<void> {
  expect(addin.pushes()).toEqual(cli.pushes());
  expect(await addin.states()).toEqual(await cli.states());
  expect(await addin.grid()).toEqual(await cli.grid());
}

describe('push', () => {
  it('sends the same requests, keeps the same hashes and writes the same cells (title rows, footer, serial and text dates)', async () => {
    const [addin, cli] = await drivers();
    for (const d of [addin, cli]) await d.sync();
    await expectSame(addin, cli);
    expect((await addin.grid())[3]![STATUS - 1]).toBe('已新增');
  });

  it('problem 5: hashes rows after masking identity numbers, so a workbook moved between Excel and the CLI sends nothing', async () => {
    const [addin, cli] = await drivers({ values: membersWithIdentityNumbers(), merges: [] }, '会员名册');
    for (const d of [addin, cli]) await d.sync();
    expect(await addin.states()).toEqual(await cli.states());
    expect(addin.pushes()).toEqual(cli.pushes());
  });

  it('deletes cleared rows alike, with consent', async () => {
    const [addin, cli] = await drivers();
    for (const d of [addin, cli]) {
      await d.sync();
      for (let c = 1; c <= 13; c++) await d.edit(5, c, null);
      await d.sync();
    }
    await expectSame(addin, cli);
    expect((await addin.grid())[4]![STATUS - 1]).toBe('已删除');
  });

  it('meets a conflict alike: the edit is kept, the row is marked', async () => {
    const [addin, cli] = await drivers();
    for (const d of [addin, cli]) {
      await d.sync();
      d.server.change(await idOf(d, 4), { amount: 40000 });
      await d.edit(4, COL.reason, '本人要求');
      await d.sync();
    }
    await expectSame(addin, cli);
    expect((await addin.grid())[3]![STATUS - 1]).toBe('冲突');
  });
});

describe('pull', () => {
  it('brings changed and deleted rows alike', async () => {
    const [addin, cli] = await drivers();
    for (const d of [addin, cli]) {
      await d.sync();
      d.server.change(await idOf(d, 4), { amount: 40000, reason: '补发' });
      d.server.remove(await idOf(d, 7));
      await d.pull();
    }
    expect(await addin.states()).toEqual(await cli.states());
    expect(await addin.grid()).toEqual(await cli.grid());
    expect((await addin.grid())[3]![COL.amount - 1]).toBe(400);
  });

  it('problem 1: a pull into a 姓名（工号） column writes the pair, and the next push is valid', async () => {
    const [addin, cli] = await drivers(welfareWithPairedNames());
    const NAME = COL.name - 1;
    for (const d of [addin, cli]) {
      await d.sync();
      const id = String((await d.grid())[3]![ID - 2]);
      d.server.change(id, { amount: 40000 });
      await d.pull();
      await d.edit(4, COL.reason - 1, '补发');
      await d.sync();
    }
    expect((await addin.grid())[3]![NAME - 1]).toBe('张三（20150032）');
    expect((await addin.grid())[3]![STATUS - 2]).toBe('已更新');
    expect(await addin.grid()).toEqual(await cli.grid());
    expect(addin.pushes()).toEqual(cli.pushes());
  });

  it('problem 2: new rows go above the 合计 and 填表人 rows', async () => {
    const [addin, cli] = await drivers();
    for (const d of [addin, cli]) {
      await d.sync();
      const model = d.server.rows.get(await idOf(d, 4))!;
      d.server.insert('welfare', 'srv-0000-0001', { ...model.fields, name: '赵敏', staffNo: '20180044' });
      await d.pull();
    }
    const grid = await addin.grid();
    expect(grid[7]![COL.name - 1]).toBe('赵敏');
    expect(grid[8]![0]).toBe('合计');
    expect(grid).toEqual(await cli.grid());
    expect(await addin.states()).toEqual(await cli.states());
  });

  it('problem 3: pulled dates are Excel dates in a column of Excel dates', async () => {
    const [addin, cli] = await drivers();
    for (const d of [addin, cli]) {
      await d.sync();
      d.server.change(await idOf(d, 5), { date: '2023-04-02' });
      await d.pull();
    }
    expect((await addin.grid())[4]![COL.date - 1]).toBe(serial('2023-04-02'));
    expect(await addin.grid()).toEqual(await cli.grid());
  });

  it('problem 4: a row the state does not know is no conflict when it equals the server’s', async () => {
    const [addin, cli] = await drivers();
    const conflicts: number[] = [];
    for (const d of [addin, cli]) {
      await d.sync();
      await d.dropState();
      const id = await idOf(d, 4);
      // Saved again unchanged by someone else: a new revision, the same content.
      d.server.change(id, {});
      conflicts.push((await d.pull()).conflicts);
    }
    expect(conflicts).toEqual([0, 0]);
    expect(await addin.grid()).toEqual(await cli.grid());
    expect((await addin.grid())[3]![REV - 1]).toBe(addin.server.rows.get(await idOf(addin, 4))!.rev);
  });
});

describe('write-back by identity (problem 6)', () => {
  /** Each row's id names the server row holding that row's content. */
  async function idsMatchContent(d: AddinDriver): Promise<void> {
    const grid = await d.grid();
    let checked = 0;
    for (const row of grid) {
      const id = row[ID - 1];
      if (typeof id !== 'string' || id === '_id') continue;
      const stored = d.server.rows.get(id)!;
      expect(stored.fields.name).toBe(String(row[COL.name - 1]).replace(/\s/g, ''));
      checked++;
    }
    expect(checked).toBe(3);
  }

  it('writes ids where the rows are now when the officer inserts a row during the upload', async () => {
    const [addin, cli] = await drivers();
    addin.beforePush = (answered) => {
      if (answered === 1) addin.excel.sheet(SHEET).insertRows(4, 1);
    };
    await addin.sync({ chunkSize: 1 });
    await cli.sync();
    await idsMatchContent(addin);
    // Apart from the inserted row, the sheet is as the CLI leaves it.
    const grid = await addin.grid();
    expect([...grid.slice(0, 3), ...grid.slice(4)]).toEqual(await cli.grid());
  });

  it('writes ids where the rows are now when the officer sorts during the upload', async () => {
    const [addin] = await drivers();
    addin.beforePush = (answered) => {
      if (answered !== 1) return;
      // Rows 4 and 7 change places.
      const sheet = addin.excel.sheet(SHEET);
      const a = sheet.snapshot({ top: 4, left: 1, bottom: 4, right: 16 })[0]!;
      const b = sheet.snapshot({ top: 7, left: 1, bottom: 7, right: 16 })[0]!;
      sheet.clear({ top: 4, left: 1, bottom: 4, right: 16 }, 'Contents');
      sheet.clear({ top: 7, left: 1, bottom: 7, right: 16 }, 'Contents');
      sheet.load([b], 4);
      sheet.load([a], 7);
    };
    await addin.sync({ chunkSize: 1 });
    await idsMatchContent(addin);
  });

  it('reports a row deleted during the upload and writes its id nowhere', async () => {
    const [addin] = await drivers();
    addin.beforePush = (answered) => {
      if (answered === 1) addin.excel.sheet(SHEET).deleteRows(4, 4);
    };
    const outcome = await addin.sync({ chunkSize: 1 });
    expect(outcome.misplaced).toEqual([{ rowId: 'row-0000-0001', sheetRow: 4, status: 'created' }]);
    const grid = await addin.grid();
    const ids = grid.map((r) => r[ID - 1]).filter((v) => typeof v === 'string' && v !== '_id');
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(addin.server.rows.get(String(id))).toBeDefined();
    // The names on the rows that got ids are the names stored under them.
    for (const row of grid) {
      const id = row[ID - 1];
      if (typeof id === 'string' && id !== '_id')
        expect(addin.server.rows.get(id)!.fields.name).toBe(String(row[COL.name - 1]).replace(/\s/g, ''));
    }
  });
});

describe('Excel round trips (problem 8)', () => {
  it('a sync click is at most 3 Excel.run, a pull at most 3, and the refresh after them reads nothing', async () => {
    const [addin] = await drivers();
    // The pane's refresh after an operation: the view of the sheet as the operation left it.
    const refresh = addin.controller.inspect.bind(addin.controller) as (
      sheet: string,
      kind?: null,
      opts?: { reuse: boolean },
    ) => Promise<unknown>;
    let before = addin.host.runs;
    await addin.controller.sync(SHEET, { confirmDeletes: async () => [] });
    expect(addin.host.runs - before).toBeLessThanOrEqual(3);
    before = addin.host.runs;
    await refresh(SHEET, null, { reuse: true });
    expect(addin.host.runs - before).toBe(0);

    addin.server.change(await idOf(addin, 4), { amount: 40000 });
    before = addin.host.runs;
    await addin.controller.pull(SHEET);
    expect(addin.host.runs - before).toBeLessThanOrEqual(3);
    before = addin.host.runs;
    await refresh(SHEET, null, { reuse: true });
    expect(addin.host.runs - before).toBe(0);
  });
});

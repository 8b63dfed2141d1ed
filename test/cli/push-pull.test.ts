import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILL_COLOURS } from '../../cli/src/xlsx/exceljsSheet.js';
import { ExcelJsWorkbook } from '../../cli/src/xlsx/exceljsWorkbook.js';
import { openSyncWorkbook } from '../../cli/src/sync/ledgerWorkbook.js';
import { writeDemoWorkbooks } from '../../cli/src/demo/writeWorkbooks.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { generateDemoYear } from '../../shared/demo/index.js';
import { ledgers } from '../../shared/ledgers/index.js';
import { validateRow } from '../../shared/ledgers/define.js';
import { demoSettings, shanghaiDate } from '../../shared/settings/index.js';
import { STATE_SHEET } from '../../shared/sheet/index.js';
import { client, testStack } from '../backend/helpers.js';
import { runCli, type CliRun } from '../support/cli.js';
import { countingProxy, type CountingProxy } from './countingProxy.js';

/**
 * Issue 5's "done when", the round trip: the demo year pushed through the real CLI to the local
 * stack, one workbook edited with exceljs (a change, an invalid amount, a cleared row, a new
 * row) and pushed again — only those rows travel, the invalid cell gets its note and fill —
 * pulled into a second copy, which converges, and every cell, format and extra column the push
 * did not own is exactly as it was.
 */
let dir: string;
let stack: LocalStack;
let proxy: CountingProxy;
let demoFiles: string[];
let totalRows = 0;

const ACTIVITIES = '活动台账.xlsx';
const SHEET = '活动台账';
// The demo 活动台账: titles in rows 1–2, headers in row 3, 57 activities in rows 4–60, 合计 61, 填表人 62.
const COL = { serial: 1, name: 2, level: 4, unit: 5, start: 6, participants: 9, cost: 10, remarks: 13 };
const EXTRA = { note: 14, perHead: 15 };
const ADDED = { id: 16, rev: 17, status: 18 };

const push = (files: string[], user = 'admin', ...more: string[]): Promise<CliRun> =>
  runCli(['push', ...files, '--api', proxy.url, '--user', user, '--json', ...more], {
    LOCAL_AUTH_SECRET: stack.secret,
  });
const pull = (file: string, user = 'admin'): Promise<CliRun> =>
  runCli(['pull', file, '--api', proxy.url, '--user', user, '--json'], { LOCAL_AUTH_SECRET: stack.secret });

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-push-'));
  demoFiles = await writeDemoWorkbooks(generateDemoYear({ year: 2023 }), path.join(dir, 'a'));
  await decorate(path.join(dir, 'a', ACTIVITIES));
  await copyFile(path.join(dir, 'a', ACTIVITIES), path.join(dir, 'original.xlsx'));
  for (const f of demoFiles) for (const s of (await openSyncWorkbook(f)).sheets) totalRows += s.rows.length;
  stack = await testStack();
  proxy = await countingProxy(stack.url);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * What officers add to their own copy: an extra column of remarks with its own fill and width,
 * a formula column, a data validation and a conditional format on ledger columns, a note, and a
 * second sheet with a merge.
 */
async function decorate(file: string): Promise<void> {
  const wb = await load(file);
  const ws = wb.getWorksheet(SHEET)!;
  const header = ws.getCell(3, EXTRA.note);
  header.value = '经办人备注';
  header.style = { font: { bold: true, color: { argb: 'FF7030A0' } }, fill: solid('FFE2EFDA') };
  ws.getCell(3, EXTRA.perHead).value = '人均经费';
  ws.getColumn(EXTRA.note).width = 22;
  ws.getColumn(EXTRA.perHead).width = 11;
  for (let r = 4; r <= 60; r++) {
    if (r % 3 === 0) ws.getCell(r, EXTRA.note).value = `已核对 ${r}`;
    const cost = Number(ws.getCell(r, COL.cost).value ?? 0);
    const people = Number(ws.getCell(r, COL.participants).value ?? 0);
    const cell = ws.getCell(r, EXTRA.perHead);
    cell.value = {
      formula: `IFERROR(J${r}/I${r},"")`,
      result: people ? Math.round((cost / people) * 100) / 100 : '',
    };
    cell.numFmt = '0.00';
  }
  ws.getCell(10, COL.name).note = '经办人：请补充活动照片';
  ws.getCell(12, COL.remarks).style = { fill: solid('FFFFFF00') };
  for (let r = 4; r <= 60; r++)
    ws.getCell(r, COL.level).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"校级,二级工会,参加上级"'],
    };
  ws.addConditionalFormatting({
    ref: 'J4:J60',
    rules: [
      {
        type: 'cellIs',
        operator: 'greaterThan',
        formulae: ['20000'],
        priority: 1,
        style: { font: { bold: true } },
      },
    ],
  });
  const notes = wb.addWorksheet('说明');
  notes.getCell('A1').value = '本表由机关分工会维护';
  notes.mergeCells('A1:D1');
  notes.getCell('A3').value = { formula: 'COUNTA(活动台账!B4:B60)', result: 57 };
  notes.getCell('A3').note = '活动数';
  await wb.xlsx.writeFile(file);
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Activities of a workbook by row id, validated as the server validates them. */
async function activitiesById(file: string): Promise<Map<string, Record<string, unknown> | null>> {
  const book = await openSyncWorkbook(file);
  const sheet = book.sheets.find((s) => s.name === SHEET)!;
  const ctx = { settings: demoSettings, today: shanghaiDate(new Date()) };
  return new Map(
    sheet.rows
      .filter((r) => r.rowId !== null && !r.cleared)
      .map((r) => [
        r.rowId!,
        validateRow(ledgers.activities, r.raw, ctx).fields as Record<string, unknown> | null,
      ]),
  );
}

async function serverActivities(): Promise<Map<string, Record<string, unknown>>> {
  const pulled = await client(stack.url, stack.tokens.admin).pullAll('activities');
  return new Map(pulled.rows.filter((r) => !r.deleted).map((r) => [r.rowId, r.fields]));
}

describe('union-ledger push and pull, round trip on the demo year', () => {
  let firstPush: { seconds: number; rowsSent: number };
  const edited: Record<string, string> = {};

  it('pushes every demo workbook as admin, well under a minute, and stores every row', async () => {
    const started = performance.now();
    const run = await push(demoFiles);
    const wall = (performance.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    firstPush = JSON.parse(run.stdout);
    console.info(
      `first push: ${firstPush.rowsSent} rows in ${firstPush.seconds.toFixed(1)} s (CLI wall time ${wall.toFixed(1)} s, ${proxy.syncs.length} requests)`,
    );
    expect(firstPush.rowsSent).toBe(totalRows);
    expect(proxy.rows()).toBe(totalRows);
    expect(Math.max(...proxy.syncs.map((s) => s.rowIds.length))).toBeLessThanOrEqual(500);
    expect(wall).toBeLessThan(60);
    expect((await serverActivities()).size).toBe(57);

    const wb = await load(path.join(dir, 'a', ACTIVITIES));
    const ws = wb.getWorksheet(SHEET)!;
    expect([
      ws.getCell(3, ADDED.id).value,
      ws.getCell(3, ADDED.rev).value,
      ws.getCell(3, ADDED.status).value,
    ]).toEqual(['_id', '_rev', '同步状态']);
    expect(ws.getColumn(ADDED.id).hidden && ws.getColumn(ADDED.rev).hidden).toBe(true);
    expect(ws.getCell(4, ADDED.status).value).toBe('已新增');
    expect(String(ws.getCell(4, ADDED.id).value)).toMatch(/^[0-9a-f-]{36}$/);
    const state = wb.getWorksheet(STATE_SHEET)!;
    expect(state.state).toBe('veryHidden');
    const { states } = new ExcelJsWorkbook(wb).readStateDetailed();
    expect(states).toHaveLength(1);
    expect(Object.keys(states[0]!.hashes)).toHaveLength(57);
  }, 120_000);

  it('re-pushes the unchanged files without sending a row, and leaves them byte for byte as they were', async () => {
    const before = await Promise.all(demoFiles.map((f) => readFile(f)));
    proxy.reset();
    const run = await push(demoFiles);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).rowsSent).toBe(0);
    expect(proxy.syncs).toHaveLength(0);
    const after = await Promise.all(demoFiles.map((f) => readFile(f)));
    after.forEach((buf, i) => expect(buf.equals(before[i]!), demoFiles[i]).toBe(true));
  }, 60_000);

  it('sends only the changed, invalid, cleared and new rows of an edited file, and marks the invalid cell', async () => {
    const file = path.join(dir, 'a', ACTIVITIES);
    await copyFile(file, path.join(dir, 'b.xlsx'));
    const wb = await load(file);
    const ws = wb.getWorksheet(SHEET)!;
    const idAt = (r: number): string => String(ws.getCell(r, ADDED.id).value);
    edited.changed = idAt(5);
    edited.invalid = idAt(6);
    edited.cleared = idAt(7);
    ws.getCell(5, COL.participants).value = 130;
    ws.getCell(6, COL.cost).value = '壹仟元';
    for (let c = COL.name; c <= COL.remarks; c++) ws.getCell(7, c).value = null;
    // A new activity typed above the 合计 row, as an officer inserts one in Excel.
    const { ExcelJsSheet } = await import('../../cli/src/xlsx/exceljsSheet.js');
    await new ExcelJsSheet(ws).insertRows(61, 1, 60);
    const values: Record<number, ExcelJS.CellValue> = {
      [COL.serial]: 58,
      [COL.name]: '教职工羽毛球友谊赛',
      3: '文体活动',
      [COL.level]: '二级工会',
      [COL.unit]: '机电学院工会',
      [COL.start]: new Date(Date.UTC(2023, 11, 29)),
      [COL.participants]: 40,
      [COL.cost]: 1200,
    };
    for (const [c, v] of Object.entries(values)) ws.getCell(61, Number(c)).value = v;
    await wb.xlsx.writeFile(file);

    proxy.reset();
    const run = await push([file], 'admin', '--yes');
    expect(run.code, run.stderr).toBe(1); // one row refused
    const report = JSON.parse(run.stdout);
    expect(report.rowsSent).toBe(4);
    expect(proxy.syncs).toHaveLength(1);
    const sent = proxy.syncs[0]!;
    expect(sent.kind).toBe('activities');
    expect(sent.deletes).toEqual([edited.cleared]);
    const others = sent.rowIds.filter((id) => id !== edited.cleared);
    expect(others).toHaveLength(3);
    expect(others).toEqual(expect.arrayContaining([edited.changed, edited.invalid]));
    edited.created = others.find((id) => id !== edited.changed && id !== edited.invalid)!;
    expect(report.files[0].sheets[0].statuses).toEqual({ deleted: 1, updated: 1, invalid: 1, created: 1 });

    const after = (await load(file)).getWorksheet(SHEET)!;
    const costCell = after.getCell(6, COL.cost);
    // The header as the officer typed it, as validate and the add-in quote it.
    expect(costCell.note).toBe('「经费（元）」请填写阿拉伯数字金额');
    expect((costCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILL_COLOURS.error);
    expect(after.getCell(6, ADDED.status).value).toBe('有错误');
    expect(after.getCell(5, ADDED.status).value).toBe('已更新');
    expect(after.getCell(7, ADDED.status).value).toBe('已删除');
    expect(after.getCell(7, ADDED.id).value).toBeNull();
    expect(after.getCell(61, ADDED.id).value).toBe(edited.created);
    expect(after.getCell(61, ADDED.status).value).toBe('已新增');
    // Cells without an issue are not marked.
    expect(after.getCell(5, COL.participants).note).toBeUndefined();
    expect(after.getCell(6, COL.name).note).toBeUndefined();
  }, 60_000);

  it('keeps every untouched cell, style, note, width, merge, format and extra column byte for byte', async () => {
    const original = await load(path.join(dir, 'original.xlsx'));
    const now = await load(path.join(dir, 'a', ACTIVITIES));
    const touchedRows = new Set([5, 6, 7, 61]); // rows in the edited numbering
    const ours = new Set(Object.values(ADDED));
    const map = (r: number): number => (r >= 61 ? r + 1 : r);
    const diffs: string[] = [];
    let compared = 0;
    for (const before of original.worksheets) {
      const after = now.getWorksheet(before.name);
      expect(after, before.name).toBeDefined();
      const ledger = before.name === SHEET;
      const rowOf = ledger ? map : (r: number) => r;
      for (let r = 1; r <= before.rowCount; r++) {
        if (ledger && touchedRows.has(rowOf(r))) continue;
        const width = Math.max(before.getRow(r).cellCount, after!.getRow(rowOf(r)).cellCount);
        for (let c = 1; c <= width; c++) {
          if (ledger && ours.has(c)) continue;
          const x = before.findCell(r, c);
          const y = after!.findCell(rowOf(r), c);
          const show = (cell: ExcelJS.Cell | undefined): string =>
            JSON.stringify([cell?.value ?? null, cell?.style ?? {}, cell?.note ?? null]);
          compared++;
          if (show(x) !== show(y)) diffs.push(`${before.name}!R${r}C${c}: ${show(x)} → ${show(y)}`);
        }
        if (before.getRow(r).height !== after!.getRow(rowOf(r)).height)
          diffs.push(`${before.name} row ${r} height`);
      }
      for (let c = 1; c <= before.columnCount; c++) {
        const [x, y] = [before.getColumn(c), after!.getColumn(c)];
        if (x.width !== y.width || !!x.hidden !== !!y.hidden)
          diffs.push(`${before.name} column ${c} width/hidden`);
      }
      expect(JSON.stringify(after!.views)).toBe(JSON.stringify(before.views));
      const merges = (ws: ExcelJS.Worksheet): string[] =>
        Object.keys((ws as unknown as { _merges: object })._merges).sort();
      expect(merges(after!)).toEqual(merges(before));
    }
    expect(diffs).toEqual([]);
    expect(compared).toBeGreaterThan(57 * 15);
    // The officer's formulas, validations and conditional formats are still there.
    const ws = now.getWorksheet(SHEET)!;
    expect(ws.getCell(62, COL.serial).value).toBe('合计');
    expect((ws.getCell(20, EXTRA.perHead).value as ExcelJS.CellFormulaValue).formula).toBe(
      'IFERROR(J20/I20,"")',
    );
    expect(ws.getCell(20, COL.level).dataValidation?.type).toBe('list');
    expect(
      (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings[0]!.ref,
    ).toBe('J4:J60');
  });

  it('pulls into a second copy, which converges to the server and to the pushed file', async () => {
    const b = path.join(dir, 'b.xlsx');
    const run = await pull(b);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sheets[0]).toMatchObject({ updated: 1, appended: 1, removed: 1, conflicts: [] });

    const server = await serverActivities();
    const mine = await activitiesById(b);
    expect(mine.size).toBe(server.size);
    for (const [id, fields] of server) expect(mine.get(id), id).toEqual(fields);
    expect(mine.has(edited.cleared!)).toBe(false);
    // The pushed file holds the same data, except the amount the server refused.
    const pushed = await activitiesById(path.join(dir, 'a', ACTIVITIES));
    expect([...pushed.keys()].sort()).toEqual([...mine.keys()].sort());
    for (const [id, fields] of pushed) if (id !== edited.invalid) expect(fields, id).toEqual(mine.get(id));

    // The new row sits above the footer, the removed row's place is closed, formulas follow their rows.
    const ws = (await load(b)).getWorksheet(SHEET)!;
    expect(ws.getCell(60, ADDED.id).value).toBe(edited.created);
    expect(ws.getCell(60, COL.name).value).toBe('教职工羽毛球友谊赛');
    expect(ws.getCell(60, COL.unit).value).toBe('机电学院工会');
    expect(ws.getCell(60, ADDED.status).value).toBe('已拉取');
    expect(ws.getCell(61, COL.serial).value).toBe('合计');
    expect(ws.getCell(62, COL.serial).value).toMatch(/^填表人/);
    expect((ws.getCell(7, EXTRA.perHead).value as ExcelJS.CellFormulaValue).formula).toBe(
      'IFERROR(J7/I7,"")',
    );
    expect(ws.getCell(5, COL.participants).value).toBe(130);

    // What the pull wrote hashes as the next push reads it: nothing to send.
    proxy.reset();
    const again = await push([b]);
    expect(again.code, again.stderr).toBe(0);
    expect(proxy.syncs).toHaveLength(0);
  }, 60_000);

  it('never overwrites a row edited locally and not pushed: it reports and marks a conflict', async () => {
    const b = path.join(dir, 'b.xlsx');
    const a = path.join(dir, 'a', ACTIVITIES);
    // b edits row 4 locally; a changes the same activity and pushes.
    const wbB = await load(b);
    wbB.getWorksheet(SHEET)!.getCell(4, COL.participants).value = 170;
    await wbB.xlsx.writeFile(b);
    const wbA = await load(a);
    wbA.getWorksheet(SHEET)!.getCell(4, COL.participants).value = 175;
    await wbA.xlsx.writeFile(a);
    expect((await push([a])).code).toBe(1); // row 6 is still invalid

    const run = await pull(b);
    expect(run.code).toBe(1);
    const conflicts = JSON.parse(run.stdout).sheets[0].conflicts;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ row: 4 });
    expect(conflicts[0].message).toMatch(
      /^该行已在服务器上被修改（admin，\d{4}-\d{2}-\d{2}），本地的修改尚未推送/,
    );
    const ws = (await load(b)).getWorksheet(SHEET)!;
    expect(ws.getCell(4, COL.participants).value).toBe(170);
    expect(ws.getCell(4, ADDED.status).value).toBe('冲突');
    expect(ws.getCell(4, ADDED.status).note).toBe(conflicts[0].message);
    expect((ws.getCell(4, ADDED.status).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      FILL_COLOURS.conflict,
    );
  }, 60_000);
});

describe('union-ledger report', () => {
  it('downloads the leadership workbook of the pushed year; officers are refused in Chinese', async () => {
    const out = path.join(dir, '2023年度汇总.xlsx');
    const env = { LOCAL_AUTH_SECRET: stack.secret };
    const run = await runCli(
      ['report', '--year', '2023', '--api', stack.url, '--user', 'leader', '--out', out],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['年度汇总', '分单位', '预算执行']),
    );
    const officer = await runCli(
      [
        'report',
        '--year',
        '2023',
        '--api',
        stack.url,
        '--user',
        'officer-arts',
        '--out',
        path.join(dir, 'x.xlsx'),
      ],
      env,
    );
    expect(officer.code).toBe(2);
    expect(officer.stderr).toContain('年度汇总工作簿仅供校领导、财务和校工会下载');
  }, 60_000);
});

describe('union-ledger push, access and failures', () => {
  it('answers an officer pushing another unit’s row with 无权维护… on that row', async () => {
    const file = path.join(dir, 'officer.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('机电学院活动');
    ws.addRow(['活动名称', '活动类别', '活动级别', '组织单位', '开始日期', '参与人次', '经费（元）']);
    ws.addRow(['机电学院登山活动', '文体活动', '二级工会', '机电学院工会', '2023-10-14', 60, 1800]);
    ws.addRow(['艺术学院合唱排练', '文体活动', '二级工会', '艺术学院工会', '2023-10-20', 30, 600]);
    await wb.xlsx.writeFile(file);
    const run = await push([file], 'officer-mech-info');
    expect(run.code, run.stderr).toBe(1);
    const after = (await load(file)).getWorksheet('机电学院活动')!;
    const status = (r: number): ExcelJS.Cell => after.getCell(r, 10);
    expect(after.getCell(1, 10).value).toBe('同步状态');
    expect(status(2).value).toBe('已新增');
    expect(status(3).value).toBe('无权限');
    expect(status(3).note).toContain('无权维护「艺术学院工会」的数据（本账号所属：机电学院工会）');
    expect((status(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILL_COLOURS.error);
  }, 60_000);

  it('on a network failure exits 2 in Chinese, keeps the completed chunk’s results, and the next push sends only the rest', async () => {
    const file = path.join(dir, 'members.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('新会员');
    ws.addRow(['工号', '姓名', '性别', '所属工会', '入会日期']);
    for (let i = 0; i < 600; i++)
      ws.addRow([`N${String(90000 + i)}`, `新会员${i}`, i % 2 ? '女' : '男', '艺术学院工会', '2023-09-01']);
    await wb.xlsx.writeFile(file);
    const membersBefore = (await client(stack.url, stack.tokens.admin).pullAll('members')).rows.length;

    // Nothing reachable at all: the file is not touched.
    const untouched = await readFile(file);
    const dead = await runCli(['push', file, '--api', 'http://127.0.0.1:9/api', '--user', 'admin'], {
      LOCAL_AUTH_SECRET: stack.secret,
    });
    expect(dead.code).toBe(2);
    expect(dead.stderr).toMatch(/错误：无法连接服务器/);
    expect((await readFile(file)).equals(untouched)).toBe(true);

    // The connection drops after the first chunk of 500.
    proxy.reset();
    proxy.failAfter = 1;
    const cut = await push([file]);
    proxy.failAfter = null;
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/错误：无法连接服务器/);
    expect(cut.stderr).toContain('已完成的 500 行已写回文件；其余 100 行尚未推送');
    const saved = await load(file);
    const ids = (r: number): unknown => saved.getWorksheet('新会员')!.getCell(r, 6).value;
    expect(ids(2)).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids(501)).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids(502)).toBeNull();
    const { states } = new ExcelJsWorkbook(saved).readStateDetailed();
    expect(Object.keys(states[0]!.hashes)).toHaveLength(500);

    proxy.reset();
    const rest = await push([file]);
    expect(rest.code, rest.stderr).toBe(0);
    expect(proxy.rows()).toBe(100);
    const membersAfter = (await client(stack.url, stack.tokens.admin).pullAll('members')).rows.length;
    expect(membersAfter - membersBefore).toBe(600);
  }, 90_000);
});

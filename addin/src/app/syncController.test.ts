import { beforeEach, describe, expect, it, vi } from 'vitest';
import { demoSettings } from '../../../shared/settings/index.js';
import { welfareSheet } from '../../../shared/sheet/testing.js';
import { createApiClient } from '../../../shared/api/client.js';
import { SyncController, type DeleteRequest, type Progress, type Session } from './syncController.js';
import { FakeServer } from './testing/fakeServer.js';
import { MemoryWorkbook, type MemoryWorksheet } from './testing/memoryWorkbook.js';

const SHEET = '慰问台账';
// welfareSheet(): header on row 3; data rows 4, 5 and 7; 合计 and 填表人 below; 13 columns A..M.
const ID = 14;
const REV = 15;
const STATUS = 16;
const AMOUNT = 9;

let server: FakeServer;
let book: MemoryWorkbook;
let sheet: MemoryWorksheet;
let controller: SyncController;
let ids: number;

function session(): Session {
  return {
    userId: 'officer-mech-info',
    name: '机电分工会干部',
    role: 'officer',
    unit: 'mech-info',
    settings: demoSettings,
  };
}

function setup(chunkSize = 500): void {
  server = new FakeServer();
  book = new MemoryWorkbook();
  const used = welfareSheet();
  sheet = book.addSheet(SHEET, used.values, used.merges);
  // Row 5 as shipped is over the 生病住院慰问 cap (an error); within it, every row is valid.
  sheet.edit(5, AMOUNT, '500.00元');
  ids = 0;
  const api = createApiClient({
    baseUrl: 'http://fake.local/api',
    token: () => 'tok',
    fetch: server.fetch,
    sleep: async () => {},
  });
  controller = new SyncController({
    workbook: book,
    api,
    session,
    newId: () => `row-0000-${String(++ids).padStart(4, '0')}`,
    today: () => '2023-12-31',
    chunkSize,
  });
}

const posts = (): unknown[] => server.requests.filter((r) => r.method === 'POST').map((r) => r.body);

beforeEach(() => setup());

describe('inspect and validate', () => {
  it('detects the ledger, its bound and unknown columns, and what a sync would send', async () => {
    const view = await controller.inspect(SHEET);
    expect(view.kind).toBe('welfare');
    expect(view.title).toBe('慰问台账');
    expect(view.headerRow).toBe(3);
    expect(view.columns.map((c) => c.header)).toContain('慰问日期');
    expect(view.unknownColumns.map((c) => `${c.letter}:${c.header}`)).toEqual(['L:联系电话']);
    expect(view.dataRows).toBe(3);
    expect(view.pending).toBe(3);
    expect(view.year).toBe(2023);
  });

  it('asks for the kind when detection cannot tell, and remembers the choice', async () => {
    const odd = book.addSheet('Sheet2', [
      ['工号', '姓名', '所属工会'],
      ['20150032', '张三', '机电学院'],
    ]);
    expect(odd).toBeDefined();
    const view = await controller.inspect('Sheet2');
    expect(view.kind).toBeNull();
    const chosen = await controller.chooseKind('Sheet2', 'members');
    expect(chosen.kind).toBe('members');
    expect(chosen.remembered).toBe(true);
    expect((await book.readState()).find((s) => s.sheet === 'Sheet2')?.kind).toBe('members');
  });

  it('validates locally with the Chinese messages, without a request and without writing', async () => {
    sheet.edit(7, AMOUNT, '一百元');
    const outcome = await controller.validate(SHEET);
    expect(server.requests).toHaveLength(0);
    expect(sheet.calls.write).toBe(0);
    const bad = outcome.results.find((r) => r.row === 7 && r.col === AMOUNT);
    expect(bad?.severity).toBe('error');
    expect(bad?.column).toBe('金额（元）');
    expect(bad?.message).toMatch(/金额/);
    expect(outcome.invalidRows).toBeGreaterThanOrEqual(1);
  });
});

describe('sync', () => {
  it('pushes new rows in chunks, writes ids, revisions and statuses back in one batch, hides the id columns', async () => {
    setup(2);
    const progress: Progress[] = [];
    const outcome = await controller.sync(SHEET, { onProgress: (p) => progress.push(p) });
    expect(posts()).toHaveLength(2);
    expect(outcome.sent).toBe(3);
    expect(outcome.failure).toBeNull();
    expect(sheet.get(3, ID)).toBe('_id');
    expect(sheet.get(3, REV)).toBe('_rev');
    expect(sheet.get(3, STATUS)).toBe('同步状态');
    expect(sheet.hidden).toEqual(new Set([ID, REV]));
    for (const row of [4, 5, 7]) {
      expect(sheet.get(row, ID)).toMatch(/^row-0000-/);
      expect(sheet.get(row, STATUS)).toBe('已新增');
    }
    // One write for the push's writeback; the pull after it finds only our own revisions.
    expect(sheet.calls.write).toBe(1);
    expect(progress.some((p) => p.phase === 'push')).toBe(true);
    expect(progress.some((p) => p.phase === 'pull')).toBe(true);
    const state = (await book.readState()).find((s) => s.sheet === SHEET)!;
    expect(state.kind).toBe('welfare');
    expect(state.since).toBeDefined();
    expect(Object.keys(state.hashes)).toHaveLength(3);
    expect(server.rows.size).toBe(3);
    expect(outcome.counts).toEqual({ created: 3 });
  });

  it('marks invalid cells with a note and a fill, and lists them with their cells', async () => {
    sheet.edit(7, AMOUNT, '一百元');
    const outcome = await controller.sync(SHEET);
    expect(sheet.get(7, STATUS)).toBe('有错误');
    expect(sheet.fill(7, AMOUNT)).toBe('error');
    expect(sheet.note(7, AMOUNT)).toMatch(/金额/);
    const item = outcome.results.find((r) => r.row === 7 && r.col === AMOUNT);
    expect(item?.status).toBe('invalid');
    expect(outcome.counts.invalid).toBe(1);
  });

  it('sends nothing the second time, and only the edited row (with its base revision) after an edit', async () => {
    await controller.sync(SHEET);
    const before = posts().length;
    const again = await controller.sync(SHEET);
    expect(posts()).toHaveLength(before);
    expect(again.sent).toBe(0);
    expect(again.counts.unchanged).toBe(3);

    const rev = sheet.get(4, REV);
    sheet.edit(4, AMOUNT, 350);
    const edited = await controller.sync(SHEET);
    expect(edited.sent).toBe(1);
    const last = posts().at(-1) as {
      rows: { rowId: string; baseRev: string; cells: Record<string, unknown> }[];
    };
    expect(last.rows).toHaveLength(1);
    expect(last.rows[0]!.baseRev).toBe(rev);
    expect(last.rows[0]!.cells.amount).toBe(350);
    expect(sheet.get(4, STATUS)).toBe('已更新');
    expect(sheet.get(4, REV)).not.toBe(rev);
  });

  it('offline: marks the unsent rows, keeps them pending, and sends them on retry', async () => {
    server.offline = true;
    const outcome = await controller.sync(SHEET);
    expect(outcome.failure?.kind).toBe('offline');
    expect(outcome.unsent).toBe(3);
    expect(outcome.pull).toBeNull();
    for (const row of [4, 5, 7]) {
      expect(sheet.get(row, STATUS)).toBe('失败');
      expect(sheet.note(row, STATUS)).toMatch(/网络不可用/);
    }
    expect((await book.readState()).find((s) => s.sheet === SHEET)?.hashes).toEqual({});
    expect((await controller.inspect(SHEET)).pending).toBe(3);
    const firstIds = [4, 5, 7].map((r) => sheet.get(r, ID));

    server.offline = false;
    const retry = await controller.sync(SHEET);
    expect(retry.failure).toBeNull();
    expect(retry.unsent).toBe(0);
    // The ids written while offline are kept: a create after a lost answer is idempotent.
    expect([4, 5, 7].map((r) => sheet.get(r, ID))).toEqual(firstIds);
    expect(sheet.get(4, STATUS)).toBe('已新增');
    expect(sheet.note(4, STATUS)).toBeUndefined();
  });

  it('asks before deleting a cleared row, and deletes it on the server only when allowed', async () => {
    await controller.sync(SHEET);
    const id = String(sheet.get(4, ID));
    for (let c = 2; c <= 13; c++) sheet.edit(4, c, '');
    const asked: DeleteRequest[][] = [];
    const declined = await controller.sync(SHEET, {
      confirmDeletes: async (requests) => {
        asked.push(requests);
        return [];
      },
    });
    expect(asked[0]).toEqual([
      expect.objectContaining({
        rowId: id,
        sheetRow: 4,
        reason: 'cleared',
        message: '该行内容已清空，是否从服务器删除？',
      }),
    ]);
    expect(declined.declinedDeletes).toBe(1);
    expect(server.rows.get(id)?.deleted).toBe(false);

    const confirm = vi.fn(async (requests: DeleteRequest[]) => requests.map((r) => r.rowId));
    const allowed = await controller.sync(SHEET, { confirmDeletes: confirm });
    expect(allowed.counts.deleted).toBe(1);
    expect(server.rows.get(id)?.deleted).toBe(true);
    expect(sheet.get(4, STATUS)).toBe('已删除');
    expect(sheet.get(4, ID)).toBe('');
  });
});

describe('pull and conflicts', () => {
  it('appends rows created by others, updates rows changed by others, removes tombstones', async () => {
    await controller.sync(SHEET);
    const id4 = String(sheet.get(4, ID));
    const id7 = String(sheet.get(7, ID));
    server.change(id4, { amount: 50000 });
    server.remove(id7);
    server.insert('welfare', 'other-row-0001', {
      date: '2023-05-01',
      staffNo: '20190001',
      name: '赵敏',
      unit: 'mech-info',
      type: '生日慰问',
      festival: null,
      form: '蛋糕券',
      amount: 20000,
      reason: null,
      signed: true,
      remarks: null,
    });
    const outcome = await controller.pull(SHEET);
    expect(outcome).toMatchObject({ added: 1, updated: 1, deleted: 1, conflicts: [] });
    expect(sheet.get(4, AMOUNT)).toBe(500);
    // Row 7 was removed: the rows below moved up one.
    const added = [...Array(20).keys()].map((i) => i + 1).find((r) => sheet.get(r, ID) === 'other-row-0001');
    expect(added).toBeDefined();
    expect(sheet.get(added!, 4)).toBe('赵敏');
    expect(sheet.get(added!, 5)).toBe('机电学院工会');
    expect(sheet.get(added!, AMOUNT)).toBe(200);
    expect(sheet.get(added!, 11)).toBe('是');
    expect((await controller.inspect(SHEET)).pending).toBe(0);
  });

  it('a row changed on both sides is a conflict showing both values; 保留我的 overwrites the server', async () => {
    await controller.sync(SHEET);
    const id = String(sheet.get(4, ID));
    server.change(id, { amount: 45000 });
    sheet.edit(4, AMOUNT, 320);
    const outcome = await controller.sync(SHEET);
    expect(outcome.conflicts).toHaveLength(1);
    const conflict = outcome.conflicts[0]!;
    expect(conflict.sheetRow).toBe(4);
    const amount = conflict.fields.find((f) => f.field === 'amount')!;
    expect(amount).toMatchObject({ mine: '320', theirs: '450', differs: true });
    expect(conflict.fields.find((f) => f.field === 'name')?.differs).toBe(false);
    expect(sheet.get(4, STATUS)).toBe('冲突');
    expect(sheet.fill(4, STATUS)).toBe('conflict');

    const resolved = await controller.resolve(SHEET, conflict, 'mine');
    expect('conflicts' in resolved && resolved.conflicts).toEqual([]);
    expect(server.rows.get(id)?.fields.amount).toBe(32000);
    expect(sheet.get(4, STATUS)).toBe('已更新');
  });

  it('采用服务器的 writes the server version into the row and forgets the local edit', async () => {
    await controller.sync(SHEET);
    const id = String(sheet.get(4, ID));
    server.change(id, { amount: 45000 });
    sheet.edit(4, AMOUNT, 320);
    const { conflicts } = await controller.sync(SHEET);
    await controller.resolve(SHEET, conflicts[0]!, 'server');
    expect(sheet.get(4, AMOUNT)).toBe(450);
    expect(sheet.get(4, REV)).toBe(server.rows.get(id)?.rev);
    const again = await controller.sync(SHEET);
    expect(again.sent).toBe(0);
    expect(again.conflicts).toEqual([]);
  });

  it('a pull leaves a row with unsent edits alone and reports the conflict', async () => {
    await controller.sync(SHEET);
    const id = String(sheet.get(5, ID));
    server.change(id, { remarks: '服务器备注' });
    sheet.edit(5, 13, '我的备注');
    const outcome = await controller.pull(SHEET);
    expect(outcome.updated).toBe(0);
    expect(outcome.conflicts.map((c) => c.rowId)).toEqual([id]);
    expect(sheet.get(5, 13)).toBe('我的备注');
  });
});

describe('identity numbers (§4.6)', () => {
  it('sends only the last four characters and warns about the full number', async () => {
    book = new MemoryWorkbook();
    sheet = book.addSheet('会员名册', [
      ['工号', '姓名', '所属工会', '性别', '入会日期', '身份证号'],
      ['20150032', '张三', '机电学院工会', '男', '2010-09-01', '50010119800101123x'],
    ]);
    controller = new SyncController({
      workbook: book,
      api: createApiClient({ baseUrl: 'http://fake.local/api', token: () => 't', fetch: server.fetch }),
      session,
      today: () => '2023-12-31',
    });
    const outcome = await controller.sync('会员名册');
    const sentRow = (posts()[0] as { rows: { cells: Record<string, unknown> }[] }).rows[0]!;
    expect(sentRow.cells.idLast4).toBe('123X');
    expect(JSON.stringify(posts())).not.toContain('500101');
    expect(outcome.results.some((r) => r.severity === 'warning' && r.message.includes('仅上传后四位'))).toBe(
      true,
    );
    expect(sheet.get(2, 6)).toBe('50010119800101123x');
  });
});

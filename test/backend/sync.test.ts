import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, RowResult } from '../../shared/api/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, memberRow, testStack, type PushRow } from './helpers.js';

/** Push over real HTTP: results per row, scope, concurrency, idempotent retries, tombstones, audit. */
let stack: LocalStack;
let admin: ReturnType<typeof client>;
let mech: ReturnType<typeof client>;
let arts: ReturnType<typeof client>;
let leader: ReturnType<typeof client>;

beforeAll(async () => {
  stack = await testStack();
  admin = client(stack.url, stack.tokens.admin);
  mech = client(stack.url, stack.tokens['officer-mech-info']);
  arts = client(stack.url, stack.tokens['officer-arts']);
  leader = client(stack.url, stack.tokens.leader);
});
afterAll(() => stack.close());

const statuses = (results: RowResult[]): string[] => results.map((r) => r.status);

describe('push', () => {
  it('creates rows for admin and officers, one result per row, and refuses other units and the leader', async () => {
    const byAdmin = [memberRow('机电学院工会'), memberRow('艺术学院')];
    const byMech = [memberRow('机电学院工会'), memberRow('机电'), memberRow('艺术学院工会')];
    const [a, m, l] = await Promise.all([
      admin.push('members', byAdmin),
      mech.push('members', byMech),
      leader.push('members', [memberRow('机电学院工会')]),
    ]);
    expect(statuses(a)).toEqual(['created', 'created']);
    expect(a.every((r) => r.rev)).toBe(true);
    expect(statuses(m)).toEqual(['created', 'created', 'forbidden']);
    expect(m[2]!.issues.at(-1)?.message).toBe('无权维护「艺术学院工会」的数据（本账号所属：机电学院工会）');
    expect(statuses(l)).toEqual(['forbidden']);
    expect(l[0]!.issues[0]!.message).toBe('当前账号只能查看，不能修改数据');
    // An officer's sheet without a unit column: rows default to the officer's unit.
    const noUnit = memberRow('');
    delete noUnit.cells.unit;
    const [own] = await mech.push('members', [noUnit]);
    expect(own!.status).toBe('created');
    const pulled = await admin.pullAll('members');
    expect(pulled.rows.find((r) => r.rowId === noUnit.rowId)?.unit).toBe('mech-info');
  });

  it('answers invalid rows with Chinese messages and still stores the others of the chunk', async () => {
    const good = memberRow('机电学院工会');
    const badDate = memberRow('机电学院工会', { joinDate: '2023-02-30' });
    const badShape = {
      rowId: 'bad-shape-0001',
      baseRev: null,
      cells: { name: { nested: true } },
    } as unknown as PushRow;
    const dupA = memberRow('机电学院工会');
    const dupB = { ...memberRow('机电学院工会'), sheetRow: 9 };
    dupB.cells.staffNo = dupA.cells.staffNo!;
    dupA.sheetRow = 8;
    good.sheetRow = 5;
    badDate.sheetRow = 6;
    const results = await admin.push('members', [good, badDate, badShape, dupA, dupB], {
      joinDate: '入会时间',
    });
    expect(statuses(results)).toEqual(['created', 'invalid', 'invalid', 'created', 'invalid']);
    expect(results[1]!.issues[0]).toMatchObject({ field: 'joinDate', severity: 'error' });
    expect(results[1]!.issues[0]!.message).toBe('「入会时间」不是有效日期（示例：2023-03-08）');
    expect(results[2]!.issues[0]!.code).toBe('row.format');
    // The members message names the earlier sheet row itself (第8行), so the issue carries no `related`.
    expect(results[4]!.issues.at(-1)).toMatchObject({ code: 'members.duplicate', field: 'staffNo' });
    expect(results[4]!.issues.at(-1)!.message).toBe(`工号“${dupA.cells.staffNo}”重复（第8行）`);
  });

  it('is idempotent: a retried push creates nothing twice and answers unchanged with the current revision', async () => {
    const rows = [memberRow('艺术学院'), memberRow('艺术学院')];
    const first = await arts.push('members', rows);
    const before = (await admin.pullAll('members')).rows.length;
    // The response was "lost": the client still has baseRev null.
    const retry = await arts.push('members', rows);
    expect(statuses(retry)).toEqual(['unchanged', 'unchanged']);
    expect(retry.map((r) => r.rev)).toEqual(first.map((r) => r.rev));
    expect((await admin.pullAll('members')).rows.length).toBe(before);
    // A retried update after a lost response: the stored content already is the pushed one.
    const edited = { ...rows[0]!, baseRev: first[0]!.rev!, cells: { ...rows[0]!.cells, name: '改名' } };
    const [updated] = await arts.push('members', [edited]);
    const [again] = await arts.push('members', [edited]);
    expect(updated!.status).toBe('updated');
    expect(again).toMatchObject({ status: 'unchanged', rev: updated!.rev });
  });

  it('answers a stale base revision with conflict and the server values', async () => {
    const row = memberRow('机电学院工会');
    const [created] = await mech.push('members', [row]);
    const [adminEdit] = await admin.push('members', [
      { ...row, baseRev: created!.rev!, cells: { ...row.cells, name: '管理员改' } },
    ]);
    expect(adminEdit!.status).toBe('updated');
    const [stale] = await mech.push('members', [
      { ...row, baseRev: created!.rev!, cells: { ...row.cells, name: '干部改' } },
    ]);
    expect(stale!.status).toBe('conflict');
    expect(stale!.server).toMatchObject({
      rowId: row.rowId,
      rev: adminEdit!.rev,
      updatedBy: 'admin',
      deleted: false,
    });
    expect(stale!.server!.fields.name).toBe('管理员改');
    expect(stale!.issues.at(-1)?.code).toBe('row.conflict');
  });

  it('turns a delete into a tombstone that a pull returns, and a retried delete changes nothing', async () => {
    const row = memberRow('机电学院工会');
    const [created] = await mech.push('members', [row]);
    const { next } = await mech.pullAll('members');
    const del: PushRow = { rowId: row.rowId, baseRev: created!.rev!, cells: {}, delete: true };
    const [deleted] = await mech.push('members', [del]);
    expect(deleted!.status).toBe('deleted');
    const [retried] = await mech.push('members', [del]);
    expect(retried).toMatchObject({ status: 'deleted', rev: deleted!.rev });
    const changes = await mech.pullAll('members', next);
    const tomb = changes.rows.find((r) => r.rowId === row.rowId);
    expect(tomb).toMatchObject({ deleted: true, rev: deleted!.rev, unit: 'mech-info' });
    // A delete based on an old revision of a changed row is a conflict, not a silent loss.
    const other = memberRow('机电学院工会');
    const [c2] = await mech.push('members', [other]);
    await admin.push('members', [{ ...other, baseRev: c2!.rev!, cells: { ...other.cells, name: '又改了' } }]);
    const [refused] = await mech.push('members', [
      { rowId: other.rowId, baseRev: c2!.rev!, cells: {}, delete: true },
    ]);
    expect(refused!.status).toBe('conflict');
  });

  it('keeps each officer to their own unit for reading too', async () => {
    const pulledByArts = await arts.pullAll('members');
    expect(pulledByArts.rows.length).toBeGreaterThan(0);
    expect(new Set(pulledByArts.rows.map((r) => r.unit))).toEqual(new Set(['arts']));
    const otherUnit = await arts.get('summary?year=2023&unit=mech-info');
    expect(otherUnit.status).toBe(403);
    expect(otherUnit.body).toMatchObject({ error: { code: 'forbidden' } });
    const own = await arts.get<{ unit: string }>('summary?year=2023');
    expect(own.status).toBe(200);
    expect(own.body.unit).toBe('arts');
    // An officer may not touch another unit's stored row by its id either.
    const mechRow = (await mech.pullAll('members')).rows.find((r) => !r.deleted)!;
    const [hijack] = await arts.push('members', [
      {
        rowId: mechRow.rowId,
        baseRev: mechRow.rev,
        cells: { ...(mechRow.fields as Record<string, string>), unit: '艺术学院' },
      },
    ]);
    expect(hijack!.status).toBe('forbidden');
  });

  it('records one audit entry per accepted change, with before and after of the changed fields, for admin only', async () => {
    const row = memberRow('机电学院工会');
    const [created] = await mech.push('members', [row]);
    await mech.push('members', [{ ...row, baseRev: created!.rev!, cells: { ...row.cells, name: '新名字' } }]);
    const audit = await admin.get<AuditResponse>(`audit?kind=members&rowId=${row.rowId}`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(audit.body.entries[1]!.by).toBe('officer-mech-info');
    expect(audit.body.entries[1]!.changes).toEqual({ name: { before: row.cells.name, after: '新名字' } });
    expect((await mech.get(`audit?kind=members&rowId=${row.rowId}`)).status).toBe(403);
  });
});

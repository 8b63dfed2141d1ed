import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowResult, SyncResponse } from '../../shared/api/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, memberRow, rowId, testStack, type PushRow } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';

/**
 * Issue 14 — one rule for what a caller may learn. An officer of unit A who knows (or guesses)
 * the 工号 of a member of unit B probes every check that reads the roster or the stored rows:
 * a wrong name, a blank unit, 儿童节/三八节/生日 rules, the membership date, duplicates on the
 * dates of B's hardship help, the festival cap, a members row with B's 工号, rows that are
 * refused. No answer may hold B's member's name, 工号, unit or a date of theirs, and no answer
 * may differ between a true guess and a false one (an oracle tells as much as a name).
 */
const A_NAME = '机电学院工会';
const B_NAME = '文新学院工会';
const B_MEMBER = { name: '保密者丙', birthMonth: '1980-07', gender: '男' };
const HARDSHIP_DATE = '2023-04-10';
const FESTIVAL_DATE = '2023-01-15';
const HARDSHIP_REASON = '家庭变故保密事由';
const WARMTH_REASON = '送温暖保密事由';

let stack: LocalStack;
let staffNoB = '';
const figures = { probes: 0, leaks: [] as string[] };
afterAll(async () => {
  await stack?.close();
  recordFigures('disclosure', { crossUnitProbes: figures.probes, leaks: figures.leaks.length });
});

const admin = () => client(stack.url, stack.tokens.admin);
const officerA = () => client(stack.url, stack.tokens['officer-mech-info']);

function welfare(cells: PushRow['cells']): PushRow {
  return {
    rowId: rowId(),
    baseRev: null,
    cells: {
      date: '2023-06-01',
      staffNo: staffNoB,
      name: '随便写',
      unit: A_NAME,
      type: '生病住院慰问',
      form: '慰问金',
      amount: 300,
      reason: '住院',
      ...cells,
    },
  };
}

beforeAll(async () => {
  stack = await testStack();
  const member = memberRow(B_NAME, {
    name: B_MEMBER.name,
    gender: B_MEMBER.gender,
    birthMonth: B_MEMBER.birthMonth,
    joinDate: '2016-03-01',
    childrenUnder14: 0,
  });
  staffNoB = String(member.cells.staffNo);
  expect((await admin().push('members', [member]))[0]?.status).toBe('created');
  const theirs = await admin().push('welfare', [
    welfare({
      unit: B_NAME,
      name: B_MEMBER.name,
      type: '困难帮扶',
      date: HARDSHIP_DATE,
      amount: 2000,
      reason: HARDSHIP_REASON,
    }),
    welfare({
      unit: B_NAME,
      name: B_MEMBER.name,
      type: '送温暖',
      date: '2023-12-20',
      amount: 500,
      reason: WARMTH_REASON,
    }),
    welfare({
      unit: B_NAME,
      name: B_MEMBER.name,
      type: '节日慰问',
      festival: '春节',
      form: '慰问品',
      date: FESTIVAL_DATE,
      amount: 900,
      reason: null,
    }),
  ]);
  expect(theirs.map((r) => r.status)).toEqual(['created', 'created', 'created']);
  const checkup = await admin().push('checkups', [
    {
      rowId: rowId(),
      baseRev: null,
      cells: { date: '2023-05-05', staffNo: staffNoB, name: B_MEMBER.name, unit: B_NAME, org: '某医院' },
    },
  ]);
  expect(checkup[0]?.status, JSON.stringify(checkup)).toBe('created');
}, 60_000);

/** What B's member is: no answer to officer A may name any of it. */
function secrets(): Record<string, string> {
  return {
    name: B_MEMBER.name,
    staffNo: staffNoB,
    unit: B_NAME,
    unitId: 'lit-news',
    'unit short name': '文新',
    'hardship date': HARDSHIP_DATE,
    'festival date': FESTIVAL_DATE,
  };
}

/** One probe: the answer must name nothing of B that the request did not send itself. */
async function probe(what: string, kind: string, rows: PushRow[]): Promise<RowResult[]> {
  figures.probes++;
  const r = await officerA().post<SyncResponse>(`ledgers/${kind}/sync`, { rows });
  expect(r.status, what).toBe(200);
  const sent = JSON.stringify(rows);
  const answer = JSON.stringify(r.body);
  for (const [key, value] of Object.entries(secrets()))
    if (answer.includes(value) && !sent.includes(value)) figures.leaks.push(`${what}: ${key} in ${answer}`);
  return r.body.results;
}

/** The answer without the row ids: what a true and a false guess must share. */
const shape = (results: RowResult[]): string =>
  JSON.stringify(results.map(({ rowId: _id, rev: _rev, ...rest }) => rest));

/** A guess about B that is true and one that is false get the same answer. */
async function oracle(what: string, kind: string, truth: PushRow, lie: PushRow): Promise<void> {
  const answers: RowResult[][] = [];
  for (const [row, label] of [
    [truth, 'true'],
    [lie, 'false'],
  ] as const) {
    const results = await probe(`${what} (${label})`, kind, [row]);
    answers.push(results);
    // Undo what the probe wrote, so that the next one starts from the same store.
    const r = results[0];
    if (r?.rev && (r.status === 'created' || r.status === 'updated'))
      await officerA().post(`ledgers/${kind}/sync`, { rows: [{ ...row, baseRev: r.rev, delete: true }] });
  }
  const [a, b] = answers.map(shape);
  if (a !== b) figures.leaks.push(`${what}: ${a} ≠ ${b}`);
}

describe('cross-unit probes (issue 14: one rule for what a caller may learn)', () => {
  it("never names another unit's member, unit or dates, and answers a true guess as a false one", async () => {
    const mark = figures.leaks.length;
    // The roster: a wrong name, a blank unit (filled from the roster), the person rules.
    await probe('wrong name', 'welfare', [welfare({ name: '错名字' })]);
    await probe('blank unit', 'welfare', [welfare({ unit: null })]);
    await oracle(
      'children under 14',
      'welfare',
      welfare({ type: '儿童节慰问', form: '慰问品', amount: 100, reason: null }),
      welfare({ type: '儿童节慰问', form: '慰问品', amount: 100, reason: null, staffNo: 'Z99990001' }),
    );
    await oracle(
      'gender',
      'welfare',
      welfare({ type: '三八节慰问', form: '慰问品', amount: 100, reason: null }),
      welfare({ type: '三八节慰问', form: '慰问品', amount: 100, reason: null, staffNo: 'Z99990002' }),
    );
    await oracle(
      'birth month',
      'welfare',
      welfare({ type: '生日慰问', form: '蛋糕券', amount: 100, reason: null, date: '2023-02-01' }),
      welfare({ type: '生日慰问', form: '蛋糕券', amount: 100, reason: null, date: '2023-07-01' }),
    );
    await oracle(
      'membership date',
      'welfare',
      welfare({ date: '2015-06-01' }),
      welfare({ date: '2017-06-01' }),
    );
    // Duplicates: guessing the date of B's hardship help, and B's festival and checkup.
    await oracle(
      'date of hardship help',
      'welfare',
      welfare({ type: '困难帮扶', date: HARDSHIP_DATE, amount: 1000 }),
      welfare({ type: '困难帮扶', date: '2023-04-11', amount: 1000 }),
    );
    await oracle(
      'festival already given',
      'welfare',
      welfare({ type: '节日慰问', festival: '春节', form: '慰问品', amount: 900, reason: null }),
      welfare({ type: '节日慰问', festival: '端午节', form: '慰问品', amount: 900, reason: null }),
    );
    const checkup = (date: string): PushRow => ({
      rowId: rowId(),
      baseRev: null,
      cells: { date, staffNo: staffNoB, name: '随便写', unit: A_NAME, org: '某医院' },
    });
    await oracle('checkup this year', 'checkups', checkup('2023-09-09'), checkup('2022-09-09'));
    // A members row with B's 工号: refused, without B's name, unit or dates.
    const taken = await probe('members row with a taken 工号', 'members', [
      memberRow(A_NAME, { staffNo: staffNoB, name: '冒名' }),
    ]);
    expect(taken[0]?.status).toBe('invalid');
    // A refused row gets the refusal and nothing else.
    const refused = await probe('row of another unit', 'welfare', [
      welfare({
        unit: B_NAME,
        name: '错名字',
        type: '儿童节慰问',
        form: '慰问品',
        amount: 100,
        reason: null,
      }),
    ]);
    expect(refused[0]?.status).toBe('forbidden');
    expect(refused[0]?.issues.map((i) => i.code)).toEqual(['forbidden']);
    expect(figures.leaks.slice(mark)).toEqual([]);
  }, 60_000);

  it('keeps DOMAIN.md messages for admin and for the member’s own unit', async () => {
    const officerB = client(stack.url, stack.tokens['officer-lit-news']);
    for (const api of [admin(), officerB]) {
      const [r] = await api.push('welfare', [
        welfare({
          unit: B_NAME,
          name: '错名字',
          type: '儿童节慰问',
          form: '慰问品',
          amount: 100,
          reason: null,
        }),
      ]);
      const messages = r!.issues.map((i) => i.message);
      expect(messages).toContain(`姓名与会员名册不一致（名册为：${B_MEMBER.name}）`);
      expect(messages).toContain('该会员名册中无14周岁以下子女');
      await api.push('welfare', [{ ...welfare({}), rowId: r!.rowId, baseRev: r!.rev!, delete: true }]);
    }
  });
});

/** The text of every XML part of a workbook downloaded as `user`. */
async function workbookText(user: string): Promise<string> {
  const r = await fetch(`${stack.url}/reports/annual.xlsx?year=2023`, {
    headers: { authorization: `Bearer ${stack.tokens[user]}` },
  });
  expect(r.status, user).toBe(200);
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(Buffer.from(await r.arrayBuffer()));
  const parts = Object.values(zip.files).filter((f) => !f.dir);
  return (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
}

describe('sensitive welfare (issue 14: 困难帮扶 and the types settings mark)', () => {
  const person = (text: string): string[] =>
    [B_MEMBER.name, staffNoB, HARDSHIP_REASON].filter((secret) => text.includes(secret));

  it("shows finance the date, unit, type and amount of 困难帮扶, and the person and 事由 only to admin and the row's unit", async () => {
    const hardship = (rows: { fields: Record<string, unknown> }[]) =>
      rows.find((r) => r.fields.type === '困难帮扶' && r.fields.date === HARDSHIP_DATE);
    const finance = hardship((await client(stack.url, stack.tokens.finance).pullAll('welfare')).rows);
    expect(finance?.fields).toEqual({
      date: HARDSHIP_DATE,
      unit: 'lit-news',
      type: '困难帮扶',
      amount: 200000,
    });
    for (const user of ['admin', 'officer-lit-news']) {
      const full = hardship((await client(stack.url, stack.tokens[user]).pullAll('welfare')).rows);
      expect(full?.fields, user).toMatchObject({
        name: B_MEMBER.name,
        staffNo: staffNoB,
        reason: HARDSHIP_REASON,
      });
    }
    // The rows behind a figure (GET /api/summary/rows) show them as pull does.
    const behind = await client(stack.url, stack.tokens.finance).get<{
      rows: { fields: Record<string, unknown> }[];
    }>('summary/rows?year=2023&key=welfare.personTimes&size=200');
    expect(behind.status).toBe(200);
    expect(hardship(behind.body.rows)?.fields).toEqual({
      date: HARDSHIP_DATE,
      unit: 'lit-news',
      type: '困难帮扶',
      amount: 200000,
    });
    // Other welfare rows keep their person for finance (it pays them).
    const festival = (await client(stack.url, stack.tokens.finance).pullAll('welfare')).rows.find(
      (r) => r.fields.date === FESTIVAL_DATE,
    );
    expect(festival?.fields.name).toBe(B_MEMBER.name);
  });

  it('leaves the person and 事由 out of the workbook of finance and the leader, and every row of them out of the leader’s', async () => {
    expect(person(await workbookText('admin'))).toEqual([B_MEMBER.name, staffNoB, HARDSHIP_REASON]);
    const finance = await workbookText('finance');
    expect(finance).not.toContain(HARDSHIP_REASON);
    const leader = await workbookText('leader');
    expect(leader).not.toContain(HARDSHIP_REASON);
    expect(leader).not.toContain(HARDSHIP_DATE);
    // The aggregates still count the row: 困难帮扶 appears in the leader's 慰问统计.
    expect(leader).toContain('困难帮扶');
    // The summaries are figures, no person.
    for (const user of ['leader', 'finance']) {
      const summary = await client(stack.url, stack.tokens[user]).get('summary?year=2023');
      expect(person(JSON.stringify(summary.body)), user).toEqual([]);
    }
  });

  it('treats a type the settings mark sensitive as 困难帮扶', async () => {
    const warmth = async () =>
      (await client(stack.url, stack.tokens.finance).pullAll('welfare')).rows.find(
        (r) => r.fields.type === '送温暖',
      );
    expect((await warmth())?.fields.reason).toBe(WARMTH_REASON);
    const current = (await admin().get<{ settings: Record<string, unknown>; rev: string }>('settings')).body;
    const put = await admin().put('settings', { ...current.settings, sensitiveWelfareTypes: ['送温暖'] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await warmth())?.fields).toEqual({
      date: '2023-12-20',
      unit: 'lit-news',
      type: '送温暖',
      amount: 50000,
    });
    expect(await workbookText('finance')).not.toContain(WARMTH_REASON);
    const bad = await admin().put('settings', {
      ...current.settings,
      sensitiveWelfareTypes: ['不存在的类别'],
    });
    expect(bad.status).toBe(400);
    expect((await admin().put('settings', current.settings)).status).toBe(200);
  });
});

describe('rows moved to another unit (issue 14)', () => {
  it("reach the old unit's incremental pull as tombstones, with nothing of their new content", async () => {
    const officer = officerA();
    const row = memberRow(A_NAME, { name: '调出者丁', phone: '13900001111', hardship: '是' });
    const [created] = await admin().push('members', [row]);
    const first = await officer.pullAll('members');
    expect(first.rows.some((r) => r.rowId === row.rowId && !r.deleted)).toBe(true);
    const [moved] = await admin().push('members', [
      { ...row, baseRev: created!.rev!, cells: { ...row.cells, unit: B_NAME, name: '调出者丁' } },
    ]);
    expect(moved?.status).toBe('updated');
    const next = await officer.pullAll('members', first.next);
    const seen = next.rows.filter((r) => r.rowId === row.rowId);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ deleted: true, fields: {} });
    expect(JSON.stringify(next.rows)).not.toContain(B_NAME);
    expect(JSON.stringify(seen)).not.toContain('lit-news');
    // Moved on again, and back: the first unit sees the row live again, the second a tombstone.
    const officerB = client(stack.url, stack.tokens['officer-lit-news']);
    const bFirst = await officerB.pullAll('members');
    expect(bFirst.rows.some((r) => r.rowId === row.rowId && !r.deleted)).toBe(true);
    const [back] = await admin().push('members', [{ ...row, baseRev: moved!.rev! }]);
    expect(back?.status).toBe('updated');
    const bNext = await officerB.pullAll('members', bFirst.next);
    expect(bNext.rows.filter((r) => r.rowId === row.rowId)).toMatchObject([{ deleted: true, fields: {} }]);
    const aAgain = await officer.pullAll('members', next.next);
    expect(aAgain.rows.filter((r) => r.rowId === row.rowId)).toMatchObject([{ deleted: false }]);
  });
});

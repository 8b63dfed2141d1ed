import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backup, RowResult, SyncResponse } from '../../shared/api/index.js';
import { DEMO_YEAR_WARNINGS } from '../../shared/demo/index.js';
import { demoSettings, findUnit } from '../../shared/settings/index.js';
import type { AnnualSummary, BudgetExecution } from '../../shared/summary/index.js';
import { demoPushes, type DemoPush } from '../../functions/src/local/demoPushes.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, testStack } from './helpers.js';

/**
 * Issue 4 "Done when": the 2023 demo workbooks pushed over HTTP — members by each unit's
 * officer, budget and expenses by finance, the rest by admin — give every figure of DOMAIN.md
 * §6 and the budget execution of §8.3; a backup restored into a fresh store gives them again.
 */
let stack: LocalStack;
const results: { push: DemoPush; user: string; results: RowResult[]; answered: string[] }[] = [];

/** Who pushes a chunk: a members chunk is split by unit among the officers. */
function byPusher(push: DemoPush): { user: string; push: DemoPush }[] {
  if (push.kind === 'budget' || push.kind === 'expenses') return [{ user: 'finance', push }];
  if (push.kind !== 'members') return [{ user: 'admin', push }];
  const byUnit = new Map<string, DemoPush>();
  for (const row of push.rows) {
    const unit = findUnit(demoSettings, row.cells.unit)!.id;
    const own = byUnit.get(unit) ?? { ...push, rows: [] };
    own.rows.push(row);
    byUnit.set(unit, own);
  }
  return [...byUnit].map(([unit, p]) => ({ user: `officer-${unit}`, push: p }));
}

async function pushAll(pushes: DemoPush[]): Promise<void> {
  const jobs = pushes.flatMap(byPusher);
  const perLedger = new Map<string, typeof jobs>();
  for (const job of jobs)
    perLedger.set(`${job.push.kind}|${job.user}`, [
      ...(perLedger.get(`${job.push.kind}|${job.user}`) ?? []),
      job,
    ]);
  await Promise.all(
    [...perLedger.values()].map(async (list) => {
      for (const { user, push } of list) {
        const r = await client(stack.url, stack.tokens[user]).post<SyncResponse>(
          `ledgers/${push.kind}/sync`,
          {
            headers: push.headers,
            rows: push.rows,
          },
        );
        expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
        results.push({ push, user, results: r.body.results, answered: Object.keys(r.body) });
      }
    }),
  );
}

beforeAll(async () => {
  stack = await testStack();
  const pushes = demoPushes();
  // The roster first, budget lines before expenses: later checks read them from the store.
  await pushAll(pushes.filter((p) => p.kind === 'members'));
  await pushAll(pushes.filter((p) => p.kind !== 'members' && p.kind !== 'expenses'));
  await pushAll(pushes.filter((p) => p.kind === 'expenses'));
});
afterAll(() => stack.close());

const round = (n: number): number => Math.round(n * 100) / 100;

function checkSection6(s: AnnualSummary): void {
  expect(s.members).toMatchObject({ total: 1036, female: 548, reps: 150 });
  expect(s.welfare).toMatchObject({ personTimes: 3226, persons: 1036, amount: 1_310_500 });
  expect(s.checkups.persons).toBe(858);
  expect(s.activities).toMatchObject({
    schoolSports: 9,
    subUnionSports: 35,
    subUnionParticipants: 4126,
    politicalStudies: 3,
  });
  expect(s.activities.socials.map((a) => a.name)).toEqual([
    '2023年“渝见 会聚良缘”联谊活动',
    '“科创未来 文筑幸福”联谊活动',
  ]);
  expect(s.activities.cadreStudies).toHaveLength(3);
  expect(s.activities.repTrainings).toHaveLength(1);
  expect(s.awards.themed).toHaveLength(1);
  expect(s.awards.external).toHaveLength(3);
  expect(s.enrolment.placed).toBe(2);
  expect(s.honours).toMatchObject({ advancedCollectives: 3, excellentMembers: 39, redBannerCandidates: 1 });
  expect(s.proposals).toMatchObject({
    total: 47,
    accepted: 26,
    replyRate: 1,
    suggestions: 16,
    rejected: 5,
    satisfied: 19,
    basicallySatisfied: 6,
    dissatisfied: 1,
    closed: 25,
  });
  expect(s.congress?.reports).toHaveLength(6);
  expect(s.executive?.items).toHaveLength(3);
  expect(s.participation).toMatchObject({ satIn: 8, consulted: 7 });
  expect(s.ideas).toMatchObject({ total: 14, golden: 1, excellent: 3 });
  expect(s.mailbox?.received).toBe(0);
  expect(s.homes).toMatchObject({ qualifiedSmallHomes: 5, advancedSmallHomes: 5 });
  expect(s.homes?.schoolHome?.grade).toBe('先进');
  expect(s.homes?.pairings).toHaveLength(4);
  expect(s.budget).toEqual({ total: 2_395_400, actual: 2_150_680, rate: 0.8978 });
  expect(s.warnings).toEqual([]);
}

describe('the 2023 demo year over HTTP', () => {
  it('stores every row, with only the one expected warning', () => {
    const all = results.flatMap((r) => r.results);
    expect(all).toHaveLength(5579);
    const notCreated = all.filter((r) => r.status !== 'created');
    expect(notCreated, JSON.stringify(notCreated.slice(0, 3))).toEqual([]);
    const warnings = all.flatMap((r) => r.issues.map((i) => i.message));
    expect(warnings).toEqual(DEMO_YEAR_WARNINGS.map((w) => w.message));
    const officers = new Set(results.filter((r) => r.push.kind === 'members').map((r) => r.user));
    expect(officers.size).toBe(12);
  });

  it('returns every figure of DOMAIN.md §6', async () => {
    const r = await client(stack.url, stack.tokens.leader).get<AnnualSummary>('summary?year=2023');
    expect(r.status).toBe(200);
    checkSection6(r.body);
  });

  it('returns the budget execution of §8.3', async () => {
    const r = await client(stack.url, stack.tokens.finance).get<BudgetExecution>(
      'budget-execution?year=2023',
    );
    expect(r.status).toBe(200);
    const school = r.body.units.find((u) => u.unit === 'school')!;
    const line = (account: string) => school.lines.find((l) => l.account === account)!;
    const expected: [string, number, number, number, string][] = [
      ['50105', 1_250_000, 1_214_500, 97.16, '正常'],
      ['50205', 100_000, 96_000, 96.0, '正常'],
      ['50102', 300_000, 268_400, 89.47, '正常'],
      ['50101', 40_000, 31_600, 79.0, '偏低'],
      ['50103', 30_000, 12_800, 42.67, '偏低'],
      ['50104', 50_000, 0, 0, '未执行'],
      ['50301', 40_000, 28_500, 71.25, '偏低'],
      ['50302', 60_000, 52_300, 87.17, '正常'],
      ['50304', 150_000, 143_200, 95.47, '正常'],
      ['505', 200_000, 165_000, 82.5, '正常'],
      ['508', 20_000, 6_000, 30.0, '偏低'],
    ];
    for (const [account, budget, actual, rate, status] of expected)
      expect(line(account), account).toMatchObject({ budget, actual, rate, status });
    expect(school.total).toMatchObject({ budget: 2_240_000, actual: 2_018_300, rate: 90.1 });
    expect(r.body.total).toMatchObject({ budget: 2_395_400, actual: 2_150_680, rate: 89.78 });
    expect(round(r.body.units.reduce((s, u) => s + u.total.actual, 0))).toBe(2_150_680);
  });

  it('answers a push with its rows’ results only: the figures are GET /api/summary’s (ADR 0026)', () => {
    expect(new Set(results.flatMap((r) => r.answered))).toEqual(new Set(['results']));
  });

  it('scopes an officer to their own unit', async () => {
    const r = await client(stack.url, stack.tokens['officer-business']).get<AnnualSummary>(
      'summary?year=2023',
    );
    expect(r.body).toMatchObject({ unit: 'business', members: { total: 105 } });
    expect(r.body.honours).toBeUndefined();
  });

  it('survives a backup restored into a fresh store', async () => {
    const backup = await client(stack.url, stack.tokens.admin).get<Backup>('backup');
    expect(backup.status).toBe(200);
    const fresh = await testStack();
    try {
      const restored = await client(fresh.url, fresh.tokens.admin).post<{ rows: number }>(
        'restore',
        backup.body,
      );
      expect(restored.status).toBe(200);
      expect(restored.body.rows).toBe(5579);
      const again = await client(fresh.url, fresh.tokens.leader).get<AnnualSummary>('summary?year=2023');
      checkSection6(again.body);
      // Pulled rows keep their ids and content.
      const pulled = await client(fresh.url, fresh.tokens.admin).get<{ rows: { rowId: string }[] }>(
        'ledgers/honours/rows',
      );
      expect(pulled.body.rows.map((r) => r.rowId).sort()).toEqual(
        backup.body.ledgers.honours!.map((r) => r.rowId).sort(),
      );
      expect((await client(fresh.url, fresh.tokens.finance).get('backup')).status).toBe(403);
    } finally {
      await fresh.close();
    }
  });
  it('serves the leadership workbook to leaders, finance and admin, not to officers', async () => {
    const download = (token?: string): Promise<Response> =>
      fetch(`${stack.url}/reports/annual.xlsx?year=2023`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const r = await download(stack.tokens.leader);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(r.headers.get('content-disposition') ?? '')).toContain('2023年度汇总.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['年度汇总', '分单位', '预算执行']),
    );
    expect((await download(stack.tokens.finance)).status).toBe(200);
    const officer = await download(stack.tokens['officer-business']);
    expect(officer.status).toBe(403);
    expect(await officer.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await download()).status).toBe(401);
    expect(
      (
        await fetch(`${stack.url}/reports/annual.xlsx?year=abc`, {
          headers: { authorization: `Bearer ${stack.tokens.admin}` },
        })
      ).status,
    ).toBe(400);
  });
});

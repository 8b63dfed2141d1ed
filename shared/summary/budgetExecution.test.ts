import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { budgetExecution, budgetExecutionSchema, statusJudge } from './budgetExecution.js';
import { fen, stored } from './testing/rows.js';
import type { StoredRow } from './rows.js';

/** DOMAIN.md §8.3: the school's lines (budget, actual in 元) with their 执行率 and 状态. */
const SCHOOL: [account: string, budget: number, actual: number, rate: number, status: string][] = [
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

/** DOMAIN.md §8.1: each sub-union's 50102 line (150 元 × members) and actual. */
const SUBS: [unit: string, budget: number, actual: number, rate: number, status: string][] = [
  ['lit-news', 13_800, 12_960, 93.91, '正常'],
  ['mech-info', 17_700, 16_420, 92.77, '正常'],
  ['business', 15_750, 16_410, 104.19, '超支'],
  ['management', 14_400, 11_230, 77.99, '偏低'],
  ['architecture', 13_200, 12_180, 92.27, '正常'],
  ['arts', 12_600, 11_050, 87.7, '正常'],
  ['nursing', 11_400, 6_120, 53.68, '偏低'],
  ['education', 10_800, 9_870, 91.39, '正常'],
  ['languages', 9_600, 5_260, 54.79, '偏低'],
  ['marxism', 7_200, 4_310, 59.86, '偏低'],
  ['offices', 18_150, 17_640, 97.19, '正常'],
  ['logistics', 10_800, 8_930, 82.69, '正常'],
];

function demoYear(year = 2023): { budget: StoredRow<'budget'>[]; expenses: StoredRow<'expenses'>[] } {
  const budget: StoredRow<'budget'>[] = [];
  const expenses: StoredRow<'expenses'>[] = [];
  for (const [account, b, a] of SCHOOL) {
    budget.push(stored('budget', { year, unit: 'school', account, amount: fen(b) }));
    if (a > 0)
      expenses.push(stored('expenses', { date: `${year}-11-30`, unit: 'school', account, amount: fen(a) }));
  }
  for (const [unit, b, a] of SUBS) {
    budget.push(stored('budget', { year, unit, account: '50102', amount: fen(b), basis: '150元/人' }));
    expenses.push(stored('expenses', { date: `${year}-11-30`, unit, account: '50102', amount: fen(a) }));
  }
  return { budget, expenses };
}

describe('budgetExecution — the demo year (§8.1, §8.3)', () => {
  const { budget, expenses } = demoYear();
  const report = budgetExecution({ budget, expenses, settings: demoSettings, year: 2023 });

  it('matches the wire schema', () => {
    expect(() => budgetExecutionSchema.parse(report)).not.toThrow();
  });

  it('lists the school first, then the sub-unions in settings order', () => {
    expect(report.units.map((u) => u.unit)).toEqual(['school', ...SUBS.map(([u]) => u)]);
    expect(report.units[0]!.name).toBe('校工会');
    expect(report.units[3]!.name).toBe('工商学院工会');
    expect(report.total.name).toBe('合计');
  });

  it('gives every school line the rate and status of §8.3', () => {
    const school = report.units[0]!;
    expect(school.lines).toHaveLength(11);
    for (const [account, b, a, rate, status] of SCHOOL) {
      const line = school.lines.find((l) => l.account === account)!;
      expect({
        account,
        budget: line.budget,
        actual: line.actual,
        rate: line.rate,
        status: line.status,
      }).toEqual({
        account,
        budget: b,
        actual: a,
        rate,
        status,
      });
      expect(line.diff).toBe(b - a);
      expect(line.budgeted).toBe(true);
    }
    expect(school.lines.find((l) => l.account === '50104')!.name).toBe('劳模职工疗休养支出');
    expect(school.total).toMatchObject({ budget: 2_240_000, actual: 2_018_300, rate: 90.1, status: '正常' });
  });

  it('gives every sub-union the rate and status of §8.1', () => {
    for (const [unit, b, a, rate, status] of SUBS) {
      const u = report.units.find((x) => x.unit === unit)!;
      expect(u.lines).toHaveLength(1);
      expect(u.lines[0]).toMatchObject({
        account: '50102',
        name: '文体活动支出',
        budget: b,
        actual: a,
        rate,
        status,
      });
      expect(u.total).toMatchObject({ budget: b, actual: a, rate, status });
    }
    const business = report.units.find((u) => u.unit === 'business')!;
    expect(business.total.rate).toBe(104.19);
    expect(business.total.status).toBe('超支');
    expect(business.total.diff).toBe(-660);
    expect(report.units.find((u) => u.unit === 'management')!.total).toMatchObject({
      rate: 77.99,
      status: '偏低',
    });
  });

  it('totals all units: 2,395,400 / 2,150,680 = 89.78%', () => {
    expect(report.total).toMatchObject({ budget: 2_395_400, actual: 2_150_680, rate: 89.78, diff: 244_720 });
    // Sub-unions alone (§8.1 合计): 155,400 / 132,380 = 85.19%.
    const subs = report.units.slice(1).map((u) => u.total);
    const b = subs.reduce((s, t) => s + fen(t.budget), 0);
    const a = subs.reduce((s, t) => s + fen(t.actual), 0);
    expect([b / 100, a / 100, Math.round((a * 10000) / b) / 100]).toEqual([155_400, 132_380, 85.19]);
  });

  it('pivots by top-level account across all units', () => {
    expect(report.byTopLevel.map((l) => [l.account, l.name, l.budget, l.actual])).toEqual([
      ['501', '职工活动支出', 1_670_000 + 155_400, 1_527_300 + 132_380],
      ['502', '维权支出', 100_000, 96_000],
      ['503', '业务支出', 250_000, 224_000],
      ['505', '资本性支出', 200_000, 165_000],
      ['508', '其他支出', 20_000, 6_000],
    ]);
  });

  it('uses the year-end statuses when no day is given, or the day is after the year', () => {
    expect(report.asOf).toBeNull();
    expect(report.elapsed).toBeNull();
    const later = budgetExecution({
      budget,
      expenses,
      settings: demoSettings,
      year: 2023,
      today: '2024-01-15',
    });
    expect(later.units).toEqual(report.units);
  });

  it('reports the thresholds it used', () => {
    expect(report.thresholds).toEqual({
      normalFrom: 80,
      overspendAbove: 100,
      lagMargin: 20,
      nearLimit: 90,
      nearLimitBefore: '10-01',
      target: 90,
    });
  });
});

describe('budgetExecution — lines and money', () => {
  it('counts a sub-account expense on the top-level line when only the top level was budgeted', () => {
    const report = budgetExecution({
      budget: [stored('budget', { unit: 'arts', account: '501', amount: fen(10_000) })],
      expenses: [
        stored('expenses', { unit: 'arts', account: '50102', amount: fen(3_000) }),
        stored('expenses', { unit: 'arts', account: '50105', amount: fen(2_000) }),
        stored('expenses', { unit: 'arts', account: '501', amount: fen(1_000) }),
      ],
      settings: demoSettings,
      year: 2023,
    });
    expect(report.units[0]!.lines).toEqual([
      {
        account: '501',
        name: '职工活动支出',
        budgeted: true,
        budget: 10_000,
        actual: 6_000,
        rate: 60,
        diff: 4_000,
        status: '偏低',
      },
    ]);
  });

  it('shows spending without a budget line as its own unbudgeted line (无预算支出), and a 0 line with nothing spent as —', () => {
    const report = budgetExecution({
      budget: [
        stored('budget', { unit: 'arts', account: '50102', amount: fen(1_000) }),
        stored('budget', { unit: 'arts', account: '50101', amount: 0 }),
      ],
      expenses: [
        stored('expenses', { unit: 'arts', account: '50102', amount: fen(900) }),
        stored('expenses', { unit: 'arts', account: '50302', amount: fen(120.5) }),
      ],
      settings: demoSettings,
      year: 2023,
    });
    const lines = report.units[0]!.lines;
    expect(lines.map((l) => [l.account, l.budgeted, l.rate, l.status])).toEqual([
      ['50101', true, null, '—'],
      ['50102', true, 90, '正常'],
      ['50302', false, null, '无预算支出'],
    ]);
    expect(report.units[0]!.total).toMatchObject({
      budget: 1_000,
      actual: 1_020.5,
      rate: 102.05,
      status: '超支',
    });
  });

  it('puts spending on a top-level account budgeted only by sub-accounts on a line of its own', () => {
    const report = budgetExecution({
      budget: [stored('budget', { unit: 'arts', account: '50102', amount: fen(1_000) })],
      expenses: [stored('expenses', { unit: 'arts', account: '501', amount: fen(100) })],
      settings: demoSettings,
      year: 2023,
    });
    expect(report.units[0]!.lines.map((l) => [l.account, l.status])).toEqual([
      ['501', '无预算支出'],
      ['50102', '未执行'],
    ]);
  });

  it('uses the adjusted budget, ignores income lines, other years and deleted rows', () => {
    const report = budgetExecution({
      budget: [
        stored('budget', { unit: 'arts', account: '50102', amount: fen(1_000), adjusted: fen(2_000) }),
        stored('budget', { unit: 'arts', direction: '收入', account: '401', amount: fen(9_000) }),
        stored('budget', { year: 2022, unit: 'arts', account: '50103', amount: fen(500) }),
        stored('budget', { unit: 'arts', account: '50104', amount: fen(500) }, { deleted: true }),
      ],
      expenses: [
        stored('expenses', { unit: 'arts', account: '50102', amount: fen(1_500) }),
        stored('expenses', { date: '2022-12-31', unit: 'arts', account: '50102', amount: fen(700) }),
        stored('expenses', { unit: 'arts', account: '50102', amount: fen(300) }, { deleted: true }),
      ],
      settings: demoSettings,
      year: 2023,
    });
    expect(report.units).toHaveLength(1);
    expect(report.units[0]!.lines).toEqual([
      {
        account: '50102',
        name: '文体活动支出',
        budgeted: true,
        budget: 2_000,
        actual: 1_500,
        rate: 75,
        diff: 500,
        status: '偏低',
      },
    ]);
  });

  it('computes money in 分 without float drift (0.1 + 0.2 元)', () => {
    const report = budgetExecution({
      budget: [stored('budget', { unit: 'arts', account: '50102', amount: 30 })],
      expenses: [
        stored('expenses', { unit: 'arts', account: '50102', amount: 10 }),
        stored('expenses', { unit: 'arts', account: '50102', amount: 20 }),
      ],
      settings: demoSettings,
      year: 2023,
    });
    expect(report.units[0]!.total).toMatchObject({
      budget: 0.3,
      actual: 0.3,
      diff: 0,
      rate: 100,
      status: '正常',
    });
  });

  it('rounds the rate half-up to 2 decimals', () => {
    // 1 / 8 = 12.5% exactly; 1 / 3 = 33.333…%; 2 / 3 = 66.666…%; 1 / 80000 = 0.00125% → 0.00; 1 / 20000 = 0.005% → 0.01.
    const rates = [
      [1, 8],
      [1, 3],
      [2, 3],
      [1, 80_000],
      [1, 20_000],
    ].map(([a, b]) => {
      const r = budgetExecution({
        budget: [stored('budget', { unit: 'arts', account: '50102', amount: b! })],
        expenses: [stored('expenses', { unit: 'arts', account: '50102', amount: a! })],
        settings: demoSettings,
        year: 2023,
      });
      return r.total.rate;
    });
    expect(rates).toEqual([12.5, 33.33, 66.67, 0, 0.01]);
  });

  it('adds the previous year’s rate when the previous year is given', () => {
    const now = demoYear(2023);
    const before = demoYear(2022);
    const report = budgetExecution({ ...now, settings: demoSettings, year: 2023, previousYear: before });
    expect(report.total.previousRate).toBe(89.78);
    expect(report.units[3]!.total.previousRate).toBe(104.19);
    expect(report.units[0]!.lines.find((l) => l.account === '50105')!.previousRate).toBe(97.16);
    expect(report.byTopLevel[0]!.previousRate).toBe(report.byTopLevel[0]!.rate);
    const none = budgetExecution({
      ...now,
      settings: demoSettings,
      year: 2023,
      previousYear: { budget: [], expenses: [] },
    });
    expect(none.total.previousRate).toBeNull();
    expect(
      budgetExecution({ ...now, settings: demoSettings, year: 2023 }).total.previousRate,
    ).toBeUndefined();
  });
});

describe('budgetExecution — in-year statuses (§7.2)', () => {
  const at = (today: string, budgetYuan: number, actualYuan: number) =>
    budgetExecution({
      budget: [stored('budget', { unit: 'arts', account: '50102', amount: fen(budgetYuan) })],
      expenses: actualYuan
        ? [
            stored('expenses', {
              date: '2023-01-05',
              unit: 'arts',
              account: '50102',
              amount: fen(actualYuan),
            }),
          ]
        : [],
      settings: demoSettings,
      year: 2023,
      today,
    });

  it('says 进度滞后 when the rate trails the elapsed share of the year by more than the margin', () => {
    // 2023-07-02 is day 183 of 365: 50.14% elapsed, so the lag line is 30.14%.
    const r = at('2023-07-02', 1_000, 300);
    expect(r.asOf).toBe('2023-07-02');
    expect(r.elapsed).toBe(50.14);
    expect(r.total.status).toBe('进度滞后');
    expect(at('2023-07-02', 1_000, 302).total.status).toBe('正常');
  });

  it('says 接近上限 at 90% or more before 1 October, and 超支 above 100% at any time', () => {
    expect(at('2023-09-30', 1_000, 900).total.status).toBe('接近上限');
    expect(at('2023-10-01', 1_000, 900).total.status).toBe('正常');
    expect(at('2023-03-01', 1_000, 1_001).total.status).toBe('超支');
  });

  it('does not call a low rate 偏低 or 未执行 early in the year', () => {
    expect(at('2023-02-01', 1_000, 0).total.status).toBe('正常');
    expect(at('2023-02-01', 1_000, 100).total.status).toBe('正常');
    expect(at('2023-12-31', 1_000, 0).total.status).toBe('进度滞后');
  });

  it('counts elapsed days including today (31 Dec is 100%, leap years have 366 days)', () => {
    expect(statusJudge(demoSettings, 2023, '2023-12-31').elapsed).toBe(100);
    expect(statusJudge(demoSettings, 2023, '2023-01-01').elapsed).toBe(0.27);
    expect(statusJudge(demoSettings, 2024, '2024-12-30').elapsed).toBe(99.73);
    expect(statusJudge(demoSettings, 2023, '2022-12-31').inYear).toBe(false);
  });

  it('reads its thresholds from settings', () => {
    const settings = {
      ...demoSettings,
      execution: { ...demoSettings.execution, normalFrom: 70, overspendAbove: 105 },
    };
    const run = (a: number) =>
      budgetExecution({
        budget: [stored('budget', { unit: 'arts', account: '50102', amount: fen(1_000) })],
        expenses: [stored('expenses', { unit: 'arts', account: '50102', amount: fen(a) })],
        settings,
        year: 2023,
      }).total.status;
    expect([run(750), run(1_040), run(1_060)]).toEqual(['正常', '正常', '超支']);
  });
});

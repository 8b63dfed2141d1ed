import { z } from 'zod';
import { budgetAmount } from '../ledgers/budget.js';
import { accountByCode, topLevelCode, unitName } from '../settings/lookup.js';
import type { Settings } from '../settings/schema.js';
import { budgetTarget, unitOrder } from './crossRules.js';
import { rateHundredths, toYuan } from './money.js';
import type { StoredRow } from './rows.js';

/**
 * DOMAIN.md §7.2 — 预算执行: budget against actual spending per unit and account, and the
 * pivot by top-level account. Computed in integer 分; every money figure leaves as 元 (a
 * number with at most 2 decimals) by a single division. Rates are percentages with 2
 * decimals, rounded half-up, null when the budget is 0.
 */

export const EXECUTION_STATUSES = [
  '超支',
  '正常',
  '偏低',
  '未执行',
  '无预算支出',
  '—',
  '进度滞后',
  '接近上限',
] as const;
export const executionStatusSchema = z.enum(EXECUTION_STATUSES);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;

const figuresShape = {
  /** 预算数, 元. */
  budget: z.number(),
  /** 实际支出, 元. */
  actual: z.number(),
  /** 执行率 in percent with 2 decimals (104.19); null when the budget is 0. */
  rate: z.number().nullable(),
  /** 差额 = 预算 − 实际, 元. */
  diff: z.number(),
  status: executionStatusSchema,
  /** 上年执行率, percent, when the previous year was given (null: no budget that year). */
  previousRate: z.number().nullable().optional(),
};
export const executionFiguresSchema = z.object(figuresShape);
export type ExecutionFigures = z.infer<typeof executionFiguresSchema>;

export const executionLineSchema = z.object({
  /** Account code (50102) and its name without code (文体活动支出). */
  account: z.string(),
  name: z.string(),
  /** False for spending on an account the unit did not budget (shown with budget 0). */
  budgeted: z.boolean(),
  ...figuresShape,
});
export type ExecutionLine = z.infer<typeof executionLineSchema>;

export const unitExecutionSchema = z.object({
  unit: z.string(),
  name: z.string(),
  lines: z.array(executionLineSchema),
  total: executionFiguresSchema,
});
export type UnitExecution = z.infer<typeof unitExecutionSchema>;

export const budgetExecutionSchema = z.object({
  year: z.number().int(),
  /** The day the in-year statuses were judged on; null for year-end statuses. */
  asOf: z.string().nullable(),
  /** Percent of the year elapsed on `asOf` (2 decimals), null at year end. */
  elapsed: z.number().nullable(),
  /** The thresholds used (settings `execution`), and the goal line of the chart. */
  thresholds: z.object({
    normalFrom: z.number(),
    overspendAbove: z.number(),
    lagMargin: z.number(),
    nearLimit: z.number(),
    nearLimitBefore: z.string(),
    target: z.number(),
  }),
  /** School first, then sub-unions in settings order; units with neither budget nor spending are left out. */
  units: z.array(unitExecutionSchema),
  /** 合计 over all units. */
  total: executionFiguresSchema.extend({ name: z.literal('合计') }),
  /** The second block: by top-level account (501…508) across all units. */
  byTopLevel: z.array(executionLineSchema),
});
export type BudgetExecution = z.infer<typeof budgetExecutionSchema>;

export interface BudgetExecutionInput {
  budget: readonly StoredRow<'budget'>[];
  expenses: readonly StoredRow<'expenses'>[];
  settings: Settings;
  year: number;
  /** ISO date (Asia/Shanghai). Inside `year`, the in-year statuses apply. */
  today?: string | undefined;
  /** Rows of the previous year (rows of other years are ignored), for the 上年执行率 column. */
  previousYear?:
    { budget: readonly StoredRow<'budget'>[]; expenses: readonly StoredRow<'expenses'>[] } | undefined;
}

interface Sum {
  budget: number;
  actual: number;
}

interface Judge {
  (sum: Sum): ExecutionStatus;
}

export function budgetExecution(input: BudgetExecutionInput): BudgetExecution {
  const { settings, year } = input;
  const judge = statusJudge(settings, year, input.today);
  const current = compute(input.budget, input.expenses, settings, year);
  const previous = input.previousYear
    ? compute(input.previousYear.budget, input.previousYear.expenses, settings, year - 1)
    : null;
  const prevRate = (sum: Sum | undefined): number | null =>
    sum === undefined ? null : rateOf({ budget: sum.budget, actual: sum.actual });
  const withPrevious = <T extends object>(figures: T, sum: Sum | undefined): T =>
    previous ? { ...figures, previousRate: prevRate(sum) } : figures;

  const units: UnitExecution[] = current.units.map((u) => {
    const prevUnit = previous?.units.find((p) => p.unit === u.unit);
    return {
      unit: u.unit,
      name: unitName(settings, u.unit),
      lines: u.lines.map((l) =>
        withPrevious(
          line(settings, l.account, l.budgeted, l, judge),
          prevUnit?.lines.find((p) => p.account === l.account),
        ),
      ),
      total: withPrevious(figures(sumOf(u.lines), judge), prevUnit ? sumOf(prevUnit.lines) : undefined),
    };
  });
  const allLines = current.units.flatMap((u) => u.lines);
  const prevLines = previous?.units.flatMap((u) => u.lines) ?? [];
  const tops = orderAccounts(settings, new Set(allLines.map((l) => topLevelCode(l.account))));
  const byTopLevel = tops.map((top) => {
    const under = allLines.filter((l) => topLevelCode(l.account) === top);
    const prev = prevLines.filter((l) => topLevelCode(l.account) === top);
    const budgeted = under.some((l) => l.budgeted);
    return withPrevious(
      line(settings, top, budgeted, sumOf(under), judge),
      prev.length ? sumOf(prev) : undefined,
    );
  });
  const ex = settings.execution;
  return {
    year,
    asOf: judge.inYear ? (input.today ?? null) : null,
    elapsed: judge.elapsed,
    thresholds: { ...ex, target: settings.targetExecutionRate },
    units,
    total: {
      name: '合计',
      ...withPrevious(figures(sumOf(allLines), judge), previous ? sumOf(prevLines) : undefined),
    },
    byTopLevel,
  };
}

interface RawLine extends Sum {
  account: string;
  budgeted: boolean;
}

/** Per unit (report order), per account: budget and actual in 分. */
function compute(
  budgetRows: readonly StoredRow<'budget'>[],
  expenseRows: readonly StoredRow<'expenses'>[],
  settings: Settings,
  year: number,
): { units: { unit: string; lines: RawLine[] }[] } {
  const budgets = new Map<string, Map<string, number>>();
  for (const r of budgetRows) {
    const f = r.fields;
    if (r.deleted || f.year !== year || f.direction !== '支出') continue;
    const lines = budgets.get(f.unit) ?? new Map<string, number>();
    lines.set(f.account, (lines.get(f.account) ?? 0) + budgetAmount(f));
    budgets.set(f.unit, lines);
  }
  const actuals = new Map<string, Map<string, number>>();
  for (const r of expenseRows) {
    if (r.deleted || r.year !== year) continue;
    const f = r.fields;
    const lines = budgets.get(f.unit) ?? new Map<string, number>();
    // Spending counts on the line that covers its account (§5.3): a sub-account on its
    // top-level line when the unit budgeted only the top level. Other spending is shown on
    // a line of its own account, unbudgeted. A top-level account budgeted only by its
    // sub-accounts cannot be split among them: it too gets a line of its own.
    const target = budgetTarget(f.account, lines);
    const account = target && lines.has(target.account) ? target.account : f.account;
    const spent = actuals.get(f.unit) ?? new Map<string, number>();
    spent.set(account, (spent.get(account) ?? 0) + f.amount);
    actuals.set(f.unit, spent);
  }
  const units = unitOrder(settings, [...budgets.keys(), ...actuals.keys()]).map((unit) => {
    const b = budgets.get(unit) ?? new Map<string, number>();
    const a = actuals.get(unit) ?? new Map<string, number>();
    const accounts = orderAccounts(settings, new Set([...b.keys(), ...a.keys()]));
    return {
      unit,
      lines: accounts.map((account) => ({
        account,
        budgeted: b.has(account),
        budget: b.get(account) ?? 0,
        actual: a.get(account) ?? 0,
      })),
    };
  });
  return { units };
}

/** Accounts in the order of the chart in settings; codes unknown to it last, sorted. */
function orderAccounts(settings: Settings, codes: ReadonlySet<string>): string[] {
  const known = settings.accounts.map((a) => a.code);
  return [...known.filter((c) => codes.has(c)), ...[...codes].filter((c) => !known.includes(c)).sort()];
}

function sumOf(lines: readonly Sum[]): Sum {
  return lines.reduce((s, l) => ({ budget: s.budget + l.budget, actual: s.actual + l.actual }), {
    budget: 0,
    actual: 0,
  });
}

function rateOf(sum: Sum): number | null {
  const h = rateHundredths(sum.actual, sum.budget);
  return h === null ? null : h / 100;
}

function figures(sum: Sum, judge: Judge): ExecutionFigures {
  return {
    budget: toYuan(sum.budget),
    actual: toYuan(sum.actual),
    rate: rateOf(sum),
    diff: toYuan(sum.budget - sum.actual),
    status: judge(sum),
  };
}

function line(settings: Settings, account: string, budgeted: boolean, sum: Sum, judge: Judge): ExecutionLine {
  return {
    account,
    name: accountByCode(settings, account)?.name ?? account,
    budgeted,
    ...figures(sum, judge),
  };
}

const DAY = 86_400_000;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
}

/**
 * §7.2 状态. At year end: > overspendAbove 超支; ≥ normalFrom 正常; > 0 偏低; 0 未执行. When
 * `today` lies inside the year: 超支 as above; ≥ nearLimit before `nearLimitBefore` 接近上限;
 * below (elapsed % − lagMargin) 进度滞后; otherwise 正常 — a low rate is not yet 偏低 or 未执行
 * in the middle of the year. Elapsed days count today (31 Dec is 100%). The status reads
 * the rounded rate, so that what the sheet shows and the status agree. Budget 0: 无预算支出
 * when something was spent, else —.
 */
export function statusJudge(
  settings: Settings,
  year: number,
  today?: string,
): Judge & { inYear: boolean; elapsed: number | null } {
  const ex = settings.execution;
  const inYear = today !== undefined && today >= `${year}-01-01` && today <= `${year}-12-31`;
  let elapsed: number | null = null;
  if (inYear) {
    const start = dayNumber(`${year}-01-01`);
    const days = dayNumber(`${year + 1}-01-01`) - start;
    elapsed = (rateHundredths(dayNumber(today) - start + 1, days) ?? 0) / 100;
  }
  const judge = (sum: Sum): ExecutionStatus => {
    if (sum.budget === 0) return sum.actual > 0 ? '无预算支出' : '—';
    const rate = (rateHundredths(sum.actual, sum.budget) ?? 0) / 100;
    if (rate > ex.overspendAbove) return '超支';
    if (inYear && elapsed !== null) {
      if (rate >= ex.nearLimit && today! < `${year}-${ex.nearLimitBefore}`) return '接近上限';
      if (rate < elapsed - ex.lagMargin) return '进度滞后';
      return '正常';
    }
    if (rate >= ex.normalFrom) return '正常';
    if (rate > 0) return '偏低';
    return '未执行';
  };
  return Object.assign(judge, { inYear, elapsed });
}

import { normalizeText } from '../cells/index.js';
import { accountByCode, topLevelCode, unitName } from '../settings/lookup.js';
import { account, amount, common, integer, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, type Issue } from './issue.js';
import { std } from './messages.js';

/** DOMAIN.md §3.14 — 经费预算表: one row per year × unit × direction × account (§7.1 chart). */

export const DIRECTIONS = ['收入', '支出'] as const;

const fields = {
  year: integer({ header: '年度', aliases: ['预算年度'], required: true }),
  unit: common.unit({ header: '预算单位', aliases: ['所属工会'] }),
  direction: oneOf(DIRECTIONS, { header: '收支类型', aliases: ['收支'], default: '支出' }),
  account: account({ header: '预算科目', aliases: ['科目', '支出科目', '预算项目'], required: true }),
  amount: amount({ header: '预算金额', aliases: ['预算数', '年初预算', '金额'], required: true }),
  adjusted: amount({ header: '调整后预算', aliases: ['调整预算数'] }),
  basis: text({ header: '测算依据', aliases: ['编制说明'], max: 100 }),
  remarks: common.remarks(),
};

export type BudgetRow = RowOf<typeof fields>;

/** The budget a line stands for, in 分: the adjusted budget when present (§3.14). */
export function budgetAmount(row: Pick<BudgetRow, 'amount' | 'adjusted'>): number {
  return row.adjusted ?? row.amount;
}

export const budget = defineLedger({
  kind: 'budget',
  title: '经费预算表',
  nameHints: ['预算'],
  scope: 'budget',
  yearField: 'year',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    // Any account of the chart is accepted by the cell; it must match the row's direction.
    const found = row.account === null ? undefined : accountByCode(ctx.settings, row.account);
    if (found && row.direction !== null && found.direction !== row.direction) {
      const typed = normalizeText(ctx.raw.cells.account) ?? '';
      issues.push(error('account', 'account.unknown', std.unknownAccount(ctx.header('account'), typed)));
    }
    return issues;
  },
  duplicates: [
    {
      code: 'budget.duplicate',
      field: 'account',
      key: (r) => `${r.year}|${r.unit}|${r.direction}|${r.account}`,
      message: (r, ctx) =>
        `「${unitName(ctx.settings, r.unit)}」${r.year}年「${accountByCode(ctx.settings, r.account)?.name ?? r.account}」预算已登记`,
    },
  ],
});

const MIXED_LEVELS = '同一单位不能同时按一级科目和其下级科目编制预算';

/**
 * §3.14: a unit may not budget both a top-level account and one of its sub-accounts in a
 * year. Needs the other rows, so it is not a row rule. As with duplicates, the later row in
 * sheet order is the invalid one: each row whose account is on the other level than an
 * earlier row of the same year, unit, direction and top-level account gets the error.
 * Returns the issues by sheet row.
 */
export function mixedLevelIssues(rows: readonly { row: BudgetRow; sheetRow: number }[]): Map<number, Issue> {
  const issues = new Map<number, Issue>();
  /** Per year|unit|direction|top-level code: which levels earlier rows used. */
  const seen = new Map<string, { top: boolean; sub: boolean }>();
  for (const { row, sheetRow } of [...rows].sort((a, b) => a.sheetRow - b.sheetRow)) {
    const key = `${row.year}|${row.unit}|${row.direction}|${topLevelCode(row.account)}`;
    const levels = seen.get(key) ?? { top: false, sub: false };
    const isTop = row.account.length === 3;
    if (isTop ? levels.sub : levels.top)
      issues.set(sheetRow, error('account', 'budget.mixedLevels', MIXED_LEVELS));
    if (isTop) levels.top = true;
    else levels.sub = true;
    seen.set(key, levels);
  }
  return issues;
}

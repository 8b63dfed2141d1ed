import { formatYuan } from '../cells/index.js';
import { budgetAmount, type BudgetRow } from '../ledgers/budget.js';
import type { Fields, Ledger, RowContext, RowOf } from '../ledgers/define.js';
import type { ExpenseRow } from '../ledgers/expenses.js';
import { error, warning, type Issue } from '../ledgers/issue.js';
import { std } from '../ledgers/messages.js';
import type { WelfareRow, WelfareType } from '../ledgers/welfare.js';
import { accountByCode, topLevelCode, unitName } from '../settings/lookup.js';
import type { Settings } from '../settings/schema.js';
import { hundredthsText, rateHundredths } from './money.js';
import { liveRows, type RowsByKind } from './rows.js';

/**
 * Rules across rows (DOMAIN.md §5): duplicates, the yearly festival cap, budget warnings
 * and the reconciliation of registers with the expense ledger. They run on a push or a
 * validate run against the batch *and* the stored rows, so they need both; they stay pure.
 *
 * A batch row is a row of the push that passed its own checks, with its sheet row number;
 * results are keyed by that number. A stored row whose id is in the batch is the old
 * version of a row being rewritten: it is left out, so an update is never its own duplicate.
 */
export interface BatchRow<R> {
  sheetRow: number;
  fields: R;
  year: number | null;
  /** The row id, when the row already exists (an update). */
  id?: string | undefined;
}

export interface StoredLike<R> {
  id: string;
  fields: R;
  year: number | null;
  deleted?: boolean | undefined;
  /**
   * A row the caller may not read (another unit's), passed only where identity must hold across
   * units (the members' 工号): a clash with it is told without its name, unit or date, and it
   * counts in no other rule.
   */
  foreign?: boolean | undefined;
}

function others<R>(
  stored: readonly StoredLike<R>[],
  batch: readonly BatchRow<R>[],
  withForeign = false,
): StoredLike<R>[] {
  const ids = new Set(batch.map((b) => b.id).filter((id): id is string => id !== undefined));
  return stored.filter((s) => !s.deleted && !ids.has(s.id) && (withForeign || !s.foreign));
}

function inSheetOrder<T extends { sheetRow: number }>(rows: readonly T[]): readonly T[] {
  // Rows mostly come in sheet order already: then there is nothing to sort.
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = rows[i - 1]!.sheetRow <= rows[i]!.sheetRow;
  return sorted ? rows : [...rows].sort((a, b) => a.sheetRow - b.sheetRow);
}

// ---------------------------------------------------------------- duplicates (§5.2)

export interface DuplicateContext {
  settings: Settings;
  /** ISO date; only passed on to the ledgers' message builders. */
  today?: string;
  /** Field → header as typed in the sheet, for messages that quote a header. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The ledger's duplicate rules over a batch and the stored rows (Settled conventions):
 * the later row in sheet order is the invalid one and carries the earlier sheet row as
 * `related`; a stored row is always the earlier one (no `related`). A row gets at most one
 * duplicate issue: the first rule, in the ledger's order, that matches. A row found to be a
 * duplicate will not be stored, so later rows are not compared with it.
 */
export function duplicateIssues<F extends Fields>(
  ledger: Ledger<F>,
  batch: readonly BatchRow<RowOf<F>>[],
  stored: readonly StoredLike<RowOf<F>>[],
  context: DuplicateContext,
): Map<number, Issue> {
  const issues = new Map<number, Issue>();
  const rules = ledger.duplicates ?? [];
  if (rules.length === 0) return issues;
  const ctx: RowContext<F> = {
    settings: context.settings,
    today: context.today ?? '',
    header: (field) => context.headers?.[field] ?? ledger.fields[field]?.header ?? field,
    raw: { cells: {} },
  };
  const earlierStored = others(stored, batch, true);
  const storedKeys = rules.map((rule) => {
    const byKey = new Map<string, StoredLike<RowOf<F>>>();
    for (const s of earlierStored) {
      const key = rule.key(s.fields, s.year);
      if (key !== null && !byKey.has(key)) byKey.set(key, s);
    }
    return byKey;
  });
  const firstRows = rules.map(() => new Map<string, BatchRow<RowOf<F>>>());
  const keys: (string | null)[] = new Array(rules.length);
  for (const row of inSheetOrder(batch)) {
    for (let i = 0; i < rules.length; i++) keys[i] = rules[i]!.key(row.fields, row.year);
    let found: Issue | null = null;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const key = keys[i];
      if (key === null || key === undefined) continue;
      const earlier = firstRows[i]!.get(key);
      if (earlier !== undefined) {
        const message = rule.message(row.fields, ctx, row.year, {
          sheetRow: earlier.sheetRow,
          fields: earlier.fields,
        });
        found = error(rule.field, rule.code, message, rule.namesEarlierRow ? undefined : earlier.sheetRow);
        break;
      }
      const old = storedKeys[i]!.get(key);
      if (old) {
        found = error(
          rule.field,
          rule.code,
          old.foreign
            ? std.duplicateElsewhere()
            : rule.message(row.fields, ctx, row.year, { sheetRow: null, fields: old.fields }),
        );
        break;
      }
    }
    if (found) {
      issues.set(row.sheetRow, found);
      continue;
    }
    for (let i = 0; i < rules.length; i++) {
      const key = keys[i];
      if (key !== null && key !== undefined && !firstRows[i]!.has(key)) firstRows[i]!.set(key, row);
    }
  }
  return issues;
}

// ---------------------------------------------------------------- §5.1 festival cap

/**
 * §5.1 `festivalPerYear`: a member's 节日慰问 of one year, batch and stored together, above
 * the cap → the warning on each contributing row of the batch (stored rows are not being
 * pushed, so they carry nothing). `{sum}` is the member's whole total for the year.
 */
export function festivalCapWarnings(
  batchWelfare: readonly BatchRow<WelfareRow>[],
  storedWelfare: readonly StoredLike<WelfareRow>[],
  settings: Settings,
): Map<number, Issue> {
  const capFen = settings.standards.festivalPerYear * 100;
  const key = (r: WelfareRow, year: number | null): string | null =>
    r.type === '节日慰问' && year !== null ? `${r.staffNo}|${year}` : null;
  const sums = new Map<string, number>();
  const add = (k: string | null, fen: number): void => {
    if (k !== null) sums.set(k, (sums.get(k) ?? 0) + fen);
  };
  for (const s of others(storedWelfare, batchWelfare)) add(key(s.fields, s.year), s.fields.amount);
  for (const b of batchWelfare) add(key(b.fields, b.year), b.fields.amount);
  const issues = new Map<number, Issue>();
  for (const b of inSheetOrder(batchWelfare)) {
    const k = key(b.fields, b.year);
    const sum = k === null ? 0 : (sums.get(k) ?? 0);
    if (sum > capFen)
      issues.set(
        b.sheetRow,
        warning(
          'amount',
          'welfare.festivalCap',
          `${b.fields.name}本年度节日慰问累计${formatYuan(sum)}元，超过每人每年${settings.standards.festivalPerYear}元标准`,
        ),
      );
  }
  return issues;
}

// ---------------------------------------------------------------- §5.3 budget warnings

/** The budget a unit set for an expense account in a year, and which expense accounts count toward it. */
interface BudgetTarget {
  /** The account named in the message (the budget line's, or the top-level one). */
  account: string;
  budgetFen: number;
  counts(code: string): boolean;
}

/** Expense-side budget lines (支出) of one year and unit: account code → 分 (adjusted when present). */
export function budgetLines(
  budgetRows: readonly { fields: BudgetRow; deleted?: boolean | undefined }[],
  year: number,
  unit: string,
): Map<string, number> {
  const lines = new Map<string, number>();
  for (const r of budgetRows) {
    const f = r.fields;
    if (r.deleted || f.year !== year || f.unit !== unit || f.direction !== '支出') continue;
    lines.set(f.account, (lines.get(f.account) ?? 0) + budgetAmount(f));
  }
  return lines;
}

/**
 * §5.3 and §7.2: the budget an expense on `code` is held against. A sub-account with its
 * own line → that line; a sub-account whose unit budgeted only the top level → the top
 * line, against all spending under it; a top-level account → its own line, or else the sum
 * of its sub-account lines, against all spending under it. Null when neither exists.
 */
export function budgetTarget(code: string, lines: ReadonlyMap<string, number>): BudgetTarget | null {
  const top = topLevelCode(code);
  const underTop = (c: string): boolean => topLevelCode(c) === top;
  if (code.length > 3) {
    if (lines.has(code)) return { account: code, budgetFen: lines.get(code)!, counts: (c) => c === code };
    if (lines.has(top)) return { account: top, budgetFen: lines.get(top)!, counts: underTop };
    return null;
  }
  if (lines.has(code)) return { account: code, budgetFen: lines.get(code)!, counts: underTop };
  const subs = [...lines].filter(([c]) => c.length > 3 && underTop(c));
  if (subs.length === 0) return null;
  return { account: code, budgetFen: subs.reduce((s, [, fen]) => s + fen, 0), counts: underTop };
}

function accountName(settings: Settings, code: string): string {
  return accountByCode(settings, code)?.name ?? code;
}

/**
 * §5.3 on each accepted expense row of the batch: `未编制` when no budget line covers its
 * account, `已超预算` when the line's actual, counted cumulatively in sheet order after the
 * stored rows, exceeds its budget — so only the rows pushed once the line has passed its
 * budget get it. A line budgeted at 0 counts as not budgeted (no rate can be stated).
 * Pass only rows that are valid; budget rows of any year may be passed.
 */
export function budgetWarnings(
  batchExpenses: readonly BatchRow<ExpenseRow>[],
  storedExpenses: readonly StoredLike<ExpenseRow>[],
  budgetRows: readonly { fields: BudgetRow; deleted?: boolean | undefined }[],
  settings: Settings,
): Map<number, Issue> {
  const issues = new Map<number, Issue>();
  const linesCache = new Map<string, Map<string, number>>();
  const linesOf = (year: number, unit: string): Map<string, number> => {
    const k = `${year}|${unit}`;
    if (!linesCache.has(k)) linesCache.set(k, budgetLines(budgetRows, year, unit));
    return linesCache.get(k)!;
  };
  /** Spending so far per year|unit|account, in 分. */
  const spent = new Map<string, number>();
  const add = (year: number | null, r: ExpenseRow): void => {
    if (year === null) return;
    const k = `${year}|${r.unit}|${r.account}`;
    spent.set(k, (spent.get(k) ?? 0) + r.amount);
  };
  for (const s of others(storedExpenses, batchExpenses)) add(s.year, s.fields);
  for (const row of inSheetOrder(batchExpenses)) {
    const { year, fields: f } = row;
    if (year === null) continue;
    add(year, f);
    const target = budgetTarget(f.account, linesOf(year, f.unit));
    if (target === null || target.budgetFen === 0) {
      const message = `「${unitName(settings, f.unit)}」${year}年未编制「${accountName(settings, f.account)}」预算`;
      issues.set(row.sheetRow, warning('account', 'expenses.noBudget', message));
      continue;
    }
    let actual = 0;
    const prefix = `${year}|${f.unit}|`;
    for (const [k, fen] of spent)
      if (k.startsWith(prefix) && target.counts(k.slice(prefix.length))) actual += fen;
    if (actual > target.budgetFen) {
      const r = hundredthsText(rateHundredths(actual, target.budgetFen) ?? 0);
      const message = `「${accountName(settings, target.account)}」已超预算：预算${formatYuan(target.budgetFen)}元，已支出${formatYuan(actual)}元（执行率${r}%）`;
      issues.set(row.sheetRow, warning('amount', 'expenses.overBudget', message));
    }
  }
  return issues;
}

// ---------------------------------------------------------------- §5.4 reconciliation

/** §5.4: which expense account a 慰问类别 is paid from. */
export const WELFARE_ACCOUNT: Readonly<Record<WelfareType, string>> = {
  节日慰问: '50105',
  生日慰问: '50105',
  结婚慰问: '50105',
  生育慰问: '50105',
  生病住院慰问: '50105',
  直系亲属去世慰问: '50105',
  本人去世慰问: '50105',
  退休慰问: '50105',
  三八节慰问: '50105',
  儿童节慰问: '50105',
  送温暖: '50205',
  困难帮扶: '50204',
};

/** §5.4: the expense account of 文体活动 costs. */
export const SPORTS_ACCOUNT = '50102';

export interface ReconciliationFinding {
  code: 'reconcile.welfare' | 'reconcile.activities';
  /** The unit compared (activities), or null for the whole organisation (welfare). */
  unit: string | null;
  /** The expense account compared. */
  account: string;
  /** The register's total and the expense ledger's total, in 分. */
  registerFen: number;
  expensesFen: number;
  /** Exactly as DOMAIN.md §5.4 words it. */
  message: string;
}

/** "Difference over 1%": relative to the larger of the two totals, so an empty side always differs. */
function differs(a: number, b: number): boolean {
  return Math.abs(a - b) * 100 > Math.max(Math.abs(a), Math.abs(b));
}

/**
 * §5.4, warnings of the summary (never on rows). Welfare against expenses per mapped
 * account for the whole organisation (welfare rows carry the recipient's unit while the
 * school books batch payments, so never per unit); each unit's 文体活动 cost against its
 * 50102 spending. With `unit`, only that unit's activity comparison is made.
 */
export function reconciliationWarnings(
  rows: RowsByKind,
  settings: Settings,
  year: number,
  unit?: string,
): ReconciliationFinding[] {
  const findings: ReconciliationFinding[] = [];
  const expenses = liveRows(rows, 'expenses').filter((r) => r.year === year);
  if (unit === undefined) {
    const register = new Map<string, number>();
    for (const r of liveRows(rows, 'welfare'))
      if (r.year === year) {
        const account = WELFARE_ACCOUNT[r.fields.type];
        register.set(account, (register.get(account) ?? 0) + r.fields.amount);
      }
    for (const account of [...new Set(Object.values(WELFARE_ACCOUNT))]) {
      const a = register.get(account) ?? 0;
      const b = expenses.filter((e) => e.fields.account === account).reduce((s, e) => s + e.fields.amount, 0);
      if (differs(a, b))
        findings.push({
          code: 'reconcile.welfare',
          unit: null,
          account,
          registerFen: a,
          expensesFen: b,
          message: `慰问台账金额与支出明细账不一致：${formatYuan(a)}元 / ${formatYuan(b)}元`,
        });
    }
  }
  const costs = new Map<string, number>();
  for (const r of liveRows(rows, 'activities'))
    if (r.year === year && r.fields.category === '文体活动')
      costs.set(r.unit, (costs.get(r.unit) ?? 0) + (r.fields.cost ?? 0));
  const spent = new Map<string, number>();
  for (const e of expenses)
    if (e.fields.account === SPORTS_ACCOUNT) spent.set(e.unit, (spent.get(e.unit) ?? 0) + e.fields.amount);
  for (const id of unitOrder(settings, [...costs.keys(), ...spent.keys()])) {
    if (unit !== undefined && id !== unit) continue;
    const a = costs.get(id) ?? 0;
    const b = spent.get(id) ?? 0;
    if (differs(a, b))
      findings.push({
        code: 'reconcile.activities',
        unit: id,
        account: SPORTS_ACCOUNT,
        registerFen: a,
        expensesFen: b,
        message: `活动台账经费与支出明细账不一致：${formatYuan(a)}元 / ${formatYuan(b)}元`,
      });
  }
  return findings;
}

/**
 * Unit ids in report order (§7.2): the school first, then sub-unions in settings order,
 * then ids unknown to settings, sorted. Duplicates removed.
 */
export function unitOrder(settings: Settings, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  const known = [
    ...settings.units.filter((u) => u.kind === 'school'),
    ...settings.units.filter((u) => u.kind !== 'school'),
  ].map((u) => u.id);
  return [...known.filter((id) => wanted.has(id)), ...[...wanted].filter((id) => !known.includes(id)).sort()];
}

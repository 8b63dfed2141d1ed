import { describe, expect, it } from 'vitest';
import { budget } from '../ledgers/budget.js';
import { activities, checkups, honours, members, proposals, welfare } from '../ledgers/index.js';
import type { ExpenseRow } from '../ledgers/expenses.js';
import type { MembersRow } from '../ledgers/members.js';
import type { WelfareRow } from '../ledgers/welfare.js';
import { demoSettings } from '../settings/index.js';
import {
  budgetTarget,
  budgetWarnings,
  duplicateIssues,
  festivalCapWarnings,
  reconciliationWarnings,
  type BatchRow,
} from './crossRules.js';
import { fen, stored, times } from './testing/rows.js';
import type { RowsByKind } from './rows.js';

const ctx = { settings: demoSettings, today: '2024-01-15' };

/** A batch row from a stored-row builder: same fields and year, a sheet row number. */
function batch<R>(
  sheetRow: number,
  row: { fields: R; year: number | null; id: string },
  keepId = false,
): BatchRow<R> {
  return keepId
    ? { sheetRow, fields: row.fields, year: row.year, id: row.id }
    : { sheetRow, fields: row.fields, year: row.year };
}

describe('duplicateIssues (§5.2, Settled conventions)', () => {
  const spring = (staffNo: string, name: string, over: Partial<WelfareRow> = {}) =>
    stored('welfare', { staffNo, name, type: '节日慰问', festival: '春节', date: '2023-01-13', ...over });

  it('marks the later row in sheet order, with the earlier row as related', () => {
    const rows = [batch(7, spring('20150001', '张三')), batch(3, spring('20150001', '张三'))];
    const issues = duplicateIssues(welfare, rows, [], ctx);
    expect([...issues.keys()]).toEqual([7]);
    expect(issues.get(7)).toEqual({
      field: 'staffNo',
      severity: 'error',
      code: 'welfare.duplicate',
      message: '重复登记：张三（20150001）在2023-01-13已登记「节日慰问」',
      related: 3,
    });
  });

  it('gives a row at most one message: the first of the ledger’s rules that matches', () => {
    // Same person, same festival, another day: only the second rule matches.
    const rows = [
      batch(2, spring('20150001', '张三')),
      batch(3, spring('20150001', '张三', { date: '2023-01-20' })),
    ];
    expect(duplicateIssues(welfare, rows, [], ctx).get(3)).toMatchObject({
      code: 'welfare.festivalTwice',
      message: '张三本年度已登记过春节节日慰问',
      related: 2,
    });
    // Same person, type and day: both rules match; the first one wins.
    const same = [batch(2, spring('20150001', '张三')), batch(3, spring('20150001', '张三'))];
    expect(duplicateIssues(welfare, same, [], ctx).get(3)!.code).toBe('welfare.duplicate');
  });

  it('relates every repeat to the first row, and never compares with a row that is itself a duplicate', () => {
    const rows = [2, 3, 4].map((n) => batch(n, spring('20150001', '张三')));
    const issues = duplicateIssues(welfare, rows, [], ctx);
    expect([issues.get(3)!.related, issues.get(4)!.related]).toEqual([2, 2]);
  });

  it('treats a stored row as the earlier one: the pushed row is invalid, without a related row', () => {
    const old = spring('20150001', '张三');
    const issues = duplicateIssues(welfare, [batch(5, spring('20150001', '张三'))], [old], ctx);
    expect(issues.get(5)).toEqual({
      field: 'staffNo',
      severity: 'error',
      code: 'welfare.duplicate',
      message: '重复登记：张三（20150001）在2023-01-13已登记「节日慰问」',
    });
  });

  it('does not count a stored row as a duplicate of its own update, nor deleted rows', () => {
    const old = spring('20150001', '张三');
    const update = { ...batch(5, old), id: old.id };
    expect(duplicateIssues(welfare, [update], [old], ctx).size).toBe(0);
    const gone = spring('20150001', '张三', {});
    expect(
      duplicateIssues(welfare, [batch(5, spring('20150001', '张三'))], [{ ...gone, deleted: true }], ctx)
        .size,
    ).toBe(0);
  });

  it('keys by year where the ledger says so (checkups: once a year)', () => {
    const a = stored('checkups', { staffNo: '20150001', date: '2023-10-09' });
    const b = stored('checkups', { staffNo: '20150001', date: '2024-10-09' });
    const c = stored('checkups', { staffNo: '20150001', date: '2023-11-01' });
    const issues = duplicateIssues(checkups, [batch(2, a), batch(3, b), batch(4, c)], [], ctx);
    expect([...issues.keys()]).toEqual([4]);
    expect(issues.get(4)).toMatchObject({ message: '张三（20150001）本年度已登记体检', related: 2 });
  });

  it('words members duplicates with the row number in the batch and the unit against the store (§3.1)', () => {
    const m = (unit: string): { fields: MembersRow; year: number | null; id: string } =>
      stored('members', { unit });
    const inBatch = duplicateIssues(members, [batch(4, m('mech-info')), batch(9, m('business'))], [], ctx);
    expect(inBatch.get(9)).toMatchObject({
      field: 'staffNo',
      message: '工号“20150001”重复（第4行）',
    });
    // The message already names the row: no `related`, so notes do not say it twice.
    expect(inBatch.get(9)?.related).toBeUndefined();
    const againstStore = duplicateIssues(members, [batch(9, m('business'))], [m('lit-news')], ctx);
    expect(againstStore.get(9)).toEqual({
      field: 'staffNo',
      severity: 'error',
      code: 'members.duplicate',
      message: '工号“20150001”已在「文新学院工会」名册中登记',
    });
  });

  it('uses the other ledgers’ own messages', () => {
    const line = stored('budget', { unit: 'business', account: '50102', amount: fen(15_750) });
    expect(duplicateIssues(budget, [batch(2, line), batch(3, line)], [], ctx).get(3)).toMatchObject({
      field: 'account',
      message: '「工商学院工会」2023年「文体活动支出」预算已登记',
    });
    const h = stored('honours', { title: '优秀工会会员', target: '张三' });
    expect(
      duplicateIssues(
        honours,
        [batch(2, h)],
        [stored('honours', { title: '优秀工会会员', target: '张三' })],
        ctx,
      ).get(2),
    ).toMatchObject({ message: '「张三」已登记2023年度「优秀工会会员」' });
    const p = stored('proposals', { no: '2023-001' });
    expect(duplicateIssues(proposals, [batch(2, p), batch(3, p)], [], ctx).get(3)).toMatchObject({
      field: 'no',
      message: '提案编号“2023-001”重复',
    });
    const act = stored('activities', { name: '棋类比赛', startDate: '2023-11-16' });
    expect(duplicateIssues(activities, [batch(2, act), batch(3, act)], [], ctx).get(3)).toMatchObject({
      message: '活动重复：棋类比赛（2023-11-16）已登记',
    });
  });
});

describe('festivalCapWarnings (§5.1)', () => {
  const festival = (festivalName: WelfareRow['festival'], amountYuan: number, date: string) =>
    stored('welfare', {
      type: '节日慰问',
      festival: festivalName,
      amount: fen(amountYuan),
      date,
      name: '李四',
      staffNo: '20180007',
    });

  it('warns on each contributing row of the batch once the year’s total passes the cap', () => {
    const old = festival('春节', 800, '2023-01-13');
    const rows = [
      batch(2, festival('端午节', 400, '2023-06-20')),
      batch(3, festival('中秋国庆', 400, '2023-09-22')),
    ];
    const issues = festivalCapWarnings(rows, [old], demoSettings);
    expect([...issues.keys()]).toEqual([2, 3]);
    expect(issues.get(2)).toEqual({
      field: 'amount',
      severity: 'warning',
      code: 'welfare.festivalCap',
      message: '李四本年度节日慰问累计1600元，超过每人每年1500元标准',
    });
  });

  it('says nothing at the cap, for other years, other people, other types, or the row being updated', () => {
    const old = festival('春节', 1_000, '2023-01-13');
    expect(
      festivalCapWarnings([batch(2, festival('中秋国庆', 500, '2023-09-22'))], [old], demoSettings).size,
    ).toBe(0);
    expect(
      festivalCapWarnings([batch(2, festival('中秋国庆', 600, '2024-09-22'))], [old], demoSettings).size,
    ).toBe(0);
    const other = stored('welfare', {
      type: '节日慰问',
      amount: fen(600),
      staffNo: '20990001',
      name: '王五',
    });
    expect(festivalCapWarnings([batch(2, other)], [old], demoSettings).size).toBe(0);
    const gift = stored('welfare', {
      type: '生育慰问',
      festival: null,
      amount: fen(600),
      staffNo: '20180007',
      name: '李四',
    });
    expect(festivalCapWarnings([batch(2, gift)], [old], demoSettings).size).toBe(0);
    const raised = { ...batch(2, festival('春节', 1_200, '2023-01-13')), id: old.id };
    expect(festivalCapWarnings([raised], [old], demoSettings).size).toBe(0);
  });

  it('reads the cap from settings, and keeps decimals only when not whole', () => {
    const settings = { ...demoSettings, standards: { ...demoSettings.standards, festivalPerYear: 800 } };
    const rows = [
      batch(2, festival('春节', 500.5, '2023-01-13')),
      batch(3, festival('端午节', 300, '2023-06-20')),
    ];
    expect(festivalCapWarnings(rows, [], settings).get(3)!.message).toBe(
      '李四本年度节日慰问累计800.5元，超过每人每年800元标准',
    );
  });
});

describe('budgetWarnings (§5.3)', () => {
  const line = (unit: string, account: string, yuan: number, year = 2023) =>
    stored('budget', { year, unit, account, amount: fen(yuan) });
  const spend = (unit: string, account: string, yuan: number, date = '2023-05-01') =>
    stored('expenses', { unit, account, amount: fen(yuan), date, summary: '活动经费' });

  it('gives 超预算 only to the rows pushed after the line passes its budget (§8.4: 工商学院工会 50102)', () => {
    const lines = [line('business', '50102', 15_750)];
    const storedRows = [spend('business', '50102', 5_000), spend('business', '50102', 5_000)];
    const pushed = [3_000, 2_700, 300, 410].map((y, i) => batch(i + 2, spend('business', '50102', y)));
    const issues = budgetWarnings(pushed, storedRows, lines, demoSettings);
    expect([...issues.keys()]).toEqual([4, 5]);
    expect(issues.get(4)).toEqual({
      field: 'amount',
      severity: 'warning',
      code: 'expenses.overBudget',
      message: '「文体活动支出」已超预算：预算15750元，已支出16000元（执行率101.59%）',
    });
    expect(issues.get(5)!.message).toBe(
      '「文体活动支出」已超预算：预算15750元，已支出16410元（执行率104.19%）',
    );
  });

  it('counts in sheet order, whatever the order of the batch array', () => {
    const lines = [line('arts', '50102', 100)];
    const pushed = [batch(9, spend('arts', '50102', 60)), batch(2, spend('arts', '50102', 60))];
    expect([...budgetWarnings(pushed, [], lines, demoSettings).keys()]).toEqual([9]);
  });

  it('warns 未编制 when no line covers the account, naming the unit, year and account', () => {
    const issues = budgetWarnings(
      [batch(2, spend('arts', '50103', 10))],
      [],
      [line('arts', '50102', 100)],
      demoSettings,
    );
    expect(issues.get(2)).toEqual({
      field: 'account',
      severity: 'warning',
      code: 'expenses.noBudget',
      message: '「艺术学院工会」2023年未编制「宣传活动支出」预算',
    });
    // A line of another year or unit does not count.
    const other = [line('arts', '50103', 100, 2022), line('nursing', '50103', 100)];
    expect(budgetWarnings([batch(2, spend('arts', '50103', 10))], [], other, demoSettings).get(2)!.code).toBe(
      'expenses.noBudget',
    );
  });

  it('holds a sub-account expense against the top-level line when only the top level was budgeted', () => {
    const lines = [line('arts', '501', 100)];
    const pushed = [batch(2, spend('arts', '50102', 60)), batch(3, spend('arts', '50105', 50))];
    const issues = budgetWarnings(pushed, [], lines, demoSettings);
    expect([...issues.keys()]).toEqual([3]);
    expect(issues.get(3)!.message).toBe('「职工活动支出」已超预算：预算100元，已支出110元（执行率110.00%）');
  });

  it('holds a top-level expense against the sum of its sub-account lines', () => {
    const lines = [line('arts', '50102', 100), line('arts', '50105', 50)];
    const issues = budgetWarnings(
      [batch(2, spend('arts', '501', 100)), batch(3, spend('arts', '501', 60))],
      [spend('arts', '50102', 0.5)],
      lines,
      demoSettings,
    );
    expect([...issues.keys()]).toEqual([3]);
    expect(issues.get(3)!.message).toBe(
      '「职工活动支出」已超预算：预算150元，已支出160.5元（执行率107.00%）',
    );
    expect(budgetWarnings([batch(2, spend('arts', '502', 1))], [], lines, demoSettings).get(2)!.message).toBe(
      '「艺术学院工会」2023年未编制「维权支出」预算',
    );
  });

  it('uses the adjusted budget, treats a line of 0 as not budgeted, and lets reversals bring the actual back', () => {
    const adjusted = [
      stored('budget', { unit: 'arts', account: '50102', amount: fen(100), adjusted: fen(200) }),
    ];
    expect(budgetWarnings([batch(2, spend('arts', '50102', 150))], [], adjusted, demoSettings).size).toBe(0);
    const zero = [line('arts', '50102', 0)];
    expect(budgetWarnings([batch(2, spend('arts', '50102', 1))], [], zero, demoSettings).get(2)!.code).toBe(
      'expenses.noBudget',
    );
    const reversal: BatchRow<ExpenseRow> = batch(
      3,
      stored('expenses', { unit: 'arts', account: '50102', amount: fen(-60), summary: '冲销 重复报销' }),
    );
    const issues = budgetWarnings(
      [batch(2, spend('arts', '50102', 150)), reversal],
      [],
      [line('arts', '50102', 100)],
      demoSettings,
    );
    expect([...issues.keys()]).toEqual([2]);
  });

  it('replaces the stored version of a row being updated', () => {
    const old = spend('arts', '50102', 90);
    const update = { ...batch(2, spend('arts', '50102', 95)), id: old.id };
    expect(budgetWarnings([update], [old], [line('arts', '50102', 100)], demoSettings).size).toBe(0);
  });

  it('finds the budget target of an account', () => {
    const lines = new Map([
      ['50102', 1],
      ['502', 2],
    ]);
    expect(budgetTarget('50102', lines)?.account).toBe('50102');
    expect(budgetTarget('50205', lines)?.account).toBe('502');
    expect(budgetTarget('501', lines)?.budgetFen).toBe(1);
    expect(budgetTarget('50103', lines)).toBeNull();
    expect(budgetTarget('503', lines)).toBeNull();
  });
});

describe('reconciliationWarnings (§5.4)', () => {
  const welfareRows = (n: number, type: WelfareRow['type'], yuan: number) =>
    times(n, (i) =>
      stored('welfare', {
        staffNo: `2015${String(i).padStart(4, '0')}`,
        type,
        amount: fen(yuan),
        festival: null,
      }),
    );

  it('is clean when the registers match the expense ledger', () => {
    const rows: RowsByKind = {
      welfare: [...welfareRows(10, '生育慰问', 500), ...welfareRows(2, '送温暖', 800)],
      expenses: [
        stored('expenses', { account: '50105', amount: fen(5_000) }),
        stored('expenses', { account: '50205', amount: fen(1_600) }),
        stored('expenses', { unit: 'arts', account: '50102', amount: fen(1_000) }),
      ],
      activities: [stored('activities', { unit: 'arts', level: '二级工会', cost: fen(1_000) })],
    };
    expect(reconciliationWarnings(rows, demoSettings, 2023)).toEqual([]);
  });

  it('compares welfare per mapped account for the whole organisation, tolerating 1%', () => {
    const rows: RowsByKind = {
      welfare: [...welfareRows(10, '生育慰问', 500), ...welfareRows(1, '困难帮扶', 1_000)],
      expenses: [
        // 50105: 5,000 vs 5,040 is within 1%; 50204: nothing booked.
        stored('expenses', { account: '50105', amount: fen(5_040) }),
        stored('expenses', { account: '50205', amount: fen(300) }),
      ],
    };
    const findings = reconciliationWarnings(rows, demoSettings, 2023);
    expect(findings.map((f) => [f.account, f.message])).toEqual([
      ['50205', '慰问台账金额与支出明细账不一致：0元 / 300元'],
      ['50204', '慰问台账金额与支出明细账不一致：1000元 / 0元'],
    ]);
    expect(findings[0]).toMatchObject({
      code: 'reconcile.welfare',
      unit: null,
      registerFen: 0,
      expensesFen: 30_000,
    });
  });

  it('compares each unit’s 文体活动 cost with its 50102 spending, in report order', () => {
    const rows: RowsByKind = {
      activities: [
        stored('activities', { unit: 'nursing', level: '二级工会', cost: fen(1_000) }),
        stored('activities', { unit: 'school', level: '校级', cost: fen(2_000) }),
        stored('activities', { unit: 'school', level: '参加上级', cost: fen(500) }),
        stored('activities', { unit: 'school', category: '联谊活动', level: '参加上级', cost: fen(9_999) }),
        stored('activities', { unit: 'arts', level: '二级工会', cost: fen(100), startDate: '2022-12-01' }),
      ],
      expenses: [
        stored('expenses', { unit: 'school', account: '50102', amount: fen(2_500) }),
        stored('expenses', { unit: 'nursing', account: '50102', amount: fen(1_200.5) }),
        stored('expenses', { unit: 'nursing', account: '50102', amount: fen(800) }, { deleted: true }),
      ],
    };
    const findings = reconciliationWarnings(rows, demoSettings, 2023);
    expect(findings).toEqual([
      {
        code: 'reconcile.activities',
        unit: 'nursing',
        account: '50102',
        registerFen: 100_000,
        expensesFen: 120_050,
        message: '活动台账经费与支出明细账不一致：1000元 / 1200.5元',
      },
    ]);
    expect(reconciliationWarnings(rows, demoSettings, 2023, 'school')).toEqual([]);
    expect(reconciliationWarnings(rows, demoSettings, 2023, 'nursing')).toHaveLength(1);
  });
});

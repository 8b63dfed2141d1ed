import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { budget, budgetAmount, mixedLevelIssues, type BudgetRow } from './budget.js';
import { validateRow, type RawRow, type RowContext, type ValidationContext } from './define.js';
import type { Issue } from './issue.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15' };

const line = {
  year: 2023,
  unit: '机电学院工会',
  direction: '支出',
  account: '50102 文体活动支出',
  amount: '17,700.00',
  adjusted: null,
  basis: '150元/人×118人',
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>, c: ValidationContext = ctx) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(budget, raw, c);
}

const messages = (issues: Issue[]): string[] => issues.map((i) => i.message);

describe('budget: cells', () => {
  it('accepts a valid line', () => {
    const v = check(line);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      year: 2023,
      unit: 'mech-info',
      direction: '支出',
      account: '50102',
      amount: 1_770_000,
      adjusted: null,
      basis: '150元/人×118人',
      remarks: null,
    });
    expect(budget.scope).toBe('budget');
    expect(budget.yearField).toBe('year');
  });

  it('defaults the direction to 支出', () => {
    const v = check({ ...line, direction: null });
    expect(v.issues).toEqual([]);
    expect(v.fields?.direction).toBe('支出');
  });

  it('accepts an income line', () => {
    expect(check({ ...line, unit: '校工会', direction: '收入', account: '会费收入' }).fields?.account).toBe(
      '401',
    );
  });

  it.each([
    ['year', '年度'],
    ['unit', '预算单位'],
    ['account', '预算科目'],
    ['amount', '预算金额'],
  ] as const)('%s is required', (key, header) => {
    expect(check({ ...line, [key]: null }).issues).toEqual([
      { field: key, severity: 'error', code: 'required', message: `「${header}」不能为空` },
    ]);
  });

  it('declares the aliases of §3.14, each binding one field', () => {
    expect(budget.fields.year.aliases).toContain('预算年度');
    expect(budget.fields.unit.aliases).toEqual(
      expect.arrayContaining([
        '所属工会',
        '分工会',
        '所属分工会',
        '二级工会',
        '工会名称',
        '所在单位',
        '单位',
      ]),
    );
    expect(budget.fields.direction.aliases).toContain('收支');
    expect(budget.fields.account.aliases).toEqual(expect.arrayContaining(['科目', '支出科目', '预算项目']));
    expect(budget.fields.amount.aliases).toEqual(expect.arrayContaining(['预算数', '年初预算', '金额']));
    expect(budget.fields.adjusted.aliases).toContain('调整预算数');
    expect(budget.fields.basis.aliases).toContain('编制说明');
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(budget.fields))
      for (const h of [f.header, ...f.aliases])
        owners.set(normalizeHeader(h), (owners.get(normalizeHeader(h)) ?? new Set<string>()).add(key));
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('names the header as typed', () => {
    expect(messages(check({ ...line, amount: null }, { amount: '年初预算' }).issues)).toEqual([
      '「年初预算」不能为空',
    ]);
  });

  it('std messages for the cells', () => {
    expect(messages(check({ ...line, year: '2023年' }).issues)).toEqual(['「年度」应为非负整数']);
    expect(messages(check({ ...line, direction: '收付' }).issues)).toEqual([
      '「收支类型」只能填写：收入、支出',
    ]);
    expect(messages(check({ ...line, amount: '-100' }).issues)).toEqual(['「预算金额」不能为负数']);
    expect(messages(check({ ...line, amount: '壹万元' }).issues)).toEqual([
      '「预算金额」请填写阿拉伯数字金额',
    ]);
    expect(messages(check({ ...line, adjusted: 'abc' }).issues)).toEqual([
      '「调整后预算」不是有效金额（示例：1200 或 1,200.00元）',
    ]);
    expect(messages(check({ ...line, unit: '体育学院' }).issues)).toEqual([
      '「预算单位」“体育学院”不在单位名单中',
    ]);
    expect(messages(check({ ...line, basis: '长'.repeat(101) }).issues)).toEqual([
      '「测算依据」不能超过100个字',
    ]);
  });

  it('accepts a zero budget', () => {
    expect(check({ ...line, amount: 0 }).issues).toEqual([]);
  });
});

describe('budget: accounts', () => {
  it.each(['50102', '文体活动支出', '50102文体活动支出', '文体活动', '疗休养'])('accepts %s', (account) => {
    expect(check({ ...line, account }).issues).toEqual([]);
  });

  it('rejects an account outside the chart', () => {
    expect(check({ ...line, account: '招待费' }).issues).toEqual([
      {
        field: 'account',
        severity: 'error',
        code: 'account.unknown',
        message: '「预算科目」不在《工会会计制度》科目表中：招待费',
      },
    ]);
    expect(messages(check({ ...line, account: '招待费' }, { account: '预算项目' }).issues)).toEqual([
      '「预算项目」不在《工会会计制度》科目表中：招待费',
    ]);
  });

  it('rejects an account of the other direction with the unknown-account message', () => {
    expect(check({ ...line, account: '401 会费收入' }).issues).toEqual([
      {
        field: 'account',
        severity: 'error',
        code: 'account.unknown',
        message: '「预算科目」不在《工会会计制度》科目表中：401 会费收入',
      },
    ]);
    expect(messages(check({ ...line, direction: '收入' }).issues)).toEqual([
      '「预算科目」不在《工会会计制度》科目表中：50102 文体活动支出',
    ]);
  });

  it('rejects a higher-union account', () => {
    expect(messages(check({ ...line, account: '504' }).issues)).toEqual(['基层工会不使用「行政支出」科目']);
  });
});

describe('budget: the budget used', () => {
  it('is the adjusted budget when present', () => {
    const v = check({ ...line, adjusted: '20,000' });
    expect(v.fields && budgetAmount(v.fields)).toBe(2_000_000);
    expect(budgetAmount({ amount: 1_770_000, adjusted: null })).toBe(1_770_000);
    expect(budgetAmount({ amount: 1_770_000, adjusted: 0 })).toBe(0);
  });
});

describe('budget: duplicates', () => {
  const [rule] = budget.duplicates ?? [];
  const row = check(line).fields as BudgetRow;
  const rctx: RowContext<typeof budget.fields> = { ...ctx, header: (k) => k, raw: { cells: {} } };

  it('keys a line by year, unit, direction and account', () => {
    expect(rule?.code).toBe('budget.duplicate');
    expect(rule?.key(row, 2023)).toBe(rule?.key({ ...row, amount: 1, basis: null }, 2023));
    for (const change of [
      { year: 2024 },
      { unit: 'business' },
      { direction: '收入' as const },
      { account: '50101' },
    ])
      expect(rule?.key({ ...row, ...change }, 2023)).not.toBe(rule?.key(row, 2023));
  });

  it('names the unit and account by their canonical names', () => {
    expect(rule?.message(row, rctx, 2023, { sheetRow: 3, fields: row })).toBe(
      '「机电学院工会」2023年「文体活动支出」预算已登记',
    );
  });
});

describe('budget: top-level and sub-accounts in one unit', () => {
  const r = (sheetRow: number, account: string, more: Partial<BudgetRow> = {}) => ({
    sheetRow,
    row: { ...(check(line).fields as BudgetRow), account, ...more },
  });
  const mixed = {
    field: 'account',
    severity: 'error',
    code: 'budget.mixedLevels',
    message: '同一单位不能同时按一级科目和其下级科目编制预算',
  };

  it('marks the later rows of the other level', () => {
    const issues = mixedLevelIssues([r(2, '501'), r(3, '50101'), r(4, '50102'), r(5, '502')]);
    expect([...issues.keys()]).toEqual([3, 4]);
    expect(issues.get(3)).toEqual(mixed);
  });

  it('marks a top-level line that comes after its sub-accounts', () => {
    const issues = mixedLevelIssues([r(4, '501'), r(2, '50101'), r(3, '50102')]);
    expect([...issues.keys()]).toEqual([4]);
  });

  it('allows the same accounts in other units, years or directions, and sub-accounts of other parents', () => {
    expect(mixedLevelIssues([r(2, '501'), r(3, '50101', { unit: 'business' })]).size).toBe(0);
    expect(mixedLevelIssues([r(2, '501'), r(3, '50101', { year: 2024 })]).size).toBe(0);
    expect(mixedLevelIssues([r(2, '501'), r(3, '50201'), r(4, '503'), r(5, '50102')]).size).toBe(1);
    expect(mixedLevelIssues([r(2, '50101'), r(3, '50102'), r(4, '505')]).size).toBe(0);
    expect(mixedLevelIssues([]).size).toBe(0);
  });
});

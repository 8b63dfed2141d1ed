import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RawRow, type ValidationContext } from './define.js';
import { duplicateExpenseWarnings, expenses, type ExpenseRow } from './expenses.js';
import type { Issue } from './issue.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15' };

const paid = {
  date: '2023-04-20',
  unit: '校工会',
  voucher: '记-0412',
  account: '文体活动支出',
  summary: '乒乓球比赛场地及奖品',
  amount: '¥12,800.00',
  payee: '重庆某体育用品有限公司',
  handler: '刘老师',
  approver: '陈主席',
  linkKind: '活动',
  linkRef: '乒乓球比赛',
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>, c: ValidationContext = ctx) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(expenses, raw, c);
}

const messages = (issues: Issue[]): string[] => issues.map((i) => i.message);

describe('expenses: cells', () => {
  it('accepts a valid row', () => {
    const v = check(paid);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({ unit: 'school', account: '50102', amount: 1_280_000, linkKind: '活动' });
    expect(expenses.scope).toBe('expenses');
  });

  it.each([
    ['date', '日期'],
    ['unit', '所属工会'],
    ['account', '支出科目'],
    ['summary', '摘要'],
    ['amount', '金额'],
  ] as const)('%s is required', (key, header) => {
    expect(check({ ...paid, [key]: null }).issues).toEqual([
      { field: key, severity: 'error', code: 'required', message: `「${header}」不能为空` },
    ]);
  });

  it("fills an officer's unit when the sheet has no unit column", () => {
    const { unit: _unit, ...noUnit } = paid;
    const v = check(noUnit, undefined, { ...ctx, actor: { role: 'officer', unit: 'business' } });
    expect(v.fields?.unit).toBe('business');
  });

  it('declares the aliases of §3.15, each binding one field', () => {
    expect(expenses.fields.date.aliases).toEqual(
      expect.arrayContaining(['记账日期', '支出日期', '报销日期']),
    );
    expect(expenses.fields.voucher.aliases).toContain('凭证编号');
    expect(expenses.fields.account.aliases).toEqual(expect.arrayContaining(['科目', '会计科目']));
    expect(expenses.fields.summary.aliases).toEqual(expect.arrayContaining(['事由', '用途']));
    expect(expenses.fields.amount.aliases).toEqual(expect.arrayContaining(['支出金额', '金额（元）']));
    expect(expenses.fields.payee.aliases).toContain('收款单位');
    expect(expenses.fields.linkRef.aliases).toContain('关联活动');
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(expenses.fields))
      for (const h of [f.header, ...f.aliases])
        owners.set(normalizeHeader(h), (owners.get(normalizeHeader(h)) ?? new Set<string>()).add(key));
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('names the header as typed', () => {
    expect(messages(check({ ...paid, summary: null }, { summary: '用途' }).issues)).toEqual([
      '「用途」不能为空',
    ]);
  });

  it('std messages for the cells', () => {
    expect(messages(check({ ...paid, linkKind: '会议' }).issues)).toEqual([
      '「关联台账」只能填写：慰问、活动、体检、其他',
    ]);
    expect(messages(check({ ...paid, amount: '12800.001' }).issues)).toEqual(['「金额」最多保留两位小数']);
    expect(messages(check({ ...paid, summary: '长'.repeat(101) }).issues)).toEqual([
      '「摘要」不能超过100个字',
    ]);
    // ADR 0020: an approval number (审批编号) has 21 digits.
    expect(messages(check({ ...paid, voucher: '202309011432000123456' }).issues)).toEqual([]);
    expect(messages(check({ ...paid, voucher: '长'.repeat(33) }).issues)).toEqual([
      '「凭证号」不能超过32个字',
    ]);
  });
});

describe('expenses: accounts', () => {
  it('accepts expenditure accounts only', () => {
    expect(check({ ...paid, account: '会费收入' }).issues).toEqual([
      {
        field: 'account',
        severity: 'error',
        code: 'account.unknown',
        message: '「支出科目」不在《工会会计制度》科目表中：会费收入',
      },
    ]);
    expect(messages(check({ ...paid, account: '招待费' }, { account: '会计科目' }).issues)).toEqual([
      '「会计科目」不在《工会会计制度》科目表中：招待费',
    ]);
    expect(messages(check({ ...paid, account: '506' }).issues)).toEqual([
      '基层工会不使用「补助下级支出」科目',
    ]);
  });

  it('建议细化到二级科目 for a top-level account with sub-accounts', () => {
    const v = check({ ...paid, account: '501' });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([
      {
        field: 'account',
        severity: 'warning',
        code: 'expenses.topLevelAccount',
        message: '建议细化到二级科目',
      },
    ]);
    expect(check({ ...paid, account: '505 资本性支出' }).issues).toEqual([]);
  });
});

describe('expenses: summary and sign', () => {
  it.each(['购物卡', '代金券', '储值卡'])('warns when the summary names %s', (word) => {
    const v = check({ ...paid, summary: `采购${word}50张` });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([
      {
        field: 'summary',
        severity: 'warning',
        code: 'expenses.cards',
        message: '工会经费不得用于购买购物卡、代金券',
      },
    ]);
  });

  it('accepts a negative amount for a reversal only', () => {
    const v = check({ ...paid, amount: '-1,280.00', summary: '退回多付奖品款' });
    expect(v.fields).toBeNull();
    expect(v.issues).toEqual([
      {
        field: 'amount',
        severity: 'error',
        code: 'expenses.negative',
        message: '负数金额仅用于冲销，摘要须以“冲销”开头',
      },
    ]);
    const reversal = check({ ...paid, amount: '(1,280.00)', summary: '冲销记-0412多付奖品款' });
    expect(reversal.issues).toEqual([]);
    expect(reversal.fields?.amount).toBe(-128_000);
  });
});

describe('expenses: the duplicate hint', () => {
  const base = check(paid).fields as ExpenseRow;
  const r = (sheetRow: number, more: Partial<ExpenseRow> = {}) => ({ sheetRow, row: { ...base, ...more } });

  it('warns on each later row naming the first', () => {
    const issues = duplicateExpenseWarnings([
      r(5),
      r(3, { voucher: '记-0413', handler: null }),
      r(9),
      r(4, { amount: 1 }),
    ]);
    expect([...issues.keys()].sort()).toEqual([5, 9]);
    expect(issues.get(5)).toEqual({
      field: null,
      severity: 'warning',
      code: 'expenses.duplicateHint',
      message: '疑似重复支出（第3行）',
    });
    expect(issues.get(9)?.message).toBe('疑似重复支出（第3行）');
  });

  it('needs the same unit, date, account, amount and summary', () => {
    for (const change of [
      { unit: 'business' },
      { date: '2023-04-21' },
      { account: '50101' },
      { amount: 1_280_001 },
      { summary: '乒乓球比赛奖品' },
    ])
      expect(duplicateExpenseWarnings([r(2), r(3, change)]).size).toBe(0);
  });

  it('is not an error duplicate of the ledger', () => {
    expect(expenses.duplicates ?? []).toEqual([]);
  });
});

describe('expenses: claims and approval exports (issue 18)', () => {
  it.each<[string, string]>([
    ['发生时间', 'date'],
    ['业务类型', 'account'],
    ['报销类别', 'account'],
    ['费用明细', 'summary'],
    ['报销金额(元)', 'amount'],
    ['报销人', 'handler'],
    ['发起人姓名', 'handler'],
    ['领款人', 'payee'],
    ['审批编号', 'voucher'],
  ])('%s → %s', (header, field) => {
    const f = Object.entries(expenses.fields).find(([, x]) =>
      [x.header, ...x.aliases].map(normalizeHeader).includes(normalizeHeader(header)),
    );
    expect(f?.[0]).toBe(field);
  });

  it('a claim the approval export shows as refused or unfinished is not spending', () => {
    const headers = { approvalResult: '审批结果', approvalStatus: '审批状态' };
    expect(check({ ...paid, approvalResult: '同意', approvalStatus: '已完成' }, headers).issues).toEqual([]);
    const refused = check({ ...paid, approvalResult: '拒绝', approvalStatus: '已完成' }, headers);
    expect(refused.fields).toBeNull();
    expect(messages(refused.issues)).toEqual(['「审批结果」为“拒绝”：未经同意的报销不计入支出']);
    const pending = check({ ...paid, approvalResult: null, approvalStatus: '审批中' }, headers);
    expect(messages(pending.issues)).toEqual(['「审批状态」为“审批中”：审批完成后才计入支出']);
    expect(check(paid).fields).not.toHaveProperty('approvalResult');
  });
});

import { displayHeader } from '../cells/index.js';
import { hasSubAccounts } from '../settings/lookup.js';
import { account, amount, common, date, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, warning, type Issue } from './issue.js';

/**
 * DOMAIN.md §3.15 — 支出明细账: the only source of actual spending. Budget warnings (§5.3)
 * need the budget and the other rows: they are computed by the service, not here.
 */

export const LINK_KINDS = ['慰问', '活动', '体检', '其他'] as const;

const CARDS = /购物卡|代金券|储值卡/;
const REVERSAL = '冲销';

// Expense claims and DingTalk / WeCom approval exports (issue 18; docs/aliases.md) are how
// many offices keep their spending: their headers are aliases here.
const fields = {
  date: date({
    header: '日期',
    aliases: ['记账日期', '支出日期', '报销日期', '发生时间', '发生日期'],
    required: true,
  }),
  unit: common.unit(),
  // An approval number (审批编号) has 21 digits: ADR 0020.
  voucher: text({ header: '凭证号', aliases: ['凭证编号', '审批编号'], max: 32 }),
  account: account({
    header: '支出科目',
    aliases: ['科目', '会计科目', '业务类型', '报销类别'],
    required: true,
    direction: '支出',
  }),
  summary: text({ header: '摘要', aliases: ['事由', '用途', '费用明细'], required: true, max: 100 }),
  // Negative only for a reversal: the sign is the ledger's rule, not the cell's.
  amount: amount({
    header: '金额',
    aliases: ['支出金额', '金额（元）', '报销金额'],
    required: true,
    sign: 'any',
  }),
  payee: text({ header: '收款方', aliases: ['收款单位', '领款人'], max: 40 }),
  handler: text({ header: '经办人', aliases: ['报销人', '发起人姓名'], max: 20 }),
  approver: text({ header: '审批人', max: 20 }),
  linkKind: oneOf(LINK_KINDS, { header: '关联台账' }),
  linkRef: text({ header: '关联批次', aliases: ['关联活动'], max: 60 }),
  remarks: common.remarks(),
};

export type ExpenseRow = RowOf<typeof fields>;

/** What an approval export says of a claim: only an approved, finished claim is spending. */
const APPROVED = ['同意', '通过', '已同意', '已通过'];
const FINISHED = ['已完成', '完成', '已通过', '通过', '审批通过'];
const inputs = {
  approvalResult: text({ header: '审批结果', max: 20 }),
  approvalStatus: text({ header: '审批状态', max: 20 }),
};

export const expenses = defineLedger({
  kind: 'expenses',
  title: '支出明细账',
  nameHints: ['支出', '明细账'],
  scope: 'expenses',
  primaryDate: 'date',
  fields,
  inputs,
  derive(_row, given, ctx) {
    const shown = (key: string, fallback: string): string => {
      const h = ctx.raw.headers?.[key];
      return h ? displayHeader(h) : fallback;
    };
    const result = given.approvalResult;
    if (typeof result === 'string' && !APPROVED.includes(result))
      return [
        error(
          'approvalResult',
          'expenses.notApproved',
          `「${shown('approvalResult', '审批结果')}」为“${result}”：未经同意的报销不计入支出`,
        ),
      ];
    const status = given.approvalStatus;
    if (typeof status === 'string' && !FINISHED.includes(status))
      return [
        error(
          'approvalStatus',
          'expenses.notFinished',
          `「${shown('approvalStatus', '审批状态')}」为“${status}”：审批完成后才计入支出`,
        ),
      ];
    return [];
  },
  rules(row, ctx) {
    const issues: Issue[] = [];
    if (row.account !== null && hasSubAccounts(ctx.settings, row.account))
      issues.push(warning('account', 'expenses.topLevelAccount', '建议细化到二级科目'));
    if (row.summary !== null && CARDS.test(row.summary))
      issues.push(warning('summary', 'expenses.cards', '工会经费不得用于购买购物卡、代金券'));
    if (row.amount !== null && row.amount < 0 && !(row.summary ?? '').startsWith(REVERSAL))
      issues.push(error('amount', 'expenses.negative', `负数金额仅用于冲销，摘要须以“${REVERSAL}”开头`));
    return issues;
  },
});

/**
 * §3.15 duplicate hint: same unit, date, account, amount and summary. A warning, not a
 * duplicate error (§5.2), so it is not in the ledger's `duplicates`: each later row gets
 * `疑似重复支出（第{n}行）` naming the first row it repeats. Returns the issues by sheet row.
 */
export function duplicateExpenseWarnings(
  rows: readonly { row: ExpenseRow; sheetRow: number }[],
): Map<number, Issue> {
  const issues = new Map<number, Issue>();
  const first = new Map<string, number>();
  for (const { row, sheetRow } of [...rows].sort((a, b) => a.sheetRow - b.sheetRow)) {
    const key = JSON.stringify([row.unit, row.date, row.account, row.amount, row.summary]);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, sheetRow);
    else issues.set(sheetRow, warning(null, 'expenses.duplicateHint', `疑似重复支出（第${earlier}行）`));
  }
  return issues;
}

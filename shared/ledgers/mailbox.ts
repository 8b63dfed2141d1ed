import { isBlank } from '../cells/index.js';
import { COMMON_UNIT_ALIASES, common, date, oneOf, staffNo, text, unit } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, type Issue } from './issue.js';
import { std } from './messages.js';
import { PROPOSAL_CATEGORIES } from './proposals.js';

/** DOMAIN.md §3.12 — 代表信箱: one row per letter. School-only. */

export const MAILBOX_STATUSES = ['待处理', '已转办', '已回复', '已关闭'] as const;
export type MailboxStatus = (typeof MAILBOX_STATUSES)[number];

/** The statuses that say a reply was given. */
const ANSWERED: readonly MailboxStatus[] = ['已回复', '已关闭'];

const fields = {
  no: text({ header: '编号', aliases: ['来信编号'], max: 20 }),
  date: date({ header: '收信日期', aliases: ['来信日期'], required: true }),
  /** Blank = anonymous. */
  from: text({ header: '来信人', aliases: ['反映人'], max: 20 }),
  staffNo: staffNo({ header: '工号', aliases: ['职工号', '教工号', '人员编号', '工作证号'] }),
  subject: text({ header: '主题', aliases: ['标题', '事由'], required: true, max: 100 }),
  category: oneOf(PROPOSAL_CATEGORIES, { header: '类别' }),
  dept: text({ header: '转办部门', aliases: ['处理部门'], max: 40 }),
  replyDate: date({ header: '回复日期' }),
  reply: text({ header: '回复摘要', aliases: ['回复内容'], max: 500 }),
  status: oneOf(MAILBOX_STATUSES, { header: '办理状态', aliases: ['状态'], default: '待处理' }),
  // School-only: a sheet without a unit column is `school`.
  unit: unit({ header: '所属工会', aliases: COMMON_UNIT_ALIASES, default: 'school' }),
  remarks: common.remarks(),
};

export type MailboxRow = RowOf<typeof fields>;

export const mailbox = defineLedger({
  kind: 'mailbox',
  title: '代表信箱',
  nameHints: ['信箱', '来信'],
  scope: 'school',
  primaryDate: 'date',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    if (row.replyDate !== null && row.date !== null && row.replyDate < row.date)
      issues.push(
        error('replyDate', 'mailbox.dateOrder', std.order(ctx.header('replyDate'), ctx.header('date'))),
      );
    if (
      row.status !== null &&
      ANSWERED.includes(row.status) &&
      row.replyDate === null &&
      isBlank(ctx.raw.cells.replyDate)
    )
      issues.push(
        error('replyDate', 'mailbox.replyDateRequired', `已回复的来信须填写「${ctx.header('replyDate')}」`),
      );
    return issues;
  },
});

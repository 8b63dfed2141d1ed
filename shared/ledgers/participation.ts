import { common, date, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { warning, type Issue } from './issue.js';
import { personChecks, rosterEntry } from './person.js';

/** DOMAIN.md §3.10 — 代表参与民主管理登记. School-only; `unit` is the delegate's sub-union. */

export const PARTICIPATION_FORMS = ['列席校务会', '参与文件讨论', '参加座谈', '民主评议', '其他'] as const;

const fields = {
  date: date({ header: '日期', aliases: ['参与日期', '会议日期'], required: true }),
  staffNo: common.staffNo(),
  name: common.name(['代表姓名']),
  unit: common.unit(),
  form: oneOf(PARTICIPATION_FORMS, { header: '参与形式', aliases: ['参与方式'], required: true }),
  matter: text({ header: '事项', aliases: ['讨论事项', '会议名称'], required: true, max: 100 }),
  remarks: common.remarks(),
};

export type ParticipationRow = RowOf<typeof fields>;

export const participation = defineLedger({
  kind: 'participation',
  title: '代表参与民主管理登记',
  nameHints: ['参与', '民主管理', '列席'],
  scope: 'school',
  primaryDate: 'date',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [...personChecks(ctx, row.staffNo, row.name)];
    const entry = rosterEntry(ctx, row.staffNo);
    if (entry && !entry.isRep)
      issues.push(warning('staffNo', 'participation.notRep', `${row.name ?? entry.name}不是教代会代表`));
    return issues;
  },
  duplicates: [
    {
      code: 'participation.duplicate',
      field: 'staffNo',
      key: (r) => `${r.staffNo}|${r.form}|${r.date}|${r.matter}`,
      message: (r) => `重复登记：${r.name}在${r.date}的「${r.matter}」已登记`,
    },
  ],
});

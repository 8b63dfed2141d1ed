import { amount, bool, common, date, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import type { Issue } from './issue.js';
import { personChecks } from './person.js';

/** DOMAIN.md §3.3 — 体检名单: one row per member per check-up. */

export const CHECKUP_FUNDING = ['学校行政', '工会经费', '个人自付'] as const;

const fields = {
  date: date({ header: '体检日期', aliases: ['日期', '体检时间'], required: true }),
  staffNo: common.staffNo(),
  name: common.name(),
  unit: common.unit(),
  gender: oneOf(['男', '女'], { header: '性别' }),
  package: text({ header: '体检套餐', aliases: ['套餐', '体检项目'], max: 40 }),
  institution: text({ header: '体检机构', aliases: ['体检医院', '医院'], max: 40 }),
  attended: bool({ header: '是否参检', aliases: ['已体检', '参检情况'], default: true }),
  fee: amount({ header: '体检费用', aliases: ['费用', '金额'] }),
  funding: oneOf(CHECKUP_FUNDING, { header: '经费来源', aliases: ['费用来源'], default: '学校行政' }),
  remarks: common.remarks(),
};

export type CheckupsRow = RowOf<typeof fields>;

export const checkups = defineLedger({
  kind: 'checkups',
  title: '体检名单',
  nameHints: ['体检'],
  scope: 'unit',
  primaryDate: 'date',
  unitFromRoster: true,
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    issues.push(...personChecks(ctx, row.staffNo, row.name));
    return issues;
  },
  duplicates: [
    {
      code: 'checkups.duplicate',
      field: 'staffNo',
      key: (r, year) => (year === null ? null : `${r.staffNo}|${year}`),
      message: (r) => `${r.name}（${r.staffNo}）本年度已登记体检`,
    },
  ],
});

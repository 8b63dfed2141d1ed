import { isBlank } from '../cells/index.js';
import { findUnit } from '../settings/lookup.js';
import { common, date, integer, oneOf, staffNo, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, warning, type Issue } from './issue.js';
import { std } from './messages.js';
import { personChecks } from './person.js';

/** DOMAIN.md §3.6 — 表彰名单: commendations and nominations. School-only. */

export const KNOWN_HONOURS = [
  '工会工作先进集体',
  '优秀工会会员',
  '优秀工会干部',
  '工会积极分子',
  '三八红旗手',
  '三八红旗集体',
  '优秀提案',
  '五一劳动奖章',
] as const;

const fields = {
  year: integer({ header: '年度', aliases: ['表彰年度'], min: 2000, max: 2100 }),
  title: text({ header: '表彰名称', aliases: ['荣誉称号', '称号'], max: 40, required: true }),
  level: oneOf(['校级', '市级', '全国'], { header: '级别', aliases: ['表彰级别'], required: true }),
  targetType: oneOf(['集体', '个人'], { header: '对象类型', aliases: ['集体/个人'], required: true }),
  target: text({ header: '表彰对象', aliases: ['单位/姓名', '获奖对象'], max: 60, required: true }),
  staffNo: staffNo({ header: '工号', aliases: common.staffNo().aliases }),
  status: oneOf(['推荐', '已授予'], { header: '状态', aliases: ['推荐/授予'], default: '已授予' }),
  date: date({ header: '表彰日期', aliases: ['发文日期', '推荐日期'], required: true }),
  docNo: text({ header: '文号', aliases: ['表彰文件'], max: 40 }),
  unit: common.unit(),
  remarks: common.remarks(),
};

export type HonoursRow = RowOf<typeof fields>;

export const honours = defineLedger({
  kind: 'honours',
  title: '表彰名单',
  nameHints: ['表彰', '荣誉'],
  scope: 'school',
  yearField: 'year',
  primaryDate: 'date',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    if (row.title !== null && !(KNOWN_HONOURS as readonly string[]).includes(row.title))
      issues.push(warning('title', 'honours.unusualTitle', `「${ctx.header('title')}」不是常用称号，请确认`));
    if (row.targetType === '集体' && row.target !== null && !findUnit(ctx.settings, row.target))
      issues.push(warning('target', 'honours.collectiveNotUnit', '集体表彰对象不在单位名单中'));
    if (row.targetType === '个人') {
      if (row.staffNo === null && isBlank(ctx.raw.cells.staffNo))
        issues.push(error('staffNo', 'honours.staffNoRequired', std.required(ctx.header('staffNo'))));
      // For a person the target is their name.
      issues.push(...personChecks(ctx, row.staffNo, row.target, { staffNo: 'staffNo', name: 'target' }));
    }
    return issues;
  },
  duplicates: [
    {
      code: 'honours.duplicate',
      field: 'target',
      key: (r, year) => (year === null ? null : `${r.title}|${r.target}|${year}`),
      message: (r, _ctx, year) => `「${r.target}」已登记${year}年度「${r.title}」`,
    },
  ],
});

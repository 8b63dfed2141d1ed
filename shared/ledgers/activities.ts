import { isBlank } from '../cells/index.js';
import { unitById } from '../settings/lookup.js';
import { amount, common, date, integer, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, warning, type Issue } from './issue.js';
import { std } from './messages.js';

/** DOMAIN.md §3.4 — 活动台账: sports, culture, training and socials, one row per activity. */

export const ACTIVITY_CATEGORIES = [
  '文体活动',
  '女职工活动',
  '联谊活动',
  '思想政治学习',
  '代表培训',
  '干部培训',
  '其他',
] as const;
export const ACTIVITY_LEVELS = ['校级', '二级工会', '参加上级'] as const;

/**
 * §3.4: a sub-union's 参与人次 above this multiple of its members (settings `units[].members`)
 * is probably a typo. Fixed by DOMAIN.md, not an assumed standard, so not a setting.
 */
export const PARTICIPANTS_PER_MEMBER = 3;

const fields = {
  name: text({ header: '活动名称', aliases: ['活动主题', '项目名称'], max: 60, required: true }),
  category: oneOf(ACTIVITY_CATEGORIES, { header: '活动类别', aliases: ['类别', '活动类型'], required: true }),
  level: oneOf(ACTIVITY_LEVELS, { header: '活动级别', aliases: ['级别', '组织层级'], required: true }),
  unit: common.unit({ header: '组织单位', aliases: ['主办单位', '承办分工会'] }),
  startDate: date({ header: '开始日期', aliases: ['活动日期', '日期', '时间'], required: true }),
  endDate: date({ header: '结束日期' }),
  venue: text({ header: '地点', aliases: ['活动地点'], max: 40 }),
  participants: integer({ header: '参与人次', aliases: ['参加人数', '参与人数', '人次'] }),
  cost: amount({ header: '活动经费', aliases: ['经费（元）', '费用', '支出金额'] }),
  theme: text({ header: '主题', aliases: ['标签', '主题标签'], max: 40 }),
  host: text({ header: '主讲人', aliases: ['授课人', '负责人'], max: 40 }),
  remarks: common.remarks(),
};

export type ActivitiesRow = RowOf<typeof fields>;

export const activities = defineLedger({
  kind: 'activities',
  title: '活动台账',
  nameHints: ['活动'],
  scope: 'unit',
  primaryDate: 'startDate',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    const unit = row.unit === null ? undefined : unitById(ctx.settings, row.unit);
    if (row.level === '校级' && unit && unit.kind !== 'school')
      issues.push(error('unit', 'activities.schoolLevelUnit', '校级活动的「所属工会」应为校工会'));
    if (row.level === '二级工会' && unit?.kind === 'school')
      issues.push(error('unit', 'activities.subLevelUnit', '二级工会活动不能登记在校工会名下'));
    if (row.endDate !== null && row.startDate !== null && row.endDate < row.startDate)
      issues.push(
        error(
          'endDate',
          'activities.endBeforeStart',
          std.order(ctx.header('endDate'), ctx.header('startDate')),
        ),
      );
    if (row.category === '文体活动' && row.participants === null && isBlank(ctx.raw.cells.participants))
      issues.push(
        error('participants', 'activities.participantsRequired', std.required(ctx.header('participants'))),
      );
    if (
      row.participants !== null &&
      unit?.kind === 'sub' &&
      unit.members !== undefined &&
      row.participants > PARTICIPANTS_PER_MEMBER * unit.members
    )
      issues.push(
        warning('participants', 'activities.participantsHigh', '参与人次明显超过本单位会员数，请核实'),
      );
    return issues;
  },
  duplicates: [
    {
      code: 'activities.duplicate',
      field: 'name',
      key: (r) => `${r.unit}|${r.name}|${r.startDate}`,
      message: (r) => `活动重复：${r.name}（${r.startDate}）已登记`,
    },
  ],
});

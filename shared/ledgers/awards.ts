import { isBlank } from '../cells/index.js';
import { common, date, oneOf, staffNo, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, type Issue } from './issue.js';
import { personChecks } from './person.js';
import { std } from './messages.js';

/** DOMAIN.md §3.5 — 比赛获奖台账: one row per result in a competition. */

export const AWARD_LEVELS = ['校级', '区县级', '市级', '全国', '其他'] as const;

/** 特等奖…优秀组织奖, or 第N名 with N in digits or 一…二十. */
export const AWARD_RESULT =
  /^(?:特等奖|一等奖|二等奖|三等奖|优秀奖|金奖|银奖|铜奖|优秀组织奖|第(?:[1-9]\d*|[一二三四五六七八九十]|十[一二三四五六七八九]|二十)名)$/;

const fields = {
  competition: text({ header: '比赛名称', aliases: ['赛事名称', '竞赛名称'], max: 100, required: true }),
  organiser: text({ header: '主办单位', aliases: ['主办方'], max: 40 }),
  level: oneOf(AWARD_LEVELS, { header: '比赛级别', aliases: ['级别'], required: true }),
  event: text({ header: '项目', aliases: ['比赛项目'], max: 40 }),
  group: text({ header: '组别', aliases: ['参赛组别'], max: 40 }),
  result: text({
    header: '获奖等次',
    aliases: ['奖项', '获奖情况', '名次'],
    required: true,
    pattern: AWARD_RESULT,
    patternMessage: (h: string) => `「${h}」格式不正确（示例：三等奖、第八名）`,
  }),
  winnerType: oneOf(['集体', '个人'], { header: '获奖类型', aliases: ['集体/个人'], required: true }),
  winner: text({ header: '获奖者', aliases: ['获奖单位/个人', '获奖集体'], max: 60, required: true }),
  staffNo: staffNo({ header: '工号', aliases: common.staffNo().aliases }),
  date: date({ header: '获奖日期', aliases: ['日期'], required: true }),
  theme: text({ header: '活动主题', aliases: ['主题'], max: 60 }),
  unit: common.unit(),
  remarks: common.remarks(),
};

export type AwardsRow = RowOf<typeof fields>;

export const awards = defineLedger({
  kind: 'awards',
  title: '比赛获奖台账',
  nameHints: ['获奖', '比赛', '竞赛'],
  scope: 'unit',
  primaryDate: 'date',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    if (row.winnerType === '个人') {
      if (row.staffNo === null && isBlank(ctx.raw.cells.staffNo))
        issues.push(error('staffNo', 'awards.staffNoRequired', std.required(ctx.header('staffNo'))));
      // For an individual the winner is the person's name.
      issues.push(...personChecks(ctx, row.staffNo, row.winner, { staffNo: 'staffNo', name: 'winner' }));
    }
    return issues;
  },
});

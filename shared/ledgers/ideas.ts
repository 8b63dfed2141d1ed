import { amount, common, date, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, type Issue } from './issue.js';
import { personChecks } from './person.js';

/** DOMAIN.md §3.8 — 金点子征集表: one row per idea. School-only; `unit` is the proposer's sub-union. */

export const IDEA_CATEGORIES = ['教学改革', '管理服务', '校园建设', '节能降耗', '师生生活', '其他'] as const;
export const IDEA_RESULTS = ['未评审', '未入选', '优秀点子', '金点子'] as const;
export type IdeaResult = (typeof IDEA_RESULTS)[number];

/** The results that may carry a reward. */
const REWARDED: readonly IdeaResult[] = ['优秀点子', '金点子'];

const fields = {
  no: text({ header: '点子编号', aliases: ['编号'], max: 20 }),
  title: text({ header: '点子名称', aliases: ['金点子名称', '建议题目', '标题'], required: true, max: 60 }),
  staffNo: common.staffNo(),
  name: common.name(['提出人']),
  unit: common.unit(),
  category: oneOf(IDEA_CATEGORIES, { header: '类别', aliases: ['点子类别'] }),
  submitDate: date({ header: '提交日期', aliases: ['征集日期'], required: true }),
  content: text({ header: '主要内容', aliases: ['内容摘要'], max: 500 }),
  result: oneOf(IDEA_RESULTS, { header: '评审结果', aliases: ['评选结果'], default: '未评审' }),
  reward: amount({ header: '奖励金额', aliases: ['奖金'] }),
  remarks: common.remarks(),
};

export type IdeaRow = RowOf<typeof fields>;

export const ideas = defineLedger({
  kind: 'ideas',
  title: '金点子征集表',
  nameHints: ['金点子', '点子'],
  scope: 'school',
  primaryDate: 'submitDate',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    // A result cell that failed to parse has its own error.
    if (row.reward !== null && row.reward > 0 && row.result !== null && !REWARDED.includes(row.result))
      issues.push(
        error('reward', 'ideas.rewardNotAwarded', `未获评的点子不能填写「${ctx.header('reward')}」`),
      );
    issues.push(...personChecks(ctx, row.staffNo, row.name));
    return issues;
  },
});

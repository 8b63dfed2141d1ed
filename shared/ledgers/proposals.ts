import { isBlank } from '../cells/index.js';
import {
  COMMON_UNIT_ALIASES,
  common,
  date,
  oneOf,
  personList,
  personName,
  staffNo,
  text,
  unit,
} from './field.js';
import { defineLedger, type DraftOf, type RowContext, type RowOf } from './define.js';
import { error, warning, type Issue } from './issue.js';
import { std } from './messages.js';
import { rosterEntry } from './person.js';

/** DOMAIN.md §3.7 — 教代会提案登记表: one row per motion. School-only, stored under unit `school`. */

/** (assumed) Also the categories of the 代表信箱 (§3.12). */
export const PROPOSAL_CATEGORIES = [
  '教学科研',
  '人事师资',
  '薪酬福利',
  '后勤保障',
  '校园建设',
  '管理服务',
  '民主管理',
  '其他',
] as const;

export const REVIEW_RESULTS = ['待审查', '立案', '不立案', '转意见建议'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

export const PROPOSAL_STATUSES = [
  '待审查',
  '已立案',
  '已交办',
  '已答复',
  '已反馈',
  '已办结',
  '不立案',
  '转意见建议',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const FEEDBACKS = ['满意', '基本满意', '不满意'] as const;

const NO_PATTERN = /^[A-Za-z0-9-]{1,20}$/;

const fields = {
  no: text({
    header: '提案编号',
    aliases: ['编号', '提案号', '案号'],
    required: true,
    max: 20,
    pattern: NO_PATTERN,
    // DOMAIN.md gives the pattern but no message: worded like the std 工号 format message.
    patternMessage: (h: string) => `「${h}」格式不正确：应为1至20位字母、数字或“-”`,
  }),
  title: text({ header: '案由', aliases: ['提案名称', '提案题目', '标题'], required: true, max: 100 }),
  proposer: personName({ header: '提案人', aliases: ['第一提案人', '提案人姓名'], required: true, max: 20 }),
  // Not the common `staffNo`: it counts when scoring which ledger a sheet is.
  proposerNo: staffNo({ header: '提案人工号', aliases: ['工号'], required: true, common: false }),
  delegation: text({ header: '代表团', aliases: ['所在代表团'], max: 20 }),
  seconders: personList({ header: '附议人', aliases: ['联名人'] }),
  category: oneOf(PROPOSAL_CATEGORIES, { header: '提案类别', aliases: ['类别'] }),
  submitDate: date({ header: '提交日期', aliases: ['提出日期'], required: true }),
  review: oneOf(REVIEW_RESULTS, {
    header: '审查结果',
    aliases: ['立案情况', '是否立案', '审查意见'],
    default: '待审查',
    valueAliases: {
      予以立案: '立案',
      不予立案: '不立案',
      转为意见建议: '转意见建议',
      作为建议: '转意见建议',
      意见建议: '转意见建议',
    },
  }),
  reviewDate: date({ header: '审查日期', aliases: ['立案日期'] }),
  reviewNote: text({ header: '不立案理由', aliases: ['审查说明'], max: 200 }),
  leadDept: text({ header: '承办部门', aliases: ['主办部门', '主办单位'], max: 40 }),
  coDept: text({ header: '协办部门', aliases: ['会办部门'], max: 60 }),
  leader: text({ header: '分管校领导', aliases: ['督办领导'], max: 20 }),
  assignDate: date({ header: '交办日期' }),
  replyDate: date({ header: '答复日期', aliases: ['办复日期'] }),
  reply: text({ header: '答复意见', aliases: ['办理情况', '答复内容'], max: 500 }),
  outcome: oneOf(['已解决', '正在解决', '列入计划', '暂不具备条件'], {
    header: '办理结果',
    aliases: ['落实情况'],
  }),
  feedback: oneOf(FEEDBACKS, { header: '提案人意见', aliases: ['满意度', '反馈意见'] }),
  closeDate: date({ header: '办结日期' }),
  status: oneOf(PROPOSAL_STATUSES, { header: '状态', aliases: ['办理状态'] }),
  // School-only: a sheet without a unit column stores its rows under `school` (§3.7).
  unit: unit({ header: '所属工会', aliases: COMMON_UNIT_ALIASES, default: 'school' }),
  remarks: common.remarks(),
};

export type ProposalRow = RowOf<typeof fields>;
type Draft = DraftOf<typeof fields>;

/** The fields the status is derived from. */
const WORKFLOW = ['review', 'assignDate', 'replyDate', 'feedback', 'closeDate'] as const;

/**
 * The status a motion is in, derived from the workflow fields (§3.7): the review decides the
 * branch; an accepted motion then moves through 交办 → 答复 → 提案人意见 → 办结.
 */
export function proposalStatus(
  row: Pick<Draft, 'review' | 'assignDate' | 'replyDate' | 'feedback' | 'closeDate'>,
): ProposalStatus {
  switch (row.review ?? '待审查') {
    case '待审查':
      return '待审查';
    case '不立案':
      return '不立案';
    case '转意见建议':
      return '转意见建议';
    case '立案':
      if (row.closeDate !== null) return '已办结';
      if (row.feedback !== null) return '已反馈';
      if (row.replyDate !== null) return '已答复';
      if (row.assignDate !== null) return '已交办';
      return '已立案';
  }
}

export const proposals = defineLedger({
  kind: 'proposals',
  title: '教代会提案登记表',
  nameHints: ['提案'],
  scope: 'school',
  primaryDate: 'submitDate',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    const blank = (key: keyof typeof fields): boolean => row[key] === null && isBlank(ctx.raw.cells[key]);
    if (row.review !== null && row.review !== '待审查' && blank('reviewDate'))
      issues.push(
        error(
          'reviewDate',
          'proposals.reviewDateRequired',
          `已审查的提案须填写「${ctx.header('reviewDate')}」`,
        ),
      );
    if (row.review === '不立案' && blank('reviewNote'))
      issues.push(
        error('reviewNote', 'proposals.reviewNoteRequired', `不立案须填写「${ctx.header('reviewNote')}」`),
      );
    if (row.review === '立案' && blank('leadDept'))
      issues.push(
        error('leadDept', 'proposals.leadDeptRequired', `立案提案须填写「${ctx.header('leadDept')}」`),
      );
    issues.push(...dateOrder(row, ctx, 'assignDate', 'reviewDate'));
    issues.push(...dateOrder(row, ctx, 'replyDate', 'assignDate'));
    if (row.feedback !== null && blank('replyDate'))
      issues.push(
        error('feedback', 'proposals.feedbackBeforeReply', `尚未答复，不能填写「${ctx.header('feedback')}」`),
      );
    if (row.closeDate !== null) {
      if (blank('feedback'))
        issues.push(
          error(
            'closeDate',
            'proposals.closeWithoutFeedback',
            `须先填写「${ctx.header('feedback')}」才能办结`,
          ),
        );
      if (row.feedback === '不满意')
        issues.push(
          warning('closeDate', 'proposals.closeDissatisfied', '提案人不满意，建议重新办理后再办结'),
        );
    }
    if (row.seconders === null || row.seconders.length < 2)
      issues.push(warning('seconders', 'proposals.fewSeconders', '附议人少于2人'));
    issues.push(...proposerChecks(row, ctx));
    const expected = proposalStatus(row);
    // A workflow cell that failed to parse has its own error; no status guess on top of it.
    const workflowKnown = WORKFLOW.every((k) => row[k] !== null || isBlank(ctx.raw.cells[k]));
    if (workflowKnown && row.status !== null && row.status !== expected)
      issues.push(
        warning(
          'status',
          'proposals.statusMismatch',
          `「${ctx.header('status')}」与已填内容不一致，应为“${expected}”`,
        ),
      );
    // The status is derived: the stored row always carries the consistent one.
    row.status = expected;
    return issues;
  },
  duplicates: [
    {
      code: 'proposals.duplicate',
      field: 'no',
      key: (r, year) => `${r.no}|${year}`,
      message: (r) => `提案编号“${r.no}”重复`,
    },
  ],
});

type Ctx = RowContext<typeof fields>;

/** std order: `later` may not be before `earlier`; only when both dates are known. */
function dateOrder(
  row: Draft,
  ctx: Ctx,
  later: 'assignDate' | 'replyDate',
  earlier: 'reviewDate' | 'assignDate',
): Issue[] {
  const a = row[later];
  const b = row[earlier];
  if (a === null || b === null || a >= b) return [];
  return [error(later, 'proposals.dateOrder', std.order(ctx.header(later), ctx.header(earlier)))];
}

/** §3.7 提案人工号: a delegate of the congress, known to a roster when one is present. */
function proposerChecks(row: Draft, ctx: Ctx): Issue[] {
  if (!ctx.roster || ctx.roster.size === 0 || row.proposerNo === null) return [];
  const entry = rosterEntry(ctx, row.proposerNo);
  if (!entry) return [warning('proposerNo', 'person.notInRoster', std.notInRoster(row.proposerNo))];
  if (!entry.isRep) return [warning('proposerNo', 'proposals.notRep', '提案人不是教代会代表')];
  return [];
}

import { displayHeader, isBlank } from '../cells/index.js';
import { bool, common, date, idLast4, integer, month, oneOf, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, type Issue } from './issue.js';
import { std } from './messages.js';
import { unitName as unitNameOf } from '../settings/lookup.js';
import type { RosterEntry } from './roster.js';

/** DOMAIN.md §3.1 — 工会会员名册: one row per member; the key for every person column elsewhere. */

export const GENDERS = ['男', '女'] as const;
export const STAFF_TYPES = ['专任教师', '辅导员', '行政管理', '教辅', '工勤', '其他'] as const;
export const EMPLOYMENTS = ['全职', '兼职', '劳务派遣', '退休返聘'] as const;
export const MEMBER_STATUSES = ['在会', '转出', '退休', '离会', '去世'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 会籍变化类型 of the provincial member form (issue 18): which date 会籍变化日期 is. */
export const MEMBERSHIP_CHANGES = ['入会', '转入', '转出', '退会', '除名'] as const;
const JOINS: readonly string[] = ['入会', '转入'];

const fields = {
  staffNo: common.staffNo(),
  name: common.name(['中文名']),
  unit: common.unit(),
  gender: oneOf(GENDERS, { header: '性别', required: true }),
  birthMonth: month({ header: '出生年月', aliases: ['出生日期', '出生年月日'], range: 'birth' }),
  department: text({ header: '部门', aliases: ['科室', '所在部门', '教研室', '部门名称'], max: 40 }),
  staffType: oneOf(STAFF_TYPES, { header: '人员类别', aliases: ['岗位类别', '人员类型'] }),
  employment: oneOf(EMPLOYMENTS, { header: '用工形式', aliases: ['用工性质', '聘用方式'] }),
  joinDate: date({ header: '入会日期', aliases: ['入会时间'], required: true, range: 'membership' }),
  status: oneOf(MEMBER_STATUSES, { header: '会员状态', aliases: ['会籍状态', '状态'], default: '在会' }),
  leaveDate: date({
    header: '离会日期',
    aliases: ['转出日期', '退休日期', '离职日期'],
    range: 'membership',
  }),
  isRep: bool({ header: '教代会代表', aliases: ['是否教代会代表', '是否代表'], default: false }),
  delegation: text({ header: '代表团', aliases: ['所在代表团'], max: 20 }),
  childrenUnder14: integer({ header: '14周岁以下子女数', aliases: ['子女数', '儿童数'], min: 0, max: 9 }),
  phone: text({
    header: '手机号码',
    aliases: ['联系电话', '手机', '移动电话', '联系方式', '手机号'],
    pattern: /^1\d{10}$/,
    patternMessage: (h: string) => std.phone(h),
  }),
  idLast4: idLast4({
    header: '身份证号后四位',
    aliases: ['身份证号', '身份证号码', '证件号码', '公民身份号码', '证件号'],
  }),
  hardship: bool({ header: '困难职工建档', aliases: ['是否困难职工'] }),
  // What the provincial member form asks besides the roster (issue 18, ADR 0020): optional.
  ethnicity: text({ header: '民族', max: 20 }),
  education: text({ header: '学历', aliases: ['文化程度', '最高学历'], max: 20 }),
  politics: text({ header: '政治面貌', max: 20 }),
  migrantWorker: bool({ header: '是否农民工会员', aliases: ['农民工会员', '是否农民工'] }),
  remarks: common.remarks(),
};

/** Columns of the provincial member form that say which of the roster's dates a row carries. */
const inputs = {
  membershipChange: oneOf(MEMBERSHIP_CHANGES, { header: '会籍变化类型', aliases: ['会籍变动类型'] }),
  membershipChangeDate: date({
    header: '会籍变化日期',
    aliases: ['会籍变动日期'],
    range: 'membership',
    supplies: ['joinDate'],
  }),
};

export type MembersRow = RowOf<typeof fields>;

/**
 * §3.1 duplicate message inside one push: `工号“{v}”重复（第{n}行）`, n being the earlier row.
 * A DuplicateRule's message has no row number, so the rule below says `工号“{v}”重复` and the
 * engine, which knows the earlier row, renders the full text with this builder.
 */
export function memberDuplicateMessage(staffNo: string, earlierRow: number): string {
  return `工号“${staffNo}”重复（第${earlierRow}行）`;
}

/** §3.1 duplicate against a stored row: `工号“{v}”已在「{unit}」名册中登记` ({unit} its canonical name). */
export function memberStoredMessage(staffNo: string, unitName: string): string {
  return `工号“${staffNo}”已在「${unitName}」名册中登记`;
}

export const members = defineLedger({
  kind: 'members',
  title: '工会会员名册',
  nameHints: ['名册', '会员信息'],
  scope: 'unit',
  fields,
  inputs,
  /**
   * 会籍变化类型 says what 会籍变化日期 is: 入会/转入 the join date, 转出/退会/除名 the leave date
   * (and the status, unless typed). Without a type the date is not guessed.
   */
  derive(row, given, ctx) {
    const type = given.membershipChange as (typeof MEMBERSHIP_CHANGES)[number] | null | undefined;
    const when = given.membershipChangeDate as string | null | undefined;
    if (!type) {
      if (!when) return [];
      const typed = (key: string, fallback: string): string => {
        const h = ctx.raw.headers?.[key];
        return h ? displayHeader(h) : fallback;
      };
      return [
        error(
          'membershipChangeDate',
          'members.changeType',
          `请填写「${typed('membershipChange', '会籍变化类型')}」（入会、转入、转出、退会或除名），才能判断「${typed('membershipChangeDate', '会籍变化日期')}」是入会还是离会日期`,
        ),
      ];
    }
    if (JOINS.includes(type)) {
      row.joinDate ??= when ?? null;
      return [];
    }
    row.leaveDate ??= when ?? null;
    if (isBlank(ctx.raw.cells.status)) row.status = type === '转出' ? '转出' : '离会';
    return [];
  },
  rules(row, ctx) {
    const issues: Issue[] = [];
    if (
      row.status !== null &&
      row.status !== '在会' &&
      row.leaveDate === null &&
      isBlank(ctx.raw.cells.leaveDate)
    )
      issues.push(
        error(
          'leaveDate',
          'members.leaveDateRequired',
          `会员状态为“${row.status}”时须填写「${ctx.header('leaveDate')}」`,
        ),
      );
    if (row.leaveDate !== null && row.joinDate !== null && row.leaveDate < row.joinDate)
      issues.push(
        error(
          'leaveDate',
          'members.leaveBeforeJoin',
          std.order(ctx.header('leaveDate'), ctx.header('joinDate')),
        ),
      );
    if (row.isRep === true && row.delegation === null && isBlank(ctx.raw.cells.delegation))
      issues.push(
        error('delegation', 'members.delegationRequired', `教代会代表须填写「${ctx.header('delegation')}」`),
      );
    return issues;
  },
  duplicates: [
    {
      code: 'members.duplicate',
      field: 'staffNo',
      // 工号 is unique in the whole organisation, whatever the year or unit.
      key: (r) => r.staffNo,
      message: (r, ctx, _year, earlier) =>
        earlier.sheetRow !== null
          ? memberDuplicateMessage(r.staffNo, earlier.sheetRow)
          : memberStoredMessage(r.staffNo, unitNameOf(ctx.settings, earlier.fields.unit)),
      namesEarlierRow: true,
    },
  ],
});

/**
 * The roster other ledgers check people against (§3.1), from valid members rows. When a 工号
 * appears twice the first row wins: the later one is the invalid duplicate (§5.2).
 */
export function rosterFromMembers(rows: readonly MembersRow[]): Map<string, RosterEntry> {
  const roster = new Map<string, RosterEntry>();
  for (const r of rows) {
    if (roster.has(r.staffNo)) continue;
    roster.set(r.staffNo, {
      staffNo: r.staffNo,
      name: r.name,
      unit: r.unit,
      gender: r.gender,
      birthMonth: r.birthMonth,
      joinDate: r.joinDate,
      leaveDate: r.leaveDate,
      status: r.status,
      isRep: r.isRep,
      staffType: r.staffType,
      childrenUnder14: r.childrenUnder14,
    });
  }
  return roster;
}

import { z } from 'zod';
import { ledgers } from '../ledgers/index.js';
import type { LedgerKind } from '../ledgers/define.js';
import { WELFARE_TYPES } from '../ledgers/welfare.js';
import { SCHOOL_STAGES } from '../ledgers/enrolment.js';
import { unitById, unitName } from '../settings/lookup.js';
import type { Settings } from '../settings/schema.js';
import { budgetExecution } from './budgetExecution.js';
import { reconciliationWarnings, unitOrder } from './crossRules.js';
import { hundredthsText, rateHundredths, toYuan } from './money.js';
import { liveRows, rowsOfYear, yearOf, type RowsByKind, type StoredRow } from './rows.js';

/**
 * DOMAIN.md §6 — the annual summary (年度汇总) as JSON. Conventions (Settled conventions,
 * "Summary JSON"): counts are integers; rates are ratios (`replyRate: 1`), rendered as
 * percentages only in sentences and sheets; lists are arrays of names, or of objects where
 * an item has several parts. **Money is in 元**, as a number with at most 2 decimals,
 * computed in 分 and divided once (`welfare.amount`, `budget.total`, `budget.actual`).
 * `budget.rate` is the execution ratio (actual ÷ budget, 4 decimals), the one rate that
 * may exceed 1 (overspending).
 */

const count = z.number().int().nonnegative();
const ratio = z.number().min(0).max(1);
const yuan = z.number();
const isoDate = z.string();

const byUnitItem = { unit: z.string(), name: z.string() };

export const membersSummarySchema = z.object({
  /** Members at 31 Dec: joined on or before it and not left by it. */
  total: count,
  female: count,
  male: count,
  /** 教代会代表 among them, and how many of those are 专任教师. */
  reps: count,
  teacherReps: count,
  byUnit: z.array(z.object({ ...byUnitItem, total: count, female: count, reps: count })),
});

export const welfareSummarySchema = z.object({
  /** Rows in the year: one row is one 人次. */
  personTimes: count,
  /** Distinct 工号. */
  persons: count,
  /** 元. */
  amount: yuan,
  byType: z.array(z.object({ type: z.string(), personTimes: count, amount: yuan })),
  byUnit: z.array(z.object({ ...byUnitItem, personTimes: count, amount: yuan })),
});

const activityItem = z.object({ name: z.string(), date: isoDate });

export const activitiesSummarySchema = z.object({
  /** 校级 文体活动: how many, and which (date order). */
  schoolSports: count,
  schoolSportsList: z.array(activityItem),
  /** 二级工会 文体活动 and the sum of their 参与人次. */
  subUnionSports: count,
  subUnionParticipants: count,
  /** 联谊活动 (date order). */
  socials: z.array(activityItem),
  /** 代表培训: when and by whom. */
  repTrainings: z.array(z.object({ name: z.string(), date: isoDate, host: z.string().nullable() })),
  /** 干部培训 (date order). */
  cadreStudies: z.array(activityItem),
  /** 思想政治学习 activities. */
  politicalStudies: count,
});

const awardItem = z.object({
  competition: z.string(),
  level: z.string(),
  event: z.string().nullable(),
  group: z.string().nullable(),
  result: z.string(),
  date: isoDate,
  theme: z.string().nullable(),
});

export const awardsSummarySchema = z.object({
  /** Results above 校级 whose theme is 中国梦·劳动美 (date order). */
  themed: z.array(awardItem),
  /** The other results above 校级 (date order). */
  external: z.array(awardItem),
});

export const enrolmentSummarySchema = z.object({
  /** 已落实 with 落实日期 in the year. */
  placed: count,
  /** Per 学段, in the order of their first placement. */
  byStage: z.array(z.object({ stage: z.string(), count })),
});

export const honoursSummarySchema = z.object({
  advancedCollectives: count,
  excellentMembers: count,
  redBannerCandidates: count,
});

export const congressSummarySchema = z.object({
  name: z.string(),
  date: isoDate,
  /** Items of type 工作报告 or 财务报告, in ledger order. */
  reports: z.array(z.string()),
  expected: z.number().int().nullable(),
  present: z.number().int().nullable(),
});

export const proposalsSummarySchema = z.object({
  total: count,
  accepted: count,
  suggestions: count,
  rejected: count,
  pending: count,
  /** 立案 with a reply date. */
  replied: count,
  /** replied ÷ accepted; 0 when nothing was accepted. */
  replyRate: ratio,
  satisfied: count,
  basicallySatisfied: count,
  dissatisfied: count,
  closed: count,
  /** Only when `today` is given: 立案 and 交办 without 答复 for more than `proposalReplyDays`. */
  overdue: z
    .array(
      z.object({
        no: z.string(),
        title: z.string(),
        leadDept: z.string().nullable(),
        assignDate: isoDate,
        days: count,
      }),
    )
    .optional(),
});

export const executiveSummarySchema = z.object({
  /** 执委会 meetings of the year (names, date order) and all their items. */
  meetings: z.array(z.string()),
  items: z.array(z.string()),
});

export const participationSummarySchema = z.object({
  /** Distinct reps who sat in on 校务会. */
  satIn: count,
  /** Distinct reps who took part in 文件讨论, and the distinct matters (date order). */
  consulted: count,
  topics: z.array(z.string()),
});

export const ideasSummarySchema = z.object({ total: count, golden: count, excellent: count });

export const mailboxSummarySchema = z.object({ received: count, replied: count, replyRate: ratio });

export const homesSummarySchema = z.object({
  /** The school's 职工之家 when its latest certified grade is 先进 or 模范 and was certified in the year. */
  schoolHome: z
    .object({ title: z.string(), grade: z.string(), certBody: z.string().nullable(), certDate: isoDate })
    .nullable(),
  /** Sub-unions whose latest certified grade by 31 Dec is 合格 / 先进 (模范 counts as 先进). */
  qualifiedSmallHomes: count,
  advancedSmallHomes: count,
  /** Pairing agreements signed in the year (签约日期, else 认定日期), school first. */
  pairings: z.array(
    z.object({
      unit: z.string(),
      name: z.string(),
      /** True for the school union's own pairing (the report words it apart). */
      school: z.boolean(),
      partner: z.string(),
      date: isoDate.nullable(),
    }),
  ),
});

export const budgetSummarySchema = z.object({
  /** 元: the year's expense budget (调整后预算 when present) and actual spending. */
  total: yuan,
  actual: yuan,
  /** actual ÷ total, 4 decimals (0.8978 = 89.78%); may exceed 1; 0 without a budget. */
  rate: z.number(),
});

export const annualSummarySchema = z.object({
  year: z.number().int(),
  /** The unit the summary is scoped to, or null for the whole organisation. */
  unit: z.string().nullable(),
  members: membersSummarySchema,
  welfare: welfareSummarySchema,
  checkups: z.object({ persons: count }),
  activities: activitiesSummarySchema,
  awards: awardsSummarySchema,
  enrolment: enrolmentSummarySchema,
  budget: budgetSummarySchema,
  // School-only ledgers: omitted from a unit's summary.
  honours: honoursSummarySchema.optional(),
  congress: congressSummarySchema.nullable().optional(),
  proposals: proposalsSummarySchema.optional(),
  executive: executiveSummarySchema.optional(),
  participation: participationSummarySchema.optional(),
  ideas: ideasSummarySchema.optional(),
  mailbox: mailboxSummarySchema.optional(),
  homes: homesSummarySchema.optional(),
  /** The congress check of §3.1 and the reconciliation of §5.4, in Chinese. */
  warnings: z.array(z.string()),
});
export type AnnualSummary = z.infer<typeof annualSummarySchema>;

export interface AnnualSummaryInput {
  rows: RowsByKind;
  settings: Settings;
  year: number;
  /** A unit id: unit-scoped ledgers are filtered to it, school-only sections omitted. */
  unit?: string | undefined;
  /** ISO date (Asia/Shanghai); only `proposals.overdue` depends on it, and only when given. */
  today?: string | undefined;
}

/** §3.1 congress check (教育部令第32号): teachers are at least 60% of the delegates. */
export const TEACHER_REP_SHARE = 60;
/** §3.5 / §6: the theme that singles out an award in sentence (一)三. */
export const THEMED_AWARD = /中国梦[·•・･‧∙⋅.]?劳动美/;

/** The annual figures of DOMAIN.md §6, computed only from stored rows of `year`. */
export function annualSummary(input: AnnualSummaryInput): AnnualSummary {
  const { rows, settings, year, unit } = input;
  const of = <K extends LedgerKind>(kind: K): StoredRow<K>[] => rowsOfYear(rows, kind, year, unit);
  const execution = budgetExecution({
    budget: scoped(liveRows(rows, 'budget'), unit),
    expenses: scoped(liveRows(rows, 'expenses'), unit),
    settings,
    year,
  });
  const members = membersSummary(scoped(liveRows(rows, 'members'), unit), settings, year);
  const warnings: string[] = [];
  if (unit === undefined && members.reps > 0) {
    const h = rateHundredths(members.teacherReps, members.reps) ?? 0;
    if (h < TEACHER_REP_SHARE * 100)
      warnings.push(`教师代表占代表总数比例为${hundredthsText(h)}%，低于${TEACHER_REP_SHARE}%`);
  }
  for (const f of reconciliationWarnings(rows, settings, year, unit))
    warnings.push(f.unit === null ? f.message : `「${unitName(settings, f.unit)}」${f.message}`);

  const summary: AnnualSummary = {
    year,
    unit: unit ?? null,
    members,
    welfare: welfareSummary(of('welfare'), settings),
    checkups: {
      persons: distinct(
        of('checkups')
          .filter((r) => r.fields.attended)
          .map((r) => r.fields.staffNo),
      ),
    },
    activities: activitiesSummary(of('activities')),
    awards: awardsSummary(of('awards')),
    enrolment: enrolmentSummary(scoped(liveRows(rows, 'enrolment'), unit), year),
    budget: {
      total: execution.total.budget,
      actual: execution.total.actual,
      rate: execution.total.rate === null ? 0 : Number((execution.total.rate / 100).toFixed(4)),
    },
    warnings,
  };
  if (unit !== undefined) return summary;
  // A school-only section is one whose ledger only the school union writes (§2).
  const school = (kind: LedgerKind): boolean => ledgers[kind].scope === 'school';
  if (school('honours')) summary.honours = honoursSummary(of('honours'));
  if (school('meetings')) {
    summary.congress = congressSummary(of('meetings'));
    summary.executive = executiveSummary(of('meetings'));
  }
  if (school('proposals')) summary.proposals = proposalsSummary(of('proposals'), settings, input.today);
  if (school('participation')) summary.participation = participationSummary(of('participation'));
  if (school('ideas')) summary.ideas = ideasSummary(of('ideas'));
  if (school('mailbox')) summary.mailbox = mailboxSummary(of('mailbox'));
  if (school('homes')) summary.homes = homesSummary(liveRows(rows, 'homes'), settings, year);
  return summary;
}

function scoped<T extends { unit: string }>(rows: T[], unit: string | undefined): T[] {
  return unit === undefined ? rows : rows.filter((r) => r.unit === unit);
}

function distinct(values: readonly string[]): number {
  return new Set(values).size;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Stable sort by an ISO date key. */
function byDate<T>(rows: readonly T[], date: (r: T) => string): T[] {
  return [...rows].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
}

function membersSummary(
  rows: StoredRow<'members'>[],
  settings: Settings,
  year: number,
): AnnualSummary['members'] {
  const end = `${year}-12-31`;
  const seen = new Set<string>();
  const active = rows.filter((r) => {
    const f = r.fields;
    if (f.joinDate > end || (f.leaveDate !== null && f.leaveDate <= end) || seen.has(f.staffNo)) return false;
    seen.add(f.staffNo);
    return true;
  });
  const reps = active.filter((r) => r.fields.isRep);
  const byUnit = unitOrder(
    settings,
    active.map((r) => r.unit),
  ).map((id) => {
    const mine = active.filter((r) => r.unit === id);
    return {
      unit: id,
      name: unitName(settings, id),
      total: mine.length,
      female: mine.filter((r) => r.fields.gender === '女').length,
      reps: mine.filter((r) => r.fields.isRep).length,
    };
  });
  return {
    total: active.length,
    female: active.filter((r) => r.fields.gender === '女').length,
    male: active.filter((r) => r.fields.gender === '男').length,
    reps: reps.length,
    teacherReps: reps.filter((r) => r.fields.staffType === '专任教师').length,
    byUnit,
  };
}

function welfareSummary(rows: StoredRow<'welfare'>[], settings: Settings): AnnualSummary['welfare'] {
  const fen = (list: StoredRow<'welfare'>[]): number => list.reduce((s, r) => s + r.fields.amount, 0);
  return {
    personTimes: rows.length,
    persons: distinct(rows.map((r) => r.fields.staffNo)),
    amount: toYuan(fen(rows)),
    byType: WELFARE_TYPES.map((type) => {
      const mine = rows.filter((r) => r.fields.type === type);
      return { type, personTimes: mine.length, amount: toYuan(fen(mine)) };
    }).filter((t) => t.personTimes > 0),
    byUnit: unitOrder(
      settings,
      rows.map((r) => r.unit),
    ).map((id) => {
      const mine = rows.filter((r) => r.unit === id);
      return { unit: id, name: unitName(settings, id), personTimes: mine.length, amount: toYuan(fen(mine)) };
    }),
  };
}

function activitiesSummary(rows: StoredRow<'activities'>[]): AnnualSummary['activities'] {
  const sorted = byDate(rows, (r) => r.fields.startDate);
  const items = (pick: (r: StoredRow<'activities'>) => boolean) =>
    sorted.filter(pick).map((r) => ({ name: r.fields.name, date: r.fields.startDate }));
  const sports = (level: string) => (r: StoredRow<'activities'>) =>
    r.fields.level === level && r.fields.category === '文体活动';
  const subUnion = sorted.filter(sports('二级工会'));
  const schoolSportsList = items(sports('校级'));
  return {
    schoolSports: schoolSportsList.length,
    schoolSportsList,
    subUnionSports: subUnion.length,
    subUnionParticipants: subUnion.reduce((s, r) => s + (r.fields.participants ?? 0), 0),
    socials: items((r) => r.fields.category === '联谊活动'),
    repTrainings: sorted
      .filter((r) => r.fields.category === '代表培训')
      .map((r) => ({ name: r.fields.name, date: r.fields.startDate, host: r.fields.host })),
    cadreStudies: items((r) => r.fields.category === '干部培训'),
    politicalStudies: rows.filter((r) => r.fields.category === '思想政治学习').length,
  };
}

function awardsSummary(rows: StoredRow<'awards'>[]): AnnualSummary['awards'] {
  const external = byDate(
    rows.filter((r) => r.fields.level !== '校级'),
    (r) => r.fields.date,
  ).map((r) => ({
    competition: r.fields.competition,
    level: r.fields.level,
    event: r.fields.event,
    group: r.fields.group,
    result: r.fields.result,
    date: r.fields.date,
    theme: r.fields.theme,
  }));
  const themed = (a: (typeof external)[number]): boolean => a.theme !== null && THEMED_AWARD.test(a.theme);
  return { themed: external.filter(themed), external: external.filter((a) => !themed(a)) };
}

function enrolmentSummary(rows: StoredRow<'enrolment'>[], year: number): AnnualSummary['enrolment'] {
  // §3.11: a placement counts in the year of its 落实日期, whatever the year of the application.
  const placed = byDate(
    rows.filter((r) => r.fields.result === '已落实' && yearOf(r.fields.placedDate) === year),
    (r) => r.fields.placedDate ?? '',
  );
  const stages = unique(placed.map((r) => r.fields.stage)).sort(
    (a, b) =>
      placed.findIndex((r) => r.fields.stage === a) - placed.findIndex((r) => r.fields.stage === b) ||
      SCHOOL_STAGES.indexOf(a as never) - SCHOOL_STAGES.indexOf(b as never),
  );
  return {
    placed: placed.length,
    byStage: stages.map((stage) => ({ stage, count: placed.filter((r) => r.fields.stage === stage).length })),
  };
}

function honoursSummary(rows: StoredRow<'honours'>[]): NonNullable<AnnualSummary['honours']> {
  const n = (level: string, targetType: string, status: string, title: string): number =>
    rows.filter(
      (r) =>
        r.fields.level === level &&
        r.fields.targetType === targetType &&
        r.fields.status === status &&
        r.fields.title === title,
    ).length;
  return {
    advancedCollectives: n('校级', '集体', '已授予', '工会工作先进集体'),
    excellentMembers: n('校级', '个人', '已授予', '优秀工会会员'),
    redBannerCandidates: rows.filter(
      (r) => r.fields.level === '市级' && r.fields.status === '推荐' && r.fields.title === '三八红旗手',
    ).length,
  };
}

/** The year's first 双代会 (by date) and its 工作报告 / 财务报告 items; null when none was held. */
function congressSummary(rows: StoredRow<'meetings'>[]): AnnualSummary['congress'] {
  const sessions = byDate(
    rows.filter((r) => r.fields.type === '双代会'),
    (r) => r.fields.date,
  );
  const first = sessions[0];
  if (!first) return null;
  const items = sessions.filter(
    (r) => r.fields.meeting === first.fields.meeting && r.fields.date === first.fields.date,
  );
  const firstOf = (pick: (r: StoredRow<'meetings'>) => number | null): number | null =>
    items.map(pick).find((v) => v !== null) ?? null;
  return {
    name: first.fields.meeting,
    date: first.fields.date,
    reports: unique(
      items
        .filter((r) => r.fields.itemType === '工作报告' || r.fields.itemType === '财务报告')
        .map((r) => r.fields.item),
    ),
    expected: firstOf((r) => r.fields.expected),
    present: firstOf((r) => r.fields.present),
  };
}

function executiveSummary(rows: StoredRow<'meetings'>[]): NonNullable<AnnualSummary['executive']> {
  const items = byDate(
    rows.filter((r) => r.fields.type === '执委会'),
    (r) => r.fields.date,
  );
  return {
    meetings: unique(items.map((r) => r.fields.meeting)),
    items: unique(items.map((r) => r.fields.item)),
  };
}

const DAY = 86_400_000;
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function proposalsSummary(
  rows: StoredRow<'proposals'>[],
  settings: Settings,
  today: string | undefined,
): NonNullable<AnnualSummary['proposals']> {
  const f = rows.map((r) => r.fields);
  const accepted = f.filter((p) => p.review === '立案');
  const replied = accepted.filter((p) => p.replyDate !== null).length;
  const summary: NonNullable<AnnualSummary['proposals']> = {
    total: f.length,
    accepted: accepted.length,
    suggestions: f.filter((p) => p.review === '转意见建议').length,
    rejected: f.filter((p) => p.review === '不立案').length,
    pending: f.filter((p) => p.review === '待审查').length,
    replied,
    replyRate: accepted.length === 0 ? 0 : replied / accepted.length,
    satisfied: f.filter((p) => p.feedback === '满意').length,
    basicallySatisfied: f.filter((p) => p.feedback === '基本满意').length,
    dissatisfied: f.filter((p) => p.feedback === '不满意').length,
    closed: f.filter((p) => p.closeDate !== null).length,
  };
  if (today !== undefined)
    summary.overdue = byDate(
      accepted.filter((p) => p.assignDate !== null && p.replyDate === null),
      (p) => p.assignDate!,
    )
      .map((p) => ({
        no: p.no,
        title: p.title,
        leadDept: p.leadDept,
        assignDate: p.assignDate!,
        days: daysBetween(p.assignDate!, today),
      }))
      .filter((p) => p.days > settings.proposalReplyDays);
  return summary;
}

function participationSummary(
  rows: StoredRow<'participation'>[],
): NonNullable<AnnualSummary['participation']> {
  const sorted = byDate(rows, (r) => r.fields.date);
  const of = (form: string) => sorted.filter((r) => r.fields.form === form);
  return {
    satIn: distinct(of('列席校务会').map((r) => r.fields.staffNo)),
    consulted: distinct(of('参与文件讨论').map((r) => r.fields.staffNo)),
    topics: unique(of('参与文件讨论').map((r) => r.fields.matter)),
  };
}

function ideasSummary(rows: StoredRow<'ideas'>[]): NonNullable<AnnualSummary['ideas']> {
  return {
    total: rows.length,
    golden: rows.filter((r) => r.fields.result === '金点子').length,
    excellent: rows.filter((r) => r.fields.result === '优秀点子').length,
  };
}

function mailboxSummary(rows: StoredRow<'mailbox'>[]): NonNullable<AnnualSummary['mailbox']> {
  const replied = rows.filter((r) => r.fields.replyDate !== null).length;
  return { received: rows.length, replied, replyRate: rows.length === 0 ? 0 : replied / rows.length };
}

const ADVANCED = ['先进', '模范'];

/**
 * §3.13: each unit's latest certified row (grade other than 创建中, 认定日期 by 31 Dec)
 * gives its grade; pairings count in the year of their 签约日期, or of 认定日期 when the
 * row has no 签约日期.
 */
function homesSummary(
  rows: StoredRow<'homes'>[],
  settings: Settings,
  year: number,
): NonNullable<AnnualSummary['homes']> {
  const end = `${year}-12-31`;
  const latest = new Map<string, StoredRow<'homes'>>();
  for (const r of byDate(
    rows.filter((r) => r.fields.grade !== '创建中' && r.fields.certDate !== null && r.fields.certDate <= end),
    (r) => r.fields.certDate!,
  ))
    latest.set(r.unit, r);
  const isSchool = (id: string): boolean => unitById(settings, id)?.kind === 'school';
  const school = [...latest.values()].find((r) => isSchool(r.unit));
  const subs = [...latest.values()].filter((r) => !isSchool(r.unit));
  const schoolHome =
    school && ADVANCED.includes(school.fields.grade) && yearOf(school.fields.certDate) === year
      ? {
          title: `${school.fields.grade}职工之家`,
          grade: school.fields.grade,
          certBody: school.fields.certBody,
          certDate: school.fields.certDate!,
        }
      : null;
  const seen = new Set<string>();
  const pairings = byDate(
    rows.filter(
      (r) => r.fields.pairing !== null && yearOf(r.fields.pairingDate ?? r.fields.certDate) === year,
    ),
    (r) => r.fields.pairingDate ?? r.fields.certDate ?? '',
  )
    .map((r) => ({
      unit: r.unit,
      name: unitName(settings, r.unit),
      school: isSchool(r.unit),
      partner: r.fields.pairing!,
      date: r.fields.pairingDate ?? r.fields.certDate,
    }))
    .filter((p) => {
      const k = `${p.unit}|${p.partner}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const order = unitOrder(
    settings,
    pairings.map((p) => p.unit),
  );
  pairings.sort((a, b) => order.indexOf(a.unit) - order.indexOf(b.unit));
  return {
    schoolHome,
    qualifiedSmallHomes: subs.filter((r) => r.fields.grade === '合格').length,
    advancedSmallHomes: subs.filter((r) => ADVANCED.includes(r.fields.grade)).length,
    pairings,
  };
}

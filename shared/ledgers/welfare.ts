import { isBlank, normalizeText } from '../cells/index.js';
import type { Standards } from '../settings/schema.js';
import { amount, bool, common, date, oneOf, text } from './field.js';
import { defineLedger, type DraftOf, type RowContext, type RowOf } from './define.js';
import { error, warning, type Issue } from './issue.js';
import { isMemberOn, personChecks, rosterEntry } from './person.js';

/** DOMAIN.md §3.2 — 慰问台账: one row per person per occasion (one 人次). */

export const WELFARE_TYPES = [
  '节日慰问',
  '生日慰问',
  '结婚慰问',
  '生育慰问',
  '生病住院慰问',
  '直系亲属去世慰问',
  '本人去世慰问',
  '退休慰问',
  '三八节慰问',
  '儿童节慰问',
  '送温暖',
  '困难帮扶',
] as const;
export type WelfareType = (typeof WELFARE_TYPES)[number];

export const FESTIVALS = [
  '元旦',
  '春节',
  '清明节',
  '劳动节',
  '端午节',
  '中秋节',
  '国庆节',
  '中秋国庆',
] as const;

/** 春节慰问 etc. are 节日慰问 and also name the festival. */
const FESTIVAL_TYPE_ALIASES: Record<string, (typeof FESTIVALS)[number]> = {
  春节慰问: '春节',
  中秋慰问: '中秋节',
  端午慰问: '端午节',
  国庆慰问: '国庆节',
  元旦慰问: '元旦',
};

const CASH_WORDS = /现金|购物卡|代金券|储值卡/;
const FESTIVAL_IN_KIND = '节日慰问应发放实物慰问品，不得发放现金、购物卡、代金券';

const fields = {
  date: date({ header: '慰问日期', aliases: ['日期', '发放日期'], required: true }),
  staffNo: common.staffNo(),
  name: common.name(['被慰问人', '慰问对象']),
  unit: common.unit(),
  type: oneOf(WELFARE_TYPES, {
    header: '慰问类别',
    aliases: ['慰问类型', '类别'],
    required: true,
    valueAliases: {
      ...Object.fromEntries(Object.keys(FESTIVAL_TYPE_ALIASES).map((k) => [k, '节日慰问'])),
      住院慰问: '生病住院慰问',
      生病慰问: '生病住院慰问',
      大病慰问: '生病住院慰问',
      丧事慰问: '直系亲属去世慰问',
      亲属去世慰问: '直系亲属去世慰问',
      退休离岗慰问: '退休慰问',
      妇女节慰问: '三八节慰问',
      六一慰问: '儿童节慰问',
      困难慰问: '困难帮扶',
      困难补助: '困难帮扶',
    },
  }),
  festival: oneOf(FESTIVALS, {
    header: '节日',
    aliases: ['节日名称'],
    message: (h) => `「${h}」只能为法定节日：元旦、春节、清明节、劳动节、端午节、中秋节、国庆节`,
  }),
  form: oneOf(['慰问品', '慰问金', '蛋糕券', '纪念品', '提货券'], {
    header: '慰问形式',
    aliases: ['发放形式', '方式'],
    required: true,
    message: (h, v) =>
      CASH_WORDS.test(v) ? FESTIVAL_IN_KIND : `「${h}」只能填写：慰问品、慰问金、蛋糕券、纪念品、提货券`,
  }),
  amount: amount({
    header: '金额',
    aliases: ['慰问金额', '金额（元）', '标准'],
    required: true,
    sign: 'positive',
  }),
  batch: text({ header: '慰问批次', aliases: ['批次', '活动名称'], max: 40 }),
  reason: text({ header: '事由', aliases: ['慰问原因', '情况说明'], max: 100 }),
  relation: oneOf(['配偶', '父母', '子女', '配偶父母'], { header: '亲属关系', aliases: ['与本人关系'] }),
  surgery: bool({ header: '是否手术', aliases: ['手术'] }),
  handler: text({ header: '经办人', aliases: ['发放人'], max: 20 }),
  signed: bool({ header: '本人签收', aliases: ['签收', '签字'] }),
  remarks: common.remarks(),
};

export type WelfareRow = RowOf<typeof fields>;

const NEEDS_REASON: readonly WelfareType[] = [
  '生病住院慰问',
  '直系亲属去世慰问',
  '本人去世慰问',
  '困难帮扶',
  '送温暖',
];

/** The per-occasion cap of §5.1 in 元, or null when the type is capped per year instead. */
export function perOccasionCap(type: WelfareType, surgery: boolean, s: Standards): number | null {
  switch (type) {
    case '生日慰问':
      return s.birthday;
    case '结婚慰问':
      return s.wedding;
    case '生育慰问':
      return s.birth;
    case '生病住院慰问':
      return surgery ? s.illnessSurgery : s.illness;
    case '本人去世慰问':
      return s.deathMember;
    case '直系亲属去世慰问':
      return s.deathRelative;
    case '退休慰问':
      return s.retirement;
    case '三八节慰问':
      return s.womensDay;
    case '儿童节慰问':
      return s.childrensDay;
    case '送温暖':
    case '困难帮扶':
      return s.warmth;
    case '节日慰问':
      return null;
  }
}

export const welfare = defineLedger({
  kind: 'welfare',
  title: '慰问台账',
  nameHints: ['慰问', '送温暖'],
  scope: 'unit',
  primaryDate: 'date',
  unitFromRoster: true,
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    // 春节慰问 names its festival: fill it before the festival is required.
    const typed = normalizeText(ctx.raw.cells.type)?.replace(/\s+/g, '') ?? '';
    if (row.type === '节日慰问' && row.festival === null && FESTIVAL_TYPE_ALIASES[typed])
      row.festival = FESTIVAL_TYPE_ALIASES[typed];
    if (row.type === '节日慰问') {
      // A festival cell that failed to parse already carries its own error.
      if (row.festival === null && isBlank(ctx.raw.cells.festival))
        issues.push(
          error('festival', 'welfare.festivalRequired', `节日慰问须填写「${ctx.header('festival')}」`),
        );
      if (row.form === '慰问金') issues.push(error('form', 'welfare.festivalCash', FESTIVAL_IN_KIND));
    }
    if (row.type === '生日慰问' && row.form !== null && row.form !== '慰问品' && row.form !== '蛋糕券')
      issues.push(error('form', 'welfare.birthdayForm', '生日慰问可发放蛋糕等实物或蛋糕券'));
    if (
      row.type !== null &&
      NEEDS_REASON.includes(row.type) &&
      row.reason === null &&
      isBlank(ctx.raw.cells.reason)
    )
      issues.push(
        error('reason', 'welfare.reasonRequired', `「${row.type}」须填写「${ctx.header('reason')}」`),
      );
    if (row.type === '直系亲属去世慰问') {
      if (row.relation === null && isBlank(ctx.raw.cells.relation))
        issues.push(
          error(
            'relation',
            'welfare.relationRequired',
            `直系亲属去世慰问须填写「${ctx.header('relation')}」`,
          ),
        );
      if (row.relation === '配偶父母' && !ctx.settings.standards.relativeScopeIncludesInLaws)
        issues.push(
          error(
            'relation',
            'welfare.relationScope',
            `「${ctx.header('relation')}」不在慰问范围内（配偶、父母、子女）`,
          ),
        );
    }
    if (row.type !== null && row.amount !== null) {
      const cap = perOccasionCap(row.type, row.surgery === true, ctx.settings.standards);
      if (cap !== null && row.amount > cap * 100)
        issues.push(error('amount', 'welfare.overCap', `「${row.type}」单次金额不得超过${cap}元`));
    }
    issues.push(...personChecks(ctx, row.staffNo, row.name));
    issues.push(...rosterRules(row, ctx));
    return issues;
  },
  duplicates: [
    {
      code: 'welfare.duplicate',
      field: 'staffNo',
      key: (r) => `${r.staffNo}|${r.type}|${r.date}`,
      message: (r) => `重复登记：${r.name}（${r.staffNo}）在${r.date}已登记「${r.type}」`,
    },
    {
      code: 'welfare.festivalTwice',
      field: 'staffNo',
      key: (r, year) => (r.type === '节日慰问' && r.festival ? `${r.staffNo}|${r.festival}|${year}` : null),
      message: (r) => `${r.name}本年度已登记过${r.festival}节日慰问`,
    },
    {
      code: 'welfare.birthdayTwice',
      field: 'staffNo',
      key: (r, year) => (r.type === '生日慰问' ? `${r.staffNo}|${year}` : null),
      message: (r) => `${r.name}本年度已登记生日慰问`,
    },
  ],
});

function rosterRules(row: DraftOf<typeof fields>, ctx: RowContext<typeof fields>): Issue[] {
  const entry = rosterEntry(ctx, row.staffNo);
  if (!entry || row.date === null) return [];
  const issues: Issue[] = [];
  if (!isMemberOn(entry, row.date))
    issues.push(
      warning('staffNo', 'welfare.notMember', `${row.name ?? entry.name}在${row.date}不是在会会员`),
    );
  if (row.type === '生日慰问' && entry.birthMonth && entry.birthMonth.slice(5, 7) !== row.date.slice(5, 7))
    issues.push(warning('date', 'welfare.birthdayMonth', '生日慰问月份与会员出生月份不一致'));
  if (row.type === '三八节慰问' && entry.gender === '男')
    issues.push(warning('staffNo', 'welfare.womensDayMale', '三八节慰问对象应为女教职工'));
  if (row.type === '儿童节慰问' && entry.childrenUnder14 === 0)
    issues.push(warning('staffNo', 'welfare.noChildren', '该会员名册中无14周岁以下子女'));
  return issues;
}

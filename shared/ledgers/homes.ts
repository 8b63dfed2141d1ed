import { isBlank } from '../cells/index.js';
import { unitById } from '../settings/lookup.js';
import { bool, common, COMMON_UNIT_ALIASES, date, decimal, oneOf, text, unit } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, warning, type Issue } from './issue.js';
import { std } from './messages.js';

/** DOMAIN.md §3.13 — 职工之家建设台账: one row per unit per certification. School-only. */

export const HOME_GRADES = ['创建中', '合格', '先进', '模范'] as const;
export const CERT_BODIES = ['校工会', '重庆市教科文卫体工会', '重庆市总工会', '中华全国总工会'] as const;

/** 全总's 六有 standard, in order: the headers of has1…has6. */
export const SIX_HAVES = [
  '有依法选举的工会主席',
  '有独立健全的组织机构',
  '有服务职工的活动载体',
  '有健全完善的制度机制',
  '有自主管理的工会经费',
  '有会员满意的工作绩效',
] as const;

const HAS_KEYS = ['has1', 'has2', 'has3', 'has4', 'has5', 'has6'] as const;

const fields = {
  // 单位 is the header here, so it is not also an alias.
  unit: unit({
    header: '单位',
    aliases: COMMON_UNIT_ALIASES.filter((a) => a !== '单位'),
    required: true,
  }),
  kind: oneOf(['职工之家', '职工小家'], { header: '建设类型', aliases: ['类型'], required: true }),
  grade: oneOf(HOME_GRADES, { header: '等级', aliases: ['创建等级', '认定等级'], required: true }),
  certBody: oneOf(CERT_BODIES, { header: '认定单位', aliases: ['命名单位', '验收单位'] }),
  certDate: date({ header: '认定日期', aliases: ['验收日期', '命名时间'] }),
  has1: bool({ header: SIX_HAVES[0] }),
  has2: bool({ header: SIX_HAVES[1] }),
  has3: bool({ header: SIX_HAVES[2] }),
  has4: bool({ header: SIX_HAVES[3] }),
  has5: bool({ header: SIX_HAVES[4] }),
  has6: bool({ header: SIX_HAVES[5] }),
  area: decimal({ header: '活动场所面积（㎡）', aliases: ['面积'] }),
  pairing: text({ header: '结对共建单位', aliases: ['共建单位'], max: 60 }),
  pairingDate: date({ header: '签约日期' }),
  remarks: common.remarks(),
};

export type HomesRow = RowOf<typeof fields>;

export const homes = defineLedger({
  kind: 'homes',
  title: '职工之家建设台账',
  nameHints: ['之家', '小家'],
  scope: 'school',
  primaryDate: 'certDate',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    const u = row.unit === null ? undefined : unitById(ctx.settings, row.unit);
    if (u?.kind === 'sub' && row.kind === '职工之家')
      issues.push(error('kind', 'homes.subMustBeSmallHome', '二级工会应登记为“职工小家”'));
    if (u?.kind === 'school' && row.kind === '职工小家')
      issues.push(error('kind', 'homes.schoolMustBeHome', '校工会应登记为“职工之家”'));
    const certified = row.grade !== null && row.grade !== '创建中';
    if (certified && row.certBody === null && isBlank(ctx.raw.cells.certBody))
      issues.push(error('certBody', 'homes.certBodyRequired', std.required(ctx.header('certBody'))));
    if (certified && row.certDate === null && isBlank(ctx.raw.cells.certDate))
      issues.push(error('certDate', 'homes.certDateRequired', `已认定的须填写「${ctx.header('certDate')}」`));
    // Grade ≥ 合格 with any 六有 item answered 否 (blank is unknown, not 否).
    const missing = HAS_KEYS.map((k, i) => ({ key: k, item: SIX_HAVES[i]! })).filter(
      (h) => row[h.key] === false,
    );
    if (certified && missing.length > 0)
      issues.push(
        warning(
          missing[0]!.key,
          'homes.sixHaves',
          `未达到“六有”要求：${missing.map((m) => m.item).join('、')}`,
        ),
      );
    return issues;
  },
});

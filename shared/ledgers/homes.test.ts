import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { validateRow, type ValidationContext } from './define.js';
import { CERT_BODIES, HOME_GRADES, homes, SIX_HAVES } from './homes.js';
import { std } from './messages.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15' };

const allYes = { has1: '是', has2: '是', has3: '是', has4: '是', has5: '是', has6: '是' };
const small = {
  unit: '机电学院工会',
  kind: '职工小家',
  grade: '合格',
  certBody: '校工会',
  certDate: '2023-06-30',
  ...allYes,
};
const school = {
  ...small,
  unit: '校工会',
  kind: '职工之家',
  grade: '先进',
  certBody: '重庆市教科文卫体工会',
};

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}) =>
  validateRow(homes, { cells, headers }, ctx);
const messages = (cells: Cells, headers: Record<string, string> = {}) =>
  run(cells, headers).issues.map((i) => i.message);

describe('homes: a valid row', () => {
  it('a certified 职工小家', () => {
    const v = run(small);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      unit: 'mech-info',
      kind: '职工小家',
      grade: '合格',
      certBody: '校工会',
      certDate: '2023-06-30',
      has1: true,
      has2: true,
      has3: true,
      has4: true,
      has5: true,
      has6: true,
      area: null,
      pairing: null,
      pairingDate: null,
      remarks: null,
    });
  });

  it('the school’s 职工之家 with a pairing', () => {
    const v = run({ ...school, area: '350.5', pairing: '重庆工商大学工会', pairingDate: '2023-10-18' });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({
      unit: 'school',
      kind: '职工之家',
      area: 350.5,
      pairing: '重庆工商大学工会',
    });
  });

  it('创建中 needs no certification', () => {
    const v = run({ unit: '艺术学院', kind: '职工小家', grade: '创建中' });
    expect(v.issues).toEqual([]);
    expect(v.year).toBeNull();
  });

  it('is school-only, dated by 认定日期', () => {
    expect(homes.scope).toBe('school');
    expect(homes.primaryDate).toBe('certDate');
  });
});

describe('homes: headers and aliases (§3.13)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = homes.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(f.unit.header).toBe('单位');
    expect(f.unit.aliases).toEqual(
      expect.arrayContaining(['所属工会', '分工会', '所属分工会', '二级工会', '工会名称', '所在单位']),
    );
    expect(f.unit.aliases).not.toContain('单位');
    expect(all('kind')).toEqual(['建设类型', '类型']);
    expect(all('grade')).toEqual(['等级', '创建等级', '认定等级']);
    expect(all('certBody')).toEqual(['认定单位', '命名单位', '验收单位']);
    expect(all('certDate')).toEqual(['认定日期', '验收日期', '命名时间']);
    expect([f.has1, f.has2, f.has3, f.has4, f.has5, f.has6].map((h) => [h.header, ...h.aliases])).toEqual([
      ['有依法选举的工会主席'],
      ['有独立健全的组织机构'],
      ['有服务职工的活动载体'],
      ['有健全完善的制度机制'],
      ['有自主管理的工会经费'],
      ['有会员满意的工作绩效'],
    ]);
    expect(all('area')).toEqual(['活动场所面积（㎡）', '面积']);
    expect(all('pairing')).toEqual(['结对共建单位', '共建单位']);
    expect(all('pairingDate')).toEqual(['签约日期']);
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...small, certDate: '' }, { certDate: '验收日期' })).toEqual([
      '已认定的须填写「验收日期」',
    ]);
    expect(messages({ ...small, certBody: '' }, { certBody: '命名单位' })).toEqual([
      std.required('命名单位'),
    ]);
    expect(messages({ ...small, unit: '' }, { unit: '所属工会' })).toEqual([std.required('所属工会')]);
    expect(messages({ ...small, area: '约50' }, { area: '面积' })).toEqual([std.number('面积')]);
  });
});

describe('homes: required fields and std messages', () => {
  it.each(['unit', 'kind', 'grade'] as const)('%s is required', (key) => {
    expect(messages({ ...small, [key]: '' })).toEqual([std.required(homes.fields[key].header)]);
  });

  it('std messages', () => {
    expect(messages({ ...small, kind: '职工家' })).toEqual(['「建设类型」只能填写：职工之家、职工小家']);
    expect(messages({ ...small, grade: '优秀' })).toEqual([`「等级」只能填写：${HOME_GRADES.join('、')}`]);
    expect(messages({ ...small, certBody: '区总工会' })).toEqual([
      `「认定单位」只能填写：${CERT_BODIES.join('、')}`,
    ]);
    expect(messages({ ...small, certDate: '2023-06-31' })).toEqual([
      '「认定日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...small, pairingDate: '签了' })).toEqual([
      '「签约日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...small, has3: '部分' })).toEqual(['「有服务职工的活动载体」请填写“是”或“否”']);
    expect(messages({ ...small, area: '五十' })).toEqual(['「活动场所面积（㎡）」不是有效数字']);
    expect(messages({ ...small, pairing: '共'.repeat(61) })).toEqual(['「结对共建单位」不能超过60个字']);
    expect(messages({ ...small, unit: '火星学院' })).toEqual(['「单位」“火星学院”不在单位名单中']);
  });
});

describe('homes: rules of §3.13', () => {
  it('a sub-union is a 职工小家', () => {
    expect(run({ ...small, kind: '职工之家' }).issues).toEqual([
      {
        field: 'kind',
        severity: 'error',
        code: 'homes.subMustBeSmallHome',
        message: '二级工会应登记为“职工小家”',
      },
    ]);
  });

  it('the school union is a 职工之家', () => {
    expect(run({ ...school, kind: '职工小家' }).issues).toEqual([
      {
        field: 'kind',
        severity: 'error',
        code: 'homes.schoolMustBeHome',
        message: '校工会应登记为“职工之家”',
      },
    ]);
  });

  it.each(['合格', '先进', '模范'])('grade %s needs 认定单位 and 认定日期', (grade) => {
    expect(run({ ...small, grade, certBody: '', certDate: '' }).issues).toEqual([
      {
        field: 'certBody',
        severity: 'error',
        code: 'homes.certBodyRequired',
        message: '「认定单位」不能为空',
      },
      {
        field: 'certDate',
        severity: 'error',
        code: 'homes.certDateRequired',
        message: '已认定的须填写「认定日期」',
      },
    ]);
  });

  it('an invalid 认定单位 is not also missing', () => {
    expect(messages({ ...small, certBody: '区总工会', certDate: '' })).toEqual([
      `「认定单位」只能填写：${CERT_BODIES.join('、')}`,
      '已认定的须填写「认定日期」',
    ]);
  });

  it('a certified home missing a 六有 item gets a warning listing the items', () => {
    const v = run({ ...small, has2: '否', has5: '×' });
    expect(v.issues).toEqual([
      {
        field: 'has2',
        severity: 'warning',
        code: 'homes.sixHaves',
        message: '未达到“六有”要求：有独立健全的组织机构、有自主管理的工会经费',
      },
    ]);
    expect(v.fields).not.toBeNull();
    expect(
      messages({ ...school, has1: '否', has2: '否', has3: '否', has4: '否', has5: '否', has6: '否' }),
    ).toEqual([`未达到“六有”要求：${SIX_HAVES.join('、')}`]);
  });

  it('blank 六有 cells are unknown, and 创建中 is not checked', () => {
    expect(messages({ ...small, has1: '', has2: '', has3: '', has4: '', has5: '', has6: '' })).toEqual([]);
    expect(messages({ unit: '艺术学院', kind: '职工小家', grade: '创建中', has1: '否' })).toEqual([]);
  });
});

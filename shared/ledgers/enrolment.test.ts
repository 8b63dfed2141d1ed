import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { validateRow, type ValidationContext } from './define.js';
import { enrolment, ENROLMENT_RESULTS, SCHOOL_STAGES } from './enrolment.js';
import { std } from './messages.js';
import type { RosterEntry } from './roster.js';

const zhang: RosterEntry = {
  staffNo: '20150032',
  name: '张三',
  unit: 'mech-info',
  gender: '男',
  birthMonth: null,
  joinDate: '2015-07-01',
  leaveDate: null,
  status: '在会',
  isRep: false,
  staffType: null,
  childrenUnder14: 1,
};
const roster = new Map([[zhang.staffNo, zhang]]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const base = {
  applyDate: '2023-05-08',
  staffNo: '20150032',
  name: '张三',
  unit: '机电学院工会',
  stage: '小学',
};
const placed = { ...base, result: '已落实', placedSchool: '合川区南津街小学', placedDate: '2023-08-25' };

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  validateRow(enrolment, { cells, headers }, c);
const messages = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  run(cells, headers, c).issues.map((i) => i.message);

describe('enrolment: a valid row', () => {
  it('is typed, with the default 办理中', () => {
    const v = run(base);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      applyDate: '2023-05-08',
      staffNo: '20150032',
      name: '张三',
      unit: 'mech-info',
      childName: null,
      childBirth: null,
      stage: '小学',
      wishSchool: null,
      coordinator: null,
      result: '办理中',
      placedSchool: null,
      placedDate: null,
      remarks: null,
    });
  });

  it('a placed child with every column', () => {
    const v = run({
      ...placed,
      childName: '张 小明',
      childBirth: '2017年3月',
      wishSchool: '合川区南津街小学',
      coordinator: '合川区教委',
      remarks: '已入学',
    });
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({
      childName: '张小明',
      childBirth: '2017-03',
      result: '已落实',
      placedDate: '2023-08-25',
    });
  });

  it('counts in the year of 登记日期', () => {
    expect(enrolment.primaryDate).toBe('applyDate');
    expect(run({ ...placed, applyDate: '2022-12-20' }).year).toBe(2022);
  });
});

describe('enrolment: headers and aliases (§3.11)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = enrolment.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(all('applyDate')).toEqual(['登记日期', '申请日期']);
    expect(all('staffNo')).toEqual(['工号', '职工号', '教工号', '人员编号', '工作证号']);
    expect(all('name')).toEqual(['姓名', '职工姓名', '会员姓名', '教职工姓名']);
    expect(f.unit.header).toBe('所属工会');
    expect(all('childName')).toEqual(['子女姓名', '孩子姓名']);
    expect(all('childBirth')).toEqual(['子女出生年月']);
    expect(all('stage')).toEqual(['入学学段', '学段']);
    expect(all('wishSchool')).toEqual(['意向学校']);
    expect(all('coordinator')).toEqual(['协调单位', '协调部门']);
    expect(all('result')).toEqual(['落实情况', '办理结果']);
    expect(all('placedSchool')).toEqual(['落实学校', '就读学校']);
    expect(all('placedDate')).toEqual(['落实日期']);
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
    expect(enrolment.scope).toBe('unit');
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...base, applyDate: '' }, { applyDate: '申请日期' })).toEqual([
      std.required('申请日期'),
    ]);
    expect(messages({ ...placed, placedSchool: '' }, { placedSchool: '就读学校' })).toEqual([
      '已落实的须填写「就读学校」',
    ]);
    expect(messages({ ...base, stage: '高中' }, { stage: '学段' })).toEqual([
      '「学段」只能填写：幼儿园、小学、初中',
    ]);
  });
});

describe('enrolment: required fields and std messages', () => {
  it.each(['applyDate', 'staffNo', 'name', 'unit', 'stage'] as const)('%s is required', (key) => {
    expect(messages({ ...base, [key]: '' })).toEqual([std.required(enrolment.fields[key].header)]);
  });

  it('std messages', () => {
    expect(messages({ ...base, stage: '高中' })).toEqual([
      `「入学学段」只能填写：${SCHOOL_STAGES.join('、')}`,
    ]);
    expect(messages({ ...base, result: '已办结' })).toEqual([
      `「落实情况」只能填写：${ENROLMENT_RESULTS.join('、')}`,
    ]);
    expect(messages({ ...base, applyDate: '5/8/2023' })).toEqual([
      '「登记日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...base, childBirth: '2025-01' })).toEqual([
      '「子女出生年月」超出合理范围（1930年至2024年）',
    ]);
    expect(messages({ ...base, childBirth: '十七年' })).toEqual([
      '「子女出生年月」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...base, childName: '名'.repeat(21) })).toEqual(['「子女姓名」不能超过20个字']);
    expect(messages({ ...base, wishSchool: '校'.repeat(41) })).toEqual(['「意向学校」不能超过40个字']);
    expect(messages({ ...base, coordinator: '协'.repeat(41) })).toEqual(['「协调单位」不能超过40个字']);
    expect(messages({ ...placed, placedSchool: '校'.repeat(41) })).toEqual(['「落实学校」不能超过40个字']);
    expect(messages({ ...base, staffNo: '#' })).toEqual(['「工号」格式不正确：应为4至12位字母或数字']);
  });
});

describe('enrolment: rules of §3.11', () => {
  it('已落实 needs 落实学校 and 落实日期', () => {
    expect(run({ ...base, result: '已落实' }).issues).toEqual([
      {
        field: 'placedSchool',
        severity: 'error',
        code: 'enrolment.placedSchoolRequired',
        message: '已落实的须填写「落实学校」',
      },
      {
        field: 'placedDate',
        severity: 'error',
        code: 'enrolment.placedDateRequired',
        message: '已落实的须填写「落实日期」',
      },
    ]);
    expect(messages({ ...placed, placedDate: '' })).toEqual(['已落实的须填写「落实日期」']);
  });

  it('an invalid 落实日期 is not also missing', () => {
    expect(messages({ ...placed, placedDate: '下个月' })).toEqual([
      '「落实日期」不是有效日期（示例：2023-03-08）',
    ]);
  });

  it('办理中 and 未落实 need neither', () => {
    expect(messages({ ...base, result: '办理中' })).toEqual([]);
    expect(messages({ ...base, result: '未落实' })).toEqual([]);
  });

  it('person checks against the roster', () => {
    expect(run({ ...base, staffNo: '99990000' }).issues).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号99990000不在会员名册中',
      },
    ]);
    expect(run({ ...base, name: '张叁' }).issues).toEqual([
      {
        field: 'name',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：张三）',
      },
    ]);
  });

  it('has no duplicate rule', () => {
    expect(enrolment.duplicates).toBeUndefined();
  });
});

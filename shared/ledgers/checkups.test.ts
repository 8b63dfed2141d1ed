import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { checkups, CHECKUP_FUNDING, type CheckupsRow } from './checkups.js';
import { validateRow, type RowContext, type ValidationContext } from './define.js';
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
  childrenUnder14: null,
};
const roster = new Map([[zhang.staffNo, zhang]]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const base = { date: '2023-05-20', staffNo: '20150032', name: '张三', unit: '机电学院工会' };

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  validateRow(checkups, { cells, headers }, c);
const messages = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  run(cells, headers, c).issues.map((i) => i.message);

describe('checkups: a valid row', () => {
  it('is typed, with the defaults of §3.3', () => {
    const v = run(base);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      date: '2023-05-20',
      staffNo: '20150032',
      name: '张三',
      unit: 'mech-info',
      gender: null,
      package: null,
      institution: null,
      attended: true,
      fee: null,
      funding: '学校行政',
      remarks: null,
    });
  });

  it('a full row', () => {
    const v = run({
      ...base,
      gender: '男',
      package: '男职工套餐',
      institution: '重庆市合川区人民医院体检中心',
      attended: '否',
      fee: '¥450.50',
      funding: '工会经费',
      remarks: '出差未检',
    });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({
      attended: false,
      fee: 45050,
      funding: '工会经费',
      package: '男职工套餐',
    });
  });

  it('a blank unit is filled from the roster', () => {
    const v = run({ ...base, unit: '' });
    expect(v.issues).toEqual([]);
    expect(v.fields?.unit).toBe('mech-info');
    expect(checkups.unitFromRoster).toBe(true);
  });

  it('a blank unit of someone not in the roster is the required error', () => {
    expect(messages({ ...base, unit: '', staffNo: '99990000' })).toEqual([
      std.required('所属工会'),
      std.notInRoster('99990000'),
    ]);
  });
});

describe('checkups: headers and aliases (§3.3)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = checkups.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(all('date')).toEqual(['体检日期', '日期', '体检时间']);
    expect(all('staffNo')).toEqual(['工号', '职工号', '教工号', '人员编号', '工作证号']);
    expect(all('name')).toEqual(['姓名', '职工姓名', '会员姓名', '教职工姓名']);
    expect(f.unit.header).toBe('所属工会');
    expect(all('gender')).toEqual(['性别']);
    expect(all('package')).toEqual(['体检套餐', '套餐', '体检项目']);
    expect(all('institution')).toEqual(['体检机构', '体检医院', '医院']);
    expect(all('attended')).toEqual(['是否参检', '已体检', '参检情况']);
    expect(all('fee')).toEqual(['体检费用', '费用', '金额']);
    expect(all('funding')).toEqual(['经费来源', '费用来源']);
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
    expect(checkups.scope).toBe('unit');
    expect(checkups.primaryDate).toBe('date');
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...base, date: '' }, { date: '体检时间' })).toEqual([std.required('体检时间')]);
    expect(messages({ ...base, fee: 'abc' }, { fee: '费用' })).toEqual([std.amount('费用')]);
    expect(messages({ ...base, attended: '待定' }, { attended: '参检情况' })).toEqual([std.bool('参检情况')]);
  });
});

describe('checkups: required fields and std messages', () => {
  it.each(['date', 'staffNo', 'name'] as const)('%s is required', (key) => {
    expect(messages({ ...base, [key]: '' })).toEqual([std.required(checkups.fields[key].header)]);
  });

  it('std messages', () => {
    expect(messages({ ...base, date: '23-5-20' })).toEqual(['「体检日期」不是有效日期（示例：2023-03-08）']);
    expect(messages({ ...base, date: '2026-01-01' })).toEqual(['「体检日期」超出合理范围（2000年至2025年）']);
    expect(messages({ ...base, gender: '男士' })).toEqual(['「性别」只能填写：男、女']);
    expect(messages({ ...base, funding: '单位' })).toEqual([
      `「经费来源」只能填写：${CHECKUP_FUNDING.join('、')}`,
    ]);
    expect(messages({ ...base, attended: '未定' })).toEqual(['「是否参检」请填写“是”或“否”']);
    expect(messages({ ...base, fee: '肆佰元' })).toEqual(['「体检费用」请填写阿拉伯数字金额']);
    expect(messages({ ...base, fee: '-450' })).toEqual(['「体检费用」不能为负数']);
    expect(messages({ ...base, fee: '450.555' })).toEqual(['「体检费用」最多保留两位小数']);
    expect(messages({ ...base, package: '套'.repeat(41) })).toEqual(['「体检套餐」不能超过40个字']);
    expect(messages({ ...base, institution: '院'.repeat(41) })).toEqual(['「体检机构」不能超过40个字']);
    expect(messages({ ...base, staffNo: 'ab' })).toEqual(['「工号」格式不正确：应为4至12位字母或数字']);
  });

  it('a fee of 0 is allowed (paid by the school)', () => {
    expect(run({ ...base, fee: 0 }).fields?.fee).toBe(0);
  });
});

describe('checkups: person checks', () => {
  it('工号 not in the roster', () => {
    expect(run({ ...base, staffNo: '99990000' }).issues).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号99990000不在会员名册中',
      },
    ]);
  });

  it('a name differing from the roster', () => {
    expect(run({ ...base, name: '张叁' }).issues).toEqual([
      {
        field: 'name',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：张三）',
      },
    ]);
  });

  it('nothing without a roster', () => {
    expect(
      messages({ ...base, staffNo: '99990000' }, {}, { settings: demoSettings, today: '2024-01-15' }),
    ).toEqual([]);
  });
});

describe('checkups: duplicate (§3.3)', () => {
  const row = (over: Partial<CheckupsRow>): CheckupsRow => ({
    ...(run(base).fields as CheckupsRow),
    ...over,
  });
  const rctx = { header: (k: string) => k } as unknown as RowContext<typeof checkups.fields>;
  const [dup] = checkups.duplicates!;

  it('same 工号 twice in a year', () => {
    expect(checkups.duplicates).toHaveLength(1);
    expect(dup!.code).toBe('checkups.duplicate');
    expect(dup!.key(row({}), 2023)).toBe(dup!.key(row({ date: '2023-11-02', package: '复查' }), 2023));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({}), 2024));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({ staffNo: '20150033' }), 2023));
    expect(dup!.key(row({}), null)).toBeNull();
    expect(dup!.message(row({}), rctx, 2023, { sheetRow: 3, fields: row({}) })).toBe(
      '张三（20150032）本年度已登记体检',
    );
  });
});

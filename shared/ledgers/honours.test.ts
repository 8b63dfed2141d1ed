import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RowContext, type ValidationContext } from './define.js';
import { honours, KNOWN_HONOURS, type HonoursRow } from './honours.js';
import { std } from './messages.js';
import type { RosterEntry } from './roster.js';

const wang: RosterEntry = {
  staffNo: '20120007',
  name: '王芳',
  unit: 'nursing',
  gender: '女',
  birthMonth: null,
  joinDate: '2012-09-01',
  leaveDate: null,
  status: '在会',
  isRep: true,
  staffType: '专任教师',
  childrenUnder14: null,
};
const roster = new Map([[wang.staffNo, wang]]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const collective = {
  year: 2023,
  title: '工会工作先进集体',
  level: '校级',
  targetType: '集体',
  target: '机电学院工会',
  date: '2023-12-20',
  docNo: '校工发〔2023〕12号',
  unit: '机电学院工会',
};
const individual = {
  ...collective,
  title: '三八红旗手',
  level: '市级',
  targetType: '个人',
  target: '王芳',
  staffNo: '20120007',
  status: '推荐',
  unit: '护理学院',
};

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  validateRow(honours, { cells, headers }, c);
const messages = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  run(cells, headers, c).issues.map((i) => i.message);

describe('honours: a valid row', () => {
  it('a collective, with the default status 已授予', () => {
    const v = run(collective);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      year: 2023,
      title: '工会工作先进集体',
      level: '校级',
      targetType: '集体',
      target: '机电学院工会',
      staffNo: null,
      status: '已授予',
      date: '2023-12-20',
      docNo: '校工发〔2023〕12号',
      unit: 'mech-info',
      remarks: null,
    });
  });

  it('a nominated individual', () => {
    const v = run(individual);
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({
      targetType: '个人',
      staffNo: '20120007',
      status: '推荐',
      unit: 'nursing',
    });
  });

  it('the year is 年度 when present, else the year of 表彰日期', () => {
    expect(honours.yearField).toBe('year');
    expect(honours.primaryDate).toBe('date');
    expect(run({ ...collective, year: 2022, date: '2023-01-10' }).year).toBe(2022);
    expect(run({ ...collective, year: '', date: '2023-01-10' }).year).toBe(2023);
  });

  it('is school-only', () => {
    expect(honours.scope).toBe('school');
  });
});

describe('honours: headers and aliases (§3.6)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = honours.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(all('year')).toEqual(['年度', '表彰年度']);
    expect(all('title')).toEqual(['表彰名称', '荣誉称号', '称号']);
    expect(all('level')).toEqual(['级别', '表彰级别']);
    expect(all('targetType')).toEqual(['对象类型', '集体/个人']);
    expect(all('target')).toEqual(['表彰对象', '单位/姓名', '获奖对象']);
    expect(all('staffNo')).toEqual(['工号', '职工号', '教工号', '人员编号', '工作证号']);
    expect(all('status')).toEqual(['状态', '推荐/授予']);
    expect(all('date')).toEqual(['表彰日期', '发文日期', '推荐日期']);
    expect(all('docNo')).toEqual(['文号', '表彰文件']);
    expect(f.unit.header).toBe('所属工会');
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...collective, title: '最美教师' }, { title: '荣誉称号' })).toEqual([
      '「荣誉称号」不是常用称号，请确认',
    ]);
    expect(messages({ ...individual, staffNo: '' }, { staffNo: '教工号' })).toEqual([std.required('教工号')]);
    expect(messages({ ...collective, date: '' }, { date: '发文日期' })).toEqual([std.required('发文日期')]);
  });
});

describe('honours: required fields and std messages', () => {
  it.each(['title', 'level', 'targetType', 'target', 'date', 'unit'] as const)('%s is required', (key) => {
    expect(messages({ ...collective, [key]: '' })).toEqual([std.required(honours.fields[key].header)]);
  });

  it('std messages', () => {
    expect(messages({ ...collective, year: '2023年度' })).toEqual(['「年度」应为非负整数']);
    expect(messages({ ...collective, year: 1999 })).toEqual(['「年度」应为非负整数']);
    expect(messages({ ...collective, year: 2101 })).toEqual(['「年度」应为非负整数']);
    expect(messages({ ...collective, level: '区级' })).toEqual(['「级别」只能填写：校级、市级、全国']);
    expect(messages({ ...collective, targetType: '团队' })).toEqual(['「对象类型」只能填写：集体、个人']);
    expect(messages({ ...collective, status: '拟表彰' })).toEqual(['「状态」只能填写：推荐、已授予']);
    expect(messages({ ...collective, date: '20231320' })).toEqual([
      '「表彰日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...collective, title: '称'.repeat(41) })).toEqual(['「表彰名称」不能超过40个字']);
    expect(messages({ ...collective, target: '对'.repeat(61) })).toEqual(['「表彰对象」不能超过60个字']);
    expect(messages({ ...collective, docNo: '文'.repeat(41) })).toEqual(['「文号」不能超过40个字']);
    expect(messages({ ...collective, staffNo: '1-2' })).toEqual([
      '「工号」格式不正确：应为4至12位字母或数字',
    ]);
  });
});

describe('honours: rules of §3.6', () => {
  it.each(KNOWN_HONOURS)('%s is a known title', (title) => {
    expect(messages({ ...collective, title })).toEqual([]);
  });

  it('another title is accepted with a warning', () => {
    const v = run({ ...collective, title: '优秀志愿者' });
    expect(v.issues).toEqual([
      {
        field: 'title',
        severity: 'warning',
        code: 'honours.unusualTitle',
        message: '「表彰名称」不是常用称号，请确认',
      },
    ]);
    expect(v.fields).not.toBeNull();
  });

  it('a collective target must be a unit name (any accepted alias)', () => {
    expect(messages({ ...collective, target: '机电学院' })).toEqual([]);
    expect(messages({ ...collective, target: '机电与信息工程学院工会' })).toEqual([]);
    expect(run({ ...collective, target: '机电学院教工篮球队' }).issues).toEqual([
      {
        field: 'target',
        severity: 'warning',
        code: 'honours.collectiveNotUnit',
        message: '集体表彰对象不在单位名单中',
      },
    ]);
    expect(messages({ ...individual, target: '王芳' })).toEqual([]);
  });

  it('an individual needs a 工号', () => {
    expect(run({ ...individual, staffNo: '' }).issues).toEqual([
      { field: 'staffNo', severity: 'error', code: 'honours.staffNoRequired', message: '「工号」不能为空' },
    ]);
    expect(messages({ ...individual, staffNo: '12' })).toEqual(['「工号」格式不正确：应为4至12位字母或数字']);
  });

  it('an individual is checked against the roster', () => {
    expect(run({ ...individual, staffNo: '99990000' }).issues).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号99990000不在会员名册中',
      },
    ]);
    expect(run({ ...individual, target: '王方' }).issues).toEqual([
      {
        field: 'target',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：王芳）',
      },
    ]);
  });
});

describe('honours: duplicate (§3.6)', () => {
  const row = (over: Partial<HonoursRow>): HonoursRow => ({
    ...(run(collective).fields as HonoursRow),
    ...over,
  });
  const rctx = { header: (k: string) => k } as unknown as RowContext<typeof honours.fields>;
  const [dup] = honours.duplicates!;

  it('same title + target + year', () => {
    expect(honours.duplicates).toHaveLength(1);
    expect(dup!.code).toBe('honours.duplicate');
    expect(dup!.key(row({}), 2023)).toBe(dup!.key(row({ date: '2023-06-01', docNo: null }), 2023));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({}), 2022));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({ target: '工商学院工会' }), 2023));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({ title: '三八红旗集体' }), 2023));
    expect(dup!.key(row({}), null)).toBeNull();
    expect(dup!.message(row({}), rctx, 2023, { sheetRow: 3, fields: row({}) })).toBe(
      '「机电学院工会」已登记2023年度「工会工作先进集体」',
    );
  });
});

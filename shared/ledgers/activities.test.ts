import { describe, expect, it } from 'vitest';
import { demoSettings, settingsSchema } from '../settings/index.js';
import {
  activities,
  ACTIVITY_CATEGORIES,
  ACTIVITY_LEVELS,
  PARTICIPANTS_PER_MEMBER,
  type ActivitiesRow,
} from './activities.js';
import { validateRow, type RowContext, type ValidationContext } from './define.js';
import { std } from './messages.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15' };

const base = {
  name: '教职工气排球赛',
  category: '文体活动',
  level: '二级工会',
  unit: '机电学院工会',
  startDate: '2023-04-12',
  participants: 60,
};

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  validateRow(activities, { cells, headers }, c);
const messages = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  run(cells, headers, c).issues.map((i) => i.message);

describe('activities: a valid row', () => {
  it('is typed', () => {
    const v = run(base);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      name: '教职工气排球赛',
      category: '文体活动',
      level: '二级工会',
      unit: 'mech-info',
      startDate: '2023-04-12',
      endDate: null,
      venue: null,
      participants: 60,
      cost: null,
      theme: null,
      host: null,
      remarks: null,
    });
  });

  it('a full school-level row', () => {
    const v = run({
      ...base,
      name: '“中国梦·劳动美”教职工运动会',
      level: '校级',
      unit: '校工会',
      endDate: '2023-04-13',
      venue: '田径场',
      participants: 900,
      cost: '3.5万',
      theme: '中国梦·劳动美',
      host: '李老师',
    });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({
      unit: 'school',
      cost: 3500000,
      endDate: '2023-04-13',
      participants: 900,
    });
  });
});

describe('activities: headers and aliases (§3.4)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = activities.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(all('name')).toEqual(['活动名称', '活动主题', '项目名称']);
    expect(all('category')).toEqual(['活动类别', '类别', '活动类型']);
    expect(all('level')).toEqual(['活动级别', '级别', '组织层级']);
    expect(f.unit.header).toBe('组织单位');
    expect(f.unit.aliases).toEqual(
      expect.arrayContaining([
        '主办单位',
        '承办分工会',
        '分工会',
        '所属分工会',
        '二级工会',
        '工会名称',
        '所在单位',
        '单位',
      ]),
    );
    expect(all('startDate')).toEqual(['开始日期', '活动日期', '日期', '时间']);
    expect(all('endDate')).toEqual(['结束日期']);
    expect(all('venue')).toEqual(['地点', '活动地点']);
    expect(all('participants')).toEqual(['参与人次', '参加人数', '参与人数', '人次']);
    expect(all('cost')).toEqual(['活动经费', '经费（元）', '费用', '支出金额']);
    expect(all('theme')).toEqual(['主题', '标签', '主题标签']);
    expect(all('host')).toEqual(['主讲人', '授课人', '负责人']);
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
    expect(activities.scope).toBe('unit');
    expect(activities.primaryDate).toBe('startDate');
    // The activity's name is not a person: it counts for kind detection.
    expect(f.name.common).toBe(false);
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...base, name: '' }, { name: '项目名称' })).toEqual([std.required('项目名称')]);
    expect(messages({ ...base, unit: '' }, { unit: '主办单位' })).toEqual([std.required('主办单位')]);
    expect(messages({ ...base, participants: '' }, { participants: '参加人数' })).toEqual([
      std.required('参加人数'),
    ]);
    expect(
      messages({ ...base, endDate: '2023-04-11' }, { endDate: '结束日期', startDate: '活动日期' }),
    ).toEqual(['「结束日期」不能早于「活动日期」']);
  });
});

describe('activities: required fields and std messages', () => {
  it.each(['name', 'category', 'level', 'unit', 'startDate'] as const)('%s is required', (key) => {
    expect(messages({ ...base, [key]: '' })).toEqual([std.required(activities.fields[key].header)]);
  });

  it('an officer sheet without a unit column defaults to the officer unit', () => {
    const { unit: _unit, ...noUnit } = base;
    const v = run(noUnit, {}, { ...ctx, actor: { role: 'officer', unit: 'business' } });
    expect(v.issues).toEqual([]);
    expect(v.fields?.unit).toBe('business');
    expect(messages(noUnit, {}, { ...ctx, actor: { role: 'admin' } })).toEqual([std.required('组织单位')]);
  });

  it('std messages', () => {
    expect(messages({ ...base, category: '体育' })).toEqual([
      `「活动类别」只能填写：${ACTIVITY_CATEGORIES.join('、')}`,
    ]);
    expect(messages({ ...base, level: '院级' })).toEqual([
      `「活动级别」只能填写：${ACTIVITY_LEVELS.join('、')}`,
    ]);
    expect(messages({ ...base, startDate: '2023-02-29' })).toEqual([
      '「开始日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...base, endDate: '明天' })).toEqual(['「结束日期」不是有效日期（示例：2023-03-08）']);
    expect(messages({ ...base, participants: '60人次' })).toEqual(['「参与人次」应为非负整数']);
    expect(messages({ ...base, participants: 12.5 })).toEqual(['「参与人次」应为非负整数']);
    expect(messages({ ...base, cost: '约1k' })).toEqual([
      '「活动经费」不是有效金额（示例：1200 或 1,200.00元）',
    ]);
    expect(messages({ ...base, cost: -5 })).toEqual(['「活动经费」不能为负数']);
    expect(messages({ ...base, name: '活'.repeat(61) })).toEqual(['「活动名称」不能超过60个字']);
    expect(messages({ ...base, venue: '地'.repeat(41) })).toEqual(['「地点」不能超过40个字']);
    expect(messages({ ...base, theme: '主'.repeat(41) })).toEqual(['「主题」不能超过40个字']);
    expect(messages({ ...base, host: '讲'.repeat(41) })).toEqual(['「主讲人」不能超过40个字']);
    expect(messages({ ...base, unit: '火星学院' })).toEqual(['「组织单位」“火星学院”不在单位名单中']);
  });
});

describe('activities: rules of §3.4', () => {
  it('校级 belongs to the school union', () => {
    expect(run({ ...base, level: '校级' }).issues).toEqual([
      {
        field: 'unit',
        severity: 'error',
        code: 'activities.schoolLevelUnit',
        message: '校级活动的「所属工会」应为校工会',
      },
    ]);
    expect(messages({ ...base, level: '校级', unit: '学校工会', participants: 900 })).toEqual([]);
  });

  it('二级工会 activities are not the school union’s', () => {
    expect(run({ ...base, unit: '校工会' }).issues).toEqual([
      {
        field: 'unit',
        severity: 'error',
        code: 'activities.subLevelUnit',
        message: '二级工会活动不能登记在校工会名下',
      },
    ]);
  });

  it('参加上级 fits either unit', () => {
    expect(messages({ ...base, level: '参加上级', unit: '校工会' })).toEqual([]);
    expect(messages({ ...base, level: '参加上级' })).toEqual([]);
  });

  it('结束日期 may not be before 开始日期', () => {
    expect(run({ ...base, endDate: '2023-04-11' }).issues).toEqual([
      {
        field: 'endDate',
        severity: 'error',
        code: 'activities.endBeforeStart',
        message: '「结束日期」不能早于「开始日期」',
      },
    ]);
    expect(messages({ ...base, endDate: '2023-04-12' })).toEqual([]);
  });

  it('文体活动 needs 参与人次; other categories do not', () => {
    expect(run({ ...base, participants: '' }).issues).toEqual([
      {
        field: 'participants',
        severity: 'error',
        code: 'activities.participantsRequired',
        message: '「参与人次」不能为空',
      },
    ]);
    expect(messages({ ...base, category: '代表培训', participants: '' })).toEqual([]);
    // A value that failed to parse is not also missing.
    expect(messages({ ...base, participants: 'abc' })).toEqual(['「参与人次」应为非负整数']);
  });

  it('a sub-union’s 参与人次 above 3 × its members is a warning', () => {
    // 机电学院工会 has 118 members in the demo settings.
    expect(PARTICIPANTS_PER_MEMBER).toBe(3);
    expect(messages({ ...base, participants: 354 })).toEqual([]);
    const v = run({ ...base, participants: 355 });
    expect(v.issues).toEqual([
      {
        field: 'participants',
        severity: 'warning',
        code: 'activities.participantsHigh',
        message: '参与人次明显超过本单位会员数，请核实',
      },
    ]);
    expect(v.fields).not.toBeNull();
    expect(messages({ ...base, category: '联谊活动', participants: 400 })).toEqual([
      '参与人次明显超过本单位会员数，请核实',
    ]);
  });

  it('uses the member counts of settings, and never warns for the school union', () => {
    const units = demoSettings.units.map((u) => (u.id === 'mech-info' ? { ...u, members: 10 } : u));
    const settings = settingsSchema.parse({ ...demoSettings, units });
    expect(messages({ ...base, participants: 31 }, {}, { ...ctx, settings })).toEqual([
      '参与人次明显超过本单位会员数，请核实',
    ]);
    const unknown = settingsSchema.parse({
      ...demoSettings,
      units: demoSettings.units.map((u) => (u.id === 'mech-info' ? { ...u, members: undefined } : u)),
    });
    expect(messages({ ...base, participants: 5000 }, {}, { ...ctx, settings: unknown })).toEqual([]);
    expect(messages({ ...base, level: '校级', unit: '校工会', participants: 5000 })).toEqual([]);
  });
});

describe('activities: duplicate (§3.4)', () => {
  const row = (over: Partial<ActivitiesRow>): ActivitiesRow => ({
    ...(run(base).fields as ActivitiesRow),
    ...over,
  });
  const rctx = { header: (k: string) => k } as unknown as RowContext<typeof activities.fields>;
  const [dup] = activities.duplicates!;

  it('same unit + name + start date', () => {
    expect(activities.duplicates).toHaveLength(1);
    expect(dup!.code).toBe('activities.duplicate');
    expect(dup!.key(row({}), 2023)).toBe(dup!.key(row({ participants: 80, venue: '体育馆' }), 2023));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({ unit: 'business' }), 2023));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({ startDate: '2023-04-13' }), 2023));
    expect(dup!.key(row({}), 2023)).not.toBe(dup!.key(row({ name: '教职工篮球赛' }), 2023));
    expect(dup!.message(row({}), rctx, 2023, { sheetRow: 3, fields: row({}) })).toBe(
      '活动重复：教职工气排球赛（2023-04-12）已登记',
    );
  });
});

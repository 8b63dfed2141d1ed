import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { AWARD_LEVELS, AWARD_RESULT, awards } from './awards.js';
import { validateRow, type ValidationContext } from './define.js';
import { std } from './messages.js';
import type { RosterEntry } from './roster.js';

const li: RosterEntry = {
  staffNo: '20180011',
  name: '李四',
  unit: 'arts',
  gender: '女',
  birthMonth: null,
  joinDate: '2018-09-01',
  leaveDate: null,
  status: '在会',
  isRep: false,
  staffType: null,
  childrenUnder14: null,
};
const roster = new Map([[li.staffNo, li]]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const team = {
  competition: '重庆市教职工舞蹈大赛',
  level: '市级',
  result: '三等奖',
  winnerType: '集体',
  winner: '艺术学院教职工舞蹈队',
  date: '2023-11-20',
  unit: '艺术学院工会',
};
const person = { ...team, winnerType: '个人', winner: '李四', staffNo: '20180011' };

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  validateRow(awards, { cells, headers }, c);
const messages = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  run(cells, headers, c).issues.map((i) => i.message);

describe('awards: a valid row', () => {
  it('a team result', () => {
    const v = run(team);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toEqual({
      competition: '重庆市教职工舞蹈大赛',
      organiser: null,
      level: '市级',
      event: null,
      group: null,
      result: '三等奖',
      winnerType: '集体',
      winner: '艺术学院教职工舞蹈队',
      staffNo: null,
      date: '2023-11-20',
      theme: null,
      unit: 'arts',
      remarks: null,
    });
  });

  it('an individual result with every column', () => {
    const v = run({
      ...person,
      organiser: '重庆市教育工会',
      event: '现代舞',
      group: '教育系统组',
      theme: '中国梦·劳动美',
      remarks: '独舞',
    });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({ winnerType: '个人', staffNo: '20180011', event: '现代舞' });
  });
});

describe('awards: headers and aliases (§3.5)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = awards.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(all('competition')).toEqual(['比赛名称', '赛事名称', '竞赛名称']);
    expect(all('organiser')).toEqual(['主办单位', '主办方']);
    expect(all('level')).toEqual(['比赛级别', '级别']);
    expect(all('event')).toEqual(['项目', '比赛项目']);
    expect(all('group')).toEqual(['组别', '参赛组别']);
    expect(all('result')).toEqual(['获奖等次', '奖项', '获奖情况', '名次']);
    expect(all('winnerType')).toEqual(['获奖类型', '集体/个人']);
    expect(all('winner')).toEqual(['获奖者', '获奖单位/个人', '获奖集体']);
    expect(all('staffNo')).toEqual(['工号', '职工号', '教工号', '人员编号', '工作证号']);
    expect(all('date')).toEqual(['获奖日期', '日期']);
    expect(all('theme')).toEqual(['活动主题', '主题']);
    expect(f.unit.header).toBe('所属工会');
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
    expect(f.staffNo.required).toBe(false);
    expect(awards.scope).toBe('unit');
    expect(awards.primaryDate).toBe('date');
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...team, result: '第一' }, { result: '名次' })).toEqual([
      '「名次」格式不正确（示例：三等奖、第八名）',
    ]);
    expect(messages({ ...person, staffNo: '' }, { staffNo: '职工号' })).toEqual([std.required('职工号')]);
    expect(messages({ ...team, winner: '' }, { winner: '获奖单位/个人' })).toEqual([
      std.required('获奖单位/个人'),
    ]);
  });
});

describe('awards: required fields and std messages', () => {
  it.each(['competition', 'level', 'result', 'winnerType', 'winner', 'date', 'unit'] as const)(
    '%s is required',
    (key) => {
      expect(messages({ ...team, [key]: '' })).toEqual([std.required(awards.fields[key].header)]);
    },
  );

  it('std messages', () => {
    expect(messages({ ...team, level: '省级' })).toEqual([
      `「比赛级别」只能填写：${AWARD_LEVELS.join('、')}`,
    ]);
    expect(messages({ ...team, winnerType: '团体' })).toEqual(['「获奖类型」只能填写：集体、个人']);
    expect(messages({ ...team, date: '2023/11/31' })).toEqual([
      '「获奖日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...team, competition: '赛'.repeat(101) })).toEqual(['「比赛名称」不能超过100个字']);
    expect(messages({ ...team, organiser: '办'.repeat(41) })).toEqual(['「主办单位」不能超过40个字']);
    expect(messages({ ...team, event: '项'.repeat(41) })).toEqual(['「项目」不能超过40个字']);
    expect(messages({ ...team, group: '组'.repeat(41) })).toEqual(['「组别」不能超过40个字']);
    expect(messages({ ...team, winner: '队'.repeat(61) })).toEqual(['「获奖者」不能超过60个字']);
    expect(messages({ ...team, theme: '题'.repeat(61) })).toEqual(['「活动主题」不能超过60个字']);
    expect(messages({ ...team, staffNo: '李' })).toEqual(['「工号」格式不正确：应为4至12位字母或数字']);
    expect(messages({ ...team, unit: '火星学院' })).toEqual(['「所属工会」“火星学院”不在单位名单中']);
  });
});

describe('awards: 获奖等次 format', () => {
  it.each([
    '特等奖',
    '一等奖',
    '二等奖',
    '三等奖',
    '优秀奖',
    '金奖',
    '银奖',
    '铜奖',
    '优秀组织奖',
    '第1名',
    '第8名',
    '第12名',
    '第１２名',
    '第一名',
    '第八名',
    '第十名',
    '第十一名',
    '第十九名',
    '第二十名',
  ])('%s is accepted', (result) => {
    expect(messages({ ...team, result })).toEqual([]);
  });

  it.each([
    '三等',
    '3等奖',
    '第0名',
    '第二十一名',
    '第三十名',
    '第名',
    '第一二名',
    '一等奖（团体）',
    '入围',
    '第八',
  ])('%s is refused', (result) => {
    expect(run({ ...team, result }).issues).toEqual([
      {
        field: 'result',
        severity: 'error',
        code: 'text.format',
        message: '「获奖等次」格式不正确（示例：三等奖、第八名）',
      },
    ]);
  });

  it('the pattern is exported for templates', () => {
    expect(AWARD_RESULT.test('第八名')).toBe(true);
  });
});

describe('awards: rules of §3.5', () => {
  it('an individual needs a 工号', () => {
    expect(run({ ...person, staffNo: '' }).issues).toEqual([
      { field: 'staffNo', severity: 'error', code: 'awards.staffNoRequired', message: '「工号」不能为空' },
    ]);
    expect(messages({ ...team, staffNo: '' })).toEqual([]);
  });

  it('an invalid 工号 is not also missing', () => {
    expect(messages({ ...person, staffNo: '1' })).toEqual(['「工号」格式不正确：应为4至12位字母或数字']);
  });

  it('an individual winner is checked against the roster', () => {
    expect(run({ ...person, staffNo: '99990000' }).issues).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号99990000不在会员名册中',
      },
    ]);
    expect(run({ ...person, winner: '李思' }).issues).toEqual([
      {
        field: 'winner',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：李四）',
      },
    ]);
  });

  it('a team is not a person: no roster check', () => {
    expect(messages({ ...team, staffNo: '20180011' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RawRow, type ValidationContext } from './define.js';
import { ideas } from './ideas.js';
import type { Issue } from './issue.js';
import type { RosterEntry } from './roster.js';

const roster = new Map<string, RosterEntry>([
  [
    '20150032',
    {
      staffNo: '20150032',
      name: '张三',
      unit: 'mech-info',
      gender: '男',
      birthMonth: null,
      joinDate: '2015-09-01',
      leaveDate: null,
      status: '在会',
      isRep: false,
      staffType: null,
      childrenUnder14: null,
    },
  ],
]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const golden = {
  no: 'JDZ-01',
  title: '教学楼节能灯改造',
  staffNo: '20150032',
  name: '张三',
  unit: '机电学院工会',
  category: '节能降耗',
  submitDate: '2023-09-12',
  content: '将教学楼走廊灯更换为声控节能灯',
  result: '金点子',
  reward: '2,000.00元',
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>, c: ValidationContext = ctx) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(ideas, raw, c);
}

const messages = (issues: Issue[]): string[] => issues.map((i) => i.message);

describe('ideas', () => {
  it('accepts a valid row', () => {
    const v = check(golden);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({
      unit: 'mech-info',
      result: '金点子',
      reward: 200000,
      category: '节能降耗',
    });
    expect(ideas.scope).toBe('school');
  });

  it('defaults the result to 未评审', () => {
    const v = check({ ...golden, result: null, reward: null });
    expect(v.issues).toEqual([]);
    expect(v.fields?.result).toBe('未评审');
  });

  it.each([
    ['title', '点子名称'],
    ['staffNo', '工号'],
    ['name', '姓名'],
    ['unit', '所属工会'],
    ['submitDate', '提交日期'],
  ] as const)('%s is required', (key, header) => {
    const v = check({ ...golden, [key]: null });
    expect(v.issues).toContainEqual({
      field: key,
      severity: 'error',
      code: 'required',
      message: `「${header}」不能为空`,
    });
  });

  it('declares the aliases of §3.8, each binding one field', () => {
    expect(ideas.fields.no.aliases).toContain('编号');
    expect(ideas.fields.title.aliases).toEqual(expect.arrayContaining(['金点子名称', '建议题目', '标题']));
    expect(ideas.fields.name.aliases).toContain('提出人');
    expect(ideas.fields.category.aliases).toContain('点子类别');
    expect(ideas.fields.submitDate.aliases).toContain('征集日期');
    expect(ideas.fields.content.aliases).toContain('内容摘要');
    expect(ideas.fields.result.aliases).toContain('评选结果');
    expect(ideas.fields.reward.aliases).toContain('奖金');
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(ideas.fields))
      for (const h of [f.header, ...f.aliases])
        owners.set(normalizeHeader(h), (owners.get(normalizeHeader(h)) ?? new Set<string>()).add(key));
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('names the header as typed', () => {
    const v = check({ ...golden, name: null }, { name: '提出人' });
    expect(messages(v.issues)).toEqual(['「提出人」不能为空']);
  });

  it.each([
    ['category', '「类别」只能填写：教学改革、管理服务、校园建设、节能降耗、师生生活、其他'],
    ['result', '「评审结果」只能填写：未评审、未入选、优秀点子、金点子'],
  ])('%s: std enum', (key, message) => {
    expect(check({ ...golden, [key]: '特等奖' }).issues).toContainEqual({
      field: key,
      severity: 'error',
      code: 'enum.invalid',
      message,
    });
  });

  it('checks lengths and amounts', () => {
    expect(messages(check({ ...golden, title: '长'.repeat(61) }).issues)).toEqual([
      '「点子名称」不能超过60个字',
    ]);
    expect(messages(check({ ...golden, content: '长'.repeat(501) }).issues)).toEqual([
      '「主要内容」不能超过500个字',
    ]);
    expect(messages(check({ ...golden, reward: '-100' }).issues)).toEqual(['「奖励金额」不能为负数']);
  });

  it.each(['未评审', '未入选'])('未获评的点子不能填写「奖励金额」 (%s)', (result) => {
    const v = check({ ...golden, result, reward: 500 });
    expect(v.fields).toBeNull();
    expect(v.issues).toEqual([
      {
        field: 'reward',
        severity: 'error',
        code: 'ideas.rewardNotAwarded',
        message: '未获评的点子不能填写「奖励金额」',
      },
    ]);
    expect(messages(check({ ...golden, result, reward: 500 }, { reward: '奖金' }).issues)).toEqual([
      '未获评的点子不能填写「奖金」',
    ]);
  });

  it('accepts a reward for 优秀点子, and a zero reward for any result', () => {
    expect(check({ ...golden, result: '优秀点子', reward: 500 }).issues).toEqual([]);
    expect(check({ ...golden, result: '未入选', reward: 0 }).issues).toEqual([]);
    expect(check({ ...golden, result: null, reward: 500 }).issues).toEqual([
      {
        field: 'reward',
        severity: 'error',
        code: 'ideas.rewardNotAwarded',
        message: '未获评的点子不能填写「奖励金额」',
      },
    ]);
  });

  it('checks the person against the roster', () => {
    expect(check({ ...golden, staffNo: '20990001' }).issues).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号20990001不在会员名册中',
      },
    ]);
    expect(check({ ...golden, name: '张叁' }).issues).toEqual([
      {
        field: 'name',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：张三）',
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RawRow, type ValidationContext } from './define.js';
import type { Issue } from './issue.js';
import { meetings } from './meetings.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15' };

const congress = {
  meeting: '第二届教代会暨第一届工代会第二次会议',
  type: '双代会',
  date: '2023-03-24',
  item: '学校工作报告',
  itemType: '工作报告',
  action: '听取审议',
  expected: 150,
  present: 138,
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(meetings, raw, ctx);
}

const messages = (issues: Issue[]): string[] => issues.map((i) => i.message);
const quorum = {
  field: 'present',
  severity: 'warning',
  code: 'meetings.quorum',
  message: '出席代表不足三分之二',
};

describe('meetings', () => {
  it('accepts a valid row, under the school unit', () => {
    const v = check(congress);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({ type: '双代会', expected: 150, present: 138, unit: 'school' });
    expect(meetings.scope).toBe('school');
  });

  it('keeps a unit column when the sheet has one', () => {
    expect(check({ ...congress, unit: '校工会' }).fields?.unit).toBe('school');
  });

  it.each([
    ['meeting', '会议名称'],
    ['type', '会议类型'],
    ['date', '会议日期'],
    ['item', '议题'],
    ['itemType', '议题类型'],
  ] as const)('%s is required', (key, header) => {
    expect(check({ ...congress, [key]: '' }).issues).toEqual([
      { field: key, severity: 'error', code: 'required', message: `「${header}」不能为空` },
    ]);
  });

  it('declares the aliases of §3.9, each binding one field', () => {
    expect(meetings.fields.meeting.aliases).toContain('会议');
    expect(meetings.fields.type.aliases).toContain('类型');
    expect(meetings.fields.date.aliases).toContain('日期');
    expect(meetings.fields.item.aliases).toEqual(expect.arrayContaining(['审议事项', '议程']));
    expect(meetings.fields.expected.aliases).toContain('应到人数');
    expect(meetings.fields.present.aliases).toEqual(expect.arrayContaining(['实到人数', '出席人数']));
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(meetings.fields))
      for (const h of [f.header, ...f.aliases])
        owners.set(normalizeHeader(h), (owners.get(normalizeHeader(h)) ?? new Set<string>()).add(key));
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('names the header as typed', () => {
    expect(messages(check({ ...congress, item: null }, { item: '审议事项' }).issues)).toEqual([
      '「审议事项」不能为空',
    ]);
  });

  it.each([
    ['type', '「会议类型」只能填写：双代会、教代会、工代会、执委会、专门委员会、主席团、其他'],
    ['itemType', '「议题类型」只能填写：工作报告、财务报告、规章制度、方案、选举、其他'],
    ['action', '「审议方式」只能填写：听取审议、讨论、表决通过、通报'],
  ])('%s: std enum', (key, message) => {
    expect(check({ ...congress, [key]: '座谈' }).issues).toEqual([
      { field: key, severity: 'error', code: 'enum.invalid', message },
    ]);
  });

  it('checks lengths, counts and dates', () => {
    expect(messages(check({ ...congress, meeting: '长'.repeat(81) }).issues)).toEqual([
      '「会议名称」不能超过80个字',
    ]);
    expect(messages(check({ ...congress, item: '长'.repeat(101) }).issues)).toEqual([
      '「议题」不能超过100个字',
    ]);
    expect(messages(check({ ...congress, present: '138人' }).issues)).toEqual(['「实到代表数」应为非负整数']);
    expect(messages(check({ ...congress, date: '23-3-24' }).issues)).toEqual([
      '「会议日期」不是有效日期（示例：2023-03-08）',
    ]);
  });

  it.each(['双代会', '教代会', '工代会'])('%s: 出席代表不足三分之二', (type) => {
    const v = check({ ...congress, type, present: 99 });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([quorum]);
    expect(check({ ...congress, type, present: 100 }).issues).toEqual([]);
  });

  it('counts the quorum only for congresses with both counts', () => {
    expect(check({ ...congress, type: '执委会', present: 10 }).issues).toEqual([]);
    expect(check({ ...congress, present: null }).issues).toEqual([]);
    expect(check({ ...congress, expected: null, present: 10 }).issues).toEqual([]);
  });

  it('has no duplicate rule', () => {
    expect(meetings.duplicates ?? []).toEqual([]);
  });
});

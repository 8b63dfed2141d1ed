import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RawRow, type ValidationContext } from './define.js';
import type { Issue } from './issue.js';
import { mailbox } from './mailbox.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-06-15' };

const replied = {
  no: 'XX-2024-01',
  date: '2024-03-04',
  from: '张三',
  staffNo: '20150032',
  subject: '关于图书馆延长开放时间',
  category: '后勤保障',
  dept: '图书馆',
  replyDate: '2024-03-20',
  reply: '已延长至22:00',
  status: '已回复',
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(mailbox, raw, ctx);
}

const messages = (issues: Issue[]): string[] => issues.map((i) => i.message);
const replyDateRequired = {
  field: 'replyDate',
  severity: 'error',
  code: 'mailbox.replyDateRequired',
  message: '已回复的来信须填写「回复日期」',
};

describe('mailbox', () => {
  it('accepts a valid row, under the school unit', () => {
    const v = check(replied);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2024);
    expect(v.fields).toMatchObject({ status: '已回复', unit: 'school', category: '后勤保障' });
    expect(mailbox.scope).toBe('school');
  });

  it('defaults the status to 待处理; an anonymous letter has no sender or 工号', () => {
    const v = check({ date: '2024-03-04', subject: '匿名来信' });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({ status: '待处理', from: null, staffNo: null, unit: 'school' });
  });

  it.each([
    ['date', '收信日期'],
    ['subject', '主题'],
  ] as const)('%s is required', (key, header) => {
    expect(check({ ...replied, [key]: '  ' }).issues).toContainEqual({
      field: key,
      severity: 'error',
      code: 'required',
      message: `「${header}」不能为空`,
    });
  });

  it('declares the aliases of §3.12, each binding one field', () => {
    expect(mailbox.fields.no.aliases).toContain('来信编号');
    expect(mailbox.fields.date.aliases).toContain('来信日期');
    expect(mailbox.fields.from.aliases).toContain('反映人');
    expect(mailbox.fields.subject.aliases).toEqual(expect.arrayContaining(['标题', '事由']));
    expect(mailbox.fields.dept.aliases).toContain('处理部门');
    expect(mailbox.fields.reply.aliases).toContain('回复内容');
    expect(mailbox.fields.status.aliases).toContain('状态');
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(mailbox.fields))
      for (const h of [f.header, ...f.aliases])
        owners.set(normalizeHeader(h), (owners.get(normalizeHeader(h)) ?? new Set<string>()).add(key));
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('std enum, length and 工号 format', () => {
    expect(check({ ...replied, status: '处理中' }).issues).toEqual([
      {
        field: 'status',
        severity: 'error',
        code: 'enum.invalid',
        message: '「办理状态」只能填写：待处理、已转办、已回复、已关闭',
      },
    ]);
    expect(messages(check({ ...replied, category: '学生工作' }).issues)).toEqual([
      '「类别」只能填写：教学科研、人事师资、薪酬福利、后勤保障、校园建设、管理服务、民主管理、其他',
    ]);
    expect(messages(check({ ...replied, subject: '长'.repeat(101) }).issues)).toEqual([
      '「主题」不能超过100个字',
    ]);
    expect(messages(check({ ...replied, staffNo: '12' }).issues)).toEqual([
      '「工号」格式不正确：应为4至12位字母或数字',
    ]);
  });

  it('std order: 回复日期 not before 收信日期', () => {
    expect(check({ ...replied, replyDate: '2024-03-01' }).issues).toEqual([
      {
        field: 'replyDate',
        severity: 'error',
        code: 'mailbox.dateOrder',
        message: '「回复日期」不能早于「收信日期」',
      },
    ]);
    expect(messages(check({ ...replied, replyDate: '2024-03-01' }, { date: '来信日期' }).issues)).toEqual([
      '「回复日期」不能早于「来信日期」',
    ]);
    expect(check({ ...replied, replyDate: '2024-03-04' }).issues).toEqual([]);
  });

  it.each(['已回复', '已关闭'])('%s without 回复日期 → error', (status) => {
    const v = check({ ...replied, status, replyDate: null });
    expect(v.fields).toBeNull();
    expect(v.issues).toEqual([replyDateRequired]);
  });

  it('names the typed header, and leaves a date that failed to parse to its own error', () => {
    expect(messages(check({ ...replied, replyDate: null }, { replyDate: '回复时间' }).issues)).toEqual([
      '已回复的来信须填写「回复时间」',
    ]);
    expect(messages(check({ ...replied, replyDate: '2024-02-30' }).issues)).toEqual([
      '「回复日期」不是有效日期（示例：2023-03-08）',
    ]);
  });

  it('accepts an open letter without a reply date', () => {
    expect(check({ ...replied, status: '已转办', replyDate: null }).issues).toEqual([]);
  });
});

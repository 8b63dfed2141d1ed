import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RawRow, type RowContext, type ValidationContext } from './define.js';
import type { Issue } from './issue.js';
import { participation, type ParticipationRow } from './participation.js';
import type { RosterEntry } from './roster.js';

function member(staffNo: string, name: string, isRep: boolean): RosterEntry {
  return {
    staffNo,
    name,
    unit: 'offices',
    gender: '男',
    birthMonth: null,
    joinDate: '2012-09-01',
    leaveDate: null,
    status: '在会',
    isRep,
    staffType: null,
    childrenUnder14: null,
  };
}

const roster = new Map([
  ['20120015', member('20120015', '王五', true)],
  ['20160021', member('20160021', '赵六', false)],
]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const satIn = {
  date: '2023-03-21',
  staffNo: '20120015',
  name: '王五',
  unit: '机关分工会',
  form: '列席校务会',
  matter: '校长办公会',
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>, c: ValidationContext = ctx) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(participation, raw, c);
}

const messages = (issues: Issue[]): string[] => issues.map((i) => i.message);

describe('participation', () => {
  it('accepts a valid row', () => {
    const v = check(satIn);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({ unit: 'offices', form: '列席校务会', remarks: null });
    expect(participation.scope).toBe('school');
  });

  it.each([
    ['date', '日期'],
    ['staffNo', '工号'],
    ['name', '姓名'],
    ['unit', '所属工会'],
    ['form', '参与形式'],
    ['matter', '事项'],
  ] as const)('%s is required', (key, header) => {
    expect(check({ ...satIn, [key]: null }).issues).toContainEqual({
      field: key,
      severity: 'error',
      code: 'required',
      message: `「${header}」不能为空`,
    });
  });

  it('declares the aliases of §3.10, each binding one field', () => {
    expect(participation.fields.date.aliases).toEqual(expect.arrayContaining(['参与日期', '会议日期']));
    expect(participation.fields.name.aliases).toContain('代表姓名');
    expect(participation.fields.form.aliases).toContain('参与方式');
    expect(participation.fields.matter.aliases).toEqual(expect.arrayContaining(['讨论事项', '会议名称']));
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(participation.fields))
      for (const h of [f.header, ...f.aliases])
        owners.set(normalizeHeader(h), (owners.get(normalizeHeader(h)) ?? new Set<string>()).add(key));
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('names the header as typed', () => {
    expect(messages(check({ ...satIn, matter: '' }, { matter: '讨论事项' }).issues)).toEqual([
      '「讨论事项」不能为空',
    ]);
  });

  it('std enum and length', () => {
    expect(check({ ...satIn, form: '旁听' }).issues).toEqual([
      {
        field: 'form',
        severity: 'error',
        code: 'enum.invalid',
        message: '「参与形式」只能填写：列席校务会、参与文件讨论、参加座谈、民主评议、其他',
      },
    ]);
    expect(messages(check({ ...satIn, matter: '长'.repeat(101) }).issues)).toEqual([
      '「事项」不能超过100个字',
    ]);
  });

  it('{name}不是教代会代表', () => {
    const v = check({ ...satIn, staffNo: '20160021', name: '赵六' });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([
      { field: 'staffNo', severity: 'warning', code: 'participation.notRep', message: '赵六不是教代会代表' },
    ]);
  });

  it('runs the common person checks', () => {
    expect(check({ ...satIn, staffNo: '20990001' }).issues).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号20990001不在会员名册中',
      },
    ]);
    expect(check({ ...satIn, name: '王伍' }).issues).toEqual([
      {
        field: 'name',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：王五）',
      },
    ]);
    expect(
      check({ ...satIn, staffNo: '20160021' }, undefined, { settings: demoSettings, today: '2024-01-15' })
        .issues,
    ).toEqual([]);
  });

  it('duplicate: same person, form, date and matter', () => {
    const [rule] = participation.duplicates ?? [];
    const row = check(satIn).fields as ParticipationRow;
    const rctx: RowContext<typeof participation.fields> = { ...ctx, header: (k) => k, raw: { cells: {} } };
    expect(rule?.code).toBe('participation.duplicate');
    expect(rule?.key(row, 2023)).toBe(rule?.key({ ...row, unit: 'school', remarks: 'x' }, 2023));
    expect(rule?.key(row, 2023)).not.toBe(rule?.key({ ...row, matter: '教代会执委会' }, 2023));
    expect(rule?.key(row, 2023)).not.toBe(rule?.key({ ...row, date: '2023-05-16' }, 2023));
    expect(rule?.key(row, 2023)).not.toBe(rule?.key({ ...row, form: '参加座谈' }, 2023));
    expect(rule?.message(row, rctx, 2023, { sheetRow: 3, fields: row })).toBe(
      '重复登记：王五在2023-03-21的「校长办公会」已登记',
    );
  });
});

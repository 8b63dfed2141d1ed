import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RowContext, type ValidationContext } from './define.js';
import {
  memberDuplicateMessage,
  members,
  memberStoredMessage,
  rosterFromMembers,
  STAFF_TYPES,
  type MembersRow,
} from './members.js';
import { std } from './messages.js';

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15' };

const base = {
  staffNo: '20150032',
  name: '张三',
  unit: '机电学院工会',
  gender: '男',
  birthMonth: '1985-06',
  joinDate: '2015-07-01',
};

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}) =>
  validateRow(members, { cells, headers }, ctx);
const messages = (cells: Cells, headers: Record<string, string> = {}) =>
  run(cells, headers).issues.map((i) => i.message);

describe('members: a valid row', () => {
  it('is typed, with the defaults of §3.1', () => {
    const v = run(base);
    expect(v.issues).toEqual([]);
    expect(v.year).toBeNull();
    expect(v.fields).toEqual({
      staffNo: '20150032',
      name: '张三',
      unit: 'mech-info',
      gender: '男',
      birthMonth: '1985-06',
      department: null,
      staffType: null,
      employment: null,
      joinDate: '2015-07-01',
      status: '在会',
      leaveDate: null,
      isRep: false,
      delegation: null,
      childrenUnder14: null,
      phone: null,
      idLast4: null,
      hardship: null,
      ethnicity: null,
      education: null,
      politics: null,
      migrantWorker: null,
      remarks: null,
    });
  });

  it('a full row', () => {
    const v = run({
      ...base,
      name: '阿依古丽 · 买买提',
      birthMonth: '1985年6月12日',
      department: '电子信息教研室',
      staffType: '专任教师',
      employment: '全职',
      status: '退休',
      leaveDate: '2023/12/31',
      isRep: '是',
      delegation: '机电代表团',
      childrenUnder14: 2,
      phone: 13812345678,
      idLast4: '123X',
      hardship: '否',
      remarks: '返聘',
    });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({
      name: '阿依古丽·买买提',
      birthMonth: '1985-06',
      status: '退休',
      leaveDate: '2023-12-31',
      isRep: true,
      childrenUnder14: 2,
      phone: '13812345678',
      idLast4: '123X',
      hardship: false,
    });
  });
});

describe('members: headers and aliases (§3.1)', () => {
  // DOMAIN.md's aliases first, then those of real forms (docs/aliases.md, issue 18).
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = members.fields;
    const all = (k: keyof typeof f) => [f[k].header, ...f[k].aliases];
    expect(all('staffNo')).toEqual(['工号', '职工号', '教工号', '人员编号', '工作证号']);
    expect(all('name')).toEqual(['姓名', '职工姓名', '会员姓名', '教职工姓名', '中文名']);
    expect(f.unit.header).toBe('所属工会');
    expect(f.unit.aliases).toEqual(
      expect.arrayContaining(['分工会', '所属分工会', '二级工会', '工会名称', '所在单位', '单位']),
    );
    expect(all('gender')).toEqual(['性别']);
    expect(all('birthMonth')).toEqual(['出生年月', '出生日期', '出生年月日']);
    expect(all('department')).toEqual(['部门', '科室', '所在部门', '教研室', '部门名称']);
    expect(all('staffType')).toEqual(['人员类别', '岗位类别', '人员类型']);
    expect(all('employment')).toEqual(['用工形式', '用工性质', '聘用方式']);
    expect(all('joinDate')).toEqual(['入会日期', '入会时间']);
    expect(all('status')).toEqual(['会员状态', '会籍状态', '状态']);
    expect(all('leaveDate')).toEqual(['离会日期', '转出日期', '退休日期', '离职日期']);
    expect(all('isRep')).toEqual(['教代会代表', '是否教代会代表', '是否代表']);
    expect(all('delegation')).toEqual(['代表团', '所在代表团']);
    expect(all('childrenUnder14')).toEqual(['14周岁以下子女数', '子女数', '儿童数']);
    expect(all('phone')).toEqual(['手机号码', '联系电话', '手机', '移动电话', '联系方式', '手机号']);
    expect(all('idLast4')).toEqual([
      '身份证号后四位',
      '身份证号',
      '身份证号码',
      '证件号码',
      '公民身份号码',
      '证件号',
    ]);
    expect(all('hardship')).toEqual(['困难职工建档', '是否困难职工']);
    expect(all('remarks')).toEqual(['备注', '说明', '附注']);
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...base, joinDate: '' }, { joinDate: '入会时间' })).toEqual([std.required('入会时间')]);
    expect(messages({ ...base, status: '退休' }, { leaveDate: '退休日期' })).toEqual([
      '会员状态为“退休”时须填写「退休日期」',
    ]);
    expect(messages({ ...base, isRep: '是' }, { delegation: '所在代表团' })).toEqual([
      '教代会代表须填写「所在代表团」',
    ]);
    expect(messages({ ...base, phone: '123' }, { phone: '联系电话' })).toEqual([
      '「联系电话」应为11位手机号码',
    ]);
    expect(messages({ ...base, gender: '未知' }, { gender: '*性别' })).toEqual(['「性别」只能填写：男、女']);
  });

  it('is the roster ledger: school-scoped write is per unit, no year field', () => {
    expect(members.scope).toBe('unit');
    expect(members.yearField).toBeUndefined();
    expect(members.primaryDate).toBeUndefined();
    expect(members.unitFromRoster).toBeFalsy();
  });
});

describe('members: required fields and std messages', () => {
  it.each(['staffNo', 'name', 'unit', 'gender', 'joinDate'] as const)('%s is required', (key) => {
    expect(messages({ ...base, [key]: '' })).toEqual([std.required(members.fields[key].header)]);
  });

  it('enum messages', () => {
    expect(messages({ ...base, gender: '男性' })).toEqual(['「性别」只能填写：男、女']);
    expect(messages({ ...base, staffType: '教师' })).toEqual([
      `「人员类别」只能填写：${STAFF_TYPES.join('、')}`,
    ]);
    expect(messages({ ...base, employment: '临时' })).toEqual([
      '「用工形式」只能填写：全职、兼职、劳务派遣、退休返聘',
    ]);
    expect(messages({ ...base, status: '在职' })).toEqual([
      '「会员状态」只能填写：在会、转出、退休、离会、去世',
    ]);
  });

  it('date, month, integer, bool, length, phone, 身份证 and 工号 messages', () => {
    expect(messages({ ...base, joinDate: '2015-02-30' })).toEqual([
      '「入会日期」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...base, joinDate: '1949-10-01' })).toEqual([
      '「入会日期」超出合理范围（1950年至2025年）',
    ]);
    expect(messages({ ...base, birthMonth: '1929-12' })).toEqual([
      '「出生年月」超出合理范围（1930年至2024年）',
    ]);
    expect(messages({ ...base, birthMonth: '八五年' })).toEqual([
      '「出生年月」不是有效日期（示例：2023-03-08）',
    ]);
    expect(messages({ ...base, childrenUnder14: '两个' })).toEqual(['「14周岁以下子女数」应为非负整数']);
    expect(messages({ ...base, childrenUnder14: -1 })).toEqual(['「14周岁以下子女数」应为非负整数']);
    expect(messages({ ...base, childrenUnder14: 10 })).toEqual(['「14周岁以下子女数」应为非负整数']);
    expect(messages({ ...base, isRep: '可能' })).toEqual(['「教代会代表」请填写“是”或“否”']);
    expect(messages({ ...base, hardship: '不清楚' })).toEqual(['「困难职工建档」请填写“是”或“否”']);
    expect(messages({ ...base, department: '部'.repeat(41) })).toEqual(['「部门」不能超过40个字']);
    expect(messages({ ...base, remarks: '备'.repeat(201) })).toEqual(['「备注」不能超过200个字']);
    expect(messages({ ...base, phone: '23812345678' })).toEqual(['「手机号码」应为11位手机号码']);
    expect(messages({ ...base, phone: '1381234567' })).toEqual(['「手机号码」应为11位手机号码']);
    expect(messages({ ...base, idLast4: '500101198506121234' })).toEqual([
      '身份证号仅保存后四位，请勿上传完整号码',
    ]);
    expect(messages({ ...base, staffNo: '2015-0032' })).toEqual([
      '「工号」格式不正确：应为4至12位字母或数字',
    ]);
    expect(messages({ ...base, unit: '火星学院' })).toEqual(['「所属工会」“火星学院”不在单位名单中']);
  });

  it('工号 typed as a number keeps no .0', () => {
    expect(run({ ...base, staffNo: 20150032 }).fields?.staffNo).toBe('20150032');
  });
});

describe('members: rules of §3.1', () => {
  it.each(['转出', '退休', '离会', '去世'])('status %s needs a 离会日期', (status) => {
    const v = run({ ...base, status });
    expect(v.issues).toEqual([
      {
        field: 'leaveDate',
        severity: 'error',
        code: 'members.leaveDateRequired',
        message: `会员状态为“${status}”时须填写「离会日期」`,
      },
    ]);
    expect(v.fields).toBeNull();
  });

  it('在会 (also by default) needs no 离会日期', () => {
    expect(messages({ ...base, status: '在会' })).toEqual([]);
    expect(messages({ ...base, status: '' })).toEqual([]);
  });

  it('an invalid 离会日期 is reported once, not also as missing', () => {
    expect(messages({ ...base, status: '转出', leaveDate: '2023-13-01' })).toEqual([
      '「离会日期」不是有效日期（示例：2023-03-08）',
    ]);
  });

  it('离会日期 may not be before 入会日期', () => {
    expect(run({ ...base, status: '转出', leaveDate: '2015-06-30' }).issues).toEqual([
      {
        field: 'leaveDate',
        severity: 'error',
        code: 'members.leaveBeforeJoin',
        message: '「离会日期」不能早于「入会日期」',
      },
    ]);
    expect(messages({ ...base, status: '转出', leaveDate: '2015-07-01' })).toEqual([]);
    expect(
      messages({ ...base, leaveDate: '2015-06-30' }, { leaveDate: '转出日期', joinDate: '入会时间' }),
    ).toEqual(['「转出日期」不能早于「入会时间」']);
  });

  it('a delegate needs a 代表团', () => {
    expect(run({ ...base, isRep: '是' }).issues).toEqual([
      {
        field: 'delegation',
        severity: 'error',
        code: 'members.delegationRequired',
        message: '教代会代表须填写「代表团」',
      },
    ]);
    expect(messages({ ...base, isRep: '否' })).toEqual([]);
    expect(messages({ ...base, isRep: '√', delegation: '机电代表团' })).toEqual([]);
    expect(messages({ ...base, isRep: '是', delegation: '代'.repeat(21) })).toEqual([
      '「代表团」不能超过20个字',
    ]);
  });

  it('the congress check is a summary warning, not a row rule', () => {
    expect(messages({ ...base, isRep: '是', delegation: '机电代表团', staffType: '行政管理' })).toEqual([]);
  });
});

describe('members: duplicates (§3.1, §5.2)', () => {
  const row = (over: Partial<MembersRow>): MembersRow => ({ ...(run(base).fields as MembersRow), ...over });
  const rctx = { header: (k: string) => k, settings: demoSettings } as unknown as RowContext<
    typeof members.fields
  >;
  const [dup] = members.duplicates!;

  it('工号 is unique in the organisation, across units and years', () => {
    expect(members.duplicates).toHaveLength(1);
    expect(dup!.code).toBe('members.duplicate');
    expect(dup!.key(row({}), null)).toBe(dup!.key(row({ unit: 'business', name: '张叁' }), null));
    expect(dup!.key(row({}), 2023)).toBe(dup!.key(row({}), 2024));
    expect(dup!.key(row({}), null)).not.toBe(dup!.key(row({ staffNo: '20150033' }), null));
  });

  it('messages: the rule names the 工号; the builders give the DOMAIN texts', () => {
    expect(dup!.message(row({}), rctx, null, { sheetRow: 3, fields: row({}) })).toBe(
      '工号“20150032”重复（第3行）',
    );
    expect(dup!.message(row({}), rctx, null, { sheetRow: null, fields: row({}) })).toBe(
      '工号“20150032”已在「机电学院工会」名册中登记',
    );
    expect(dup!.namesEarlierRow).toBe(true);
    expect(memberDuplicateMessage('20150032', 3)).toBe('工号“20150032”重复（第3行）');
    expect(memberStoredMessage('20150032', '机电学院工会')).toBe(
      '工号“20150032”已在「机电学院工会」名册中登记',
    );
  });
});

describe('rosterFromMembers', () => {
  it('builds the roster entries other ledgers check against', () => {
    const a = run({ ...base, childrenUnder14: 1, staffType: '专任教师' }).fields!;
    const b = run({
      ...base,
      staffNo: '20100005',
      name: '王五',
      gender: '女',
      birthMonth: '',
      status: '退休',
      leaveDate: '2023-06-30',
      isRep: '是',
      delegation: '机电代表团',
    }).fields!;
    const roster = rosterFromMembers([a, b]);
    expect([...roster.keys()]).toEqual(['20150032', '20100005']);
    expect(roster.get('20150032')).toEqual({
      staffNo: '20150032',
      name: '张三',
      unit: 'mech-info',
      gender: '男',
      birthMonth: '1985-06',
      joinDate: '2015-07-01',
      leaveDate: null,
      status: '在会',
      isRep: false,
      staffType: '专任教师',
      childrenUnder14: 1,
    });
    expect(roster.get('20100005')).toMatchObject({
      gender: '女',
      birthMonth: null,
      status: '退休',
      leaveDate: '2023-06-30',
      isRep: true,
      staffType: null,
      childrenUnder14: null,
    });
  });

  it('the first row of a 工号 wins (the later one is the duplicate)', () => {
    const a = run(base).fields!;
    const b = run({ ...base, name: '张叁', unit: '工商学院' }).fields!;
    const roster = rosterFromMembers([a, b]);
    expect(roster.size).toBe(1);
    expect(roster.get('20150032')).toMatchObject({ name: '张三', unit: 'mech-info' });
  });

  it('an empty ledger is an empty roster', () => {
    expect(rosterFromMembers([]).size).toBe(0);
  });
});

describe('members: the provincial member form (issue 18)', () => {
  const form = { staffNo: '20230101', name: '王伟', unit: '机电学院', gender: '男' };
  const headers = {
    membershipChange: '会籍变化类型',
    membershipChangeDate: '会籍变化日期（格式：yyyy/MM/dd）',
  };

  it.each<[string, Partial<MembersRow>]>([
    ['入会', { joinDate: '2023-09-01', leaveDate: null, status: '在会' }],
    ['转入', { joinDate: '2023-09-01', leaveDate: null, status: '在会' }],
  ])('%s: 会籍变化日期 is the join date', (type, expected) => {
    const v = run({ ...form, membershipChange: type, membershipChangeDate: '2023/09/01' }, headers);
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject(expected);
    expect(v.fields).not.toHaveProperty('membershipChange');
    expect(v.fields).not.toHaveProperty('membershipChangeDate');
  });

  it.each<[string, string]>([
    ['转出', '转出'],
    ['退会', '离会'],
    ['除名', '离会'],
  ])('%s: 会籍变化日期 is the leave date, and the status %s', (type, status) => {
    const v = run(
      { ...form, joinDate: '2015-07-01', membershipChange: type, membershipChangeDate: '2023/11/20' },
      headers,
    );
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({ joinDate: '2015-07-01', leaveDate: '2023-11-20', status });
  });

  it('a typed status and a typed date win over the form’s', () => {
    const v = run({
      ...form,
      joinDate: '2015-07-01',
      status: '退休',
      leaveDate: '2023-10-01',
      membershipChange: '转出',
      membershipChangeDate: '2023-11-20',
    });
    expect(v.fields).toMatchObject({ status: '退休', leaveDate: '2023-10-01' });
  });

  it('a leave row without a join date still needs one', () => {
    const v = run({ ...form, membershipChange: '转出', membershipChangeDate: '2023-11-20' }, headers);
    expect(v.issues.map((i) => i.message)).toEqual([std.required('入会日期')]);
  });

  it('a date without a type is not guessed', () => {
    const v = run({ ...form, membershipChange: null, membershipChangeDate: '2023-09-01' }, headers);
    expect(v.fields).toBeNull();
    expect(v.issues.map((i) => [i.field, i.message])).toEqual([
      [
        'membershipChangeDate',
        '请填写「会籍变化类型」（入会、转入、转出、退会或除名），才能判断「会籍变化日期（格式：yyyy/MM/dd）」是入会还是离会日期',
      ],
      ['joinDate', std.required('入会日期')],
    ]);
  });

  it('an unknown type is the std enum message', () => {
    const v = run({ ...form, membershipChange: '调动', membershipChangeDate: '2023-09-01' }, headers);
    expect(v.issues.map((i) => i.message)).toContain(
      '「会籍变化类型」只能填写：入会、转入、转出、退会、除名',
    );
  });

  it('keeps 民族, 学历, 政治面貌 and 是否农民工会员 as optional fields', () => {
    const v = run({
      ...base,
      ethnicity: '黎族',
      education: '硕士研究生',
      politics: '中共党员',
      migrantWorker: '否',
    });
    expect(v.fields).toMatchObject({
      ethnicity: '黎族',
      education: '硕士研究生',
      politics: '中共党员',
      migrantWorker: false,
    });
    expect(members.headers).toEqual(expect.arrayContaining(['民族', '学历', '政治面貌', '是否农民工会员']));
    expect(members.headers).not.toContain('会籍变化类型');
  });
});

import { describe, expect, it } from 'vitest';
import { demoSettings, settingsSchema, standardsSchema } from '../settings/index.js';
import { validateRow, type RowContext, type ValidationContext } from './define.js';
import { std } from './messages.js';
import type { RosterEntry } from './roster.js';
import { perOccasionCap, welfare, WELFARE_TYPES, type WelfareRow, type WelfareType } from './welfare.js';

const entry = (e: Partial<RosterEntry> & Pick<RosterEntry, 'staffNo' | 'name'>): RosterEntry => ({
  unit: 'mech-info',
  gender: '男',
  birthMonth: null,
  joinDate: '2010-01-01',
  leaveDate: null,
  status: '在会',
  isRep: false,
  staffType: null,
  childrenUnder14: null,
  ...e,
});

const roster = new Map<string, RosterEntry>(
  [
    entry({ staffNo: '20150032', name: '张三', birthMonth: '1985-06', childrenUnder14: 1 }),
    entry({
      staffNo: '20180011',
      name: '李四',
      gender: '女',
      unit: 'business',
      birthMonth: '1990-03',
      childrenUnder14: 0,
    }),
    entry({ staffNo: '20100005', name: '王五', leaveDate: '2023-06-30', status: '退休' }),
  ].map((e) => [e.staffNo, e]),
);

const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

const base = {
  date: '2023-09-28',
  staffNo: '20150032',
  name: '张三',
  unit: '机电学院工会',
  type: '节日慰问',
  festival: '中秋节',
  form: '慰问品',
  amount: 300,
};

type Cells = Record<string, unknown>;
const run = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  validateRow(welfare, { cells, headers }, c);
const messages = (cells: Cells, headers: Record<string, string> = {}, c: ValidationContext = ctx) =>
  run(cells, headers, c).issues.map((i) => i.message);
const errors = (cells: Cells, headers: Record<string, string> = {}) =>
  run(cells, headers).issues.filter((i) => i.severity === 'error');
const warnings = (cells: Cells, headers: Record<string, string> = {}) =>
  run(cells, headers).issues.filter((i) => i.severity === 'warning');

describe('welfare: a valid row', () => {
  it('is stored with its fields typed, amount in 分, unit as id', () => {
    const v = run({ ...base, amount: '1,200.00元', festival: '春节', date: '2023年1月18日', signed: '是' });
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({
      date: '2023-01-18',
      staffNo: '20150032',
      name: '张三',
      unit: 'mech-info',
      type: '节日慰问',
      festival: '春节',
      form: '慰问品',
      amount: 120000,
      signed: true,
      surgery: null,
      reason: null,
      remarks: null,
    });
  });

  it('stores exactly the fields of the schema', () => {
    const v = run(base);
    expect(Object.keys(v.fields!).sort()).toEqual(Object.keys(welfare.fields).sort());
    expect(welfare.schema.safeParse(v.fields).success).toBe(true);
  });
});

describe('welfare: headers and aliases (§3.2)', () => {
  it('declares the headers and aliases of DOMAIN.md', () => {
    const f = welfare.fields;
    expect([f.date.header, ...f.date.aliases]).toEqual(['慰问日期', '日期', '发放日期']);
    expect(f.name.aliases).toEqual(
      expect.arrayContaining(['被慰问人', '慰问对象', '职工姓名', '会员姓名', '教职工姓名']),
    );
    expect([f.staffNo.header, ...f.staffNo.aliases]).toEqual([
      '工号',
      '职工号',
      '教工号',
      '人员编号',
      '工作证号',
    ]);
    expect(f.unit.header).toBe('所属工会');
    expect([...new Set(f.unit.aliases)]).toEqual([
      '所属工会',
      '分工会',
      '所属分工会',
      '二级工会',
      '工会名称',
      '所在单位',
      '单位',
    ]);
    expect([f.type.header, ...f.type.aliases]).toEqual(['慰问类别', '慰问类型', '类别']);
    expect([f.festival.header, ...f.festival.aliases]).toEqual(['节日', '节日名称']);
    expect([f.form.header, ...f.form.aliases]).toEqual(['慰问形式', '发放形式', '方式']);
    expect([f.amount.header, ...f.amount.aliases]).toEqual(['金额', '慰问金额', '金额（元）', '标准']);
    expect([f.batch.header, ...f.batch.aliases]).toEqual(['慰问批次', '批次', '活动名称']);
    expect([f.reason.header, ...f.reason.aliases]).toEqual(['事由', '慰问原因', '情况说明']);
    expect([f.relation.header, ...f.relation.aliases]).toEqual(['亲属关系', '与本人关系']);
    expect([f.surgery.header, ...f.surgery.aliases]).toEqual(['是否手术', '手术']);
    expect([f.handler.header, ...f.handler.aliases]).toEqual(['经办人', '发放人']);
    expect([f.signed.header, ...f.signed.aliases]).toEqual(['本人签收', '签收', '签字']);
    expect([f.remarks.header, ...f.remarks.aliases]).toEqual(['备注', '说明', '附注']);
  });

  it('uses the header as typed in messages', () => {
    expect(messages({ ...base, date: '' }, { date: '发放日期' })).toEqual([std.required('发放日期')]);
    expect(messages({ ...base, festival: '' }, { festival: '节日名称' })).toEqual([
      '节日慰问须填写「节日名称」',
    ]);
    expect(messages({ ...base, amount: 'abc' }, { amount: '慰问金额' })).toEqual([std.amount('慰问金额')]);
  });
});

describe('welfare: required fields and std messages', () => {
  it.each(['date', 'staffNo', 'name', 'type', 'form', 'amount'] as const)('%s is required', (key) => {
    expect(messages({ ...base, [key]: '' })).toContain(std.required(welfare.fields[key].header));
  });

  it('fills a blank unit from the roster by 工号', () => {
    const v = run({ ...base, unit: '' });
    expect(v.issues).toEqual([]);
    expect(v.fields?.unit).toBe('mech-info');
  });

  it('a blank unit of someone not in the roster is the std required error', () => {
    const v = run({ ...base, unit: '', staffNo: '99990000', name: '赵六' });
    expect(v.issues.map((i) => i.message)).toEqual([std.required('所属工会'), std.notInRoster('99990000')]);
    expect(v.fields).toBeNull();
  });

  it('an unknown unit is an error', () => {
    expect(messages({ ...base, unit: '火星学院' })).toEqual(['「所属工会」“火星学院”不在单位名单中']);
  });

  it('std date, amount, enum, bool, length, 工号 messages', () => {
    expect(messages({ ...base, date: '3/8/2023' })).toEqual(['「慰问日期」不是有效日期（示例：2023-03-08）']);
    expect(messages({ ...base, date: '1999-01-01' })).toEqual(['「慰问日期」超出合理范围（2000年至2025年）']);
    expect(messages({ ...base, amount: '壹佰元' })).toEqual(['「金额」请填写阿拉伯数字金额']);
    expect(messages({ ...base, amount: '100.001' })).toEqual(['「金额」最多保留两位小数']);
    expect(messages({ ...base, amount: -100 })).toEqual(['「金额」不能为负数']);
    expect(messages({ ...base, amount: 0 })).toEqual(['「金额」应大于0']);
    expect(messages({ ...base, type: '过年慰问' })).toEqual([
      `「慰问类别」只能填写：${WELFARE_TYPES.join('、')}`,
    ]);
    expect(messages({ ...base, signed: '也许' })).toEqual(['「本人签收」请填写“是”或“否”']);
    expect(messages({ ...base, batch: '批'.repeat(41) })).toEqual(['「慰问批次」不能超过40个字']);
    expect(messages({ ...base, remarks: '备'.repeat(201) })).toEqual(['「备注」不能超过200个字']);
    expect(messages({ ...base, staffNo: '12' })).toEqual(['「工号」格式不正确：应为4至12位字母或数字']);
  });

  it('a date more than 31 days ahead is a warning only', () => {
    const v = run({ ...base, date: '2024-03-01' });
    expect(v.issues).toEqual([
      { field: 'date', severity: 'warning', code: 'date.future', message: '「慰问日期」晚于今天，请核实' },
    ]);
    expect(v.fields).not.toBeNull();
  });
});

describe('welfare: type values and aliases', () => {
  it.each([
    ['住院慰问', '生病住院慰问'],
    ['生病慰问', '生病住院慰问'],
    ['大病慰问', '生病住院慰问'],
    ['丧事慰问', '直系亲属去世慰问'],
    ['亲属去世慰问', '直系亲属去世慰问'],
    ['退休离岗慰问', '退休慰问'],
    ['妇女节慰问', '三八节慰问'],
    ['六一慰问', '儿童节慰问'],
    ['困难慰问', '困难帮扶'],
    ['困难补助', '困难帮扶'],
  ])('%s → %s', (typed, canonical) => {
    const v = run({ ...base, type: typed, festival: '', reason: '住院', relation: '父母', amount: 100 });
    expect(v.fields?.type).toBe(canonical);
  });

  it.each([
    ['春节慰问', '春节'],
    ['中秋慰问', '中秋节'],
    ['端午慰问', '端午节'],
    ['国庆慰问', '国庆节'],
    ['元旦慰问', '元旦'],
  ])('%s is 节日慰问 and sets the festival %s', (typed, festival) => {
    const v = run({ ...base, type: typed, festival: '' });
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({ type: '节日慰问', festival });
  });

  it('a typed festival wins over the one the type names', () => {
    expect(run({ ...base, type: '春节慰问', festival: '元旦' }).fields?.festival).toBe('元旦');
  });
});

describe('welfare: rules of §3.2', () => {
  it('节日慰问 needs a festival', () => {
    const e = errors({ ...base, festival: null });
    expect(e).toEqual([
      {
        field: 'festival',
        severity: 'error',
        code: 'welfare.festivalRequired',
        message: '节日慰问须填写「节日」',
      },
    ]);
  });

  it('a festival that is not statutory', () => {
    expect(messages({ ...base, festival: '圣诞节' })).toEqual([
      '「节日」只能为法定节日：元旦、春节、清明节、劳动节、端午节、中秋节、国庆节',
    ]);
  });

  it('an invalid festival is not also reported as missing', () => {
    expect(errors({ ...base, festival: '圣诞节' })).toHaveLength(1);
  });

  it('节日慰问 is in kind: 慰问金 is an error', () => {
    expect(errors({ ...base, form: '慰问金' })).toEqual([
      {
        field: 'form',
        severity: 'error',
        code: 'welfare.festivalCash',
        message: '节日慰问应发放实物慰问品，不得发放现金、购物卡、代金券',
      },
    ]);
  });

  it.each(['现金', '购物卡', '超市代金券', '储值卡'])(
    'a form containing %s gets the in-kind message',
    (form) => {
      expect(messages({ ...base, form })).toEqual(['节日慰问应发放实物慰问品，不得发放现金、购物卡、代金券']);
    },
  );

  it('any other form is the enum message', () => {
    expect(messages({ ...base, form: '红包' })).toEqual([
      '「慰问形式」只能填写：慰问品、慰问金、蛋糕券、纪念品、提货券',
    ]);
  });

  it('生日慰问 is a cake or a cake voucher', () => {
    const birthday = { ...base, type: '生日慰问', festival: '', date: '2023-06-10', amount: 200 };
    expect(run({ ...birthday, form: '蛋糕券' }).issues).toEqual([]);
    expect(run({ ...birthday, form: '慰问品' }).issues).toEqual([]);
    for (const form of ['慰问金', '纪念品', '提货券'])
      expect(errors({ ...birthday, form })).toEqual([
        {
          field: 'form',
          severity: 'error',
          code: 'welfare.birthdayForm',
          message: '生日慰问可发放蛋糕等实物或蛋糕券',
        },
      ]);
  });

  it.each(['生病住院慰问', '直系亲属去世慰问', '本人去世慰问', '困难帮扶', '送温暖'])(
    '%s needs a 事由',
    (type) => {
      const e = errors({ ...base, type, festival: '', form: '慰问金', relation: '父母', amount: 100 });
      expect(e).toEqual([
        {
          field: 'reason',
          severity: 'error',
          code: 'welfare.reasonRequired',
          message: `「${type}」须填写「事由」`,
        },
      ]);
      expect(
        messages(
          { ...base, type, festival: '', form: '慰问金', relation: '父母', amount: 100 },
          { reason: '情况说明' },
        ),
      ).toEqual([`「${type}」须填写「情况说明」`]);
    },
  );

  it('a 事由 too long is reported once, not also as missing', () => {
    const v = run({
      ...base,
      type: '困难帮扶',
      festival: '',
      form: '慰问金',
      reason: '因'.repeat(101),
      amount: 100,
    });
    expect(v.issues.map((i) => i.message)).toEqual(['「事由」不能超过100个字']);
  });

  it('直系亲属去世慰问 needs the relation', () => {
    const row = {
      ...base,
      type: '直系亲属去世慰问',
      festival: '',
      form: '慰问金',
      reason: '父亲去世',
      amount: 1000,
    };
    expect(errors(row)).toEqual([
      {
        field: 'relation',
        severity: 'error',
        code: 'welfare.relationRequired',
        message: '直系亲属去世慰问须填写「亲属关系」',
      },
    ]);
    expect(messages(row, { relation: '与本人关系' })).toEqual(['直系亲属去世慰问须填写「与本人关系」']);
    expect(messages({ ...row, relation: '兄弟' })).toEqual([
      '「亲属关系」只能填写：配偶、父母、子女、配偶父母',
    ]);
    for (const relation of ['配偶', '父母', '子女']) expect(run({ ...row, relation }).issues).toEqual([]);
  });

  it('配偶父母 only when the setting allows it', () => {
    const row = {
      ...base,
      type: '直系亲属去世慰问',
      festival: '',
      form: '慰问金',
      reason: '岳父去世',
      relation: '配偶父母',
      amount: 1000,
    };
    expect(errors(row)).toEqual([
      {
        field: 'relation',
        severity: 'error',
        code: 'welfare.relationScope',
        message: '「亲属关系」不在慰问范围内（配偶、父母、子女）',
      },
    ]);
    const allowing = settingsSchema.parse({
      ...demoSettings,
      standards: { ...demoSettings.standards, relativeScopeIncludesInLaws: true },
    });
    expect(messages(row, {}, { ...ctx, settings: allowing })).toEqual([]);
  });
});

describe('welfare: per-occasion caps of §5.1', () => {
  const s = demoSettings.standards;
  const cases: [WelfareType, number, Record<string, unknown>][] = [
    ['生日慰问', s.birthday, { form: '蛋糕券', date: '2023-06-10' }],
    ['结婚慰问', s.wedding, {}],
    ['生育慰问', s.birth, {}],
    ['生病住院慰问', s.illness, { reason: '住院' }],
    ['本人去世慰问', s.deathMember, { reason: '病故', form: '慰问金' }],
    ['直系亲属去世慰问', s.deathRelative, { reason: '父亲去世', relation: '父母', form: '慰问金' }],
    ['退休慰问', s.retirement, { form: '纪念品' }],
    ['三八节慰问', s.womensDay, { staffNo: '20180011', name: '李四', unit: '工商学院', date: '2023-03-08' }],
    ['儿童节慰问', s.childrensDay, { date: '2023-06-01' }],
    ['送温暖', s.warmth, { reason: '家庭困难', form: '慰问金' }],
    ['困难帮扶', s.warmth, { reason: '家庭困难', form: '慰问金' }],
  ];

  it('the default caps are those of DOMAIN.md', () => {
    expect(cases.map(([t, cap]) => [t, cap])).toEqual([
      ['生日慰问', 300],
      ['结婚慰问', 1000],
      ['生育慰问', 1000],
      ['生病住院慰问', 500],
      ['本人去世慰问', 2000],
      ['直系亲属去世慰问', 1000],
      ['退休慰问', 1000],
      ['三八节慰问', 200],
      ['儿童节慰问', 200],
      ['送温暖', 2000],
      ['困难帮扶', 2000],
    ]);
  });

  it.each(cases)('%s: up to %i元 is fine, one 分 more is an error', (type, cap, extra) => {
    const row = { ...base, festival: '', type, ...extra };
    expect(run({ ...row, amount: cap }).issues).toEqual([]);
    expect(errors({ ...row, amount: cap + 0.01 })).toEqual([
      {
        field: 'amount',
        severity: 'error',
        code: 'welfare.overCap',
        message: `「${type}」单次金额不得超过${cap}元`,
      },
    ]);
  });

  it('the 生日慰问 message of §5.1', () => {
    expect(
      messages({ ...base, type: '生日慰问', festival: '', form: '蛋糕券', date: '2023-06-10', amount: 301 }),
    ).toEqual(['「生日慰问」单次金额不得超过300元']);
  });

  it('生病住院慰问 with surgery uses the higher cap', () => {
    const row = { ...base, type: '生病住院慰问', festival: '', form: '慰问金', reason: '手术住院' };
    expect(run({ ...row, amount: 1000, surgery: '是' }).issues).toEqual([]);
    expect(messages({ ...row, amount: 1000, surgery: '否' })).toEqual([
      '「生病住院慰问」单次金额不得超过500元',
    ]);
    expect(messages({ ...row, amount: 1000.01, surgery: '是' })).toEqual([
      '「生病住院慰问」单次金额不得超过1000元',
    ]);
  });

  it('节日慰问 has no per-row cap (it is capped per year)', () => {
    expect(run({ ...base, amount: 5000 }).issues).toEqual([]);
    expect(perOccasionCap('节日慰问', false, s)).toBeNull();
  });

  it('caps come from settings', () => {
    const custom = standardsSchema.parse({ birthday: 500, illnessSurgery: 3000 });
    expect(perOccasionCap('生日慰问', false, custom)).toBe(500);
    expect(perOccasionCap('生病住院慰问', true, custom)).toBe(3000);
    expect(perOccasionCap('生病住院慰问', false, custom)).toBe(500);
    const settings = settingsSchema.parse({
      ...demoSettings,
      standards: { ...demoSettings.standards, wedding: 600 },
    });
    expect(
      messages({ ...base, type: '结婚慰问', festival: '', amount: 800 }, {}, { ...ctx, settings }),
    ).toEqual(['「结婚慰问」单次金额不得超过600元']);
  });
});

describe('welfare: person and roster checks', () => {
  it('工号 not in the roster is a warning', () => {
    expect(warnings({ ...base, staffNo: '99990000' })).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号99990000不在会员名册中',
      },
    ]);
  });

  it('a name differing from the roster is a warning', () => {
    expect(warnings({ ...base, name: '张叁' })).toEqual([
      {
        field: 'name',
        severity: 'warning',
        code: 'person.nameMismatch',
        message: '姓名与会员名册不一致（名册为：张三）',
      },
    ]);
  });

  it('no roster, no person checks', () => {
    expect(messages({ ...base, staffNo: '99990000' }, {}, { ...ctx, roster: new Map() })).toEqual([]);
    expect(
      messages({ ...base, staffNo: '99990000' }, {}, { settings: demoSettings, today: '2024-01-15' }),
    ).toEqual([]);
  });

  it('a recipient who is not a member on that date is a warning', () => {
    const row = { ...base, staffNo: '20100005', name: '王五' };
    expect(messages({ ...row, date: '2023-06-29' })).toEqual([]);
    expect(warnings({ ...row, date: '2023-09-28' })).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'welfare.notMember',
        message: '王五在2023-09-28不是在会会员',
      },
    ]);
    expect(messages({ ...base, date: '2009-12-31' })).toEqual(['张三在2009-12-31不是在会会员']);
  });

  it('生日慰问 in another month than the birth month is a warning', () => {
    const row = { ...base, type: '生日慰问', festival: '', form: '蛋糕券', amount: 200 };
    expect(messages({ ...row, date: '2023-06-30' })).toEqual([]);
    expect(warnings({ ...row, date: '2023-07-01' })).toEqual([
      {
        field: 'date',
        severity: 'warning',
        code: 'welfare.birthdayMonth',
        message: '生日慰问月份与会员出生月份不一致',
      },
    ]);
  });

  it('三八节慰问 for a man is a warning', () => {
    const row = { ...base, type: '三八节慰问', festival: '', date: '2023-03-08', amount: 100 };
    expect(warnings(row)).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'welfare.womensDayMale',
        message: '三八节慰问对象应为女教职工',
      },
    ]);
    expect(messages({ ...row, staffNo: '20180011', name: '李四', unit: '工商学院' })).toEqual([]);
  });

  it('儿童节慰问 for a member with no child under 14 is a warning; blank means unknown', () => {
    const row = { ...base, type: '儿童节慰问', festival: '', date: '2023-06-01', amount: 100 };
    expect(messages(row)).toEqual([]);
    expect(warnings({ ...row, staffNo: '20180011', name: '李四', unit: '工商学院' })).toEqual([
      {
        field: 'staffNo',
        severity: 'warning',
        code: 'welfare.noChildren',
        message: '该会员名册中无14周岁以下子女',
      },
    ]);
    expect(messages({ ...row, staffNo: '20100005', name: '王五' })).toEqual([]);
  });

  it('warnings keep the row valid', () => {
    const v = run({ ...base, name: '张叁' });
    expect(v.fields).not.toBeNull();
  });
});

describe('welfare: duplicates of §5.2', () => {
  const row = (over: Partial<WelfareRow>): WelfareRow => ({
    ...(run(base).fields as WelfareRow),
    ...over,
  });
  const rctx = { header: (k: string) => k } as unknown as RowContext<typeof welfare.fields>;
  const [same, festivalTwice, birthdayTwice] = welfare.duplicates!;

  it('lists the rules in the order of DOMAIN.md', () => {
    expect(welfare.duplicates!.map((d) => d.code)).toEqual([
      'welfare.duplicate',
      'welfare.festivalTwice',
      'welfare.birthdayTwice',
    ]);
  });

  it('same 工号 + type + date', () => {
    const a = row({});
    expect(same!.key(a, 2023)).toBe(same!.key(row({ name: '张叁', amount: 100 }), 2023));
    expect(same!.key(a, 2023)).not.toBe(same!.key(row({ date: '2023-09-29' }), 2023));
    expect(same!.key(a, 2023)).not.toBe(same!.key(row({ staffNo: '20180011' }), 2023));
    expect(same!.message(a, rctx, 2023, { sheetRow: 3, fields: a })).toBe(
      '重复登记：张三（20150032）在2023-09-28已登记「节日慰问」',
    );
  });

  it('same 工号 + festival in one year', () => {
    const a = row({});
    expect(festivalTwice!.key(a, 2023)).toBe(festivalTwice!.key(row({ date: '2023-10-01' }), 2023));
    expect(festivalTwice!.key(a, 2023)).not.toBe(festivalTwice!.key(row({ festival: '春节' }), 2023));
    expect(festivalTwice!.key(a, 2023)).not.toBe(festivalTwice!.key(a, 2024));
    expect(festivalTwice!.key(row({ type: '生日慰问', festival: null }), 2023)).toBeNull();
    expect(festivalTwice!.message(a, rctx, 2023, { sheetRow: 3, fields: a })).toBe(
      '张三本年度已登记过中秋节节日慰问',
    );
  });

  it('one 生日慰问 per person per year', () => {
    const b = row({ type: '生日慰问', festival: null, form: '蛋糕券' });
    expect(birthdayTwice!.key(b, 2023)).toBe(birthdayTwice!.key(row({ ...b, date: '2023-12-01' }), 2023));
    expect(birthdayTwice!.key(b, 2023)).not.toBe(birthdayTwice!.key(b, 2024));
    expect(birthdayTwice!.key(row({}), 2023)).toBeNull();
    expect(birthdayTwice!.message(b, rctx, 2023, { sheetRow: 3, fields: b })).toBe(
      '张三本年度已登记生日慰问',
    );
  });
});

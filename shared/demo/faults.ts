import { splitTotal } from './alloc.js';
import { addDays, cnDate, dotDate, dotMonth, jsDate, randomDate, serialDate } from './cellForms.js';
import { DEFAULT_SEED, UNIT_FIGURES } from './figures.js';
import { buildSheet, seq, sheetRowOf, signatureRow, totalRow, type Column } from './layout.js';
import { NamePool, type Gender } from './names.js';
import { StaffNumbers, type Person } from './people.js';
import { Rng } from './prng.js';
import type { DemoExpectedIssue, DemoFault, DemoSheet, DemoWorkbook } from './types.js';
import { canonical, short } from './units.js';

/**
 * DOMAIN.md §8.4: the `demo-faults` fixture. Small workbooks shaped like the clean ones — a
 * roster of 16 members and short ledgers — that hold each deliberate fault exactly once and
 * nothing else wrong. Self-contained: push them (in the order returned, roster first) into
 * an empty organisation. `demoFaultList(seed)` says where each fault is and the exact message.
 */

export interface DemoFaultsOptions {
  seed?: number;
}

/** The workbooks and, for tests, what the system must say about them. */
export interface DemoFaultsFixture {
  workbooks: DemoWorkbook[];
  faults: DemoFault[];
  /**
   * Messages the fixture produces that are not faults: the expense row that first takes
   * 工商学院工会 past its 50102 budget, as in the clean demo, before the fault row takes it further.
   */
  baseline: DemoExpectedIssue[];
}

const BIRTHDAY_AMOUNT = 350;
const FURTHER_EXPENSE = 590;
const BUSINESS_BUDGET = UNIT_FIGURES.find((f) => f.id === 'business')!.budget;
const BUSINESS_ACTUAL = UNIT_FIGURES.find((f) => f.id === 'business')!.actual;
const LIT_NEWS_BUDGET = UNIT_FIGURES.find((f) => f.id === 'lit-news')!.budget;

/** actual ÷ budget in percent with 2 decimals, rounded half-up (as §7.2). */
function rateText(actual: number, budget: number): string {
  const hundredths = Math.floor((actual * 20_000 + budget) / (2 * budget));
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

function overBudget(actual: number): string {
  return `「文体活动支出」已超预算：预算${BUSINESS_BUDGET}元，已支出${actual}元（执行率${rateText(actual, BUSINESS_BUDGET)}%）`;
}

/** A synthetic 18-digit 身份证号 with a valid ISO 7064 check digit (合川区 area code; fake person). */
export function syntheticIdNumber(birthMonth: string, day: number, sequence: number): string {
  const body = `500382${birthMonth.replace('-', '')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const total = [...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return body + '10X98765432'[total % 11];
}

interface FaultPeople {
  all: Person[];
  byUnit: (unit: string) => Person[];
}

/** 16 members: 文新 5, 工商 4, 护理 4 (all women), 机关 3; 6 of them reps. */
function faultRoster(r: Rng): FaultPeople {
  const names = new NamePool(r.fork('names'));
  const numbers = new StaffNumbers(r.fork('numbers'));
  const plan: [string, Gender[], number][] = [
    ['lit-news', ['女', '男', '女', '女', '男'], 2],
    ['business', ['男', '女', '男', '女'], 1],
    ['nursing', ['女', '女', '女', '女'], 1],
    ['offices', ['男', '女', '男'], 2],
  ];
  const all: Person[] = [];
  for (const [unit, genders, reps] of plan) {
    const f = UNIT_FIGURES.find((x) => x.id === unit)!;
    genders.forEach((gender, i) => {
      const birthYear = r.int(1975, 1992);
      const hireYear = r.int(birthYear + 24, 2022);
      const isRep = i < reps;
      all.push({
        staffNo: numbers.draw(hireYear),
        name: names.draw(gender),
        unit,
        gender,
        birthMonth: `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}`,
        department: f.academic ? '学院办公室' : '党政办公室',
        staffType: f.academic && i % 2 === 0 ? '专任教师' : '行政管理',
        employment: '全职',
        joinDate: randomDate(r, `${hireYear}-07-01`, `${hireYear}-12-31`),
        status: '在会',
        leaveDate: null,
        isRep,
        delegation: isRep ? f.delegation : null,
        childrenUnder14: r.int(0, 2),
        phone: `139${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
        idLast4: `${r.int(100, 999)}${r.int(0, 9)}`,
        hardship: false,
      });
    });
  }
  return { all, byUnit: (unit) => all.filter((p) => p.unit === unit) };
}

export function generateDemoFaultsFixture({
  seed = DEFAULT_SEED,
}: DemoFaultsOptions = {}): DemoFaultsFixture {
  const r = new Rng(seed).fork('faults');
  const people = faultRoster(r);
  const faults: DemoFault[] = [];
  const baseline: DemoExpectedIssue[] = [];
  const at = (sheet: DemoSheet, index: number): number => sheetRowOf(sheet, index);

  // ------------------------------------------------------------ roster: a full 身份证号
  const idHolder = people.all[r.int(0, people.all.length - 1)]!;
  const fullId = syntheticIdNumber(idHolder.birthMonth, r.int(1, 28), r.int(100, 999));
  const memberColumns: Column<Person>[] = [
    seq(),
    { header: '*工号', cell: (p) => p.staffNo, format: '@' },
    { header: '*姓名', cell: (p) => p.name },
    { header: '*性别', cell: (p) => p.gender },
    { header: '*所属工会', cell: (p) => canonical(p.unit) },
    { header: '部门', cell: (p) => p.department },
    { header: '人员类别', cell: (p) => p.staffType },
    { header: '出生年月', cell: (p) => dotMonth(p.birthMonth), format: '@' },
    { header: '*入会日期', cell: (p) => jsDate(p.joinDate), format: 'yyyy-mm-dd' },
    { header: '会员状态', cell: (p) => p.status },
    { header: '是否教代会代表', cell: (p) => (p.isRep ? '是' : '否') },
    { header: '代表团', cell: (p) => p.delegation },
    { header: '14周岁以下子女数', cell: (p) => p.childrenUnder14 },
    { header: '手机号码', cell: (p) => p.phone, format: '@' },
    // The header an HR export has; every cell holds the last four but one (§4.6).
    { header: '身份证号', cell: (p) => (p === idHolder ? fullId : p.idLast4), format: '@' },
  ];
  const membersSheet = buildSheet({
    name: '会员名册',
    titleRows: ['工会会员名册（补录）'],
    columns: memberColumns,
    records: people.all,
  });
  faults.push({
    id: 'members.fullIdNumber',
    file: '会员名册.xlsx',
    sheet: membersSheet.name,
    kind: 'members',
    row: at(membersSheet, people.all.indexOf(idHolder)),
    field: 'idLast4',
    header: '身份证号',
    outcome: 'warning',
    description: '会员名册中一行填写了完整的18位身份证号：客户端只上传后四位并提示脱敏，该行仍有效',
    message: '「身份证号」含完整证件号码，仅上传后四位，建议在表格中脱敏',
  });

  // ------------------------------------------------------------ welfare: five faults and two footer rows
  interface W {
    person: Person;
    date: unknown;
    type: string;
    festival: string | null;
    form: string;
    amount: unknown;
    batch: string | null;
    reason: string | null;
    relation: string | null;
  }
  const spring = (p: Person): W => ({
    person: p,
    date: cnDate('2023-01-13'),
    type: '节日慰问',
    festival: '春节',
    form: '慰问品',
    amount: 500,
    batch: '2023年春节慰问',
    reason: null,
    relation: null,
  });
  const lit = people.byUnit('lit-news');
  const business = people.byUnit('business');
  const nursing = people.byUnit('nursing');
  const offices = people.byUnit('offices');
  const springRows = [...lit.slice(0, 3), ...business.slice(0, 3)].map(spring);
  const twice = springRows[r.int(0, springRows.length - 1)]!;
  const cashPerson = offices[0]!;
  const birthdayPerson = nursing[0]!;
  const womensDayPerson = nursing[1]!;
  const deathPerson = offices[1]!;
  const birthdayDate = `2023-${birthdayPerson.birthMonth.slice(5)}-${String(r.int(10, 20))}`;
  const welfareRows: W[] = [
    ...springRows,
    { ...twice },
    {
      ...spring(cashPerson),
      date: cnDate('2023-09-22'),
      festival: '中秋国庆',
      form: '慰问金',
      batch: '2023年中秋国庆慰问',
    },
    {
      person: birthdayPerson,
      date: cnDate(birthdayDate),
      type: '生日慰问',
      festival: null,
      form: '蛋糕券',
      amount: BIRTHDAY_AMOUNT,
      batch: null,
      reason: null,
      relation: null,
    },
    {
      person: womensDayPerson,
      date: '3/8/2023',
      type: '三八节慰问',
      festival: null,
      form: '慰问品',
      amount: 100,
      batch: '2023年三八节慰问',
      reason: null,
      relation: null,
    },
    {
      person: deathPerson,
      date: cnDate(randomDate(r, '2023-04-03', '2023-11-30', true)),
      type: '直系亲属去世慰问',
      festival: null,
      form: '慰问金',
      amount: '壹仟元',
      batch: null,
      reason: '父亲病故',
      relation: '父母',
    },
  ];
  const welfareColumns: Column<W>[] = [
    seq(),
    { header: '*工号', cell: (w) => w.person.staffNo, format: '@' },
    { header: '*姓名', cell: (w) => w.person.name },
    { header: '所属工会', cell: (w) => short(w.person.unit) },
    { header: '慰问类别', cell: (w) => w.type },
    { header: '节日', cell: (w) => w.festival },
    { header: '慰问形式', cell: (w) => w.form },
    { header: '金额（元）', cell: (w) => w.amount },
    { header: '慰问日期', cell: (w) => w.date },
    { header: '慰问批次', cell: (w) => w.batch },
    { header: '事由', cell: (w) => w.reason },
    { header: '亲属关系', cell: (w) => w.relation },
    { header: '本人签收', cell: () => '√' },
  ];
  const welfareSheet = buildSheet({
    name: '慰问台账',
    titleRows: ['2023年慰问台账', '填报单位：校工会  填报日期：2023年12月'],
    columns: welfareColumns,
    records: welfareRows,
    footer: (cols) => [
      totalRow(cols, {
        '金额（元）': welfareRows.reduce((t, x) => t + (typeof x.amount === 'number' ? x.amount : 0), 0),
      }),
      signatureRow(cols, '填表人：校工会办公室    审核人：工会主席'),
    ],
  });
  const wRow = (i: number): number => at(welfareSheet, i);
  const n = springRows.length;
  const w = (
    id: string,
    index: number,
    rest: Omit<DemoFault, 'id' | 'file' | 'sheet' | 'kind' | 'row'>,
  ): void => {
    faults.push({
      id,
      file: '慰问台账.xlsx',
      sheet: welfareSheet.name,
      kind: 'welfare',
      row: wRow(index),
      ...rest,
    });
  };
  w('welfare.duplicateSpringFestival', n, {
    field: 'staffNo',
    header: '工号',
    outcome: 'error',
    description: '同一会员的春节慰问登记了两次（同工号、同类别、同日期），后一行无效',
    message: `重复登记：${twice.person.name}（${twice.person.staffNo}）在2023-01-13已登记「节日慰问」`,
    related: wRow(springRows.indexOf(twice)),
  });
  w('welfare.festivalCash', n + 1, {
    field: 'form',
    header: '慰问形式',
    outcome: 'error',
    description: '节日慰问发放慰问金（现金）',
    message: '节日慰问应发放实物慰问品，不得发放现金、购物卡、代金券',
  });
  w('welfare.birthdayOverCap', n + 2, {
    field: 'amount',
    header: '金额（元）',
    outcome: 'error',
    description: `生日慰问${BIRTHDAY_AMOUNT}元，超过单次300元标准`,
    message: '「生日慰问」单次金额不得超过300元',
  });
  w('welfare.ambiguousDate', n + 3, {
    field: 'date',
    header: '慰问日期',
    outcome: 'error',
    description: '日期写成“3/8/2023”（月日顺序不明）',
    message: '「慰问日期」不是有效日期（示例：2023-03-08）',
  });
  w('welfare.capitalNumerals', n + 4, {
    field: 'amount',
    header: '金额（元）',
    outcome: 'error',
    description: '金额写成大写“壹仟元”',
    message: '「金额（元）」请填写阿拉伯数字金额',
  });
  w('welfare.totalRow', welfareRows.length, {
    field: null,
    header: null,
    outcome: 'ignored',
    description: '合计行：不上传、不标记',
    message: null,
  });
  w('welfare.signatureRow', welfareRows.length + 1, {
    field: null,
    header: null,
    outcome: 'ignored',
    description: '填表人行：不上传、不标记',
    message: null,
  });

  // ------------------------------------------------------------ proposals: 提案人意见 without 答复日期
  const reps = people.all.filter((p) => p.isRep);
  const others = (p: Person): string =>
    reps
      .filter((x) => x !== p)
      .slice(0, 2)
      .map((x) => x.name)
      .join('、');
  interface P {
    no: string;
    title: string;
    proposer: Person;
    review: string;
    reviewNote: string | null;
    leadDept: string | null;
    assignDate: string | null;
    replyDate: string | null;
    feedback: string | null;
    closeDate: string | null;
    status: string | null;
  }
  const proposalRows: P[] = [
    {
      no: '2023-001',
      title: '关于改善教工食堂饭菜质量的建议',
      proposer: reps[0]!,
      review: '立案',
      reviewNote: null,
      leadDept: '后勤管理处',
      assignDate: '2023-04-14',
      replyDate: '2023-05-26',
      feedback: '满意',
      closeDate: '2023-06-09',
      status: '已办结',
    },
    {
      no: '2023-002',
      title: '关于增加校园停车位的建议',
      proposer: reps[1]!,
      review: '转为意见建议',
      reviewNote: null,
      leadDept: null,
      assignDate: null,
      replyDate: null,
      feedback: null,
      closeDate: null,
      status: '转意见建议',
    },
    {
      no: '2023-003',
      title: '关于提高个人住房补贴的建议',
      proposer: reps[2]!,
      review: '不予立案',
      reviewNote: '属个人诉求，不符合立案条件',
      leadDept: null,
      assignDate: null,
      replyDate: null,
      feedback: null,
      closeDate: null,
      status: '不立案',
    },
    {
      no: '2023-004',
      title: '关于延长图书馆开放时间的建议',
      proposer: reps[3]!,
      review: '立案',
      reviewNote: null,
      leadDept: '图书馆',
      assignDate: '2023-04-14',
      replyDate: null,
      feedback: '满意',
      closeDate: null,
      status: null,
    },
  ];
  const d = (iso: string | null): string | null => (iso ? dotDate(iso) : null);
  const proposalColumns: Column<P>[] = [
    { header: '提案编号', cell: (p) => p.no, format: '@' },
    { header: '案由', cell: (p) => p.title },
    { header: '提案人', cell: (p) => p.proposer.name },
    { header: '提案人工号', cell: (p) => p.proposer.staffNo, format: '@' },
    { header: '代表团', cell: (p) => p.proposer.delegation },
    { header: '附议人', cell: (p) => others(p.proposer) },
    { header: '提交日期', cell: () => dotDate('2023-03-10') },
    { header: '审查结果', cell: (p) => p.review },
    { header: '审查日期', cell: () => dotDate('2023-04-07') },
    { header: '不立案理由', cell: (p) => p.reviewNote },
    { header: '承办部门', cell: (p) => p.leadDept },
    { header: '交办日期', cell: (p) => d(p.assignDate) },
    { header: '答复日期', cell: (p) => d(p.replyDate) },
    { header: '提案人意见', cell: (p) => p.feedback },
    { header: '办结日期', cell: (p) => d(p.closeDate) },
    { header: '状态', cell: (p) => p.status },
  ];
  const proposalsSheet = buildSheet({
    name: '提案登记',
    titleRows: ['第二届教代会暨第一届工代会第二次会议提案登记表'],
    columns: proposalColumns,
    records: proposalRows,
  });
  faults.push({
    id: 'proposals.feedbackBeforeReply',
    file: '提案登记表.xlsx',
    sheet: proposalsSheet.name,
    kind: 'proposals',
    row: at(proposalsSheet, 3),
    field: 'feedback',
    header: '提案人意见',
    outcome: 'error',
    description: '立案提案已填写提案人意见，但尚未填写答复日期',
    message: '尚未答复，不能填写「提案人意见」',
  });

  // ------------------------------------------------------------ activities: a 工商学院 row in 文新学院's sheet
  interface A {
    name: string;
    unit: string;
    date: string;
    participants: number;
  }
  const litActs: A[] = [
    {
      name: '教职工趣味运动会',
      unit: 'lit-news',
      date: randomDate(r, '2023-03-06', '2023-04-28'),
      participants: r.int(60, 150),
    },
    {
      name: '“悦读”读书分享会',
      unit: 'lit-news',
      date: randomDate(r, '2023-05-08', '2023-07-07'),
      participants: r.int(40, 90),
    },
    {
      name: '登山健步行',
      unit: 'lit-news',
      date: randomDate(r, '2023-09-04', '2023-11-30'),
      participants: r.int(60, 120),
    },
  ];
  const strayAct: A = {
    name: '教职工气排球比赛',
    unit: 'business',
    date: randomDate(r, '2023-05-08', '2023-06-30'),
    participants: r.int(40, 120),
  };
  const activityRows = [...litActs.slice(0, 2), strayAct, litActs[2]!];
  const activityColumns: Column<A>[] = [
    seq(),
    { header: '活动名称', cell: (a) => a.name },
    { header: '活动类别', cell: () => '文体活动' },
    { header: '活动级别', cell: () => '二级工会' },
    { header: '组织单位', cell: (a) => short(a.unit) },
    { header: '开始日期', cell: (a) => jsDate(a.date), format: 'yyyy"年"m"月"d"日"' },
    { header: '参与人次', cell: (a) => a.participants },
  ];
  const activitiesSheet = buildSheet({
    name: '活动台账',
    titleRows: ['2023年文新学院工会活动台账', '填报单位：文新学院工会'],
    columns: activityColumns,
    records: activityRows,
  });
  faults.push({
    id: 'activities.otherUnitByOfficer',
    file: '活动台账.xlsx',
    sheet: activitiesSheet.name,
    kind: 'activities',
    row: at(activitiesSheet, 2),
    field: 'unit',
    header: '组织单位',
    outcome: 'forbidden',
    description: '文新学院工会的分工会干部推送了一行工商学院工会的数据（admin 推送时该行有效）',
    message: '无权维护「工商学院工会」的数据（本账号所属：文新学院工会）',
    actor: 'officer-lit-news',
  });

  // ------------------------------------------------------------ budget and expenses: further over budget
  const budgetSheet = buildSheet({
    name: '2023年预算',
    titleRows: ['2023年分工会文体活动经费预算'],
    columns: [
      seq(),
      { header: '年度', cell: () => 2023 },
      { header: '预算单位', cell: (b: [string, number]) => canonical(b[0]) },
      { header: '预算科目', cell: () => '50102 文体活动支出' },
      { header: '预算金额', cell: (b: [string, number]) => b[1] },
      { header: '测算依据', cell: (b: [string, number]) => `150元/人×${b[1] / 150}人` },
    ],
    records: [
      ['business', BUSINESS_BUDGET],
      ['lit-news', LIT_NEWS_BUDGET],
    ] as [string, number][],
  });
  interface E {
    date: string;
    summary: string;
    amount: number;
  }
  const costs = splitTotal(r, BUSINESS_ACTUAL, 3, { min: 1_000 });
  const expenseRows: E[] = [
    {
      date: randomDate(r, '2023-03-13', '2023-05-31', true),
      summary: '教职工趣味运动会经费',
      amount: costs[0]!,
    },
    {
      date: randomDate(r, '2023-06-05', '2023-09-29', true),
      summary: '教职工气排球比赛经费',
      amount: costs[1]!,
    },
    { date: randomDate(r, '2023-10-09', '2023-11-30', true), summary: '登山健步行经费', amount: costs[2]! },
  ];
  expenseRows.push({
    date: addDays(expenseRows[2]!.date, r.int(1, 10)),
    summary: '登山健步行追加经费（纪念品）',
    amount: FURTHER_EXPENSE,
  });
  const expensesSheet = buildSheet({
    name: '支出明细账',
    titleRows: ['2023年工会经费支出明细账（工商学院工会）'],
    columns: [
      { header: '日期', cell: (e: E) => serialDate(e.date), format: 'yyyy-mm-dd' },
      { header: '所属工会', cell: () => '工商学院' },
      { header: '支出科目', cell: () => '50102', format: '@' },
      { header: '摘要', cell: (e: E) => e.summary },
      { header: '金额（元）', cell: (e: E) => e.amount },
    ],
    records: expenseRows,
  });
  baseline.push({
    id: 'expenses.overBudget',
    file: '支出明细账.xlsx',
    sheet: expensesSheet.name,
    kind: 'expenses',
    row: at(expensesSheet, 2),
    field: 'amount',
    header: '金额（元）',
    outcome: 'warning',
    description: '与正式演示数据相同：工商学院工会文体活动支出累计超过预算15750元的那一行',
    message: overBudget(BUSINESS_ACTUAL),
  });
  faults.push({
    id: 'expenses.furtherOverBudget',
    file: '支出明细账.xlsx',
    sheet: expensesSheet.name,
    kind: 'expenses',
    row: at(expensesSheet, 3),
    field: 'amount',
    header: '金额（元）',
    outcome: 'warning',
    description: `工商学院工会已超预算后再支出${FURTHER_EXPENSE}元`,
    message: overBudget(BUSINESS_ACTUAL + FURTHER_EXPENSE),
  });

  const workbooks: DemoWorkbook[] = [
    { file: '会员名册.xlsx', sheets: [membersSheet] },
    { file: '慰问台账.xlsx', sheets: [welfareSheet] },
    { file: '活动台账.xlsx', sheets: [activitiesSheet] },
    { file: '提案登记表.xlsx', sheets: [proposalsSheet] },
    { file: '经费预算表.xlsx', sheets: [budgetSheet] },
    { file: '支出明细账.xlsx', sheets: [expensesSheet] },
  ];
  return { workbooks, faults, baseline };
}

/** DOMAIN.md §8.4's fixture: the workbooks only (see `demoFaultList` for the expectations). */
export function generateDemoFaults(options: DemoFaultsOptions = {}): DemoWorkbook[] {
  return generateDemoFaultsFixture(options).workbooks;
}

/** Where each deliberate fault of a seed's fixture is, and the exact message it must produce. */
export function demoFaultList(seed = DEFAULT_SEED): DemoFault[] {
  return generateDemoFaultsFixture({ seed }).faults;
}

const defaultFixture = generateDemoFaultsFixture();

/** The faults of the default seed's fixture (`union-ledger demo --faults`). */
export const DEMO_FAULTS: readonly DemoFault[] = defaultFixture.faults;

/** The non-fault messages of the default seed's fixture. */
export const DEMO_FAULT_BASELINE: readonly DemoExpectedIssue[] = defaultFixture.baseline;

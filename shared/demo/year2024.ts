import { apportion, splitTotal } from './alloc.js';
import { addDays, randomDate } from './cellForms.js';
import { UNIT_FIGURES } from './figures.js';
import { generateBudget, generateExpenses, type BudgetRecord } from './finance.js';
import { departmentOf, phone, type Person } from './people.js';
import type { DemoSheet, DemoWorkbook } from './types.js';
import type { WelfareRecord } from './welfare.js';
import type { DemoBase } from './year.js';
import {
  activitiesWorkbook,
  awardsWorkbook,
  budgetWorkbook,
  checkupsWorkbook,
  enrolmentWorkbook,
  expensesWorkbook,
  homesWorkbook,
  honoursWorkbook,
  ideasWorkbook,
  mailboxWorkbook,
  meetingsWorkbook,
  membersWorkbook,
  participationWorkbook,
  proposalsWorkbook,
  welfareWorkbook,
  type MailboxRecord,
} from './workbooks.js';
import { demoSettings } from '../settings/index.js';

export const NEXT_YEAR = 2024;

/**
 * The second demo year (ADR 0023). No seed report exists for 2024: these are our choices,
 * made so that the year follows from 2023 and carries out the seed's 2024 plan items (§7.3,
 * the report's 二、2024年工作思路): the 代表信箱 opened, 优秀提案 selected, sub-union budgets at
 * 200 元 per member instead of 150, and a higher budget execution rate.
 */
export const PLAN_2024 = {
  /** Members who retire during 2024 (between 1 July and 30 August), none of them a delegate. */
  leavers: 12,
  leaveFrom: '2024-07-01',
  leaveTo: '2024-08-30',
  /** New staff who join on 2 September 2024, apportioned to the units by size. */
  joiners: 30,
  joinDate: '2024-09-02',
  allocationPerMember: 200,
  /** Each sub-union's 2024 execution rate, in ‰ of its 50102 budget. */
  subUnionRates: {
    'lit-news': 960,
    'mech-info': 950,
    business: 990,
    management: 920,
    architecture: 950,
    arts: 930,
    nursing: 880,
    education: 940,
    languages: 850,
    marxism: 860,
    offices: 980,
    logistics: 910,
  } as Readonly<Record<string, number>>,
  mailbox: { received: 18, replied: 16, from: '2024-03-04', to: '2024-11-29' },
  excellentProposals: { count: 5, date: '2024-11-22', docNo: '人文工发〔2024〕18号' },
  congress: {
    name: '第二届教代会暨第一届工代会第三次会议',
    date: '2024-03-22',
    expected: 150,
    present: 141,
    items: [
      ['学校工作报告', '工作报告'],
      ['教代会暨工会工作报告', '工作报告'],
      ['学校财务工作报告', '财务报告'],
      ['2023年工会经费审查报告', '财务报告'],
      ['提案工作报告', '工作报告'],
    ],
  },
  executive: {
    name: '教代会执委会工作会议',
    date: '2024-05-30',
    items: [
      ['教代会代表信箱工作办法', '规章制度'],
      ['优秀提案评选表彰办法', '规章制度'],
      ['二级单位2024年年度考核实施方案', '方案'],
    ],
  },
  /** 职工小家 certified in 2024: the two 创建中 in 2023 (合格) and one upgrade to 先进. */
  homes: [
    { unit: 'languages', grade: '合格', certDate: '2024-06-14' },
    { unit: 'management', grade: '先进', certDate: '2024-10-18' },
    { unit: 'marxism', grade: '合格', certDate: '2024-11-15' },
  ],
} as const;

const MAILBOX_SUBJECTS: readonly [string, string, string][] = [
  ['建议延长图书馆周末开放时间', '后勤保障', '图书馆'],
  ['教职工停车位紧张', '后勤保障', '后勤管理处'],
  ['青年教师周转房申请流程', '后勤保障', '后勤管理处'],
  ['职称评审材料提交时间过紧', '人事师资', '人事处'],
  ['建议增加教职工体检项目', '薪酬福利', '校工会'],
  ['食堂晚餐供应时间', '后勤保障', '后勤管理处'],
  ['实验室设备更新', '教学科研', '教务处'],
  ['校园网夜间速度慢', '校园建设', '党政办公室'],
  ['教职工子女暑期托管', '薪酬福利', '校工会'],
  ['课酬标准调整', '薪酬福利', '财务处'],
  ['教学楼饮水机维护', '后勤保障', '后勤管理处'],
  ['科研经费报销流程', '教学科研', '财务处'],
  ['建议开设教职工瑜伽课', '其他', '校工会'],
  ['班车线路调整', '后勤保障', '后勤管理处'],
  ['二级学院教代会制度建设', '民主管理', '校工会'],
  ['新进教师培训安排', '人事师资', '人事处'],
  ['运动场夜间照明', '校园建设', '后勤管理处'],
  ['提案办理进度公开', '民主管理', '党政办公室'],
];

/** 2023 → 2024 in a text or an ISO date of a record (names of batches, numbers, dates). */
function shiftText(s: string): string {
  return s
    .replace(/^2023-/, '2024-')
    .replace(/2023年/g, '2024年')
    .replace(/2022年/g, '2023年')
    .replace(/JDZ2023/g, 'JDZ2024')
    .replace(/〔2023〕/g, '〔2024〕');
}

/** A record moved one year on: its own texts and dates; the people it names stay who they are. */
function shifted<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record))
    out[k] =
      typeof v === 'string'
        ? shiftText(v)
        : Array.isArray(v)
          ? v.map((x: unknown) => (typeof x === 'string' ? shiftText(x) : x))
          : v;
  return out as T;
}

/**
 * The 2024 workbooks, from the 2023 records of the same seed: the roster carried over with
 * its leavers and joiners, the year's events moved one year on and changed where the plan
 * says. Members and 职工之家 are standing ledgers: their 2024 workbooks hold every row.
 */
export function generateDemoYear2024(b: DemoBase): DemoWorkbook[] {
  const r = b.rng.fork('2024');
  const P = PLAN_2024;
  const { roster, staff } = b;

  // Leavers: not a delegate and named in no 2023 record other than welfare and check-ups.
  const named = new Set<Person>([
    ...b.honours.flatMap((h) => (h.person ? [h.person] : [])),
    ...b.proposals.flatMap((p) => [p.proposer, ...p.seconders]),
    ...b.ideas.map((i) => i.person),
    ...b.enrolment.map((e) => e.person),
    ...b.participation.map((p) => p.person),
    ...b.welfare.individual.filter((w) => w.type === '送温暖').map((w) => w.person),
  ]);
  const leavers = r.sample(
    roster.active.filter((p) => !p.isRep && !p.hardship && !named.has(p)),
    P.leavers,
  );
  const leaveDate = new Map<Person, string>();
  for (const p of leavers) {
    const date = randomDate(r, P.leaveFrom, P.leaveTo, true);
    leaveDate.set(p, date);
  }
  const carried = roster.all.map((p) =>
    leaveDate.has(p) ? { ...p, status: '退休' as const, leaveDate: leaveDate.get(p)! } : p,
  );
  const joinerCounts = apportion(
    P.joiners,
    UNIT_FIGURES.map((f) => f.members),
  );
  const joiners: Person[] = UNIT_FIGURES.flatMap((f, ui) =>
    Array.from({ length: joinerCounts[ui]! }, (): Person => {
      const gender = r.chance(0.55) ? '女' : '男';
      const staffType = f.academic ? '专任教师' : '行政管理';
      return {
        staffNo: roster.numbers.draw(NEXT_YEAR),
        name: roster.names.draw(gender),
        unit: f.id,
        gender,
        birthMonth: `${r.int(1994, 2000)}-${String(r.int(1, 12)).padStart(2, '0')}`,
        department: departmentOf(r, f.id, staffType),
        staffType,
        employment: '全职',
        joinDate: P.joinDate,
        status: '在会',
        leaveDate: null,
        isRep: false,
        delegation: null,
        childrenUnder14: 0,
        phone: phone(r),
        idLast4: null,
        hardship: false,
      };
    }),
  );
  const present = (p: Person, date: string): boolean => !leaveDate.has(p) || date < leaveDate.get(p)!;

  // Welfare: 2023's occasions a year on, none after a member has left; joiners get 中秋国庆.
  // Expenses count the welfare records by their batch names, so they are drawn from the
  // records before the move and moved with them.
  const keep = (w: WelfareRecord): boolean => present(w.person, shiftText(w.date));
  const autumn = b.welfare.festival.find((w) => w.festival === '中秋国庆')!;
  const welfare23 = {
    festival: [
      ...b.welfare.festival.filter(keep),
      ...joiners.map((p) => ({ ...autumn, person: p, handler: r.pick(staff.handlers) })),
    ],
    individual: b.welfare.individual.filter(keep),
  };
  const welfare = {
    festival: welfare23.festival.map(shifted),
    individual: welfare23.individual.map(shifted),
  };

  // Sub-unions spend more of a larger allocation (§7.3).
  const activities23 = b.activities.map((a) => ({ ...a }));
  for (const f of UNIT_FIGURES) {
    const mine = activities23.filter((a) => a.unit === f.id && a.level === '二级工会' && a.cost !== null);
    const budget = P.allocationPerMember * f.members;
    const actual = Math.round((budget * P.subUnionRates[f.id]!) / 10_000) * 10;
    const costs = splitTotal(r, actual, mine.length, { weights: mine.map((a) => a.cost!), min: 1_000 });
    mine.forEach((a, i) => (a.cost = costs[i]!));
  }
  const activities = activities23.map(shifted);
  const expenses = generateExpenses(r, welfare23, activities23).map(shifted);
  const awards = b.awards.map((a) => {
    const s = shifted(a);
    return { ...s, competition: s.competition.replace('第22届', '第23届') };
  });

  const budget: BudgetRecord[] = generateBudget().map((line) => {
    if (line.unit === 'school') return line;
    const f = UNIT_FIGURES.find((u) => u.id === line.unit)!;
    return {
      ...line,
      amount: P.allocationPerMember * f.members,
      basis: `${P.allocationPerMember}元/人×${f.members}人`,
    };
  });

  // 优秀提案: the first proposals (by number) whose proposer was satisfied, one per proposer.
  const proposals = b.proposals.map(shifted);
  const chosen: typeof proposals = [];
  for (const p of proposals)
    if (p.feedback === '满意' && chosen.length < P.excellentProposals.count)
      if (!chosen.some((c) => c.proposer.name === p.proposer.name)) chosen.push(p);
  const honours = [
    ...b.honours.map(shifted),
    ...chosen.map((p) => ({
      title: '优秀提案' as const,
      level: '校级' as const,
      targetType: '个人' as const,
      target: p.proposer.name,
      person: p.proposer,
      unit: p.proposer.unit,
      status: '已授予' as const,
      date: P.excellentProposals.date,
      docNo: P.excellentProposals.docNo,
    })),
  ];

  const reps = roster.active.filter((p) => p.isRep);
  const letters = r.sample(MAILBOX_SUBJECTS, P.mailbox.received);
  const dates = letters.map(() => randomDate(r, P.mailbox.from, P.mailbox.to, true)).sort();
  const mailbox: MailboxRecord[] = letters.map(([subject, category, dept], i) => {
    const from = r.pick(reps);
    const replied = i < P.mailbox.replied;
    const replyDate = replied ? addDays(dates[i]!, r.int(5, 20)) : null;
    return {
      no: `XX2024${String(i + 1).padStart(3, '0')}`,
      date: dates[i]!,
      from: from.name,
      staffNo: from.staffNo,
      subject,
      category,
      dept,
      replyDate,
      reply: replied ? `已转${dept}办理，并答复来信代表` : null,
      status: replied ? '已回复' : '已转办',
    };
  });

  const homes = [
    ...b.homes,
    ...P.homes.map((h) => {
      const base = b.homes.find((x) => x.unit === h.unit)!;
      return {
        ...base,
        grade: h.grade,
        certBody: '校工会',
        certDate: h.certDate,
        haves: [true, true, true, true, true, true],
        pairing: null,
        pairingDate: null,
      };
    }),
  ];

  const books = [
    membersWorkbook([...carried, ...joiners], staff),
    welfareWorkbook(welfare.festival, welfare.individual, staff),
    checkupsWorkbook(
      b.checkups.map(shifted).filter((c) => present(c.person, c.date)),
      demoSettings.checkupInstitution,
      staff,
    ),
    activitiesWorkbook(activities, staff),
    awardsWorkbook(awards),
    honoursWorkbook(honours),
    proposalsWorkbook(proposals),
    ideasWorkbook(b.ideas.map(shifted)),
    meetingsWorkbook(P.congress, P.executive),
    participationWorkbook(b.participation.map(shifted)),
    enrolmentWorkbook(b.enrolment.map(shifted)),
    mailboxWorkbook(mailbox),
    homesWorkbook(homes),
    budgetWorkbook(budget),
    expensesWorkbook(expenses, staff),
  ];
  return books.map((book) => ({ ...book, sheets: book.sheets.map(sheetOf2024) }));
}

/** Titles, footers and sheet names of 2024, and the 年度 column. */
function sheetOf2024(sheet: DemoSheet): DemoSheet {
  const year = sheet.headers.findIndex((h) => h.replace(/\*/g, '') === '年度');
  return {
    ...sheet,
    name: shiftText(sheet.name),
    titleRows: sheet.titleRows.map(shiftText),
    ...(sheet.footerRows
      ? {
          footerRows: sheet.footerRows.map((row) =>
            row.map((c) => (typeof c === 'string' ? shiftText(c) : c)),
          ),
        }
      : {}),
    rows:
      year < 0
        ? sheet.rows
        : sheet.rows.map((row) => row.map((c, i) => (i === year && (c === 2023 || c === '2023') ? 2024 : c))),
  };
}

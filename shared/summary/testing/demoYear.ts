import { fen, stored, times } from './rows.js';
import type { StoredRow } from '../rows.js';

/**
 * A compact 2023 demo year for tests: the rows of DOMAIN.md §8 reduced to what the summary
 * reads, with every count and total of §6 and §8 (names and individual dates are made up).
 */

/** §8.1: id, members, female, check-ups, 二级文体活动, participants, actual (元), 小家 grade, budget (元). */
export const UNITS_2023: [string, number, number, number, number, number, number, string, number][] = [
  ['lit-news', 92, 58, 76, 3, 352, 12_960, '先进', 13_800],
  ['mech-info', 118, 30, 98, 4, 486, 16_420, '先进', 17_700],
  ['business', 105, 57, 87, 3, 398, 16_410, '先进', 15_750],
  ['management', 96, 55, 79, 3, 361, 11_230, '合格', 14_400],
  ['architecture', 88, 35, 73, 3, 327, 12_180, '合格', 13_200],
  ['arts', 84, 50, 69, 3, 342, 11_050, '合格', 12_600],
  ['nursing', 76, 66, 63, 3, 296, 6_120, '先进', 11_400],
  ['education', 72, 48, 60, 3, 281, 9_870, '合格', 10_800],
  ['languages', 64, 47, 53, 2, 204, 5_260, '创建中', 9_600],
  ['marxism', 48, 27, 40, 2, 146, 4_310, '创建中', 7_200],
  ['offices', 121, 58, 100, 4, 612, 17_640, '先进', 18_150],
  ['logistics', 72, 17, 60, 2, 321, 8_930, '合格', 10_800],
];

/** §8.3: the school's lines other than 50105, 50205 and 50102, whose actual comes from the registers. */
const SCHOOL_OTHER: [string, number, number][] = [
  ['50101', 40_000, 31_600],
  ['50103', 30_000, 12_800],
  ['50104', 50_000, 0],
  ['50301', 40_000, 28_500],
  ['50302', 60_000, 52_300],
  ['50304', 150_000, 143_200],
  ['505', 200_000, 165_000],
  ['508', 20_000, 6_000],
];

/** Splits `total` into `n` integer parts, the last absorbing the remainder. */
function split(total: number, n: number): number[] {
  const part = Math.floor(total / n);
  return times(n, (i) => (i === n - 1 ? total - part * (n - 1) : part));
}

const pad = (n: number): string => String(n).padStart(2, '0');

export interface DemoYear {
  members: StoredRow<'members'>[];
  welfare: StoredRow<'welfare'>[];
  checkups: StoredRow<'checkups'>[];
  activities: StoredRow<'activities'>[];
  awards: StoredRow<'awards'>[];
  honours: StoredRow<'honours'>[];
  proposals: StoredRow<'proposals'>[];
  ideas: StoredRow<'ideas'>[];
  meetings: StoredRow<'meetings'>[];
  participation: StoredRow<'participation'>[];
  enrolment: StoredRow<'enrolment'>[];
  mailbox: StoredRow<'mailbox'>[];
  homes: StoredRow<'homes'>[];
  budget: StoredRow<'budget'>[];
  expenses: StoredRow<'expenses'>[];
}

export function demoYear2023(): DemoYear {
  // ---- members: 1,036 在会 + 12 退休 in 2022; 150 reps, 96 of them 专任教师.
  const members: StoredRow<'members'>[] = [];
  let seq = 0;
  for (const [unit, total, female] of UNITS_2023)
    for (let i = 0; i < total; i++) {
      seq++;
      members.push(
        stored('members', {
          staffNo: `2015${String(seq).padStart(4, '0')}`,
          name: `会员${seq}`,
          unit,
          gender: i < female ? '女' : '男',
          joinDate: '2015-09-01',
          staffType: '行政管理',
          childrenUnder14: seq <= 362 ? 1 : 0,
        }),
      );
    }
  let reps = 0;
  for (const [i, m] of members.entries())
    if (i % 6 === 0 && reps < 150) {
      m.fields.isRep = true;
      m.fields.delegation = '代表团';
      if (reps < 96) m.fields.staffType = '专任教师';
      reps++;
    }
  const retired = times(12, (i) =>
    stored('members', {
      staffNo: `1990${String(i).padStart(4, '0')}`,
      name: `退休${i}`,
      unit: 'offices',
      joinDate: '1990-09-01',
      status: '退休',
      leaveDate: '2022-07-01',
    }),
  );

  // ---- welfare: 3,226 rows, 1,310,500 元.
  const welfare: StoredRow<'welfare'>[] = [];
  const give = (
    m: StoredRow<'members'>,
    date: string,
    type: StoredRow<'welfare'>['fields']['type'],
    yuan: number,
    extra = {},
  ) =>
    welfare.push(
      stored('welfare', {
        date,
        staffNo: m.fields.staffNo,
        name: m.fields.name,
        unit: m.unit,
        type,
        festival: null,
        amount: fen(yuan),
        ...extra,
      }),
    );
  for (const m of members) give(m, '2023-01-13', '节日慰问', 500, { festival: '春节' });
  for (const m of members) give(m, '2023-09-22', '节日慰问', 500, { festival: '中秋国庆' });
  for (const m of members.filter((x) => x.fields.gender === '女')) give(m, '2023-03-08', '三八节慰问', 100);
  for (const m of members.slice(0, 362)) give(m, '2023-05-31', '儿童节慰问', 100);
  for (const m of members.slice(0, 62)) give(m, '2023-01-10', '送温暖', 800, { reason: '困难' });
  for (const m of members.slice(100, 158)) give(m, '2023-09-20', '送温暖', 800, { reason: '困难' });
  for (const m of members.slice(200, 238)) give(m, '2023-04-12', '生育慰问', 500);
  for (const m of members.slice(300, 335)) give(m, '2023-06-12', '生病住院慰问', 500, { reason: '住院' });
  for (const m of members.slice(400, 422))
    give(m, '2023-07-12', '生病住院慰问', 1_000, { reason: '手术', surgery: true });
  for (const m of members.slice(500, 529))
    give(m, '2023-08-12', '直系亲属去世慰问', 1_000, { reason: '去世', relation: '父母' });

  // ---- checkups: 858 attended, plus one who did not come.
  const checkups: StoredRow<'checkups'>[] = [];
  let start = 0;
  for (const [unit, total, , n] of UNITS_2023) {
    for (const m of members.slice(start, start + n))
      checkups.push(
        stored('checkups', { staffNo: m.fields.staffNo, name: m.fields.name, unit, date: '2023-10-20' }),
      );
    start += total;
  }
  checkups.push(
    stored('checkups', { staffNo: members[91]!.fields.staffNo, unit: 'lit-news', attended: false }),
  );

  // ---- activities: 57 rows.
  const activities: StoredRow<'activities'>[] = [];
  const expenses: StoredRow<'expenses'>[] = [];
  const activity = (fields: Partial<StoredRow<'activities'>['fields']>) => {
    const a = stored('activities', { cost: null, participants: null, ...fields });
    activities.push(a);
    if (a.fields.cost !== null)
      expenses.push(
        stored('expenses', {
          date: a.fields.startDate,
          unit: a.unit,
          account: '50102',
          summary: a.fields.name,
          amount: a.fields.cost,
        }),
      );
  };
  const schoolSports: [string, string][] = [
    ['三八节女教职工活动', '2023-03-08'],
    ['教职工健步走', '2023-04-06'],
    ['乒乓球比赛', '2023-04-20'],
    ['羽毛球比赛', '2023-05-18'],
    ['“守护童真放飞想象”亲子阅读活动', '2023-05-27'],
    ['“我们的节日”端午节活动', '2023-06-20'],
    ['陆地冰壶比赛', '2023-10-26'],
    ['棋类比赛', '2023-11-16'],
    ['迎新年趣味游园', '2023-12-28'],
  ];
  // School 50102: 268,400 元 = 9 校级 + 4 参加上级 文体活动, one expense row each.
  const schoolCosts = split(268_400 - 4 * 20_000, 9);
  for (const [i, [name, date]] of schoolSports.entries())
    activity({
      name,
      startDate: date,
      level: '校级',
      unit: 'school',
      participants: 120,
      cost: fen(schoolCosts[i]!),
    });
  for (const [i, name] of ['诗词大赛', '舞蹈大赛', '羽毛球赛', '龙舟赛'].entries())
    activity({
      name,
      startDate: `2023-0${i + 5}-15`,
      level: '参加上级',
      unit: 'school',
      participants: 20,
      cost: fen(20_000),
    });
  for (const [unit, , , , n, participants, actual] of UNITS_2023) {
    const people = split(participants, n);
    const costs = split(actual, n);
    for (let i = 0; i < n; i++)
      activity({
        name: `${unit}趣味运动会${i + 1}`,
        startDate: `2023-${pad(3 + i)}-10`,
        level: '二级工会',
        unit,
        participants: people[i]!,
        cost: fen(costs[i]!),
      });
  }
  for (const [i, name] of ['专题讲座', '专题研讨', '座谈交流'].entries())
    activity({ name, category: '思想政治学习', startDate: `2023-0${i + 3}-01` });
  activity({
    name: '提案撰写专题培训',
    category: '代表培训',
    startDate: '2023-12-14',
    host: '重庆科技大学工会常务副主席陈勇',
  });
  activity({
    name: '“科创未来 文筑幸福”联谊活动',
    category: '联谊活动',
    level: '参加上级',
    startDate: '2023-10-21',
  });
  activity({
    name: '2023年“渝见 会聚良缘”联谊活动',
    category: '联谊活动',
    level: '参加上级',
    startDate: '2023-05-20',
  });
  for (const [name, date] of [
    ['赴重庆科技大学学习', '2023-05-10'],
    ['赴重庆工商大学学习', '2023-06-15'],
    ['参观市教科文卫体工会职工之家成果展', '2023-11-03'],
  ])
    activity({ name, category: '干部培训', startDate: date });

  // ---- awards: the 4 external results (§8.2) + 12 校级 (filtered out).
  const awards = [
    stored('awards', {
      competition: '2023年重庆市职工诗词大赛',
      result: '三等奖',
      date: '2023-06-15',
      theme: '中国梦·劳动美——凝心铸魂跟党走 团结奋斗新征程',
    }),
    stored('awards', {
      // As stored: §4.1 made the brackets half-width.
      competition: '重庆市第二届职工文艺展演(电视舞蹈大赛)暨成渝地区双城经济圈职工舞蹈邀请赛',
      event: '现代舞',
      result: '三等奖',
      date: '2023-07-20',
    }),
    stored('awards', {
      competition: '重庆市教科文卫系统职工羽毛球赛',
      group: '教育系统组',
      result: '二等奖',
      date: '2023-09-10',
    }),
    stored('awards', {
      competition: '第22届重庆市“健康校园杯”高校专家教授运动会',
      event: '欢乐龙舟赛',
      result: '第八名',
      date: '2023-10-15',
    }),
    ...times(12, (i) =>
      stored('awards', {
        competition: '校教职工棋类比赛',
        level: '校级',
        result: '一等奖',
        winnerType: '个人',
        winner: `会员${i}`,
        date: '2023-11-16',
      }),
    ),
  ];

  // ---- honours: 3 先进集体, 39 优秀工会会员, 1 三八红旗手 candidate.
  const honours = [
    ...['文新学院工会', '机电学院工会', '机关分工会'].map((target) =>
      stored('honours', {
        title: '工会工作先进集体',
        targetType: '集体',
        target,
        staffNo: null,
        unit: 'school',
      }),
    ),
    ...times(39, (i) => stored('honours', { target: `会员${i + 1}`, staffNo: members[i]!.fields.staffNo })),
    stored('honours', {
      title: '三八红旗手',
      level: '市级',
      status: '推荐',
      date: '2023-02-20',
      unit: 'nursing',
    }),
  ];

  // ---- proposals: 47 = 26 立案 + 16 转意见建议 + 5 不立案.
  const proposals = times(47, (i) => {
    const review = i < 26 ? '立案' : i < 42 ? '转意见建议' : '不立案';
    const accepted = review === '立案';
    const feedback = !accepted ? null : i < 19 ? '满意' : i < 25 ? '基本满意' : '不满意';
    return stored('proposals', {
      no: `2023-${String(i + 1).padStart(3, '0')}`,
      submitDate: '2023-03-10',
      review,
      reviewDate: '2023-04-07',
      reviewNote: review === '不立案' ? '不属于提案范围' : null,
      leadDept: accepted ? '后勤处' : null,
      assignDate: accepted ? '2023-04-14' : null,
      replyDate: accepted ? '2023-05-15' : null,
      feedback,
      closeDate: feedback && feedback !== '不满意' ? '2023-07-01' : null,
    });
  });

  const ideas = times(14, (i) =>
    stored('ideas', {
      title: `点子${i}`,
      submitDate: '2023-09-15',
      result: i === 0 ? '金点子' : i < 4 ? '优秀点子' : '未入选',
      reward: i === 0 ? fen(2_000) : null,
    }),
  );

  const meetings = [
    ...[
      '学校工作报告',
      '教代会暨工会工作报告',
      '学校法治工作报告',
      '学术委员会工作报告',
      '2022年工会经费审查报告',
      '提案工作报告',
    ].map((item, i) =>
      stored('meetings', {
        meeting: '第二届教代会暨第一届工代会第二次会议',
        type: '双代会',
        date: '2023-03-24',
        item,
        itemType: i === 4 ? '财务报告' : '工作报告',
        expected: 150,
        present: 138,
      }),
    ),
    ...['教师系列职称申报评审条件', '教师系列职称申报评审工作管理办法', '二级单位2023年年度考核实施方案'].map(
      (item) => stored('meetings', { item, itemType: '规章制度' }),
    ),
  ];

  const rep = (i: number) => members[i * 6]!;
  const participation = [
    ...['2023-03-21', '2023-05-16', '2023-09-19', '2023-11-21'].flatMap((date, s) =>
      times(4, (k) => {
        const m = rep(((s * 4 + k) % 8) + 10);
        return stored('participation', {
          date,
          staffNo: m.fields.staffNo,
          name: m.fields.name,
          unit: m.unit,
          matter: `校务会${s}`,
        });
      }),
    ),
    ...['本科教学工作合格评估自评报告', '整改报告', '新职称文件'].flatMap((matter, s) =>
      times(3, (k) => {
        const m = rep((s * 3 + k) % 7);
        return stored('participation', {
          date: `2023-0${4 + s}-01`,
          staffNo: m.fields.staffNo,
          name: m.fields.name,
          unit: m.unit,
          form: '参与文件讨论',
          matter,
        });
      }),
    ),
  ];

  const enrolment = [
    stored('enrolment', {
      stage: '小学',
      result: '已落实',
      placedSchool: '合川区某小学',
      placedDate: '2023-08-25',
      coordinator: '合川区教委',
    }),
    stored('enrolment', {
      stage: '幼儿园',
      result: '已落实',
      placedSchool: '合川区某幼儿园',
      placedDate: '2023-08-30',
      coordinator: '合川区教委',
    }),
    stored('enrolment', { stage: '初中', result: '未落实' }),
  ];

  const pairings: Record<string, string> = {
    'lit-news': '重庆科技大学图书馆与职业技术师范学院分工会',
    'mech-info': '重庆科技大学冶金与材料工程学院分工会',
    business: '重庆科技大学石油与天然气工程学院分工会',
  };
  const homes = [
    stored('homes', {
      unit: 'school',
      kind: '职工之家',
      grade: '先进',
      certBody: '重庆市教科文卫体工会',
      certDate: '2023-11-28',
      pairing: '重庆科技大学工会',
    }),
    ...UNITS_2023.map(([unit, , , , , , , grade], i) =>
      grade === '创建中'
        ? stored('homes', { unit, grade: '创建中', certBody: null, certDate: null })
        : stored('homes', {
            unit,
            grade: grade as '合格' | '先进',
            certDate: `${2021 + (i % 3)}-06-01`,
            pairing: pairings[unit] ?? null,
            pairingDate: pairings[unit] ? '2023-05-01' : null,
          }),
    ),
  ];

  // ---- budget (23 lines) and the remaining expense rows.
  const budget = [
    stored('budget', { unit: 'school', account: '50105', amount: fen(1_250_000) }),
    stored('budget', { unit: 'school', account: '50205', amount: fen(100_000) }),
    stored('budget', { unit: 'school', account: '50102', amount: fen(300_000) }),
    ...SCHOOL_OTHER.map(([account, b]) => stored('budget', { unit: 'school', account, amount: fen(b) })),
    ...UNITS_2023.map(([unit, , , , , , , , b]) =>
      stored('budget', { unit, account: '50102', amount: fen(b) }),
    ),
  ];
  expenses.push(
    stored('expenses', {
      date: '2023-01-13',
      unit: 'school',
      account: '50105',
      summary: '春节慰问品',
      amount: fen(518_000),
    }),
    stored('expenses', {
      date: '2023-09-22',
      unit: 'school',
      account: '50105',
      summary: '中秋国庆慰问品',
      amount: fen(518_000),
    }),
    stored('expenses', {
      date: '2023-12-20',
      unit: 'school',
      account: '50105',
      summary: '其他慰问',
      amount: fen(1_214_500 - 1_036_000),
    }),
    stored('expenses', {
      date: '2023-01-10',
      unit: 'school',
      account: '50205',
      summary: '送温暖',
      amount: fen(49_600),
    }),
    stored('expenses', {
      date: '2023-09-20',
      unit: 'school',
      account: '50205',
      summary: '送温暖',
      amount: fen(46_400),
    }),
    ...SCHOOL_OTHER.filter(([, , a]) => a > 0).map(([account, , a]) =>
      stored('expenses', { date: '2023-11-30', unit: 'school', account, amount: fen(a) }),
    ),
  );

  return {
    members: [...members, ...retired],
    welfare,
    checkups,
    activities,
    awards,
    honours,
    proposals,
    ideas,
    meetings,
    participation,
    enrolment,
    mailbox: [],
    homes,
    budget,
    expenses,
  };
}

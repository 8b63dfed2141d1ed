/**
 * The fixed figures of DOMAIN.md §8 that the generator reproduces. The seed never changes
 * anything here. Amounts are whole 元.
 */

export type HomeGrade = '先进' | '合格' | '创建中';

export interface DemoUnitFigures {
  id: string;
  /** The short alias an officer often types instead of the canonical name (§2). */
  short: string;
  /** §8.2: `{unit short name}代表团`. */
  delegation: string;
  members: number;
  female: number;
  checkups: number;
  sports: number;
  participants: number;
  excellentMembers: number;
  home: HomeGrade;
  budget: number;
  actual: number;
  /** Delegates of the unit (Σ 150) and how many of them are 专任教师 (Σ 96). (assumed split) */
  reps: number;
  teacherReps: number;
  /** Academic units have 专任教师; the offices and logistics do not. */
  academic: boolean;
}

const u = (
  id: string,
  short: string,
  delegation: string,
  members: number,
  female: number,
  checkups: number,
  sports: number,
  participants: number,
  excellentMembers: number,
  home: HomeGrade,
  budget: number,
  actual: number,
  reps: number,
  teacherReps: number,
  academic = true,
): DemoUnitFigures => ({
  id,
  short,
  delegation,
  members,
  female,
  checkups,
  sports,
  participants,
  excellentMembers,
  home,
  budget,
  actual,
  reps,
  teacherReps,
  academic,
});

/** §8.1, in settings order. */
export const UNIT_FIGURES: readonly DemoUnitFigures[] = [
  u('lit-news', '文新学院', '文新学院代表团', 92, 58, 76, 3, 352, 4, '先进', 13_800, 12_960, 13, 11),
  u('mech-info', '机电学院', '机电学院代表团', 118, 30, 98, 4, 486, 4, '先进', 17_700, 16_420, 17, 14),
  u('business', '工商学院', '工商学院代表团', 105, 57, 87, 3, 398, 4, '先进', 15_750, 16_410, 15, 12),
  u('management', '管理学院', '管理学院代表团', 96, 55, 79, 3, 361, 4, '合格', 14_400, 11_230, 14, 11),
  u(
    'architecture',
    '建筑学院',
    '建筑与设计学院代表团',
    88,
    35,
    73,
    3,
    327,
    3,
    '合格',
    13_200,
    12_180,
    13,
    10,
  ),
  u('arts', '艺术学院', '艺术学院代表团', 84, 50, 69, 3, 342, 3, '合格', 12_600, 11_050, 12, 10),
  u('nursing', '护理学院', '护理学院代表团', 76, 66, 63, 3, 296, 3, '先进', 11_400, 6_120, 11, 9),
  u('education', '教育学院', '教育学院代表团', 72, 48, 60, 3, 281, 3, '合格', 10_800, 9_870, 10, 8),
  u('languages', '外语学院', '外国语学院代表团', 64, 47, 53, 2, 204, 2, '创建中', 9_600, 5_260, 9, 7),
  u('marxism', '马院', '马克思主义学院代表团', 48, 27, 40, 2, 146, 2, '创建中', 7_200, 4_310, 7, 4),
  u('offices', '机关', '机关代表团', 121, 58, 100, 4, 612, 5, '先进', 18_150, 17_640, 18, 0, false),
  u(
    'logistics',
    '后勤分工会',
    '后勤与图书馆代表团',
    72,
    17,
    60,
    2,
    321,
    2,
    '合格',
    10_800,
    8_930,
    11,
    0,
    false,
  ),
];

export const SCHOOL_SHORT = '校工会';

/** §8.2 members. */
export const RETIRED_IN_2022 = 12;
export const MEMBERS_WITH_CHILDREN = 362;

/** §8.2 welfare: the batches and the individual occasions. */
export const WELFARE = {
  springFestival: { date: '2023-01-13', amount: 500, batch: '2023年春节慰问' },
  midAutumn: { date: '2023-09-22', amount: 500, batch: '2023年中秋国庆慰问' },
  womensDay: { date: '2023-03-08', amount: 100, batch: '2023年三八节慰问' },
  childrensDay: { date: '2023-05-31', amount: 100, batch: '2023年六一儿童节慰问' },
  warmthJanuary: { date: '2023-01-10', count: 62, amount: 800, batch: '2023年元旦春节“双节”送温暖' },
  warmthSeptember: { date: '2023-09-20', count: 58, amount: 800, batch: '2023年中秋国庆“双节”送温暖' },
  birth: { count: 38, amount: 500 },
  illness: { count: 35, amount: 500 },
  illnessSurgery: { count: 22, amount: 1_000 },
  relativeDeath: { count: 29, amount: 1_000 },
} as const;

/** §8.2 activities: the 9 校级 文体活动. */
export const SCHOOL_SPORTS: readonly { name: string; date: string; theme?: string }[] = [
  { name: '三八节女教职工活动', date: '2023-03-08', theme: '女职工' },
  { name: '教职工健步走', date: '2023-04-06' },
  { name: '乒乓球比赛', date: '2023-04-20' },
  { name: '羽毛球比赛', date: '2023-05-18' },
  { name: '“守护童真放飞想象”亲子阅读活动', date: '2023-05-27', theme: '亲子' },
  { name: '“我们的节日”端午节活动', date: '2023-06-20', theme: '我们的节日' },
  { name: '陆地冰壶比赛', date: '2023-10-26' },
  { name: '棋类比赛', date: '2023-11-16' },
  { name: '迎新年趣味游园', date: '2023-12-28' },
];

/** §8.2 awards: the 4 external results (seed); dates assumed, in the seed's order of mention. */
export const EXTERNAL_AWARDS: readonly {
  competition: string;
  organiser: string;
  event?: string;
  group?: string;
  result: string;
  theme?: string;
  date: string;
  team: number;
}[] = [
  {
    competition: '2023年重庆市职工诗词大赛',
    organiser: '重庆市总工会',
    result: '三等奖',
    theme: '中国梦·劳动美——凝心铸魂跟党走 团结奋斗新征程',
    date: '2023-06-16',
    team: 8,
  },
  {
    competition: '重庆市第二届职工文艺展演（电视舞蹈大赛）暨成渝地区双城经济圈职工舞蹈邀请赛',
    organiser: '重庆市总工会',
    event: '现代舞',
    result: '三等奖',
    date: '2023-04-27',
    team: 16,
  },
  {
    competition: '重庆市教科文卫系统职工羽毛球赛',
    organiser: '重庆市教科文卫体工会',
    group: '教育系统组',
    result: '二等奖',
    date: '2023-09-23',
    team: 10,
  },
  {
    competition: '第22届重庆市“健康校园杯”高校专家教授运动会',
    organiser: '重庆市教育委员会',
    event: '欢乐龙舟赛',
    result: '第八名',
    date: '2023-11-04',
    team: 22,
  },
];

export const AWARD_WINNER = '校工会代表队';

/** §8.2 the other school activities (seed names). */
export const POLITICAL_STUDIES: readonly { name: string; date: string; host: string }[] = [
  { name: '学习贯彻党的二十大精神专题讲座', date: '2023-03-16', host: '校党委宣传部' },
  { name: '中国工会十八大精神专题研讨', date: '2023-11-09', host: '校工会' },
  { name: '市委六届二次、三次全会精神座谈交流', date: '2023-07-13', host: '校工会' },
];
export const REP_TRAINING = {
  name: '教代会代表提案撰写专题培训',
  date: '2023-12-14',
  host: '重庆科技大学工会常务副主席陈勇',
};
export const SOCIALS: readonly { name: string; date: string }[] = [
  { name: '2023年“渝见 会聚良缘”联谊活动', date: '2023-05-20' },
  { name: '“科创未来 文筑幸福”联谊活动', date: '2023-10-21' },
];
export const CADRE_STUDIES: readonly { name: string; date: string; venue: string }[] = [
  { name: '赴重庆科技大学学习', date: '2023-06-02', venue: '重庆科技大学' },
  { name: '赴重庆工商大学学习', date: '2023-09-15', venue: '重庆工商大学' },
  { name: '参观市教科文卫体工会职工之家成果展', date: '2023-11-24', venue: '重庆市教科文卫体工会' },
];

/** §8.2 honours. */
export const HONOURS = {
  date: '2023-04-28',
  docNo: '人文工发〔2023〕5号',
  collectives: ['lit-news', 'mech-info', 'offices'],
  redBanner: { date: '2023-02-20', unit: 'nursing' },
} as const;

/** §8.2 proposals. */
export const PROPOSALS = {
  total: 47,
  accepted: 26,
  suggestions: 16,
  rejected: 5,
  satisfied: 19,
  basicallySatisfied: 6,
  dissatisfied: 1,
  submitFrom: '2023-03-06',
  submitTo: '2023-03-20',
  reviewDate: '2023-04-07',
  assignDate: '2023-04-14',
  replyFrom: '2023-05-15',
  replyTo: '2023-06-30',
} as const;

/** §8.2 meetings (seed). */
export const CONGRESS = {
  name: '第二届教代会暨第一届工代会第二次会议',
  date: '2023-03-24',
  expected: 150,
  present: 138,
  items: [
    ['学校工作报告', '工作报告'],
    ['教代会暨工会工作报告', '工作报告'],
    ['学校法治工作报告', '工作报告'],
    ['学术委员会工作报告', '工作报告'],
    ['2022年工会经费审查报告', '财务报告'],
    ['提案工作报告', '工作报告'],
  ] as const,
};
export const EXECUTIVE = {
  name: '教代会执委会工作会议',
  date: '2023-06-08',
  items: [
    ['教师系列职称申报评审条件', '规章制度'],
    ['教师系列职称申报评审工作管理办法', '规章制度'],
    ['二级单位2023年年度考核实施方案', '方案'],
  ] as const,
};

/** §8.2 participation. */
export const SAT_IN_SESSIONS: readonly { date: string; matter: string }[] = [
  { date: '2023-03-21', matter: '学校2023年第4次校务会' },
  { date: '2023-05-16', matter: '学校2023年第9次校务会' },
  { date: '2023-09-19', matter: '学校2023年第17次校务会' },
  { date: '2023-11-21', matter: '学校2023年第22次校务会' },
];
export const CONSULTED_MATTERS: readonly { date: string; matter: string }[] = [
  { date: '2023-04-11', matter: '本科教学工作合格评估自评报告' },
  { date: '2023-10-17', matter: '整改报告' },
  { date: '2023-11-14', matter: '新职称文件' },
];

/** §8.2 homes: the school's home and the pairings of §6. */
export const SCHOOL_HOME = {
  grade: '先进',
  certBody: '重庆市教科文卫体工会',
  certDate: '2023-11-28',
  pairing: '重庆科技大学工会',
} as const;
export const PAIRINGS: Readonly<Record<string, string>> = {
  'lit-news': '重庆科技大学图书馆与职业技术师范学院分工会',
  'mech-info': '重庆科技大学冶金与材料工程学院分工会',
  business: '重庆科技大学石油与天然气工程学院分工会',
};

/** §8.3 school budget lines and actuals, in 元, with the number of expense rows. */
export const SCHOOL_ACCOUNTS: readonly {
  code: string;
  name: string;
  budget: number;
  actual: number;
  rows: number;
}[] = [
  { code: '50105', name: '会员活动支出', budget: 1_250_000, actual: 1_214_500, rows: 128 },
  { code: '50205', name: '送温暖费', budget: 100_000, actual: 96_000, rows: 2 },
  { code: '50102', name: '文体活动支出', budget: 300_000, actual: 268_400, rows: 13 },
  { code: '50101', name: '职工教育支出', budget: 40_000, actual: 31_600, rows: 4 },
  { code: '50103', name: '宣传活动支出', budget: 30_000, actual: 12_800, rows: 3 },
  { code: '50104', name: '劳模职工疗休养支出', budget: 50_000, actual: 0, rows: 0 },
  { code: '50301', name: '培训费', budget: 40_000, actual: 28_500, rows: 3 },
  { code: '50302', name: '会议费', budget: 60_000, actual: 52_300, rows: 2 },
  { code: '50304', name: '专项业务费', budget: 150_000, actual: 143_200, rows: 4 },
  { code: '505', name: '资本性支出', budget: 200_000, actual: 165_000, rows: 2 },
  { code: '508', name: '其他支出', budget: 20_000, actual: 6_000, rows: 1 },
];

/** §7.3: 2023's allocation per sub-union member on 50102. */
export const ALLOCATION_PER_MEMBER = 150;

/** §8.2 ideas. */
export const IDEAS = {
  total: 14,
  golden: 1,
  excellent: 3,
  goldenReward: 2_000,
  reviewDate: '2023-11-20',
} as const;

export const YEAR = 2023;
export const DEFAULT_SEED = 20231231;

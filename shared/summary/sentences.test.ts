import { describe, expect, it } from 'vitest';
import { annualSummarySchema, type AnnualSummary } from './annual.js';
import { draftSentences } from './sentences.js';
import { seedReportCompact } from '../../test/support/seedReport.js';

/** The seed work report (a copy of shared/seed/000_72617d1c3f047e81.txt), whitespace removed. */
const seed = seedReportCompact();

const award = (
  competition: string,
  result: string,
  parts: { event?: string; group?: string; theme?: string } = {},
) => ({
  competition,
  level: '市级',
  event: parts.event ?? null,
  group: parts.group ?? null,
  result,
  date: '2023-06-30',
  theme: parts.theme ?? null,
});

/**
 * The 2023 figures of DOMAIN.md §6, by hand. Names are as stored (half-width brackets, §4.1).
 * The nine 校级 activities are listed so that the six shown are the six the seed names, in
 * the seed's order.
 */
const summary2023: AnnualSummary = {
  year: 2023,
  unit: null,
  members: { total: 1036, female: 548, male: 488, reps: 150, teacherReps: 96, byUnit: [] },
  welfare: { personTimes: 3226, persons: 1036, amount: 1_310_500, byType: [], byUnit: [] },
  checkups: { persons: 858 },
  activities: {
    schoolSports: 9,
    schoolSportsList: [
      ['“我们的节日”端午节活动', '2023-03-08'],
      ['“守护童真放飞想象”亲子阅读活动', '2023-04-06'],
      ['乒乓球', '2023-04-20'],
      ['羽毛球比赛', '2023-05-18'],
      ['陆地冰壶比赛活动', '2023-05-27'],
      ['棋类比赛', '2023-06-20'],
      ['三八节女教职工活动', '2023-10-26'],
      ['教职工健步走', '2023-11-16'],
      ['迎新年趣味游园', '2023-12-28'],
    ].map(([name, date]) => ({ name: name!, date: date! })),
    subUnionSports: 35,
    subUnionParticipants: 4126,
    socials: [
      { name: '2023年“渝见 会聚良缘”联谊活动', date: '2023-05-20' },
      { name: '“科创未来 文筑幸福”联谊活动', date: '2023-10-21' },
    ],
    repTrainings: [{ name: '提案撰写专题培训', date: '2023-12-14', host: '重庆科技大学工会常务副主席陈勇' }],
    cadreStudies: [
      { name: '赴重庆科技大学学习', date: '2023-05-10' },
      { name: '赴重庆工商大学学习', date: '2023-06-15' },
      { name: '参观市教科文卫体工会职工之家成果展', date: '2023-11-03' },
    ],
    politicalStudies: 3,
  },
  awards: {
    themed: [
      award('2023年重庆市职工诗词大赛', '三等奖', { theme: '中国梦·劳动美——凝心铸魂跟党走 团结奋斗新征程' }),
    ],
    external: [
      award('重庆市第二届职工文艺展演(电视舞蹈大赛)暨成渝地区双城经济圈职工舞蹈邀请赛', '三等奖', {
        event: '现代舞',
      }),
      award('重庆市教科文卫系统职工羽毛球赛', '二等奖', { group: '教育系统组' }),
      award('第22届重庆市“健康校园杯”高校专家教授运动会', '第八名', { event: '欢乐龙舟赛' }),
    ],
  },
  enrolment: {
    placed: 2,
    byStage: [
      { stage: '小学', count: 1 },
      { stage: '幼儿园', count: 1 },
    ],
  },
  budget: { total: 2_395_400, actual: 2_150_680, rate: 0.8978 },
  honours: { advancedCollectives: 3, excellentMembers: 39, redBannerCandidates: 1 },
  congress: {
    name: '第二届教代会暨第一届工代会第二次会议',
    date: '2023-03-24',
    reports: [
      '学校工作报告',
      '教代会暨工会工作报告',
      '学校法治工作报告',
      '学术委员会工作报告',
      '2022年工会经费审查报告',
      '提案工作报告',
    ],
    expected: 150,
    present: 138,
  },
  proposals: {
    total: 47,
    accepted: 26,
    suggestions: 16,
    rejected: 5,
    pending: 0,
    replied: 26,
    replyRate: 1,
    satisfied: 19,
    basicallySatisfied: 6,
    dissatisfied: 1,
    closed: 25,
  },
  executive: {
    meetings: ['教代会执委会工作会议'],
    items: ['教师系列职称申报评审条件', '教师系列职称申报评审工作管理办法', '二级单位2023年年度考核实施方案'],
  },
  participation: {
    satIn: 8,
    consulted: 7,
    topics: ['本科教学工作合格评估自评报告', '整改报告', '新职称文件'],
  },
  ideas: { total: 14, golden: 1, excellent: 3 },
  mailbox: { received: 0, replied: 0, replyRate: 0 },
  homes: {
    schoolHome: {
      title: '先进职工之家',
      grade: '先进',
      certBody: '重庆市教科文卫体工会',
      certDate: '2023-11-28',
    },
    qualifiedSmallHomes: 5,
    advancedSmallHomes: 5,
    pairings: [
      { unit: 'school', name: '校工会', school: true, partner: '重庆科技大学工会', date: '2023-11-28' },
      {
        unit: 'lit-news',
        name: '文新学院工会',
        school: false,
        partner: '重庆科技大学图书馆与职业技术师范学院分工会',
        date: null,
      },
      {
        unit: 'mech-info',
        name: '机电学院工会',
        school: false,
        partner: '重庆科技大学冶金与材料工程学院分工会',
        date: null,
      },
      {
        unit: 'business',
        name: '工商学院工会',
        school: false,
        partner: '重庆科技大学石油与天然气工程学院分工会',
        date: null,
      },
    ],
  },
  warnings: [],
};

describe('draftSentences — the 2023 figures', () => {
  const sentences = draftSentences(summary2023);

  it('is built from a valid summary', () => {
    expect(() => annualSummarySchema.parse(summary2023)).not.toThrow();
  });

  it('drafts one sentence per figure of §6, in table order', () => {
    expect(sentences.map((s) => s.key)).toEqual([
      'honours.advancedCollectives',
      'awards.themed',
      'congress',
      'proposals.total',
      'executive.items',
      'participation.satIn',
      'participation.consulted',
      'ideas.total',
      'activities.repTrainings',
      'welfare.personTimes',
      'checkups.persons',
      'activities.socials',
      'enrolment.placed',
      'honours.redBannerCandidates',
      'activities.schoolSports',
      'awards.external',
      'activities.subUnionSports',
      'activities.subUnionParticipants',
      'homes.schoolHome',
      'homes.qualifiedSmallHomes',
      'homes.pairings',
      'activities.cadreStudies',
    ]);
  });

  it.each(draftSentences(summary2023).map((s) => [s.key, s.text]))(
    '%s is worded as the seed report: %s',
    (_k, text) => {
      expect(seed).toContain(text.replace(/\s+/g, ''));
    },
  );

  it('uses the rendering rules (近10, 4000余, 100%, 12月中旬, 等)', () => {
    const text = Object.fromEntries(sentences.map((s) => [s.key, s.text]));
    expect(text['activities.schoolSports']).toBe(
      '先后组织开展了“我们的节日”端午节活动、“守护童真放飞想象”亲子阅读活动、乒乓球、羽毛球比赛、陆地冰壶比赛活动、棋类比赛等文体活动近10场次',
    );
    expect(text['activities.subUnionParticipants']).toBe('参与活动的教职工达4000余人次');
    expect(text['proposals.total']).toBe('共提出提案47件，立案26件，提案答复率为100%');
    expect(text['activities.repTrainings']).toBe(
      '12月中旬，邀请重庆科技大学工会常务副主席陈勇为教代会代表进行了专题培训',
    );
  });
});

describe('draftSentences — other figures', () => {
  it('drafts nothing for figures that are empty, and no school-only sentence for a unit', () => {
    const unit: AnnualSummary = {
      ...summary2023,
      unit: 'mech-info',
      honours: undefined,
      congress: undefined,
      proposals: undefined,
      executive: undefined,
      participation: undefined,
      ideas: undefined,
      mailbox: undefined,
      homes: undefined,
      awards: { themed: [], external: [] },
      enrolment: { placed: 0, byStage: [] },
    };
    const keys = draftSentences(unit).map((s) => s.key);
    expect(keys).toEqual([
      'activities.repTrainings',
      'welfare.personTimes',
      'checkups.persons',
      'activities.socials',
      'activities.schoolSports',
      'activities.subUnionSports',
      'activities.subUnionParticipants',
      'activities.cadreStudies',
    ]);
  });

  it('writes a rate that is not whole with one decimal, and a short activity list without 等', () => {
    const s: AnnualSummary = {
      ...summary2023,
      proposals: { ...summary2023.proposals!, replied: 25, replyRate: 25 / 26 },
      activities: {
        ...summary2023.activities,
        schoolSports: 2,
        schoolSportsList: summary2023.activities.schoolSportsList.slice(0, 2),
      },
    };
    const text = Object.fromEntries(draftSentences(s).map((x) => [x.key, x.text]));
    expect(text['proposals.total']).toBe('共提出提案47件，立案26件，提案答复率为96.2%');
    expect(text['activities.schoolSports']).toBe(
      '先后组织开展了“我们的节日”端午节活动和“守护童真放飞想象”亲子阅读活动文体活动2场次',
    );
  });

  it('words a single topic, pairings of sub-unions only, and a certifying body left blank', () => {
    const s: AnnualSummary = {
      ...summary2023,
      participation: { satIn: 0, consulted: 3, topics: ['新职称文件'] },
      homes: {
        ...summary2023.homes!,
        schoolHome: { title: '模范职工之家', grade: '模范', certBody: null, certDate: '2023-11-28' },
        pairings: summary2023.homes!.pairings.slice(1, 3),
      },
    };
    const text = Object.fromEntries(draftSentences(s).map((x) => [x.key, x.text]));
    expect(text['participation.satIn']).toBeUndefined();
    expect(text['participation.consulted']).toBe('3名教代会代表参与了新职称文件的讨论');
    expect(text['homes.schoolHome']).toBe('顺利通过了“模范职工之家”的创建验收');
    expect(text['homes.pairings']).toBe(
      '文新学院工会与重庆科技大学图书馆与职业技术师范学院分工会和机电学院工会与重庆科技大学冶金与材料工程学院分工会签订了《职工小家“结对共建”协议》',
    );
  });
});

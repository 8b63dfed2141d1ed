import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { annualSummary, annualSummarySchema, type AnnualSummary } from './annual.js';
import type { RowsByKind } from './rows.js';
import { draftSentences } from './sentences.js';
import { demoLedgerSheets, generateDemoYear } from '../demo/index.js';
import { checkSheets, storedRowsOf } from '../sheet/index.js';
import { fen, stored, times } from './testing/rows.js';
import { seedReportCompact } from '../../test/support/seedReport.js';

const seed = seedReportCompact();

/** §8.1: id, members, female. */
const UNITS_2023: [string, number, number][] = [
  ['lit-news', 92, 58],
  ['mech-info', 118, 30],
  ['business', 105, 57],
  ['management', 96, 55],
  ['architecture', 88, 35],
  ['arts', 84, 50],
  ['nursing', 76, 66],
  ['education', 72, 48],
  ['languages', 64, 47],
  ['marxism', 48, 27],
  ['offices', 121, 58],
  ['logistics', 72, 17],
];

describe('annualSummary — the demo year (§6, §8)', () => {
  const rows: RowsByKind = storedRowsOf(
    checkSheets(demoLedgerSheets(generateDemoYear({ year: 2023 })), {
      settings: demoSettings,
      today: '2024-01-15',
    }),
  );
  const s = annualSummary({ rows, settings: demoSettings, year: 2023 });

  it('matches its schema', () => {
    expect(annualSummarySchema.parse(s)).toEqual(s);
  });

  it('reproduces the seed figures of the §6 table', () => {
    expect(s.honours).toEqual({ advancedCollectives: 3, excellentMembers: 39, redBannerCandidates: 1 });
    expect(s.awards.themed.map((a) => [a.competition, a.result])).toEqual([
      ['2023年重庆市职工诗词大赛', '三等奖'],
    ]);
    expect(s.awards.external.map((a) => [a.event, a.group, a.result])).toEqual([
      ['现代舞', null, '三等奖'],
      [null, '教育系统组', '二等奖'],
      ['欢乐龙舟赛', null, '第八名'],
    ]);
    expect(s.congress).toMatchObject({
      name: '第二届教代会暨第一届工代会第二次会议',
      expected: 150,
      present: 138,
    });
    expect(s.congress!.reports).toHaveLength(6);
    expect(s.proposals).toMatchObject({ total: 47, accepted: 26, replyRate: 1 });
    expect(s.executive!.items).toEqual([
      '教师系列职称申报评审条件',
      '教师系列职称申报评审工作管理办法',
      '二级单位2023年年度考核实施方案',
    ]);
    expect(s.participation).toEqual({
      satIn: 8,
      consulted: 7,
      topics: ['本科教学工作合格评估自评报告', '整改报告', '新职称文件'],
    });
    expect(s.ideas).toEqual({ total: 14, golden: 1, excellent: 3 });
    expect(s.activities.repTrainings).toEqual([
      { name: expect.any(String), date: '2023-12-14', host: '重庆科技大学工会常务副主席陈勇' },
    ]);
    expect(s.welfare.personTimes).toBe(3226);
    expect(s.checkups.persons).toBe(858);
    expect(s.activities.socials.map((a) => a.name)).toEqual([
      '2023年“渝见 会聚良缘”联谊活动',
      '“科创未来 文筑幸福”联谊活动',
    ]);
    expect(s.enrolment).toEqual({
      placed: 2,
      byStage: [
        { stage: '小学', count: 1 },
        { stage: '幼儿园', count: 1 },
      ],
    });
    expect(s.activities.schoolSports).toBe(9);
    expect(s.activities.subUnionSports).toBe(35);
    expect(s.activities.subUnionParticipants).toBe(4126);
    expect(s.homes!.schoolHome).toEqual({
      title: '先进职工之家',
      grade: '先进',
      certBody: '重庆市教科文卫体工会',
      certDate: '2023-11-28',
    });
    expect([s.homes!.qualifiedSmallHomes, s.homes!.advancedSmallHomes]).toEqual([5, 5]);
    expect(s.homes!.pairings.map((p) => [p.name, p.partner])).toEqual([
      ['校工会', '重庆科技大学工会'],
      ['文新学院工会', '重庆科技大学图书馆与职业技术师范学院分工会'],
      ['机电学院工会', '重庆科技大学冶金与材料工程学院分工会'],
      ['工商学院工会', '重庆科技大学石油与天然气工程学院分工会'],
    ]);
    expect(s.activities.cadreStudies.map((a) => a.name)).toEqual([
      '赴重庆科技大学学习',
      '赴重庆工商大学学习',
      '参观市教科文卫体工会职工之家成果展',
    ]);
  });

  it('returns the figures not in the seed (demo values)', () => {
    expect([s.members.total, s.members.female, s.members.reps, s.members.teacherReps]).toEqual([
      1036, 548, 150, 96,
    ]);
    expect([s.welfare.persons, s.welfare.amount]).toEqual([1036, 1_310_500]);
    expect(s.proposals).toMatchObject({
      suggestions: 16,
      rejected: 5,
      pending: 0,
      satisfied: 19,
      basicallySatisfied: 6,
      dissatisfied: 1,
      closed: 25,
    });
    expect(s.proposals!.overdue).toBeUndefined();
    expect(s.activities.politicalStudies).toBe(3);
    expect(s.budget).toEqual({ total: 2_395_400, actual: 2_150_680, rate: 0.8978 });
    expect(s.mailbox).toEqual({ received: 0, replied: 0, replyRate: 0 });
  });

  it('breaks members and welfare down by unit and type', () => {
    expect(s.members.byUnit.map((u) => [u.unit, u.total, u.female])).toEqual(
      UNITS_2023.map(([unit, total, female]) => [unit, total, female]),
    );
    expect(s.members.byUnit[0]!.name).toBe('文新学院工会');
    expect(s.welfare.byType).toEqual([
      { type: '节日慰问', personTimes: 2072, amount: 1_036_000 },
      { type: '生育慰问', personTimes: 38, amount: 19_000 },
      { type: '生病住院慰问', personTimes: 57, amount: 39_500 },
      { type: '直系亲属去世慰问', personTimes: 29, amount: 29_000 },
      { type: '三八节慰问', personTimes: 548, amount: 54_800 },
      { type: '儿童节慰问', personTimes: 362, amount: 36_200 },
      { type: '送温暖', personTimes: 120, amount: 96_000 },
    ]);
    expect(s.welfare.byUnit.reduce((sum, u) => sum + u.personTimes, 0)).toBe(3226);
    expect(s.welfare.byUnit.reduce((sum, u) => sum + fen(u.amount), 0)).toBe(fen(1_310_500));
  });

  it('is clean: no congress or reconciliation warning', () => {
    expect(s.warnings).toEqual([]);
  });

  it('drafts sentences that the seed report contains (the 校级 list follows the demo’s own names)', () => {
    const sentences = draftSentences(s);
    expect(sentences).toHaveLength(22);
    for (const { key, text } of sentences) {
      if (key === 'activities.schoolSports')
        expect(text).toBe(
          '先后组织开展了三八节女教职工活动、教职工健步走、乒乓球比赛、羽毛球比赛、“守护童真放飞想象”亲子阅读活动、“我们的节日”端午节活动等文体活动近10场次',
        );
      else expect(seed, key).toContain(text.replace(/\s+/g, ''));
    }
  });

  it('scopes to one unit: its own rows, no school-only section', () => {
    const b = annualSummary({ rows, settings: demoSettings, year: 2023, unit: 'business' });
    expect(annualSummarySchema.parse(b)).toEqual(b);
    expect(b.unit).toBe('business');
    expect([b.members.total, b.members.female, b.checkups.persons]).toEqual([105, 57, 87]);
    expect([
      b.activities.subUnionSports,
      b.activities.subUnionParticipants,
      b.activities.schoolSports,
    ]).toEqual([3, 398, 0]);
    expect(b.budget).toEqual({ total: 15_750, actual: 16_410, rate: 1.0419 });
    for (const key of [
      'honours',
      'congress',
      'proposals',
      'executive',
      'participation',
      'ideas',
      'mailbox',
      'homes',
    ])
      expect(b).not.toHaveProperty(key);
    expect(b.awards).toEqual({ themed: [], external: [] });
    expect(b.welfare.byUnit.map((u) => u.unit)).toEqual(['business']);
    expect(b.warnings).toEqual([]);
  });

  it('counts nothing of another year', () => {
    const other = annualSummary({ rows, settings: demoSettings, year: 2024 });
    expect(other.welfare.personTimes).toBe(0);
    expect(other.proposals!.total).toBe(0);
    expect(other.budget).toEqual({ total: 0, actual: 0, rate: 0 });
    // Membership is a state: the members of 2023 are still members at the end of 2024.
    expect(other.members.total).toBe(1036);
    // The school's home was certified in 2023: not a 2024 figure, though the grades stand.
    expect(other.homes!.schoolHome).toBeNull();
    expect([other.homes!.qualifiedSmallHomes, other.homes!.advancedSmallHomes]).toEqual([5, 5]);
    expect(other.homes!.pairings).toEqual([]);
  });
});

describe('annualSummary — rules of single figures', () => {
  const summary = (rows: RowsByKind, extra: { unit?: string; today?: string } = {}): AnnualSummary =>
    annualSummary({ rows, settings: demoSettings, year: 2023, ...extra });

  it('counts members at 31 Dec: joined by then, not yet left; each 工号 once', () => {
    const s = summary({
      members: [
        stored('members', { staffNo: 'A0001', joinDate: '2023-12-31' }),
        stored('members', { staffNo: 'A0002', joinDate: '2024-01-01' }),
        stored('members', { staffNo: 'A0003', status: '转出', leaveDate: '2023-12-31' }),
        stored('members', { staffNo: 'A0004', status: '退休', leaveDate: '2024-01-01', gender: '男' }),
        stored('members', { staffNo: 'A0004', unit: 'arts' }),
        stored('members', { staffNo: 'A0005' }, { deleted: true }),
      ],
    });
    expect([s.members.total, s.members.female, s.members.male]).toEqual([2, 1, 1]);
  });

  it('warns when teachers are fewer than 60% of the reps (§3.1), with 2 decimals', () => {
    const reps = (teachers: number, others: number) => [
      ...times(teachers, (i) =>
        stored('members', { staffNo: `T${1000 + i}`, isRep: true, staffType: '专任教师' }),
      ),
      ...times(others, (i) =>
        stored('members', { staffNo: `O${1000 + i}`, isRep: true, staffType: '行政管理' }),
      ),
    ];
    expect(summary({ members: reps(4, 3) }).warnings).toEqual(['教师代表占代表总数比例为57.14%，低于60%']);
    expect(summary({ members: reps(3, 2) }).warnings).toEqual([]);
    expect(summary({ members: reps(1, 1) }).warnings).toEqual(['教师代表占代表总数比例为50.00%，低于60%']);
    // A unit's delegation is not the congress.
    expect(summary({ members: reps(1, 1) }, { unit: 'mech-info' }).warnings).toEqual([]);
  });

  it('carries the reconciliation warnings, naming the unit of an activity mismatch', () => {
    const s = summary({
      welfare: [stored('welfare', { type: '生育慰问', festival: null, amount: fen(500) })],
      activities: [stored('activities', { unit: 'arts', level: '二级工会', cost: fen(1_000) })],
      expenses: [stored('expenses', { unit: 'arts', account: '50102', amount: fen(900) })],
    });
    expect(s.warnings).toEqual([
      '慰问台账金额与支出明细账不一致：500元 / 0元',
      '「艺术学院工会」活动台账经费与支出明细账不一致：1000元 / 900元',
    ]);
    const arts = summary(
      {
        welfare: [stored('welfare', { type: '生育慰问', festival: null, amount: fen(500) })],
        activities: [stored('activities', { unit: 'arts', level: '二级工会', cost: fen(1_000) })],
      },
      { unit: 'arts' },
    );
    expect(arts.warnings).toEqual(['「艺术学院工会」活动台账经费与支出明细账不一致：1000元 / 0元']);
  });

  it('lists overdue motions only when today is given', () => {
    const rows: RowsByKind = {
      proposals: [
        stored('proposals', { no: '2023-001', review: '立案', leadDept: '教务处', assignDate: '2023-04-14' }),
        stored('proposals', { no: '2023-002', review: '立案', leadDept: '人事处', assignDate: '2023-05-10' }),
        stored('proposals', {
          no: '2023-003',
          review: '立案',
          assignDate: '2023-04-14',
          replyDate: '2023-07-30',
        }),
        stored('proposals', { no: '2023-004', review: '立案' }),
        stored('proposals', { no: '2023-005', review: '转意见建议', assignDate: '2023-04-14' }),
      ],
    };
    expect(summary(rows).proposals!.overdue).toBeUndefined();
    // 2023-04-14 + 60 days = 2023-06-13: overdue from the 14th.
    expect(summary(rows, { today: '2023-06-13' }).proposals!.overdue).toEqual([]);
    expect(summary(rows, { today: '2023-06-14' }).proposals!.overdue).toEqual([
      {
        no: '2023-001',
        title: '关于增设教职工子女暑期托管班的建议',
        leadDept: '教务处',
        assignDate: '2023-04-14',
        days: 61,
      },
    ]);
    const p = summary(rows, { today: '2023-07-15' }).proposals!;
    expect(p.overdue!.map((o) => o.no)).toEqual(['2023-001', '2023-002']);
    expect([p.accepted, p.replied, p.replyRate]).toEqual([4, 1, 0.25]);
  });

  it('counts a placement in the year of its 落实日期', () => {
    const s = summary({
      enrolment: [
        stored('enrolment', {
          applyDate: '2022-11-01',
          stage: '幼儿园',
          result: '已落实',
          placedDate: '2023-02-01',
        }),
        stored('enrolment', {
          applyDate: '2023-11-01',
          stage: '小学',
          result: '已落实',
          placedDate: '2024-02-01',
        }),
        stored('enrolment', { stage: '初中', result: '办理中', placedDate: '2023-05-01' }),
      ],
    });
    expect(s.enrolment).toEqual({ placed: 1, byStage: [{ stage: '幼儿园', count: 1 }] });
  });

  it('takes each unit’s latest certified grade by 31 Dec, ignoring 创建中 rows', () => {
    const s = summary({
      homes: [
        stored('homes', { unit: 'arts', grade: '合格', certDate: '2021-06-01' }),
        stored('homes', { unit: 'arts', grade: '先进', certDate: '2023-06-01' }),
        stored('homes', { unit: 'nursing', grade: '模范', certDate: '2022-06-01' }),
        stored('homes', { unit: 'nursing', grade: '创建中', certBody: null, certDate: null }),
        stored('homes', { unit: 'education', grade: '合格', certDate: '2022-06-01' }),
        stored('homes', { unit: 'education', grade: '先进', certDate: '2024-03-01' }),
        stored('homes', { unit: 'school', kind: '职工之家', grade: '合格', certDate: '2023-06-01' }),
      ],
    });
    expect(s.homes).toMatchObject({
      schoolHome: null,
      qualifiedSmallHomes: 1,
      advancedSmallHomes: 2,
      pairings: [],
    });
  });

  it('counts participants, socials and trainings of the unit only, in date order', () => {
    const rows: RowsByKind = {
      activities: [
        stored('activities', {
          name: '乙',
          category: '联谊活动',
          level: '参加上级',
          unit: 'arts',
          startDate: '2023-09-01',
        }),
        stored('activities', {
          name: '甲',
          category: '联谊活动',
          level: '参加上级',
          unit: 'arts',
          startDate: '2023-03-01',
        }),
        stored('activities', {
          name: '丙',
          category: '联谊活动',
          level: '参加上级',
          unit: 'school',
          startDate: '2023-01-01',
        }),
        stored('activities', {
          name: '丁',
          level: '二级工会',
          unit: 'arts',
          participants: null,
          category: '其他',
        }),
        stored('activities', { name: '戊', level: '二级工会', unit: 'arts', participants: 40 }),
      ],
    };
    const all = summary(rows);
    expect(all.activities.socials.map((a) => a.name)).toEqual(['丙', '甲', '乙']);
    expect([all.activities.subUnionSports, all.activities.subUnionParticipants]).toEqual([1, 40]);
    expect(summary(rows, { unit: 'arts' }).activities.socials.map((a) => a.name)).toEqual(['甲', '乙']);
  });

  it('ignores deleted rows everywhere', () => {
    const s = summary({
      welfare: [stored('welfare', {}, { deleted: true })],
      checkups: [stored('checkups', {}, { deleted: true })],
      budget: [stored('budget', { amount: fen(100) }, { deleted: true })],
      honours: [stored('honours', {}, { deleted: true })],
    });
    expect([s.welfare.personTimes, s.checkups.persons, s.budget.total, s.honours!.excellentMembers]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});

import { splitTotal } from './alloc.js';
import { addDays, daysBetween, randomDate } from './cellForms.js';
import {
  CADRE_STUDIES,
  EXTERNAL_AWARDS,
  POLITICAL_STUDIES,
  REP_TRAINING,
  SCHOOL_ACCOUNTS,
  SCHOOL_SPORTS,
  SOCIALS,
  UNIT_FIGURES,
} from './figures.js';
import type { Person, Roster } from './people.js';
import type { Rng } from './prng.js';

export type ActivityCategory = '文体活动' | '联谊活动' | '思想政治学习' | '代表培训' | '干部培训';

/** One activity row, typed. `account` is the expense account its cost is booked on, if any. */
export interface ActivityRecord {
  name: string;
  category: ActivityCategory;
  level: '校级' | '二级工会' | '参加上级';
  unit: string;
  startDate: string;
  endDate: string | null;
  venue: string | null;
  participants: number | null;
  /** 元 */
  cost: number | null;
  theme: string | null;
  host: string | null;
  account: string | null;
}

export interface AwardRecord {
  competition: string;
  organiser: string;
  level: '校级' | '市级';
  event: string | null;
  group: string | null;
  result: string;
  winnerType: '集体' | '个人';
  winner: string;
  person: Person | null;
  unit: string;
  date: string;
  theme: string | null;
}

const SUB_UNION_ACTIVITIES = [
  '教职工趣味运动会',
  '教职工气排球比赛',
  '乒乓球友谊赛',
  '羽毛球联谊赛',
  '登山健步行',
  '“悦读”读书分享会',
  '教职工拔河比赛',
  '跳绳踢毽趣味赛',
  '篮球友谊赛',
  '瑜伽健身体验课',
  '书画摄影作品展',
  '教职工合唱展演',
  '中秋游园猜灯谜',
  '八段锦健身练习',
  '掼蛋比赛',
  '三八节户外踏青',
];
const SUB_UNION_VENUES = [
  '学校体育馆',
  '田径场',
  '教工活动中心',
  '学院会议室',
  '羽毛球馆',
  '钓鱼城景区',
  '缙云山',
];
const SCHOOL_VENUES: Record<string, string> = {
  三八节女教职工活动: '教工活动中心',
  教职工健步走: '田径场',
  乒乓球比赛: '学校体育馆',
  羽毛球比赛: '羽毛球馆',
  '“守护童真放飞想象”亲子阅读活动': '图书馆',
  '“我们的节日”端午节活动': '教工活动中心',
  陆地冰壶比赛: '学校体育馆',
  棋类比赛: '教工活动中心',
  迎新年趣味游园: '田径场',
};
/** Relative cost of the 13 school 文体 rows: 9 school activities, then the 4 external events. */
const SCHOOL_SPORTS_WEIGHTS = [1.2, 0.8, 1, 1, 0.6, 1.2, 0.8, 0.6, 2, 0.5, 2, 1, 2.5];

function account(code: string): { actual: number; rows: number } {
  const a = SCHOOL_ACCOUNTS.find((x) => x.code === code)!;
  return { actual: a.actual, rows: a.rows };
}

export interface ActivitiesYear {
  activities: ActivityRecord[];
  awards: AwardRecord[];
}

/**
 * §8.2 activities (57) and awards (4 + 12). Costs: the 13 school 文体 rows share 50102's
 * 268,400 元, each sub-union's activities share its §8.1 actual, the 思想政治学习 and the
 * 代表培训 share 50101, the 干部培训 share 50301; 联谊活动 are organised above us and cost nothing.
 */
export function generateActivities(rng: Rng, roster: Roster): ActivitiesYear {
  const r = rng.fork('activities');
  const activities: ActivityRecord[] = [];
  const sportsCosts = splitTotal(r, account('50102').actual, 13, {
    weights: SCHOOL_SPORTS_WEIGHTS,
    min: 2_000,
  });
  SCHOOL_SPORTS.forEach((s, i) =>
    activities.push({
      name: s.name,
      category: '文体活动',
      level: '校级',
      unit: 'school',
      startDate: s.date,
      endDate: null,
      venue: SCHOOL_VENUES[s.name] ?? '教工活动中心',
      participants: r.int(40, 320),
      cost: sportsCosts[i]!,
      theme: s.theme ?? null,
      host: null,
      account: '50102',
    }),
  );
  EXTERNAL_AWARDS.forEach((a, i) =>
    activities.push({
      name: a.competition,
      category: '文体活动',
      level: '参加上级',
      unit: 'school',
      startDate: a.date,
      endDate: null,
      venue: '重庆市',
      participants: a.team,
      cost: sportsCosts[SCHOOL_SPORTS.length + i]!,
      theme: a.theme ? '中国梦·劳动美' : null,
      host: null,
      account: '50102',
    }),
  );
  const education = splitTotal(r, account('50101').actual, 4, { weights: [1, 1, 1, 1.2], min: 2_000 });
  POLITICAL_STUDIES.forEach((p, i) =>
    activities.push({
      name: p.name,
      category: '思想政治学习',
      level: '校级',
      unit: 'school',
      startDate: p.date,
      endDate: null,
      venue: '学术报告厅',
      participants: r.int(80, 200),
      cost: education[i]!,
      theme: null,
      host: p.host,
      account: '50101',
    }),
  );
  activities.push({
    name: REP_TRAINING.name,
    category: '代表培训',
    level: '校级',
    unit: 'school',
    startDate: REP_TRAINING.date,
    endDate: null,
    venue: '学术报告厅',
    participants: 142,
    cost: education[3]!,
    theme: null,
    host: REP_TRAINING.host,
    account: '50101',
  });
  for (const s of SOCIALS)
    activities.push({
      name: s.name,
      category: '联谊活动',
      level: '参加上级',
      unit: 'school',
      startDate: s.date,
      endDate: null,
      venue: null,
      participants: r.int(12, 30),
      cost: null,
      theme: null,
      host: null,
      account: null,
    });
  const training = splitTotal(r, account('50301').actual, 3, { min: 2_000 });
  CADRE_STUDIES.forEach((c, i) =>
    activities.push({
      name: c.name,
      category: '干部培训',
      level: '校级',
      unit: 'school',
      startDate: c.date,
      endDate: addDays(c.date, i < 2 ? 1 : 0),
      venue: c.venue,
      participants: r.int(15, 30),
      cost: training[i]!,
      theme: null,
      host: null,
      account: '50301',
    }),
  );
  for (const f of UNIT_FIGURES) {
    const names = r.sample(SUB_UNION_ACTIVITIES, f.sports);
    const cap = Math.min(220, 3 * f.members);
    const participants = splitTotal(r, f.participants, f.sports, { step: 1, min: 40, max: cap });
    const costs = splitTotal(r, f.actual, f.sports, { min: 1_000 });
    const dates = spreadDates(r, f.sports, '2023-03-01', '2023-12-20');
    names.forEach((name, i) =>
      activities.push({
        name,
        category: '文体活动',
        level: '二级工会',
        unit: f.id,
        startDate: dates[i]!,
        endDate: null,
        venue: r.pick(SUB_UNION_VENUES),
        participants: participants[i]!,
        cost: costs[i]!,
        theme: name.includes('三八') ? '女职工' : name.includes('中秋') ? '我们的节日' : null,
        host: null,
        account: '50102',
      }),
    );
  }
  return { activities, awards: generateAwards(r, roster) };
}

/** `n` dates in [from, to], one per equal slice of the window, in order. */
function spreadDates(r: Rng, n: number, from: string, to: string): string[] {
  const span = daysBetween(from, to);
  return Array.from({ length: n }, (_, i) => {
    const a = addDays(from, Math.floor((span * i) / n));
    const b = addDays(from, Math.floor((span * (i + 1)) / n) - 1);
    return randomDate(r, a, b);
  });
}

/** The 12 校级 results of the school's ball and chess games, then the 4 external results (§8.2). */
function generateAwards(r: Rng, roster: Roster): AwardRecord[] {
  const games: { competition: string; date: string; events: [string, '男' | '女' | null][] }[] = [
    {
      competition: '2023年教职工乒乓球比赛',
      date: '2023-04-20',
      events: [
        ['男子单打', '男'],
        ['女子单打', '女'],
      ],
    },
    {
      competition: '2023年教职工羽毛球比赛',
      date: '2023-05-18',
      events: [
        ['男子单打', '男'],
        ['女子单打', '女'],
      ],
    },
    {
      competition: '2023年教职工棋类比赛',
      date: '2023-11-16',
      events: [
        ['中国象棋', null],
        ['围棋', null],
      ],
    },
  ];
  const results = ['一等奖', '二等奖', '三等奖', '三等奖'];
  const awards: AwardRecord[] = [];
  const used = new Set<Person>();
  for (const g of games)
    results.forEach((result, k) => {
      const [event, gender] = g.events[k % 2]!;
      const pool = roster.active.filter((p) => !used.has(p) && (gender === null || p.gender === gender));
      const person = r.pick(pool);
      used.add(person);
      awards.push({
        competition: g.competition,
        organiser: '校工会',
        level: '校级',
        event,
        group: null,
        result,
        winnerType: '个人',
        winner: person.name,
        person,
        unit: person.unit,
        date: g.date,
        theme: null,
      });
    });
  for (const a of EXTERNAL_AWARDS)
    awards.push({
      competition: a.competition,
      organiser: a.organiser,
      level: '市级',
      event: a.event ?? null,
      group: a.group ?? null,
      result: a.result,
      winnerType: '集体',
      winner: '校工会代表队',
      person: null,
      unit: 'school',
      date: a.date,
      theme: a.theme ?? null,
    });
  return awards;
}

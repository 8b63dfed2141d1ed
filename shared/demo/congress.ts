import { apportion } from './alloc.js';
import { addDays, randomDate } from './cellForms.js';
import {
  CONSULTED_MATTERS,
  HONOURS,
  IDEAS,
  PAIRINGS,
  PROPOSALS,
  SAT_IN_SESSIONS,
  SCHOOL_HOME,
  UNIT_FIGURES,
} from './figures.js';
import type { Person, Roster } from './people.js';
import type { Rng } from './prng.js';

// ---------------------------------------------------------------- honours

export interface HonourRecord {
  title: '工会工作先进集体' | '优秀工会会员' | '三八红旗手' | '优秀提案';
  level: '校级' | '市级';
  targetType: '集体' | '个人';
  target: string;
  person: Person | null;
  unit: string;
  status: '已授予' | '推荐';
  date: string;
  docNo: string | null;
}

/** §8.2 honours: 3 先进集体, 39 优秀工会会员 per §8.1, 1 三八红旗手 candidate (43). */
export function generateHonours(
  rng: Rng,
  roster: Roster,
  unitNames: ReadonlyMap<string, string>,
): HonourRecord[] {
  const r = rng.fork('honours');
  const out: HonourRecord[] = HONOURS.collectives.map((id) => ({
    title: '工会工作先进集体',
    level: '校级',
    targetType: '集体',
    target: unitNames.get(id)!,
    person: null,
    unit: id,
    status: '已授予',
    date: HONOURS.date,
    docNo: HONOURS.docNo,
  }));
  for (const f of UNIT_FIGURES)
    for (const p of r.sample(roster.byUnit.get(f.id)!, f.excellentMembers))
      out.push({
        title: '优秀工会会员',
        level: '校级',
        targetType: '个人',
        target: p.name,
        person: p,
        unit: p.unit,
        status: '已授予',
        date: HONOURS.date,
        docNo: HONOURS.docNo,
      });
  const nominee = r.pick(roster.byUnit.get(HONOURS.redBanner.unit)!.filter((p) => p.gender === '女'));
  out.push({
    title: '三八红旗手',
    level: '市级',
    targetType: '个人',
    target: nominee.name,
    person: nominee,
    unit: nominee.unit,
    status: '推荐',
    date: HONOURS.redBanner.date,
    docNo: null,
  });
  return out;
}

// ---------------------------------------------------------------- proposals

type ProposalCategory =
  '教学科研' | '人事师资' | '薪酬福利' | '后勤保障' | '校园建设' | '管理服务' | '民主管理' | '其他';

const PROPOSAL_TITLES: readonly [ProposalCategory, string[]][] = [
  [
    '教学科研',
    [
      '关于加强青年教师教学能力培训的建议',
      '关于完善科研成果奖励办法的建议',
      '关于延长实验室开放时间的建议',
      '关于优化课程考核方式的建议',
      '关于建立教学名师培育机制的建议',
      '关于加大应用型课程建设投入的建议',
    ],
  ],
  [
    '人事师资',
    [
      '关于完善教师职称评审条件的建议',
      '关于优化绩效考核办法的建议',
      '关于完善新进教师导师制的建议',
      '关于设立教师进修访学专项经费的建议',
      '关于完善辅导员职业发展通道的建议',
    ],
  ],
  [
    '薪酬福利',
    [
      '关于提高教职工课时津贴标准的建议',
      '关于完善教职工年度体检项目的建议',
      '关于增加教职工生日慰问的建议',
      '关于完善住房公积金缴存基数的建议',
      '关于建立教职工子女入学协调机制的建议',
      '关于提高夜间加班补贴的建议',
    ],
  ],
  [
    '后勤保障',
    [
      '关于改善教工食堂饭菜质量的建议',
      '关于增设教职工通勤班车线路的建议',
      '关于改善教学楼饮水设施的建议',
      '关于加强校园快递收发管理的建议',
      '关于延长校医院门诊时间的建议',
      '关于改善教职工宿舍维修服务的建议',
      '关于增加校园夜间照明的建议',
    ],
  ],
  [
    '校园建设',
    [
      '关于新建教职工活动中心的建议',
      '关于增加校园停车位的建议',
      '关于改造老旧教学楼卫生间的建议',
      '关于完善校园无障碍设施的建议',
      '关于建设智慧教室的建议',
      '关于增加校园绿化休闲区的建议',
      '关于增加图书馆自习座位的建议',
    ],
  ],
  [
    '管理服务',
    [
      '关于精简报销审批流程的建议',
      '关于推进“一网通办”服务的建议',
      '关于规范会议管理减少会议数量的建议',
      '关于优化教室调度系统的建议',
      '关于完善校园网络服务的建议',
      '关于加强二级学院办公条件保障的建议',
      '关于推进公文流转信息化的建议',
    ],
  ],
  [
    '民主管理',
    [
      '关于推进二级教代会制度建设的建议',
      '关于完善校务公开制度的建议',
      '关于加强提案办理督办的建议',
      '关于建立代表联系教职工制度的建议',
      '关于定期召开教职工座谈会的建议',
    ],
  ],
  [
    '其他',
    [
      '关于开展教职工心理健康辅导的建议',
      '关于组建教职工文体社团的建议',
      '关于设立教职工爱心互助基金的建议',
      '关于加强校园周边交通安全的建议',
    ],
  ],
];

const LEAD_DEPTS: Record<ProposalCategory, string[]> = {
  教学科研: ['教务处', '科研处'],
  人事师资: ['人事处'],
  薪酬福利: ['人事处', '财务处'],
  后勤保障: ['后勤管理处'],
  校园建设: ['资产与基建处'],
  管理服务: ['党政办公室', '财务处', '信息化建设中心'],
  民主管理: ['校工会'],
  其他: ['校工会', '学生工作处'],
};
const LEADERS = ['王副校长', '李副校长', '刘副校长', '陈副书记'];
const REPLIES: readonly [string, string][] = [
  ['已研究采纳，相关措施已落实', '已解决'],
  ['已制定方案，正在分步实施', '正在解决'],
  ['已纳入学校2024年工作计划', '列入计划'],
  ['受经费和场地限制，暂不具备实施条件，将持续关注', '暂不具备条件'],
];
const REJECT_REASONS = [
  '属个人诉求，不符合立案条件',
  '不属于学校职权范围',
  '所提问题在提交前已解决',
  '内容与已立案提案重复',
  '建议内容不具体，缺乏可操作性',
];

export interface ProposalRecord {
  no: string;
  title: string;
  proposer: Person;
  seconders: Person[];
  category: ProposalCategory;
  submitDate: string;
  review: '立案' | '转意见建议' | '不立案';
  reviewDate: string;
  reviewNote: string | null;
  leadDept: string | null;
  leader: string | null;
  assignDate: string | null;
  replyDate: string | null;
  reply: string | null;
  outcome: string | null;
  feedback: '满意' | '基本满意' | '不满意' | null;
  closeDate: string | null;
  status: '已办结' | '已反馈' | '转意见建议' | '不立案';
}

/** §8.2 proposals: 47 motions, 26 立案 (19/6/1 feedback, 25 closed), 16 转意见建议, 5 不立案. */
export function generateProposals(rng: Rng, roster: Roster): ProposalRecord[] {
  const r = rng.fork('proposals');
  const P = PROPOSALS;
  const reps = roster.active.filter((p) => p.isRep);
  const proposers = r.sample(reps, P.total);
  const titles = PROPOSAL_TITLES.flatMap(([category, list]) => list.map((title) => ({ category, title })));
  const reviews = r.shuffle([
    ...Array.from({ length: P.accepted }, () => '立案' as const),
    ...Array.from({ length: P.suggestions }, () => '转意见建议' as const),
    ...Array.from({ length: P.rejected }, () => '不立案' as const),
  ]);
  const feedbacks = r.shuffle([
    ...Array.from({ length: P.satisfied }, () => '满意' as const),
    ...Array.from({ length: P.basicallySatisfied }, () => '基本满意' as const),
    ...Array.from({ length: P.dissatisfied }, () => '不满意' as const),
  ]);
  const rejectReasons = r.shuffle(REJECT_REASONS);
  let accepted = 0;
  let rejected = 0;
  return titles.map(({ category, title }, i) => {
    const proposer = proposers[i]!;
    const seconders = r.sample(
      reps.filter((p) => p !== proposer),
      r.int(2, 4),
    );
    const review = reviews[i]!;
    const base: ProposalRecord = {
      no: `2023-${String(i + 1).padStart(3, '0')}`,
      title,
      proposer,
      seconders,
      category,
      submitDate: randomDate(r, P.submitFrom, P.submitTo),
      review,
      reviewDate: P.reviewDate,
      reviewNote: null,
      leadDept: null,
      leader: null,
      assignDate: null,
      replyDate: null,
      reply: null,
      outcome: null,
      feedback: null,
      closeDate: null,
      status: review === '立案' ? '已办结' : review,
    };
    if (review === '不立案')
      return { ...base, reviewNote: rejectReasons[rejected++ % rejectReasons.length]! };
    if (review === '转意见建议') return base;
    const feedback = feedbacks[accepted++]!;
    const replyDate = randomDate(r, P.replyFrom, P.replyTo, true);
    const [reply, outcome] = r.pick(REPLIES);
    const closed = feedback !== '不满意';
    return {
      ...base,
      leadDept: r.pick(LEAD_DEPTS[category]),
      leader: r.pick(LEADERS),
      assignDate: P.assignDate,
      replyDate,
      reply,
      outcome,
      feedback,
      closeDate: closed ? addDays(replyDate, r.int(7, 30)) : null,
      status: closed ? '已办结' : '已反馈',
    };
  });
}

// ---------------------------------------------------------------- ideas

const IDEA_TITLES: readonly [
  string,
  '教学改革' | '管理服务' | '校园建设' | '节能降耗' | '师生生活' | '其他',
  string,
][] = [
  ['推行无纸化会议系统', '节能降耗', '校内会议使用平板和电子材料，减少纸质材料印制'],
  ['教学楼空调定时节能管理', '节能降耗', '按课表自动开关教室空调，杜绝无人空调运行'],
  ['建立校内闲置物品共享平台', '师生生活', '教职工闲置物品线上登记、校内流转'],
  ['食堂错峰就餐预约', '师生生活', '通过小程序预约就餐时段，缓解中午排队'],
  ['实验室仪器共享预约平台', '教学改革', '全校大型仪器统一预约，提高使用率'],
  ['校园一卡通扩展至图书借阅', '管理服务', '一卡通直接借还图书，减少办证环节'],
  ['雨水收集用于校园绿化', '节能降耗', '在教学楼屋面设置雨水收集箱用于绿化浇灌'],
  ['新进教师“传帮带”结对机制', '教学改革', '为每位新进教师配备一名骨干教师导师'],
  ['开设教职工子女假期托管班', '师生生活', '寒暑假利用校内场地开设子女托管班'],
  ['校园导航小程序', '校园建设', '为来访人员和新生提供校园楼宇导航'],
  ['办公用品集中采购', '管理服务', '各部门办公用品按季度集中采购，降低成本'],
  ['教工之家错时开放', '师生生活', '教工之家延长至晚间和周末开放'],
  ['毕业生就业信息共享看板', '其他', '各学院就业信息统一发布，便于教师指导学生'],
  ['打印中心默认双面打印', '节能降耗', '校内打印设备默认双面打印'],
];

export interface IdeaRecord {
  no: string;
  title: string;
  person: Person;
  category: string;
  submitDate: string;
  content: string;
  result: '金点子' | '优秀点子' | '未入选';
  reward: number | null;
}

/** §8.2 ideas: 14, reviewed 2023-11-20: 1 金点子 (2,000 元), 3 优秀点子, 10 未入选. */
export function generateIdeas(rng: Rng, roster: Roster): IdeaRecord[] {
  const r = rng.fork('ideas');
  const people = r.sample(roster.active, IDEA_TITLES.length);
  const results = r.shuffle([
    ...Array.from({ length: IDEAS.golden }, () => '金点子' as const),
    ...Array.from({ length: IDEAS.excellent }, () => '优秀点子' as const),
    ...Array.from({ length: IDEAS.total - IDEAS.golden - IDEAS.excellent }, () => '未入选' as const),
  ]);
  const records = IDEA_TITLES.map(([title, category, content], i) => ({
    no: '',
    title,
    person: people[i]!,
    category,
    submitDate: randomDate(r, '2023-09-01', '2023-10-31'),
    content,
    result: results[i]!,
    reward: results[i] === '金点子' ? IDEAS.goldenReward : null,
  }));
  records.sort((a, b) => a.submitDate.localeCompare(b.submitDate));
  records.forEach((x, i) => (x.no = `JDZ2023${String(i + 1).padStart(2, '0')}`));
  return records;
}

// ---------------------------------------------------------------- participation

export interface ParticipationRecord {
  date: string;
  person: Person;
  form: '列席校务会' | '参与文件讨论';
  matter: string;
}

/**
 * §8.2: 4 校务会 × 4 reps (8 distinct, each twice) and 3 documents × 3 reps (7 distinct,
 * disjoint from the 8) = 25 rows.
 */
export function generateParticipation(rng: Rng, roster: Roster): ParticipationRecord[] {
  const r = rng.fork('participation');
  const reps = r.sample(
    roster.active.filter((p) => p.isRep),
    15,
  );
  const satIn = reps.slice(0, 8);
  const consulted = reps.slice(8);
  const later = r.shuffle(satIn);
  const sessions = [satIn.slice(0, 4), satIn.slice(4), later.slice(0, 4), later.slice(4)];
  const out: ParticipationRecord[] = [];
  SAT_IN_SESSIONS.forEach((s, i) =>
    sessions[i]!.forEach((person) =>
      out.push({ date: s.date, person, form: '列席校务会', matter: s.matter }),
    ),
  );
  const groups = [
    consulted.slice(0, 3),
    consulted.slice(3, 6),
    [consulted[6]!, consulted[0]!, consulted[3]!],
  ];
  CONSULTED_MATTERS.forEach((m, i) =>
    groups[i]!.forEach((person) =>
      out.push({ date: m.date, person, form: '参与文件讨论', matter: m.matter }),
    ),
  );
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

// ---------------------------------------------------------------- enrolment

export interface EnrolmentRecord {
  applyDate: string;
  person: Person;
  childName: string;
  childBirth: string;
  stage: '小学' | '幼儿园' | '初中';
  wishSchool: string;
  result: '已落实' | '未落实';
  placedSchool: string | null;
  placedDate: string | null;
  remarks: string | null;
}

/** §8.2: 2 已落实 via 合川区教委 (小学 2023-08-25, 幼儿园 2023-08-30) + 1 未落实. */
export function generateEnrolment(rng: Rng, roster: Roster): EnrolmentRecord[] {
  const r = rng.fork('enrolment');
  const parents = r.sample(
    roster.active.filter((p) => p.childrenUnder14 > 0),
    3,
  );
  const child = (p: Person): string => roster.names.draw(r.chance(0.5) ? '男' : '女', p.name[0]);
  const month = (y: number): string => `${y}-${String(r.int(1, 8)).padStart(2, '0')}`;
  return [
    {
      applyDate: randomDate(r, '2023-05-08', '2023-06-16', true),
      person: parents[0]!,
      childName: child(parents[0]!),
      childBirth: month(2017),
      stage: '小学',
      wishSchool: '合川区南津街小学',
      result: '已落实',
      placedSchool: '合川区南津街小学',
      placedDate: '2023-08-25',
      remarks: null,
    },
    {
      applyDate: randomDate(r, '2023-05-08', '2023-06-16', true),
      person: parents[1]!,
      childName: child(parents[1]!),
      childBirth: month(2020),
      stage: '幼儿园',
      wishSchool: '合川区机关幼儿园',
      result: '已落实',
      placedSchool: '合川区机关幼儿园',
      placedDate: '2023-08-30',
      remarks: null,
    },
    {
      applyDate: randomDate(r, '2023-05-08', '2023-06-16', true),
      person: parents[2]!,
      childName: child(parents[2]!),
      childBirth: month(2011),
      stage: '初中',
      wishSchool: '合川中学',
      result: '未落实',
      placedSchool: null,
      placedDate: null,
      remarks: '意向学校学位已满，已协调下学期转入',
    },
  ].sort((a, b) => a.applyDate.localeCompare(b.applyDate)) as EnrolmentRecord[];
}

// ---------------------------------------------------------------- homes

export interface HomeRecord {
  unit: string;
  kind: '职工之家' | '职工小家';
  grade: '先进' | '合格' | '创建中';
  certBody: string | null;
  certDate: string | null;
  haves: boolean[];
  area: number;
  pairing: string | null;
  pairingDate: string | null;
}

/** §8.2 homes: the school's 先进职工之家 and one row per sub-union (5 先进, 5 合格, 2 创建中). */
export function generateHomes(rng: Rng): HomeRecord[] {
  const r = rng.fork('homes');
  const pairingDate = randomDate(r, '2023-05-08', '2023-06-30', true);
  const out: HomeRecord[] = [
    {
      unit: 'school',
      kind: '职工之家',
      grade: SCHOOL_HOME.grade,
      certBody: SCHOOL_HOME.certBody,
      certDate: SCHOOL_HOME.certDate,
      haves: [true, true, true, true, true, true],
      area: 680,
      pairing: SCHOOL_HOME.pairing,
      pairingDate,
    },
  ];
  for (const f of UNIT_FIGURES) {
    const certified = f.home !== '创建中';
    out.push({
      unit: f.id,
      kind: '职工小家',
      grade: f.home,
      certBody: certified ? '校工会' : null,
      certDate: certified ? randomDate(r, '2021-03-01', '2023-11-30', true) : null,
      // Still being built: some of the six not there yet (no warning: not certified).
      haves: certified
        ? [true, true, true, true, true, true]
        : [true, true, r.chance(0.5), false, true, false],
      area: r.int(6, 20) * 10,
      pairing: PAIRINGS[f.id] ?? null,
      pairingDate: PAIRINGS[f.id] ? pairingDate : null,
    });
  }
  return out;
}

// ---------------------------------------------------------------- checkups

export interface CheckupRecord {
  date: string;
  person: Person;
  package: string;
}

/** §8.2 checkups: per unit exactly the §8.1 figure, on two workdays of 2023-10-09 … 2023-11-17. */
export function generateCheckups(rng: Rng, roster: Roster): CheckupRecord[] {
  const r = rng.fork('checkups');
  const out: CheckupRecord[] = [];
  for (const f of UNIT_FIGURES) {
    const people = r.sample(roster.byUnit.get(f.id)!, f.checkups);
    const days = [
      randomDate(r, '2023-10-09', '2023-10-27', true),
      randomDate(r, '2023-10-30', '2023-11-17', true),
    ];
    const [first] = apportion(f.checkups, [1, 1]);
    people.forEach((p, i) =>
      out.push({
        date: i < first! ? days[0]! : days[1]!,
        person: p,
        package:
          p.gender === '男'
            ? '男职工套餐'
            : p.childrenUnder14 > 0 || Number(p.birthMonth.slice(0, 4)) < 1990
              ? '女职工（已婚）套餐'
              : '女职工（未婚）套餐',
      }),
    );
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

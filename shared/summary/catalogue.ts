import { ledgers } from '../ledgers/index.js';
import type { LedgerKind } from '../ledgers/define.js';
import type { Settings } from '../settings/schema.js';
import { unitById } from '../settings/lookup.js';
import type { AnnualSummary } from './annual.js';
import { THEMED_AWARD } from './annual.js';
import { liveRows, rowsOfYear, yearOf, type RowsByKind, type StoredRow } from './rows.js';

/**
 * THE figure catalogue: every figure of the annual summary (DOMAIN.md §6) once — its key, its
 * Chinese label, its unit, the part of the work report's section 一 it belongs to, and the
 * ledger rows that make it. The pane's 汇总 sheet, the leadership workbook, the drafted
 * sentences, the Word report and `GET /api/summary/rows` all read it; nothing else names a
 * figure.
 */

/** The five parts of 一、过去一年的工作 in the seed report, each with its three paragraphs (一是…三是). */
export const REPORT_SECTIONS = [
  {
    no: 1,
    title: '（一）强化政治引领，凝聚思想共识',
    paragraphs: [
      '一是强化教职工思想政治引领，把握工会正确政治方向。',
      '二是发挥先进典型示范引领作用，浓厚爱岗敬业良好氛围。',
      '三是积极开展“中国梦·劳动美”活动，大力弘扬劳模精神、劳动精神、工匠精神。',
    ],
  },
  {
    no: 2,
    title: '（二）参与民主管理，推动学校高质量发展',
    paragraphs: [
      '一是凝聚共识，',
      '二是搭建平台，积极创造参与民主监督条件。',
      '三是加强培训，着力提升教代会代表履职能力。',
    ],
  },
  {
    no: 3,
    title: '（三）做实关爱工作，提升教职工幸福感',
    paragraphs: [
      '一是扎实开展送温暖活动，积极为教职工送去关心关爱。',
      '二是开展困难慰问活动，积极解决教职工实际困难。',
      '三是切实关心关爱女职工，依法维护女教职工特殊权益。',
    ],
  },
  {
    no: 4,
    title: '（四）丰富文体活动，营造良好氛围',
    paragraphs: [
      '一是开展丰富多彩的文体活动，营造了良好的校园文化氛围。',
      '二是积极参加上级工会组织的文体活动，促进了教职工的对外交流和展示。',
      '三是鼓励二级工会组织开展文体活动，激发了教职工参与活动的热情。',
    ],
  },
  {
    no: 5,
    title: '（五）夯实自身建设，激发工会工作活力',
    paragraphs: [
      '一是深入推进“职工之家”建设，提升工会服务质量。',
      '二是不断深化对外交流，促进工作学习提升。',
      '三是持续强化干部培训，提升干部工作质效。',
    ],
  },
] as const;

export type SectionNo = 1 | 2 | 3 | 4 | 5;
export type ParagraphNo = 1 | 2 | 3;

/** The measure a figure is written with; '' for a text figure (names, a meeting). */
export type FigureUnit = '人' | '名' | '人次' | '个' | '件' | '项' | '次' | '场次' | '元' | '%' | '';

/**
 * How a figure relates to its rows: `count` — the figure is the number of rows behind it;
 * `distinct` — the number of distinct 工号 among them; `sum` — a sum over them (参与人次,
 * 元); `ratio` — a rate computed from them; `list` / `text` — names taken from them.
 */
export type FigureMeasure = 'count' | 'distinct' | 'sum' | 'ratio' | 'list' | 'text';

export interface RowsQuery {
  rows: RowsByKind;
  settings: Settings;
  year: number;
  /** A unit id: only that unit's rows. */
  unit?: string | undefined;
}

export interface FigureSource {
  ledger: LedgerKind;
  /** Which rows, in Chinese (shown in Word comments and the workbook): 年度内、类别为文体活动、级别为校级. */
  filter: string;
  /** The rows that make the figure. */
  select(q: RowsQuery): StoredRow[];
}

export interface FigureDef {
  key: string;
  label: string;
  unit: FigureUnit;
  section: SectionNo;
  paragraph: ParagraphNo;
  measure: FigureMeasure;
  /** True for a figure of the seed report's §6 table; false for one returned beside them. */
  seed: boolean;
  /** The key of the drafted sentence the figure appears in, when it is another figure's. */
  sentence?: string;
  /** The figure's value: a number (count, 元, ratio) or a text; undefined when the summary omits it. */
  value(s: AnnualSummary): number | string | null | undefined;
  source?: FigureSource;
}

/** A source over one ledger: `pick` sees the live rows of the year (and unit). */
function ofYear<K extends LedgerKind>(
  ledger: K,
  filter: string,
  pick: (rows: StoredRow<K>[]) => StoredRow<K>[] = (rows) => rows,
): FigureSource {
  return {
    ledger,
    filter,
    select: (q) => pick(rowsOfYear(q.rows, ledger, q.year, q.unit)),
  };
}

function scopedLive<K extends LedgerKind>(q: RowsQuery, ledger: K): StoredRow<K>[] {
  return liveRows(q.rows, ledger).filter((r) => q.unit === undefined || r.unit === q.unit);
}

/** §6 members: those joined by 31 Dec and not left by it, one row per 工号 (the first). */
function activeMembers(q: RowsQuery): StoredRow<'members'>[] {
  const end = `${q.year}-12-31`;
  const seen = new Set<string>();
  return scopedLive(q, 'members').filter((r) => {
    const f = r.fields;
    if (f.joinDate > end || (f.leaveDate !== null && f.leaveDate <= end) || seen.has(f.staffNo)) return false;
    seen.add(f.staffNo);
    return true;
  });
}

const members = (filter: string, pick: (r: StoredRow<'members'>) => boolean): FigureSource => ({
  ledger: 'members',
  filter,
  select: (q) => activeMembers(q).filter(pick),
});

/** §3.13: each unit's latest certified 职工之家 row by 31 Dec. */
function latestHomes(q: RowsQuery): StoredRow<'homes'>[] {
  const end = `${q.year}-12-31`;
  const latest = new Map<string, StoredRow<'homes'>>();
  const certified = scopedLive(q, 'homes')
    .filter((r) => r.fields.grade !== '创建中' && r.fields.certDate !== null && r.fields.certDate <= end)
    .sort((a, b) =>
      a.fields.certDate! < b.fields.certDate! ? -1 : a.fields.certDate! > b.fields.certDate! ? 1 : 0,
    );
  for (const r of certified) latest.set(r.unit, r);
  return [...latest.values()];
}

const isSchool = (q: RowsQuery, unit: string): boolean => unitById(q.settings, unit)?.kind === 'school';

const smallHomes = (filter: string, grades: readonly string[]): FigureSource => ({
  ledger: 'homes',
  filter,
  select: (q) => latestHomes(q).filter((r) => !isSchool(q, r.unit) && grades.includes(r.fields.grade)),
});

const activities = (filter: string, pick: (f: StoredRow<'activities'>['fields']) => boolean) =>
  ofYear('activities', filter, (rows) => rows.filter((r) => pick(r.fields)));
const proposals = (filter: string, pick: (f: StoredRow<'proposals'>['fields']) => boolean) =>
  ofYear('proposals', filter, (rows) => rows.filter((r) => pick(r.fields)));
const honours = (filter: string, pick: (f: StoredRow<'honours'>['fields']) => boolean) =>
  ofYear('honours', filter, (rows) => rows.filter((r) => pick(r.fields)));
const ideas = (filter: string, pick: (f: StoredRow<'ideas'>['fields']) => boolean) =>
  ofYear('ideas', filter, (rows) => rows.filter((r) => pick(r.fields)));
const awards = (filter: string, themed: boolean) =>
  ofYear('awards', filter, (rows) =>
    rows.filter(
      (r) =>
        r.fields.level !== '校级' &&
        (r.fields.theme !== null && THEMED_AWARD.test(r.fields.theme)) === themed,
    ),
  );

const sportsSchool = (f: StoredRow<'activities'>['fields']): boolean =>
  f.level === '校级' && f.category === '文体活动';
const sportsSub = (f: StoredRow<'activities'>['fields']): boolean =>
  f.level === '二级工会' && f.category === '文体活动';
const welfareAll = ofYear('welfare', '年度内全部慰问记录（一行为一人次）');
const congressRows = ofYear('meetings', '年度内类型为双代会的议程', (rows) =>
  rows.filter((r) => r.fields.type === '双代会'),
);
const proposalsAll = proposals('年度内全部提案', () => true);
const acceptedProposals = proposals('审查结果为立案', (p) => p.review === '立案');
const ideasAll = ideas('年度内全部点子', () => true);
const mailboxAll = ofYear('mailbox', '年度内全部来信');
const budgetRows: FigureSource = ofYear('budget', '年度预算表（调整后预算优先）');
const expenseRows: FigureSource = ofYear('expenses', '年度内全部支出');
const pairings: FigureSource = {
  ledger: 'homes',
  filter: '签约日期（无则认定日期）在年度内、有结对共建单位',
  select: (q) =>
    scopedLive(q, 'homes').filter(
      (r) => r.fields.pairing !== null && yearOf(r.fields.pairingDate ?? r.fields.certDate) === q.year,
    ),
};

type Def = Omit<FigureDef, 'seed'> & { seed?: boolean };

const def = (d: Def): FigureDef => ({ seed: true, ...d });
const extra = (d: Def): FigureDef => ({ ...d, seed: false });

const awardText = (w: AnnualSummary['awards']['external'][number]): string =>
  [w.competition, w.group, w.event, w.result].filter((p) => p).join(' ');

/** In report order: section, paragraph, then the order of the §6 table; extras after the seed figures of their paragraph. */
export const FIGURES: readonly FigureDef[] = [
  // （一）
  extra({
    key: 'activities.politicalStudies',
    label: '思想政治学习',
    unit: '次',
    section: 1,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.activities.politicalStudies,
    source: activities('类别为思想政治学习', (f) => f.category === '思想政治学习'),
  }),
  def({
    key: 'honours.advancedCollectives',
    label: '工会工作先进集体',
    unit: '个',
    section: 1,
    paragraph: 2,
    measure: 'count',
    value: (s) => s.honours?.advancedCollectives,
    source: honours(
      '校级、集体、已授予、称号为工会工作先进集体',
      (f) =>
        f.level === '校级' &&
        f.targetType === '集体' &&
        f.status === '已授予' &&
        f.title === '工会工作先进集体',
    ),
  }),
  def({
    key: 'honours.excellentMembers',
    label: '优秀工会会员',
    unit: '名',
    section: 1,
    paragraph: 2,
    measure: 'count',
    sentence: 'honours.advancedCollectives',
    value: (s) => s.honours?.excellentMembers,
    source: honours(
      '校级、个人、已授予、称号为优秀工会会员',
      (f) =>
        f.level === '校级' && f.targetType === '个人' && f.status === '已授予' && f.title === '优秀工会会员',
    ),
  }),
  def({
    key: 'awards.themed',
    label: '“中国梦·劳动美”主题赛事获奖',
    unit: '项',
    section: 1,
    paragraph: 3,
    measure: 'list',
    value: (s) => s.awards.themed.map(awardText).join('；'),
    source: awards('校级以上、主题含“中国梦·劳动美”', true),
  }),
  // （二）
  def({
    key: 'congress',
    label: '双代会',
    unit: '',
    section: 2,
    paragraph: 1,
    measure: 'text',
    value: (s) => (s.congress === undefined ? undefined : (s.congress?.name ?? null)),
    source: congressRows,
  }),
  def({
    key: 'congress.reports',
    label: '双代会审议报告',
    unit: '项',
    section: 2,
    paragraph: 1,
    measure: 'list',
    sentence: 'congress',
    value: (s) => (s.congress ? s.congress.reports.length : undefined),
    source: ofYear('meetings', '双代会议程中类型为工作报告或财务报告', (rows) =>
      rows.filter(
        (r) =>
          r.fields.type === '双代会' &&
          (r.fields.itemType === '工作报告' || r.fields.itemType === '财务报告'),
      ),
    ),
  }),
  def({
    key: 'proposals.total',
    label: '提案总数',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.total,
    source: proposalsAll,
  }),
  def({
    key: 'proposals.accepted',
    label: '立案提案',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    sentence: 'proposals.total',
    value: (s) => s.proposals?.accepted,
    source: acceptedProposals,
  }),
  def({
    key: 'proposals.replyRate',
    label: '提案答复率',
    unit: '%',
    section: 2,
    paragraph: 1,
    measure: 'ratio',
    sentence: 'proposals.total',
    value: (s) => s.proposals?.replyRate,
    source: acceptedProposals,
  }),
  extra({
    key: 'proposals.replied',
    label: '已答复提案',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.replied,
    source: proposals('立案且有答复日期', (p) => p.review === '立案' && p.replyDate !== null),
  }),
  extra({
    key: 'proposals.suggestions',
    label: '转意见建议',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.suggestions,
    source: proposals('审查结果为转意见建议', (p) => p.review === '转意见建议'),
  }),
  extra({
    key: 'proposals.rejected',
    label: '不立案',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.rejected,
    source: proposals('审查结果为不立案', (p) => p.review === '不立案'),
  }),
  extra({
    key: 'proposals.pending',
    label: '待审查提案',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.pending,
    source: proposals('审查结果为待审查', (p) => p.review === '待审查'),
  }),
  extra({
    key: 'proposals.satisfied',
    label: '提案人满意',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.satisfied,
    source: proposals('提案人意见为满意', (p) => p.feedback === '满意'),
  }),
  extra({
    key: 'proposals.basicallySatisfied',
    label: '提案人基本满意',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.basicallySatisfied,
    source: proposals('提案人意见为基本满意', (p) => p.feedback === '基本满意'),
  }),
  extra({
    key: 'proposals.dissatisfied',
    label: '提案人不满意',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.dissatisfied,
    source: proposals('提案人意见为不满意', (p) => p.feedback === '不满意'),
  }),
  extra({
    key: 'proposals.closed',
    label: '已办结提案',
    unit: '件',
    section: 2,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.proposals?.closed,
    source: proposals('有办结日期', (p) => p.closeDate !== null),
  }),
  def({
    key: 'executive.items',
    label: '执委会讨论议题',
    unit: '项',
    section: 2,
    paragraph: 2,
    measure: 'list',
    value: (s) => s.executive?.items.length,
    source: ofYear('meetings', '年度内类型为执委会的议程', (rows) =>
      rows.filter((r) => r.fields.type === '执委会'),
    ),
  }),
  def({
    key: 'participation.satIn',
    label: '列席校务会的代表',
    unit: '名',
    section: 2,
    paragraph: 2,
    measure: 'distinct',
    value: (s) => s.participation?.satIn,
    source: ofYear('participation', '参与形式为列席校务会（按工号去重）', (rows) =>
      rows.filter((r) => r.fields.form === '列席校务会'),
    ),
  }),
  def({
    key: 'participation.consulted',
    label: '参与文件讨论的代表',
    unit: '名',
    section: 2,
    paragraph: 2,
    measure: 'distinct',
    value: (s) => s.participation?.consulted,
    source: ofYear('participation', '参与形式为参与文件讨论（按工号去重）', (rows) =>
      rows.filter((r) => r.fields.form === '参与文件讨论'),
    ),
  }),
  def({
    key: 'participation.topics',
    label: '参与讨论的事项',
    unit: '',
    section: 2,
    paragraph: 2,
    measure: 'text',
    sentence: 'participation.consulted',
    value: (s) => s.participation?.topics.join('、'),
    source: ofYear('participation', '参与形式为参与文件讨论（按事项去重）', (rows) =>
      rows.filter((r) => r.fields.form === '参与文件讨论'),
    ),
  }),
  def({
    key: 'ideas.total',
    label: '征集点子',
    unit: '个',
    section: 2,
    paragraph: 2,
    measure: 'count',
    value: (s) => s.ideas?.total,
    source: ideasAll,
  }),
  def({
    key: 'ideas.golden',
    label: '金点子',
    unit: '个',
    section: 2,
    paragraph: 2,
    measure: 'count',
    sentence: 'ideas.total',
    value: (s) => s.ideas?.golden,
    source: ideas('评审结果为金点子', (f) => f.result === '金点子'),
  }),
  extra({
    key: 'ideas.excellent',
    label: '优秀点子',
    unit: '个',
    section: 2,
    paragraph: 2,
    measure: 'count',
    value: (s) => s.ideas?.excellent,
    source: ideas('评审结果为优秀点子', (f) => f.result === '优秀点子'),
  }),
  extra({
    key: 'mailbox.received',
    label: '代表信箱来信',
    unit: '件',
    section: 2,
    paragraph: 2,
    measure: 'count',
    value: (s) => s.mailbox?.received,
    source: mailboxAll,
  }),
  extra({
    key: 'mailbox.replied',
    label: '代表信箱已回复',
    unit: '件',
    section: 2,
    paragraph: 2,
    measure: 'count',
    value: (s) => s.mailbox?.replied,
    source: ofYear('mailbox', '有回复日期的来信', (rows) => rows.filter((r) => r.fields.replyDate !== null)),
  }),
  extra({
    key: 'mailbox.replyRate',
    label: '代表信箱回复率',
    unit: '%',
    section: 2,
    paragraph: 2,
    measure: 'ratio',
    value: (s) => s.mailbox?.replyRate,
    source: mailboxAll,
  }),
  def({
    key: 'activities.repTrainings',
    label: '教代会代表专题培训',
    unit: '次',
    section: 2,
    paragraph: 3,
    measure: 'list',
    value: (s) => s.activities.repTrainings.length,
    source: activities('类别为代表培训', (f) => f.category === '代表培训'),
  }),
  extra({
    key: 'members.reps',
    label: '教代会代表',
    unit: '名',
    section: 2,
    paragraph: 3,
    measure: 'count',
    value: (s) => s.members.reps,
    source: members('年末在会且为教代会代表', (r) => r.fields.isRep),
  }),
  extra({
    key: 'members.teacherReps',
    label: '其中：专任教师代表',
    unit: '名',
    section: 2,
    paragraph: 3,
    measure: 'count',
    value: (s) => s.members.teacherReps,
    source: members(
      '年末在会、教代会代表且为专任教师',
      (r) => r.fields.isRep && r.fields.staffType === '专任教师',
    ),
  }),
  // （三）
  def({
    key: 'welfare.personTimes',
    label: '慰问教职工',
    unit: '人次',
    section: 3,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.welfare.personTimes,
    source: welfareAll,
  }),
  extra({
    key: 'welfare.persons',
    label: '受慰问教职工',
    unit: '人',
    section: 3,
    paragraph: 1,
    measure: 'distinct',
    value: (s) => s.welfare.persons,
    source: welfareAll,
  }),
  extra({
    key: 'welfare.amount',
    label: '慰问金额',
    unit: '元',
    section: 3,
    paragraph: 1,
    measure: 'sum',
    value: (s) => s.welfare.amount,
    source: welfareAll,
  }),
  def({
    key: 'checkups.persons',
    label: '参加健康体检',
    unit: '人',
    section: 3,
    paragraph: 1,
    measure: 'distinct',
    value: (s) => s.checkups.persons,
    source: ofYear('checkups', '年度内已参检（按工号去重）', (rows) => rows.filter((r) => r.fields.attended)),
  }),
  def({
    key: 'activities.socials',
    label: '联谊活动',
    unit: '',
    section: 3,
    paragraph: 2,
    measure: 'list',
    value: (s) => s.activities.socials.map((x) => x.name).join('、'),
    source: activities('类别为联谊活动', (f) => f.category === '联谊活动'),
  }),
  def({
    key: 'enrolment.placed',
    label: '落实子女入学',
    unit: '人',
    section: 3,
    paragraph: 2,
    measure: 'count',
    value: (s) => s.enrolment.placed,
    source: {
      ledger: 'enrolment',
      filter: '结果为已落实、落实日期在年度内',
      select: (q) =>
        scopedLive(q, 'enrolment').filter(
          (r) => r.fields.result === '已落实' && yearOf(r.fields.placedDate) === q.year,
        ),
    },
  }),
  def({
    key: 'enrolment.byStage',
    label: '子女入学学段',
    unit: '',
    section: 3,
    paragraph: 2,
    measure: 'text',
    sentence: 'enrolment.placed',
    value: (s) => s.enrolment.byStage.map((b) => `${b.stage}${b.count}人`).join('、'),
  }),
  def({
    key: 'honours.redBannerCandidates',
    label: '推荐三八红旗手候选人',
    unit: '名',
    section: 3,
    paragraph: 3,
    measure: 'count',
    value: (s) => s.honours?.redBannerCandidates,
    source: honours(
      '市级、推荐、称号为三八红旗手',
      (f) => f.level === '市级' && f.status === '推荐' && f.title === '三八红旗手',
    ),
  }),
  extra({
    key: 'members.female',
    label: '女会员',
    unit: '人',
    section: 3,
    paragraph: 3,
    measure: 'count',
    value: (s) => s.members.female,
    source: members('年末在会的女会员', (r) => r.fields.gender === '女'),
  }),
  // （四）
  def({
    key: 'activities.schoolSports',
    label: '校级文体活动',
    unit: '场次',
    section: 4,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.activities.schoolSports,
    source: activities('级别为校级、类别为文体活动', sportsSchool),
  }),
  def({
    key: 'awards.external',
    label: '参加上级比赛获奖',
    unit: '项',
    section: 4,
    paragraph: 2,
    measure: 'list',
    value: (s) => s.awards.external.map(awardText).join('；'),
    source: awards('校级以上、非“中国梦·劳动美”主题', false),
  }),
  def({
    key: 'activities.subUnionSports',
    label: '二级工会文体活动',
    unit: '场次',
    section: 4,
    paragraph: 3,
    measure: 'count',
    value: (s) => s.activities.subUnionSports,
    source: activities('级别为二级工会、类别为文体活动', sportsSub),
  }),
  def({
    key: 'activities.subUnionParticipants',
    label: '二级工会文体活动参与',
    unit: '人次',
    section: 4,
    paragraph: 3,
    measure: 'sum',
    value: (s) => s.activities.subUnionParticipants,
    source: activities('级别为二级工会、类别为文体活动（参与人次之和）', sportsSub),
  }),
  // （五）
  def({
    key: 'homes.schoolHome',
    label: '学校职工之家创建',
    unit: '',
    section: 5,
    paragraph: 1,
    measure: 'text',
    value: (s) =>
      s.homes === undefined
        ? undefined
        : s.homes.schoolHome
          ? `${s.homes.schoolHome.title}${s.homes.schoolHome.certBody ? `（${s.homes.schoolHome.certBody}）` : ''}`
          : null,
    source: {
      ledger: 'homes',
      filter: '校工会最近一次认定（先进或模范，认定日期在年度内）',
      select: (q) =>
        latestHomes(q).filter(
          (r) =>
            isSchool(q, r.unit) &&
            ['先进', '模范'].includes(r.fields.grade) &&
            yearOf(r.fields.certDate) === q.year,
        ),
    },
  }),
  def({
    key: 'homes.qualifiedSmallHomes',
    label: '合格职工小家',
    unit: '个',
    section: 5,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.homes?.qualifiedSmallHomes,
    source: smallHomes('各分工会年末最近一次认定为合格', ['合格']),
  }),
  def({
    key: 'homes.advancedSmallHomes',
    label: '先进职工小家',
    unit: '个',
    section: 5,
    paragraph: 1,
    measure: 'count',
    sentence: 'homes.qualifiedSmallHomes',
    value: (s) => s.homes?.advancedSmallHomes,
    source: smallHomes('各分工会年末最近一次认定为先进或模范', ['先进', '模范']),
  }),
  extra({
    key: 'members.total',
    label: '会员总数',
    unit: '人',
    section: 5,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.members.total,
    source: members('年末在会的会员', () => true),
  }),
  extra({
    key: 'members.male',
    label: '男会员',
    unit: '人',
    section: 5,
    paragraph: 1,
    measure: 'count',
    value: (s) => s.members.male,
    source: members('年末在会的男会员', (r) => r.fields.gender === '男'),
  }),
  def({
    key: 'homes.pairings',
    label: '结对共建协议',
    unit: '项',
    section: 5,
    paragraph: 2,
    measure: 'list',
    value: (s) => s.homes?.pairings.length,
    source: pairings,
  }),
  def({
    key: 'activities.cadreStudies',
    label: '工会干部学习培训',
    unit: '',
    section: 5,
    paragraph: 3,
    measure: 'list',
    value: (s) => s.activities.cadreStudies.map((x) => x.name).join('、'),
    source: activities('类别为干部培训', (f) => f.category === '干部培训'),
  }),
  extra({
    key: 'budget.total',
    label: '经费预算',
    unit: '元',
    section: 5,
    paragraph: 3,
    measure: 'sum',
    value: (s) => s.budget.total,
    source: budgetRows,
  }),
  extra({
    key: 'budget.actual',
    label: '实际支出',
    unit: '元',
    section: 5,
    paragraph: 3,
    measure: 'sum',
    value: (s) => s.budget.actual,
    source: expenseRows,
  }),
  extra({
    key: 'budget.rate',
    label: '预算执行率',
    unit: '%',
    section: 5,
    paragraph: 3,
    measure: 'ratio',
    value: (s) => s.budget.rate,
    source: expenseRows,
  }),
];

const BY_KEY = new Map(FIGURES.map((f) => [f.key, f]));

/** The figure of `key`, or undefined for a key the catalogue does not know. */
export function figureDef(key: string): FigureDef | undefined {
  return BY_KEY.get(key);
}

/** The figure's label with its unit, as tables head a value: 慰问教职工（人次）. */
export function labelWithUnit(f: FigureDef): string {
  return f.unit === '' || f.unit === '%' ? f.label : `${f.label}（${f.unit}）`;
}

/** A figure whose value is the number of rows behind it: `total` of its rows equals it. */
export function isCountFigure(f: FigureDef): boolean {
  return f.measure === 'count' && f.source !== undefined;
}

/** The rows behind a figure (null when the figure has no rows: a text made of other figures). */
export function rowsBehind(key: string, q: RowsQuery): { ledger: LedgerKind; rows: StoredRow[] } | null {
  const f = BY_KEY.get(key);
  if (!f?.source) return null;
  return { ledger: f.source.ledger, rows: f.source.select(q) };
}

/** Where a figure comes from, in Chinese: 慰问台账：年度内全部慰问记录，共3226行. */
export function sourceText(f: FigureDef, rowCount: number): string | null {
  if (!f.source) return null;
  return `${ledgers[f.source.ledger].title}：${f.source.filter}，共${rowCount}行`;
}

/** The figures of one paragraph of section 一, in catalogue order. */
export function figuresOf(section: SectionNo, paragraph?: ParagraphNo): FigureDef[] {
  return FIGURES.filter(
    (f) => f.section === section && (paragraph === undefined || f.paragraph === paragraph),
  );
}

import type { AnnualSummary, DraftSentence } from '../../../../shared/summary/index.js';
import { countFormat, FORMAT } from './sheetLayout.js';

/**
 * The rows of the 年度汇总 sheet: one per figure of DOMAIN.md §6 (the seed figures in the
 * order of its table, then the figures returned beside them), each with its JSON key, a
 * Chinese name, the value as a number (counts with their measure word, 元 amounts, rates as
 * percentages) or a text, and the drafted report sentence it fills.
 */
export interface FigureRow {
  key: string;
  name: string;
  value: number | string | null;
  /** Number format of a numeric value. */
  format?: string;
  sentence?: string;
}

type Figure = Omit<FigureRow, 'sentence'>;

const n = (key: string, name: string, value: number | undefined, measure: string): Figure | null =>
  value === undefined ? null : { key, name, value, format: countFormat(measure) };
const ratio = (key: string, name: string, value: number | undefined): Figure | null =>
  value === undefined ? null : { key, name, value, format: FORMAT.percent };
const yuan = (key: string, name: string, value: number): Figure => ({
  key,
  name,
  value,
  format: FORMAT.yuan,
});
const text = (key: string, name: string, value: string | null | undefined): Figure | null =>
  value === undefined ? null : { key, name, value: value === null || value === '' ? '—' : value };

export function figureRows(s: AnnualSummary, sentences: readonly DraftSentence[]): FigureRow[] {
  const { honours, congress, proposals, executive, participation, ideas, homes, mailbox } = s;
  const a = s.activities;
  const award = (w: AnnualSummary['awards']['external'][number]): string =>
    [w.competition, w.group, w.event, w.result].filter((p) => p).join(' ');
  const figures: (Figure | null)[] = [
    // The figures of the seed report, in the order of the §6 table.
    n('honours.advancedCollectives', '工会工作先进集体', honours?.advancedCollectives, '个'),
    n('honours.excellentMembers', '优秀工会会员', honours?.excellentMembers, '名'),
    text('awards.themed', '“中国梦·劳动美”主题赛事获奖', s.awards.themed.map(award).join('；')),
    congress === undefined ? null : text('congress', '双代会', congress?.name ?? null),
    congress ? n('congress.reports', '双代会审议报告', congress.reports.length, '项') : null,
    n('proposals.total', '提案总数', proposals?.total, '件'),
    n('proposals.accepted', '立案提案', proposals?.accepted, '件'),
    ratio('proposals.replyRate', '提案答复率', proposals?.replyRate),
    n('executive.items', '执委会讨论议题', executive?.items.length, '项'),
    n('participation.satIn', '列席校务会的代表', participation?.satIn, '名'),
    n('participation.consulted', '参与文件讨论的代表', participation?.consulted, '名'),
    text('participation.topics', '参与讨论的事项', participation?.topics.join('、')),
    n('ideas.total', '征集点子', ideas?.total, '个'),
    n('ideas.golden', '金点子', ideas?.golden, '个'),
    n('activities.repTrainings', '教代会代表专题培训', a.repTrainings.length, '次'),
    n('welfare.personTimes', '慰问教职工', s.welfare.personTimes, '人次'),
    n('checkups.persons', '参加健康体检', s.checkups.persons, '人'),
    text('activities.socials', '联谊活动', a.socials.map((x) => x.name).join('、')),
    n('enrolment.placed', '落实子女入学', s.enrolment.placed, '人'),
    text(
      'enrolment.byStage',
      '子女入学学段',
      s.enrolment.byStage.map((b) => `${b.stage}${b.count}人`).join('、'),
    ),
    n('honours.redBannerCandidates', '推荐三八红旗手候选人', honours?.redBannerCandidates, '名'),
    n('activities.schoolSports', '校级文体活动', a.schoolSports, '场次'),
    text('awards.external', '参加上级比赛获奖', s.awards.external.map(award).join('；')),
    n('activities.subUnionSports', '二级工会文体活动', a.subUnionSports, '场次'),
    n('activities.subUnionParticipants', '二级工会文体活动参与', a.subUnionParticipants, '人次'),
    homes === undefined
      ? null
      : text(
          'homes.schoolHome',
          '学校职工之家创建',
          homes.schoolHome
            ? `${homes.schoolHome.title}${homes.schoolHome.certBody ? `（${homes.schoolHome.certBody}）` : ''}`
            : null,
        ),
    n('homes.qualifiedSmallHomes', '合格职工小家', homes?.qualifiedSmallHomes, '个'),
    n('homes.advancedSmallHomes', '先进职工小家', homes?.advancedSmallHomes, '个'),
    n('homes.pairings', '结对共建协议', homes?.pairings.length, '项'),
    text('activities.cadreStudies', '工会干部学习培训', a.cadreStudies.map((x) => x.name).join('、')),
    // Returned beside the seed figures (§6, "Figures not in the seed").
    n('members.total', '会员总数', s.members.total, '人'),
    n('members.female', '女会员', s.members.female, '人'),
    n('members.reps', '教代会代表', s.members.reps, '名'),
    n('welfare.persons', '受慰问教职工', s.welfare.persons, '人'),
    yuan('welfare.amount', '慰问金额', s.welfare.amount),
    n('proposals.suggestions', '转意见建议', proposals?.suggestions, '件'),
    n('proposals.rejected', '不立案', proposals?.rejected, '件'),
    n('proposals.satisfied', '提案人满意', proposals?.satisfied, '件'),
    n('proposals.basicallySatisfied', '提案人基本满意', proposals?.basicallySatisfied, '件'),
    n('proposals.dissatisfied', '提案人不满意', proposals?.dissatisfied, '件'),
    n('proposals.closed', '已办结提案', proposals?.closed, '件'),
    n('ideas.excellent', '优秀点子', ideas?.excellent, '个'),
    n('activities.politicalStudies', '思想政治学习', a.politicalStudies, '次'),
    yuan('budget.total', '经费预算', s.budget.total),
    yuan('budget.actual', '实际支出', s.budget.actual),
    ratio('budget.rate', '预算执行率', s.budget.rate),
    n('mailbox.received', '代表信箱来信', mailbox?.received, '件'),
  ];
  const rows: FigureRow[] = figures.filter((f): f is Figure => f !== null).map((f) => ({ ...f }));
  for (const sentence of sentences) {
    const row = rows.find((r) => r.key === sentence.key);
    if (row) row.sentence = row.sentence ? `${row.sentence}；${sentence.text}` : sentence.text;
    else rows.push({ key: sentence.key, name: sentence.key, value: null, sentence: sentence.text });
  }
  return rows;
}

import type { AnnualSummary } from './annual.js';
import { figureDef } from './catalogue.js';
import {
  activityNames,
  count,
  joinList,
  joinSeries,
  monthPart,
  near,
  over,
  percent,
  prose,
} from './render.js';

/**
 * DOMAIN.md §6: the sentences of section 一 of the work report that the annual figures
 * fill, one per figure of the table, in table order, worded as the 2023 seed report words
 * them (so that, for the 2023 figures, each is found in the seed with whitespace ignored).
 * A figure that is absent (a unit's summary has no school-only sections) or empty (no rows,
 * a count of 0) drafts no sentence.
 */
export interface DraftSentence {
  /** The figure's key in the catalogue (catalogue.ts; the first key of its §6 table row). */
  key: string;
  text: string;
}

/** How the report names the school union in its own sentences. */
const SCHOOL_UNION = '学校工会';

/** 干部培训 named `赴{place}学习` are study visits, which the seed groups into one clause. */
const STUDY_VISIT = /^赴(.+?)(?:进行工会工作)?学习$/;

export function draftSentences(s: AnnualSummary): DraftSentence[] {
  const out: DraftSentence[] = [];
  const add = (key: string, text: string | null): void => {
    // A sentence is filed under a figure of the catalogue, so that every table finds it.
    if (!figureDef(key)) throw new Error(`sentence for a figure the catalogue does not know: ${key}`);
    if (text) out.push({ key, text });
  };
  const { honours, awards, congress, proposals, executive, participation, ideas, activities, homes } = s;

  // (一)二
  if (honours && (honours.advancedCollectives > 0 || honours.excellentMembers > 0))
    add(
      'honours.advancedCollectives',
      `表彰了${count(honours.advancedCollectives)}个工会工作先进集体和${count(honours.excellentMembers)}名优秀工会会员`,
    );
  // (一)三
  if (awards.themed.length > 0)
    add(
      'awards.themed',
      awards.themed.map((a) => `在“${prose(a.theme ?? '')}”${prose(a.competition)}获${a.result}`).join('、'),
    );
  // (二)一
  if (congress)
    add(
      'congress',
      congress.reports.length > 0
        ? `召开${prose(congress.name)}。大会听取和审议了${joinSeries(congress.reports.map(prose))}`
        : `召开${prose(congress.name)}`,
    );
  if (proposals && proposals.total > 0)
    add(
      'proposals.total',
      `共提出提案${count(proposals.total)}件，立案${count(proposals.accepted)}件，提案答复率为${percent(proposals.replyRate)}`,
    );
  // (二)二
  if (executive && executive.items.length > 0)
    add(
      'executive.items',
      `召开${joinList(executive.meetings.map(prose))}，讨论了${joinList(executive.items.map(prose))}等`,
    );
  if (participation && participation.satIn > 0)
    add('participation.satIn', `组织${count(participation.satIn)}名教代会代表列席学校校务会`);
  if (participation && participation.consulted > 0 && participation.topics.length > 0)
    add(
      'participation.consulted',
      consultedSentence(participation.consulted, participation.topics.map(prose)),
    );
  if (ideas && ideas.total > 0)
    add('ideas.total', `共征集点子${count(ideas.total)}个，评出“金点子”${count(ideas.golden)}个`);
  // (二)三
  if (activities.repTrainings.length > 0)
    add(
      'activities.repTrainings',
      activities.repTrainings
        .map((t) =>
          t.host
            ? `${monthPart(t.date)}，邀请${prose(t.host)}为教代会代表进行了专题培训`
            : `${monthPart(t.date)}，组织教代会代表进行了专题培训`,
        )
        .join('；'),
    );
  // (三)一
  if (s.welfare.personTimes > 0)
    add('welfare.personTimes', `全年慰问教职工${count(s.welfare.personTimes)}人次`);
  if (s.checkups.persons > 0)
    add('checkups.persons', `组织${count(s.checkups.persons)}名教职工参加了健康体检`);
  // (三)二
  if (activities.socials.length > 0)
    add('activities.socials', `组织教职工参加${activityNames(activities.socials.map(prosed))}`);
  if (s.enrolment.placed > 0)
    add(
      'enrolment.placed',
      `落实了${count(s.enrolment.placed)}名教职工子女就读${joinList(s.enrolment.byStage.map((b) => b.stage))}问题`,
    );
  // (三)三
  if (honours && honours.redBannerCandidates > 0)
    add(
      'honours.redBannerCandidates',
      `推荐${count(honours.redBannerCandidates)}名女教职工作为重庆市三八红旗手候选对象`,
    );
  // (四)一
  if (activities.schoolSports > 0)
    add(
      'activities.schoolSports',
      `先后组织开展了${activityNames(activities.schoolSportsList.map(prosed))}文体活动${near(activities.schoolSports)}场次`,
    );
  // (四)二
  if (awards.external.length > 0)
    add(
      'awards.external',
      `组织教职工参加${awards.external
        .map((a) => `${prose(a.competition)}获${prose(a.group ?? '')}${prose(a.event ?? '')}${a.result}`)
        .join('、')}`,
    );
  // (四)三
  if (activities.subUnionSports > 0)
    add('activities.subUnionSports', `全年开展教职工文体活动${count(activities.subUnionSports)}场次`);
  if (activities.subUnionParticipants > 0)
    add('activities.subUnionParticipants', `参与活动的教职工达${over(activities.subUnionParticipants)}人次`);
  // (五)一
  if (homes?.schoolHome)
    add(
      'homes.schoolHome',
      homes.schoolHome.certBody
        ? `顺利通过了${homes.schoolHome.certBody}系统“${homes.schoolHome.title}”的创建验收`
        : `顺利通过了“${homes.schoolHome.title}”的创建验收`,
    );
  if (homes && (homes.qualifiedSmallHomes > 0 || homes.advancedSmallHomes > 0))
    add(
      'homes.qualifiedSmallHomes',
      `全校建成合格职工小家${count(homes.qualifiedSmallHomes)}个、先进职工小家${count(homes.advancedSmallHomes)}个`,
    );
  // (五)二
  if (homes && homes.pairings.length > 0) add('homes.pairings', pairingsSentence(homes.pairings));
  // (五)三
  if (activities.cadreStudies.length > 0)
    add('activities.cadreStudies', cadreStudiesSentence(activities.cadreStudies.map((a) => prose(a.name))));
  return out;
}

function prosed<T extends { name: string }>(a: T): T {
  return { ...a, name: prose(a.name) };
}

/** As the seed: 7名教代会代表分别参与了A、B的讨论和C讨论. */
function consultedSentence(n: number, topics: readonly string[]): string {
  if (topics.length === 1) return `${count(n)}名教代会代表参与了${topics[0]}的讨论`;
  return `${count(n)}名教代会代表分别参与了${topics.slice(0, -1).join('、')}的讨论和${topics[topics.length - 1]}讨论`;
}

/**
 * As the seed: the school's own pairing is 结对共建 with the partner union; the sub-unions'
 * pairings are listed and 签订了《职工小家“结对共建”协议》.
 */
function pairingsSentence(pairings: NonNullable<AnnualSummary['homes']>['pairings']): string {
  const school = pairings.filter((p) => p.school);
  const subs = pairings.filter((p) => !p.school);
  const parts: string[] = [];
  if (school.length > 0)
    parts.push(`${SCHOOL_UNION}与${joinList(school.map((p) => prose(p.partner)))}“结对共建”`);
  if (subs.length > 0)
    parts.push(
      `${joinList(subs.map((p) => `${p.name}与${prose(p.partner)}`))}签订了《职工小家“结对共建”协议》`,
    );
  return parts.join('，同时');
}

/** As the seed: 先后组织工会干部到A、B进行工会工作学习，组织工会干部参观…. */
function cadreStudiesSentence(names: readonly string[]): string {
  const places = names.map((n) => STUDY_VISIT.exec(n)?.[1]).filter((p): p is string => p !== undefined);
  const others = names.filter((n) => !STUDY_VISIT.test(n));
  const clauses = [...(places.length > 0 ? [`到${places.join('、')}进行工会工作学习`] : []), ...others].map(
    (c) => `组织工会干部${c}`,
  );
  return `${clauses.length > 1 || places.length > 1 ? '先后' : ''}${clauses.join('，')}`;
}

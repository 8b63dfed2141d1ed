import type { AnnualSummary, DraftSentence } from '../../../shared/summary/index.js';
import { COUNT, GridBuilder, MONEY, PERCENT, prepareSheet, queueGrid, type GridLayout } from './grid.js';
import { writeSession } from './session.js';

/** 生成汇总: the 汇总 sheet — the figures of DOMAIN.md §6, the tables by unit, the drafted sentences. */
export const SUMMARY_SHEET = '汇总';

type Figure = [label: string, value: number, unit: string, format: string];

export function summaryLayout(s: AnnualSummary, sentences: readonly DraftSentence[]): GridLayout {
  const g = new GridBuilder([150, 110, 90, 90]);
  g.title(`${s.year}年度工会工作汇总${s.unit ? `（${s.unit}）` : ''}`);
  g.blank();
  g.section('一、主要数字');
  g.header(['项目', '数值', '单位']);
  const figures: Figure[] = [
    ['会员总数', s.members.total, '人', COUNT],
    ['其中：女会员', s.members.female, '人', COUNT],
    ['男会员', s.members.male, '人', COUNT],
    ['教代会代表', s.members.reps, '人', COUNT],
    ['其中：专任教师代表', s.members.teacherReps, '人', COUNT],
    ['慰问人次', s.welfare.personTimes, '人次', COUNT],
    ['慰问人数', s.welfare.persons, '人', COUNT],
    ['慰问金额', s.welfare.amount, '元', MONEY],
    ['体检人数', s.checkups.persons, '人', COUNT],
    ['校级文体活动', s.activities.schoolSports, '次', COUNT],
    ['二级工会文体活动', s.activities.subUnionSports, '次', COUNT],
    ['二级工会活动参与', s.activities.subUnionParticipants, '人次', COUNT],
    ['子女入学已落实', s.enrolment.placed, '人', COUNT],
    ['经费预算', s.budget.total, '元', MONEY],
    ['实际支出', s.budget.actual, '元', MONEY],
    ['预算执行率', s.budget.rate, '', PERCENT],
  ];
  if (s.honours)
    figures.push(
      ['先进集体', s.honours.advancedCollectives, '个', COUNT],
      ['优秀工会会员', s.honours.excellentMembers, '人', COUNT],
    );
  if (s.proposals)
    figures.push(
      ['提案总数', s.proposals.total, '件', COUNT],
      ['立案', s.proposals.accepted, '件', COUNT],
      ['已答复', s.proposals.replied, '件', COUNT],
      ['提案答复率', s.proposals.replyRate, '', PERCENT],
    );
  if (s.ideas) figures.push(['金点子', s.ideas.total, '条', COUNT]);
  if (s.mailbox)
    figures.push(
      ['主席信箱来信', s.mailbox.received, '件', COUNT],
      ['信箱回复率', s.mailbox.replyRate, '', PERCENT],
    );
  if (s.homes)
    figures.push(
      ['合格职工小家', s.homes.qualifiedSmallHomes, '个', COUNT],
      ['先进职工小家', s.homes.advancedSmallHomes, '个', COUNT],
    );
  for (const [label, value, unit, format] of figures) g.row([label, value, unit], [null, format, null]);

  if (s.members.byUnit.length) {
    g.blank();
    g.section('二、各单位会员');
    g.header(['单位', '会员数', '女会员', '代表']);
    for (const u of s.members.byUnit) g.row([u.name, u.total, u.female, u.reps], [null, COUNT, COUNT, COUNT]);
  }
  if (s.welfare.byUnit.length) {
    g.blank();
    g.section('三、各单位慰问');
    g.header(['单位', '人次', '金额（元）']);
    for (const u of s.welfare.byUnit) g.row([u.name, u.personTimes, u.amount], [null, COUNT, MONEY]);
  }
  if (s.welfare.byType.length) {
    g.blank();
    g.section('四、慰问类别');
    g.header(['类别', '人次', '金额（元）']);
    for (const t of s.welfare.byType) g.row([t.type, t.personTimes, t.amount], [null, COUNT, MONEY]);
  }
  g.blank();
  g.section('五、工作报告语句（起草）');
  if (sentences.length === 0) g.row(['（本年度没有可起草的语句）']);
  for (const [i, sentence] of sentences.entries()) g.row([i + 1, sentence.text], [COUNT]);
  if (s.warnings.length) {
    g.blank();
    g.section('提醒');
    for (const w of s.warnings) g.row([w]);
  }
  return g.build();
}

/** Two syncs: does 汇总 exist; then clear or add it, write, and show it. */
export async function writeSummarySheet(
  ctx: Excel.RequestContext,
  summary: AnnualSummary,
  sentences: readonly DraftSentence[],
): Promise<void> {
  const layout = summaryLayout(summary, sentences);
  const sheet = await prepareSheet(ctx, SUMMARY_SHEET);
  await writeSession(ctx, async (budget) => {
    const ws = await sheet.queue(budget);
    await queueGrid(ws, layout, budget);
    ws.activate();
  });
}

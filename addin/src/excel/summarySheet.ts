import {
  summaryHasYear,
  yearReview,
  type AnnualSummary,
  type DraftSentence,
  type ReviewLine,
} from '../../../shared/summary/index.js';
import {
  COUNT,
  GridBuilder,
  MONEY,
  PERCENT,
  prepareSheet,
  queueGrid,
  type GridLayout,
  type GridValue,
} from './grid.js';
import { writeSession } from './session.js';

/** 生成汇总: the 汇总 sheet — the figures of DOMAIN.md §6, the tables by unit, the drafted sentences. */
export const SUMMARY_SHEET = '汇总';

const SIGNED = { count: '+#,##0;-#,##0;0', money: '+#,##0.00;-#,##0.00;0', percent: '+0.00%;-0.00%;0.00%' };

function formatOf(unit: string): string {
  return unit === '元' ? MONEY : unit === '%' ? PERCENT : COUNT;
}

/**
 * The same content as the leadership workbook's first sheet (shared/summary yearReview.ts):
 * the headline block, the report's five parts with each figure's sentence, 上年 / 增减 / 增幅
 * when the previous year's figures are given; then the tables by unit.
 */
export function summaryLayout(
  s: AnnualSummary,
  sentences: readonly DraftSentence[],
  previous?: AnnualSummary,
): GridLayout {
  const review = yearReview({
    summary: s,
    sentences,
    previous: previous && summaryHasYear(previous) ? previous : undefined,
  });
  const compared = review.compared;
  const g = new GridBuilder(compared ? [150, 110, 50, 110, 90, 70, 420] : [150, 110, 50, 420]);
  g.title(`${s.year}年度工会工作汇总${s.unit ? `（${s.unit}）` : ''}`);
  g.blank();
  const cells = (l: ReviewLine, sentence: boolean): [GridValue[], (string | null)[]] => {
    const format = formatOf(l.unit);
    const signed = l.unit === '元' ? SIGNED.money : l.unit === '%' ? SIGNED.percent : SIGNED.count;
    const values: GridValue[] = [l.label, l.value ?? '—', l.unit === '%' ? '' : l.unit];
    const formats: (string | null)[] = [null, format, null];
    if (compared) {
      values.push(l.previous ?? '—', l.change ?? '—', l.growth ?? '—');
      formats.push(format, signed, SIGNED.percent);
    }
    if (sentence) values.push(l.sentence ?? '');
    return [values, formats];
  };
  const columns = compared ? ['指标', '数值', '单位', '上年', '增减', '增幅'] : ['指标', '数值', '单位'];
  g.section('年度要点');
  g.header(columns);
  for (const l of review.headline) g.row(...cells(l, false));
  g.blank();
  g.header([...columns, '报告语句']);
  for (const section of review.sections) {
    if (section.lines.length === 0) continue;
    g.section(section.title);
    for (const l of section.lines) g.row(...cells(l, true));
  }

  if (s.members.byUnit.length) {
    g.blank();
    g.section('附一、各单位会员');
    g.header(['单位', '会员数', '女会员', '代表']);
    for (const u of s.members.byUnit) g.row([u.name, u.total, u.female, u.reps], [null, COUNT, COUNT, COUNT]);
  }
  if (s.welfare.byUnit.length) {
    g.blank();
    g.section('附二、各单位慰问');
    g.header(['单位', '人次', '金额（元）']);
    for (const u of s.welfare.byUnit) g.row([u.name, u.personTimes, u.amount], [null, COUNT, MONEY]);
  }
  if (s.welfare.byType.length) {
    g.blank();
    g.section('附三、慰问类别');
    g.header(['类别', '人次', '金额（元）']);
    for (const t of s.welfare.byType) g.row([t.type, t.personTimes, t.amount], [null, COUNT, MONEY]);
  }
  if (review.warnings.length) {
    g.blank();
    g.section('提醒');
    for (const w of review.warnings) g.row([w]);
  }
  return g.build();
}

/** Two syncs: does 汇总 exist; then clear or add it, write, and show it. */
export async function writeSummarySheet(
  ctx: Excel.RequestContext,
  summary: AnnualSummary,
  sentences: readonly DraftSentence[],
  previous?: AnnualSummary,
): Promise<void> {
  const layout = summaryLayout(summary, sentences, previous);
  const sheet = await prepareSheet(ctx, SUMMARY_SHEET);
  await writeSession(ctx, async (budget) => {
    const ws = await sheet.queue(budget);
    await queueGrid(ws, layout, budget);
    ws.activate();
  });
}

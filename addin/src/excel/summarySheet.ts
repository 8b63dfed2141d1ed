import type { AnnualSummary, DraftSentence } from '../../../shared/summary/index.js';
import { FIGURES } from '../../../shared/summary/catalogue.js';
import { COUNT, GridBuilder, MONEY, PERCENT, prepareSheet, queueGrid, type GridLayout } from './grid.js';
import { writeSession } from './session.js';

/** 生成汇总: the 汇总 sheet — the figures of DOMAIN.md §6, the tables by unit, the drafted sentences. */
export const SUMMARY_SHEET = '汇总';

export function summaryLayout(s: AnnualSummary, sentences: readonly DraftSentence[]): GridLayout {
  const g = new GridBuilder([150, 110, 90, 90]);
  g.title(`${s.year}年度工会工作汇总${s.unit ? `（${s.unit}）` : ''}`);
  g.blank();
  g.section('一、主要数字');
  g.header(['项目', '数值', '单位']);
  for (const f of FIGURES) {
    const value = f.value(s);
    if (typeof value !== 'number') continue;
    g.row([f.label, value, f.unit], [null, f.unit === '元' ? MONEY : f.unit === '%' ? PERCENT : COUNT, null]);
  }

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

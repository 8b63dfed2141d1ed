import type { CellRange } from '../../../shared/sheet/port.js';
import type { BudgetExecution, ExecutionFigures } from '../../../shared/summary/index.js';
import { rangeAddress } from './a1.js';
import { GridBuilder, MONEY, PERCENT, prepareSheet, queueGrid, type GridLayout } from './grid.js';
import type { RequestBudget } from './payload.js';
import { writeSession } from './session.js';

/**
 * 预算执行 (finance): budget against actual per unit, by top-level account and in detail, with
 * two native charts — a clustered bar chart of 预算 vs 实际 per unit and a line chart of the
 * execution rate — and the statuses 超支 / 偏低 / 未执行 highlighted by conditional formats.
 */
export const BUDGET_SHEET = '预算执行';

/** Highlight colours of the statuses (Excel's own "bad", "neutral" and grey styles). */
export const STATUS_STYLES = [
  { text: '超支', fill: '#FFC7CE', font: '#9C0006' },
  { text: '偏低', fill: '#FFEB9C', font: '#9C5700' },
  { text: '未执行', fill: '#D9D9D9', font: '#595959' },
] as const;

export interface BudgetLayout extends GridLayout {
  /** The unit table's header row and its unit rows (合计 excluded), for the charts. */
  chart: { headerRow: number; firstRow: number; lastRow: number } | null;
  /** Columns of the unit table: name, budget, actual, rate. */
  columns: { name: number; budget: number; actual: number; rate: number };
  /** The 状态 cells of every table. */
  statusRanges: CellRange[];
}

const figures = (f: ExecutionFigures): (string | number)[] => [
  f.budget,
  f.actual,
  f.diff,
  f.rate === null ? '' : f.rate / 100,
  f.status,
];
const FIGURE_FORMATS = [MONEY, MONEY, MONEY, PERCENT, null];

export function budgetLayout(e: BudgetExecution): BudgetLayout {
  const previous = e.units.some((u) => u.total.previousRate !== undefined);
  const g = new GridBuilder([150, 90, 110, 110, 110, 80, 80, 80]);
  g.title(`${e.year}年度经费预算执行情况`);
  g.row([
    e.asOf
      ? `截至 ${e.asOf}（全年已过 ${e.elapsed ?? 0}%），执行率目标 ${e.thresholds.target}%`
      : `全年执行情况，执行率目标 ${e.thresholds.target}%`,
  ]);
  g.blank();
  const statusRanges: CellRange[] = [];

  g.section('一、各单位执行情况');
  const headerRow = g.header([
    '单位',
    '预算数（元）',
    '实际支出（元）',
    '差额（元）',
    '执行率',
    '状态',
    ...(previous ? ['上年执行率'] : []),
  ]);
  for (const u of e.units) {
    const prev = u.total.previousRate;
    g.row(
      [
        u.name,
        ...figures(u.total),
        ...(previous ? [prev === null || prev === undefined ? '' : prev / 100] : []),
      ],
      [null, ...FIGURE_FORMATS, PERCENT],
    );
  }
  const lastUnitRow = g.next - 1;
  g.row(['合计', ...figures(e.total)], [null, ...FIGURE_FORMATS]);
  statusRanges.push({ top: headerRow + 1, bottom: g.next - 1, left: 6, right: 6 });

  if (e.byTopLevel.length) {
    g.blank();
    g.section('二、按一级科目');
    const h = g.header(['科目', '名称', '预算数（元）', '实际支出（元）', '差额（元）', '执行率', '状态']);
    for (const l of e.byTopLevel) g.row([l.account, l.name, ...figures(l)], [null, null, ...FIGURE_FORMATS]);
    statusRanges.push({ top: h + 1, bottom: g.next - 1, left: 7, right: 7 });
  }

  const lines = e.units.flatMap((u) => u.lines.map((l) => ({ unit: u.name, l })));
  if (lines.length) {
    g.blank();
    g.section('三、明细');
    const h = g.header([
      '单位',
      '科目',
      '名称',
      '预算数（元）',
      '实际支出（元）',
      '差额（元）',
      '执行率',
      '状态',
    ]);
    for (const { unit, l } of lines)
      g.row([unit, l.account, l.name, ...figures(l)], [null, null, null, ...FIGURE_FORMATS]);
    statusRanges.push({ top: h + 1, bottom: g.next - 1, left: 8, right: 8 });
  }

  return {
    ...g.build(),
    chart: e.units.length ? { headerRow, firstRow: headerRow + 1, lastRow: lastUnitRow } : null,
    columns: { name: 1, budget: 2, actual: 3, rate: 5 },
    statusRanges,
  };
}

/** Charts to the right of the tables. */
const CHART_LEFT = 'J';
const CHART_RIGHT = 'R';

async function queueCharts(ws: Excel.Worksheet, layout: BudgetLayout, budget: RequestBudget): Promise<void> {
  const c = layout.chart;
  if (!c) return;
  const { name, budget: b, actual, rate } = layout.columns;
  await budget.reserve(0);
  // 单位 | 预算数 | 实际支出 are adjacent: the header row names the two series.
  const bar = ws.charts.add(
    'BarClustered',
    ws.getRange(
      rangeAddress({ top: c.headerRow, bottom: c.lastRow, left: name, right: Math.max(b, actual) }),
    ),
    'Columns',
  );
  bar.title.text = '各单位预算与实际支出（元）';
  bar.legend.position = 'Bottom';
  bar.setPosition(`${CHART_LEFT}2`, `${CHART_RIGHT}22`);

  await budget.reserve(0);
  const line = ws.charts.add(
    'LineMarkers',
    ws.getRange(rangeAddress({ top: c.headerRow, bottom: c.lastRow, left: rate, right: rate })),
    'Columns',
  );
  line.series
    .getItemAt(0)
    .setXAxisValues(
      ws.getRange(rangeAddress({ top: c.firstRow, bottom: c.lastRow, left: name, right: name })),
    );
  line.title.text = '各单位预算执行率';
  line.legend.visible = false;
  line.setPosition(`${CHART_LEFT}24`, `${CHART_RIGHT}44`);
}

async function queueStatusFormats(
  ws: Excel.Worksheet,
  layout: BudgetLayout,
  budget: RequestBudget,
): Promise<void> {
  for (const rect of layout.statusRanges)
    for (const style of STATUS_STYLES) {
      await budget.reserve(0);
      const cf = ws.getRange(rangeAddress(rect)).conditionalFormats.add('ContainsText');
      cf.textComparison.format.fill.color = style.fill;
      cf.textComparison.format.font.color = style.font;
      cf.textComparison.rule = { operator: 'Contains', text: style.text };
    }
}

/** Two syncs for a new sheet, three when an old one (and its charts) is replaced. */
export async function writeBudgetExecutionSheet(
  ctx: Excel.RequestContext,
  execution: BudgetExecution,
): Promise<void> {
  const layout = budgetLayout(execution);
  const sheet = await prepareSheet(ctx, BUDGET_SHEET, { charts: true });
  await writeSession(ctx, async (budget) => {
    const ws = await sheet.queue(budget);
    await queueGrid(ws, layout, budget);
    await queueStatusFormats(ws, layout, budget);
    await queueCharts(ws, layout, budget);
    ws.activate();
  });
}

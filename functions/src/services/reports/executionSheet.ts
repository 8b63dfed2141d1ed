import type ExcelJS from 'exceljs';
import type { Settings } from '../../../../shared/settings/index.js';
import type { BudgetExecution, ExecutionFigures, ExecutionStatus } from '../../../../shared/summary/index.js';
import { columnLetters, numbersOf, rangeRef, textsOf, type ChartSpec } from './charts.js';
import { finishSheet, FORMAT, frame, put, writeCaption, writeHeader, writeTitle } from './sheetLayout.js';
import { ratioOf } from './unitSheet.js';

/**
 * 预算执行 (DOMAIN.md §7.2): 一、one row per unit and 合计 — the data of the two charts
 * below it —; 二、per unit, its subtotal and one row per account; 三、the pivot by top-level
 * account across all units. Columns 预算数 / 实际支出 / 执行率 / 差额 / 状态 (and 上年执行率
 * when the previous year had a budget); the status colours the row by conditional formatting.
 */
export const EXECUTION_SHEET = '预算执行';
/** Row of the first table's header; its unit rows start below it. */
export const EXECUTION_HEADER_ROW = 4;
const CHART_ROWS = 22;

const FIGURE_HEADERS = ['预算数', '实际支出', '执行率', '差额', '状态'] as const;
const REFERENCE_HEADERS = ['正常下限', '超支线', '目标执行率'] as const;
const WIDTHS = [26, 18, 18, 11, 18, 11, 11, 10, 10, 11];

/** Conditional formats: the status decides the colour of its row. */
const STATUS_COLOURS: readonly { statuses: readonly ExecutionStatus[]; fill: string; font: string }[] = [
  { statuses: ['超支', '无预算支出'], fill: 'FFFFC7CE', font: 'FF9C0006' },
  { statuses: ['偏低', '进度滞后', '接近上限'], fill: 'FFFFEB9C', font: 'FF9C5700' },
  { statuses: ['未执行'], fill: 'FFE7E6E6', font: 'FF595959' },
];

export interface ExecutionSheetLayout {
  /** First and last unit row of table 一 (the chart data) and its 合计 row. */
  firstUnitRow: number;
  lastUnitRow: number;
  totalRow: number;
}

export function writeExecutionSheet(
  wb: ExcelJS.Workbook,
  execution: BudgetExecution,
  settings: Settings,
  orgName: string,
): { charts: ChartSpec[]; layout: ExecutionSheetLayout } {
  const ws = wb.addWorksheet(EXECUTION_SHEET, { properties: { tabColor: { argb: 'FFC55A11' } } });
  const withPrevious = hasPrevious(execution);
  const figureHeaders: string[] = [...FIGURE_HEADERS, ...(withPrevious ? ['上年执行率'] : [])];
  const width = 1 + figureHeaders.length;
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const t = execution.thresholds;
  writeTitle(ws, 1, `${orgName}${execution.year}年度工会经费预算执行情况`, width + REFERENCE_HEADERS.length);
  writeTitle(
    ws,
    2,
    `执行率 = 实际支出 ÷ 预算数；差额 = 预算数 − 实际支出。状态：高于${t.overspendAbove}%超支，` +
      `${t.normalFrom}%–${t.overspendAbove}%正常，低于${t.normalFrom}%偏低，为0未执行` +
      (execution.asOf
        ? `；按${execution.asOf}的年度进度判断（已过${execution.elapsed}%）。`
        : '（年终口径）。'),
    width + REFERENCE_HEADERS.length,
    true,
  );

  // 一、分单位执行情况 — one row per unit, then 合计; the reference lines of the rate chart beside.
  writeCaption(ws, 3, '一、分单位执行情况');
  writeHeader(ws, EXECUTION_HEADER_ROW, ['单位', ...figureHeaders]);
  writeHeader(ws, EXECUTION_HEADER_ROW, REFERENCE_HEADERS, width + 1);
  let r = EXECUTION_HEADER_ROW + 1;
  const firstUnitRow = r;
  const references = [t.normalFrom, t.overspendAbove, t.target];
  for (const u of execution.units) {
    writeFigures(ws, r, u.name, u.total, withPrevious);
    references.forEach((p, i) => {
      const cell = ws.getCell(r, width + 1 + i);
      put(cell, p / 100, '0%');
      cell.font = { color: { argb: 'FF7F7F7F' } };
    });
    frame(ws, r, 1, width + REFERENCE_HEADERS.length);
    r++;
  }
  const lastUnitRow = r - 1;
  const totalRow = r;
  writeFigures(ws, r, '合计', execution.total, withPrevious);
  frame(ws, r, 1, width, true);
  colourByStatus(ws, firstUnitRow, totalRow, width);

  // Room for the charts of table 一.
  const chartTop = totalRow + 2;
  r = chartTop + CHART_ROWS + 1;

  // 二、分单位分科目明细 — per unit: its subtotal, then one row per account; on a new page.
  ws.getRow(r - 1).addPageBreak();
  writeCaption(ws, r++, '二、分单位分科目明细');
  writeHeader(ws, r++, ['单位 / 科目', ...figureHeaders]);
  const detailFirst = r;
  for (const u of execution.units) {
    writeFigures(ws, r, u.name, u.total, withPrevious);
    frame(ws, r++, 1, width, true);
    for (const line of u.lines) {
      writeFigures(ws, r, `${line.account} ${line.name}`, line, withPrevious);
      ws.getCell(r, 1).alignment = { indent: 2 };
      frame(ws, r++, 1, width);
    }
  }
  writeFigures(ws, r, '合计', execution.total, withPrevious);
  frame(ws, r, 1, width, true);
  colourByStatus(ws, detailFirst, r, width);
  r += 2;

  // 三、按一级科目汇总 — the pivot by top-level account across all units; on a new page.
  ws.getRow(r - 1).addPageBreak();
  writeCaption(ws, r++, '三、按一级科目汇总（全部单位）');
  writeHeader(ws, r++, ['一级科目', ...figureHeaders]);
  const pivotFirst = r;
  for (const line of execution.byTopLevel) {
    writeFigures(ws, r, `${line.account} ${line.name}`, line, withPrevious);
    frame(ws, r++, 1, width);
  }
  writeFigures(ws, r, '合计', execution.total, withPrevious);
  frame(ws, r, 1, width, true);
  colourByStatus(ws, pivotFirst, r, width);

  finishSheet(ws, EXECUTION_HEADER_ROW, { landscape: true, titleRows: [1, 2] });
  const layout = { firstUnitRow, lastUnitRow, totalRow };
  return { charts: executionCharts(ws, execution, settings, layout, chartTop, width), layout };
}

function hasPrevious(execution: BudgetExecution): boolean {
  return execution.units.some((u) => u.total.previousRate !== undefined && u.total.previousRate !== null);
}

function writeFigures(
  ws: ExcelJS.Worksheet,
  r: number,
  label: string,
  f: ExecutionFigures,
  withPrevious: boolean,
): void {
  put(ws.getCell(r, 1), label);
  put(ws.getCell(r, 2), f.budget, FORMAT.yuan);
  put(ws.getCell(r, 3), f.actual, FORMAT.yuan);
  put(ws.getCell(r, 4), f.rate === null ? '—' : ratioOf(f.rate), FORMAT.percent);
  put(ws.getCell(r, 5), f.diff, FORMAT.yuan);
  put(ws.getCell(r, 6), f.status);
  for (const c of [4, 6]) ws.getCell(r, c).alignment = { horizontal: 'center' };
  if (withPrevious) {
    const p = f.previousRate;
    put(ws.getCell(r, 7), p === null || p === undefined ? '—' : ratioOf(p), FORMAT.percent);
    ws.getCell(r, 7).alignment = { horizontal: 'center' };
  }
}

/** Rows [first, last]: the colour of the status in column F, over the whole row. */
function colourByStatus(ws: ExcelJS.Worksheet, first: number, last: number, width: number): void {
  const ref = `A${first}:${columnLetters(width)}${last}`;
  ws.addConditionalFormatting({
    ref,
    rules: STATUS_COLOURS.map((c, i) => ({
      type: 'expression',
      priority: i + 1,
      formulae: [
        c.statuses.length === 1
          ? `$F${first}="${c.statuses[0]}"`
          : `OR(${c.statuses.map((s) => `$F${first}="${s}"`).join(',')})`,
      ],
      style: {
        fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: c.fill } },
        font: { color: { argb: c.font } },
      },
    })),
  });
}

/**
 * Two charts under table 一: clustered bars 预算 vs 实际 of the sub-unions (the school's budget,
 * a hundred times theirs, would flatten their bars; it stays in the table and in the rate
 * chart), and the 执行率 of every unit with the 正常下限 / 超支线 / 目标 lines.
 */
function executionCharts(
  ws: ExcelJS.Worksheet,
  execution: BudgetExecution,
  settings: Settings,
  layout: ExecutionSheetLayout,
  chartTop: number,
  width: number,
): ChartSpec[] {
  const { firstUnitRow, lastUnitRow } = layout;
  if (lastUnitRow < firstUnitRow) return [];
  const schoolRows = execution.units.filter(
    (u) => settings.units.find((s) => s.id === u.unit)?.kind === 'school',
  ).length;
  const barFirst = firstUnitRow + schoolRows <= lastUnitRow ? firstUnitRow + schoolRows : firstUnitRow;
  const header = EXECUTION_HEADER_ROW;
  const year = execution.year;
  const from = { row: chartTop - 1 };
  const bottom = chartTop - 1 + CHART_ROWS;
  return [
    {
      sheet: EXECUTION_SHEET,
      kind: 'bar',
      title: barFirst > firstUnitRow ? `${year}年各分工会预算与实际支出` : `${year}年各单位预算与实际支出`,
      categories: textsOf(ws, 1, barFirst, lastUnitRow),
      series: [
        {
          name: '预算数',
          nameRef: rangeRef(EXECUTION_SHEET, 2, header),
          values: numbersOf(ws, 2, barFirst, lastUnitRow),
          color: '5B9BD5',
        },
        {
          name: '实际支出',
          nameRef: rangeRef(EXECUTION_SHEET, 3, header),
          values: numbersOf(ws, 3, barFirst, lastUnitRow),
          color: 'ED7D31',
        },
      ],
      valueFormat: '#,##0',
      valueAxisTitle: '元',
      valueMin: 0,
      from: { ...from, col: 0 },
      to: { col: 4, row: bottom },
    },
    {
      sheet: EXECUTION_SHEET,
      kind: 'line',
      title: `${year}年各单位预算执行率`,
      categories: textsOf(ws, 1, firstUnitRow, lastUnitRow),
      series: [
        {
          name: '执行率',
          nameRef: rangeRef(EXECUTION_SHEET, 4, header),
          values: numbersOf(ws, 4, firstUnitRow, lastUnitRow),
          color: '2F5597',
        },
        ...REFERENCE_HEADERS.map((name, i) => ({
          name,
          nameRef: rangeRef(EXECUTION_SHEET, width + 1 + i, header),
          values: numbersOf(ws, width + 1 + i, firstUnitRow, lastUnitRow),
          color: ['BF9000', 'C00000', '70AD47'][i]!,
          dashed: true,
        })),
      ],
      valueFormat: '0%',
      valueMin: 0,
      from: { ...from, col: 4 },
      to: { col: width + REFERENCE_HEADERS.length, row: bottom },
    },
  ];
}

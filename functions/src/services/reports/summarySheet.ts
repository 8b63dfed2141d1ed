import type ExcelJS from 'exceljs';
import type { Settings } from '../../../../shared/settings/index.js';
import type { AnnualSummary, ReviewLine, YearReview } from '../../../../shared/summary/index.js';
import { numbersOf, rangeRef, textsOf, type ChartSpec } from './charts.js';
import {
  countFormat,
  displayWidth,
  finishSheet,
  FORMAT,
  formatOf,
  frame,
  put,
  writeCaption,
  writeHeader,
  writeTitle,
} from './sheetLayout.js';

export const SUMMARY_SHEET = '年度汇总';

export interface SummarySheetInput {
  review: YearReview;
  settings: Settings;
  year: number;
  /** 生成时间 as shown (Asia/Shanghai). */
  generatedText: string;
  /** Figure key → the internal address of the rows behind it (指标来源). */
  links: ReadonlyMap<string, string>;
}

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const SIGNED = { count: '+#,##0;-#,##0;0', yuan: '+#,##0.00;-#,##0.00;0', percent: '+0.00%;-0.00%;0.00%' };

/**
 * 年度汇总, the first sheet a leader reads (shared/summary yearReview.ts): the headline block,
 * then the report's five parts, each figure with its sentence and, when the previous year has
 * data, 上年, 增减 and 增幅. Chinese only: figures are named by their catalogue labels, and each
 * label links to the rows behind it on 指标来源.
 */
export function writeSummarySheet(wb: ExcelJS.Workbook, input: SummarySheetInput): void {
  const { review, settings, year } = input;
  const headers = review.compared
    ? ['指标', '数值', '单位', '上年', '增减', '增幅', '报告语句']
    : ['指标', '数值', '单位', '报告语句'];
  const widths = review.compared ? [28, 18, 7, 18, 14, 10, 70] : [28, 18, 7, 80];
  const ws = wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF2F5597' } } });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  writeTitle(ws, 1, `${settings.orgName}${year}年度工作汇总`, widths.length);
  writeTitle(
    ws,
    2,
    `生成时间：${input.generatedText}（北京时间）。数值为已入库台账在${year}年的统计${
      review.compared ? `，上年为${year - 1}年` : ''
    }；报告语句为工作报告第一部分的起草稿；点击指标名称可查看其来源记录。`,
    widths.length,
    true,
  );

  const writeLine = (r: number, l: ReviewLine, big = false): void => {
    const name = ws.getCell(r, 1);
    const link = input.links.get(l.key);
    if (link) {
      name.value = { text: l.label, hyperlink: link, tooltip: '查看来源记录' };
      name.font = { ...LINK_FONT, ...(big ? { bold: true } : {}) };
    } else put(name, l.label);
    const format = typeof l.value === 'number' ? formatOf(l.unit) : undefined;
    put(ws.getCell(r, 2), l.value ?? '—', format);
    put(ws.getCell(r, 3), l.unit === '%' ? '' : l.unit);
    if (review.compared) {
      put(ws.getCell(r, 4), l.previous ?? '—', typeof l.previous === 'number' ? format : undefined);
      const signed = l.unit === '元' ? SIGNED.yuan : l.unit === '%' ? SIGNED.percent : SIGNED.count;
      put(ws.getCell(r, 5), l.change ?? '—', typeof l.change === 'number' ? signed : undefined);
      put(ws.getCell(r, 6), l.growth ?? '—', typeof l.growth === 'number' ? SIGNED.percent : undefined);
    }
    if (!big) put(ws.getCell(r, widths.length), l.sentence);
    for (let c = 1; c <= widths.length; c++) {
      const cell = ws.getCell(r, c);
      const numeric = typeof cell.value === 'number';
      cell.alignment = { vertical: 'top', wrapText: !numeric, horizontal: numeric ? 'right' : 'left' };
    }
    if (big) ws.getCell(r, 2).font = { bold: true, size: 13 };
    frame(ws, r, 1, widths.length);
    ws.getRow(r).height = big
      ? 20
      : rowHeight([
          [l.sentence, widths[widths.length - 1]!],
          [typeof l.value === 'string' ? l.value : '', widths[1]!],
        ]);
  };

  let r = 3;
  writeCaption(ws, r++, '年度要点');
  for (const l of review.headline) writeLine(r++, l, true);
  r++;
  writeHeader(ws, r++, headers);
  for (const section of review.sections) {
    if (section.lines.length === 0) continue;
    const cell = ws.getCell(r, 1);
    put(cell, section.title);
    ws.mergeCells(r, 1, r, widths.length);
    cell.font = { bold: true, size: 12 };
    cell.fill = SECTION_FILL;
    r++;
    for (const l of section.lines) writeLine(r++, l);
  }

  if (review.warnings.length > 0) {
    r++;
    writeCaption(ws, r++, '提醒');
    for (const w of review.warnings) {
      put(ws.getCell(r, 1), w);
      ws.mergeCells(r, 1, r, widths.length);
      ws.getCell(r, 1).font = { color: { argb: 'FF9C5700' } };
      r++;
    }
  }

  finishSheet(ws, 2, { landscape: true, titleRows: [1, 2] });
}

export const WELFARE_SHEET = '慰问统计';

/** 慰问统计: welfare person-times and amounts by type, and the bar chart of the person-times. */
export function writeWelfareSheet(wb: ExcelJS.Workbook, summary: AnnualSummary, year: number): ChartSpec[] {
  const ws = wb.addWorksheet(WELFARE_SHEET);
  [20, 14, 18].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  writeTitle(ws, 1, `${year}年慰问情况（按慰问类别）`, 3);
  writeTitle(ws, 2, '一行慰问记录为一人次。', 3, true);
  writeHeader(ws, 3, ['慰问类别', '人次', '金额']);
  let r = 4;
  for (const t of summary.welfare.byType) {
    put(ws.getCell(r, 1), t.type);
    put(ws.getCell(r, 2), t.personTimes, countFormat('人次'));
    put(ws.getCell(r, 3), t.amount, FORMAT.yuan);
    frame(ws, r, 1, 3);
    r++;
  }
  const last = r - 1;
  put(ws.getCell(r, 1), '合计');
  put(ws.getCell(r, 2), summary.welfare.personTimes, countFormat('人次'));
  put(ws.getCell(r, 3), summary.welfare.amount, FORMAT.yuan);
  frame(ws, r, 1, 3, true);
  finishSheet(ws, 3, { landscape: true, titleRows: [3, 3] });
  if (last < 4) return [];
  return [
    {
      sheet: WELFARE_SHEET,
      kind: 'bar',
      title: `${year}年慰问人次（按类别）`,
      categories: textsOf(ws, 1, 4, last),
      series: [
        {
          name: '人次',
          nameRef: rangeRef(WELFARE_SHEET, 2, 3),
          values: numbersOf(ws, 2, 4, last),
          color: '4472C4',
        },
      ],
      valueFormat: '#,##0',
      valueAxisTitle: '人次',
      valueMin: 0,
      from: { col: 4, row: 2 },
      to: { col: 12, row: 24 },
    },
  ];
}

/** Row height (points) for wrapped texts: 15 per line of the widest cell. */
function rowHeight(cells: readonly [string | undefined, number][]): number {
  const lines = Math.max(
    1,
    ...cells.map(([text, width]) => Math.ceil(displayWidth(text ?? '') / (width - 2))),
  );
  return Math.max(18, lines * 15 + 3);
}

import type ExcelJS from 'exceljs';
import type { Settings } from '../../../../shared/settings/index.js';
import type { AnnualSummary, DraftSentence } from '../../../../shared/summary/index.js';
import { numbersOf, rangeRef, textsOf, type ChartSpec } from './charts.js';
import { figureRows } from './figures.js';
import {
  countFormat,
  displayWidth,
  finishSheet,
  FORMAT,
  frame,
  put,
  writeCaption,
  writeHeader,
  writeTitle,
} from './sheetLayout.js';

export const SUMMARY_SHEET = '年度汇总';
export const SUMMARY_HEADERS = ['指标键', '中文名称', '数值', '报告语句'] as const;
/** The header row of the figures table (title and subtitle above it). */
export const SUMMARY_HEADER_ROW = 3;

const WIDTHS = [34, 26, 22, 80];

export interface SummarySheetInput {
  summary: AnnualSummary;
  sentences: readonly DraftSentence[];
  settings: Settings;
  year: number;
  /** 生成时间 as shown (Asia/Shanghai). */
  generatedText: string;
}

/** 年度汇总: one row per figure with its drafted sentence, then the summary's warnings. */
export function writeSummarySheet(wb: ExcelJS.Workbook, input: SummarySheetInput): void {
  const { summary, settings, year } = input;
  const ws = wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF2F5597' } } });
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  writeTitle(ws, 1, `${settings.orgName}${year}年度工作汇总`, WIDTHS.length);
  writeTitle(
    ws,
    2,
    `生成时间：${input.generatedText}（北京时间）。数值为已入库台账在${year}年的统计；报告语句为工作报告第一部分的起草稿。`,
    WIDTHS.length,
    true,
  );
  writeHeader(ws, SUMMARY_HEADER_ROW, SUMMARY_HEADERS);

  let r = SUMMARY_HEADER_ROW + 1;
  for (const f of figureRows(summary, input.sentences)) {
    put(ws.getCell(r, 1), f.key);
    put(ws.getCell(r, 2), f.name);
    put(ws.getCell(r, 3), f.value, f.format);
    put(ws.getCell(r, 4), f.sentence);
    ws.getCell(r, 1).font = { color: { argb: 'FF7F7F7F' }, size: 9 };
    ws.getCell(r, 1).alignment = { vertical: 'top' };
    ws.getCell(r, 2).alignment = { vertical: 'top', wrapText: true };
    ws.getCell(r, 3).alignment = {
      horizontal: typeof f.value === 'number' ? 'right' : 'left',
      wrapText: true,
      vertical: 'top',
    };
    ws.getCell(r, 4).alignment = { wrapText: true, vertical: 'top' };
    frame(ws, r, 1, 4);
    ws.getRow(r).height = rowHeight([
      [f.sentence, WIDTHS[3]!],
      [typeof f.value === 'string' ? f.value : '', WIDTHS[2]!],
    ]);
    r++;
  }

  if (summary.warnings.length > 0) {
    r++;
    writeCaption(ws, r++, '提醒');
    for (const w of summary.warnings) {
      put(ws.getCell(r, 1), w);
      ws.mergeCells(r, 1, r, WIDTHS.length);
      ws.getCell(r, 1).font = { color: { argb: 'FF9C5700' } };
      r++;
    }
  }

  finishSheet(ws, SUMMARY_HEADER_ROW, {
    landscape: true,
    titleRows: [SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW],
  });
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

import type ExcelJS from 'exceljs';
import { setText } from './safeText.js';

/**
 * What every sheet of a generated workbook shares: Chinese number formats, the title and
 * header styles, one way of writing a value into a cell (strings always through
 * `safeText`), column widths for CJK text, frozen headers and the print setup.
 */

export const FORMAT = {
  /** 元 amounts. */
  yuan: '#,##0.00"元"',
  /** Rates are stored as ratios (0.8978) and shown as 89.78%. */
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
  integer: '#,##0',
  /** Plain whole numbers without a thousands separator (年度 2023). */
  plain: '0',
} as const;

/** A count with its Chinese measure word: 3226 → 3,226人次. */
export function countFormat(measure: string): string {
  return measure ? `#,##0"${measure}"` : FORMAT.integer;
}

/** The number format of a figure by its catalogue unit: 元, a rate, or a count with its measure word. */
export function formatOf(unit: string): string {
  return unit === '元' ? FORMAT.yuan : unit === '%' ? FORMAT.percent : countFormat(unit);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

export type Value = string | number | boolean | Date | null | undefined;

/**
 * Writes a value: strings through safeText (never a formula), booleans as 是/否, numbers and
 * dates as themselves with the given number format.
 */
export function put(cell: ExcelJS.Cell, value: Value, numFmt?: string): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') setText(cell, value);
  else if (typeof value === 'boolean') setText(cell, value ? '是' : '否');
  else {
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
  }
}

/** A sheet title in row `row`, merged across `width` columns. */
export function writeTitle(
  ws: ExcelJS.Worksheet,
  row: number,
  text: string,
  width: number,
  sub = false,
): void {
  const cell = ws.getCell(row, 1);
  put(cell, text);
  cell.font = sub ? { size: 10, color: { argb: 'FF595959' } } : { bold: true, size: 14 };
  cell.alignment = { horizontal: sub ? 'left' : 'center', vertical: 'middle' };
  if (width > 1) ws.mergeCells(row, 1, row, width);
  ws.getRow(row).height = sub ? 18 : 24;
}

/** A bold, filled, bordered header row starting at column `col`. */
export function writeHeader(ws: ExcelJS.Worksheet, row: number, headers: readonly string[], col = 1): void {
  headers.forEach((h, i) => {
    const cell = ws.getCell(row, col + i);
    put(cell, h);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  ws.getRow(row).height = 20;
}

/** A section caption inside a sheet (一、分单位执行情况). */
export function writeCaption(ws: ExcelJS.Worksheet, row: number, text: string): void {
  const cell = ws.getCell(row, 1);
  put(cell, text);
  cell.font = { bold: true, size: 12 };
}

/** Borders (and optionally the group fill and bold) on cells [fromCol, toCol] of a row. */
export function frame(
  ws: ExcelJS.Worksheet,
  row: number,
  fromCol: number,
  toCol: number,
  group = false,
): void {
  for (let c = fromCol; c <= toCol; c++) {
    const cell = ws.getCell(row, c);
    cell.border = BORDER;
    if (group) {
      cell.fill = GROUP_FILL;
      cell.font = { bold: true };
    }
  }
}

/** Roughly how many character cells a value needs: CJK characters count double. */
export function displayWidth(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const text =
    value instanceof Date
      ? '2023-12-31'
      : typeof value === 'number'
        ? value.toLocaleString('en')
        : String(value);
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Column widths from the longest value of each column (header included), clamped. */
export function fitColumns(
  ws: ExcelJS.Worksheet,
  columns: readonly { header: string; sample: readonly unknown[]; extra?: number }[],
  max = 50,
): void {
  columns.forEach((c, i) => {
    const longest = Math.max(displayWidth(c.header), ...c.sample.map(displayWidth));
    ws.getColumn(i + 1).width = Math.min(Math.max(longest + 2 + (c.extra ?? 0), 8), max);
  });
}

export interface PrintOptions {
  /** Landscape for wide sheets. */
  landscape: boolean;
  /** The rows repeated at the top of every printed page, e.g. [1, 3]. */
  titleRows: [number, number];
}

/** Frozen rows above `frozenRows + 1`, A4, fit to one page wide, header rows repeated. */
export function finishSheet(ws: ExcelJS.Worksheet, frozenRows: number, print: PrintOptions): void {
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: frozenRows, topLeftCell: `A${frozenRows + 1}` }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: print.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.pageSetup.printTitlesRow = `${print.titleRows[0]}:${print.titleRows[1]}`;
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

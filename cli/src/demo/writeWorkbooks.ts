import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { demoSettingsFile } from '../../../shared/demo/index.js';
import type { DemoSheet, DemoWorkbook } from '../../../shared/demo/index.js';

/**
 * Writes the demo workbooks of shared/demo as .xlsx files, the way an officer's sheets look:
 * title rows merged across the header width, a bold frozen header, text format on 工号
 * columns so leading zeros survive, column widths to fit, footer rows below the data.
 */
export async function writeDemoWorkbooks(books: readonly DemoWorkbook[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const book of books) {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'union-ledger demo';
    // A fixed date, so that the document properties do not change from run to run.
    wb.created = new Date(Date.UTC(2023, 11, 31));
    wb.modified = wb.created;
    for (const sheet of book.sheets) writeSheet(wb, sheet);
    const file = path.join(dir, book.file);
    await wb.xlsx.writeFile(file);
    files.push(file);
  }
  return files;
}

/** settings.json beside the workbooks: the organisation the demo is validated against. */
export async function writeSettingsFile(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  await writeFile(file, `${JSON.stringify(demoSettingsFile(), null, 2)}\n`, 'utf8');
  return file;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };

function writeSheet(wb: ExcelJS.Workbook, sheet: DemoSheet): void {
  const width = Math.max(sheet.headers.length, 1);
  const headerRow = sheet.titleRows.length + 1;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });

  // Column formats first, so that every cell written below inherits them.
  for (const [index, numFmt] of Object.entries(sheet.columnFormats ?? {}))
    ws.getColumn(Number(index) + 1).numFmt = numFmt;

  sheet.titleRows.forEach((title, i) => {
    const r = i + 1;
    const cell = ws.getCell(r, 1);
    cell.value = title;
    cell.numFmt = 'General';
    cell.font = i === 0 ? { bold: true, size: 14 } : { size: 10 };
    cell.alignment = { horizontal: i === 0 ? 'center' : 'left', vertical: 'middle' };
    if (width > 1) ws.mergeCells(r, 1, r, width);
  });

  sheet.headers.forEach((header, c) => {
    const cell = ws.getCell(headerRow, c + 1);
    cell.value = header;
    cell.numFmt = 'General';
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });

  let r = headerRow + 1;
  for (const row of sheet.rows) writeRow(ws, r++, row);
  for (const row of sheet.footerRows ?? []) {
    writeRow(ws, r, row);
    ws.getRow(r).font = { bold: isTotal(row) };
    r++;
  }

  sheet.headers.forEach((header, c) => {
    const longest = Math.max(
      displayWidth(header),
      ...sheet.rows.slice(0, 500).map((row) => displayWidth(row[c])),
    );
    ws.getColumn(c + 1).width = Math.min(Math.max(longest + 2, 6), 50);
  });
}

function writeRow(ws: ExcelJS.Worksheet, r: number, values: readonly unknown[]): void {
  values.forEach((v, c) => {
    const value = cellValue(v);
    if (value !== null) ws.getCell(r, c + 1).value = value;
  });
}

/**
 * Strings are always written as strings: exceljs writes a formula only for `{ formula }`, so
 * a cell typed as `=1+1` stays text. Anything that is not a plain cell value becomes its text.
 */
function cellValue(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}

function isTotal(row: readonly unknown[]): boolean {
  const first = row.find((v) => v !== null && v !== undefined && v !== '');
  return typeof first === 'string' && /^(合|总|小|共)\s*计/.test(first.trim());
}

/** Roughly how many character cells a value needs: CJK characters count double. */
function displayWidth(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const text = v instanceof Date ? '2023年12月31日' : String(v);
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { detectLayout, readRows, STATE_SHEET, type LedgerSheet } from '../../../shared/sheet/index.js';
import { ExcelJsSheet } from './exceljsSheet.js';
import { openWorkbook } from './openWorkbook.js';

export interface OpenedFile {
  file: string;
  workbook: ExcelJS.Workbook;
  sheets: LedgerSheet[];
}

/** Read every visible worksheet of the files and bind each to a ledger (or to none). */
export async function readLedgerFiles(files: readonly string[], kind?: LedgerKind): Promise<OpenedFile[]> {
  const opened: OpenedFile[] = [];
  for (const file of files) {
    const workbook = await openWorkbook(file);
    const sheets: LedgerSheet[] = [];
    for (const ws of workbook.worksheets) {
      if (ws.name === STATE_SHEET || ws.state === 'veryHidden') continue;
      const used = await new ExcelJsSheet(ws).readUsedRange();
      const layout = detectLayout(used, { sheetName: ws.name, ...(kind ? { kind } : {}) });
      sheets.push({ source: path.basename(file), sheet: ws.name, layout, rows: readRows(used, layout) });
    }
    opened.push({ file, workbook, sheets });
  }
  return opened;
}

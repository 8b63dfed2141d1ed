import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import {
  detectLayout,
  readRows,
  STATE_SHEET,
  type DetectOptions,
  type LedgerSheet,
} from '../../../shared/sheet/index.js';
import { ExcelJsSheet } from './exceljsSheet.js';
import { openWorkbook } from './openWorkbook.js';

export interface OpenedFile {
  file: string;
  workbook: ExcelJS.Workbook;
  sheets: LedgerSheet[];
}

export interface ReadOptions {
  kind?: LedgerKind | undefined;
  /** The organisation, so that 工作单位 naming its units binds as 所属工会 (DetectOptions.context). */
  context?: DetectOptions['context'];
}

/** Read every visible worksheet of the files and bind each to a ledger (or to none). */
export async function readLedgerFiles(
  files: readonly string[],
  opts: ReadOptions = {},
): Promise<OpenedFile[]> {
  const { kind, context } = opts;
  const opened: OpenedFile[] = [];
  for (const file of files) {
    const workbook = await openWorkbook(file);
    const sheets: LedgerSheet[] = [];
    for (const ws of workbook.worksheets) {
      if (ws.name === STATE_SHEET || ws.state === 'veryHidden') continue;
      const used = await new ExcelJsSheet(ws).readUsedRange();
      const layout = detectLayout(used, {
        sheetName: ws.name,
        ...(kind ? { kind } : {}),
        ...(context ? { context } : {}),
      });
      sheets.push({ source: path.basename(file), sheet: ws.name, layout, rows: readRows(used, layout) });
    }
    opened.push({ file, workbook, sheets });
  }
  return opened;
}

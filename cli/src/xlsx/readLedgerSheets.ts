import path from 'node:path';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { detectLayout, readRows, type DetectOptions, type LedgerSheet } from '../../../shared/sheet/index.js';
import { openWorkbookFile } from '../file/workbookFile.js';
import type { XlsxWorkbook } from './package/xlsxWorkbook.js';

export interface OpenedFile {
  file: string;
  workbook: XlsxWorkbook;
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
    const { book } = await openWorkbookFile(file);
    const sheets: LedgerSheet[] = [];
    for (const name of await book.sheetNames()) {
      const used = await book.sheet(name).readUsedRange();
      const layout = detectLayout(used, {
        sheetName: name,
        ...(kind ? { kind } : {}),
        ...(context ? { context } : {}),
      });
      sheets.push({ source: path.basename(file), sheet: name, layout, rows: readRows(used, layout) });
    }
    opened.push({ file, workbook: book, sheets });
  }
  return opened;
}

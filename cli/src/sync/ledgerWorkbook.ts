import path from 'node:path';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgerSheet, type LedgerSheet } from '../../../shared/sheet/engine/index.js';
import type { SheetState } from '../../../shared/sheet/index.js';
import { saveWorkbookFile, type SaveOutcome } from '../file/saveWorkbook.js';
import { openWorkbookFile, type OpenedWorkbook } from '../file/workbookFile.js';
import type { XlsxWorkbook } from '../xlsx/package/xlsxWorkbook.js';

/** One worksheet read for sync (shared/sheet/engine): its layout, rows as they travel, state. */
export type SyncSheet = LedgerSheet;

export interface SyncWorkbook {
  file: string;
  /** The file name, for reports. */
  name: string;
  port: XlsxWorkbook;
  /** The file as read (to notice it changing on disk before the results are saved). */
  opened: OpenedWorkbook;
  /** Every state row of the workbook, including those of sheets not read now. */
  states: SheetState[];
  stateDamaged: boolean;
  sheets: SyncSheet[];
}

/** Saves the written-back workbook safely (cli/src/file/saveWorkbook.ts). */
export async function saveSyncWorkbook(book: SyncWorkbook): Promise<SaveOutcome> {
  return saveWorkbookFile(book.opened, await book.port.toBuffer());
}

/** Every sheet of a file read once, through the engine's reading of a ledger sheet. */
export async function openSyncWorkbook(file: string, kind?: LedgerKind): Promise<SyncWorkbook> {
  const opened = await openWorkbookFile(file);
  const port = opened.book;
  const { states, damaged } = port.readStateDetailed();
  const sheets: SyncSheet[] = [];
  for (const name of await port.sheetNames())
    sheets.push(await readSyncSheet(port, name, states, kind, damaged));
  return { file, name: path.basename(file), port, opened, states, stateDamaged: damaged, sheets };
}

export async function readSyncSheet(
  port: XlsxWorkbook,
  name: string,
  states: readonly SheetState[],
  kind?: LedgerKind,
  stateDamaged = false,
): Promise<SyncSheet> {
  const used = await port.sheet(name).readUsedRange();
  return ledgerSheet(name, used, states, { kind: kind ?? null, stateDamaged });
}

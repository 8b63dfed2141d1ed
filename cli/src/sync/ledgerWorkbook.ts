import path from 'node:path';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgerSheet, type LedgerSheet } from '../../../shared/sheet/engine/index.js';
import type { SheetState } from '../../../shared/sheet/index.js';
import { ExcelJsWorkbook } from '../xlsx/exceljsWorkbook.js';
import { openWorkbook } from '../xlsx/openWorkbook.js';

/** One worksheet read for sync (shared/sheet/engine): its layout, rows as they travel, state. */
export type SyncSheet = LedgerSheet;

export interface SyncWorkbook {
  file: string;
  /** The file name, for reports. */
  name: string;
  port: ExcelJsWorkbook;
  /** Every state row of the workbook, including those of sheets not read now. */
  states: SheetState[];
  stateDamaged: boolean;
  sheets: SyncSheet[];
}

/** Every sheet of a file read once, through the engine's reading of a ledger sheet. */
export async function openSyncWorkbook(file: string, kind?: LedgerKind): Promise<SyncWorkbook> {
  const port = new ExcelJsWorkbook(await openWorkbook(file));
  const { states, damaged } = port.readStateDetailed();
  const sheets: SyncSheet[] = [];
  for (const name of await port.sheetNames())
    sheets.push(await readSyncSheet(port, name, states, kind, damaged));
  return { file, name: path.basename(file), port, states, stateDamaged: damaged, sheets };
}

export async function readSyncSheet(
  port: ExcelJsWorkbook,
  name: string,
  states: readonly SheetState[],
  kind?: LedgerKind,
  stateDamaged = false,
): Promise<SyncSheet> {
  const used = await port.sheet(name).readUsedRange();
  return ledgerSheet(name, used, states, { kind: kind ?? null, stateDamaged });
}

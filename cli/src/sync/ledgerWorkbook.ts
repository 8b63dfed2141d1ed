import path from 'node:path';
import { ledgerKindSchema, type LedgerKind } from '../../../shared/ledgers/define.js';
import type { Issue } from '../../../shared/ledgers/issue.js';
import {
  detectLayout,
  maskIdentity,
  readRows,
  type SheetLayout,
  type SheetRow,
  type SheetState,
  type UsedRange,
} from '../../../shared/sheet/index.js';
import { saveWorkbookFile, type SaveOutcome } from '../file/saveWorkbook.js';
import { openWorkbookFile, type OpenedWorkbook } from '../file/workbookFile.js';
import type { XlsxSheet, XlsxWorkbook } from '../xlsx/package/xlsxWorkbook.js';

/** One worksheet read for sync: its layout, its rows as they travel, and its sync state. */
export interface SyncSheet {
  name: string;
  port: XlsxSheet;
  used: UsedRange;
  layout: SheetLayout;
  /** Null when the sheet is not a ledger (no kind or no header row): it is left alone. */
  kind: LedgerKind | null;
  /** readRows, then maskIdentity (§4.6): exactly what a push sends and hashes. */
  rows: SheetRow[];
  /** §4.6 warnings by sheet row: the CLI marks the cells of full identity numbers it shortened. */
  maskIssues: Map<number, Issue[]>;
  /** The sheet's state, when it belongs to the same kind. */
  state: SheetState | undefined;
}

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

export async function openSyncWorkbook(file: string, kind?: LedgerKind): Promise<SyncWorkbook> {
  const opened = await openWorkbookFile(file);
  const port = opened.book;
  const { states, damaged } = port.readStateDetailed();
  const sheets: SyncSheet[] = [];
  for (const name of await port.sheetNames())
    sheets.push(await readSyncSheet(port.sheet(name), states, kind));
  return { file, name: path.basename(file), port, opened, states, stateDamaged: damaged, sheets };
}

export async function readSyncSheet(
  port: XlsxSheet,
  states: readonly SheetState[],
  kind?: LedgerKind,
): Promise<SyncSheet> {
  const name = port.name;
  const saved = states.find((s) => s.sheet === name);
  const savedKind = saved ? ledgerKindSchema.safeParse(saved.kind) : undefined;
  const remembered = kind ?? (savedKind?.success ? savedKind.data : undefined);
  const used = await port.readUsedRange();
  const layout = detectLayout(used, {
    sheetName: name,
    ...(remembered ? { kind: remembered } : {}),
    ...(saved?.bindings ? { bindings: saved.bindings } : {}),
  });
  const usable = layout.kind !== null && layout.headerRow !== null && layout.columns.length > 0;
  const { rows, maskIssues } = usable ? syncRows(used, layout) : { rows: [], maskIssues: new Map() };
  return {
    name,
    port,
    used,
    layout,
    kind: usable ? layout.kind : null,
    rows,
    maskIssues,
    state: saved && saved.kind === layout.kind ? saved : undefined,
  };
}

export function syncRows(
  used: UsedRange,
  layout: SheetLayout,
): { rows: SheetRow[]; maskIssues: Map<number, Issue[]> } {
  const maskIssues = new Map<number, Issue[]>();
  const rows = readRows(used, layout).map((row) => {
    const masked = maskIdentity(row);
    if (masked.issues.length) maskIssues.set(row.sheetRow, masked.issues);
    return masked.row;
  });
  return { rows, maskIssues };
}

/** The state rows of a workbook with one sheet's row replaced (or added). */
export function withState(states: readonly SheetState[], state: SheetState): SheetState[] {
  const i = states.findIndex((s) => s.sheet === state.sheet);
  return i < 0 ? [...states, state] : states.map((s, j) => (j === i ? state : s));
}

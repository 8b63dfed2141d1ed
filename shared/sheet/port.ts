/**
 * The Workbook port (DESIGN.md): what the sync engine needs from a spreadsheet, so that the
 * Office.js adapter (addin/src/excel) and the ExcelJS adapter (cli) share one engine.
 * Adapters read a used range once and apply a batch of writes at once; the engine never
 * asks for a cell at a time.
 */

/** A rectangle in 1-based sheet coordinates. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The used range of a sheet read once, as plain values (rich text, formulas already resolved by the adapter or left as objects for shared/cells). */
export interface UsedRange {
  /** 1-based row and column of values[0][0]. */
  top: number;
  left: number;
  values: unknown[][];
  /** Merged areas; a merged cell counts as holding its value in every cell it covers (§4.7). */
  merges: CellRange[];
  /** 1-based sheet rows that are hidden, if the adapter knows. */
  hiddenColumns?: number[];
}

export type Fill = 'error' | 'warning' | 'conflict' | 'none';

/**
 * The colours (RGB hex) of the fills we set on marked cells. Both adapters use these, so a
 * workbook moved between Excel and the CLI is cleared by either; clearing removes only these,
 * never an officer's own fill.
 */
export const MARK_RGB: { readonly [F in Exclude<Fill, 'none'>]: string } = {
  error: 'FFC7CE',
  warning: 'FFF2CC',
  conflict: 'F8CBAD',
};

/** One change to one cell. Writes never touch cells they do not name. */
export interface CellWrite {
  row: number;
  col: number;
  /** A new value; strings from users are always written as text, never as formulas. */
  value?: string | number | boolean | null;
  /** A note (comment) with the Chinese message; null removes ours. */
  note?: string | null;
  fill?: Fill;
}

export interface SheetPort {
  readonly name: string;
  readUsedRange(): Promise<UsedRange>;
  /** Apply writes in one batch (one Office.js sync, one ExcelJS pass). */
  write(writes: readonly CellWrite[]): Promise<void>;
  /** Keep these columns hidden (the `_id` and `_rev` columns). */
  hideColumns(cols: readonly number[]): Promise<void>;
  /** Remove whole rows (a pull removing tombstoned rows), bottom-up. */
  deleteRows(rows: readonly number[]): Promise<void>;
  /**
   * Insert `count` blank rows before row `before` (a pull appending rows above a 合计/填表人
   * footer), shifting it and the rows below down, each new row formatted like row `formatFrom`.
   * Optional: without it a pull appends below the used range only.
   */
  insertRows?(before: number, count: number, formatFrom: number | null): Promise<void>;
}

/** Per-sheet sync state kept in the very-hidden `_union_ledger` sheet. */
export interface SheetState {
  sheet: string;
  kind: string;
  /** Field key → 1-based column, where the officer overrode the detected binding. */
  bindings?: Record<string, number>;
  /** The change token of the last pull. */
  since?: string;
  /** Row id → content hash of the last pushed or pulled version. */
  hashes: Record<string, string>;
}

/**
 * One edit of a sheet, applied in this order: `insert`, `writes`, `deletes` (row numbers as the
 * sheet was before the edit: every deleted row lies above the inserted ones), `hide`, then
 * `states` replaces the state sheet's content.
 */
export interface SheetEdit {
  insert?: { before: number; count: number; formatFrom: number | null } | null;
  writes: CellWrite[];
  deletes?: number[];
  hide?: number[];
  states?: readonly SheetState[];
}

/** A ledger sheet and the workbook's sync state, read together. */
export interface SheetSnapshot {
  used: UsedRange;
  states: SheetState[];
  /** Some of the state could not be read (shared/sheet/state.ts stateFromValues). */
  stateDamaged: boolean;
}

export interface WorkbookPort {
  sheetNames(): Promise<string[]>;
  sheet(name: string): SheetPort;
  readState(): Promise<SheetState[]>;
  writeState(states: readonly SheetState[]): Promise<void>;
  /**
   * Optional: the sheet and the state in one round trip (Office.js: one Excel batch). Without it
   * the engine reads them one after the other (shared/sheet/engine/port.ts).
   */
  readSheet?(name: string): Promise<SheetSnapshot>;
  /**
   * Optional: read the sheet as it is NOW, let `plan` decide the edit from what it holds (the
   * engine writes ids and revisions by identity, never by the position read earlier), and apply
   * that edit and the state, in one round trip (Office.js: one Excel batch, the read and the
   * writes in its syncs). Without it the engine re-reads, then applies the edit step by step.
   */
  commit?<T>(name: string, plan: (now: UsedRange) => { edit: SheetEdit; result: T }): Promise<T>;
}

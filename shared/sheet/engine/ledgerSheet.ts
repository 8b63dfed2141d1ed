import { ledgerKindSchema, type LedgerKind } from '../../ledgers/define.js';
import type { Issue } from '../../ledgers/issue.js';
import { detectLayout, type SheetLayout } from '../detect.js';
import type { SheetState, UsedRange, WorkbookPort } from '../port.js';
import { maskIdentity, readRows, type SheetRow } from '../rows.js';
import { readSnapshot } from './port.js';

/**
 * Steps 1–3 of the data flow, shared by the pane and the CLI: the sheet read once, its ledger
 * detected and bound (the kind remembered in the state sheet, or chosen), its rows read and
 * masked (§4.6) — exactly what a push sends and hashes, whichever adapter read it.
 */
export interface LedgerSheet {
  name: string;
  /** The used range, dates as Excel serial numbers (normaliseDates). */
  used: UsedRange;
  layout: SheetLayout;
  /** Null when the sheet is not a ledger (no kind, no header row or no bound column). */
  kind: LedgerKind | null;
  /** readRows, then maskIdentity. */
  rows: SheetRow[];
  /** §4.6 warnings by sheet row, for the cells of full identity numbers that were shortened. */
  maskIssues: Map<number, Issue[]>;
  /** This sheet's state, when it belongs to the same kind. */
  state: SheetState | undefined;
  /** Every state row of the workbook. */
  states: SheetState[];
  stateDamaged: boolean;
}

export interface LedgerSheetOptions {
  /** The kind the officer chose (`--kind`, the pane's picker); else the state's, else detection. */
  kind?: LedgerKind | null | undefined;
  stateDamaged?: boolean;
}

export function ledgerSheet(
  name: string,
  read: UsedRange,
  states: readonly SheetState[],
  opts: LedgerSheetOptions = {},
): LedgerSheet {
  const used = normaliseDates(read);
  const saved = states.find((s) => s.sheet === name);
  const layout = layoutOf(name, used, saved, opts.kind);
  const usable = layout.kind !== null && layout.headerRow !== null && layout.columns.length > 0;
  const { rows, maskIssues } = usable ? pushRows(used, layout) : { rows: [], maskIssues: new Map() };
  return {
    name,
    used,
    layout,
    kind: usable ? layout.kind : null,
    rows,
    maskIssues,
    state: saved && saved.kind === layout.kind ? saved : undefined,
    states: [...states],
    stateDamaged: opts.stateDamaged ?? false,
  };
}

export async function readLedgerSheet(
  book: WorkbookPort,
  name: string,
  opts: Omit<LedgerSheetOptions, 'stateDamaged'> = {},
): Promise<LedgerSheet> {
  const snap = await readSnapshot(book, name);
  return ledgerSheet(name, snap.used, snap.states, { ...opts, stateDamaged: snap.stateDamaged });
}

/** The layout of a sheet: the chosen kind, else the remembered one with its bindings, else detected. */
export function layoutOf(
  name: string,
  used: UsedRange,
  saved: SheetState | undefined,
  chosen?: LedgerKind | null,
): SheetLayout {
  const remembered = saved ? ledgerKindSchema.safeParse(saved.kind) : undefined;
  const kind = chosen ?? (remembered?.success ? remembered.data : null);
  return detectLayout(used, {
    sheetName: name,
    ...(kind ? { kind } : {}),
    ...(saved?.bindings && kind === saved.kind ? { bindings: saved.bindings } : {}),
  });
}

/** The rows a push reads: readRows, then maskIdentity (§4.6), before anything is hashed. */
export function pushRows(
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

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel holds a date as a serial number in a date-formatted cell: Office.js reads the number,
 * ExcelJS a Date. Both become the number, so that a row hashes and travels the same whichever
 * adapter read it (a workbook moved between Excel and the CLI sends nothing new).
 */
export function normaliseDates(used: UsedRange): UsedRange {
  let changed = false;
  const values = used.values.map((row) => {
    if (!Array.isArray(row) || !row.some((v) => v instanceof Date)) return row;
    changed = true;
    return row.map((v) => (v instanceof Date ? dateSerial(v) : v));
  });
  return changed ? { ...used, values } : used;
}

function dateSerial(d: Date): number | null {
  const ms = d.getTime();
  return Number.isNaN(ms) ? null : (ms - EXCEL_EPOCH_MS) / 86_400_000;
}

/** The state rows of a workbook with one sheet's row replaced (or added). */
export function withState(states: readonly SheetState[], state: SheetState): SheetState[] {
  const i = states.findIndex((s) => s.sheet === state.sheet);
  return i < 0 ? [...states, state] : states.map((s, j) => (j === i ? state : s));
}

/** A sheet's next state: bindings kept when the kind is the same, `since` kept unless replaced. */
export function nextState(
  sheet: string,
  kind: LedgerKind,
  previous: SheetState | undefined,
  change: { hashes: Record<string, string>; since?: string | undefined },
): SheetState {
  const same = previous?.kind === kind ? previous : undefined;
  const since = change.since ?? same?.since;
  return {
    sheet,
    kind,
    ...(same?.bindings ? { bindings: same.bindings } : {}),
    ...(since ? { since } : {}),
    hashes: change.hashes,
  };
}

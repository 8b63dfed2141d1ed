import type { StoredRowWire } from '../../api/sync.js';
import type { LedgerKind, RawRow } from '../../ledgers/define.js';
import { ledgers } from '../../ledgers/index.js';
import type { Settings } from '../../settings/schema.js';
import { rowHash } from '../hash.js';
import type { SheetEdit, SheetState, WorkbookPort } from '../port.js';
import { planPull, type PullPlan } from '../pull.js';
import { ledgerSheet, nextState, withState, type LedgerSheet } from './ledgerSheet.js';
import { applyEdit, commitEdit } from './port.js';
import type { SyncTransport } from './transport.js';

/**
 * Step 8 of the data flow, shared by the pane and the CLI: the rows others changed since the
 * sheet's change token, planned against the sheet as it is when they are written (shared/sheet
 * pull.ts: matched by `_id`, unsent edits never overwritten, new rows above a 合计/填表人 footer,
 * dates as the column holds them, 姓名（工号） pairs kept), applied with the state in one commit.
 */

export interface PullChanges {
  rows: StoredRowWire[];
  /** The change token of the next pull. */
  next: string;
}

/** Every page of changes since a token. */
export async function fetchChanges(
  transport: SyncTransport,
  kind: LedgerKind,
  since: string | undefined,
  onPage?: (page: number, rows: number) => void,
): Promise<PullChanges> {
  const rows: StoredRowWire[] = [];
  let token = since;
  for (let page = 1; ; page++) {
    onPage?.(page, rows.length);
    const answer = await transport.pull(kind, token);
    rows.push(...answer.rows);
    token = answer.next;
    if (!answer.more) return { rows, next: token };
  }
}

/**
 * Why a sheet must not be pulled into: rows never pushed, in a sheet without sync state, may be
 * the very rows the server holds, and appending the server's would duplicate them.
 */
export function pullRefusal(sheet: LedgerSheet): string | null {
  if (!sheet.state && sheet.rows.some((r) => r.rowId === null))
    return '该表有从未推送过的行，请先同步（推送）再拉取，以免重复';
  return null;
}

export interface PullConflictRow {
  rowId: string;
  sheetRow: number;
  message: string;
  server: StoredRowWire;
  /** The sheet's version of the row. */
  raw: RawRow;
}

export interface SheetPull {
  counts: PullPlan['counts'];
  conflicts: PullConflictRow[];
  /** The sheet as the pull left it. */
  after: LedgerSheet;
}

export interface CommitPullOptions {
  settings: Settings;
  /** ISO date in Asia/Shanghai, for the field parsers' date ranges. */
  today: string;
  /** Whether rows new to the workbook are added to this sheet (the first sheet of its kind). */
  appendNew?: boolean;
  /** Row ids that live in another sheet of the workbook. */
  elsewhere?: ReadonlySet<string>;
  /** Other sheets' state changes to save with this one. */
  states?: () => readonly SheetState[];
}

export async function commitPull(
  book: WorkbookPort,
  sheet: LedgerSheet,
  changes: PullChanges,
  opts: CommitPullOptions,
): Promise<SheetPull> {
  const kind = sheet.kind;
  if (kind === null) throw new Error(`commitPull: ${sheet.name} is not a ledger sheet`);
  const canInsert =
    typeof book.commit === 'function' || typeof book.sheet(sheet.name).insertRows === 'function';
  const latest = new Map<string, StoredRowWire>();
  for (const s of changes.rows) {
    const seen = latest.get(s.rowId);
    if (!seen || seen.seq < s.seq) latest.set(s.rowId, s);
  }
  return commitEdit(book, sheet.name, (now) => {
    const current = ledgerSheet(sheet.name, now, sheet.states, { kind });
    const plan = planPull({
      used: current.used,
      layout: current.layout,
      ledger: ledgers[kind],
      rows: current.rows,
      state: sheet.state,
      server: [...latest.values()],
      settings: opts.settings,
      today: opts.today,
      appendNew: opts.appendNew ?? true,
      ...(opts.elsewhere ? { elsewhere: opts.elsewhere } : {}),
      appendBelowUsedRange: !canInsert,
    });
    const edit: SheetEdit = {
      insert: plan.insert,
      writes: plan.writes,
      deletes: plan.deletes,
      hide: plan.hide,
    };
    // Hash what the sheet will hold, read as the next push will read it.
    const image = ledgerSheet(sheet.name, applyEdit(current.used, edit), sheet.states, { kind });
    const byId = new Map(image.rows.flatMap((r) => (r.rowId ? [[r.rowId, r] as const] : [])));
    const hashes = { ...(sheet.state?.hashes ?? {}) };
    for (const id of plan.removed) delete hashes[id];
    for (const id of plan.synced) {
      const row = byId.get(id);
      if (row && !row.cleared) hashes[id] = rowHash(row.raw);
    }
    const state = nextState(sheet.name, kind, sheet.state, { hashes, since: changes.next });
    edit.states = withState(opts.states?.() ?? sheet.states, state);
    const local = new Map(current.rows.flatMap((r) => (r.rowId ? [[r.rowId, r] as const] : [])));
    const conflicts = plan.conflicts.map((c) => ({
      ...c,
      server: latest.get(c.rowId)!,
      raw: local.get(c.rowId)!.raw,
    }));
    const after = { ...image, state, states: [...edit.states] };
    return { edit, result: { counts: plan.counts, conflicts, after } };
  });
}

import type { StoredRowWire } from '../../api/sync.js';
import { rowHash } from '../hash.js';
import type { WorkbookPort } from '../port.js';
import { planWriteback } from '../writeback.js';
import { ledgerSheet, nextState, withState, type LedgerSheet } from './ledgerSheet.js';
import { commitEdit } from './port.js';
import { commitPull, type CommitPullOptions, type SheetPull } from './pull.js';

/**
 * The two answers to a conflict (DESIGN.md "Conflicts"), as commits of the one engine.
 */

/**
 * 采用服务器的: the server's version written into the row (the row removed for a tombstone, added
 * back when the sheet no longer has it): a pull of that one row in which the sheet's version
 * counts as unedited.
 */
export async function commitServerVersion(
  book: WorkbookPort,
  sheet: LedgerSheet,
  server: StoredRowWire,
  opts: CommitPullOptions,
): Promise<SheetPull> {
  if (sheet.kind === null) throw new Error(`commitServerVersion: ${sheet.name} is not a ledger sheet`);
  const local = sheet.rows.find((r) => r.rowId === server.rowId);
  const hashes = { ...(sheet.state?.hashes ?? {}) };
  if (local) hashes[server.rowId] = rowHash(local.raw);
  else delete hashes[server.rowId];
  const state = nextState(sheet.name, sheet.kind, sheet.state, { hashes });
  return commitPull(book, { ...sheet, state }, { rows: [server], next: state.since ?? '' }, opts);
}

/**
 * 保留我的: the row that holds `rowId` now gets the server's revision as its base, so that the
 * next push overwrites the server's version. Returns whether the row was found.
 */
export async function commitBaseRevision(
  book: WorkbookPort,
  sheet: LedgerSheet,
  rowId: string,
  rev: string,
): Promise<boolean> {
  const kind = sheet.kind;
  if (kind === null) throw new Error(`commitBaseRevision: ${sheet.name} is not a ledger sheet`);
  return commitEdit(book, sheet.name, (now) => {
    const current = ledgerSheet(sheet.name, now, sheet.states, { kind });
    const row = current.rows.find((r) => r.rowId === rowId);
    if (!row || current.layout.headerRow === null) return { edit: { writes: [] }, result: false };
    const back = planWriteback(current.used, current.layout, []);
    const revCol = current.layout.revCol ?? back.revCol;
    return {
      edit: { writes: [...back.writes, { row: row.sheetRow, col: revCol, value: rev }], hide: back.hide },
      result: true,
    };
  });
}

/** The state with one row's hash dropped (a row deleted on both sides). */
export async function forgetRow(book: WorkbookPort, sheet: LedgerSheet, rowId: string): Promise<void> {
  if (sheet.kind === null) return;
  const hashes = { ...(sheet.state?.hashes ?? {}) };
  delete hashes[rowId];
  await book.writeState(withState(sheet.states, nextState(sheet.name, sheet.kind, sheet.state, { hashes })));
}

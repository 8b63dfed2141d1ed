import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { shanghaiDate } from '../../../shared/settings/index.js';
import { detectLayout, planPull, rowHash, type SheetState } from '../../../shared/sheet/index.js';
import type { SyncApi } from './apiClient.js';
import { openSyncWorkbook, saveSyncWorkbook, syncRows, withState, type SyncSheet } from './ledgerWorkbook.js';

/**
 * `union-ledger pull` (issue 5 item 2): the rows others changed since the change token kept in
 * the workbook come into its sheets — updated in place by `_id`, new rows appended above any
 * 合计/填表人 footer, tombstoned rows removed — except where the officer has an edit not yet
 * pushed: that row is left as it is, marked and reported as a conflict. The new change token
 * and the content hashes of the rows brought in are saved in the state sheet.
 */
export interface PullOptions {
  api: SyncApi;
  kind?: LedgerKind;
  /** ISO date in Asia/Shanghai; today by default. */
  today?: string;
}

export interface PullConflictReport {
  row: number;
  rowId: string;
  message: string;
}

export interface PullSheetReport {
  sheet: string;
  kind: LedgerKind | null;
  skipped?: string;
  updated: number;
  appended: number;
  removed: number;
  unchanged: number;
  conflicts: PullConflictReport[];
}

export interface PullReport {
  file: string;
  saved: boolean;
  /** The file changed on disk during the pull: the results went to this new file beside it. */
  savedTo?: string;
  stateDamaged: boolean;
  sheets: PullSheetReport[];
  requests: number;
  seconds: number;
}

export async function pullFile(file: string, opts: PullOptions): Promise<PullReport> {
  const started = performance.now();
  const requestsBefore = opts.api.requests;
  const today = opts.today ?? shanghaiDate(new Date());
  const book = await openSyncWorkbook(file, opts.kind);
  const reports = new Map<SyncSheet, PullSheetReport>();
  const byKind = new Map<LedgerKind, SyncSheet[]>();
  for (const sheet of book.sheets) {
    const report = emptyReport(sheet);
    reports.set(sheet, report);
    if (sheet.kind === null) {
      report.skipped = sheet.layout.kind === null ? '未识别为台账' : '未找到表头行';
      continue;
    }
    // Rows never pushed, in a sheet without sync state, may be the same rows the server holds:
    // appending the server's would duplicate them.
    if (!sheet.state && sheet.rows.some((r) => r.rowId === null)) {
      report.skipped = '该表有从未推送过的行，请先 push 再 pull，以免重复';
      continue;
    }
    byKind.set(sheet.kind, [...(byKind.get(sheet.kind) ?? []), sheet]);
  }

  let states = book.states;
  let savedTo: string | undefined;
  if (byKind.size > 0) {
    const settings = await opts.api.settings();
    for (const [kind, sheets] of byKind) {
      // One pull per ledger: sheets of one ledger that remember different tokens start from scratch.
      const tokens = new Set(sheets.map((s) => s.state?.since));
      const since = tokens.size === 1 ? [...tokens][0] : undefined;
      const { rows: server, next } = await opts.api.pullAll(kind, since);
      const idsOf = sheets.map((s) => s.rows.flatMap((r) => (r.rowId ? [r.rowId] : [])));
      for (const [i, sheet] of sheets.entries()) {
        const elsewhere = new Set(idsOf.filter((_, j) => j !== i).flat());
        const canInsert = typeof sheet.port.insertRows === 'function';
        const plan = planPull({
          used: sheet.used,
          layout: sheet.layout,
          ledger: ledgers[kind],
          rows: sheet.rows,
          state: sheet.state,
          server,
          settings,
          today,
          // New rows of a ledger kept in several sheets go to the first of them.
          appendNew: i === 0,
          elsewhere,
          appendBelowUsedRange: !canInsert,
        });
        if (plan.insert && canInsert)
          await sheet.port.insertRows(plan.insert.before, plan.insert.count, plan.insert.formatFrom);
        await sheet.port.write(plan.writes);
        await sheet.port.deleteRows(plan.deletes);
        if (plan.hide.length) await sheet.port.hideColumns(plan.hide);

        const hashes = { ...(sheet.state?.hashes ?? {}) };
        for (const id of plan.removed) delete hashes[id];
        if (plan.synced.length > 0) {
          // Hash what the sheet holds now, read back as the next push will read it.
          const used = await sheet.port.readUsedRange();
          const layout = detectLayout(used, {
            sheetName: sheet.name,
            kind,
            ...(sheet.state?.bindings ? { bindings: sheet.state.bindings } : {}),
          });
          const now = new Map(syncRows(used, layout).rows.map((r) => [r.rowId, r]));
          for (const id of plan.synced) {
            const row = now.get(id);
            if (row && !row.cleared) hashes[id] = rowHash(row.raw);
          }
        }
        const state: SheetState = {
          sheet: sheet.name,
          kind,
          ...(sheet.state?.bindings ? { bindings: sheet.state.bindings } : {}),
          since: next,
          hashes,
        };
        states = withState(states, state);
        Object.assign(reports.get(sheet)!, {
          updated: plan.counts.updated,
          appended: plan.counts.appended,
          removed: plan.counts.removed,
          unchanged: plan.counts.unchanged,
          conflicts: plan.conflicts.map((c) => ({ row: c.sheetRow, rowId: c.rowId, message: c.message })),
        });
      }
    }
    await book.port.writeState(states);
    savedTo = (await saveSyncWorkbook(book)).savedTo;
  }
  return {
    file: book.file,
    saved: byKind.size > 0,
    ...(savedTo && savedTo !== book.file ? { savedTo } : {}),
    stateDamaged: book.stateDamaged,
    sheets: book.sheets.map((s) => reports.get(s)!),
    requests: opts.api.requests - requestsBefore,
    seconds: (performance.now() - started) / 1000,
  };
}

function emptyReport(sheet: SyncSheet): PullSheetReport {
  return {
    sheet: sheet.name,
    kind: sheet.kind,
    updated: 0,
    appended: 0,
    removed: 0,
    unchanged: 0,
    conflicts: [],
  };
}

import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { shanghaiDate } from '../../../shared/settings/index.js';
import { commitPull, fetchChanges, pullRefusal } from '../../../shared/sheet/engine/index.js';
import type { SheetState } from '../../../shared/sheet/index.js';
import type { SyncApi } from './apiClient.js';
import { openSyncWorkbook, saveSyncWorkbook, type SyncSheet } from './ledgerWorkbook.js';
import { cliTransport } from './push.js';

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
    const refusal = pullRefusal(sheet);
    if (refusal) {
      report.skipped = refusal;
      continue;
    }
    byKind.set(sheet.kind, [...(byKind.get(sheet.kind) ?? []), sheet]);
  }

  let states: readonly SheetState[] = book.states;
  let savedTo: string | undefined;
  if (byKind.size > 0) {
    const settings = await opts.api.settings();
    const transport = cliTransport(opts.api);
    for (const [kind, sheets] of byKind) {
      // One pull per ledger: sheets of one ledger that remember different tokens start from scratch.
      const tokens = new Set(sheets.map((s) => s.state?.since));
      const since = tokens.size === 1 ? [...tokens][0] : undefined;
      const changes = await fetchChanges(transport, kind, since);
      const idsOf = sheets.map((s) => s.rows.flatMap((r) => (r.rowId ? [r.rowId] : [])));
      for (const [i, sheet] of sheets.entries()) {
        const pulled = await commitPull(book.port, sheet, changes, {
          settings,
          today,
          // New rows of a ledger kept in several sheets go to the first of them.
          appendNew: i === 0,
          elsewhere: new Set(idsOf.filter((_, j) => j !== i).flat()),
          states: () => states,
        });
        states = pulled.after.states;
        Object.assign(reports.get(sheet)!, {
          updated: pulled.counts.updated,
          appended: pulled.counts.appended,
          removed: pulled.counts.removed,
          unchanged: pulled.counts.unchanged,
          conflicts: pulled.conflicts.map((c) => ({ row: c.sheetRow, rowId: c.rowId, message: c.message })),
        });
      }
    }
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

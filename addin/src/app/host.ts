import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { WorkbookPort } from '../../../shared/sheet/port.js';
import type { AnnualSummary } from '../../../shared/summary/annual.js';
import type { BudgetExecution } from '../../../shared/summary/budgetExecution.js';
import type { DraftSentence } from '../../../shared/summary/sentences.js';

/**
 * Everything the task pane needs from the spreadsheet it sits in. The sync engine needs only
 * the WorkbookPort (shared/sheet/port.ts); the pane adds the active sheet, selecting a cell
 * and the sheets it writes whole (template, 汇总, 预算执行).
 *
 * Two implementations: `createOfficeHost()` over addin/src/excel (the only code that calls
 * Excel), and the test double the browser tests inject as `window.__unionLedgerTestWorkbook`
 * (see main.tsx) — an in-memory grid that behaves like a worksheet.
 */
export interface PaneHost {
  readonly workbook: WorkbookPort;
  /** The name of the sheet the officer is looking at. */
  activeSheet(): Promise<string>;
  /** Select (and scroll to) one cell: a result in the list was clicked. */
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  /** Add a sheet laid out as the ledger's template (unit names for the unit column's list); returns its name. */
  insertTemplate(kind: LedgerKind, opts?: { units?: readonly string[] }): Promise<string>;
  /** Write the 汇总 sheet (replacing an earlier one): the figures and the report's draft sentences. */
  /** `previous`: the year before's figures, shown as 上年 / 增减 / 增幅 when that year has data. */
  writeSummarySheet(
    summary: AnnualSummary,
    sentences: readonly DraftSentence[],
    previous?: AnnualSummary,
  ): Promise<void>;
  /** Write the 预算执行 sheet, with charts and conditional formatting where the host has them. */
  writeBudgetExecutionSheet(execution: BudgetExecution): Promise<void>;
  /** Call back when the officer switches sheets; returns the unsubscribe. */
  onActiveSheetChanged?(listener: () => void): () => void;
}

declare global {
  interface Window {
    /**
     * The test seam: a harness page sets this to a PaneHost (an in-memory workbook) before the
     * pane starts, where Office.js is absent. The product never sets it.
     */
    __unionLedgerTestWorkbook?: PaneHost;
  }
}

import { OfficeWorkbook } from '../excel/index.js';
import type { PaneHost } from './host.js';

/**
 * The pane's host inside Excel: the Office.js adapter of addin/src/excel (the only code that
 * calls Excel) seen as a PaneHost. Office has a worksheet-activated event, but the adapter
 * does not expose it yet: the pane re-reads the active sheet when it regains focus and after
 * every operation.
 */
export function createOfficeHost(workbook: OfficeWorkbook = new OfficeWorkbook()): PaneHost {
  return {
    workbook,
    activeSheet: () => workbook.activeSheetName(),
    selectCell: (sheet, row, col) => workbook.selectCell(sheet, row, col),
    insertTemplate: (kind, opts) => workbook.insertTemplate(kind, opts?.units ? { units: opts.units } : {}),
    writeSummarySheet: (summary, sentences, previous) =>
      workbook.writeSummarySheet(summary, sentences, previous),
    writeBudgetExecutionSheet: (execution) => workbook.writeBudgetExecutionSheet(execution),
  };
}

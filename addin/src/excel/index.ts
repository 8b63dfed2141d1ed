/**
 * addin/src/excel — the only code of the project that calls Office.js (DESIGN.md). The task
 * pane (addin/src/ui) uses OfficeWorkbook through the Workbook port and these few extras.
 */
export { officeHost, markMode, type ExcelHost, type MarkMode } from './host.js';
export { OfficeWorkbook } from './officeWorkbook.js';
export { OfficeSheet, type WriteReport } from './officeSheet.js';
export type { ReadReport } from './readUsedRange.js';
export { FILL_COLOURS } from './fills.js';
export { COMMENT_PREFIX } from './marks.js';
export { SUMMARY_SHEET } from './summarySheet.js';
export { BUDGET_SHEET } from './budgetSheet.js';
export { TEMPLATE_ROWS, templateColumns, type TemplateOptions } from './template.js';

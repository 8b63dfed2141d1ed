import { MemoryWorkbook } from '../../../addin/src/app/testing/memoryWorkbook.js';
import { renderGrid } from './grid.js';
import { WELFARE_MERGES, WELFARE_SHEET, welfareValues } from './welfareSheet.js';

/**
 * The browser tests' entry (harness.html). Office.js is absent: the in-memory workbook (a test
 * double) is injected as `window.__unionLedgerTestWorkbook` — the pane's test seam — and the
 * real pane entry (addin/src/app/main.tsx) is loaded after it.
 */
declare global {
  interface Window {
    __book?: MemoryWorkbook;
  }
}

const book = new MemoryWorkbook();
book.addSheet(WELFARE_SHEET, welfareValues(), WELFARE_MERGES);
window.__unionLedgerTestWorkbook = book;
window.__book = book;
renderGrid(document.getElementById('grid')!, book);
await import('../../../addin/src/app/main.js');

import type { LedgerSheet } from '../sheet/checkSheets.js';
import { detectLayout } from '../sheet/detect.js';
import type { UsedRange } from '../sheet/port.js';
import { readRows } from '../sheet/rows.js';
import type { DemoSheet, DemoWorkbook } from './types.js';

/** A demo sheet as an adapter would read it from the written workbook: title rows merged across the header width. */
export function demoUsedRange(sheet: DemoSheet): UsedRange {
  const width = sheet.headers.length;
  const blank = (): unknown[] => Array<unknown>(width).fill(null);
  const values = [
    ...sheet.titleRows.map((t) => {
      const row = blank();
      row[0] = t;
      return row;
    }),
    [...sheet.headers],
    ...sheet.rows.map((r) => [...r]),
    ...(sheet.footerRows ?? []).map((r) => [...r]),
  ];
  const merges = sheet.titleRows.map((_, i) => ({ top: i + 1, left: 1, bottom: i + 1, right: width }));
  return { top: 1, left: 1, values, merges };
}

/** The demo workbooks through header detection and row reading, without writing a file. */
export function demoLedgerSheets(books: readonly DemoWorkbook[]): LedgerSheet[] {
  return books.flatMap((b) =>
    b.sheets.map((s) => {
      const used = demoUsedRange(s);
      const layout = detectLayout(used, { sheetName: s.name });
      return { source: b.file, sheet: s.name, layout, rows: readRows(used, layout) };
    }),
  );
}

import { MAX_ROWS_PER_CHUNK, toWireCell, type SyncRow, type WireCell } from '../../../shared/api/index.js';
import { generateDemoYears, type DemoSheet } from '../../../shared/demo/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { detectLayout, maskIdentity, readRows, type UsedRange } from '../../../shared/sheet/index.js';

/**
 * The demo year (DOMAIN.md §8) as push requests: each generated sheet read the way the sync
 * engine reads a sheet (header detection, column binding, rows), in chunks of the wire limit.
 * Row ids are derived from kind and sheet row, so seeding twice changes nothing.
 */
export interface DemoPush {
  kind: LedgerKind;
  sheet: string;
  headers: Record<string, string>;
  rows: SyncRow[];
}

export function usedRangeOf(sheet: DemoSheet): UsedRange {
  const width = sheet.headers.length;
  const pad = (row: readonly unknown[]): unknown[] => [
    ...row,
    ...new Array(Math.max(0, width - row.length)).fill(null),
  ];
  const values = [
    ...sheet.titleRows.map((t) => pad([t])),
    pad(sheet.headers),
    ...sheet.rows.map(pad),
    ...(sheet.footerRows ?? []).map(pad),
  ];
  return { top: 1, left: 1, values, merges: [] };
}

/**
 * The pushes of one or more demo years, in year order. Standing ledgers (the roster, the
 * 职工之家 table) come from the last year only; ids of years after 2023 name their year.
 */
export function demoPushes(years: readonly number[] = [2023], seed?: number): DemoPush[] {
  const pushes: DemoPush[] = [];
  for (const { year, book } of generateDemoYears(years, ...(seed !== undefined ? [seed] : [])).flatMap((y) =>
    y.books.map((book) => ({ year: y.year, book })),
  )) {
    const prefix = year === 2023 ? 'demo' : `demo-${year}`;
    for (const [sheetIndex, sheet] of book.sheets.entries()) {
      const used = usedRangeOf(sheet);
      const layout = detectLayout(used, { sheetName: sheet.name });
      if (!layout.kind) throw new Error(`demo sheet ${book.file}/${sheet.name}: ledger kind not detected`);
      const rows = readRows(used, layout).map((r) => maskIdentity(r).row);
      const headers: Record<string, string> = {};
      for (const c of layout.columns) headers[c.field] = c.header;
      const syncRows = rows.map((r): SyncRow => ({
        rowId: `${prefix}-${layout.kind}-${sheetIndex + 1}-${r.sheetRow}`,
        baseRev: null,
        sheetRow: r.sheetRow,
        cells: Object.fromEntries(
          Object.entries(r.raw.cells).map(([k, v]): [string, WireCell] => [k, toWireCell(v)]),
        ),
      }));
      for (let i = 0; i < syncRows.length; i += MAX_ROWS_PER_CHUNK)
        pushes.push({
          kind: layout.kind,
          sheet: sheet.name,
          headers,
          rows: syncRows.slice(i, i + MAX_ROWS_PER_CHUNK),
        });
    }
  }
  return pushes;
}

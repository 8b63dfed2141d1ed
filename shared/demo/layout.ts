import type { DemoSheet } from './types.js';

/** A column of a demo sheet: its header as typed, how a record becomes the raw cell, its format. */
export interface Column<R> {
  header: string;
  cell: (record: R, index: number) => unknown;
  /** Excel number format, e.g. `@` for text, `yyyy-mm-dd` for a date column. */
  format?: string;
}

/** The 序号 column officers put first: recognised and ignored on import (§4.7). */
export function seq<R>(header = '序号'): Column<R> {
  return { header, cell: (_r, i) => i + 1 };
}

export interface SheetOptions<R> {
  name: string;
  titleRows: string[];
  columns: readonly Column<R>[];
  records: readonly R[];
  /** Rows below the data, built from the columns (a 合计 row, a 填表人 row). */
  footer?: (columns: readonly Column<R>[]) => unknown[][];
}

export function buildSheet<R>(o: SheetOptions<R>): DemoSheet {
  const columnFormats: Record<number, string> = {};
  o.columns.forEach((c, i) => {
    if (c.format) columnFormats[i] = c.format;
  });
  const sheet: DemoSheet = {
    name: o.name,
    titleRows: o.titleRows,
    headers: o.columns.map((c) => c.header),
    rows: o.records.map((r, i) => o.columns.map((c) => nullIfUndefined(c.cell(r, i)))),
  };
  const footer = o.footer?.(o.columns);
  if (footer && footer.length) sheet.footerRows = footer;
  if (Object.keys(columnFormats).length) sheet.columnFormats = columnFormats;
  return sheet;
}

function nullIfUndefined(v: unknown): unknown {
  return v === undefined || v === '' ? null : v;
}

/**
 * A 合计 row: `合计` under the first column and the given values under the named headers.
 * (§4.7: a row whose first non-empty cell starts with 合计 is ignored on import.)
 */
export function totalRow<R>(
  columns: readonly Column<R>[],
  values: Record<string, unknown>,
  label = '合计',
): unknown[] {
  const row: unknown[] = columns.map((c) => (c.header in values ? values[c.header] : null));
  row[0] = label;
  return row;
}

/** A 填表人 line in the first column only (§4.7: ignored, fewer than two bound values). */
export function signatureRow<R>(columns: readonly Column<R>[], text: string): unknown[] {
  const row: unknown[] = columns.map(() => null);
  row[0] = text;
  return row;
}

/** Where a record lands in the written sheet: Excel's 1-based row number. */
export function sheetRowOf(sheet: Pick<DemoSheet, 'titleRows'>, recordIndex: number): number {
  return sheet.titleRows.length + 2 + recordIndex;
}

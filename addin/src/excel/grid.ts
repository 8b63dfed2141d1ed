import { colLetters, rangeAddress } from './a1.js';
import { jsonBytes, type RequestBudget } from './payload.js';

/**
 * A generated sheet (汇总, 预算执行) laid out as one rectangle of values with its number
 * formats, written in one range assignment. Strings are written as text ('@').
 */

export type GridValue = string | number | null;

export const MONEY = '#,##0.00';
export const PERCENT = '0.00%';
export const COUNT = '0';

export interface GridLayout {
  values: (string | number)[][];
  formats: (string | null)[][];
  width: number;
  /** 1-based rows. */
  titleRows: number[];
  sectionRows: number[];
  /** Table header rows with the columns they span. */
  headerRows: { row: number; left: number; right: number }[];
  /** Column widths in points (index 0 is column A). */
  widths: number[];
}

export class GridBuilder {
  private rows: { cells: GridValue[]; formats: (string | null)[] }[] = [];
  private titles: number[] = [];
  private sections: number[] = [];
  private headers: { row: number; left: number; right: number }[] = [];

  constructor(private readonly widths: number[]) {}

  /** The next row's number. */
  get next(): number {
    return this.rows.length + 1;
  }

  title(text: string): number {
    this.titles.push(this.next);
    return this.row([text]);
  }

  section(text: string): number {
    this.sections.push(this.next);
    return this.row([text]);
  }

  header(cells: readonly string[]): number {
    this.headers.push({ row: this.next, left: 1, right: cells.length });
    return this.row(cells);
  }

  blank(): number {
    return this.row([]);
  }

  row(cells: readonly GridValue[], formats: readonly (string | null)[] = []): number {
    this.rows.push({ cells: [...cells], formats: [...formats] });
    return this.rows.length;
  }

  build(): GridLayout {
    const width = Math.max(this.widths.length, ...this.rows.map((r) => r.cells.length));
    const values = this.rows.map((r) =>
      Array.from({ length: width }, (_, i): string | number => {
        const v = r.cells[i];
        return v === null || v === undefined ? '' : v;
      }),
    );
    const formats = this.rows.map((r, ri) =>
      Array.from({ length: width }, (_, i) => {
        const v = values[ri]![i];
        if (typeof v === 'string') return v === '' ? null : '@';
        return r.formats[i] ?? null;
      }),
    );
    return {
      values,
      formats,
      width,
      titleRows: this.titles,
      sectionRows: this.sections,
      headerRows: this.headers,
      widths: this.widths,
    };
  }
}

const HEADER_FILL = '#D9E1F2';

/** Queues the layout onto `ws` from A1 (the sheet is new or cleared). */
export async function queueGrid(
  ws: Excel.Worksheet,
  layout: GridLayout,
  budget: RequestBudget,
): Promise<void> {
  if (layout.values.length === 0) return;
  await budget.reserve(jsonBytes(layout.values) + jsonBytes(layout.formats));
  const all = ws.getRange(
    rangeAddress({ top: 1, left: 1, bottom: layout.values.length, right: layout.width }),
  );
  all.numberFormat = layout.formats;
  all.values = layout.values;
  for (const row of layout.titleRows) {
    await budget.reserve(0);
    const r = ws.getRange(`A${row}`);
    r.format.font.bold = true;
    r.format.font.size = 14;
  }
  for (const row of layout.sectionRows) {
    await budget.reserve(0);
    ws.getRange(`A${row}`).format.font.bold = true;
  }
  for (const h of layout.headerRows) {
    await budget.reserve(0);
    const r = ws.getRange(rangeAddress({ top: h.row, bottom: h.row, left: h.left, right: h.right }));
    r.format.font.bold = true;
    r.format.fill.color = HEADER_FILL;
  }
  for (const [i, w] of layout.widths.entries()) {
    await budget.reserve(0);
    ws.getRange(`${colLetters(i + 1)}:${colLetters(i + 1)}`).format.columnWidth = w;
  }
}

/**
 * A generated sheet, new or emptied: one probe sync (does it exist), and — with `charts` —
 * a second when it does (its charts, which must be deleted one by one). Returns a function
 * that, inside the write request, yields the sheet ready to fill.
 */
export async function prepareSheet(
  ctx: Excel.RequestContext,
  name: string,
  opts: { charts?: boolean } = {},
): Promise<{ syncs: number; queue: (budget: RequestBudget) => Promise<Excel.Worksheet> }> {
  const existing = ctx.workbook.worksheets.getItemOrNullObject(name);
  existing.load('isNullObject');
  await ctx.sync();
  let syncs = 1;
  let charts: Excel.ChartCollection | null = null;
  if (!existing.isNullObject && opts.charts) {
    charts = existing.charts;
    charts.load('items/name');
    await ctx.sync();
    syncs++;
  }
  return {
    syncs,
    queue: async (budget) => {
      await budget.reserve(0);
      if (existing.isNullObject) return ctx.workbook.worksheets.add(name);
      for (const chart of charts?.items ?? []) chart.delete();
      const whole = existing.getRange();
      whole.conditionalFormats.clearAll();
      whole.clear('All');
      return existing;
    },
  };
}

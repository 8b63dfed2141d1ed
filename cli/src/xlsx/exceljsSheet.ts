import type ExcelJS from 'exceljs';
import {
  MARK_RGB,
  type CellRange,
  type CellWrite,
  type Fill,
  type SheetPort,
  type UsedRange,
} from '../../../shared/sheet/port.js';
import { deleteRows, insertRows } from './rowMoves.js';

/** Our mark colours (shared/sheet MARK_RGB) as ExcelJS writes them: ARGB 'FFFFC7CE'. */
export const FILL_COLOURS: Record<Exclude<Fill, 'none'>, string> = {
  error: `FF${MARK_RGB.error}`,
  warning: `FF${MARK_RGB.warning}`,
  conflict: `FF${MARK_RGB.conflict}`,
};
const OUR_FILLS = new Set(Object.values(FILL_COLOURS));

/**
 * The exceljs adapter of one worksheet (the CLI's half of the Workbook port).
 *
 * exceljs shares one style object among all cells read with the same style id, so a cell's
 * style is never changed in place (`cell.fill = …` would recolour every cell of that style):
 * each change assigns a new style object to that one cell.
 */
export class ExcelJsSheet implements SheetPort {
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  get name(): string {
    return this.ws.name;
  }

  get worksheet(): ExcelJS.Worksheet {
    return this.ws;
  }

  async readUsedRange(): Promise<UsedRange> {
    const bottom = this.ws.rowCount;
    const right = this.ws.columnCount;
    const values: unknown[][] = Array.from({ length: bottom }, () => Array<unknown>(right).fill(null));
    // Only cells that exist are visited: reading never adds a cell to the file.
    this.ws.eachRow((row, r) => {
      const line = values[r - 1]!;
      for (let c = 1; c <= Math.min(row.cellCount, right); c++) {
        // A covered cell of a merge reports its master's value, as §4.7 wants.
        const v = row.findCell(c)?.value;
        if (v !== undefined && v !== null) line[c - 1] = v;
      }
    });
    return { top: 1, left: 1, values, merges: this.merges() };
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    for (const w of writes) {
      const existing = this.ws.findCell(w.row, w.col);
      const clearsOnly = w.value === undefined && !w.note && (w.fill === undefined || w.fill === 'none');
      // Clearing marks of a cell that does not exist: nothing to clear, and no cell to add.
      if (clearsOnly && !existing) continue;
      const cell = existing ?? this.ws.getCell(w.row, w.col);
      // A note is ours when the cell wears one of our fills: every note we write comes with one.
      const marked = hasOurFill(cell);
      // A string is stored as a string cell: exceljs only writes a formula for {formula}, so
      // '=cmd|...' from a user stays text.
      if (w.value !== undefined) cell.value = cellValue(cell, w.value);
      if (w.note === null) {
        if (marked) (cell as unknown as { _comment?: unknown })._comment = undefined;
      } else if (w.note !== undefined) cell.note = w.note;
      if (w.fill !== undefined) applyFill(cell, w.fill, marked);
    }
  }

  async hideColumns(cols: readonly number[]): Promise<void> {
    for (const c of cols) this.ws.getColumn(c).hidden = true;
  }

  async deleteRows(rows: readonly number[]): Promise<void> {
    deleteRows(this.ws, rows);
  }

  async insertRows(before: number, count: number, formatFrom: number | null): Promise<void> {
    insertRows(this.ws, before, count, formatFrom);
  }

  private merges(): CellRange[] {
    // exceljs keeps merges in a private map of Range objects; there is no public getter.
    const internal = (this.ws as unknown as { _merges: Record<string, CellRange> })._merges ?? {};
    return Object.values(internal).map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));
  }
}

/**
 * What exceljs would read back from the saved file: a number in a date-formatted cell is a Date
 * (a pulled date written as an Excel serial), so the sheet holds the same value before and after
 * a save, and content hashes agree.
 */
function cellValue(cell: ExcelJS.Cell, value: string | number | boolean | null): ExcelJS.CellValue {
  if (typeof value === 'number' && isDateFormat(cell.numFmt)) {
    const ms = Date.UTC(1899, 11, 30) + Math.round(value * 86_400_000);
    return new Date(ms);
  }
  return value;
}

/** exceljs's own test for a date number format: y, m, d, h, s outside quotes and brackets. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

function hasOurFill(cell: ExcelJS.Cell): boolean {
  const fill = cell.style?.fill as ExcelJS.FillPattern | undefined;
  const argb = fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
  return argb !== undefined && OUR_FILLS.has(argb);
}

function applyFill(cell: ExcelJS.Cell, fill: Fill, marked: boolean): void {
  if (fill === 'none') {
    if (!marked) return;
    const { fill: _ours, ...rest } = cell.style;
    cell.style = rest;
    return;
  }
  cell.style = {
    ...cell.style,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_COLOURS[fill] } },
  };
}

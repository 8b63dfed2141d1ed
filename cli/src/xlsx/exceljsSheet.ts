import type ExcelJS from 'exceljs';
import type { CellRange, CellWrite, Fill, SheetPort, UsedRange } from '../../../shared/sheet/port.js';

/** Fills we set on marked cells (ARGB); clearing removes only these, never an officer's own fill. */
export const FILL_COLOURS: Record<Exclude<Fill, 'none'>, string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFF2CC',
  conflict: 'FFF8CBAD',
};
const OUR_FILLS = new Set(Object.values(FILL_COLOURS));

/** The exceljs adapter of one worksheet (the CLI's half of the Workbook port). */
export class ExcelJsSheet implements SheetPort {
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  get name(): string {
    return this.ws.name;
  }

  async readUsedRange(): Promise<UsedRange> {
    const bottom = this.ws.rowCount;
    const right = this.ws.columnCount;
    const values: unknown[][] = [];
    for (let r = 1; r <= bottom; r++) {
      const row = this.ws.getRow(r);
      const line: unknown[] = [];
      // Merged cells report their master's value, as §4.7 wants.
      for (let c = 1; c <= right; c++) line.push(row.getCell(c).value ?? null);
      values.push(line);
    }
    return { top: 1, left: 1, values, merges: this.merges() };
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    for (const w of writes) {
      const cell = this.ws.getCell(w.row, w.col);
      // A string is stored as a string cell: exceljs only writes a formula for {formula}, so
      // '=cmd|...' from a user stays text.
      if (w.value !== undefined) cell.value = w.value;
      if (w.note !== undefined) cell.note = w.note === null ? (undefined as unknown as string) : w.note;
      if (w.fill !== undefined) applyFill(cell, w.fill);
    }
  }

  async hideColumns(cols: readonly number[]): Promise<void> {
    for (const c of cols) this.ws.getColumn(c).hidden = true;
  }

  async deleteRows(rows: readonly number[]): Promise<void> {
    for (const r of [...rows].sort((a, b) => b - a)) this.ws.spliceRows(r, 1);
  }

  private merges(): CellRange[] {
    // exceljs keeps merges in a private map of Range objects; there is no public getter.
    const internal = (this.ws as unknown as { _merges: Record<string, CellRange> })._merges ?? {};
    return Object.values(internal).map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));
  }
}

function applyFill(cell: ExcelJS.Cell, fill: Fill): void {
  if (fill === 'none') {
    const current = cell.fill as ExcelJS.FillPattern | undefined;
    const argb = current?.type === 'pattern' ? current.fgColor?.argb : undefined;
    if (argb && OUR_FILLS.has(argb))
      cell.style = { ...cell.style, fill: undefined as unknown as ExcelJS.Fill };
    return;
  }
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_COLOURS[fill] } };
}

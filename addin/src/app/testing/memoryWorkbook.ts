import type { LedgerKind } from '../../../../shared/ledgers/define.js';
import { ledgers } from '../../../../shared/ledgers/index.js';
import type {
  CellRange,
  CellWrite,
  SheetPort,
  SheetState,
  UsedRange,
  WorkbookPort,
} from '../../../../shared/sheet/port.js';
import { STATE_SHEET, stateFromValues, stateToValues } from '../../../../shared/sheet/state.js';
import type { AnnualSummary } from '../../../../shared/summary/annual.js';
import type { BudgetExecution } from '../../../../shared/summary/budgetExecution.js';
import type { DraftSentence } from '../../../../shared/summary/sentences.js';
import type { PaneHost } from '../host.js';

/**
 * TEST DOUBLE — never shipped. An in-memory workbook that behaves like Excel's worksheets as
 * far as the task pane can tell: values (empty cells read as ''), notes, fills, hidden
 * columns, merged areas, row deletion, the very-hidden `_union_ledger` state sheet, an active
 * sheet and a selected cell. Unit tests drive the sync controller with it, and the browser
 * harness (test/e2e) injects it as `window.__unionLedgerTestWorkbook` and draws it as a grid.
 */
export class MemoryWorksheet implements SheetPort {
  /** row → col → value, 1-based. */
  private readonly cells = new Map<number, Map<number, unknown>>();
  readonly notes = new Map<string, string>();
  readonly fills = new Map<string, string>();
  readonly hidden = new Set<number>();
  merges: CellRange[] = [];
  /** Counts of calls, for tests that assert batching. */
  readonly calls = { read: 0, write: 0, hide: 0, deleteRows: 0 };

  constructor(
    readonly name: string,
    private readonly changed: () => void = () => {},
  ) {}

  /** Fill from a 2-D array whose [0][0] is A1 (or the given top-left). */
  load(values: readonly (readonly unknown[])[], top = 1, left = 1): this {
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== '') this.set(top + r, left + c, v);
      }),
    );
    this.changed();
    return this;
  }

  get(row: number, col: number): unknown {
    return this.cells.get(row)?.get(col) ?? '';
  }

  set(row: number, col: number, value: unknown): void {
    if (value === null || value === undefined || value === '') {
      this.cells.get(row)?.delete(col);
      return;
    }
    let r = this.cells.get(row);
    if (!r) this.cells.set(row, (r = new Map()));
    r.set(col, value);
  }

  /** Type into a cell as a person would (tests). */
  edit(row: number, col: number, value: unknown): void {
    this.set(row, col, value);
    this.changed();
  }

  note(row: number, col: number): string | undefined {
    return this.notes.get(`${row},${col}`);
  }

  fill(row: number, col: number): string | undefined {
    return this.fills.get(`${row},${col}`);
  }

  bounds(): { top: number; left: number; bottom: number; right: number } | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const [r, row] of this.cells)
      for (const c of row.keys()) {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    return bottom === 0 ? null : { top, left, bottom, right };
  }

  /** The values of a rectangle (inclusive), '' for empty cells. */
  values(top: number, left: number, bottom: number, right: number): unknown[][] {
    const out: unknown[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row: unknown[] = [];
      for (let c = left; c <= right; c++) row.push(this.get(r, c));
      out.push(row);
    }
    return out;
  }

  async readUsedRange(): Promise<UsedRange> {
    this.calls.read++;
    const b = this.bounds();
    if (!b) return { top: 1, left: 1, values: [['']], merges: [] };
    return {
      top: b.top,
      left: b.left,
      values: this.values(b.top, b.left, b.bottom, b.right),
      merges: this.merges.map((m) => ({ ...m })),
      hiddenColumns: [...this.hidden].sort((a, b) => a - b),
    };
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    this.calls.write++;
    for (const w of writes) {
      const key = `${w.row},${w.col}`;
      if (w.value !== undefined) this.set(w.row, w.col, w.value);
      if (w.note === null) this.notes.delete(key);
      else if (w.note !== undefined) this.notes.set(key, w.note);
      if (w.fill === 'none') this.fills.delete(key);
      else if (w.fill !== undefined) this.fills.set(key, w.fill);
    }
    this.changed();
  }

  async hideColumns(cols: readonly number[]): Promise<void> {
    this.calls.hide++;
    for (const c of cols) this.hidden.add(c);
    this.changed();
  }

  /** Blank rows before `before`, the rows below moving down (Range.insert('Down')). */
  async insertRows(before: number, count: number): Promise<void> {
    const shift = (r: number): number => (r >= before ? r + count : r);
    const moved = new Map<number, Map<number, unknown>>();
    for (const [r, cells] of this.cells) moved.set(shift(r), cells);
    this.cells.clear();
    for (const [r, cells] of moved) this.cells.set(r, cells);
    for (const map of [this.notes, this.fills]) {
      const next = new Map<string, string>();
      for (const [key, v] of map) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        next.set(`${shift(r)},${c}`, v);
      }
      map.clear();
      for (const [k, v] of next) map.set(k, v);
    }
    this.merges = this.merges.map((m) =>
      m.top >= before ? { ...m, top: m.top + count, bottom: m.bottom + count } : m,
    );
    this.changed();
  }

  async deleteRows(rows: readonly number[]): Promise<void> {
    this.calls.deleteRows++;
    for (const row of [...new Set(rows)].sort((a, b) => b - a)) {
      const shifted = new Map<number, Map<number, unknown>>();
      for (const [r, cells] of this.cells) if (r !== row) shifted.set(r > row ? r - 1 : r, cells);
      this.cells.clear();
      for (const [r, cells] of shifted) this.cells.set(r, cells);
      for (const map of [this.notes, this.fills]) {
        const moved = new Map<string, string>();
        for (const [key, v] of map) {
          const [r, c] = key.split(',').map(Number) as [number, number];
          if (r !== row) moved.set(`${r > row ? r - 1 : r},${c}`, v);
        }
        map.clear();
        for (const [k, v] of moved) map.set(k, v);
      }
      this.merges = this.merges
        .filter((m) => !(m.top === row && m.bottom === row))
        .map((m) => ({
          ...m,
          top: m.top > row ? m.top - 1 : m.top,
          bottom: m.bottom >= row ? m.bottom - 1 : m.bottom,
        }));
    }
    this.changed();
  }
}

export class MemoryWorkbook implements WorkbookPort, PaneHost {
  readonly sheets = new Map<string, MemoryWorksheet>();
  private readonly stateSheet: MemoryWorksheet;
  active = '';
  selection: { sheet: string; row: number; col: number } | null = null;
  summaries: AnnualSummary[] = [];
  executions: BudgetExecution[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly sheetListeners = new Set<() => void>();

  constructor() {
    this.stateSheet = new MemoryWorksheet(STATE_SHEET, () => this.emit());
  }

  get workbook(): WorkbookPort {
    return this;
  }

  /** Listen to every change (the harness redraws its grid). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  addSheet(
    name: string,
    values: readonly (readonly unknown[])[] = [],
    merges: readonly CellRange[] = [],
  ): MemoryWorksheet {
    const sheet = new MemoryWorksheet(name, () => this.emit()).load(values);
    sheet.merges = merges.map((m) => ({ ...m }));
    this.sheets.set(name, sheet);
    if (!this.active) this.active = name;
    this.emit();
    return sheet;
  }

  activate(name: string): void {
    if (!this.sheets.has(name)) throw new Error(`no sheet ${name}`);
    this.active = name;
    this.emit();
    for (const l of this.sheetListeners) l();
  }

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.keys()];
  }

  sheet(name: string): MemoryWorksheet {
    const s = this.sheets.get(name);
    if (!s) throw new Error(`工作表“${name}”不存在`);
    return s;
  }

  async readState(): Promise<SheetState[]> {
    const b = this.stateSheet.bounds();
    if (!b) return [];
    return stateFromValues(this.stateSheet.values(1, 1, b.bottom, b.right)).states;
  }

  async writeState(states: readonly SheetState[]): Promise<void> {
    const values = stateToValues(states);
    const b = this.stateSheet.bounds();
    if (b)
      for (let r = 1; r <= b.bottom; r++) for (let c = 1; c <= b.right; c++) this.stateSheet.set(r, c, '');
    this.stateSheet.load(values);
  }

  async activeSheet(): Promise<string> {
    return this.active;
  }

  async selectCell(sheet: string, row: number, col: number): Promise<void> {
    if (sheet !== this.active) this.activate(sheet);
    this.selection = { sheet, row, col };
    this.emit();
  }

  async insertTemplate(kind: LedgerKind): Promise<string> {
    const ledger = ledgers[kind];
    let name = ledger.title;
    for (let i = 2; this.sheets.has(name); i++) name = `${ledger.title}${i}`;
    this.addSheet(name, [[...ledger.headers]]);
    this.activate(name);
    return name;
  }

  async writeSummarySheet(summary: AnnualSummary, sentences: readonly DraftSentence[] = []): Promise<void> {
    this.summaries.push(summary);
    const rows: unknown[][] = [
      [`${summary.year}年度汇总`],
      ...sentences.map((s) => [s.text]),
      ['项目', '数值'],
    ];
    const walk = (prefix: string, v: unknown): void => {
      if (typeof v === 'number' || typeof v === 'string') rows.push([prefix, v]);
      else if (v && typeof v === 'object' && !Array.isArray(v))
        for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    };
    walk('', { members: summary.members, welfare: summary.welfare });
    this.replaceSheet('汇总', rows);
  }

  async writeBudgetExecutionSheet(execution: BudgetExecution): Promise<void> {
    this.executions.push(execution);
    const rows: unknown[][] = [[`${execution.year}年预算执行`], ['单位', '预算', '实际', '执行率']];
    for (const u of execution.units) rows.push([u.name, u.total.budget, u.total.actual, u.total.rate]);
    this.replaceSheet('预算执行', rows);
  }

  /** As the Office adapter does: the sheet is rewritten and shown. */
  private replaceSheet(name: string, rows: unknown[][]): void {
    this.sheets.delete(name);
    this.addSheet(name, rows);
    this.activate(name);
  }

  onActiveSheetChanged(listener: () => void): () => void {
    this.sheetListeners.add(listener);
    return () => this.sheetListeners.delete(listener);
  }
}

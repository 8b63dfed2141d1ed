import type { CellRange, CellWrite, Fill } from '../../../shared/sheet/port.js';
import { rangeAddress } from './a1.js';
import { jsonBytes, MAX_OP_BYTES } from './payload.js';

/**
 * CellWrites grouped into as few ranges as possible (pure; no Office.js here). Values go in
 * rectangles — one per column run, runs of adjacent columns with the same rows merged, so the
 * `_id`, `_rev` and 同步状态 columns of a writeback become ONE range. Cells inside a rectangle
 * that are not written hold null, which Office.js leaves unchanged. Fills go in runs of one
 * colour; notes stay per cell (Excel has no bulk note API).
 */

export type CellValue = string | number | boolean;

export interface ValueRect extends CellRange {
  /** '' clears a cell; null leaves it unchanged. */
  values: (CellValue | null)[][];
  /** '@' (text) where a string is written, so Excel never turns it into a formula, number or date. */
  formats: ('@' | null)[][] | null;
}

export interface FillRect extends CellRange {
  fill: Exclude<Fill, 'none'>;
}

export interface NoteWrite {
  row: number;
  col: number;
  note: string | null;
}

export interface CellPlan {
  values: ValueRect[];
  fills: FillRect[];
  /** Cells whose fill must be cleared if it is one of ours. */
  unfill: { row: number; col: number }[];
  /**
   * Cells whose current fill decides something (a 'none' fill, a null note), as runs down
   * single columns: most columns are uniform, one colour for the whole run. A run bridges gaps
   * of up to MAX_GAP rows (the invalid rows of a push, whose cells get a mark instead): a
   * uniform run answers for every cell in it, and a mixed one is read cell by cell anyway.
   */
  probe: CellRange[];
  notes: NoteWrite[];
}

/** Unwritten rows inside a column rectangle cost ~5 bytes each; a new range ~300. */
export const MAX_GAP = 50;

const STRIDE = 16_384;

interface Merged {
  row: number;
  col: number;
  value?: CellValue | null;
  note?: string | null;
  fill?: Fill;
}

export function planCellWrites(writes: readonly CellWrite[]): CellPlan {
  // The last write of each aspect of a cell wins.
  const cells = new Map<number, Merged>();
  for (const w of writes) {
    if (!Number.isInteger(w.row) || !Number.isInteger(w.col) || w.row < 1 || w.col < 1 || w.col >= STRIDE)
      throw new RangeError(`bad cell ${w.row},${w.col}`);
    const key = w.row * STRIDE + w.col;
    const m = cells.get(key) ?? { row: w.row, col: w.col };
    if (w.value !== undefined) m.value = w.value;
    if (w.note !== undefined) m.note = w.note;
    if (w.fill !== undefined) m.fill = w.fill;
    cells.set(key, m);
  }
  const all = [...cells.values()].sort((a, b) => a.col - b.col || a.row - b.row);

  const valued = all.filter((c) => c.value !== undefined);
  const valueOf = new Map(valued.map((c) => [c.row * STRIDE + c.col, c.value ?? '']));
  const valueRects = mergeNearColumns(columnRuns(valued, MAX_GAP), MAX_GAP).flatMap((r) =>
    splitByBytes(toValueRect(r, valueOf)),
  );

  const fills: FillRect[] = [];
  for (const fill of ['error', 'warning', 'conflict'] as const) {
    const runs = columnRuns(
      all.filter((c) => c.fill === fill),
      0,
    );
    for (const r of mergeColumns(runs)) fills.push({ ...r, fill });
  }
  const unfill = all.filter((c) => c.fill === 'none').map((c) => ({ row: c.row, col: c.col }));
  const probe = columnRuns(
    all.filter((c) => c.fill === 'none' || c.note === null),
    MAX_GAP,
  );

  const notes = all
    .filter((c) => c.note !== undefined)
    .map((c) => ({ row: c.row, col: c.col, note: c.note ?? null }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { values: valueRects, fills, unfill, probe, notes };
}

/**
 * Rectangles as the comma-separated addresses of Worksheet.getRanges (ExcelApi 1.9), so that
 * one operation fills or clears many of them. Excel refuses long RangeAreas addresses
 * (OfficeDev/office-js#5198: some of 513 areas or about 8,000 characters fail, others pass),
 * so each address stays far below: at most MAX_AREAS areas and MAX_AREAS_CHARS characters.
 */
export const MAX_AREAS = 100;
export const MAX_AREAS_CHARS = 2_000;

export function areaAddresses(rects: readonly CellRange[]): string[] {
  const out: string[] = [];
  let parts: string[] = [];
  let chars = 0;
  for (const rect of rects) {
    const a = rangeAddress(rect);
    if (parts.length && (parts.length >= MAX_AREAS || chars + 1 + a.length > MAX_AREAS_CHARS)) {
      out.push(parts.join(','));
      parts = [];
      chars = 0;
    }
    chars += (parts.length ? 1 : 0) + a.length;
    parts.push(a);
  }
  if (parts.length) out.push(parts.join(','));
  return out;
}

/** Runs down each column (cells sorted by column, then row), bridging gaps up to `gap` rows. */
export function columnRuns(cells: readonly { row: number; col: number }[], gap: number): CellRange[] {
  const runs: CellRange[] = [];
  let run: CellRange | null = null;
  for (const c of cells) {
    if (run && run.left === c.col && c.row - run.bottom - 1 <= gap) run.bottom = c.row;
    else {
      if (run) runs.push(run);
      run = { top: c.row, bottom: c.row, left: c.col, right: c.col };
    }
  }
  if (run) runs.push(run);
  return runs;
}

/** Runs of adjacent columns covering the same rows become one rectangle. */
export function mergeColumns(runs: readonly CellRange[]): CellRange[] {
  const sorted = [...runs].sort((a, b) => a.top - b.top || a.bottom - b.bottom || a.left - b.left);
  const out: CellRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.top === r.top && last.bottom === r.bottom && last.right + 1 === r.left)
      last.right = r.right;
    else out.push({ ...r });
  }
  return out;
}

/**
 * Like mergeColumns, for value rectangles, whose unwritten cells are null: adjacent columns
 * join when their rows differ by at most `gap` at either end (`_rev` lacks the rows of invalid
 * rows, yet goes in one rectangle with `_id` and 同步状态).
 */
function mergeNearColumns(runs: readonly CellRange[], gap: number): CellRange[] {
  const sorted = [...runs].sort((a, b) => a.left - b.left || a.top - b.top);
  const groups: CellRange[] = [];
  for (const r of sorted) {
    const g = groups.find(
      (x) =>
        x.right + 1 === r.left &&
        Math.abs(x.top - r.top) <= gap &&
        Math.abs(x.bottom - r.bottom) <= gap &&
        x.top <= r.bottom &&
        r.top <= x.bottom,
    );
    if (g) {
      g.right = r.right;
      g.top = Math.min(g.top, r.top);
      g.bottom = Math.max(g.bottom, r.bottom);
    } else groups.push({ ...r });
  }
  return groups.sort((a, b) => a.top - b.top || a.left - b.left);
}

function toValueRect(r: CellRange, valueOf: ReadonlyMap<number, CellValue | null>): ValueRect {
  const values: (CellValue | null)[][] = [];
  const formats: ('@' | null)[][] = [];
  let text = false;
  for (let row = r.top; row <= r.bottom; row++) {
    const line: (CellValue | null)[] = [];
    const fmt: ('@' | null)[] = [];
    for (let col = r.left; col <= r.right; col++) {
      const key = row * STRIDE + col;
      if (!valueOf.has(key)) {
        line.push(null);
        fmt.push(null);
        continue;
      }
      const v = valueOf.get(key);
      // A null value clears the cell: '' is Office.js's "clear", null its "leave alone".
      const value = v === null || v === undefined ? '' : v;
      line.push(value);
      const isText = typeof value === 'string' && value !== '';
      fmt.push(isText ? '@' : null);
      text ||= isText;
    }
    values.push(line);
    formats.push(fmt);
  }
  return { ...r, values, formats: text ? formats : null };
}

/** Splits a rectangle into bands of rows so that no single operation nears the request limit. */
function splitByBytes(rect: ValueRect): ValueRect[] {
  const bytes = jsonBytes(rect.values) + (rect.formats ? jsonBytes(rect.formats) : 0);
  const rows = rect.bottom - rect.top + 1;
  if (bytes <= MAX_OP_BYTES || rows === 1) return [rect];
  const bands = Math.ceil(bytes / MAX_OP_BYTES);
  const per = Math.ceil(rows / bands);
  const out: ValueRect[] = [];
  for (let i = 0; i < rows; i += per) {
    const values = rect.values.slice(i, i + per);
    const formats = rect.formats?.slice(i, i + per) ?? null;
    out.push({
      top: rect.top + i,
      bottom: rect.top + i + values.length - 1,
      left: rect.left,
      right: rect.right,
      values,
      formats: formats && formats.some((r) => r.includes('@')) ? formats : null,
    });
  }
  return out;
}

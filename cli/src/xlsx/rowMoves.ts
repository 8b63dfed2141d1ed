import ExcelJS from 'exceljs';
import { columnLetter } from '../validationReport.js';
import {
  deletionMap,
  insertionMap,
  shiftFormula,
  shiftRange,
  shiftRangeList,
  type RowMap,
} from './references.js';

/**
 * Inserting and deleting whole rows of an exceljs worksheet the way Excel does. exceljs's own
 * `spliceRows` copies values only: it drops the notes of the rows it moves, leaves merges,
 * formulas, data validations and conditional formats where they were, and breaks shared
 * formulas. Here every row from the first affected one down is rebuilt at its new place with its
 * values, styles, notes, height and visibility; merges move with it; references to the moved
 * rows are rewritten in every formula of the workbook, in conditional formats, data validations,
 * defined names, the print area and the auto filter.
 *
 * Not moved (exceljs does not model them well enough): images and other drawings anchored below
 * the point, tables (ListObjects), page breaks, and references in charts or pivot caches (which
 * exceljs does not keep anyway).
 */

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The parts of exceljs's worksheet that have no public API: the row array and the merge index. */
interface WorksheetInternals {
  _rows: (ExcelJS.Row | undefined)[];
  _merges: Record<string, CellRange>;
}

interface CellInternals {
  _comment?: unknown;
}

/** Worksheet members exceljs has at runtime but leaves out of its type definitions. */
interface SheetExtras {
  dataValidations: { model: Record<string, unknown> };
  conditionalFormattings: { ref: string; rules: { formulae?: unknown[] }[] }[];
}

function extras(ws: ExcelJS.Worksheet): SheetExtras {
  return ws as unknown as SheetExtras;
}

/** A row's own style (exceljs keeps it on the row; the type definitions omit it). */
function rowStyle(row: ExcelJS.Row): { style: Partial<ExcelJS.Style> } {
  return row as unknown as { style: Partial<ExcelJS.Style> };
}

interface CellSnapshot {
  col: number;
  /** Undefined for the covered cells of a merge: their value is the master's. */
  value: ExcelJS.CellValue | undefined;
  style: Partial<ExcelJS.Style>;
  comment: unknown;
}

interface RowSnapshot {
  number: number;
  height: number | undefined;
  hidden: boolean;
  outlineLevel: number;
  style: Partial<ExcelJS.Style>;
  cells: CellSnapshot[];
}

export function insertRows(
  ws: ExcelJS.Worksheet,
  before: number,
  count: number,
  formatFrom: number | null,
): void {
  if (count <= 0) return;
  const map = insertionMap(before, count);
  remapRows(ws, map, before);
  definedNames(ws).spliceRows(ws.name, before, 0, count);
  if (formatFrom === null || formatFrom >= before) return;
  const src = ws.findRow(formatFrom);
  if (!src) return;
  const validations = extras(ws).dataValidations.model;
  for (let i = 0; i < count; i++) {
    const dst = ws.getRow(before + i);
    if (src.height !== undefined) dst.height = src.height;
    rowStyle(dst).style = rowStyle(src).style;
    for (let c = 1; c <= src.cellCount; c++) {
      const cell = src.findCell(c);
      if (!cell) continue;
      dst.getCell(c).style = cell.style;
      const dv = validations[`${columnLetter(c)}${formatFrom}`];
      if (dv) validations[`${columnLetter(c)}${before + i}`] = dv;
    }
  }
}

export function deleteRows(ws: ExcelJS.Worksheet, rows: readonly number[]): void {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1).sort((a, b) => a - b);
  if (sorted.length === 0) return;
  remapRows(ws, deletionMap(sorted), sorted[0]!);
  for (const r of [...sorted].reverse()) definedNames(ws).spliceRows(ws.name, r, 1, 0);
}

function remapRows(ws: ExcelJS.Worksheet, map: RowMap, first: number): void {
  const internals = ws as unknown as WorksheetInternals;
  const merges = Object.entries(internals._merges ?? {}).map(([key, m]) => ({
    key,
    range: { top: m.top, left: m.left, bottom: m.bottom, right: m.right },
  }));
  const affected = merges.filter((m) => m.range.bottom >= first);
  const from = Math.min(first, ...affected.map((m) => m.range.top));

  flattenSharedFormulas(ws, from);
  const snapshots: RowSnapshot[] = [];
  for (let r = from; r <= internals._rows.length; r++) {
    const row = internals._rows[r - 1];
    if (row) snapshots.push(snapshot(row, r));
  }
  for (const m of affected) delete internals._merges[m.key];
  internals._rows.length = from - 1;

  for (const s of snapshots) {
    const target = map(s.number);
    if (target === null) continue;
    const row = ws.getRow(target);
    if (s.height !== undefined) row.height = s.height;
    if (s.hidden) row.hidden = true;
    if (s.outlineLevel) row.outlineLevel = s.outlineLevel;
    rowStyle(row).style = s.style;
    for (const c of s.cells) {
      const cell = row.getCell(c.col);
      if (c.value !== undefined) cell.value = c.value;
      cell.style = c.style;
      if (c.comment) (cell as unknown as CellInternals)._comment = c.comment;
    }
  }
  for (const { range } of affected) {
    const moved = shiftRange(`A${range.top}:A${range.bottom}`, map);
    if (moved === null) continue;
    const [top, bottom] = moved.split(':').map((a) => Number(a.slice(1)));
    if (top === undefined || bottom === undefined || (top === bottom && range.left === range.right)) continue;
    ws.mergeCellsWithoutStyle(top, range.left, bottom, range.right);
  }

  shiftReferences(ws, map);
}

function snapshot(row: ExcelJS.Row, number: number): RowSnapshot {
  const cells: CellSnapshot[] = [];
  for (let c = 1; c <= row.cellCount; c++) {
    const cell = row.findCell(c);
    if (!cell) continue;
    cells.push({
      col: c,
      value: cell.type === ExcelJS.ValueType.Merge ? undefined : cellValue(cell),
      style: cell.style,
      comment: (cell as unknown as CellInternals)._comment,
    });
  }
  return {
    number,
    height: row.height,
    hidden: row.hidden,
    outlineLevel: row.outlineLevel ?? 0,
    style: rowStyle(row).style,
    cells,
  };
}

/** A cell's value to re-create it elsewhere. exceljs's `value` drops a formula's falsy result (0, ''). */
function cellValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  const v = cell.value as ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };
  const out: Record<string, unknown> = { formula: cell.formula, result: cell.result };
  if (v.shareType === 'array') Object.assign(out, { shareType: 'array', ref: v.ref });
  return out as unknown as ExcelJS.CellValue;
}

/**
 * Shared formulas are addressed by position (a master and the cells that borrow its formula):
 * before rows move, every shared formula that reaches row `from` becomes a plain formula.
 */
function flattenSharedFormulas(ws: ExcelJS.Worksheet, from: number): void {
  ws.eachRow((row) => {
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.findCell(c);
      if (!cell || cell.type !== ExcelJS.ValueType.Formula) continue;
      const v = cell.value as { sharedFormula?: string; shareType?: string; ref?: string };
      const reaches = v.sharedFormula !== undefined || (v.shareType === 'shared' && reachesRow(v.ref, from));
      if (reaches) cell.value = { formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue;
    }
  });
}

function reachesRow(ref: string | undefined, row: number): boolean {
  const bottom = Number(/(\d+)$/.exec(ref ?? '')?.[1] ?? 0);
  return bottom >= row;
}

/** Every reference to the moved rows, in every sheet of the workbook. */
function shiftReferences(ws: ExcelJS.Worksheet, map: RowMap): void {
  const sheet = ws.name;
  for (const other of ws.workbook.worksheets) {
    const home = other.name;
    other.eachRow((row) => {
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.findCell(c);
        if (!cell || cell.type !== ExcelJS.ValueType.Formula) continue;
        const formula = cell.formula;
        if (!formula) continue;
        const shifted = shiftFormula(formula, map, sheet, home);
        const v = cell.value as { shareType?: string; ref?: string };
        const ref = v.shareType === 'array' && v.ref && home === sheet ? shiftRange(v.ref, map) : v.ref;
        if (shifted === formula && ref === v.ref) continue;
        cell.value = {
          formula: shifted,
          result: cell.result,
          ...(v.shareType === 'array' && ref ? { shareType: 'array', ref } : {}),
        } as ExcelJS.CellFormulaValue;
      }
    });
    for (const cf of extras(other).conditionalFormattings ?? []) {
      for (const rule of cf.rules)
        if (Array.isArray(rule.formulae))
          rule.formulae = rule.formulae.map((f) =>
            typeof f === 'string' ? shiftFormula(f, map, sheet, home) : f,
          );
    }
  }

  extras(ws).conditionalFormattings = (extras(ws).conditionalFormattings ?? []).flatMap((cf) => {
    const ref = shiftRangeList(cf.ref, map);
    return ref === null ? [] : [{ ...cf, ref }];
  });

  const validations = extras(ws).dataValidations.model;
  const moved: Record<string, unknown> = {};
  for (const [address, dv] of Object.entries(validations)) {
    if (!dv) continue;
    const key = address.startsWith('range:') ? address.slice(6) : address;
    const shifted = shiftRange(key, map);
    if (shifted !== null) moved[address.startsWith('range:') ? `range:${shifted}` : shifted] = dv;
  }
  extras(ws).dataValidations.model = moved;

  const setup = ws.pageSetup as { printArea?: string };
  if (setup.printArea) {
    const area = setup.printArea
      .split('&&')
      .map((r) => shiftRange(r, map))
      .filter((r): r is string => r !== null);
    setup.printArea = area.length ? area.join('&&') : undefined;
  }
  if (typeof ws.autoFilter === 'string') {
    const filter = shiftRange(ws.autoFilter, map);
    if (filter) ws.autoFilter = filter;
  }
}

interface SpliceableNames {
  spliceRows(sheet: string, start: number, numDelete: number, numInsert: number): void;
}

function definedNames(ws: ExcelJS.Worksheet): SpliceableNames {
  return (ws.workbook as unknown as { definedNames: SpliceableNames }).definedNames;
}

/**
 * A1 references in formulas and ranges, moved the way Excel moves them when rows are inserted
 * or deleted: references at or below an inserted row move down, references to a deleted row
 * become #REF!, and a range loses the deleted rows it spans. exceljs has no formula parser;
 * this covers what ledgers hold (cell and range references, optionally sheet-qualified, in
 * formulas whose string literals are left alone). Whole-row ranges (`3:5`) are left as they are.
 */

/** Where an old row goes: its new number, or null when the row was deleted. */
export type RowMap = (row: number) => number | null;

export function insertionMap(before: number, count: number): RowMap {
  return (row) => (row >= before ? row + count : row);
}

export function deletionMap(deleted: readonly number[]): RowMap {
  const sorted = [...new Set(deleted)].sort((a, b) => a - b);
  const gone = new Set(sorted);
  return (row) => {
    if (gone.has(row)) return null;
    let below = 0;
    for (const d of sorted) if (d < row) below++;
    return row - below;
  };
}

const MAX_ROW = 1_048_576;

/** The new number of a range's first row: the first row of the range that survives. */
function mapStart(map: RowMap, row: number, end: number): number | null {
  for (let r = row; r <= Math.min(end, MAX_ROW); r++) {
    const m = map(r);
    if (m !== null) return m;
  }
  return null;
}

/** The new number of a range's last row: the last row of the range that survives. */
function mapEnd(map: RowMap, row: number, start: number): number | null {
  for (let r = row; r >= Math.max(start, 1); r--) {
    const m = map(r);
    if (m !== null) return m;
  }
  return null;
}

const CELL = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/;

/** `B5` or `B5:K60` (with optional `$`), moved; null when nothing of it survives. */
export function shiftRange(range: string, map: RowMap): string | null {
  const [a, b, extra] = range.split(':');
  if (extra !== undefined || a === undefined) return range;
  const ma = CELL.exec(a);
  const mb = b === undefined ? null : CELL.exec(b);
  if (!ma || (b !== undefined && !mb)) return range;
  const r1 = Number(ma[4]);
  if (!mb) {
    const r = map(r1);
    return r === null ? null : `${ma[1]}${ma[2]}${ma[3]}${r}`;
  }
  const r2 = Number(mb[4]);
  const top = Math.min(r1, r2);
  const bottom = Math.max(r1, r2);
  const start = mapStart(map, top, bottom);
  const end = mapEnd(map, bottom, top);
  if (start === null || end === null) return null;
  const [n1, n2] = r1 <= r2 ? [start, end] : [end, start];
  return `${ma[1]}${ma[2]}${ma[3]}${n1}:${mb[1]}${mb[2]}${mb[3]}${n2}`;
}

/** A space-separated list of ranges (conditional formatting, data validation `sqref`). */
export function shiftRangeList(list: string, map: RowMap): string | null {
  const parts = list
    .split(/\s+/)
    .filter(Boolean)
    .map((r) => shiftRange(r, map))
    .filter((r): r is string => r !== null);
  return parts.length ? parts.join(' ') : null;
}

// An optional sheet prefix ('My sheet'! or 活动台账!), a cell, and an optional second cell of a range.
const REF =
  /(?<![\w.$!:'])((?:'(?:[^']|'')+'|[^\s'!:(),;=+\-*/^&<>"{}[\]]+)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![\w(!:])/g;

/**
 * Moves the references of a formula that point into `sheet`. `home` is the sheet holding the
 * formula: its unqualified references point into itself.
 */
export function shiftFormula(formula: string, map: RowMap, sheet: string, home: string): string {
  // String literals ("..." with "" escapes) are not references.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : shiftPart(part, map, sheet, home)))
    .join('');
}

function shiftPart(text: string, map: RowMap, sheet: string, home: string): string {
  return text.replace(REF, (whole, prefix: string | undefined, ref: string) => {
    const target = prefix ? unquote(prefix.slice(0, -1)) : home;
    if (target !== sheet) return whole;
    const moved = shiftRange(ref, map);
    return moved === null ? '#REF!' : `${prefix ?? ''}${moved}`;
  });
}

function unquote(name: string): string {
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

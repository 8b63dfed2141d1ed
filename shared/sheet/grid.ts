import type { CellRange, UsedRange } from './port.js';

/**
 * A used range seen through its merges (§4.7): a merged cell counts as holding its value in
 * every cell it covers. Coordinates are 1-based sheet rows and columns.
 */
export interface Grid {
  readonly top: number;
  readonly left: number;
  /** Last row and column of the used range (inclusive). */
  readonly bottom: number;
  readonly right: number;
  /** The value of a cell, or of the merge that covers it. */
  get(row: number, col: number): unknown;
  /** The merge that covers a cell, if any. */
  mergeAt(row: number, col: number): CellRange | undefined;
}

// Excel has at most 16384 columns: row * STRIDE + col is a unique key.
const STRIDE = 16_384;

export function gridOf(used: UsedRange): Grid {
  const rows = used.values.length;
  const width = used.values.reduce((max, r) => Math.max(max, Array.isArray(r) ? r.length : 0), 0);
  const top = used.top;
  const left = used.left;
  const bottom = top + rows - 1;
  const right = left + width - 1;
  const raw = (row: number, col: number): unknown => {
    const r = used.values[row - top];
    return Array.isArray(r) ? r[col - left] : undefined;
  };
  const covering = new Map<number, CellRange>();
  for (const m of used.merges ?? []) {
    if (!validRange(m)) continue;
    // Only the part of a merge inside the used range can be asked for.
    for (let r = Math.max(m.top, top); r <= Math.min(m.bottom, bottom); r++)
      for (let c = Math.max(m.left, left); c <= Math.min(m.right, right); c++)
        covering.set(r * STRIDE + c, m);
  }
  return {
    top,
    left,
    bottom,
    right,
    get(row, col) {
      const m = covering.get(row * STRIDE + col);
      return m ? raw(m.top, m.left) : raw(row, col);
    },
    mergeAt(row, col) {
      return covering.get(row * STRIDE + col);
    },
  };
}

function validRange(m: CellRange): boolean {
  return (
    [m.top, m.left, m.bottom, m.right].every((n) => Number.isInteger(n) && n >= 1) &&
    m.bottom >= m.top &&
    m.right >= m.left &&
    m.right < STRIDE
  );
}

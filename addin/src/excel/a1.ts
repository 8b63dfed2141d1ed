import type { CellRange } from '../../../shared/sheet/port.js';

/** A1 addresses for 1-based rows and columns (Excel: at most 16384 columns, 1048576 rows). */

export function colLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1 || col > 16_384) throw new RangeError(`bad column ${col}`);
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function cellAddress(row: number, col: number): string {
  return `${colLetters(col)}${row}`;
}

export function rangeAddress(r: CellRange): string {
  const a = cellAddress(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellAddress(r.bottom, r.right)}`;
}

/** 'C:E' for columns 3..5. */
export function columnsAddress(left: number, right: number = left): string {
  return `${colLetters(left)}:${colLetters(right)}`;
}

/** '5:7' for rows 5..7. */
export function rowsAddress(top: number, bottom: number = top): string {
  return `${top}:${bottom}`;
}

const CELL_REF = /\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * The rectangle of one address as Excel reports it: 'Sheet1!B2:M40', "'工会 台账'!A1", 'C5'.
 * Throws on whole-row or whole-column references, which Excel does not return for used ranges.
 */
export function parseAddress(address: string): CellRange {
  const bang = address.lastIndexOf('!');
  const ref = bang >= 0 ? address.slice(bang + 1) : address;
  const m = CELL_REF.exec(ref.trim());
  if (!m || m.index !== 0) throw new Error(`unexpected address: ${address}`);
  const left = colNumber(m[1]!);
  const top = Number(m[2]);
  const right = m[3] ? colNumber(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

/**
 * The areas of a RangeAreas address ('Sheet1!A1:L1,Sheet1!A20:C21'); sheet names are quoted by
 * Excel when they hold commas or spaces, so the split is on the `!` that precedes each area.
 */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  const re = /!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/g;
  if (!address.includes('!')) {
    for (const part of address.split(',')) if (part.trim()) out.push(parseAddress(part.trim()));
    return out;
  }
  for (const m of address.matchAll(re)) out.push(parseAddress(m[1]!));
  return out;
}

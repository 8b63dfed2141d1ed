import { plainCellValue } from '../cells/index.js';
import type { WireCell } from './sync.js';

/**
 * A sheet cell as it travels: rich text and formulas flattened to their text or result,
 * dates as ISO `YYYY-MM-DD` (ExcelJS gives UTC midnight), Excel errors kept as {error}.
 */
export function toWireCell(v: unknown): WireCell {
  const plain = plainCellValue(v);
  if (plain === null) return null;
  if (plain instanceof Date) return Number.isNaN(plain.getTime()) ? null : plain.toISOString().slice(0, 10);
  if (typeof plain === 'object') return { error: plain.error.slice(0, 20) };
  if (typeof plain === 'number' && !Number.isFinite(plain)) return null;
  return plain;
}

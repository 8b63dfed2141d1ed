import { numberToDecimal } from './decimal.js';
import { fail, ok, type CellResult } from './result.js';
import { normalizeText } from './text.js';
import { plainCellValue } from './value.js';

const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)`;
// '5.00' is a whole number written with decimals; '12人' and '1 200' are not numbers.
const INTEGER = new RegExp(String.raw`^(${DIGITS})(?:\.0*)?$`);
const DECIMAL = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.\d*)?|\.\d+)$`);

/** Non-negative whole numbers (counts, 子女数): digits, thousands separators allowed. */
export function parseInteger(v: unknown, bounds: { min?: number; max?: number } = {}): CellResult<number> {
  const text = numericText(v);
  if (typeof text !== 'string') return text;
  const m = INTEGER.exec(text);
  const n = m?.[1] === undefined ? NaN : Number(m[1].replace(/,/g, ''));
  const inBounds = n >= (bounds.min ?? 0) && n <= (bounds.max ?? Number.MAX_SAFE_INTEGER);
  return Number.isSafeInteger(n) && inBounds ? ok(n) : fail('int.invalid');
}

/** Decimal numbers (an area of 120.5), thousands separators allowed; the sign is kept. */
export function parseNumber(v: unknown): CellResult<number> {
  const text = numericText(v);
  if (typeof text !== 'string') return text;
  const n = DECIMAL.test(text) ? Number(text.replace(/,/g, '')) : NaN;
  return Number.isFinite(n) ? ok(n === 0 ? 0 : n) : fail('number.invalid');
}

/**
 * The cell as text to match, or the result to return at once (blank, error value). Booleans,
 * dates and infinities become '', which no pattern matches.
 */
function numericText(v: unknown): string | CellResult<number> {
  const p = plainCellValue(v);
  if (p === null) return ok(null);
  if (typeof p === 'number') return Number.isFinite(p) ? numberToDecimal(p) : '';
  if (typeof p === 'string') return normalizeText(p) ?? ok(null);
  if (typeof p === 'object' && !(p instanceof Date)) return fail('cell.errorValue');
  return '';
}

import { numberToDecimal } from './decimal.js';
import { plainCellValue } from './value.js';
import { toHalfWidth } from './width.js';

// Pasted from web pages and WeChat; invisible, so the user cannot see why two names differ.
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
// Separators people type in ethnic names (阿依古丽·买买提); '．' is already '.' after toHalfWidth.
const NAME_DOTS = /[.•・･‧∙⋅﹒\u0387]/g;

/**
 * The text a cell shows, before normalisation; null for a blank cell. Error values give their
 * display string (#N/A), as Office.js does: callers that must reject them ask isErrorValue.
 */
export function cellText(v: unknown): string | null {
  const p = plainCellValue(v);
  if (p === null || typeof p === 'string') return p;
  if (typeof p === 'number') return numberToDecimal(p);
  if (typeof p === 'boolean') return p ? 'TRUE' : 'FALSE';
  if (p instanceof Date) {
    if (Number.isNaN(p.getTime())) return 'Invalid Date';
    const iso = p.toISOString();
    return iso.slice(0, iso.indexOf('T'));
  }
  return p.error;
}

// Anything normalisation would change: full-width, invisible, or whitespace other than single inner spaces.
const NEEDS_NORMALISING = /[\uFF01-\uFF5E\u3000\u200B\u2060\uFEFF]|[^\S ]| {2}|^ | $/;

/** §4.1: trimmed, half-width, inner whitespace collapsed to one space; null for blank. */
export function normalizeText(v: unknown): string | null {
  const raw = cellText(v);
  if (raw === null) return null;
  // A sheet repeats the same few texts (units, types, forms) thousands of times.
  if (raw !== '' && !NEEDS_NORMALISING.test(raw)) return raw;
  const text = toHalfWidth(raw).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** §4.1 names: "张 三" is 张三, and every middle-dot look-alike is '·'. */
export function normalizeName(v: unknown): string | null {
  const text = normalizeText(v);
  if (text === null) return null;
  const name = text.replace(/ /g, '').replace(NAME_DOTS, '·');
  return name === '' ? null : name;
}

/** True when the cell is blank: nothing, or only whitespace (in any run of rich text). */
export function isBlank(v: unknown): boolean {
  return normalizeText(v) === null;
}

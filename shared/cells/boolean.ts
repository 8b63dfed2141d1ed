import { fail, ok, type CellResult } from './result.js';
import { normalizeText } from './text.js';
import { plainCellValue } from './value.js';

// Latin words are compared in lower case: officers type Yes, YES and yes alike.
const TRUE_WORDS: ReadonlySet<string> = new Set(['是', '是的', '有', '√', '✓', '✔', 'y', 'yes', 'true', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['否', '无', '没有', '×', '✗', 'n', 'no', 'false', '0']);

/** §4.4: 是/否 and their look-alikes; blank is null so the ledger can apply its default. */
export function parseBool(v: unknown): CellResult<boolean> {
  const p = plainCellValue(v);
  if (p === null) return ok(null);
  if (typeof p === 'boolean') return ok(p);
  if (typeof p === 'number') return p === 1 ? ok(true) : p === 0 ? ok(false) : fail('bool.invalid');
  if (typeof p === 'object' && !(p instanceof Date)) return fail('cell.errorValue');
  if (typeof p !== 'string') return fail('bool.invalid');
  const word = normalizeText(p)?.toLowerCase();
  if (word === undefined) return ok(null);
  if (TRUE_WORDS.has(word)) return ok(true);
  return FALSE_WORDS.has(word) ? ok(false) : fail('bool.invalid');
}

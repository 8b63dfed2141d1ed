/** A cell value once the wrappers of ExcelJS and Office.js are taken off. */
export type PlainValue = string | number | boolean | Date | null | { error: string };

// Office.js `values` reports an error cell as its display string, so these strings are errors, not text.
const ERROR_STRINGS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
]);

// Wrappers nest (a formula whose result is rich text, a hyperlink whose text is rich text), but
// never deeply; the bound keeps a self-referencing object from recursing forever.
const MAX_DEPTH = 4;

/**
 * §4.1: rich text -> its runs joined, formula -> cached result, hyperlink -> its text, error ->
 * `{ error }`. Anything unrecognised reads as blank rather than as "[object Object]".
 */
export function plainCellValue(v: unknown): PlainValue {
  try {
    return unwrap(v, 0);
  } catch {
    // Host objects may have throwing getters; a single odd cell must not abort a whole sheet.
    return null;
  }
}

/** True for an error value (#N/A, #REF!, ...) from either host. */
export function isErrorValue(v: unknown): boolean {
  const p = plainCellValue(v);
  return typeof p === 'object' && p !== null && !(p instanceof Date);
}

function unwrap(v: unknown, depth: number): PlainValue {
  switch (typeof v) {
    case 'string':
      return ERROR_STRINGS.has(v) ? { error: v } : v;
    case 'number':
    case 'boolean':
      return v;
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      return null;
  }
  if (v === null) return null;
  if (v instanceof Date) return v;
  if (depth >= MAX_DEPTH || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return { error: o.error };
  if (Array.isArray(o.richText)) return o.richText.map(runText).join('');
  if ('formula' in o || 'sharedFormula' in o || 'result' in o) return unwrap(o.result, depth + 1);
  // Office.js valuesAsJson: { type: 'Error' | 'String' | 'Double' | ..., basicValue }.
  if ('basicValue' in o) {
    if (o.type === 'Error') return { error: String(o.basicValue) };
    return unwrap(o.basicValue, depth + 1);
  }
  if ('text' in o) return unwrap(o.text, depth + 1);
  return null;
}

function runText(run: unknown): string {
  if (typeof run !== 'object' || run === null) return '';
  const text = (run as { text?: unknown }).text;
  return typeof text === 'string' ? text : '';
}

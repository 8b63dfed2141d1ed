/**
 * Stable codes, for programs: each ledger turns a code into its own Chinese message with the
 * user's header (DOMAIN.md, "Generic messages"), so no message text lives here.
 */
export const cellErrorCodes = [
  'cell.errorValue',
  'date.invalid',
  'date.range',
  'date.noYear',
  'amount.invalid',
  'amount.capitalNumerals',
  'amount.decimals',
  'amount.range',
  'amount.negative',
  'bool.invalid',
  'int.invalid',
  'number.invalid',
] as const;

export type CellErrorCode = (typeof cellErrorCodes)[number];

/** What a parser returns: a value (null = blank cell), or a stable error code. */
export type CellResult<T> = { ok: true; value: T | null } | { ok: false; code: CellErrorCode };

export function ok<T>(value: T | null): CellResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: CellErrorCode): CellResult<T> {
  return { ok: false, code };
}

/** Texts remembered per cache: enough for the distinct values of a large sheet, bounded in memory. */
const REMEMBERED = 10_000;

/**
 * `parse(text)`, remembered: parsers are pure and sheets repeat the same texts in thousands of
 * rows. Results are frozen, since every caller with that text shares one object. A full
 * cache starts again empty.
 */
export function remembered<T>(
  cache: Map<string, CellResult<T>>,
  text: string,
  parse: (text: string) => CellResult<T>,
): CellResult<T> {
  let r = cache.get(text);
  if (r === undefined) {
    if (cache.size >= REMEMBERED) cache.clear();
    r = Object.freeze(parse(text));
    cache.set(text, r);
  }
  return r;
}

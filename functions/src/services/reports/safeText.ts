import type ExcelJS from 'exceljs';

/**
 * Text that came from users must stay text in every workbook the product writes (issue 5,
 * item 4). exceljs writes a formula only for `{ formula }` values, so a string is always a
 * string cell; but a reader or a user editing the cell may still take `=1+1`, `+1`, `-1`,
 * `@SUM(…)` or a leading tab / carriage return for a formula (OWASP "CSV injection"). Such a
 * string gets the text number format `@`, and `quotePrefixTextStyles` adds Excel's quote
 * prefix to that style, so that editing the cell keeps it text.
 */

/** The leading characters that make a spreadsheet treat typed text as a formula. */
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/** Excel's built-in text format (numFmtId 49). */
export const TEXT_FORMAT = '@';

export function isFormulaLike(text: string): boolean {
  return FORMULA_LEAD.test(text);
}

/** Writes a string from users into a cell: a plain string cell, with the text format when it looks like a formula. */
export function setText(cell: ExcelJS.Cell, text: string | null | undefined): void {
  if (text === null || text === undefined || text === '') {
    cell.value = null;
    return;
  }
  cell.value = String(text);
  if (isFormulaLike(cell.value)) cell.numFmt = TEXT_FORMAT;
}

/**
 * styles.xml post-processing: every cell style (`cellXfs`) with the text format gets
 * `quotePrefix="1"` — exceljs has no such option. Cell styles of other formats are untouched.
 */
export function quotePrefixTextStyles(stylesXml: string): string {
  return stylesXml.replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (block) =>
    block.replace(/<xf\b([^>]*?)(\/?)>/g, (tag: string, attrs: string, selfClosing: string) =>
      /\bnumFmtId="49"/.test(attrs) && !/\bquotePrefix=/.test(attrs)
        ? `<xf${attrs} quotePrefix="1"${selfClosing}>`
        : tag,
    ),
  );
}

// Excel stores and shows at most 15 significant digits.
const EXCEL_DIGITS = 15;

/**
 * Plain decimal text of a finite number, as Excel shows it in General format. Rounding to 15
 * significant digits removes the binary noise of formula results (=1200*1.1 is
 * 1320.0000000000002) and never changes a number a user typed, since Excel keeps no more.
 * Exponents are expanded (1e21 -> 1000000000000000000000) so callers can read digits exactly.
 */
export function numberToDecimal(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Whole numbers below 10^15 have at most 15 digits: their plain text is already exact.
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(n.toPrecision(EXCEL_DIGITS));
  if (!m) return String(n);
  const [, sign = '', lead = '', tail = '', exponent = '0'] = m;
  const digits = lead + tail;
  const point = lead.length + Number(exponent);
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return sign === '' || body === '0' ? body : `-${body}`;
}

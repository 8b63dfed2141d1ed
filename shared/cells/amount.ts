import { numberToDecimal } from './decimal.js';
import { fail, ok, remembered, type CellResult } from './result.js';
import { normalizeText } from './text.js';
import { plainCellValue } from './value.js';

// §4.3: anything above 10,000,000 元 is a typo (an extra digit, a 工号 in the wrong column).
const MAX_YUAN = 10_000_000n;

// Capital numerals (大写, as on receipts: 壹仟贰佰元整), traditional forms, and ordinary Chinese
// numerals (一千二百): whatever the form, the user's fix is the same, typing Arabic digits.
const CHINESE_NUMERALS = /[零壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟亿億圆圓角分〇一二三四五六七八九十百千两]/;

const CURRENCY = '(¥|RMB|CNY|人民币)';
const UNIT = '(万元整|万元|万|元整|元)';
// Each decoration may sit inside or outside accounting parentheses: ¥(100), (¥100), (100)元, (100元).
const AMOUNT = new RegExp(
  `^([+-])?${CURRENCY}?([+-])?(\\()?${CURRENCY}?([\\d,.]*)${UNIT}?(\\))?${UNIT}?$`,
  'i',
);
const BODY = /^(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?$/;

// A ledger repeats a few amount texts ('500.00元') thousands of times: each is read once.
const amountTexts = new Map<string, CellResult<number>>();

/**
 * §4.3: an amount cell as integer 分. Read from decimal text with BigInt, never by multiplying
 * floats (1200.1 * 100 is 120009.99999999999). Negatives are returned: each ledger decides.
 */
export function parseAmount(v: unknown): CellResult<number> {
  const p = plainCellValue(v);
  if (p === null) return ok(null);
  if (typeof p === 'number') {
    if (!Number.isFinite(p)) return fail('amount.invalid');
    const text = numberToDecimal(p);
    const negative = text.startsWith('-');
    const [whole = '', fraction = ''] = (negative ? text.slice(1) : text).split('.');
    return toFen(whole, fraction, false, negative);
  }
  if (typeof p === 'string') return remembered(amountTexts, p, parseAmountText);
  if (typeof p === 'object' && !(p instanceof Date)) return fail('cell.errorValue');
  return fail('amount.invalid');
}

function parseAmountText(raw: string): CellResult<number> {
  const text = normalizeText(raw)
    ?.replace(/￥/g, '¥')
    .replace(/[\u2212\uFE63]/g, '-');
  if (text === undefined) return ok(null);
  if (CHINESE_NUMERALS.test(text)) return fail('amount.capitalNumerals');
  // '100 200' is two amounts in one cell, not 100200; spaces elsewhere ('¥ 1,200') are harmless.
  if (/[\d,.] [\d,.]/.test(text)) return fail('amount.invalid');
  const m = AMOUNT.exec(text.replace(/ /g, ''));
  if (m === null) return fail('amount.invalid');
  const [, sign1, currency1, sign2, open, currency2, body = '', unit1, close, unit2] = m;
  const parens = open !== undefined;
  const signs = [sign1, sign2].filter((s) => s !== undefined);
  const once = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined;
  const wellFormed =
    parens === (close !== undefined) &&
    signs.length + (parens ? 1 : 0) <= 1 &&
    once(currency1, currency2) &&
    once(unit1, unit2) &&
    BODY.test(body) &&
    /\d/.test(body);
  if (!wellFormed) return fail('amount.invalid');
  const [whole = '', fraction = ''] = body.replace(/,/g, '').split('.');
  const wan = (unit1 ?? unit2 ?? '').startsWith('万');
  return toFen(whole, fraction, wan, parens || signs[0] === '-');
}

function toFen(whole: string, fraction: string, wan: boolean, negative: boolean): CellResult<number> {
  if (wan) {
    // ×10,000 is a shift of the decimal point by four digits.
    const padded = fraction.padEnd(4, '0');
    whole += padded.slice(0, 4);
    fraction = padded.slice(4);
  }
  // Trailing zeros are not decimals: '1,200.000' is exactly 1200 元.
  fraction = fraction.replace(/0+$/, '');
  const yuan = BigInt(whole === '' ? '0' : whole);
  if (yuan > MAX_YUAN || (yuan === MAX_YUAN && fraction !== '')) return fail('amount.range');
  if (fraction.length > 2) return fail('amount.decimals');
  const fen = Number(yuan * 100n + BigInt(fraction.padEnd(2, '0')));
  return ok(negative && fen !== 0 ? -fen : fen);
}

/** Settled conventions: 160000 -> '1600', 120050 -> '1200.5', 5 -> '0.05'; no separators. */
export function formatYuan(fen: number): string {
  // Typed callers pass numbers, but a value read off the wire may be anything.
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return typeof fen === 'number' ? String(fen) : 'NaN';
  const value = BigInt(Math.round(fen));
  const abs = value < 0n ? -value : value;
  const cents = abs % 100n;
  const decimals = cents === 0n ? '' : `.${cents.toString().padStart(2, '0').replace(/0$/, '')}`;
  return `${value < 0n ? '-' : ''}${abs / 100n}${decimals}`;
}

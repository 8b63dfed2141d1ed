import { isValidYmd, isoDate, isoMonth, ymdFromSerial, ymdOfUtc, type Ymd } from './calendar.js';
import { fail, ok, remembered, type CellResult } from './result.js';
import { normalizeText } from './text.js';
import { plainCellValue, type PlainValue } from './value.js';

export type DateRange = { minYear: number; maxYear: number };

// A time after the date is dropped, but it must still be a time: '2023-03-08 99:99' is a typo.
const time = (gap: string): string =>
  String.raw`(?:${gap}(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)?`;

// The year always comes first: 3/8/2023 could be March or August, and 23-3-8 has no century.
const DATE_FORMS: readonly RegExp[] = [
  new RegExp(String.raw`^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})${time('(?: |T)')}$`),
  new RegExp(String.raw`^(?<y>\d{4}) ?年 ?(?<m>\d{1,2}) ?月 ?(?<d>\d{1,2}) ?[日号]${time(' ?')}$`),
  new RegExp(String.raw`^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})${time(' ')}$`),
];
// 9/1, 9-1, 9月1日: a month and day without a year (issue 18). Told apart from invalid text so
// that the message can say what is missing.
const NO_YEAR_FORMS: readonly RegExp[] = [
  /^(?<m>\d{1,2})[-/.](?<d>\d{1,2})$/,
  /^(?<m>\d{1,2}) ?月 ?(?<d>\d{1,2}) ?[日号]?$/,
];
const MONTH_FORMS: readonly RegExp[] = [
  /^(?<y>\d{4})[-/.](?<m>\d{1,2})$/,
  /^(?<y>\d{4}) ?年 ?(?<m>\d{1,2}) ?月份?$/,
];

// Dashes that word processors substitute for '-' (en dash, minus sign, ...).
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;

/**
 * §4.2: a date cell as ISO YYYY-MM-DD; 'date.range' when its year is outside `range`;
 * 'date.noYear' for a month and day alone, or a date in 1900 where 1900 is out of range (what
 * 9/1 becomes in a program that fills in no year).
 */
export function parseDate(v: unknown, range?: DateRange): CellResult<string> {
  const p = plainCellValue(v);
  const read = readDate(p);
  if (!read.ok || read.value === null) return read.ok ? ok(null) : read;
  return inRange(read.value.y, range) ? ok(isoDate(read.value)) : outOfRange(read.value.y, p);
}

/** A typed 1900年… is out of range; a date value in 1900 is a date that was given no year. */
function outOfRange(year: number, p: PlainValue): CellResult<never> {
  return fail(year === 1900 && typeof p !== 'string' ? 'date.noYear' : 'date.range');
}

/** The month and day of a date typed without a year (9/1, 9月1日, a 1900 date); else null. */
export function monthDayOf(v: unknown): { m: number; d: number } | null {
  const p = plainCellValue(v);
  if (typeof p === 'number' && !Number.isInteger(p)) return null;
  if (typeof p === 'string') {
    const text = dateText(p);
    for (const form of NO_YEAR_FORMS) {
      const g = text === null ? undefined : form.exec(text)?.groups;
      if (g !== undefined)
        return checked(2000, Number(g.m), Number(g.d)) ? { m: Number(g.m), d: Number(g.d) } : null;
    }
    return null;
  }
  const read = readDate(p);
  return read.ok && read.value !== null && read.value.y === 1900
    ? { m: read.value.m, d: read.value.d }
    : null;
}

/** §4.2 month fields (出生年月): YYYY-MM from a month form or any full date form. */
export function parseMonth(v: unknown, range?: DateRange): CellResult<string> {
  const p = plainCellValue(v);
  const read = readMonthOnly(p) ?? readDate(p);
  if (!read.ok || read.value === null) return read.ok ? ok(null) : read;
  return inRange(read.value.y, range)
    ? ok(isoMonth(read.value.y, read.value.m))
    : outOfRange(read.value.y, p);
}

function inRange(year: number, range: DateRange | undefined): boolean {
  return range === undefined || (year >= range.minYear && year <= range.maxYear);
}

function readDate(p: PlainValue): CellResult<Ymd> {
  if (p === null) return ok(null);
  if (p instanceof Date) return orInvalid(ymdOfUtc(p));
  if (typeof p === 'object') return fail('cell.errorValue');
  if (typeof p === 'number') return orInvalid(dateOfNumber(p));
  if (typeof p === 'string') return remembered(dateTexts, p, readDateText);
  return fail('date.invalid');
}

// Dates repeat across the rows of a ledger (one 慰问 day for a whole unit): each text is read once.
const dateTexts = new Map<string, CellResult<Ymd>>();

function readDateText(s: string): CellResult<Ymd> {
  const text = dateText(s);
  if (text === null) return ok(null);
  const ymd = dateOfText(text);
  if (ymd !== null) return ok(ymd);
  for (const form of NO_YEAR_FORMS) {
    const g = form.exec(text)?.groups;
    // 2000 is a leap year: 2/29 is a day some year has.
    if (g !== undefined)
      return fail(checked(2000, Number(g.m), Number(g.d)) ? 'date.noYear' : 'date.invalid');
  }
  return fail('date.invalid');
}

function orInvalid(ymd: Ymd | null): CellResult<Ymd> {
  return ymd === null ? fail('date.invalid') : ok(ymd);
}

function dateText(s: string): string | null {
  return normalizeText(s)?.replace(DASHES, '-') ?? null;
}

function dateOfNumber(n: number): Ymd | null {
  // 20230308 typed into a General cell arrives as a number; as a serial it would be year 57000+.
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 21_001_231) {
    return checked(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  }
  // Serials below 1 are times of day without a date.
  return Number.isFinite(n) && n >= 1 ? ymdFromSerial(Math.floor(n)) : null;
}

function dateOfText(text: string): Ymd | null {
  for (const form of DATE_FORMS) {
    const g = form.exec(text)?.groups;
    if (g === undefined) continue;
    if (!validTime(g)) return null;
    return checked(Number(g.y), Number(g.m), Number(g.d));
  }
  return null;
}

function validTime(g: Record<string, string | undefined>): boolean {
  return Number(g.h ?? 0) <= 23 && Number(g.min ?? 0) <= 59 && Number(g.s ?? 0) <= 59;
}

function checked(y: number, m: number, d: number): Ymd | null {
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

/** Month-only forms; undefined when the value is not one, so that full dates are tried next. */
function readMonthOnly(p: PlainValue): CellResult<Ymd> | undefined {
  if (typeof p === 'number') return monthOfNumber(p);
  if (typeof p !== 'string') return undefined;
  const text = dateText(p);
  if (text === null) return undefined;
  for (const form of MONTH_FORMS) {
    const g = form.exec(text)?.groups;
    if (g !== undefined) return orInvalid(checked(Number(g.y), Number(g.m), 1));
  }
  return undefined;
}

/**
 * Typing 2023.03 into a General cell stores the number 2023.03, so a number with a four-digit
 * whole part and one or two decimals is a year and month. 2023.1 is rejected: it was 2023.1 or
 * 2023.10 before Excel dropped the zero, and guessing would silently store the wrong month.
 */
function monthOfNumber(n: number): CellResult<Ymd> | undefined {
  if (Number.isInteger(n) || !Number.isFinite(n)) return undefined;
  const m = /^(\d{4})\.(\d{1,2})$/.exec(String(n));
  if (m === null) return undefined;
  const [, year = '', month = ''] = m;
  if (month === '1') return fail('date.invalid');
  return orInvalid(checked(Number(year), Number(month), 1));
}

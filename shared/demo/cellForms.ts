import type { Rng } from './prng.js';

/**
 * The cell forms officers really type (DOMAIN.md §4), used on purpose across the demo
 * workbooks. Dates are handled as ISO `YYYY-MM-DD` strings and turned into one of these forms
 * only when a cell is written; amounts are whole 元.
 */

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system as used for serials above 60 (§4.2). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

function utc(iso: string): number {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d);
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoOf(utc(iso) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(utc(iso)).getUTCDay();
}

export function isWeekday(iso: string): boolean {
  const d = weekday(iso);
  return d !== 0 && d !== 6;
}

/** A date in [from, to]; with `workdays`, Monday to Friday only. */
export function randomDate(rng: Rng, from: string, to: string, workdays = false): string {
  const span = daysBetween(from, to);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const d = addDays(from, rng.int(0, span));
    if (!workdays || isWeekday(d)) return d;
  }
  throw new Error(`no workday between ${from} and ${to}`);
}

/** `2023年3月8日` */
export function cnDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** `2023.3.8` */
export function dotDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${y}.${m}.${d}`;
}

/** `2023/3/8` */
export function slashDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${y}/${m}/${d}`;
}

/** The Excel serial number of a date (1900 system): what Office.js returns for a date cell. */
export function serialDate(iso: string): number {
  return (utc(iso) - EXCEL_EPOCH) / DAY_MS;
}

/** A JS Date at UTC midnight: what ExcelJS returns for a date cell. */
export function jsDate(iso: string): Date {
  return new Date(utc(iso));
}

/** A month as officers write it in 出生年月: `1985.03`. */
export function dotMonth(isoMonth: string): string {
  return isoMonth.replace('-', '.');
}

/** `1985年3月` */
export function cnMonth(isoMonth: string): string {
  const [y, m] = isoMonth.split('-').map(Number);
  return `${y}年${m}月`;
}

/** Thousands separators and two decimals: 1250000 → `1,250,000.00`. */
export function thousands(yuan: number): string {
  const whole = Math.trunc(yuan);
  const cents = Math.round((yuan - whole) * 100);
  return `${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents).padStart(2, '0')}`;
}

/** `1,000.00元` */
export function yuanText(yuan: number): string {
  return `${thousands(yuan)}元`;
}

/** `¥500` */
export function yenText(yuan: number): string {
  return `¥${yuan}`;
}

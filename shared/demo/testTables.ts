import { parseAmount, parseDate } from '../cells/index.js';
import { demoSettings, findUnit } from '../settings/index.js';
import type { DemoSheet, DemoWorkbook } from './types.js';

/**
 * Reading the generated raw rows back, for tests: each row as an object keyed by the header
 * as typed, values parsed with shared/cells exactly as an import would. Pure.
 */
export type Row = Record<string, unknown>;

export function sheetOf(books: readonly DemoWorkbook[], file: string, sheet?: string): DemoSheet {
  const book = books.find((b) => b.file === file);
  if (!book) throw new Error(`no workbook ${file}`);
  const found = sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheet);
  if (!found) throw new Error(`no sheet ${sheet ?? '(first)'} in ${file}`);
  return found;
}

export function rowsOf(sheet: DemoSheet): Row[] {
  return sheet.rows.map((cells) => Object.fromEntries(sheet.headers.map((h, i) => [h, cells[i] ?? null])));
}

export function table(books: readonly DemoWorkbook[], file: string, sheet?: string): Row[] {
  const book = books.find((b) => b.file === file);
  if (!book) throw new Error(`no workbook ${file}`);
  if (sheet !== undefined) return rowsOf(sheetOf(books, file, sheet));
  return book.sheets.flatMap(rowsOf);
}

/** 元 from a messy amount cell (via 分, so sums stay exact). */
export function yuan(v: unknown): number {
  const r = parseAmount(v);
  if (!r.ok || r.value === null) throw new Error(`not an amount: ${String(v)}`);
  return r.value / 100;
}

export function iso(v: unknown): string {
  const r = parseDate(v);
  if (!r.ok || r.value === null) throw new Error(`not a date: ${String(v)}`);
  return r.value;
}

export function unitId(v: unknown): string {
  const u = findUnit(demoSettings, v);
  if (!u) throw new Error(`not a unit: ${String(v)}`);
  return u.id;
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

export function sumBy<T>(
  items: readonly T[],
  key: (t: T) => string,
  value: (t: T) => number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + value(t);
  return out;
}

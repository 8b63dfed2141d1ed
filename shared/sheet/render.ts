import type { FieldType } from '../ledgers/field.js';
import { accountByCode, unitName } from '../settings/lookup.js';
import type { Settings } from '../settings/schema.js';

/**
 * A stored (typed) value back into the cell an officer would have typed (pull, DESIGN.md data
 * flow 8): 分 → 元 number, ISO date → Excel serial or `YYYY-MM-DD` text, booleans 是/否, unit id →
 * unit name, account code → `code name`, idLast4 → `**************1234` (§4.6), lists → 、.
 * Text stays text: the adapters write strings as strings, never as formulas (issue 5 item 4).
 */

/** How a date column holds its dates: serial numbers (a date-formatted column) or text. */
export type DateStyle = 'serial' | 'text';

export type RenderedCell = string | number | boolean | null;

export interface RenderOptions {
  settings: Settings;
  dateStyle?: DateStyle;
}

/** §4.6: a pulled identity number shows only its last four characters. */
export const MASK_PREFIX = '*'.repeat(14);

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** 2023-03-08 → 44993 (the 1900 date system; every date a ledger accepts is after 1900-03-01). */
export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
  return Number.isNaN(ms) ? null : Math.round((ms - EXCEL_EPOCH_MS) / DAY_MS);
}

/** 分 → 元, exact to the cent: 123456 → 1234.56. */
export function fenToYuan(fen: number): number {
  return Number((fen / 100).toFixed(2));
}

export function renderValue(type: FieldType, value: unknown, opts: RenderOptions): RenderedCell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'amount':
      return typeof value === 'number' ? fenToYuan(value) : null;
    case 'date':
    case 'month': {
      if (typeof value !== 'string') return null;
      if (opts.dateStyle === 'serial') return isoToSerial(value) ?? value;
      return value;
    }
    case 'bool':
      return value === true ? '是' : value === false ? '否' : null;
    case 'unit':
      return typeof value === 'string' ? unitName(opts.settings, value) : null;
    case 'account': {
      if (typeof value !== 'string') return null;
      const account = accountByCode(opts.settings, value);
      return account ? `${account.code} ${account.name}` : value;
    }
    case 'idLast4':
      return typeof value === 'string' ? `${MASK_PREFIX}${value}` : null;
    case 'list':
      return Array.isArray(value) ? value.map(String).join('、') : String(value);
    case 'int':
    case 'number':
      return typeof value === 'number' ? value : null;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

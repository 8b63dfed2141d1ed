import { identityLast4, isBlank } from '../../../shared/cells/index.js';
import type { Ledger } from '../../../shared/ledgers/define.js';
import { accountByCode, unitName, type Settings } from '../../../shared/settings/index.js';

/**
 * A stored field value (the server's typed row) as the cell a person would type: the inverse
 * of shared/cells for what a pull writes into the sheet. Read back, every value parses to the
 * same stored value again.
 */
export type CellValue = string | number | boolean | null;

/** §4.6: a pulled identity number is written masked. */
export const MASK_PREFIX = '**************';

export function storedToCell(ledger: Ledger, field: string, value: unknown, settings: Settings): CellValue {
  const spec = ledger.fields[field];
  if (value === null || value === undefined || !spec) return null;
  switch (spec.type) {
    case 'unit':
      return typeof value === 'string' ? unitName(settings, value) : null;
    case 'amount':
      // Stored as integer 分 (§4.3).
      return typeof value === 'number' ? value / 100 : null;
    case 'bool':
      return value === true ? '是' : value === false ? '否' : null;
    case 'list':
      return Array.isArray(value) ? value.map(String).join('、') : String(value);
    case 'account':
      return typeof value === 'string' ? (accountByCode(settings, value)?.name ?? value) : null;
    case 'idLast4':
      return typeof value === 'string' ? `${MASK_PREFIX}${value}` : null;
    case 'int':
    case 'number':
      return typeof value === 'number' ? value : null;
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : String(value);
  }
}

/**
 * §4.6 on pull: the identity cell is written only when it is blank or its last four
 * characters differ; a full number the user keeps in the cell is left alone.
 */
export function keepIdentityCell(current: unknown, stored: unknown): boolean {
  if (isBlank(current) || typeof stored !== 'string') return false;
  const id = identityLast4(current);
  return id !== null && id.last4 === stored;
}

/** A value for display in the conflict view. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

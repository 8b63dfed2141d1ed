export type Ymd = { y: number; m: number; d: number };

const DAY_MS = 86_400_000;
// Excel's largest date serial: 9999-12-31.
export const MAX_SERIAL = 2_958_465;

export function isValidYmd(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isoDate({ y, m, d }: Ymd): string {
  return `${isoMonth(y, m)}-${String(d).padStart(2, '0')}`;
}

export function isoMonth(y: number, m: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** ExcelJS hands dates over as UTC midnight, so the UTC parts are the day the user typed. */
export function ymdOfUtc(date: Date): Ymd | null {
  if (Number.isNaN(date.getTime())) return null;
  const ymd = { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  return isValidYmd(ymd.y, ymd.m, ymd.d) ? ymd : null;
}

/**
 * A whole serial of the 1900 date system. Excel counts a 1900-02-29 that never was (serial 60),
 * so serials before it start one day later; serial 60 itself is not a date. Callers reject it.
 */
export function ymdFromSerial(serial: number): Ymd | null {
  if (!Number.isInteger(serial) || serial < 1 || serial === 60 || serial > MAX_SERIAL) return null;
  const epoch = Date.UTC(1899, 11, serial < 60 ? 31 : 30);
  return ymdOfUtc(new Date(epoch + serial * DAY_MS));
}

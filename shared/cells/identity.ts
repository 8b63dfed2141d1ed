import { normalizeText } from './text.js';

/**
 * §4.6: only the last four characters of a 身份证号 ever leave the workbook. `wasFull` drives
 * the 含完整证件号码 warning; a cell our own pull masked (**************1234) is not a leak,
 * so a prefix of stars alone does not count.
 */
export function identityLast4(v: unknown): { last4: string; wasFull: boolean } | null {
  const text = normalizeText(v);
  if (text === null) return null;
  // Spread by code points, so an odd character cannot be cut in half.
  const chars = [...text.replace(/ /g, '')];
  const prefix = chars.slice(0, -4).join('');
  const last4 = chars.slice(-4).join('').replace(/x/g, 'X');
  return { last4, wasFull: prefix !== '' && !/^\*+$/.test(prefix) };
}

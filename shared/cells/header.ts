import { cellText } from './text.js';
import { toHalfWidth } from './width.js';

// Only one group, and only at the end: 金额（元） is 金额, but 工会（分会）名称 stays as typed.
const TRAILING_BRACKETS = /^(.+?)(?:\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)$/;

/**
 * §4.7: the form a header is matched in. Required-field stars and unit suffixes are template
 * decoration, not part of the name: *金额（元） and 金 额 both match 金额.
 */
export function normalizeHeader(v: unknown): string {
  const compact = toHalfWidth(cellText(v) ?? '').replace(/[\s\u200B\u2060\uFEFF]+/g, '');
  return stripStars(stripStars(compact).replace(TRAILING_BRACKETS, '$1'));
}

/** DOMAIN "Settled conventions": the header as the user typed it, for `{header}` in messages. */
export function displayHeader(v: unknown): string {
  const raw = (cellText(v) ?? '').replace(/[\r\n\u2028\u2029]+/g, '').trim();
  return raw.replace(/^[*＊]+|[*＊]+$/g, '').trim();
}

function stripStars(s: string): string {
  return s.replace(/^\*+|\*+$/g, '');
}

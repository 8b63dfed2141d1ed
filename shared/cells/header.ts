import { cellText } from './text.js';
import { toHalfWidth } from './width.js';

// Only one group, and only at the end: 金额（元） is 金额, but 工会（分会）名称 stays as typed.
const TRAILING_BRACKETS = /^(.+?)(?:\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)$/;
// HR exports name a column twice, 姓名_real_name: the English tail after a Chinese name is a
// program's field name, not part of the header. `_id` and id_card_no have no Chinese head.
const ENGLISH_TAIL = /(?<=\P{ASCII}|[)\]])_[A-Za-z][A-Za-z0-9_]*$/u;

/**
 * §4.7: the form a header is matched in. Required-field stars and unit suffixes are template
 * decoration, not part of the name: *金额（元） and 金 额 both match 金额.
 */
export function normalizeHeader(v: unknown): string {
  const compact = toHalfWidth(cellText(v) ?? '')
    .replace(/[\s\u200B\u2060\uFEFF]+/g, '')
    .replace(ENGLISH_TAIL, '');
  return stripStars(stripStars(compact).replace(TRAILING_BRACKETS, '$1'));
}

/**
 * The first line of a header that carries an instruction on the lines below its name, as
 * official forms do (是否农民工会员⏎填写“是”或“否”); null for a one-line header. Matched only
 * when the whole header matches nothing: 慰问⏎日期 is one name broken in two.
 */
export function headerFirstLine(v: unknown): string | null {
  const text = cellText(v) ?? '';
  const lines = text.split(/[\r\n\u2028\u2029]+/).filter((l) => l.trim() !== '');
  return lines.length > 1 ? lines[0]!.trim() : null;
}

/** DOMAIN "Settled conventions": the header as the user typed it, for `{header}` in messages. */
export function displayHeader(v: unknown): string {
  const raw = (cellText(v) ?? '').replace(/[\r\n\u2028\u2029]+/g, '').trim();
  return raw.replace(/^[*＊]+|[*＊]+$/g, '').trim();
}

function stripStars(s: string): string {
  return s.replace(/^\*+|\*+$/g, '');
}

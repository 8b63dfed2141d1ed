import { normalizeText } from './text.js';

const TOTAL = /^(合|总|小|共)\s*计/;
const SIGNATURE = /^(填表人|制表人|审核人|负责人|联系人)/;

/** §4.7: 合计 / 合 计 / 小计 / 总计 / 共计 rows are totals, never data. */
export function isTotalLabel(v: unknown): boolean {
  const text = normalizeText(v);
  return text !== null && TOTAL.test(text);
}

/** §4.7: footer lines such as 填表人：王五. Spaces are removed: 填 表 人 is spaced for alignment. */
export function isSignatureLabel(v: unknown): boolean {
  const text = normalizeText(v);
  return text !== null && SIGNATURE.test(text.replace(/ /g, ''));
}

const NOTE = /^(注|备注|附注|说明|填表说明|填报说明|填写说明)\s*[:：]/;

/** Notes below a table (注：…, 填表说明：…) are instructions, never data (issue 18). */
export function isNoteLabel(v: unknown): boolean {
  const text = normalizeText(v);
  return text !== null && NOTE.test(text.replace(/ /g, ''));
}

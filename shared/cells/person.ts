import { normalizeName, normalizeText } from './text.js';

// The staff number in brackets may be any letters and digits; its format is the ledger's rule.
const NAME_WITH_NUMBER = /^(.+?) ?\( ?([A-Za-z0-9]+) ?\)$/;
// 、 ， ； are already , ; after normalizeText; ､ is the half-width ideographic comma.
const LIST_SEPARATORS = /[、､,; ]+/;

/**
 * §4.5: 工号 as text. A number cell gives its integer text (20150032, never 20150032.0 or
 * 2.0150032e7); the format itself (^[A-Za-z0-9]{4,12}$) is checked by the ledger.
 */
export function staffNoText(v: unknown): string | null {
  return normalizeText(v)?.replace(/ /g, '') ?? null;
}

/** §4.5: 张三（20150032） in a 姓名 column of a sheet without a 工号 column. */
export function splitNameAndStaffNo(v: unknown): { name: string; staffNo: string } | null {
  const text = normalizeText(v);
  const m = text === null ? null : NAME_WITH_NUMBER.exec(text);
  if (!m) return null;
  const [, rawName, staffNo = ''] = m;
  const name = normalizeName(rawName);
  return name === null ? null : { name, staffNo };
}

/** §4.5: a list of people (附议人) split on 、，,；; and whitespace; each a normalised name. */
export function splitList(v: unknown): string[] {
  const text = normalizeText(v);
  if (text === null) return [];
  return text
    .split(LIST_SEPARATORS)
    .map((part) => normalizeName(part))
    .filter((name): name is string => name !== null);
}

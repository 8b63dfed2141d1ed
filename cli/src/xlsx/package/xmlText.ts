/**
 * The little XML the patchers need: attributes of one tag, escaping, and finding elements of
 * one name whatever namespace prefix the writer chose (`<row>` or `<x:row>`). Parts are read with
 * saxes; these helpers locate the byte ranges a patch replaces, so everything around them is
 * kept exactly as it was.
 */

const ATTR = /([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTR)) out.set(m[1]!, unescapeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** Sets (or, with null, removes) one attribute of a start tag, keeping the others as written. */
export function setAttribute(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (value === null) return tag.replace(re, '');
  const pair = ` ${name}="${escapeXml(value)}"`;
  if (re.test(tag)) return tag.replace(re, pair);
  return tag.replace(/\s*(\/?>)$/, `${pair}$1`);
}

// Characters XML 1.0 cannot hold at all (a cell value with one would make the part unreadable).
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(INVALID_XML_CHARS, '');
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** An element located in a part: its start tag, where it starts and ends (end exclusive). */
export interface Located {
  start: number;
  end: number;
  /** The start tag, `<row r="3">` (or the whole element when it is empty: `<row r="3"/>`). */
  tag: string;
  /** Where its content starts and ends (both `end` for an empty element). */
  inner: number;
  innerEnd: number;
}

/**
 * The next element named `local` (any prefix) at or after `from`, within `[from, limit)`.
 * Elements of that name never nest in the parts we patch (row, c, col, xf, comment…).
 */
const OPENING = new Map<string, RegExp>();

export function nextElement(xml: string, local: string, from: number, limit = xml.length): Located | null {
  let re = OPENING.get(local);
  if (!re) OPENING.set(local, (re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])`, 'g')));
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m || m.index >= limit) return null;
  const start = m.index;
  const tagEnd = tagClose(xml, start);
  const tag = xml.slice(start, tagEnd);
  if (tag.endsWith('/>')) return { start, end: tagEnd, tag, inner: tagEnd, innerEnd: tagEnd };
  const name = m[0].slice(1);
  const close = xml.indexOf(`</${name}>`, tagEnd);
  if (close < 0) throw new Error(`<${name}> is not closed`);
  return { start, end: close + name.length + 3, tag, inner: tagEnd, innerEnd: close };
}

export function allElements(xml: string, local: string, from = 0, limit = xml.length): Located[] {
  const out: Located[] = [];
  let at = from;
  for (;;) {
    const e = nextElement(xml, local, at, limit);
    if (!e) return out;
    out.push(e);
    at = e.end;
  }
}

/** The end (exclusive) of the start tag at `start`, quotes respected. */
function tagClose(xml: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < xml.length; i++) {
    const ch = xml[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i + 1;
  }
  throw new Error('unterminated tag');
}

/** The prefix (`x:` or '') of the root element, for elements we add to a part. */
export function rootPrefix(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s>]/.exec(
    xml.replace(/<\?[^?]*\?>/g, '').replace(/<!--[\s\S]*?-->/g, ''),
  );
  return m?.[1] ?? '';
}

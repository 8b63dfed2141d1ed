import { MARK_RGB, type Fill } from '../../../../shared/sheet/port.js';
import { allElements, attributes, nextElement, setAttribute } from './xmlText.js';

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, and the CJK ids 27–36, 50–58). */
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);
/** The built-in Text format `@`: what every string the CLI writes wears. */
export const TEXT_NUMFMT_ID = 49;

const OUR_RGB = new Set(Object.values(MARK_RGB).map((c) => c.toUpperCase()));

/** A date-or-time number format: y, m, d, h, s outside quotes, brackets and escapes. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsbe]/i.test(bare) && !/^general$/i.test(bare);
}

interface Xf {
  numFmtId: number;
  fillId: number;
  /** The `<xf …>` element as written, cloned for a variant. */
  raw: string;
}

export interface StyleVariant {
  /** Our mark fill, or 'none' to take ours off. */
  fill?: Fill;
  /** The cell holds text written by the CLI: number format `@`. */
  text?: boolean;
}

/**
 * The workbook's styles (xl/styles.xml) as far as the CLI needs them: which style ids are dates,
 * which wear one of our mark fills, and new cell formats for a marked or text cell, appended to
 * the part so that every existing style id keeps its meaning.
 */
export class Styles {
  private readonly xfs: Xf[];
  private readonly fillIsOurs: boolean[];
  private readonly formats = new Map<number, string>();
  private readonly added: Xf[] = [];
  private readonly addedFills: string[] = [];
  private readonly variants = new Map<string, number>();
  private readonly fillOf = new Map<string, number>();

  private readonly xml: string;

  /** `source` null: a workbook without a styles part gets a minimal one when a style is added. */
  constructor(source: string | null) {
    const xml = source ?? minimalStyles();
    this.xml = xml;
    this.xfs = [];
    this.fillIsOurs = [];
    for (const e of allElements(xml, 'numFmt')) {
      const a = attributes(e.tag);
      this.formats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
    }
    const fills = nextElement(xml, 'fills', 0);
    if (fills)
      for (const f of allElements(xml, 'fill', fills.inner, fills.innerEnd)) {
        const fg = /<(?:\w+:)?fgColor\b[^>]*\brgb\s*=\s*["']([0-9A-Fa-f]{6,8})["']/.exec(
          xml.slice(f.start, f.end),
        );
        const solid = /patternType\s*=\s*["']solid["']/.test(xml.slice(f.start, f.end));
        this.fillIsOurs.push(solid && !!fg && OUR_RGB.has(fg[1]!.slice(-6).toUpperCase()));
      }
    const cellXfs = nextElement(xml, 'cellXfs', 0);
    if (cellXfs)
      for (const x of allElements(xml, 'xf', cellXfs.inner, cellXfs.innerEnd)) {
        const a = attributes(x.tag);
        this.xfs.push({
          numFmtId: Number(a.get('numFmtId') ?? 0),
          fillId: Number(a.get('fillId') ?? 0),
          raw: xml.slice(x.start, x.end),
        });
      }
  }

  private xf(id: number): Xf | undefined {
    return id < this.xfs.length ? this.xfs[id] : this.added[id - this.xfs.length];
  }

  isDate(styleId: number): boolean {
    const xf = this.xf(styleId);
    if (!xf) return false;
    return BUILTIN_DATE_IDS.has(xf.numFmtId) || isDateFormat(this.formats.get(xf.numFmtId));
  }

  isText(styleId: number): boolean {
    return this.xf(styleId)?.numFmtId === TEXT_NUMFMT_ID;
  }

  hasOurFill(styleId: number): boolean {
    const xf = this.xf(styleId);
    return !!xf && this.fillIsOurs[xf.fillId] === true;
  }

  /** The style id of `base` changed as asked (the same id when nothing changes). */
  variant(base: number, change: StyleVariant): number {
    const xf = this.xf(base) ?? this.xf(0)!;
    let numFmtId = xf.numFmtId;
    let fillId = xf.fillId;
    if (change.text && !this.isText(base)) numFmtId = TEXT_NUMFMT_ID;
    if (change.fill === 'none' && this.fillIsOurs[fillId]) fillId = 0;
    else if (change.fill && change.fill !== 'none') fillId = this.markFill(change.fill);
    if (numFmtId === xf.numFmtId && fillId === xf.fillId && this.xf(base)) return base;
    const key = `${base}|${numFmtId}|${fillId}`;
    const known = this.variants.get(key);
    if (known !== undefined) return known;
    let raw = xf.raw;
    const start = /^<[^>]*?\/?>/.exec(raw)![0];
    let tag = setAttribute(start, 'numFmtId', String(numFmtId));
    tag = setAttribute(tag, 'fillId', String(fillId));
    if (numFmtId !== xf.numFmtId) tag = setAttribute(tag, 'applyNumberFormat', '1');
    if (fillId !== xf.fillId) tag = setAttribute(tag, 'applyFill', '1');
    raw = tag + raw.slice(start.length);
    const id = this.xfs.length + this.added.length;
    this.added.push({ numFmtId, fillId, raw });
    this.variants.set(key, id);
    return id;
  }

  private markFill(fill: Exclude<Fill, 'none'>): number {
    const known = this.fillOf.get(fill);
    if (known !== undefined) return known;
    const existing = this.fillIsOurs.length;
    const id = existing + this.addedFills.length;
    this.addedFills.push(
      `<fill><patternFill patternType="solid"><fgColor rgb="FF${MARK_RGB[fill]}"/><bgColor indexed="64"/></patternFill></fill>`,
    );
    this.fillOf.set(fill, id);
    return id;
  }

  /** The styles part with what was added, or null when nothing was. */
  patched(): string | null {
    if (this.added.length === 0 && this.addedFills.length === 0) return null;
    let xml = this.xml;
    if (this.addedFills.length)
      xml = appendTo(xml, 'fills', this.addedFills.join(''), this.fillIsOurs.length + this.addedFills.length);
    if (this.added.length)
      xml = appendTo(
        xml,
        'cellXfs',
        this.added.map((x) => x.raw).join(''),
        this.xfs.length + this.added.length,
      );
    return xml;
  }
}

function appendTo(xml: string, local: string, content: string, count: number): string {
  const e = nextElement(xml, local, 0);
  if (!e) throw new Error(`styles.xml has no <${local}>`);
  const name = /^<([\w.:-]+)/.exec(e.tag)![1]!;
  const tag = setAttribute(e.tag.replace(/\/>$/, '>'), 'count', String(count));
  const inner = e.tag.endsWith('/>') ? '' : xml.slice(e.inner, e.innerEnd);
  return `${xml.slice(0, e.start)}${tag}${inner}${content}</${name}>${xml.slice(e.end)}`;
}

export function minimalStyles(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

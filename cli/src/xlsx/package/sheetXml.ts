import { shiftFormula, shiftRange, shiftRangeList, type RowMap } from '../references.js';
import { cellRef, parseRef } from './sheetCells.js';
import type { StyleVariant, Styles } from './styles.js';
import { allElements, attributes, escapeXml, nextElement, setAttribute, unescapeXml } from './xmlText.js';

/** A value the CLI puts into a cell: every string goes in as text (see textCell). */
export type CellValue = string | number | boolean | null;

export interface CellPatch {
  row: number;
  col: number;
  /** Undefined: the value is kept. */
  value?: CellValue;
  style?: StyleVariant;
}

interface CellEntry {
  col: number;
  /** The element as written, kept verbatim unless the cell is patched or its row moves. */
  raw: string;
  tag: string;
  inner: string;
  dirty: boolean;
}

interface RowEntry {
  r: number;
  raw: string;
  tag: string;
  inner: string;
  cells: CellEntry[] | null;
  dirty: boolean;
}

/**
 * The one function that writes a string into a cell: an inline string, never a formula (a value
 * starting with `=` or `＝` stays text), in a cell whose number format is Text (`@`) so that
 * editing it in Excel keeps it text too.
 */
export function textCell(ref: string, style: number, text: string, p = ''): string {
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(text)}</${p}t></${p}is></${p}c>`;
}

/**
 * One worksheet part, patched where the CLI writes and byte-for-byte as read everywhere else.
 * Rows are located once; a row is rebuilt only when one of its cells is written or it moves.
 */
export class SheetXml {
  private rows: RowEntry[] | null = null;
  private dataStart = 0;
  private dataEnd = 0;
  private prefix = '';
  private changed = false;
  /** A formula was replaced by a value: Excel's calculation chain may name it (see calcChainStale). */
  formulaReplaced = false;

  constructor(
    private xml: string,
    private readonly styles: Styles,
  ) {}

  get isChanged(): boolean {
    return this.changed;
  }

  /** The style id of a cell, 0 when it has none or does not exist. */
  styleOf(row: number, col: number): number {
    const cell = this.findCell(row, col);
    return cell ? Number(attributes(cell.tag).get('s') ?? 0) || 0 : 0;
  }

  private locate(): RowEntry[] {
    if (this.rows) return this.rows;
    const data = nextElement(this.xml, 'sheetData', 0);
    if (!data) throw new Error('worksheet has no <sheetData>');
    this.prefix = /^<([\w.-]+:)?/.exec(data.tag)![1] ?? '';
    if (data.tag.endsWith('/>')) {
      const p = this.prefix;
      this.xml = `${this.xml.slice(0, data.start)}<${p}sheetData></${p}sheetData>${this.xml.slice(data.end)}`;
      this.dataStart = this.dataEnd = data.start + p.length + 11;
    } else {
      this.dataStart = data.inner;
      this.dataEnd = data.innerEnd;
    }
    const rows: RowEntry[] = [];
    let last = 0;
    for (const e of allElements(this.xml, 'row', this.dataStart, this.dataEnd)) {
      const r = Number(attributes(e.tag).get('r')) || last + 1;
      last = r;
      rows.push({
        r,
        raw: this.xml.slice(e.start, e.end),
        tag: e.tag,
        inner: this.xml.slice(e.inner, e.innerEnd),
        cells: null,
        dirty: false,
      });
    }
    this.rows = rows;
    return rows;
  }

  private rowIndex(r: number): number {
    // Rows are sorted by number: binary search.
    const rows = this.locate();
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.r < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private cellsOf(row: RowEntry): CellEntry[] {
    if (row.cells) return row.cells;
    const cells: CellEntry[] = [];
    let last = 0;
    for (const e of allElements(row.inner, 'c')) {
      const at = parseRef(attributes(e.tag).get('r') ?? '');
      const col = at ? at.col : last + 1;
      last = col;
      cells.push({
        col,
        raw: row.inner.slice(e.start, e.end),
        tag: e.tag,
        inner: row.inner.slice(e.inner, e.innerEnd),
        dirty: false,
      });
    }
    row.cells = cells;
    return cells;
  }

  private findCell(r: number, col: number): CellEntry | undefined {
    const rows = this.locate();
    const row = rows[this.rowIndex(r)];
    if (!row || row.r !== r) return undefined;
    return this.cellsOf(row).find((c) => c.col === col);
  }

  private columnStyles: { min: number; max: number; style: number }[] | null = null;

  private columnStyle(col: number): number {
    if (!this.columnStyles) {
      const cols = nextElement(this.xml, 'cols', 0, this.dataStart);
      this.columnStyles = cols
        ? allElements(this.xml, 'col', cols.inner, cols.innerEnd).map((e) => {
            const a = attributes(e.tag);
            return {
              min: Number(a.get('min')),
              max: Number(a.get('max')),
              style: Number(a.get('style') ?? 0) || 0,
            };
          })
        : [];
    }
    return this.columnStyles.find((c) => c.min <= col && col <= c.max)?.style ?? 0;
  }

  /** Applies writes; a cell only cleared of marks that does not exist is not created. */
  write(patches: readonly CellPatch[]): void {
    const rows = this.locate();
    for (const w of patches) {
      let i = this.rowIndex(w.row);
      let row = rows[i];
      const cleanupOnly =
        w.value === undefined && (!w.style || (!w.style.text && (w.style.fill ?? 'none') === 'none'));
      if (!row || row.r !== w.row) {
        if (cleanupOnly) continue;
        row = {
          r: w.row,
          raw: '',
          tag: `<${this.prefix}row r="${w.row}">`,
          inner: '',
          cells: [],
          dirty: true,
        };
        rows.splice(i, 0, row);
        i++;
      }
      const cells = this.cellsOf(row);
      let j = cells.findIndex((c) => c.col >= w.col);
      if (j < 0) j = cells.length;
      let cell = cells[j];
      if (!cell || cell.col !== w.col) {
        if (cleanupOnly) continue;
        cell = {
          col: w.col,
          raw: '',
          tag: `<${this.prefix}c r="${cellRef(w.row, w.col)}"/>`,
          inner: '',
          dirty: true,
        };
        cells.splice(j, 0, cell);
      }
      this.patchCell(row.r, cell, w);
      if (cell.dirty) {
        row.dirty = true;
        this.changed = true;
      }
    }
  }

  private patchCell(r: number, cell: CellEntry, w: CellPatch): void {
    const a = attributes(cell.tag);
    const base = Number(a.get('s') ?? 0) || 0;
    const textValue = typeof w.value === 'string';
    const style = this.styles.variant(base, { ...(w.style ?? {}), ...(textValue ? { text: true } : {}) });
    const p = this.prefix;
    if (w.value === undefined) {
      if (style === base) return;
      cell.tag = setAttribute(cell.tag, 's', style ? String(style) : null);
      cell.dirty = true;
      return;
    }
    if (/<(?:\w+:)?f[\s>/]/.test(cell.inner)) this.formulaReplaced = true;
    const ref = cellRef(r, cell.col);
    const s = style ? ` s="${style}"` : '';
    let out: string;
    if (w.value === null) out = `<${p}c r="${ref}"${s}/>`;
    else if (typeof w.value === 'string') out = textCell(ref, style, w.value, p);
    else if (typeof w.value === 'boolean')
      out = `<${p}c r="${ref}"${s} t="b"><${p}v>${w.value ? 1 : 0}</${p}v></${p}c>`;
    else out = `<${p}c r="${ref}"${s}><${p}v>${numberText(w.value)}</${p}v></${p}c>`;
    const e = nextElement(out, 'c', 0)!;
    cell.tag = e.tag;
    cell.inner = out.slice(e.inner, e.innerEnd);
    cell.dirty = true;
  }

  /** Rows move (inserted before / deleted): every row from the first affected one is renumbered. */
  moveRows(map: RowMap, deleted: ReadonlySet<number>, sheetName: string): void {
    const rows = this.locate();
    const kept: RowEntry[] = [];
    for (const row of rows) {
      if (deleted.has(row.r)) {
        this.changed = true;
        continue;
      }
      const to = map(row.r)!;
      if (to !== row.r) {
        this.renumber(row, to, map, sheetName);
        this.changed = true;
      } else if (this.hasFormulaTo(row)) {
        this.shiftFormulas(row, map, sheetName);
      }
      kept.push(row);
    }
    this.rows = kept.sort((x, y) => x.r - y.r);
    this.shiftOutsideData(map);
  }

  /** Blank rows wearing the row and cell styles of `from`, at `rows`. */
  formatRowsLike(rows: readonly number[], from: number): void {
    const src = this.locate()[this.rowIndex(from)];
    if (!src || src.r !== from) return;
    const attrs = attributes(src.tag);
    for (const r of rows) {
      const i = this.rowIndex(r);
      const p = this.prefix;
      let tag = `<${p}row r="${r}"`;
      for (const k of ['s', 'customFormat', 'ht', 'customHeight'])
        if (attrs.has(k)) tag += ` ${k}="${escapeXml(attrs.get(k)!)}"`;
      tag += '>';
      const cells = this.cellsOf(src)
        .map((c) => ({ c, s: attributes(c.tag).get('s') }))
        .filter((x) => x.s && x.s !== '0')
        .map(({ c, s }) => {
          const t = `<${p}c r="${cellRef(r, c.col)}" s="${s}"/>`;
          return { col: c.col, raw: t, tag: t, inner: '', dirty: true };
        });
      this.locate().splice(i, 0, { r, raw: '', tag, inner: '', cells, dirty: true });
    }
    if (rows.length) this.changed = true;
  }

  private hasFormulaTo(row: RowEntry): boolean {
    return /<(?:\w+:)?f[\s>]/.test(row.inner);
  }

  private renumber(row: RowEntry, to: number, map: RowMap, sheetName: string): void {
    row.tag = setAttribute(row.tag, 'r', String(to));
    const cells = this.cellsOf(row);
    for (const c of cells) {
      c.tag = setAttribute(c.tag, 'r', cellRef(to, c.col));
      c.dirty = true;
    }
    row.r = to;
    row.dirty = true;
    this.shiftFormulas(row, map, sheetName);
  }

  private shiftFormulas(row: RowEntry, map: RowMap, sheetName: string): void {
    for (const c of this.cellsOf(row)) {
      const shifted = c.inner.replace(
        /(<(?:\w+:)?f\b[^>]*?(?:\bref="([^"]*)")?[^>]*>)([^<]*)(<\/(?:\w+:)?f>)/g,
        (whole, open: string, _ref: string | undefined, body: string, close: string) => {
          const refAttr = attributes(open).get('ref');
          const tag = refAttr ? setAttribute(open, 'ref', shiftRange(refAttr, map) ?? refAttr) : open;
          const text = escapeXml(shiftFormula(unescapeXml(body), map, sheetName, sheetName));
          const next = `${tag}${text}${close}`;
          return next === whole ? whole : next;
        },
      );
      if (shifted !== c.inner) {
        c.inner = shifted;
        c.dirty = true;
        row.dirty = true;
        this.changed = true;
      }
    }
  }

  /** Merges, validations, conditional formats, hyperlinks and the filter follow the moved rows. */
  private shiftOutsideData(map: RowMap): void {
    const before = this.xml.slice(0, this.dataStart);
    let after = this.xml.slice(this.dataEnd);
    after = after.replace(
      /(<(?:\w+:)?mergeCell\b[^>]*\bref=")([^"]*)(")/g,
      (w, a: string, ref: string, z: string) => {
        const moved = shiftRange(ref, map);
        return moved === null ? '' : `${a}${moved}${z}`;
      },
    );
    after = after.replace(/(\bsqref=")([^"]*)(")/g, (w, a: string, list: string, z: string) => {
      const moved = shiftRangeList(list, map);
      return `${a}${moved ?? list}${z}`;
    });
    after = after.replace(
      /(<(?:\w+:)?(?:hyperlink|autoFilter)\b[^>]*\bref=")([^"]*)(")/g,
      (w, a: string, ref: string, z: string) => `${a}${shiftRange(ref, map) ?? ref}${z}`,
    );
    // Conditional formats' and validations' own formulas (relative to their ranges' first cell).
    after = after.replace(
      /(<(?:\w+:)?(?:formula|formula1|formula2)>)([^<]*)(<\/)/g,
      (w, a: string, body: string, z: string) =>
        `${a}${escapeXml(shiftFormula(unescapeXml(body), map, '', ''))}${z}`,
    );
    this.xml = before + this.xml.slice(this.dataStart, this.dataEnd) + after;
  }

  /** Hides columns: a `<col>` element per column (an existing one gets `hidden="1"`; a range is split). */
  hideColumns(cols: readonly number[]): void {
    this.locate();
    for (const col of cols) {
      const p = this.prefix;
      const colsEl = nextElement(this.xml, 'cols', 0);
      if (!colsEl) {
        const at = this.xml.lastIndexOf('<', this.dataStart - 1);
        this.spliceOutside(
          at,
          at,
          `<${p}cols><${p}col min="${col}" max="${col}" width="9" hidden="1" customWidth="1"/></${p}cols>`,
        );
        continue;
      }
      const items = allElements(this.xml, 'col', colsEl.inner, colsEl.innerEnd);
      const covering = items.find((e) => {
        const a = attributes(e.tag);
        return Number(a.get('min')) <= col && col <= Number(a.get('max'));
      });
      if (covering) {
        const a = attributes(covering.tag);
        if (a.get('hidden') === '1' || a.get('hidden') === 'true') continue;
        const min = Number(a.get('min'));
        const max = Number(a.get('max'));
        const piece = (lo: number, hi: number, hide: boolean): string => {
          let t = setAttribute(setAttribute(covering.tag, 'min', String(lo)), 'max', String(hi));
          if (hide) t = setAttribute(t, 'hidden', '1');
          return t;
        };
        const parts = [
          ...(min < col ? [piece(min, col - 1, false)] : []),
          piece(col, col, true),
          ...(col < max ? [piece(col + 1, max, false)] : []),
        ];
        this.spliceOutside(covering.start, covering.end, parts.join(''));
      } else {
        const next = items.find((e) => Number(attributes(e.tag).get('min')) > col);
        const at = next ? next.start : colsEl.innerEnd;
        this.spliceOutside(
          at,
          at,
          `<${p}col min="${col}" max="${col}" width="9" hidden="1" customWidth="1"/>`,
        );
      }
    }
  }

  /** Replaces `[from, to)` of the part outside sheetData (before it or after it). */
  private spliceOutside(from: number, to: number, text: string): void {
    this.xml = this.xml.slice(0, from) + text + this.xml.slice(to);
    const delta = text.length - (to - from);
    if (from < this.dataStart) {
      this.dataStart += delta;
      this.dataEnd += delta;
    }
    this.changed = true;
  }

  /** Adds `<legacyDrawing r:id>` (the notes' VML) where the schema wants it, unless present. */
  ensureLegacyDrawing(relId: string): void {
    this.locate();
    if (nextElement(this.xml, 'legacyDrawing', this.dataEnd)) return;
    const p = this.prefix;
    // CT_Worksheet order: … drawing, legacyDrawing, legacyDrawingHF, drawingHF, picture, oleObjects, controls, webPublishItems, tableParts, extLst.
    const later = [
      'legacyDrawingHF',
      'drawingHF',
      'picture',
      'oleObjects',
      'controls',
      'webPublishItems',
      'tableParts',
      'extLst',
    ];
    let at = this.xml.lastIndexOf('</');
    for (const name of later) {
      const e = nextElement(this.xml, name, this.dataEnd);
      if (e) {
        at = e.start;
        break;
      }
    }
    const rNs = /xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.test(
      this.xml,
    );
    const ns = rNs ? '' : ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    this.xml = `${this.xml.slice(0, at)}<${p}legacyDrawing${ns} r:id="${relId}"/>${this.xml.slice(at)}`;
    this.changed = true;
  }

  /** The part as it now reads. */
  toXml(): string {
    if (!this.rows || !this.changed) return this.xml;
    const p = this.prefix;
    let maxCol = 0;
    const body = this.rows
      .map((row) => {
        const cells = row.cells;
        if (cells?.length) maxCol = Math.max(maxCol, cells[cells.length - 1]!.col);
        if (!row.dirty) return row.raw;
        // A row's spans hint would no longer cover the cells written into it.
        const tag = setAttribute(row.tag.replace(/\/>$/, '>'), 'spans', null);
        const inner = (cells ?? []).map((c) => (c.dirty ? cellXml(c, p) : c.raw)).join('');
        return `${tag}${inner}</${p}row>`;
      })
      .join('');
    let xml = this.xml.slice(0, this.dataStart) + body + this.xml.slice(this.dataEnd);
    const maxRow = this.rows.length ? this.rows[this.rows.length - 1]!.r : 0;
    // The dimension is a hint Excel trusts for the used range: it must cover every row kept.
    xml = xml.replace(
      /(<(?:\w+:)?dimension\b[^>]*\bref=")([^"]*)(")/,
      (w, a: string, ref: string, z: string) => {
        const [from, to] = ref.split(':');
        const end = parseRef(to ?? from ?? '') ?? { row: 1, col: 1 };
        if (maxRow === 0) return w;
        return `${a}${from && parseRef(from) ? from : 'A1'}:${cellRef(maxRow, Math.max(maxCol, end.col, 1))}${z}`;
      },
    );
    return xml;
  }
}

function cellXml(c: CellEntry, p: string): string {
  if (c.inner === '') return c.tag.endsWith('/>') ? c.tag : `${c.tag.replace(/>$/, '/>')}`;
  const open = c.tag.replace(/\/>$/, '>');
  return `${open}${c.inner}</${p}c>`;
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}

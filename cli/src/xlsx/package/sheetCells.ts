import { SaxesParser } from 'saxes';
import type { CellRange, UsedRange } from '../../../../shared/sheet/port.js';
import type { Styles } from './styles.js';

/**
 * Reads one worksheet part with a streaming XML parser: the cells present (values, shared
 * strings, rich text, formulas' cached results, dates by their number format), the merges and
 * the hidden columns. Data validations, conditional formats, drawings and anything else are
 * skipped unread, so the cost follows the cells in the file, never the ranges a validation
 * declares (`K3:K1048576`).
 */
export interface SheetCells {
  used: UsedRange;
  /** Style id per cell present (`row:col`), for the writer's variants. */
  maxRow: number;
  maxCol: number;
}

export interface ReadContext {
  sharedStrings: readonly string[];
  styles: Styles;
  date1904: boolean;
}

const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** `B12` → { row: 12, col: 2 }. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

export function cellRef(row: number, col: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

export function parseRange(ref: string): CellRange | null {
  const [a, b] = ref.split(':');
  const from = a ? parseRef(a) : null;
  const to = b ? parseRef(b) : from;
  if (!from || !to) return null;
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

/** An Excel serial as the Date exceljs would have produced (UTC midnight of the day). */
export function serialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000));
}

/** Columns hidden by a `<col min max hidden>` are listed up to this one (a hidden range may run to XFD). */
const MAX_LISTED_HIDDEN_COL = 1024;

export function readSheetCells(xml: string, ctx: ReadContext): SheetCells {
  const cells = new Map<number, Map<number, unknown>>();
  const merges: CellRange[] = [];
  const hidden: number[] = [];
  let maxRow = 0;
  let maxCol = 0;

  let row = 0;
  let col = 0;
  let type = 'n';
  let style = 0;
  let inCell = false;
  let formula: string | null = null;
  let value: string | null = null;
  let inline: string | null = null;
  // Which text we are inside: the cell's <v>, <f>, or a <t> of an inline string (not of a phonetic run).
  let collecting: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;
  let text = '';

  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const a = tag.attributes as Record<string, string>;
    switch (name) {
      case 'row': {
        const r = Number(a.r);
        row = Number.isInteger(r) && r > 0 ? r : row + 1;
        col = 0;
        break;
      }
      case 'c': {
        const at = a.r ? parseRef(a.r) : null;
        if (at) row = at.row;
        col = at ? at.col : col + 1;
        type = a.t ?? 'n';
        style = Number(a.s ?? 0) || 0;
        inCell = true;
        formula = null;
        value = null;
        inline = null;
        break;
      }
      case 'v':
      case 'f':
        if (inCell) {
          collecting = name;
          text = '';
        }
        break;
      case 'rPh':
        phonetic++;
        break;
      case 't':
        if (inCell && phonetic === 0) {
          collecting = 't';
          text = '';
        }
        break;
      case 'mergeCell': {
        const range = a.ref ? parseRange(a.ref) : null;
        if (range) merges.push(range);
        break;
      }
      case 'col':
        if (a.hidden === '1' || a.hidden === 'true') {
          const min = Number(a.min);
          const max = Math.min(Number(a.max), MAX_LISTED_HIDDEN_COL);
          for (let c = min; c <= max; c++) hidden.push(c);
        }
        break;
    }
  });
  parser.on('text', (t) => {
    if (collecting) text += t;
  });
  parser.on('cdata', (t) => {
    if (collecting) text += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    if (name === 'rPh') phonetic--;
    else if (collecting && name === collecting) {
      if (name === 'v') value = text;
      else if (name === 'f') formula = text;
      else inline = (inline ?? '') + text;
      collecting = null;
    } else if (name === 'c' && inCell) {
      inCell = false;
      const v = cellValue(type, style, value, inline, ctx);
      if (v === null && formula === null) return;
      const stored = formula !== null ? { formula, result: v ?? undefined } : v;
      let line = cells.get(row);
      if (!line) cells.set(row, (line = new Map()));
      line.set(col, stored);
      if (row > maxRow) maxRow = row;
      if (col > maxCol) maxCol = col;
    }
  });
  parser.write(xml).close();

  const values: unknown[][] = Array.from({ length: maxRow }, () => Array<unknown>(maxCol).fill(null));
  for (const [r, line] of cells) for (const [c, v] of line) values[r - 1]![c - 1] = v;
  // A covered cell of a merge holds its master's value (§4.7), as exceljs reported it.
  for (const m of merges) {
    const master = values[m.top - 1]?.[m.left - 1];
    if (master === undefined || master === null) continue;
    for (let r = m.top; r <= Math.min(m.bottom, maxRow); r++)
      for (let c = m.left; c <= Math.min(m.right, maxCol); c++)
        if (r !== m.top || c !== m.left) values[r - 1]![c - 1] = master;
  }
  return {
    used: { top: 1, left: 1, values, merges, ...(hidden.length ? { hiddenColumns: hidden } : {}) },
    maxRow,
    maxCol,
  };
}

function cellValue(
  type: string,
  style: number,
  v: string | null,
  inline: string | null,
  ctx: ReadContext,
): unknown {
  switch (type) {
    case 's': {
      if (v === null) return null;
      return ctx.sharedStrings[Number(v)] ?? null;
    }
    case 'inlineStr':
      return inline ?? v;
    case 'str':
      return v ?? '';
    case 'b':
      return v === null ? null : v.trim() === '1' || v.trim() === 'true';
    case 'e':
      return v === null ? null : { error: v };
    case 'd':
      return v === null ? null : new Date(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
    default: {
      if (v === null || v.trim() === '') return inline;
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      return ctx.styles.isDate(style) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** The shared strings part: each `<si>`'s text, rich-text runs joined, phonetic runs left out. */
export function readSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let current: string | null = null;
  let phonetic = 0;
  let inT = false;
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (name === 'si') current = '';
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && phonetic === 0) inT = true;
  });
  parser.on('text', (t) => {
    if (inT && current !== null) current += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    if (name === 't') inT = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') {
      out.push(current ?? '');
      current = null;
    }
  });
  parser.write(xml).close();
  return out;
}

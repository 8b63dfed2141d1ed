import path from 'node:path';
import type {
  CellWrite,
  SheetPort,
  SheetState,
  UsedRange,
  WorkbookPort,
} from '../../../../shared/sheet/port.js';
import {
  STATE_SHEET,
  stateFromValues,
  stateToValues,
  type StateRead,
} from '../../../../shared/sheet/state.js';
import { UserError } from '../../userError.js';
import { deletionMap, insertionMap, shiftFormula, type RowMap } from '../references.js';
import { SheetNotes } from './notes.js';
import {
  addRelationship,
  byType,
  contentType,
  declareContentType,
  readRelationships,
  REL,
  relType,
  relsPath,
} from './opc.js';
import { cellRef, readSharedStrings, readSheetCells, type ReadContext } from './sheetCells.js';
import { SheetXml, textCell } from './sheetXml.js';
import { Styles } from './styles.js';
import { allElements, attributes, escapeXml, nextElement, rootPrefix, unescapeXml } from './xmlText.js';
import { ZipPackage } from './zipPackage.js';

/** What cannot be read, and where: the message of a damaged workbook names it. */
export class PartError extends Error {
  constructor(
    readonly part: string,
    why: string,
  ) {
    super(`${part}：${why}`);
  }
}

/** Main-part content types of the workbooks read and written back (.xlsx, .xlsm and their templates). */
const WORKBOOK_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
]);
const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

interface SheetEntry {
  name: string;
  state: string;
  part: string;
}

async function guard<T>(part: string, f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof PartError) throw e;
    throw new PartError(part, e instanceof Error ? e.message : String(e));
  }
}

/**
 * The Workbook port over the package itself (ADR 0018): cells are read with a streaming parser
 * from the sheet parts, and a write-back patches only what union-ledger owns — the cells it
 * writes, its notes, the styles it adds, and its very-hidden state sheet. Every other part
 * (macros, charts, drawings, pivot tables, validations, conditional formats, others' notes…)
 * is written back from its original bytes.
 */
export class XlsxWorkbook implements WorkbookPort {
  private readonly sheetsByName = new Map<string, XlsxSheet>();
  /** Rows moved by a pull, per sheet, in order: other sheets' formulas and defined names follow them. */
  readonly moves: { sheet: string; map: RowMap }[] = [];
  /** The file it was read from, for messages. */
  file = '工作簿';
  private state: StateRead = { states: [], damaged: false };
  private stateChanged = false;

  private constructor(
    readonly pkg: ZipPackage,
    private readonly workbookPart: string,
    private readonly entries: SheetEntry[],
    readonly ctx: ReadContext,
  ) {}

  /** Reads the package's structure; throws PartError naming the part that cannot be read. */
  static async load(bytes: Uint8Array): Promise<XlsxWorkbook> {
    const pkg = await guard('zip', () => ZipPackage.load(bytes));
    const rootRels = await guard('_rels/.rels', () => readRelationships(pkg, ''));
    const main = byType(rootRels, REL.officeDocument)?.target ?? 'xl/workbook.xml';
    const type = await guard('[Content_Types].xml', () => contentType(pkg, main));
    if (type && !WORKBOOK_TYPES.has(type)) throw new PartError(main, `不是 Excel 工作簿（${type}）`);
    const xml = await pkg.text(main);
    if (xml === null) throw new PartError(main, '缺少工作簿部件');
    const rels = await guard(relsPath(main), () => readRelationships(pkg, main));
    const entries = await guard(main, () =>
      allElements(xml, 'sheet').flatMap((e) => {
        const a = attributes(e.tag);
        const rel = rels.find(
          (r) => r.id === (a.get('r:id') ?? [...a].find(([k]) => k.endsWith(':id'))?.[1]),
        );
        // Chart sheets and dialog sheets are related with other types: they hold no cells.
        if (!rel || !rel.type.endsWith(REL.worksheet)) return [];
        return [{ name: a.get('name') ?? '', state: a.get('state') ?? 'visible', part: rel.target }];
      }),
    );
    const sstPart = byType(rels, REL.sharedStrings)?.target;
    const sharedStrings = sstPart
      ? await guard(sstPart, async () => readSharedStrings(await pkg.text(sstPart)))
      : [];
    const stylesPart = byType(rels, REL.styles)?.target;
    const styles = await guard(
      stylesPart ?? 'xl/styles.xml',
      async () => new Styles(stylesPart ? await pkg.text(stylesPart) : null),
    );
    const pr = nextElement(xml, 'workbookPr', 0);
    const date1904 = pr ? /^(1|true)$/.test(attributes(pr.tag).get('date1904') ?? '') : false;
    const book = new XlsxWorkbook(pkg, main, entries, { sharedStrings, styles, date1904 });
    book.stylesPart = stylesPart ?? null;
    await book.loadState();
    return book;
  }

  private stylesPart: string | null = null;

  private async loadState(): Promise<void> {
    const entry = this.entries.find((e) => e.name === STATE_SHEET);
    if (!entry) return;
    try {
      const used = await this.sheet(STATE_SHEET).readUsedRange();
      this.state = stateFromValues(used.values.map((line) => line.map((v) => (v === null ? '' : v))));
    } catch {
      this.state = { states: [], damaged: true };
    }
  }

  /** The ledger candidates: every worksheet but the state sheet and very-hidden ones. */
  async sheetNames(): Promise<string[]> {
    return this.entries.filter((e) => e.name !== STATE_SHEET && e.state !== 'veryHidden').map((e) => e.name);
  }

  sheet(name: string): XlsxSheet {
    let sheet = this.sheetsByName.get(name);
    if (!sheet) {
      const entry = this.entries.find((e) => e.name === name);
      if (!entry) throw new Error(`no worksheet named ${name}`);
      sheet = new XlsxSheet(this, entry.name, entry.part);
      this.sheetsByName.set(name, sheet);
    }
    return sheet;
  }

  async readState(): Promise<SheetState[]> {
    return this.state.states;
  }

  readStateDetailed(): StateRead {
    return this.state;
  }

  async writeState(states: readonly SheetState[]): Promise<void> {
    this.state = { states: [...states], damaged: false };
    this.stateChanged = true;
  }

  /** The package with every change applied, as bytes. */
  async toBuffer(): Promise<Buffer> {
    let formulaReplaced = false;
    for (const sheet of this.sheetsByName.values())
      formulaReplaced = (await sheet.flush()) || formulaReplaced;
    if (this.moves.length) await this.followMoves();
    if (this.stateChanged) await this.flushState();
    const styles = this.ctx.styles.patched();
    if (styles !== null) {
      const part = this.stylesPart ?? 'xl/styles.xml';
      this.pkg.set(part, styles);
      if (!this.stylesPart) {
        await addRelationship(this.pkg, this.workbookPart, relType(REL.styles), part);
        await declareContentType(this.pkg, part, STYLES_TYPE);
        this.stylesPart = part;
      }
    }
    // A cell whose formula became a value may be listed in the calculation chain, which Excel
    // then reports as damaged; Excel rebuilds a missing chain silently.
    if (formulaReplaced) await this.dropCalcChain();
    return this.pkg.toBuffer();
  }

  /**
   * Formulas in other sheets and defined names that point at rows a pull moved are moved with
   * them, as Excel does; a part whose references do not change is left byte for byte.
   */
  private async followMoves(): Promise<void> {
    const shift = (text: string, home: string): string =>
      this.moves.reduce((t, m) => shiftFormula(t, m.map, m.sheet, home), text);
    const names = new Set(this.moves.map((m) => m.sheet));
    for (const entry of this.entries) {
      if (names.has(entry.name) && this.moves.every((m) => m.sheet === entry.name)) continue;
      const xml = await this.pkg.text(entry.part);
      // Writers may spell the sheet's name with character references: any formula is looked at.
      if (xml === null || !/<(?:\w+:)?f[\s>]/.test(xml)) continue;
      const moved = xml.replace(
        /(<(?:\w+:)?f\b[^>]*>)([^<]*)(<\/(?:\w+:)?f>)/g,
        (w, open: string, body: string, close: string) => {
          // The sheet's own moves were applied to its own unqualified references already.
          const others = this.moves.filter((m) => m.sheet !== entry.name);
          const next = others.reduce(
            (t, m) => shiftFormula(t, m.map, m.sheet, entry.name),
            unescapeXml(body),
          );
          return next === unescapeXml(body) ? w : `${open}${escapeXml(next)}${close}`;
        },
      );
      if (moved !== xml) this.pkg.set(entry.part, moved);
    }
    const wb = (await this.pkg.text(this.workbookPart))!;
    const moved = wb.replace(
      /(<(?:\w+:)?definedName\b[^>]*>)([^<]*)(<\/(?:\w+:)?definedName>)/g,
      (w, open: string, body: string, close: string) => {
        const next = shift(unescapeXml(body), '');
        return next === unescapeXml(body) ? w : `${open}${escapeXml(next)}${close}`;
      },
    );
    if (moved !== wb) this.pkg.set(this.workbookPart, moved);
    this.moves.length = 0;
  }

  private async dropCalcChain(): Promise<void> {
    const rels = await readRelationships(this.pkg, this.workbookPart);
    const chain = byType(rels, '/calcChain');
    if (!chain) return;
    this.pkg.remove(chain.target);
    const file = relsPath(this.workbookPart);
    const xml = (await this.pkg.text(file))!;
    this.pkg.set(file, xml.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${chain.id}"[^>]*/>`), ''));
    const ct = (await this.pkg.text('[Content_Types].xml'))!;
    this.pkg.set(
      '[Content_Types].xml',
      ct.replace(new RegExp(`<Override\\b[^>]*PartName="/${chain.target}"[^>]*/>`, 'i'), ''),
    );
  }

  private async flushState(): Promise<void> {
    const rows = stateToValues(this.state.states);
    const body = rows
      .map(
        (line, r) =>
          `<row r="${r + 1}">${line
            .map((text, c) => (text === '' ? '' : textCell(cellRef(r + 1, c + 1), 0, text)))
            .join('')}</row>`,
      )
      .join('');
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheetData>${body}</sheetData></worksheet>`;
    const existing = this.entries.find((e) => e.name === STATE_SHEET);
    if (existing) {
      this.pkg.set(existing.part, xml);
      await this.ensureVeryHidden();
      return;
    }
    const dir = path.posix.dirname(this.entries[0]?.part ?? 'xl/worksheets/sheet1.xml');
    let n = this.entries.length + 1;
    while (this.pkg.has(`${dir}/sheet${n}.xml`)) n++;
    const part = `${dir}/sheet${n}.xml`;
    this.pkg.set(part, xml);
    await declareContentType(this.pkg, part, WORKSHEET_TYPE);
    const id = await addRelationship(this.pkg, this.workbookPart, relType(REL.worksheet), part);
    const wb = (await this.pkg.text(this.workbookPart))!;
    const sheets = nextElement(wb, 'sheets', 0)!;
    const p = rootPrefix(wb);
    const ids = allElements(wb, 'sheet', sheets.inner, sheets.innerEnd).map(
      (e) => Number(attributes(e.tag).get('sheetId')) || 0,
    );
    const rootTag = /<(?:\w+:)?workbook\b[^>]*>/.exec(wb)?.[0] ?? '';
    const ns = rootTag.includes('xmlns:r=')
      ? ''
      : ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const entry = `<${p}sheet${ns} name="${STATE_SHEET}" sheetId="${Math.max(0, ...ids) + 1}" state="veryHidden" r:id="${id}"/>`;
    this.pkg.set(this.workbookPart, wb.slice(0, sheets.innerEnd) + entry + wb.slice(sheets.innerEnd));
    this.entries.push({ name: STATE_SHEET, state: 'veryHidden', part });
  }

  private async ensureVeryHidden(): Promise<void> {
    const wb = (await this.pkg.text(this.workbookPart))!;
    const e = allElements(wb, 'sheet').find((s) => attributes(s.tag).get('name') === STATE_SHEET);
    if (!e || attributes(e.tag).get('state') === 'veryHidden') return;
    const { setAttribute } = await import('./xmlText.js');
    this.pkg.set(
      this.workbookPart,
      wb.slice(0, e.start) + setAttribute(e.tag, 'state', 'veryHidden') + wb.slice(e.end),
    );
  }
}

/** One worksheet of the package, the CLI's half of the Sheet port. */
export class XlsxSheet implements SheetPort {
  private xml: SheetXml | null = null;
  private notes: SheetNotes | null = null;
  private notesParts: { comments: string | null; vml: string | null } = { comments: null, vml: null };

  constructor(
    private readonly book: XlsxWorkbook,
    readonly name: string,
    readonly part: string,
  ) {}

  private async source(): Promise<SheetXml> {
    if (!this.xml) {
      const text = await this.book.pkg.text(this.part);
      if (text === null) throw new PartError(this.part, '缺少工作表部件');
      this.xml = new SheetXml(text, this.book.ctx.styles);
    }
    return this.xml;
  }

  async readUsedRange(): Promise<UsedRange> {
    try {
      const xml = await this.source();
      return await guard(this.part, () => readSheetCells(xml.toXml(), this.book.ctx).used);
    } catch (e) {
      if (e instanceof PartError)
        throw new UserError(`工作簿已损坏，无法读取：${this.book.file}（${e.message}）`);
      throw e;
    }
  }

  private async sheetNotes(): Promise<SheetNotes> {
    if (this.notes) return this.notes;
    const rels = await readRelationships(this.book.pkg, this.part);
    const comments = byType(rels, REL.comments)?.target ?? null;
    const vml = byType(rels, REL.vmlDrawing)?.target ?? null;
    this.notesParts = { comments, vml };
    this.notes = new SheetNotes(
      comments ? await this.book.pkg.text(comments) : null,
      vml ? await this.book.pkg.text(vml) : null,
    );
    return this.notes;
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    const xml = await this.source();
    xml.write(
      writes.map((w) => ({
        row: w.row,
        col: w.col,
        ...(w.value !== undefined ? { value: w.value } : {}),
        ...(w.fill !== undefined ? { style: { fill: w.fill } } : {}),
      })),
    );
    if (writes.some((w) => w.note !== undefined)) {
      const notes = await this.sheetNotes();
      for (const w of writes) if (w.note !== undefined) notes.set(w.row, w.col, w.note);
    }
  }

  async hideColumns(cols: readonly number[]): Promise<void> {
    (await this.source()).hideColumns(cols);
  }

  async deleteRows(rows: readonly number[]): Promise<void> {
    const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1);
    if (sorted.length === 0) return;
    const map = deletionMap(sorted);
    (await this.source()).moveRows(map, new Set(sorted), this.name);
    this.book.moves.push({ sheet: this.name, map });
    (await this.sheetNotes()).moveRows(map);
  }

  async insertRows(before: number, count: number, formatFrom: number | null): Promise<void> {
    if (count <= 0) return;
    const map = insertionMap(before, count);
    const xml = await this.source();
    xml.moveRows(map, new Set(), this.name);
    this.book.moves.push({ sheet: this.name, map });
    (await this.sheetNotes()).moveRows(map);
    if (formatFrom !== null && formatFrom < before)
      xml.formatRowsLike(
        Array.from({ length: count }, (_, i) => before + i),
        formatFrom,
      );
  }

  /** Writes the changed parts into the package; true when a formula cell was overwritten. */
  async flush(): Promise<boolean> {
    const pkg = this.book.pkg;
    if (this.notes?.isChanged) {
      const { comments, vml } = this.notes.parts();
      let { comments: cPart, vml: vPart } = this.notesParts;
      const dir = path.posix.dirname(path.posix.dirname(this.part));
      // Excel's own names (commentsN.xml, vmlDrawingN.vml): some readers find notes by them.
      const free = (make: (n: number) => string): string => {
        let n = 1;
        while (pkg.has(make(n))) n++;
        return make(n);
      };
      if (comments !== null) {
        if (!cPart) {
          cPart = free((n) => `${dir}/comments${n}.xml`);
          await addRelationship(pkg, this.part, relType(REL.comments), cPart);
          await declareContentType(pkg, cPart, COMMENTS_TYPE);
        }
        pkg.set(cPart, comments);
      }
      if (vml !== null) {
        if (!vPart) {
          vPart = free((n) => `${dir}/drawings/vmlDrawing${n}.vml`);
          const id = await addRelationship(pkg, this.part, relType(REL.vmlDrawing), vPart);
          await declareContentType(pkg, '*.vml', VML_TYPE);
          (await this.source()).ensureLegacyDrawing(id);
        }
        pkg.set(vPart, vml);
      }
      this.notesParts = { comments: cPart, vml: vPart };
    }
    if (this.xml?.isChanged) {
      pkg.set(this.part, this.xml.toXml());
      return this.xml.formulaReplaced;
    }
    return false;
  }
}

export { escapeXml, unescapeXml };

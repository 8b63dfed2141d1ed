import type { RowMap } from '../references.js';
import { cellRef, parseRef } from './sheetCells.js';
import { allElements, attributes, escapeXml, nextElement } from './xmlText.js';

/** The author of every note the CLI writes: how its notes are told from a colleague's. */
export const NOTE_AUTHOR = 'union-ledger';
const SHAPE_ID = 'ul_note_';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * A sheet's notes (the comments part and the VML that draws them). The CLI adds, replaces and
 * removes only its own notes (author `union-ledger`); a colleague's note stays as written, and
 * a cell that has one gets no note of ours (a cell holds one note).
 */
export class SheetNotes {
  private changed = false;

  constructor(
    private comments: string | null,
    private vml: string | null,
  ) {}

  get isChanged(): boolean {
    return this.changed;
  }

  get exists(): boolean {
    return this.comments !== null;
  }

  /** Sets our note on a cell (null removes ours). */
  set(row: number, col: number, text: string | null): void {
    const ref = cellRef(row, col);
    const existing = this.find(ref);
    if (existing && !existing.ours) return;
    if (existing) this.removeAt(existing.start, existing.end, row, col);
    if (text === null) return;
    this.comments ??= `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors></authors><commentList></commentList></comments>`;
    const authorId = this.ourAuthorId();
    const list = nextElement(this.comments, 'commentList', 0)!;
    const p = prefixOf(list.tag);
    const entry = `<${p}comment ref="${ref}" authorId="${authorId}"><${p}text><${p}r><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}r></${p}text></${p}comment>`;
    this.comments = list.tag.endsWith('/>')
      ? `${this.comments.slice(0, list.start)}<${p}commentList>${entry}</${p}commentList>${this.comments.slice(list.end)}`
      : `${this.comments.slice(0, list.innerEnd)}${entry}${this.comments.slice(list.innerEnd)}`;
    this.vml = addShape(this.vml ?? emptyVml(), row, col);
    this.changed = true;
  }

  private ourAuthorId(): number {
    const authors = nextElement(this.comments!, 'authors', 0)!;
    const names = allElements(this.comments!, 'author', authors.inner, authors.innerEnd).map((e) =>
      this.comments!.slice(e.inner, e.innerEnd),
    );
    const i = names.indexOf(NOTE_AUTHOR);
    if (i >= 0) return i;
    const p = prefixOf(authors.tag);
    const entry = `<${p}author>${NOTE_AUTHOR}</${p}author>`;
    this.comments = authors.tag.endsWith('/>')
      ? `${this.comments!.slice(0, authors.start)}<${p}authors>${entry}</${p}authors>${this.comments!.slice(authors.end)}`
      : `${this.comments!.slice(0, authors.innerEnd)}${entry}${this.comments!.slice(authors.innerEnd)}`;
    return names.length;
  }

  private find(ref: string): { start: number; end: number; ours: boolean } | null {
    if (!this.comments) return null;
    const authors = nextElement(this.comments, 'authors', 0);
    const ours = authors
      ? allElements(this.comments, 'author', authors.inner, authors.innerEnd).findIndex(
          (e) => this.comments!.slice(e.inner, e.innerEnd) === NOTE_AUTHOR,
        )
      : -1;
    for (const e of allElements(this.comments, 'comment')) {
      const a = attributes(e.tag);
      if (a.get('ref') === ref)
        return { start: e.start, end: e.end, ours: Number(a.get('authorId')) === ours };
    }
    return null;
  }

  private removeAt(start: number, end: number, row: number, col: number): void {
    this.comments = this.comments!.slice(0, start) + this.comments!.slice(end);
    if (this.vml) this.vml = removeShape(this.vml, row, col);
    this.changed = true;
  }

  /** Notes follow moved rows; a deleted row's notes go with it. */
  moveRows(map: RowMap): void {
    if (!this.comments) return;
    let out = this.comments;
    for (const e of allElements(this.comments, 'comment').reverse()) {
      const at = parseRef(attributes(e.tag).get('ref') ?? '');
      if (!at) continue;
      const to = map(at.row);
      if (to === at.row) continue;
      const replacement =
        to === null
          ? ''
          : this.comments.slice(e.start, e.end).replace(/\bref="[^"]*"/, `ref="${cellRef(to, at.col)}"`);
      out = out.slice(0, e.start) + replacement + out.slice(e.end);
      this.changed = true;
    }
    this.comments = out;
    if (this.vml) {
      const moved = this.vml.replace(/<x:Row>(\d+)<\/x:Row>/g, (w, r: string) => {
        const to = map(Number(r) + 1);
        return to === null ? w : `<x:Row>${to - 1}</x:Row>`;
      });
      if (moved !== this.vml) {
        this.vml = moved;
        this.changed = true;
      }
    }
  }

  parts(): { comments: string | null; vml: string | null } {
    return { comments: this.comments, vml: this.vml };
  }
}

function prefixOf(tag: string): string {
  return /^<([\w.-]+:)?/.exec(tag)?.[1] ?? '';
}

function emptyVml(): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    '</xml>'
  );
}

function addShape(vml: string, row: number, col: number): string {
  const shape =
    `<v:shape id="${SHAPE_ID}${row}_${col}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:160pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${row - 1}, 2, ${col + 2}, 15, ${row + 3}, 2</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`;
  const end = vml.lastIndexOf('</xml>');
  return end < 0 ? vml + shape : vml.slice(0, end) + shape + vml.slice(end);
}

function removeShape(vml: string, row: number, col: number): string {
  const re = new RegExp(`<v:shape\\b[^>]*\\bid="${SHAPE_ID}\\d+_\\d+"[\\s\\S]*?</v:shape>`, 'g');
  return vml.replace(re, (shape) => {
    const r = /<x:Row>(\d+)<\/x:Row>/.exec(shape);
    const c = /<x:Column>(\d+)<\/x:Column>/.exec(shape);
    return r && c && Number(r[1]) === row - 1 && Number(c[1]) === col - 1 ? '' : shape;
  });
}

import path from 'node:path';
import { allElements, attributes, escapeXml } from './xmlText.js';
import type { ZipPackage } from './zipPackage.js';

/** Relationship types the CLI follows (Transitional and Strict spellings end the same). */
export const REL = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
  comments: '/comments',
  vmlDrawing: '/vmlDrawing',
} as const;

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface Relationship {
  id: string;
  type: string;
  /** The target as a part name without the leading slash, or the raw target when external. */
  target: string;
  external: boolean;
}

/** Where the relationships of `part` live: `xl/_rels/workbook.xml.rels`. */
export function relsPath(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${path.posix.basename(part)}.rels`;
}

export async function readRelationships(pkg: ZipPackage, part: string): Promise<Relationship[]> {
  const xml = await pkg.text(relsPath(part));
  if (!xml) return [];
  const base = path.posix.dirname(part);
  return allElements(xml, 'Relationship').map((e) => {
    const a = attributes(e.tag);
    const external = a.get('TargetMode') === 'External';
    const raw = a.get('Target') ?? '';
    const target = external
      ? raw
      : raw.startsWith('/')
        ? raw.slice(1)
        : path.posix.normalize(path.posix.join(base === '.' ? '' : base, raw));
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target, external };
  });
}

export function byType(rels: readonly Relationship[], suffix: string): Relationship | undefined {
  return rels.find((r) => !r.external && r.type.endsWith(suffix));
}

/** Adds a relationship to `part`'s rels (created if absent); returns its new id. */
export async function addRelationship(
  pkg: ZipPackage,
  part: string,
  type: string,
  target: string,
): Promise<string> {
  const file = relsPath(part);
  const xml =
    (await pkg.text(file)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
  const ids = new Set(allElements(xml, 'Relationship').map((e) => attributes(e.tag).get('Id')));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relative(part, target))}"/>`;
  pkg.set(
    file,
    xml
      .replace(/(<\/(?:\w+:)?Relationships>)/, `${rel}$1`)
      .replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`),
  );
  return id;
}

export function relType(suffix: string): string {
  return `${REL_NS}${suffix}`;
}

function relative(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to);
}

/** The content type of a part, by its Override or its extension's Default. */
export async function contentType(pkg: ZipPackage, part: string): Promise<string | null> {
  const xml = await pkg.text('[Content_Types].xml');
  if (!xml) return null;
  const name = `/${part}`.toLowerCase();
  for (const e of allElements(xml, 'Override')) {
    const a = attributes(e.tag);
    if (a.get('PartName')?.toLowerCase() === name) return a.get('ContentType') ?? null;
  }
  const ext = path.posix.extname(part).slice(1).toLowerCase();
  for (const e of allElements(xml, 'Default')) {
    const a = attributes(e.tag);
    if (a.get('Extension')?.toLowerCase() === ext) return a.get('ContentType') ?? null;
  }
  return null;
}

/** Declares a part's content type (an Override), or an extension's Default when `part` starts with `*.`. */
export async function declareContentType(pkg: ZipPackage, part: string, type: string): Promise<void> {
  const xml = (await pkg.text('[Content_Types].xml')) ?? '';
  let entry: string;
  if (part.startsWith('*.')) {
    const ext = part.slice(2).toLowerCase();
    if (allElements(xml, 'Default').some((e) => attributes(e.tag).get('Extension')?.toLowerCase() === ext))
      return;
    entry = `<Default Extension="${ext}" ContentType="${type}"/>`;
  } else {
    if ((await contentType(pkg, part)) === type) return;
    entry = `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`;
  }
  pkg.set('[Content_Types].xml', xml.replace(/(<\/(?:\w+:)?Types>)/, `${entry}$1`));
}

import type JSZip from 'jszip';

/**
 * exceljs writes a link into the workbook (`'指标来源'!A12`) both as a `location` and as an
 * external relationship with that text as its target; Excel follows the relationship first
 * and then looks for a file of that name. A link inside the workbook has only its location
 * (ECMA-376 §18.3.1.47): drop the relationship and its id.
 */
export async function internalHyperlinks(zip: JSZip, sheetPath: string): Promise<void> {
  const sheet = zip.file(sheetPath);
  if (!sheet) return;
  const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
  const rels = zip.file(relsPath);
  const dropped = new Set<string>();
  const xml = (await sheet.async('string')).replace(/<hyperlink\s[^>]*>/g, (tag) => {
    if (!/\slocation="/.test(tag)) return tag;
    const id = /\sr:id="([^"]+)"/.exec(tag)?.[1];
    if (id) dropped.add(id);
    return tag.replace(/\sr:id="[^"]*"/, '');
  });
  zip.file(sheetPath, xml);
  if (!rels || dropped.size === 0) return;
  const kept = (await rels.async('string')).replace(/<Relationship\s[^>]*\/>/g, (rel) => {
    const id = /\sId="([^"]+)"/.exec(rel)?.[1];
    return id && dropped.has(id) ? '' : rel;
  });
  zip.file(relsPath, kept);
}

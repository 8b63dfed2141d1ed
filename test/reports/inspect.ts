import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { figureDef } from '../../shared/summary/catalogue.js';
import { child, findAll, parseXml, type XmlNode } from './xml.js';

/**
 * Reading a generated workbook back for tests: with exceljs (values, formats, views, print
 * setup) and as a zip package (the chart parts exceljs does not read).
 */
export interface OpenedXlsx {
  wb: ExcelJS.Workbook;
  zip: JSZip;
}

export async function openXlsx(xlsx: Uint8Array): Promise<OpenedXlsx> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return { wb, zip: await JSZip.loadAsync(xlsx) };
}

export async function part(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`missing part ${path}`);
  return file.async('string');
}

/** Every cell formula in the package (`<f>` elements of the worksheets), as "part: formula". */
export async function formulaElements(zip: JSZip): Promise<string[]> {
  const found: string[] = [];
  for (const path of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
    const xml = await part(zip, path);
    for (const m of xml.matchAll(/<f(?:\s[^>]*)?>([\s\S]*?)<\/f>|<f\s[^>]*\/>/g))
      found.push(`${path}: ${m[0]}`);
  }
  return found;
}

/** Every cell exceljs reads as a formula (shared formulas included), as "sheet!address". */
export function formulaCells(wb: ExcelJS.Workbook): string[] {
  const found: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) found.push(`${ws.name}!${cell.address}`);
      }),
    );
  return found;
}

/** The header row of 年度汇总's figure table (its first cell is 指标) and its columns by header. */
export function figureTable(wb: ExcelJS.Workbook): { row: number; columns: Map<string, number> } {
  const ws = wb.getWorksheet('年度汇总')!;
  for (let r = 1; r <= ws.rowCount; r++)
    if (ws.getCell(r, 1).value === '指标' && ws.getCell(r, 2).value === '数值') {
      const columns = new Map<string, number>();
      ws.getRow(r).eachCell((cell, c) => columns.set(String(cell.value), c));
      return { row: r, columns };
    }
  throw new Error('no figure table in 年度汇总');
}

/** Text of a cell, hyperlinks and rich text included. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
  if (v && typeof v === 'object' && 'richText' in v)
    return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  return v === null || v === undefined ? '' : String(v);
}

/** The 年度汇总 row of a figure (found by its catalogue label): its label, value, 上年, 增减, 增幅 and sentence cells. */
export function figure(
  wb: ExcelJS.Workbook,
  key: string,
): {
  name: ExcelJS.Cell;
  value: ExcelJS.Cell;
  sentence: ExcelJS.Cell;
  previous?: ExcelJS.Cell;
  change?: ExcelJS.Cell;
  growth?: ExcelJS.Cell;
} {
  const ws = wb.getWorksheet('年度汇总')!;
  const label = figureDef(key)!.label;
  const { row, columns } = figureTable(wb);
  const col = (header: string): number | undefined => columns.get(header);
  for (let r = row + 1; r <= ws.rowCount; r++)
    if (cellText(ws.getCell(r, 1)) === label)
      return {
        name: ws.getCell(r, 1),
        value: ws.getCell(r, col('数值')!),
        sentence: ws.getCell(r, col('报告语句')!),
        ...(col('上年')
          ? {
              previous: ws.getCell(r, col('上年')!),
              change: ws.getCell(r, col('增减')!),
              growth: ws.getCell(r, col('增幅')!),
            }
          : {}),
      };
  throw new Error(`no figure ${key}`);
}

/** The row of a sheet whose first cell is `label` (the first such row at or below `from`). */
export function rowOf(ws: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return ws.getRow(r);
  throw new Error(`no row ${label} in ${ws.name}`);
}

/** The values of a single-column range reference (`'预算执行'!$B$5:$B$17`) in the workbook. */
export function resolveRange(wb: ExcelJS.Workbook, ref: string): ExcelJS.CellValue[] {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`unexpected reference ${ref}`);
  const ws = wb.getWorksheet(m[1]!.replace(/''/g, "'"));
  if (!ws) throw new Error(`no sheet in ${ref}`);
  if (m[4] !== undefined && m[4] !== m[2]) throw new Error(`multi-column reference ${ref}`);
  const out: ExcelJS.CellValue[] = [];
  for (let r = Number(m[3]); r <= Number(m[5] ?? m[3]); r++) out.push(ws.getCell(`${m[2]}${r}`).value);
  return out;
}

export interface ChartInPackage {
  /** The sheet showing the chart. */
  sheet: string;
  path: string;
  xml: XmlNode;
}

/**
 * The charts of the package, found the way a reader finds them: workbook → sheet part →
 * its `<drawing r:id>` relationship → the drawing's chart relationships → chart parts.
 */
export async function chartsInPackage(zip: JSZip): Promise<ChartInPackage[]> {
  const rels = async (path: string): Promise<XmlNode[]> => {
    const slash = path.lastIndexOf('/');
    const relsPath = `${path.slice(0, slash)}/_rels/${path.slice(slash + 1)}.rels`;
    return zip.file(relsPath) ? parseXml(await part(zip, relsPath)).children : [];
  };
  const resolve = (from: string, target: string): string => {
    const parts = from.split('/').slice(0, -1);
    for (const seg of target.split('/'))
      if (seg === '..') parts.pop();
      else parts.push(seg);
    return parts.join('/');
  };
  const workbook = parseXml(await part(zip, 'xl/workbook.xml'));
  const workbookRels = await rels('xl/workbook.xml');
  const charts: ChartInPackage[] = [];
  for (const sheet of findAll(workbook, 'sheet')) {
    const rel = workbookRels.find((r) => r.attrs.Id === sheet.attrs['r:id'])!;
    const sheetPath = resolve('xl/workbook.xml', rel.attrs.Target!);
    const drawing = parseXml(await part(zip, sheetPath)).children.find((c) => c.name === 'drawing');
    if (!drawing) continue;
    const drawingRel = (await rels(sheetPath)).find((r) => r.attrs.Id === drawing.attrs['r:id']);
    expect(drawingRel?.attrs.Type).toMatch(/\/relationships\/drawing$/);
    const drawingPath = resolve(sheetPath, drawingRel!.attrs.Target!);
    const drawingXml = parseXml(await part(zip, drawingPath));
    const chartRels = await rels(drawingPath);
    for (const ref of findAll(drawingXml, 'c:chart')) {
      const chartRel = chartRels.find((r) => r.attrs.Id === ref.attrs['r:id']);
      expect(chartRel?.attrs.Type).toMatch(/\/relationships\/chart$/);
      const path = resolve(drawingPath, chartRel!.attrs.Target!);
      charts.push({ sheet: sheet.attrs.name!, path, xml: parseXml(await part(zip, path)) });
    }
  }
  return charts;
}

/** Each reference of a chart with its cache: [formula, cached values]. */
export function chartReferences(chart: XmlNode): [string, (string | number)[]][] {
  return findAll(chart, ['c:strRef', 'c:numRef']).map((ref) => {
    const cache = ref.children.find((c) => c.name === 'c:strCache' || c.name === 'c:numCache');
    const count = cache ? Number(child(cache, 'c:ptCount').attrs.val) : 0;
    const values: (string | number)[] = Array.from({ length: count }, () => '');
    for (const pt of cache ? findAll(cache, 'c:pt') : []) {
      const v = child(pt, 'c:v').text;
      values[Number(pt.attrs.idx)] = ref.name === 'c:numRef' ? Number(v) : v;
    }
    return [child(ref, 'c:f').text, values];
  });
}

/**
 * The hyperlinks of the first sheet: `internal` ones point into the workbook (a `location`,
 * no relationship), `external` ones through a relationship (a file or a web address).
 */
export async function internalLinks(zip: JSZip): Promise<{ internal: number; external: number }> {
  const xml = await part(zip, 'xl/worksheets/sheet1.xml');
  const links = [...xml.matchAll(/<hyperlink\s[^>]*>/g)].map((m) => m[0]);
  return {
    internal: links.filter((l) => /\slocation="/.test(l) && !/\sr:id="/.test(l)).length,
    external: links.filter((l) => /\sr:id="/.test(l)).length,
  };
}

/** The links of the first sheet into the workbook: cell address → location (`'指标来源'!A12`). */
export async function linkTargets(zip: JSZip): Promise<Map<string, string>> {
  const xml = await part(zip, 'xl/worksheets/sheet1.xml');
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<hyperlink\s[^>]*>/g)) {
    const ref = /\sref="([^"]+)"/.exec(m[0])?.[1];
    const location = /\slocation="([^"]+)"/.exec(m[0])?.[1];
    if (ref && location)
      out.set(
        ref,
        location
          .replace(/&apos;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      );
  }
  return out;
}

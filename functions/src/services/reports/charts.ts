import type ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * Native Excel charts for exceljs output (DESIGN.md "Charts"; exceljs writes none). The
 * workbook is written by exceljs first; `addCharts` then adds, per host sheet, one DrawingML
 * drawing part with a two-cell-anchored graphic frame per chart, one chart part per chart
 * (clustered bars or lines only), the relationships between sheet, drawing and charts, the
 * sheet's `<drawing r:id>` element at its place in the CT_Worksheet sequence, and the content
 * type overrides. Series reference cell ranges of the workbook and carry cached values, so
 * readers that do not recalculate (LibreOffice's import, previewers) draw them as they are.
 */

export interface SeriesData<T> {
  /** A range reference with its sheet: `'预算执行'!$B$5:$B$17`. */
  ref: string;
  /** The values of that range, in order; null is a gap. */
  cache: readonly T[];
}

export interface ChartSeries {
  /** Legend text, and the cell holding it when there is one. */
  name: string;
  nameRef?: string;
  values: SeriesData<number | null>;
  /** RRGGBB. */
  color: string;
  /** Line charts: a dashed line without markers (a reference line such as 80%). */
  dashed?: boolean;
}

/** A cell position, zero-based (column 0 = A, row 0 = row 1), as DrawingML anchors count. */
export interface CellPosition {
  col: number;
  row: number;
}

export interface ChartSpec {
  /** The worksheet that shows the chart. */
  sheet: string;
  kind: 'bar' | 'line';
  title: string;
  categories: SeriesData<string>;
  series: readonly ChartSeries[];
  /** Number format of the value axis and of the cached values (`#,##0`, `0%`). */
  valueFormat?: string;
  valueAxisTitle?: string;
  /** Lower bound of the value axis (0 keeps rate lines honest). */
  valueMin?: number;
  /** Top-left and bottom-right cells the chart spans. */
  from: CellPosition;
  to: CellPosition;
}

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL = {
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
  worksheet: `${NS.r}/worksheet`,
};
export const CONTENT_TYPES = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** Column number (1 = A) to letters. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An absolute reference to one column's rows (1-based), sheet name always quoted: `'预算执行'!$B$5:$B$17`. */
export function rangeRef(sheet: string, col: number, firstRow: number, lastRow: number = firstRow): string {
  const c = columnLetters(col);
  const cells = firstRow === lastRow ? `$${c}$${firstRow}` : `$${c}$${firstRow}:$${c}$${lastRow}`;
  return `'${sheet.replace(/'/g, "''")}'!${cells}`;
}

/** Numbers of a column range of an exceljs sheet, as a series reference with its cache. */
export function numbersOf(
  ws: ExcelJS.Worksheet,
  col: number,
  firstRow: number,
  lastRow: number,
): SeriesData<number | null> {
  const cache: (number | null)[] = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const v = ws.getCell(r, col).value;
    cache.push(typeof v === 'number' && Number.isFinite(v) ? v : null);
  }
  return { ref: rangeRef(ws.name, col, firstRow, lastRow), cache };
}

/** Texts of a column range of an exceljs sheet (category labels), as a reference with its cache. */
export function textsOf(
  ws: ExcelJS.Worksheet,
  col: number,
  firstRow: number,
  lastRow: number,
): SeriesData<string> {
  const cache: string[] = [];
  for (let r = firstRow; r <= lastRow; r++) cache.push(ws.getCell(r, col).text);
  return { ref: rangeRef(ws.name, col, firstRow, lastRow), cache };
}

// ---------------------------------------------------------------- chart part

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : ' b="0"';
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="${size}"${b}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function textProps(size: number, rotation?: number): string {
  const rot = rotation === undefined ? '' : ` rot="${rotation}" vert="horz"`;
  return (
    `<c:txPr><a:bodyPr${rot}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"/></a:pPr>` +
    `<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`
  );
}

function strCache(values: readonly string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('');
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: readonly (number | null)[], format: string): string {
  const pts = values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return (
    `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${pts}</c:numCache>`
  );
}

function seriesXml(spec: ChartSpec, s: ChartSeries, i: number): string {
  const format = spec.valueFormat ?? 'General';
  const tx = s.nameRef
    ? `<c:tx><c:strRef><c:f>${escapeXml(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>`
    : `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
  const fill = `<a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill>`;
  const cat = `<c:cat><c:strRef><c:f>${escapeXml(spec.categories.ref)}</c:f>${strCache(spec.categories.cache)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${escapeXml(s.values.ref)}</c:f>${numCache(s.values.cache, format)}</c:numRef></c:val>`;
  const head = `<c:idx val="${i}"/><c:order val="${i}"/>${tx}`;
  if (spec.kind === 'bar')
    return `<c:ser>${head}<c:spPr>${fill}</c:spPr><c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
  const dash = s.dashed ? '<a:prstDash val="dash"/>' : '<a:prstDash val="solid"/>';
  const width = s.dashed ? 15875 : 28575;
  const marker = s.dashed
    ? '<c:marker><c:symbol val="none"/></c:marker>'
    : `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${fill}</c:spPr></c:marker>`;
  return (
    `<c:ser>${head}<c:spPr><a:ln w="${width}" cap="rnd">${fill}${dash}<a:round/></a:ln></c:spPr>` +
    `${marker}${cat}${val}<c:smooth val="0"/></c:ser>`
  );
}

const CAT_AX = 500010;
const VAL_AX = 500020;

/** The chart part (`xl/charts/chartN.xml`), elements in the order of the DrawingML chart schema. */
export function chartXml(spec: ChartSpec): string {
  const series = spec.series.map((s, i) => seriesXml(spec, s, i)).join('');
  const axIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  const plot =
    spec.kind === 'bar'
      ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
        `<c:gapWidth val="80"/><c:overlap val="-10"/>${axIds}</c:barChart>`
      : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
        `<c:marker val="1"/>${axIds}</c:lineChart>`;
  const min = spec.valueMin === undefined ? '' : `<c:min val="${spec.valueMin}"/>`;
  const axisTitle = spec.valueAxisTitle
    ? `<c:title>${richText(spec.valueAxisTitle, 900, false)}<c:overlay val="0"/></c:title>`
    : '';
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `${textProps(800, spec.categories.cache.length > 6 ? -2700000 : undefined)}` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/>${min}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350">` +
    `<a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>${axisTitle}` +
    `<c:numFmt formatCode="${escapeXml(spec.valueFormat ?? 'General')}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProps(800)}` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="${spec.kind === 'bar' ? 'between' : 'midCat'}"/></c:valAx>`;
  return (
    `${XML_DECL}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(spec.title, 1200, true)}<c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill>` +
    `<a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>${textProps(900)}</c:chartSpace>`
  );
}

// ---------------------------------------------------------------- drawing part

/** The drawing part: one two-cell anchor with a chart graphic frame per chart (`rId1`… in order). */
export function drawingXml(charts: readonly Pick<ChartSpec, 'from' | 'to' | 'title'>[]): string {
  const pos = (tag: string, p: CellPosition): string =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts.map(
    (c, i) =>
      `<xdr:twoCellAnchor editAs="oneCell">${pos('from', c.from)}${pos('to', c.to)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(`图表 ${i + 1}`)}"` +
      ` descr="${escapeXml(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rId${i + 1}"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
  );
  return `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`;
}

function relationshipsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  const items = rels.map(
    (r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`,
  );
  return `${XML_DECL}<Relationships xmlns="${NS.rels}">${items.join('')}</Relationships>`;
}

// ---------------------------------------------------------------- package surgery

/**
 * CT_Worksheet children that come after `drawing`: the element is inserted before the first of
 * them present (or at the end).
 */
const AFTER_DRAWING = new Set([
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

const TAG =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** The direct children of the root element: local name and offset of each start tag. */
export function rootChildren(xml: string): { name: string; start: number }[] {
  const children: { name: string; start: number }[] = [];
  let depth = 0;
  for (const m of xml.matchAll(TAG)) {
    const name = m[2];
    if (name === undefined) continue;
    if (m[1] === '/') {
      depth--;
      continue;
    }
    if (depth === 1) children.push({ name: name.replace(/^.*:/, ''), start: m.index });
    if (m[4] !== '/') depth++;
  }
  return children;
}

/** Adds `<drawing r:id="…"/>` to a worksheet part at its place in the CT_Worksheet sequence. */
export function insertDrawingElement(sheetXml: string, relId: string): string {
  const children = rootChildren(sheetXml);
  if (children.some((c) => c.name === 'drawing')) throw new Error('工作表已有绘图部件，无法再添加图表');
  let xml = sheetXml;
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (!root) throw new Error('不是工作表部件');
  if (!/\sxmlns:r=/.test(root[0])) {
    xml = xml.replace(root[0], root[0].replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.r}"`));
    return insertDrawingElement(xml, relId);
  }
  const element = `<drawing r:id="${relId}"/>`;
  const next = children.find((c) => AFTER_DRAWING.has(c.name));
  const at = next ? next.start : xml.lastIndexOf('</worksheet>');
  return xml.slice(0, at) + element + xml.slice(at);
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)].map((m) => {
    const attr = (n: string): string => unescapeXml(new RegExp(`\\b${n}="([^"]*)"`).exec(m[1]!)?.[1] ?? '');
    return { id: attr('Id'), type: attr('Type'), target: attr('Target') };
  });
}

function nextRelId(rels: readonly Rel[]): string {
  const used = rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0));
  return `rId${Math.max(0, ...used) + 1}`;
}

/** Package path of each worksheet by sheet name, from the workbook part and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await text(zip, 'xl/workbook.xml');
  const rels = parseRels(await text(zip, 'xl/_rels/workbook.xml.rels'));
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[1]!)?.[1];
    const rel = rels.find((r) => r.id === id && r.type === REL.worksheet);
    if (name === undefined || !rel) continue;
    const target = rel.target.startsWith('/') ? rel.target.slice(1) : `xl/${rel.target}`;
    parts.set(unescapeXml(name), target);
  }
  return parts;
}

async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`工作簿缺少部件：${path}`);
  return file.async('string');
}

function nextPartNumber(zip: JSZip, pattern: RegExp): number {
  const numbers = Object.keys(zip.files).map((f) => Number(pattern.exec(f)?.[1] ?? 0));
  return Math.max(0, ...numbers) + 1;
}

function addOverride(contentTypes: string, partName: string, type: string): string {
  if (contentTypes.includes(`PartName="${partName}"`)) return contentTypes;
  return contentTypes.replace('</Types>', `<Override PartName="${partName}" ContentType="${type}"/></Types>`);
}

/** Adds the charts to an opened .xlsx package (see the module comment). */
export async function addChartsToZip(zip: JSZip, charts: readonly ChartSpec[]): Promise<void> {
  if (charts.length === 0) return;
  const parts = await sheetParts(zip);
  let contentTypes = await text(zip, '[Content_Types].xml');
  let chartNo = nextPartNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  let drawingNo = nextPartNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
  const hosts = [...new Set(charts.map((c) => c.sheet))];
  for (const host of hosts) {
    const sheetPath = parts.get(host);
    if (!sheetPath) throw new Error(`找不到工作表：${host}`);
    const mine = charts.filter((c) => c.sheet === host);
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const drawingRels: Rel[] = [];
    for (const chart of mine) {
      const chartName = `chart${chartNo++}.xml`;
      zip.file(`xl/charts/${chartName}`, chartXml(chart));
      contentTypes = addOverride(contentTypes, `/xl/charts/${chartName}`, CONTENT_TYPES.chart);
      drawingRels.push({
        id: `rId${drawingRels.length + 1}`,
        type: REL.chart,
        target: `../charts/${chartName}`,
      });
    }
    zip.file(drawingPath, drawingXml(mine));
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relationshipsXml(drawingRels));
    contentTypes = addOverride(contentTypes, `/${drawingPath}`, CONTENT_TYPES.drawing);

    const slash = sheetPath.lastIndexOf('/');
    const sheetRelsPath = `${sheetPath.slice(0, slash)}/_rels/${sheetPath.slice(slash + 1)}.rels`;
    const drawingRel = { type: REL.drawing, target: `../drawings/drawing${drawingNo}.xml` };
    let relId = 'rId1';
    if (zip.file(sheetRelsPath)) {
      // Keep the sheet's own relationships exactly as written (hyperlinks carry TargetMode).
      const existing = await text(zip, sheetRelsPath);
      relId = nextRelId(parseRels(existing));
      const item = `<Relationship Id="${relId}" Type="${drawingRel.type}" Target="${drawingRel.target}"/>`;
      zip.file(sheetRelsPath, existing.replace('</Relationships>', `${item}</Relationships>`));
    } else zip.file(sheetRelsPath, relationshipsXml([{ id: relId, ...drawingRel }]));
    zip.file(sheetPath, insertDrawingElement(await text(zip, sheetPath), relId));
    drawingNo++;
  }
  zip.file('[Content_Types].xml', contentTypes);
}

/** Adds the charts to an .xlsx file in memory and returns the new file. */
export async function addCharts(xlsx: Uint8Array, charts: readonly ChartSpec[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  await addChartsToZip(zip, charts);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

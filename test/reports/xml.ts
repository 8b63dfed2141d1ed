import { validateXML } from 'xmllint-wasm';

/**
 * A small XML tree for tests of generated package parts: element names with their prefix,
 * attributes, children and text. Enough for the well-formed output of our own writers; the
 * well-formedness itself is checked by xmllint (`wellFormed`).
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Sequences of the ECMA-376 schemas (dml-chart.xsd, dml-spreadsheetDrawing.xsd, sml.xsd). */
// prettier-ignore
export const OOXML_SEQUENCES = {
  chartSpace: ['date1904', 'lang', 'roundedCorners', 'AlternateContent', 'style', 'clrMapOvr', 'pivotSource', 'protection', 'chart', 'spPr', 'txPr', 'externalData', 'printSettings', 'userShapes', 'extLst'],
  chart: ['title', 'autoTitleDeleted', 'pivotFmts', 'view3D', 'floor', 'sideWall', 'backWall', 'plotArea', 'legend', 'plotVisOnly', 'dispBlanksAs', 'showDLblsOverMax', 'extLst'],
  plotArea: ['layout', 'barChart', 'lineChart', 'catAx', 'valAx', 'dTable', 'spPr', 'extLst'],
  barChart: ['barDir', 'grouping', 'varyColors', 'ser', 'dLbls', 'gapWidth', 'overlap', 'serLines', 'axId', 'extLst'],
  lineChart: ['grouping', 'varyColors', 'ser', 'dLbls', 'dropLines', 'hiLowLines', 'upDownBars', 'marker', 'smooth', 'axId', 'extLst'],
  barSer: ['idx', 'order', 'tx', 'spPr', 'invertIfNegative', 'pictureOptions', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'shape', 'extLst'],
  lineSer: ['idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'smooth', 'extLst'],
  catAx: ['axId', 'scaling', 'delete', 'axPos', 'majorGridlines', 'minorGridlines', 'title', 'numFmt', 'majorTickMark', 'minorTickMark', 'tickLblPos', 'spPr', 'txPr', 'crossAx', 'crosses', 'crossesAt', 'auto', 'lblAlgn', 'lblOffset', 'tickLblSkip', 'tickMarkSkip', 'noMultiLvlLbl', 'extLst'],
  valAx: ['axId', 'scaling', 'delete', 'axPos', 'majorGridlines', 'minorGridlines', 'title', 'numFmt', 'majorTickMark', 'minorTickMark', 'tickLblPos', 'spPr', 'txPr', 'crossAx', 'crosses', 'crossesAt', 'crossBetween', 'majorUnit', 'minorUnit', 'dispUnits', 'extLst'],
  scaling: ['logBase', 'orientation', 'max', 'min', 'extLst'],
  title: ['tx', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  legend: ['legendPos', 'legendEntry', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  marker: ['symbol', 'size', 'spPr', 'extLst'],
  numCache: ['formatCode', 'ptCount', 'pt', 'extLst'],
  strCache: ['ptCount', 'pt', 'extLst'],
  ref: ['f', 'numCache', 'strCache', 'extLst'],
  ln: ['noFill', 'solidFill', 'gradFill', 'pattFill', 'prstDash', 'custDash', 'round', 'bevel', 'miter', 'headEnd', 'tailEnd', 'extLst'],
  twoCellAnchor: ['from', 'to', 'sp', 'grpSp', 'graphicFrame', 'cxnSp', 'pic', 'contentPart', 'clientData'],
  graphicFrame: ['nvGraphicFramePr', 'xfrm', 'graphic', 'extLst'],
  worksheet: ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'],
};

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`mismatched </${m[2]}> in <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
    const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (m[4] !== '/') stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const [element] = root.children;
  if (!element || root.children.length !== 1) throw new Error('not one root element');
  return element;
}

/** Every descendant (depth first, document order) with the given name or one of the names. */
export function findAll(node: XmlNode, name: string | readonly string[]): XmlNode[] {
  const names = typeof name === 'string' ? [name] : name;
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (names.includes(c.name)) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

/** Local names of the children, in order. */
export function childNames(node: XmlNode): string[] {
  return node.children.map((c) => c.name.replace(/^.*:/, ''));
}

/**
 * True when the children of `node` follow the order of a schema sequence (each child's
 * position in `sequence` never decreases; every child is a member of the sequence).
 */
export function followsSequence(node: XmlNode, sequence: readonly string[]): boolean {
  let last = -1;
  for (const name of childNames(node)) {
    const at = sequence.indexOf(name);
    if (at < last || at < 0) return false;
    last = at;
  }
  return true;
}

/** xmllint's verdict on well-formedness (no schema): the error messages, empty when fine. */
export async function wellFormed(xml: string, fileName = 'part.xml'): Promise<string[]> {
  const result = await validateXML({ xml: { fileName, contents: xml }, normalization: 'format' });
  return result.errors.map((e) => e.message);
}

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  child,
  childNames,
  findAll,
  followsSequence,
  OOXML_SEQUENCES as SEQ,
  parseXml,
  wellFormed,
} from '../../../../test/reports/xml.js';
import {
  addCharts,
  chartXml,
  columnLetters,
  CONTENT_TYPES,
  drawingXml,
  insertDrawingElement,
  numbersOf,
  rangeRef,
  rootChildren,
  textsOf,
  type ChartSpec,
} from './charts.js';

const units = ['文新学院工会', '机电学院工会', '工商学院工会'];
const bar: ChartSpec = {
  sheet: '预算执行',
  kind: 'bar',
  title: '预算与实际 <2023> & “合计”',
  categories: { ref: "'预算执行'!$A$5:$A$7", cache: units },
  series: [
    {
      name: '预算数',
      nameRef: "'预算执行'!$B$4",
      values: { ref: "'预算执行'!$B$5:$B$7", cache: [13800, 17700, 15750] },
      color: '5B9BD5',
    },
    {
      name: '实际支出',
      nameRef: "'预算执行'!$C$4",
      values: { ref: "'预算执行'!$C$5:$C$7", cache: [12960, 16420, 16410] },
      color: 'ED7D31',
    },
  ],
  valueFormat: '#,##0',
  valueAxisTitle: '元',
  valueMin: 0,
  from: { col: 0, row: 9 },
  to: { col: 4, row: 30 },
};
const line: ChartSpec = {
  ...bar,
  kind: 'line',
  title: '执行率',
  series: [
    {
      name: '执行率',
      values: { ref: "'预算执行'!$D$5:$D$7", cache: [0.9391, null, 1.0419] },
      color: '2F5597',
    },
    {
      name: '正常下限',
      values: { ref: "'预算执行'!$G$5:$G$7", cache: [0.8, 0.8, 0.8] },
      color: 'BF9000',
      dashed: true,
    },
  ],
  valueFormat: '0%',
  from: { col: 4, row: 9 },
  to: { col: 9, row: 30 },
};

describe('references', () => {
  it('names columns like Excel', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('writes absolute ranges with the sheet name quoted', () => {
    expect(rangeRef('预算执行', 2, 5, 17)).toBe("'预算执行'!$B$5:$B$17");
    expect(rangeRef('预算执行', 2, 4)).toBe("'预算执行'!$B$4");
    expect(rangeRef("O'Brien", 1, 1, 2)).toBe("'O''Brien'!$A$1:$A$2");
  });

  it('reads the cached values of a range from the sheet', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('预算执行');
    ws.getCell('A5').value = '校工会';
    ws.getCell('A6').value = '文新学院工会';
    ws.getCell('B5').value = 2_240_000;
    ws.getCell('B6').value = '—';
    expect(textsOf(ws, 1, 5, 6)).toEqual({ ref: "'预算执行'!$A$5:$A$6", cache: ['校工会', '文新学院工会'] });
    expect(numbersOf(ws, 2, 5, 6)).toEqual({ ref: "'预算执行'!$B$5:$B$6", cache: [2_240_000, null] });
  });
});

describe('chartXml', () => {
  it('is well-formed and follows the DrawingML chart schema order', async () => {
    for (const spec of [bar, line]) {
      const xml = chartXml(spec);
      expect(await wellFormed(xml)).toEqual([]);
      const root = parseXml(xml);
      expect(root.name).toBe('c:chartSpace');
      expect(followsSequence(root, SEQ.chartSpace)).toBe(true);
      const chart = child(root, 'c:chart');
      expect(followsSequence(chart, SEQ.chart)).toBe(true);
      const plot = child(chart, 'c:plotArea');
      expect(followsSequence(plot, SEQ.plotArea)).toBe(true);
      expect(followsSequence(child(plot, 'c:catAx'), SEQ.catAx)).toBe(true);
      expect(followsSequence(child(plot, 'c:valAx'), SEQ.valAx)).toBe(true);
      for (const s of findAll(root, 'c:scaling')) expect(followsSequence(s, SEQ.scaling)).toBe(true);
      for (const t of findAll(root, 'c:title')) expect(followsSequence(t, SEQ.title)).toBe(true);
      expect(followsSequence(child(chart, 'c:legend'), SEQ.legend)).toBe(true);
      for (const c of findAll(root, 'c:numCache')) expect(followsSequence(c, SEQ.numCache)).toBe(true);
      for (const c of findAll(root, 'c:strCache')) expect(followsSequence(c, SEQ.strCache)).toBe(true);
      for (const r of [...findAll(root, 'c:numRef'), ...findAll(root, 'c:strRef')])
        expect(followsSequence(r, SEQ.ref)).toBe(true);
      for (const ln of findAll(root, 'a:ln')) expect(followsSequence(ln, SEQ.ln)).toBe(true);
      // Excel draws rounded corners when the element is missing.
      expect(child(root, 'c:roundedCorners').attrs.val).toBe('0');
    }
  });

  it('writes a clustered column chart whose series reference the cells and cache their values', () => {
    const root = parseXml(chartXml(bar));
    const barChart = findAll(root, 'c:barChart')[0]!;
    expect(followsSequence(barChart, SEQ.barChart)).toBe(true);
    expect(child(barChart, 'c:barDir').attrs.val).toBe('col');
    expect(child(barChart, 'c:grouping').attrs.val).toBe('clustered');
    const series = findAll(barChart, 'c:ser');
    expect(series).toHaveLength(2);
    for (const s of series) expect(followsSequence(s, SEQ.barSer)).toBe(true);
    const [budget] = series;
    expect(findAll(budget!, 'c:f').map((f) => f.text)).toEqual([
      "'预算执行'!$B$4",
      "'预算执行'!$A$5:$A$7",
      "'预算执行'!$B$5:$B$7",
    ]);
    const cat = child(child(budget!, 'c:cat'), 'c:strRef');
    expect(findAll(cat, 'c:v').map((v) => v.text)).toEqual(units);
    const val = child(child(child(budget!, 'c:val'), 'c:numRef'), 'c:numCache');
    expect(child(val, 'c:formatCode').text).toBe('#,##0');
    expect(child(val, 'c:ptCount').attrs.val).toBe('3');
    expect(findAll(val, 'c:v').map((v) => Number(v.text))).toEqual([13800, 17700, 15750]);
    // The two axes cross each other.
    const ids = findAll(barChart, 'c:axId').map((a) => a.attrs.val);
    const cross = (tag: string): string | undefined => child(findAll(root, tag)[0]!, 'c:crossAx').attrs.val;
    expect([cross('c:catAx'), cross('c:valAx')]).toEqual([ids[1], ids[0]]);
  });

  it('escapes text and writes a line chart with gaps, markers and dashed reference lines', () => {
    const xml = chartXml(line);
    const root = parseXml(chartXml(bar));
    expect(findAll(child(root, 'c:chart'), 'a:t')[0]!.text).toBe('预算与实际 <2023> & “合计”');
    const lineChart = findAll(parseXml(xml), 'c:lineChart')[0]!;
    expect(followsSequence(lineChart, SEQ.lineChart)).toBe(true);
    const [rate, floor] = findAll(lineChart, 'c:ser');
    for (const s of [rate!, floor!]) expect(followsSequence(s, SEQ.lineSer)).toBe(true);
    for (const m of findAll(lineChart, 'c:marker').filter((m) => m.children.length))
      expect(followsSequence(m, SEQ.marker)).toBe(true);
    // A series without a cell for its name carries the name itself.
    expect(child(child(rate!, 'c:tx'), 'c:v').text).toBe('执行率');
    // null is a gap: no point 1.
    const pts = findAll(child(rate!, 'c:val'), 'c:pt').map((p) => p.attrs.idx);
    expect(pts).toEqual(['0', '2']);
    expect(findAll(floor!, 'a:prstDash')[0]!.attrs.val).toBe('dash');
    expect(child(child(floor!, 'c:marker'), 'c:symbol').attrs.val).toBe('none');
    expect(findAll(rate!, 'a:prstDash')[0]!.attrs.val).toBe('solid');
  });
});

describe('drawingXml', () => {
  it('anchors one graphic frame per chart to its cells, pointing at rId1, rId2…', async () => {
    const xml = drawingXml([bar, line]);
    expect(await wellFormed(xml)).toEqual([]);
    const root = parseXml(xml);
    expect(root.name).toBe('xdr:wsDr');
    const anchors = root.children;
    expect(anchors.map((a) => a.name)).toEqual(['xdr:twoCellAnchor', 'xdr:twoCellAnchor']);
    for (const a of anchors) {
      expect(followsSequence(a, SEQ.twoCellAnchor)).toBe(true);
      expect(followsSequence(child(a, 'xdr:graphicFrame'), SEQ.graphicFrame)).toBe(true);
    }
    const pos = (a: (typeof anchors)[number], tag: string): number[] =>
      ['xdr:col', 'xdr:row'].map((t) => Number(child(child(a, tag), t).text));
    expect(pos(anchors[0]!, 'xdr:from')).toEqual([0, 9]);
    expect(pos(anchors[1]!, 'xdr:to')).toEqual([9, 30]);
    expect(findAll(root, 'c:chart').map((c) => c.attrs['r:id'])).toEqual(['rId1', 'rId2']);
    expect(new Set(findAll(root, 'xdr:cNvPr').map((c) => c.attrs.id)).size).toBe(2);
  });
});

describe('insertDrawingElement', () => {
  const head =
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

  it('puts <drawing> after the page setup and before the parts that follow it', () => {
    const xml =
      `${head}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>` +
      '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>A1&gt;0</formula>' +
      '<extLst><ext uri="x"/></extLst></cfRule></conditionalFormatting>' +
      '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="9"/><headerFooter><oddFooter>&amp;P</oddFooter></headerFooter>' +
      '<rowBreaks count="1"><brk id="3" max="16383" man="1"/></rowBreaks>' +
      '<tableParts count="1"><tablePart r:id="rId1"/></tableParts><extLst><ext uri="y"/></extLst></worksheet>';
    const out = insertDrawingElement(xml, 'rId7');
    const names = rootChildren(out).map((c) => c.name);
    expect(names).toEqual([
      'sheetData',
      'conditionalFormatting',
      'pageMargins',
      'pageSetup',
      'headerFooter',
      'rowBreaks',
      'drawing',
      'tableParts',
      'extLst',
    ]);
    expect(out).toContain('<drawing r:id="rId7"/><tableParts');
    expect(followsSequence(parseXml(out), SEQ.worksheet)).toBe(true);
  });

  it('appends it when nothing follows, and declares the relationships namespace when missing', () => {
    const out = insertDrawingElement(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
      'rId1',
    );
    expect(out).toMatch(/^<worksheet xmlns:r="[^"]+relationships" xmlns=/);
    expect(out.endsWith('<sheetData/><drawing r:id="rId1"/></worksheet>')).toBe(true);
  });

  it('refuses a sheet that already has a drawing', () => {
    expect(() =>
      insertDrawingElement(`${head}<sheetData/><drawing r:id="rId1"/></worksheet>`, 'rId2'),
    ).toThrow('已有绘图部件');
  });
});

describe('addCharts', () => {
  async function workbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const links = wb.addWorksheet('说明');
    links.getCell('A1').value = { text: '工会主页', hyperlink: 'https://example.org/' };
    const ws = wb.addWorksheet('预算执行');
    ws.getCell('A1').value = 'x';
    links.getCell('A2').value = 'y';
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('adds chart, drawing and relationship parts, the drawing element and content types', async () => {
    const onLinks: ChartSpec = { ...bar, sheet: '说明' };
    const out = await JSZip.loadAsync(await addCharts(await workbook(), [bar, line, onLinks]));
    const read = (p: string): Promise<string> => out.file(p)!.async('string');
    const files = Object.keys(out.files);
    expect(files.filter((f) => /^xl\/(charts|drawings)\//.test(f) && !f.endsWith('/')).sort()).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/charts/chart3.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
      'xl/drawings/_rels/drawing2.xml.rels',
      'xl/drawings/drawing1.xml',
      'xl/drawings/drawing2.xml',
    ]);
    for (const f of files.filter((f) => /\.(xml|rels)$/.test(f)))
      expect(await wellFormed(await read(f), f)).toEqual([]);

    // 预算执行 (sheet2) had no relationships: a new part with the drawing.
    const sheet2Rels = parseXml(await read('xl/worksheets/_rels/sheet2.xml.rels'));
    expect(sheet2Rels.children.map((r) => r.attrs.Target)).toEqual(['../drawings/drawing1.xml']);
    const sheet2 = parseXml(await read('xl/worksheets/sheet2.xml'));
    expect(child(sheet2, 'drawing').attrs['r:id']).toBe(sheet2Rels.children[0]!.attrs.Id);
    expect(followsSequence(sheet2, SEQ.worksheet)).toBe(true);
    const drawing1Rels = parseXml(await read('xl/drawings/_rels/drawing1.xml.rels'));
    expect(drawing1Rels.children.map((r) => [r.attrs.Id, r.attrs.Target])).toEqual([
      ['rId1', '../charts/chart1.xml'],
      ['rId2', '../charts/chart2.xml'],
    ]);

    // 说明 (sheet1) keeps its hyperlink relationship exactly, and gets a new id for the drawing.
    const sheet1Rels = parseXml(await read('xl/worksheets/_rels/sheet1.xml.rels'));
    const link = sheet1Rels.children.find((r) => r.attrs.TargetMode === 'External');
    expect(link?.attrs.Target).toBe('https://example.org/');
    const drawingRel = sheet1Rels.children.find((r) => r.attrs.Target === '../drawings/drawing2.xml')!;
    expect(drawingRel.attrs.Id).not.toBe(link?.attrs.Id);
    const sheet1 = parseXml(await read('xl/worksheets/sheet1.xml'));
    expect(child(sheet1, 'drawing').attrs['r:id']).toBe(drawingRel.attrs.Id);
    expect(childNames(sheet1).indexOf('drawing')).toBeGreaterThan(childNames(sheet1).indexOf('hyperlinks'));
    expect(followsSequence(sheet1, SEQ.worksheet)).toBe(true);

    const types = parseXml(await read('[Content_Types].xml'));
    const override = (part: string): string | undefined =>
      types.children.find((t) => t.attrs.PartName === part)?.attrs.ContentType;
    expect(override('/xl/charts/chart3.xml')).toBe(CONTENT_TYPES.chart);
    expect(override('/xl/drawings/drawing2.xml')).toBe(CONTENT_TYPES.drawing);

    // exceljs reads the result back (it keeps neither charts nor drawings, but must not fail).
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await out.generateAsync({ type: 'arraybuffer' }));
    expect(back.worksheets.map((w) => w.name)).toEqual(['说明', '预算执行']);
  });

  it('refuses a chart on a sheet that does not exist', async () => {
    await expect(addCharts(await workbook(), [{ ...bar, sheet: '没有' }])).rejects.toThrow(
      '找不到工作表：没有',
    );
  });

  it('returns the file unchanged in content when there is no chart', async () => {
    const input = await workbook();
    const out = await JSZip.loadAsync(await addCharts(input, []));
    expect(Object.keys(out.files).some((f) => f.startsWith('xl/charts/'))).toBe(false);
  });
});

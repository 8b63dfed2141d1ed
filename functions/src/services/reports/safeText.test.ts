import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, quotePrefixTextStyles, setText, TEXT_FORMAT } from './safeText.js';

describe('isFormulaLike', () => {
  it('flags text a spreadsheet would take for a formula', () => {
    for (const s of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'])
      expect(isFormulaLike(s), s).toBe(true);
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['张三', '2023-001', 'a=b', ' =1', '（=1）', '１＋１', ''])
      expect(isFormulaLike(s), s).toBe(false);
  });
});

describe('setText', () => {
  it('writes a string cell, with the text format only when it looks like a formula', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('s');
    setText(ws.getCell('A1'), '=1+1');
    setText(ws.getCell('A2'), '张三');
    setText(ws.getCell('A3'), null);
    setText(ws.getCell('A4'), '');
    expect(ws.getCell('A1').value).toBe('=1+1');
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A1').numFmt).toBe(TEXT_FORMAT);
    expect(ws.getCell('A2').numFmt).toBeUndefined();
    expect(ws.getCell('A3').value).toBeNull();
    expect(ws.getCell('A4').value).toBeNull();
  });
});

describe('quotePrefixTextStyles', () => {
  it('adds the quote prefix to text-format cell styles only', () => {
    const xml =
      '<styleSheet><cellStyleXfs count="1"><xf numFmtId="49" fontId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" xfId="0"/>' +
      '<xf numFmtId="49" fontId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="49" fontId="1" xfId="0" applyNumberFormat="1"><alignment horizontal="left"/></xf>' +
      '</cellXfs></styleSheet>';
    const out = quotePrefixTextStyles(xml);
    expect(out).toBe(
      '<styleSheet><cellStyleXfs count="1"><xf numFmtId="49" fontId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" xfId="0"/>' +
        '<xf numFmtId="49" fontId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>' +
        '<xf numFmtId="49" fontId="1" xfId="0" applyNumberFormat="1" quotePrefix="1"><alignment horizontal="left"/></xf>' +
        '</cellXfs></styleSheet>',
    );
    expect(quotePrefixTextStyles(out)).toBe(out);
  });
});

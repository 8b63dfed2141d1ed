import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExcelJsSheet, FILL_COLOURS } from '../../cli/src/xlsx/exceljsSheet.js';
import { ExcelJsWorkbook } from '../../cli/src/xlsx/exceljsWorkbook.js';
import { deletionMap, insertionMap, shiftFormula, shiftRange } from '../../cli/src/xlsx/references.js';
import { STATE_SHEET, type SheetState } from '../../shared/sheet/index.js';

/** The exceljs adapter of the Workbook port: what it writes, what it leaves alone, how rows move. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-port-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function roundTrip(wb: ExcelJS.Workbook, name = 'x.xlsx'): Promise<ExcelJS.Workbook> {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return back;
}

const argb = (cell: ExcelJS.Cell): string | undefined =>
  (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

/** One file of the .xlsx zip, read without a zip library: its local header, then raw deflate. */
async function zipEntry(file: string, entry: string): Promise<string> {
  const buf = await readFile(file);
  for (let i = 0; i < buf.length - 30; i++) {
    if (buf.readUInt32LE(i) !== 0x04034b50) continue;
    const method = buf.readUInt16LE(i + 8);
    const size = buf.readUInt32LE(i + 18);
    const nameLen = buf.readUInt16LE(i + 26);
    const extra = buf.readUInt16LE(i + 28);
    const name = buf.toString('utf8', i + 30, i + 30 + nameLen);
    const start = i + 30 + nameLen + extra;
    if (name !== entry) continue;
    const data = buf.subarray(start, size ? start + size : undefined);
    return method === 0 ? data.toString('utf8') : inflateRawSync(data).toString('utf8');
  }
  throw new Error(`${entry} not in ${file}`);
}

describe('ExcelJsSheet.write', () => {
  it('marks one cell without recolouring the other cells that share its style', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (let r = 1; r <= 3; r++) {
      ws.getCell(r, 1).value = r;
      ws.getCell(r, 1).numFmt = '#,##0.00';
    }
    const back = await roundTrip(wb);
    const sheet = back.getWorksheet('s')!;
    // exceljs hands the three cells one shared style object.
    expect(sheet.getCell(1, 1).style).toBe(sheet.getCell(3, 1).style);
    const untouched = JSON.stringify(sheet.getCell(1, 1).style);
    const port = new ExcelJsSheet(sheet);
    await port.write([{ row: 2, col: 1, fill: 'error', note: '「金额」格式不正确' }]);
    expect(argb(sheet.getCell(2, 1))).toBe(FILL_COLOURS.error);
    expect(sheet.getCell(2, 1).note).toBe('「金额」格式不正确');
    expect(JSON.stringify(sheet.getCell(1, 1).style)).toBe(untouched);
    expect(JSON.stringify(sheet.getCell(3, 1).style)).toBe(untouched);
    expect(sheet.getCell(2, 1).numFmt).toBe('#,##0.00');
    await port.write([{ row: 2, col: 1, fill: 'none', note: null }]);
    expect(argb(sheet.getCell(2, 1))).toBeUndefined();
    expect(sheet.getCell(2, 1).note).toBeUndefined();
    expect(sheet.getCell(2, 1).numFmt).toBe('#,##0.00');
  });

  it('clears only its own marks: an officer’s note and fill stay', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = '张三';
    ws.getCell('A1').note = '已电话联系';
    ws.getCell('B1').style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } } };
    const port = new ExcelJsSheet(ws);
    await port.write([
      { row: 1, col: 1, note: null, fill: 'none' },
      { row: 1, col: 2, note: null, fill: 'none' },
      // A cell that does not exist is not created just to be cleared.
      { row: 9, col: 9, note: null, fill: 'none' },
    ]);
    expect(ws.getCell('A1').note).toBe('已电话联系');
    expect(argb(ws.getCell('B1'))).toBe('FFFFFF00');
    expect(ws.findCell(9, 9)).toBeUndefined();
  });

  it('writes text that looks like a formula as text, never as a formula (issue 5 item 4)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    const texts = ['=1+1', '+SUM(A1:A9)', '-2+3', '@cmd', '=HYPERLINK("http://example.com","点我")'];
    await new ExcelJsSheet(ws).write(texts.map((value, i) => ({ row: i + 1, col: 1, value })));
    const file = path.join(dir, 'formula.xlsx');
    await wb.xlsx.writeFile(file);
    const xml = await zipEntry(file, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toContain('<f>');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    texts.forEach((t, i) => {
      const cell = back.getWorksheet('s')!.getCell(i + 1, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(t);
    });
  });

  it('stores a serial written into a date-formatted cell as the Date exceljs would read back', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    await new ExcelJsSheet(ws).write([
      { row: 1, col: 1, value: 44993 },
      { row: 1, col: 2, value: 44993 },
    ]);
    expect(ws.getCell('A1').value).toEqual(new Date(Date.UTC(2023, 2, 8)));
    expect(ws.getCell('B1').value).toBe(44993);
    const back = (await roundTrip(wb)).getWorksheet('s')!;
    expect(back.getCell('A1').value).toEqual(new Date(Date.UTC(2023, 2, 8)));
  });
});

describe('ExcelJsWorkbook state', () => {
  it('keeps the state in a very hidden sheet, as text, split below Excel’s cell limit, and reads it back', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').getCell('A1').value = '序号';
    const port = new ExcelJsWorkbook(wb);
    const hashes = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [
        `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        'abcdef0123456789',
      ]),
    );
    const states: SheetState[] = [
      { sheet: '台账', kind: 'welfare', since: 'eyJ2IjoxfQ', hashes },
      { sheet: '=1+1', kind: 'members', bindings: { staffNo: 3 }, hashes: {} },
    ];
    await port.writeState(states);
    await port.writeState(states); // rewriting leaves no stale cells
    expect(await port.sheetNames()).toEqual(['台账']);
    const back = new ExcelJsWorkbook(await roundTrip(wb, 'state.xlsx'));
    const ws = back.workbook.getWorksheet(STATE_SHEET)!;
    expect(ws.state).toBe('veryHidden');
    expect(ws.getCell('E2').type).toBe(ExcelJS.ValueType.String);
    expect(String(ws.getCell('F2').value).length).toBeGreaterThan(0);
    expect(back.readStateDetailed()).toEqual({ states, damaged: false });
    await back.writeState([states[1]!]);
    expect(await back.readState()).toEqual([states[1]]);
  });
});

describe('rows inserted and deleted as Excel does', () => {
  async function ledger(): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    for (let r = 1; r <= 5; r++) {
      ws.getCell(r, 1).value = `行${r}`;
      ws.getCell(r, 2).value = r * 10;
      ws.getCell(r, 3).value = { formula: `B${r}*2`, result: r * 20 };
      ws.getCell(r, 2).dataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0] };
    }
    ws.getRow(2).height = 30;
    ws.getCell('A4').note = '第四行的批注';
    ws.getCell('A6').value = '合计';
    ws.mergeCells('A6:A7');
    ws.getCell('B6').value = { formula: 'SUM(B1:B5)', result: 150 };
    ws.getCell('B6').style = { font: { bold: true } };
    ws.addConditionalFormatting({
      ref: 'B1:B5',
      rules: [{ type: 'expression', formulae: ['B1>$B$5'], priority: 1, style: { font: { italic: true } } }],
    });
    const other = wb.addWorksheet('汇总');
    other.getCell('A1').value = { formula: "Data!B4+'Data'!B5+B4", result: 0 };
    other.getCell('A2').value = { formula: '"Data!B4"&LOG10(B2)', result: 0 };
    return roundTrip(wb, 'rows.xlsx');
  }

  it('deletes a row: everything below moves up with its notes, merges, formulas and formats', async () => {
    const wb = await ledger();
    const ws = wb.getWorksheet('Data')!;
    await new ExcelJsSheet(ws).deleteRows([2]);
    expect(ws.getCell('A2').value).toBe('行3');
    expect(ws.getCell('A3').note).toBe('第四行的批注');
    expect(ws.getCell('A2').note).toBeUndefined();
    expect(ws.getRow(2).height).toBeUndefined();
    expect((ws.getCell('C3').value as ExcelJS.CellFormulaValue).formula).toBe('B3*2');
    expect((ws.getCell('B5').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(B1:B4)');
    expect(ws.getCell('B5').font?.bold).toBe(true);
    expect(Object.keys((ws as unknown as { _merges: object })._merges)).toEqual(['A5']);
    expect(ws.getCell('B4').dataValidation?.type).toBe('whole');
    expect(ws.getCell('B5').dataValidation).toBeUndefined();
    const cf = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }
    ).conditionalFormattings[0]!;
    expect(cf.ref).toBe('B1:B4');
    expect(cf.rules[0]!.formulae[0]).toBe('B1>$B$4');
    const other = wb.getWorksheet('汇总')!;
    expect((other.getCell('A1').value as ExcelJS.CellFormulaValue).formula).toBe("Data!B3+'Data'!B4+B4");
    expect((other.getCell('A2').value as ExcelJS.CellFormulaValue).formula).toBe('"Data!B4"&LOG10(B2)');
    // The file still opens.
    const back = (await roundTrip(wb, 'deleted.xlsx')).getWorksheet('Data')!;
    expect(back.getCell('A5').value).toBe('合计');
    expect(back.getCell('A6').isMerged).toBe(true);
  });

  it('inserts rows above a footer, formatted like the row above, the footer and its formulas moving down', async () => {
    const wb = await ledger();
    const ws = wb.getWorksheet('Data')!;
    ws.getCell('B5').style = { numFmt: '#,##0.00', border: { top: { style: 'thin' } } };
    await new ExcelJsSheet(ws).insertRows(6, 2, 5);
    expect(ws.getCell('A8').value).toBe('合计');
    expect((ws.getCell('B8').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(B1:B5)');
    expect(Object.keys((ws as unknown as { _merges: object })._merges)).toEqual(['A8']);
    expect(ws.getCell('A6').value).toBeNull();
    expect(ws.getCell('B6').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B7').border?.top?.style).toBe('thin');
    expect(ws.getCell('B7').dataValidation?.type).toBe('whole');
    const back = (await roundTrip(wb, 'inserted.xlsx')).getWorksheet('Data')!;
    expect(back.getCell('A8').value).toBe('合计');
  });
});

describe('references', () => {
  it('moves A1 references as Excel does on insert and delete', () => {
    const ins = insertionMap(5, 2);
    expect(shiftFormula('SUM(B1:B9)+$C$5+D4', ins, 'S', 'S')).toBe('SUM(B1:B11)+$C$7+D4');
    expect(shiftFormula("'My S'!A5+Other!A5", ins, 'My S', 'S')).toBe("'My S'!A7+Other!A5");
    expect(shiftFormula('IF(A5="B5",ATAN2(A1,A6),0)', ins, 'S', 'S')).toBe('IF(A7="B5",ATAN2(A1,A8),0)');
    const del = deletionMap([3, 4]);
    expect(shiftFormula('A3+SUM(A2:A6)+A5', del, 'S', 'S')).toBe('#REF!+SUM(A2:A4)+A3');
    expect(shiftRange('A3:C4', del)).toBeNull();
    expect(shiftRange('A4:C9', del)).toBe('A3:C7');
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FAULTS,
  DEMO_YEAR_WARNINGS,
  demoSettingsFile,
  generateDemoFaults,
  generateDemoYear,
  type DemoWorkbook,
} from '../../../shared/demo/index.js';
import { demoSettings } from '../../../shared/settings/index.js';
import { checkSheets, detectLayout, readRows, type LedgerSheet } from '../../../shared/sheet/index.js';
import { ExcelJsSheet } from '../xlsx/exceljsSheet.js';
import { writeDemoWorkbooks, writeSettingsFile } from './writeWorkbooks.js';

let dir: string;
let files: string[];
const books = generateDemoYear({ year: 2023 });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-demo-'));
  files = await writeDemoWorkbooks(books, dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

/** Read every written workbook back through the CLI's exceljs adapter and the shared engine. */
async function readBack(folder: string, written: readonly DemoWorkbook[]): Promise<LedgerSheet[]> {
  const sheets: LedgerSheet[] = [];
  for (const book of written) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(folder, book.file));
    for (const ws of wb.worksheets) {
      const used = await new ExcelJsSheet(ws).readUsedRange();
      const layout = detectLayout(used, { sheetName: ws.name });
      sheets.push({ source: book.file, sheet: ws.name, layout, rows: readRows(used, layout) });
    }
  }
  return sheets;
}

describe('writeDemoWorkbooks', () => {
  it('writes one .xlsx per workbook and returns their paths', () => {
    expect(files.map((f) => path.basename(f))).toEqual(books.map((b) => b.file));
  });

  it('merges title rows across the header width, bolds and freezes the header', async () => {
    const wb = await open('慰问台账.xlsx');
    const ws = wb.getWorksheet('节日慰问')!;
    const demo = books[1]!.sheets[0]!;
    expect(ws.getCell(1, 1).value).toBe(demo.titleRows[0]);
    expect(ws.getCell(1, 1).isMerged).toBe(true);
    expect(ws.getCell(1, demo.headers.length).master.address).toBe('A1');
    expect(ws.getCell(2, demo.headers.length).master.address).toBe('A2');
    const header = ws.getRow(3);
    expect(demo.headers.map((_, c) => header.getCell(c + 1).value)).toEqual(demo.headers);
    expect(header.getCell(2).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(2).width).toBeGreaterThan(8);
  });

  it('keeps 工号 as text, dates as dates, and every data and footer row', async () => {
    const wb = await open('会员名册.xlsx');
    const ws = wb.getWorksheet('会员名册')!;
    const demo = books[0]!.sheets[0]!;
    const first = ws.getRow(4);
    expect(first.getCell(2).value).toBe(demo.rows[0]![1]);
    expect(typeof first.getCell(2).value).toBe('string');
    expect(first.getCell(2).numFmt).toBe('@');
    expect(first.getCell(10).value).toEqual(demo.rows[0]![9]);
    expect(first.getCell(10).value).toBeInstanceOf(Date);
    const footer = ws.getRow(3 + demo.rows.length + 1).getCell(1).value;
    expect(String(footer)).toMatch(/^填表人：/);
    expect(ws.rowCount).toBe(3 + demo.rows.length + 1);
  });

  it('writes a string that looks like a formula as a string', async () => {
    const odd: DemoWorkbook = {
      file: 'odd.xlsx',
      sheets: [
        {
          name: '活动台账',
          titleRows: ['=2023年活动台账'],
          headers: ['活动名称', '备注'],
          rows: [['=1+1', '+86 1380000']],
          footerRows: [['合计', null]],
          columnFormats: {},
        },
      ],
    };
    await writeDemoWorkbooks([odd], dir);
    const wb = await open('odd.xlsx');
    const ws = wb.getWorksheet('活动台账')!;
    expect(ws.getCell(3, 1).value).toBe('=1+1');
    expect(ws.getCell(3, 1).formula).toBeUndefined();
    expect(ws.getCell(1, 1).value).toBe('=2023年活动台账');
    expect(ws.getCell(4, 1).value).toBe('合计');
  });

  it('round-trips the clean year through the exceljs adapter: no error, only the §8.4 warning', async () => {
    const sheets = await readBack(dir, books);
    const rows = sheets.reduce((s, x) => s + x.rows.length, 0);
    expect(rows).toBe(books.reduce((s, b) => s + b.sheets.reduce((t, x) => t + x.rows.length, 0), 0));
    const checked = checkSheets(sheets, {
      settings: demoSettings,
      today: '2024-01-15',
      actor: { role: 'admin' },
    });
    const issues = checked.flatMap((s) => s.verdicts.flatMap((v) => v.issues));
    expect(issues.map((i) => i.message)).toEqual(DEMO_YEAR_WARNINGS.map((w) => w.message));
  });

  it('round-trips the fault fixture: each listed message, once', async () => {
    const faultsDir = path.join(dir, 'faults');
    const faults = generateDemoFaults({});
    await writeDemoWorkbooks(faults, faultsDir);
    const checked = checkSheets(await readBack(faultsDir, faults), {
      settings: demoSettings,
      today: '2024-01-15',
      actor: { role: 'admin' },
    });
    const messages = checked.flatMap((s) => s.verdicts.flatMap((v) => v.issues.map((i) => i.message)));
    for (const f of DEMO_FAULTS.filter((x) => x.outcome === 'error' || x.outcome === 'warning'))
      expect(
        messages.filter((m) => m === f.message),
        f.id,
      ).toHaveLength(1);
  });
});

describe('writeSettingsFile', () => {
  it('writes settings.json with the demo settings', async () => {
    const file = await writeSettingsFile(dir);
    expect(path.basename(file)).toBe('settings.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(demoSettingsFile());
    expect(demoSettingsFile()).toMatchObject({ orgId: 'cqrw' });
  });
});

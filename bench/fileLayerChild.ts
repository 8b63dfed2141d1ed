import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { openWorkbookFile } from '../cli/src/file/workbookFile.js';
import { ExcelJsSheet } from '../cli/src/xlsx/exceljsSheet.js';
import { ExcelJsWorkbook } from '../cli/src/xlsx/exceljsWorkbook.js';
import type { CellWrite, SheetPort, WorkbookPort } from '../shared/sheet/port.js';

/**
 * One measurement of bench/fileLayer.ts, in a process of its own so that its peak RSS is its
 * own: `<library> <read|writeback> <in.xlsx> [out.xlsx]`. `exceljs` is the adapter the CLI used
 * before issue 15 (whole model in memory, whole package rewritten); `package` is the one it
 * uses now (cli/src/xlsx/package). Prints `{ ms, maxRssMb, rows }`.
 */
const [library, task, input, output] = process.argv.slice(2) as [string, string, string, string?];
const SHEET = '慰问台账';

async function open(): Promise<{
  book: WorkbookPort;
  sheet: SheetPort;
  save: (file: string) => Promise<void>;
}> {
  if (library === 'exceljs') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const book = new ExcelJsWorkbook(wb);
    return { book, sheet: new ExcelJsSheet(wb.getWorksheet(SHEET)!), save: (f) => book.save(f) };
  }
  const { book } = await openWorkbookFile(input);
  return { book, sheet: book.sheet(SHEET), save: async (f) => writeFile(f, await book.toBuffer()) };
}

const started = performance.now();
const { book, sheet, save } = await open();
const used = await sheet.readUsedRange();
const rows = used.values.length - 2;
if (task === 'writeback') {
  // What a first push writes back: id, revision and status of every row, ids hidden, the state's hashes.
  const writes: CellWrite[] = [];
  const hashes: Record<string, string> = {};
  for (let r = 3; r < 3 + rows; r++) {
    const id = `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    writes.push(
      { row: r, col: 13, value: id },
      { row: r, col: 14, value: `1-${r}` },
      { row: r, col: 12, value: '已保存' },
    );
    hashes[id] = r.toString(16).padStart(16, '0');
  }
  await sheet.write(writes);
  await sheet.hideColumns([13, 14]);
  await book.writeState([{ sheet: SHEET, kind: 'welfare', hashes }]);
  await save(output!);
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, rows })}\n`);

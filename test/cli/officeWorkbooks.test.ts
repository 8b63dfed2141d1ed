import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbookFile } from '../../cli/src/file/workbookFile.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { testStack } from '../backend/helpers.js';
import { runCli } from '../support/cli.js';
import { libreOfficeCsv, libreOfficeXlsx, officeWorkbook, zipParts } from '../support/officeWorkbooks.js';

/**
 * Issue 15: officers' workbooks made by another program (openpyxl, with a pivot table, custom
 * XML and a VBA project added to the zip by hand) are read, pushed and pulled, and every part
 * union-ledger does not own comes back byte for byte.
 */
const run = promisify(execFile);
let dir: string;
let stack: LocalStack;

/** What a write-back may change: the ledger sheet, its notes, the styles, the state sheet, and the package's lists of parts. */
const OWNED = new Set([
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'xl/worksheets/sheet1.xml',
  'xl/worksheets/_rels/sheet1.xml.rels',
  'xl/comments/comment1.xml',
  'xl/drawings/commentsDrawing1.vml',
  'xl/worksheets/sheet3.xml',
]);

const cli = (args: string[]) =>
  runCli([...args, '--api', stack.url, '--user', 'admin', '--json'], { LOCAL_AUTH_SECRET: stack.secret });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-office-'));
  stack = await testStack();
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('workbooks written by openpyxl', () => {
  it('reads a workbook with a bar chart and a picture: validated, never called damaged', async () => {
    const file = await officeWorkbook(path.join(dir, 'chart.xlsx'), { extras: true });
    const r = await runCli(['validate', file, '--json']);
    expect(r.stderr).not.toContain('损坏');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { sheets: { sheet: string; rows: number }[] }[] };
    expect(report.files[0]!.sheets.find((s) => s.sheet === '慰问台账')?.rows).toBe(12);
  });

  it('push → pull → push of an .xlsm keeps every part it does not own byte for byte, and LibreOffice opens it', async () => {
    const file = await officeWorkbook(path.join(dir, 'office.xlsm'), {
      extras: true,
      macro: true,
      wholeColumn: 3,
    });
    const original = path.join(dir, 'original.xlsm');
    await copyFile(file, original);

    const first = await cli(['push', file, '--yes']);
    expect(first.stderr).toBe('');
    expect([0, 1]).toContain(first.code);
    const pulled = await cli(['pull', file]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const again = await cli(['push', file, '--yes']);
    expect([0, 1]).toContain(again.code);

    const before = await zipParts(original);
    const after = await zipParts(file);
    for (const [name, bytes] of before) {
      expect(after.has(name), `${name} is missing`).toBe(true);
      if (!OWNED.has(name)) expect(after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
    }
    expect(after.get('xl/vbaProject.bin')!.equals(before.get('xl/vbaProject.bin')!)).toBe(true);
    const types = after.get('[Content_Types].xml')!.toString();
    expect(types).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(types).toContain('Extension="bin" ContentType="application/vnd.ms-office.vbaProject"');
    // The colleague's note stays; validations and conditional formats stay whole-column, once each.
    expect(after.get('xl/comments/comment1.xml')!.toString()).toContain('请核对姓名（李老师）');
    const sheet = after.get('xl/worksheets/sheet1.xml')!.toString();
    expect(sheet.match(/sqref="K3:K1048576"/g)).toHaveLength(1);
    expect(sheet).toContain('G3:G1048576');
    expect(after.get('xl/workbook.xml')!.toString()).toContain('<pivotCaches>');

    const csv = await libreOfficeCsv(file, path.join(dir, 'lo'));
    expect(csv).toContain('职工11');
  }, 300_000);

  it('a workbook saved by LibreOffice (shared strings, its own styles and parts) keeps every part it does not own', async () => {
    const made = await officeWorkbook(path.join(dir, 'lo-source', '慰问.xlsx'), {
      extras: true,
      wholeColumn: 3,
      first: 100,
    });
    const file = await libreOfficeXlsx(made, path.join(dir, 'lo-made'));
    const original = await zipParts(file);
    const first = await cli(['push', file, '--yes']);
    expect([0, 1], first.stderr).toContain(first.code);
    const pulled = await cli(['pull', file]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const after = await zipParts(file);
    const owned =
      /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/(_rels\/)?sheet1\.xml(\.rels)?|xl\/comments1\.xml|xl\/drawings\/vmlDrawing1\.vml|xl\/worksheets\/sheet3\.xml)$/;
    for (const [name, bytes] of original) {
      expect(after.has(name), `${name} is missing`).toBe(true);
      if (!owned.test(name)) expect(after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
    }
    const r = await runCli(['validate', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(await libreOfficeCsv(file, path.join(dir, 'lo-check'))).toContain('职工111');
  }, 300_000);

  it('writes every string as text in a Text-formatted cell: =… and ＝… never become formulas (openpyxl reads them back)', async () => {
    const file = await officeWorkbook(path.join(dir, 'formula.xlsx'), { rows: 2 });
    const opened = await openWorkbookFile(file);
    await opened.book.sheet('慰问台账').write([
      { row: 3, col: 10, value: '=HYPERLINK("http://x","点我")' },
      { row: 4, col: 10, value: '＝1+1' },
    ]);
    await writeFile(file, await opened.book.toBuffer());
    const { stdout } = await run('/usr/bin/python3', [
      '-c',
      'import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])["慰问台账"]\nfor r in (3, 4):\n  c = ws.cell(r, 10)\n  print(c.data_type, c.number_format, c.value)',
      file,
    ]);
    expect(stdout.trim().split('\n')).toEqual(['s @ =HYPERLINK("http://x","点我")', 's @ ＝1+1']);
  });
});

describe('rows moved by a pull', () => {
  it('moves the references of other sheets and defined names with them; parts that do not refer to them stay byte for byte', async () => {
    const file = await officeWorkbook(path.join(dir, 'moves.xlsx'), { extras: true });
    const before = await zipParts(file);
    const opened = await openWorkbookFile(file);
    await opened.book.sheet('慰问台账').deleteRows([5]);
    await writeFile(file, await opened.book.toBuffer());
    const after = await zipParts(file);
    expect(after.get('xl/workbook.xml')!.toString()).toContain("'慰问台账'!$G$3:$G$99");
    expect(after.get('xl/worksheets/sheet2.xml')!.toString()).toContain("SUM('慰问台账'!G3:G13)");
    const sheet = after.get('xl/worksheets/sheet1.xml')!.toString();
    // The colleague's note on C3 is above the deleted row: unmoved.
    expect(after.get('xl/comments/comment1.xml')!.equals(before.get('xl/comments/comment1.xml')!)).toBe(true);
    expect(sheet).not.toContain('职工2<');
    for (const name of [
      'xl/charts/chart1.xml',
      'xl/drawings/drawing1.xml',
      'xl/media/image1.png',
      'xl/styles.xml',
    ])
      expect(after.get(name)!.equals(before.get(name)!), name).toBe(true);
  });
});

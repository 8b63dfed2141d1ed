import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { officeWorkbook } from '../support/officeWorkbooks.js';

/** Issue 15, formats: .xlsx and .xlsm are read; other formats are refused in Chinese with how to convert (exit 2). */
let dir: string;
let xlsx: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-formats-'));
  xlsx = await officeWorkbook(path.join(dir, 'ok.xlsx'), { rows: 3 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workbook formats', () => {
  it('reads an .xlsm with its macros (never run)', async () => {
    const xlsm = await officeWorkbook(path.join(dir, 'macro.xlsm'), { rows: 3, macro: true });
    const r = await runCli(['validate', xlsm]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  const refused: [string, RegExp][] = [
    ['.xls', /旧版 \.xls.*另存为.*\.xlsx/],
    ['.xlsb', /\.xlsb.*另存为.*\.xlsx/],
    ['.et', /WPS.*另存为.*\.xlsx/],
    ['.csv', /\.csv.*另存为.*\.xlsx/],
  ];
  for (const [ext, message] of refused)
    it(`refuses ${ext} with how to convert, exit 2`, async () => {
      const file = path.join(dir, `名单${ext}`);
      await copyFile(xlsx, file);
      for (const command of [
        ['validate', file],
        ['push', file, '--api', 'http://127.0.0.1:9', '--token', 'x'],
      ]) {
        const r = await runCli(command);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    });

  it('refuses a password-protected workbook (an encrypted OLE container) with how to remove the password', async () => {
    const file = path.join(dir, '加密.xlsx');
    await writeFile(file, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/已加密.*清空密码/);
  });

  it('names the part that cannot be read when a workbook is truly damaged', async () => {
    const JSZip = (await import('jszip')).default;
    const { readFile } = await import('node:fs/promises');
    const zip = await JSZip.loadAsync(await readFile(xlsx));
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>',
    );
    const file = path.join(dir, 'damaged.xlsx');
    await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/工作簿已损坏.*xl\/worksheets\/sheet1\.xml/);
  });
});

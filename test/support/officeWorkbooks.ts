import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./officeWorkbooks.py', import.meta.url));
/** Debian's python3 with python3-openpyxl (the pyenv python3 on PATH has no openpyxl). */
const PYTHON = process.env.OPENPYXL_PYTHON ?? '/usr/bin/python3';

export interface OfficeWorkbookOptions {
  rows?: number;
  /** The first person's number (staffNo 30000000 + n, 职工n): workbooks pushed to one server differ. */
  first?: number;
  /** Whole-column drop-downs (K3:K1048576) and, with any, a whole-column conditional format. */
  wholeColumn?: number;
  /** Chart, picture, a colleague's comment, a defined name, a pivot table, custom XML. */
  extras?: boolean;
  /** An .xlsm with xl/vbaProject.bin. */
  macro?: boolean;
}

/** A workbook written by openpyxl (test/support/officeWorkbooks.py), not by the code under test. */
export async function officeWorkbook(file: string, opts: OfficeWorkbookOptions = {}): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const args = [
    SCRIPT,
    file,
    '--rows',
    String(opts.rows ?? 12),
    '--whole-column',
    String(opts.wholeColumn ?? 0),
  ];
  if (opts.first) args.push('--first', String(opts.first));
  if (opts.extras) args.push('--extras');
  if (opts.macro) args.push('--macro');
  await run(PYTHON, args, { timeout: 120_000 });
  return file;
}

/** Every part of a package, uncompressed. */
export async function zipParts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('nodebuffer'));
  return out;
}

/** The workbook as LibreOffice saves it (another writer: shared strings, its own styles and part names). */
export async function libreOfficeXlsx(file: string, outDir: string): Promise<string> {
  await soffice(file, 'xlsx:Calc MS Excel 2007 XML', outDir);
  return path.join(outDir, `${path.basename(file, path.extname(file))}.xlsx`);
}

async function soffice(file: string, target: string, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const profile = pathToFileURL(path.join(outDir, 'profile')).href;
  const { stdout, stderr } = await run(
    process.env.SOFFICE ?? 'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', target, '--outdir', outDir, file],
    { timeout: 180_000 },
  );
  const ext = target.split(':')[0]!;
  if (!existsSync(path.join(outDir, `${path.basename(file, path.extname(file))}.${ext}`)))
    throw new Error(`LibreOffice could not open ${file}:\n${stdout}\n${stderr}`);
}

/** LibreOffice converts the workbook's first sheet to CSV: it opened the file. Returns the CSV text. */
export async function libreOfficeCsv(file: string, outDir: string): Promise<string> {
  await soffice(file, 'csv:Text - txt - csv (StarCalc):44,34,76', outDir);
  return readFile(path.join(outDir, `${path.basename(file, path.extname(file))}.csv`), 'utf8');
}

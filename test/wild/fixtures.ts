import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./forms.py', import.meta.url));

/** Debian's python3 has openpyxl; the python3 first on PATH may not. */
export const PYTHON = '/usr/bin/python3';

export interface WildForms {
  dir: string;
  file(name: string): string;
  remove(): Promise<void>;
}

/**
 * The workbooks of test/wild/forms.py, written by openpyxl into a fresh tmp dir; the CSV
 * roster is saved as .xlsx by LibreOffice Calc, as an officer who opens an export and saves it
 * would. No file is made by ExcelJS.
 */
export async function makeWildForms(): Promise<WildForms> {
  const dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-wild-'));
  await run(PYTHON, [SCRIPT, dir]);
  await run(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${path.join(dir, '.lo-profile')}`,
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      path.join(dir, '会员名册115.csv'),
    ],
    { timeout: 120_000 },
  );
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

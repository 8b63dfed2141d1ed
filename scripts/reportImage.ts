import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { demoLedgerSheets, generateDemoYears } from '../shared/demo/index.js';
import { demoSettings } from '../shared/settings/index.js';
import { checkSheets, storedRowsOf } from '../shared/sheet/index.js';
import { buildWorkReport } from '../functions/src/services/reports/workReport.js';

/**
 * `npm run report:image`: renders page 1 of the 2023 demo's work report draft (.docx → PDF by
 * LibreOffice → PNG by pdftoppm) into docs/images/report-docx.png, the picture in the officers'
 * guide. Not a test: it writes into the repository.
 */
const run = promisify(execFile);
const IMAGE = fileURLToPath(new URL('../docs/images/report-docx.png', import.meta.url));

const dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-report-image-'));
try {
  const sheets = generateDemoYears().flatMap((y) => demoLedgerSheets(y.books));
  const rows = storedRowsOf(checkSheets(sheets, { settings: demoSettings, today: '2025-01-15' }));
  const docx = path.join(dir, 'report.docx');
  await writeFile(
    docx,
    await buildWorkReport({
      rows,
      settings: demoSettings,
      year: 2023,
      generatedAt: new Date('2024-01-15T02:00:00Z'),
    }),
  );
  await run(
    process.env.SOFFICE ?? 'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      docx,
    ],
    { timeout: 120_000, env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } },
  );
  await run('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    path.join(dir, 'report.pdf'),
    path.join(dir, 'page'),
  ]);
  await copyFile(path.join(dir, 'page.png'), IMAGE);
  process.stdout.write(`wrote ${path.relative(process.cwd(), IMAGE)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

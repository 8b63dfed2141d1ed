import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoWorkbooks } from '../../cli/src/demo/writeWorkbooks.js';
import { readLedgerFiles } from '../../cli/src/xlsx/readLedgerSheets.js';
import { buildAnnualWorkbook } from '../../functions/src/services/reports/annualWorkbook.js';
import { generateDemoYear } from '../../shared/demo/index.js';
import { demoSettings } from '../../shared/settings/index.js';
import { checkSheets, storedRowsOf } from '../../shared/sheet/index.js';
import { DETAIL_SHEETS_2023, expectAnnual2023, PERCENT } from './annual2023.js';
import { chartReferences, chartsInPackage, figure, openXlsx, rowOf } from './inspect.js';
import { findAll } from './xml.js';

/**
 * Issue 5, "done when": the leadership workbook, built from the demo year read the way the
 * CLI reads it (the demo workbooks written to .xlsx, read back with exceljs, checked by the
 * sheet engine), opens in LibreOffice headless — an Excel-compatible reader that does not
 * share our code — converts to PDF, and survives a round trip with its charts.
 *
 * LibreOffice is a test dependency, not an optional one: without it this file fails and says
 * how to install it (DESIGN.md "Running"; .ci/run installs it).
 */
const SOFFICE = process.env.SOFFICE ?? 'soffice';
const INSTALL =
  'LibreOffice is required by the report tests: apt-get install libreoffice-calc-nogui fonts-noto-cjk';
const run = promisify(execFile);
/** 年度汇总 2 pages, 分单位 1, 预算执行 3, 慰问统计 1, then the first page of the roster. */
const REPORT_PAGES = 8;

let dir: string;
let xlsxFile: string;
let built: Buffer;

function sofficeVersion(): string | null {
  const probe = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** soffice --convert-to with a private profile (parallel runs and a user's own LibreOffice never collide). */
async function convert(input: string, target: string, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  const { stdout, stderr } = await run(
    SOFFICE,
    [
      '--headless',
      '--norestore',
      '--nolockcheck',
      `-env:UserInstallation=${profile}`,
      '--convert-to',
      target,
      '--outdir',
      outDir,
      input,
    ],
    { timeout: 50_000, killSignal: 'SIGKILL', env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } },
  );
  const ext = target.split(':')[0]!;
  const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${ext}`);
  expect(existsSync(out), `soffice wrote no ${ext}:\n${stdout}\n${stderr}`).toBe(true);
  return out;
}

beforeAll(async () => {
  if (sofficeVersion() === null) throw new Error(`${INSTALL} (no working "${SOFFICE}" on PATH)`);
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-report-'));
  const files = await writeDemoWorkbooks(generateDemoYear({ year: 2023 }), path.join(dir, 'demo'));
  const opened = await readLedgerFiles(files);
  const rows = storedRowsOf(
    checkSheets(
      opened.flatMap((o) => o.sheets),
      { settings: demoSettings, today: '2024-01-15' },
    ),
  );
  built = await buildAnnualWorkbook({
    rows,
    settings: demoSettings,
    year: 2023,
    generatedAt: new Date('2024-01-15T02:00:00Z'),
  });
  xlsxFile = path.join(dir, '年度汇总2023.xlsx');
  await writeFile(xlsxFile, built);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the annual workbook of the demo year', () => {
  it('has the sheets, figures, formats, frozen panes, print setup and charts', async () => {
    await expectAnnual2023(await openXlsx(built));
  });

  it('converts to PDF in LibreOffice headless: the report pages, Chinese text with a CJK font', async () => {
    // The first pages hold 年度汇总, 分单位, 预算执行 with its charts and 慰问统计; the ledger
    // details (over a hundred pages, mostly welfare rows) would only make the test slow, and
    // the round trip below shows LibreOffice reads every sheet.
    const range = `pdf:calc_pdf_Export:${JSON.stringify({ PageRange: { type: 'string', value: `1-${REPORT_PAGES}` } })}`;
    const pdf = await readFile(await convert(xlsxFile, range, path.join(dir, 'pdf')));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages.length).toBe(REPORT_PAGES);
    const fonts = [...text.matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]!);
    expect(
      fonts.some((f) => /CJK|Han|WenQuanYi|SC|Hei|Song|Fallback/i.test(f)),
      fonts.join(', '),
    ).toBe(true);
  }, 60_000);

  it('round-trips through LibreOffice: values, formats and the three charts survive', async () => {
    const again = await openXlsx(
      await readFile(await convert(xlsxFile, 'xlsx:Calc MS Excel 2007 XML', path.join(dir, 'xlsx'))),
    );
    expect(again.wb.worksheets.map((w) => w.name)).toEqual([
      '年度汇总',
      '分单位',
      '预算执行',
      '慰问统计',
      ...DETAIL_SHEETS_2023,
      '指标来源',
    ]);
    expect(figure(again.wb, 'welfare.personTimes').value.value).toBe(3226);
    expect(figure(again.wb, 'checkups.persons').value.value).toBe(858);
    const rate = figure(again.wb, 'budget.rate').value;
    expect(rate.value).toBe(0.8978);
    expect(rate.numFmt).toBe(PERCENT);
    const ex = again.wb.getWorksheet('预算执行')!;
    expect(rowOf(ex, '工商学院工会').getCell(6).value).toBe('超支');
    // (Frozen panes are view settings, which headless LibreOffice neither keeps nor writes: they are
    // checked on our own file above.)

    // LibreOffice only writes charts it imported: the same three, over the same cells.
    const charts = await chartsInPackage(again.zip);
    const kind = (c: (typeof charts)[number]): string =>
      findAll(c.xml, ['c:barChart', 'c:lineChart']).map((n) => n.name)[0] ?? '';
    expect(charts.map((c) => [c.sheet, kind(c)])).toEqual([
      ['预算执行', 'c:barChart'],
      ['预算执行', 'c:lineChart'],
      ['慰问统计', 'c:barChart'],
    ]);
    const unquoted = (ref: string): string =>
      ref.replace(/^'((?:[^']|'')+)'!/, (_, s: string) => `${s.replace(/''/g, "'")}!`);
    const ours = await chartsInPackage((await openXlsx(built)).zip);
    charts.forEach((c, i) => {
      const refs = (x: typeof c): string[] =>
        [...new Set(chartReferences(x.xml).map(([f]) => unquoted(f)))].sort();
      expect(refs(c)).toEqual(refs(ours[i]!));
    });
  }, 60_000);
});

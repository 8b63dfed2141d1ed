import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { log } from './measure.js';
import { startStackProcess } from './stack.js';

/**
 * Issue 15: the file layer. Write-back of 10,000 rows through the package writer (patching the
 * parts it owns) against the ExcelJS save it replaced, and validate / push of a 12-row roster
 * with whole-column drop-downs beside the same roster without them. Each measurement runs in
 * its own process (its peak RSS is its own); workbooks come from openpyxl
 * (test/support/officeWorkbooks.py). Run alone with `npx tsx bench/fileLayer.ts`, or as the
 * `files` group of `npm run bench`; writes bench/fileLayer.md (appended to docs/benchmarks.md).
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fileLayerChild.ts', import.meta.url));
const SCRIPT = `${ROOT}test/support/officeWorkbooks.py`;
const BIN = `${ROOT}cli/bin/union-ledger.js`;
export const FILE_LAYER_DOC = `${ROOT}bench/fileLayer.md`;
/** ExcelJS on a roster with 25 whole-column drop-downs was killed after 300 s in the issue; here, after this. */
const EXCELJS_LIMIT_MS = 120_000;

interface Sample {
  ms: number;
  maxRssMb: number;
}

async function child(args: string[], timeout: number): Promise<Sample | null> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      timeout,
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
  } catch {
    return null;
  }
}

/** The CLI itself, with its peak RSS reported on exit. */
function cli(args: string[], env: Record<string, string>): Promise<Sample & { code: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const p = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n')); process.argv.splice(1, 0, ${JSON.stringify(BIN)}); await import(${JSON.stringify(`file://${BIN}`)});`,
        ...args,
      ],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdout.resume();
    p.on('close', (code) => {
      const rss = Number(/MAXRSS (\d+)/.exec(err)?.[1] ?? NaN) / 1024;
      resolve({ ms: performance.now() - started, maxRssMb: rss, code: code ?? -1 });
    });
  });
}

function median(samples: (Sample | null)[]): Sample | null {
  const ok = samples.filter((s): s is Sample => s !== null);
  if (ok.length < samples.length) return null;
  const by = <K extends keyof Sample>(k: K): number =>
    ok.map((s) => s[k]).sort((a, b) => a - b)[ok.length >> 1]!;
  return { ms: by('ms'), maxRssMb: by('maxRssMb') };
}

const fmt = (s: Sample | null, limit = EXCELJS_LIMIT_MS): string =>
  s ? `${(s.ms / 1000).toFixed(2)} s, ${s.maxRssMb.toFixed(0)} MB` : `> ${limit / 1000} s (stopped)`;

/** `write`: keep the section in bench/fileLayer.md (a full run); a `--check` run only compares. */
export async function benchFileLayer(tmp: string, runs = 3, write = true): Promise<string> {
  await mkdir(tmp, { recursive: true });
  const make = async (name: string, ...args: string[]): Promise<string> => {
    const file = path.join(tmp, name);
    if (!existsSync(file)) await run('/usr/bin/python3', [SCRIPT, file, ...args], { timeout: 300_000 });
    return file;
  };
  const big = await make('welfare-10k.xlsx', '--rows', '10000');
  const plain = await make('roster-plain.xlsx', '--rows', '12');
  const three = await make('roster-3-columns.xlsx', '--rows', '12', '--whole-column', '3');
  const many = await make('roster-25-columns.xlsx', '--rows', '12', '--whole-column', '25');

  const times = async (args: string[], n = runs, timeout = EXCELJS_LIMIT_MS): Promise<Sample | null> => {
    const out: (Sample | null)[] = [];
    for (let i = 0; i < n; i++) out.push(await child(args, timeout));
    return median(out);
  };
  log('files: write-back of 10,000 rows');
  const wbPackage = await times(['package', 'writeback', big, path.join(tmp, 'out-package.xlsx')]);
  const wbExcel = await times(['exceljs', 'writeback', big, path.join(tmp, 'out-exceljs.xlsx')]);
  log('files: reading rosters with and without whole-column drop-downs');
  const read = {
    package: {
      plain: await times(['package', 'read', plain]),
      three: await times(['package', 'read', three]),
      many: await times(['package', 'read', many]),
    },
    exceljs: {
      plain: await times(['exceljs', 'read', plain]),
      three: await times(['exceljs', 'read', three], 1),
      many: await times(['exceljs', 'read', many], 1),
    },
  };
  log('files: validate and push through the CLI');
  const validate = async (file: string): Promise<Sample | null> => {
    const out: Sample[] = [];
    for (let i = 0; i < runs; i++) out.push(await cli(['validate', file], {}));
    return median(out);
  };
  const v = { plain: await validate(plain), three: await validate(three), many: await validate(many) };
  const stack = await startStackProcess({ demo: false });
  const p: Record<string, Sample | null> = {};
  try {
    for (const [key, file] of Object.entries({ plain, three, many })) {
      const out: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        // A fresh copy each time: a first push writes ids, revisions and the state back.
        const copy = path.join(tmp, `push-${key}-${i}.xlsx`);
        await copyFile(file, copy);
        out.push(
          await cli(['push', copy, '--api', stack.url, '--user', 'admin', '--yes'], {
            LOCAL_AUTH_SECRET: stack.secret,
            UNION_LEDGER_CACHE_DIR: path.join(tmp, 'cache'),
          }),
        );
      }
      p[key] = median(out);
    }
  } finally {
    await stack.close();
  }

  const ratio = (a: Sample | null, b: Sample | null): string =>
    a && b ? `${(a.ms / b.ms).toFixed(2)}× time, ${(a.maxRssMb / b.maxRssMb).toFixed(2)}× memory` : '—';
  const lines = [
    '## File layer (issue 15, ADR 0018)',
    '',
    `Median of ${runs} runs, each in its own process (peak RSS includes Node and tsx, about 100 MB); workbooks written by openpyxl. Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/fileLayer.ts\`.`,
    '',
    '| scenario | ExcelJS (before) | package writer (now) |',
    '| --- | --- | --- |',
    `| write-back of 10,000 rows (open, id/rev/status of every row, hide 2 columns, state, save) | ${fmt(wbExcel)} | ${fmt(wbPackage)} |`,
    `| read a 12-row roster, no whole-column drop-downs | ${fmt(read.exceljs.plain)} | ${fmt(read.package.plain)} |`,
    `| read the same roster with 3 whole-column drop-downs and a whole-column format | ${fmt(read.exceljs.three)} | ${fmt(read.package.three)} |`,
    `| read the same roster with 25 whole-column drop-downs | ${fmt(read.exceljs.many)} | ${fmt(read.package.many)} |`,
    '',
    '| CLI, package writer | no drop-downs | 3 whole-column | 25 whole-column | 3 vs none | 25 vs none |',
    '| --- | --- | --- | --- | --- | --- |',
    `| \`validate\` | ${fmt(v.plain)} | ${fmt(v.three)} | ${fmt(v.many)} | ${ratio(v.three, v.plain)} | ${ratio(v.many, v.plain)} |`,
    `| \`push\` (first push, local stack) | ${fmt(p.plain ?? null)} | ${fmt(p.three ?? null)} | ${fmt(p.many ?? null)} | ${ratio(p.three ?? null, p.plain ?? null)} | ${ratio(p.many ?? null, p.plain ?? null)} |`,
    '',
    'Before (issue 15, ExcelJS): `validate` of the 3-drop-down roster 10 s and 690 MB (3.5 s and 145 MB without), `push` 34 s and 1.4 GB; 25 drop-downs: killed after 300 s.',
    '',
  ];
  const doc = lines.join('\n');
  if (write) await writeFile(FILE_LAYER_DOC, doc);
  return doc;
}

/** Replaces (or appends) the file-layer section at the end of docs/benchmarks.md. */
async function updateBenchmarksDoc(section: string): Promise<void> {
  const file = `${ROOT}docs/benchmarks.md`;
  const text = await readFile(file, 'utf8');
  const at = text.indexOf('## File layer (issue 15');
  await writeFile(file, `${(at < 0 ? text : text.slice(0, at)).trimEnd()}\n\n${section}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const section = await benchFileLayer(`${ROOT}bench/.tmp/files`, Number(process.env.BENCH_TIMES ?? 3));
  await updateBenchmarksDoc(section);
  process.stdout.write(section);
}

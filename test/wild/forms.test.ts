import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeWildForms, type WildForms } from './fixtures.js';

/**
 * Issue 18: real forms from the wild (made by openpyxl and LibreOffice, not ExcelJS), read
 * by the real CLI as a careful person reads them.
 */

interface SheetJson {
  sheet: string;
  kind: string | null;
  headerRow: number | null;
  detection: {
    source: string;
    matched: { header: string; field: string }[];
    evidence: string[];
    missing: string[];
    reason: string;
  };
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
  }[];
}

let forms: WildForms;

beforeAll(async () => {
  forms = await makeWildForms();
}, 180_000);

afterAll(async () => {
  await forms?.remove();
});

async function validate(
  file: string,
  ...args: string[]
): Promise<{ code: number; sheets: SheetJson[]; stderr: string }> {
  const run = await runCli(['validate', forms.file(file), '--json', ...args]);
  const sheets = run.stdout
    ? (JSON.parse(run.stdout) as { files: { sheets: SheetJson[] }[] }).files.flatMap((f) => f.sheets)
    : [];
  return { code: run.code, sheets, stderr: run.stderr };
}

describe('detection a person would agree with', () => {
  it('reads fifteen monthly attendance sheets as no ledger, and says why', async () => {
    const { sheets } = await validate('考勤签到表.xlsx');
    expect(sheets).toHaveLength(15);
    for (const s of sheets) {
      expect(s.kind, s.sheet).toBeNull();
      expect(s.rows).toBe(0);
      expect(s.detection.reason).toContain('只匹配到通用的 日期、姓名');
    }
  });

  it('explains a recognised sheet in --json and in the text report', async () => {
    const { sheets } = await validate('体检名单（日期只写一次）.xlsx');
    expect(sheets[0]!.kind).toBe('checkups');
    expect(sheets[0]!.detection).toMatchObject({
      source: 'detected',
      evidence: ['体检日期', '体检套餐', '体检机构'],
      missing: [],
    });
    expect(sheets[0]!.detection.matched.map((m) => m.header)).toEqual([
      '体检日期',
      '工号',
      '姓名',
      '所属工会',
      '体检套餐',
      '体检机构',
    ]);
    const text = await runCli(['validate', forms.file('考勤签到表.xlsx')]);
    expect(text.stdout).toContain('原因：未识别：「体检名单」只匹配到通用的 日期、姓名');
  });
});

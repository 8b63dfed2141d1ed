import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { checkSheets, type LedgerSheet } from './checkSheets.js';
import { detectLayout } from './detect.js';
import { readRows } from './rows.js';
import { usedRange } from './testing.js';

const ctx = { settings: demoSettings, today: '2024-01-15' };

function sheet(values: unknown[][], name = '会员名册'): LedgerSheet {
  const used = usedRange(values);
  const layout = detectLayout(used, { sheetName: name });
  return { source: 'x.xlsx', sheet: name, layout, rows: readRows(used, layout) };
}

// A roster without 所属工会 and 入会日期 (issue 18: 115 rows gave 230 identical errors).
const roster = (n: number) =>
  sheet([
    ['工号', '姓名', '性别', '部门', '手机号码'],
    ...Array.from({ length: n }, (_, i) => [
      `2019${String(i).padStart(4, '0')}`,
      `张${i}`,
      '男',
      '办公室',
      null,
    ]),
  ]);

describe('checkSheets: a missing required column is said once (issue 18)', () => {
  it('gives one issue naming the headers the sheet lacks, and none per row', () => {
    const [checked] = checkSheets([roster(5)], ctx);
    expect(checked!.sheetIssues).toEqual([
      {
        field: null,
        severity: 'error',
        code: 'sheet.missingColumns',
        message: '表中没有必填列「所属工会」「入会日期」：5行因此不能保存，请补充这些列',
      },
    ]);
    expect(checked!.verdicts.flatMap((v) => v.issues)).toEqual([]);
    expect(checked!.verdicts.every((v) => v.fields === null)).toBe(true);
  });

  it('still judges rows on what is there', () => {
    const s = roster(2);
    (s.rows[1]!.raw.cells as Record<string, unknown>).gender = '未知';
    const [checked] = checkSheets([s], ctx);
    expect(checked!.verdicts[1]!.issues.map((i) => i.message)).toEqual(['「性别」只能填写：男、女']);
  });

  it('for an officer, the unit comes from the caller and is not missing', () => {
    const [checked] = checkSheets([roster(3)], { ...ctx, actor: { role: 'officer', unit: 'mech-info' } });
    expect(checked!.sheetIssues.map((i) => i.message)).toEqual([
      '表中没有必填列「入会日期」：3行因此不能保存，请补充这些列',
    ]);
  });

  it('names the missing columns of a sheet without data rows', () => {
    const [checked] = checkSheets([roster(0)], ctx);
    expect(checked!.sheetIssues.map((i) => i.message)).toEqual([
      '表中没有必填列「所属工会」「入会日期」，请补充这些列',
    ]);
  });

  it('says nothing when every required column is there', () => {
    const [checked] = checkSheets(
      [
        sheet([
          ['工号', '姓名', '所属工会', '性别', '入会日期'],
          ['20190001', '张三', '机电学院', '男', '2019-09-01'],
        ]),
      ],
      ctx,
    );
    expect(checked!.sheetIssues).toEqual([]);
    expect(checked!.verdicts[0]!.fields).not.toBeNull();
  });
});

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

describe('checkSheets: helpful date messages (issue 18)', () => {
  const activities = (title: string | null, dates: unknown[]) => {
    const used = usedRange([
      ...(title ? [[title, null, null, null, null, null]] : []),
      ['活动名称', '活动类别', '活动级别', '组织单位', '活动日期', '参与人次'],
      ...dates.map((d, i) => [`活动${i}`, '文体活动', '二级工会', '机电学院', d, 30]),
    ]);
    const layout = detectLayout(used, { sheetName: '活动' });
    return { source: 'x.xlsx', sheet: '活动', layout, rows: readRows(used, layout) };
  };
  const messages = (s: LedgerSheet) =>
    checkSheets([s], ctx)[0]!.verdicts.flatMap((v) =>
      v.issues.map((i) => `${v.sheetRow} ${i.code} ${i.message}`),
    );

  it('a date without a year says 缺少年份, and suggests the year the title names', () => {
    expect(messages(activities('机电学院工会2023年活动台账', ['9/1', '9月28日', 245]))).toEqual([
      '3 date.noYear 「活动日期」缺少年份：表头标题为2023年，应为 2023-09-01？请填写完整日期',
      '4 date.noYear 「活动日期」缺少年份：表头标题为2023年，应为 2023-09-28？请填写完整日期',
      '5 date.noYear 「活动日期」缺少年份：表头标题为2023年，应为 2023-09-01？请填写完整日期',
    ]);
  });

  it('…or the year every other date of the column is in', () => {
    expect(messages(activities(null, ['2023-05-04', '10/1', '2023-10-20']))).toEqual([
      '3 date.noYear 「活动日期」缺少年份：本列其他日期均在2023年，应为 2023-10-01？请填写完整日期',
    ]);
  });

  it('does not guess when the year is not certain', () => {
    expect(messages(activities('2023-2024学年活动台账', ['9/1', '2023-03-01']))).toEqual([
      '3 date.noYear 「活动日期」缺少年份（示例：2023-09-01）',
    ]);
    expect(messages(activities(null, ['2023-05-04', '10/1']))).toEqual([
      '3 date.noYear 「活动日期」缺少年份（示例：2023-09-01）',
    ]);
  });

  it('a blank date under a dated row of a group suggests filling or merging, without filling it', () => {
    const s = activities(null, ['2023-05-10', null, null, '2023-05-11', null]);
    const checked = checkSheets([s], ctx)[0]!;
    expect(checked.verdicts.flatMap((v) => v.issues.map((i) => `${v.sheetRow} ${i.message}`))).toEqual([
      '3 「活动日期」不能为空：若与第2行是同一天，请在每行填写日期，或合并这几行的单元格',
      '4 「活动日期」不能为空：若与第2行是同一天，请在每行填写日期，或合并这几行的单元格',
      '6 「活动日期」不能为空：若与第5行是同一天，请在每行填写日期，或合并这几行的单元格',
    ]);
    expect(checked.verdicts.map((v) => v.fields === null)).toEqual([false, true, true, false, true]);
  });
});

import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgers } from '../../../../shared/ledgers/index.js';
import { demoLedgerSheets, generateDemoYear, generateDemoYears } from '../../../../shared/demo/index.js';
import { demoSettings, type Settings } from '../../../../shared/settings/index.js';
import { checkSheets, storedRowsOf } from '../../../../shared/sheet/index.js';
import type { RowsByKind, StoredRow } from '../../../../shared/summary/index.js';
import { stored } from '../../../../shared/summary/testing/rows.js';
import type { Actor } from '../../../../shared/ledgers/access.js';
import { DETAIL_SHEETS_2023, expectAnnual2023, PERCENT, YUAN } from '../../../../test/reports/annual2023.js';
import {
  chartReferences,
  cellText,
  chartsInPackage,
  figure,
  figureTable,
  formulaCells,
  formulaElements,
  openXlsx,
  part,
  resolveRange,
  rowOf,
  type OpenedXlsx,
} from '../../../../test/reports/inspect.js';
import { followsSequence, OOXML_SEQUENCES, parseXml } from '../../../../test/reports/xml.js';
import { buildAnnualWorkbook } from './annualWorkbook.js';

const generatedAt = new Date('2024-01-15T02:00:00Z');
let demo: OpenedXlsx;

/** The demo year of DOMAIN.md §8 through the sheet engine, as stored rows (no files). */
function demoYear2023(): RowsByKind {
  const sheets = demoLedgerSheets(generateDemoYear({ year: 2023 }));
  return storedRowsOf(checkSheets(sheets, { settings: demoSettings, today: '2024-01-15' }));
}

function rowsOf<K extends keyof RowsByKind>(rows: RowsByKind, kind: K): StoredRow<NonNullable<K>>[] {
  return rows[kind] as unknown as StoredRow<NonNullable<K>>[];
}

beforeAll(async () => {
  demo = await openXlsx(
    await buildAnnualWorkbook({ rows: demoYear2023(), settings: demoSettings, year: 2023, generatedAt }),
  );
});

describe('buildAnnualWorkbook on the 2023 demo year', () => {
  it('has the sheets, figures, formats, views, print setup and charts of DOMAIN.md §6 and §7', async () => {
    await expectAnnual2023(demo);
  });

  it('writes every worksheet part in the order of the CT_Worksheet schema', async () => {
    const sheets = Object.keys(demo.zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets).toHaveLength(5 + DETAIL_SHEETS_2023.length);
    for (const path of sheets)
      expect(followsSequence(parseXml(await part(demo.zip, path)), OOXML_SEQUENCES.worksheet), path).toBe(
        true,
      );
  });

  it('renders ledger rows for people: 元, real dates, 是/否, unit names, "code name" accounts', () => {
    const welfare = demo.wb.getWorksheet('慰问台账')!;
    const headers = (welfare.getRow(2).values as unknown[]).slice(1);
    expect(headers).toEqual(ledgers.welfare.headers);
    const col = (ws: ExcelJS.Worksheet, header: string): number =>
      (ws.getRow(2).values as unknown[]).indexOf(header);
    const first = welfare.getRow(3);
    expect(first.getCell(col(welfare, '慰问日期')).value).toEqual(new Date(Date.UTC(2023, 0, 13)));
    expect(first.getCell(col(welfare, '慰问日期')).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(col(welfare, '金额')).value).toBe(500);
    expect(first.getCell(col(welfare, '金额')).numFmt).toBe(YUAN);
    expect(first.getCell(col(welfare, '所属工会')).value).toBe('文新学院工会');
    expect(welfare.getCell('A1').value).toBe('2023年慰问台账（共3226行）');

    const checkups = demo.wb.getWorksheet('体检名单')!;
    expect(checkups.getRow(3).getCell(col(checkups, '是否参检')).value).toBe('是');
    const expenses = demo.wb.getWorksheet('支出明细账')!;
    const accounts = new Set(expenses.getColumn(col(expenses, '支出科目')).values.slice(3));
    expect([...accounts].sort()).toEqual(expect.arrayContaining(['50102 文体活动支出', '505 资本性支出']));
    const proposals = demo.wb.getWorksheet('教代会提案登记表')!;
    expect(proposals.getRow(3).getCell(col(proposals, '附议人')).value).toEqual(
      expect.stringContaining('、'),
    );
    const budget = demo.wb.getWorksheet('经费预算表')!;
    expect(budget.getRow(3).getCell(col(budget, '年度')).value).toBe(2023);

    // The roster lists every live member (it has no year), without phone or ID digits.
    const members = demo.wb.getWorksheet('工会会员名册')!;
    expect(members.rowCount).toBe(2 + 1048);
    expect(members.getRow(2).values).not.toContain('手机号码');
    expect(members.getRow(2).values).not.toContain('身份证号后四位');
    expect(members.getCell(3, col(members, '入会日期')).numFmt).toBe('yyyy-mm-dd');
    const reps = members.getColumn(col(members, '教代会代表')).values.slice(3);
    expect(new Set(reps)).toEqual(new Set(['是', '否']));
    expect(reps.filter((v) => v === '是')).toHaveLength(150);
  });

  it('prints wide sheets landscape and repeats their header rows', () => {
    const ex = demo.wb.getWorksheet('预算执行')!;
    expect(ex.pageSetup.orientation).toBe('landscape');
    expect(ex.pageSetup.printTitlesRow).toMatch(/^\$?1:\$?2$/);
    expect((ex.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(4);
    const participation = demo.wb.getWorksheet('代表参与民主管理登记')!;
    expect(participation.pageSetup.orientation).toBe('portrait');
    expect(participation.pageSetup.printTitlesRow).toMatch(/^\$?2:\$?2$/);
    expect(demo.wb.getWorksheet('慰问台账')!.pageSetup.orientation).toBe('landscape');
  });

  it('says when it was generated, in Beijing time', () => {
    expect(demo.wb.created).toEqual(generatedAt);
    expect(String(demo.wb.getWorksheet('年度汇总')!.getCell('A2').value)).toContain('2024-01-15 10:00');
  });
});

describe('the 2024 demo year, with 2023 before it', () => {
  it('compares each figure with the year before: 上年, 增减, 增幅', async () => {
    const sheets = generateDemoYears().flatMap((y) => demoLedgerSheets(y.books));
    const rows = storedRowsOf(checkSheets(sheets, { settings: demoSettings, today: '2025-01-15' }));
    const wb = await openXlsx(
      await buildAnnualWorkbook({
        rows,
        settings: demoSettings,
        year: 2024,
        generatedAt: new Date('2025-01-15T02:00:00Z'),
      }),
    );
    const { row, columns } = figureTable(wb.wb);
    expect([...columns.keys()]).toEqual(['指标', '数值', '单位', '上年', '增减', '增幅', '报告语句']);
    const welfare = figure(wb.wb, 'welfare.personTimes');
    expect([welfare.value.value, welfare.previous!.value, welfare.change!.value]).toEqual([3243, 3226, 17]);
    expect(welfare.growth!.value).toBeCloseTo(17 / 3226, 4);
    expect(welfare.growth!.numFmt).toBe('+0.00%;-0.00%;0.00%');
    const mailbox = figure(wb.wb, 'mailbox.received');
    expect([
      mailbox.value.value,
      mailbox.previous!.value,
      mailbox.change!.value,
      mailbox.growth!.value,
    ]).toEqual([18, 0, 18, '—']);
    const rate = figure(wb.wb, 'budget.rate');
    expect([rate.value.value, rate.previous!.value, rate.change!.value]).toEqual([0.9072, 0.8978, 0.0094]);
    expect(rate.growth!.value).toBe('—');
    // The headline block compares too.
    const ws = wb.wb.getWorksheet('年度汇总')!;
    expect([4, 5].map((r) => cellText(ws.getCell(r, 1)))).toEqual(['会员总数', '慰问教职工']);
    expect(ws.getCell(4, 2).value).toBe(1054);
    expect(row).toBeGreaterThan(10);
  });
});

describe('text from users stays text', () => {
  const hostile = {
    remarks: '=HYPERLINK("http://evil.example/","点我")',
    handler: '+86 138 0000 0000',
    activity: '@SUM(1+1)',
    department: '-1',
    tab: '\t=1+1',
    unit: '=文新学院工会',
  };
  let opened: OpenedXlsx;

  beforeAll(async () => {
    const rows = demoYear2023();
    rowsOf(rows, 'welfare')[0]!.fields.remarks = hostile.remarks;
    rowsOf(rows, 'welfare')[1]!.fields.handler = hostile.handler;
    rowsOf(rows, 'activities')[0]!.fields.name = hostile.activity;
    rowsOf(rows, 'members')[0]!.fields.department = hostile.department;
    rowsOf(rows, 'meetings')[0]!.fields.remarks = hostile.tab;
    const settings: Settings = structuredClone(demoSettings);
    settings.units.find((u) => u.id === 'lit-news')!.name = hostile.unit;
    opened = await openXlsx(await buildAnnualWorkbook({ rows, settings, year: 2023, generatedAt }));
  });

  it('writes no formula at all', async () => {
    expect(await formulaElements(opened.zip)).toEqual([]);
    expect(formulaCells(opened.wb)).toEqual([]);
  });

  it('writes formula-like strings as text cells with the text format and the quote prefix', async () => {
    const cells: [string, string, string][] = [
      ['慰问台账', 'O3', hostile.remarks],
      ['慰问台账', 'M4', hostile.handler],
      ['工会会员名册', 'F3', hostile.department],
      ['会议议程台账', 'J3', hostile.tab],
      ['分单位', 'A5', hostile.unit],
    ];
    for (const [sheet, address, text] of cells) {
      const cell = opened.wb.getWorksheet(sheet)!.getCell(address);
      expect(cell.value, `${sheet}!${address}`).toBe(text);
      expect(cell.type, `${sheet}!${address}`).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt, `${sheet}!${address}`).toBe('@');
    }
    const activities = opened.wb.getWorksheet('活动台账')!;
    expect(rowOf(activities, hostile.activity, 3).getCell(1).numFmt).toBe('@');
    expect(rowOf(opened.wb.getWorksheet('预算执行')!, hostile.unit, 5).getCell(1).numFmt).toBe('@');
    const styles = await part(opened.zip, 'xl/styles.xml');
    const textStyles = styles.match(/<xf\b[^>]*numFmtId="49"[^>]*>/g) ?? [];
    expect(textStyles.length).toBeGreaterThan(0);
    for (const xf of textStyles.filter((x) => !/<cellStyleXfs/.test(x)))
      expect(xf).toContain('quotePrefix="1"');
    // Ordinary text keeps the general format.
    expect(opened.wb.getWorksheet('慰问台账')!.getCell('O4').numFmt).not.toBe('@');
  });
});

describe('in the middle of the year', () => {
  it('judges statuses against the elapsed part of the year and says so', async () => {
    const { wb } = await openXlsx(
      await buildAnnualWorkbook({
        rows: demoYear2023(),
        settings: demoSettings,
        year: 2023,
        generatedAt: new Date('2023-06-30T04:00:00Z'),
      }),
    );
    const ex = wb.getWorksheet('预算执行')!;
    expect(String(ex.getCell('A2').value)).toContain('按2023-06-30的年度进度判断');
    expect(rowOf(ex, '工商学院工会', 5).getCell(6).value).toBe('超支');
    expect(rowOf(ex, '50104 劳模职工疗休养支出', 5).getCell(6).value).toBe('进度滞后');
    expect(rowOf(ex, '合计', 5).getCell(4).numFmt).toBe(PERCENT);
  });
});

describe('with the previous year', () => {
  it('adds 上年执行率 and keeps the charts on their cells', async () => {
    const rows = demoYear2023();
    const budget = rowsOf(rows, 'budget');
    const expenses = rowsOf(rows, 'expenses');
    // 2022: the same budget, half of each expense.
    const previous = {
      ...rows,
      budget: [
        ...budget,
        ...budget.map((r) => ({ ...r, id: `${r.id}-2022`, year: 2022, fields: { ...r.fields, year: 2022 } })),
      ],
      expenses: [
        ...expenses,
        ...expenses.map((r) => ({
          ...r,
          id: `${r.id}-2022`,
          year: 2022,
          fields: {
            ...r.fields,
            date: `2022${r.fields.date.slice(4)}`,
            amount: Math.round(r.fields.amount / 2),
          },
        })),
      ],
    } as RowsByKind;
    const { wb, zip } = await openXlsx(
      await buildAnnualWorkbook({ rows: previous, settings: demoSettings, year: 2023, generatedAt }),
    );
    const ex = wb.getWorksheet('预算执行')!;
    expect((ex.getRow(4).values as unknown[]).slice(1)).toEqual([
      '单位',
      '预算数',
      '实际支出',
      '执行率',
      '差额',
      '状态',
      '上年执行率',
      '正常下限',
      '超支线',
      '目标执行率',
    ]);
    const business = rowOf(ex, '工商学院工会');
    expect(business.getCell(4).value).toBe(1.0419);
    expect(business.getCell(7).value).toBe(0.521);
    expect(business.getCell(7).numFmt).toBe(PERCENT);
    // The 2023 figures are the 2023 rows only.
    expect(rowOf(ex, '合计', 5).getCell(3).value).toBe(2_150_680);
    const [, rates] = await chartsInPackage(zip);
    const refs = chartReferences(rates!.xml);
    expect(refs.map(([f]) => f)).toContain("'预算执行'!$H$5:$H$17");
    for (const [ref, cache] of refs)
      expect(
        resolveRange(wb, ref).map((v) => (typeof v === 'number' ? v : String(v))),
        ref,
      ).toEqual(cache);
  });
});

describe("困难职工建档 (DOMAIN.md §3.1: admin and the unit's officer only)", () => {
  const rows = {
    members: [
      stored('members', { staffNo: 'HARD0001', name: '困难甲', unit: 'mech-info', hardship: true }),
      stored('members', { staffNo: 'HARD0002', name: '非困难乙', unit: 'business', hardship: false }),
    ],
  } as RowsByKind;
  const readers: Record<string, Actor | undefined> = {
    leader: { userId: 'l', role: 'leader' },
    finance: { userId: 'f', role: 'finance' },
    'no reader': undefined,
  };

  /** Every cell of every sheet as text, and every XML part of the package. */
  async function contents(
    reader: Actor | undefined,
  ): Promise<{ cells: string[]; parts: string; roster: unknown[][] }> {
    const { wb, zip } = await openXlsx(
      await buildAnnualWorkbook({
        rows,
        settings: demoSettings,
        year: 2023,
        generatedAt,
        ...(reader ? { reader } : {}),
      }),
    );
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && n.endsWith('.xml'));
    const parts = (await Promise.all(names.map((n) => part(zip, n)))).join('\n');
    const roster = wb.getWorksheet('工会会员名册')!;
    return {
      cells,
      parts,
      roster: [2, 3, 4].map((r) => (roster.getRow(r).values as unknown[]).slice(1)),
    };
  }

  it("is a column of the admin's roster sheet, with the values", async () => {
    const { cells, parts, roster } = await contents({ userId: 'a', role: 'admin' });
    expect(cells).toContain('困难职工建档');
    expect(parts).toContain('困难职工建档');
    const col = roster[0]!.indexOf('困难职工建档');
    expect(col).toBeGreaterThan(0);
    expect(roster.slice(1).map((r) => [r[0], r[col]])).toEqual([
      ['HARD0001', '是'],
      ['HARD0002', '否'],
    ]);
  });

  for (const [who, reader] of Object.entries(readers))
    it(`is neither a header nor a value anywhere in the workbook of ${who}`, async () => {
      const { cells, parts, roster } = await contents(reader);
      expect(cells).not.toContain('困难职工建档');
      expect(parts).not.toContain('困难职工建档');
      // The members still listed, without a 是/否 of theirs (isRep is 否 for both; the
      // hardship column alone held a 是).
      expect(roster.slice(1).map((r) => r[0])).toEqual(['HARD0001', 'HARD0002']);
      expect(roster[0]).toEqual(
        ledgers.members.headers.filter((h) => !['手机号码', '身份证号后四位', '困难职工建档'].includes(h)),
      );
      expect(roster[1]).not.toContain('是');
    });
});

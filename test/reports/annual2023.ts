import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { EXECUTION_HEADER_ROW } from '../../functions/src/services/reports/executionSheet.js';
import { FIGURES, REPORT_SECTIONS } from '../../shared/summary/catalogue.js';
import { UNIT_HEADERS } from '../../functions/src/services/reports/unitSheet.js';
import {
  chartReferences,
  cellText,
  chartsInPackage,
  figure,
  figureTable,
  internalLinks,
  linkTargets,
  formulaCells,
  formulaElements,
  resolveRange,
  rowOf,
  type OpenedXlsx,
} from './inspect.js';
import { child, findAll } from './xml.js';

/**
 * What the leadership workbook of the 2023 demo year must show (DOMAIN.md §6, §7, §8), for
 * any data set that reproduces the demo's figures: the pure test rows and the real demo
 * workbooks read through the CLI path.
 */
export const YUAN = '#,##0.00"元"';
export const PERCENT = '0.00%';

/** Ledgers with 2023 rows in the demo (代表信箱 opens in 2024). */
export const DETAIL_SHEETS_2023 = [
  '工会会员名册',
  '慰问台账',
  '体检名单',
  '活动台账',
  '比赛获奖台账',
  '表彰名单',
  '教代会提案登记表',
  '金点子征集表',
  '会议议程台账',
  '代表参与民主管理登记',
  '子女入学登记',
  '职工之家建设台账',
  '经费预算表',
  '支出明细账',
];

export async function expectAnnual2023(opened: OpenedXlsx): Promise<void> {
  const { wb, zip } = opened;
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    '年度汇总',
    '分单位',
    '预算执行',
    '慰问统计',
    ...DETAIL_SHEETS_2023,
    '指标来源',
  ]);
  expect(wb.creator).toBe('union-ledger');
  expect(wb.title).toBe('重庆人文科技学院工会2023年度工作汇总');

  // No formula anywhere: neither in the package nor as exceljs reads it.
  expect(await formulaElements(zip)).toEqual([]);
  expect(formulaCells(wb)).toEqual([]);

  // 年度汇总: the §6 figures as numbers with Chinese formats, rates as percentages.
  const summary = wb.getWorksheet('年度汇总')!;
  // The first sheet a leader reads: Chinese only, a headline block, the report's five parts,
  // each figure linked to the rows behind it. 2022 has no data: no comparison columns.
  const texts: string[] = [];
  summary.eachRow((row) => row.eachCell((cell) => texts.push(cellText(cell))));
  expect(texts.filter((t) => /[A-Za-z]/.test(t))).toEqual([]);
  const { row: header } = figureTable(wb);
  expect((summary.getRow(header).values as unknown[]).slice(1)).toEqual(['指标', '数值', '单位', '报告语句']);
  expect(cellText(summary.getCell(3, 1))).toBe('年度要点');
  expect(cellText(summary.getCell(4, 1))).toBe('会员总数');
  expect(summary.getCell(4, 2).value).toBe(1036);
  const firstColumn: string[] = [];
  summary.eachRow((row) => firstColumn.push(cellText(row.getCell(1))));
  const column = firstColumn.filter((t) => REPORT_SECTIONS.some((s) => s.title === t));
  expect(column).toEqual(REPORT_SECTIONS.map((s) => s.title));
  const name = figure(wb, 'welfare.personTimes').name;
  expect(cellText(name)).toBe('慰问教职工');
  const links = await linkTargets(zip);
  const target = /^'指标来源'!A(\d+)$/.exec(links.get(name.address) ?? '');
  expect(target, links.get(name.address)).not.toBeNull();
  // Every figure with rows behind it links to them.
  for (const f of FIGURES.filter((x) => x.source))
    expect(links.get(figure(wb, f.key).name.address), f.key).toMatch(/^'指标来源'!A\d+$/);
  const sources = wb.getWorksheet('指标来源')!;
  const caption = cellText(sources.getCell(Number(target![1]), 1));
  expect(caption.startsWith('慰问教职工、')).toBe(true);
  expect(caption).toContain('：慰问台账：年度内全部慰问记录（一行为一人次），共3226行');
  // The block lists the rows: the header, then 3226 rows.
  expect(cellText(sources.getCell(Number(target![1]) + 1, 1))).toBe('慰问日期');
  expect(await internalLinks(zip)).toEqual({ external: 0, internal: expect.any(Number) });
  const expectFigure = (key: string, value: number | string, numFmt?: string): void => {
    const f = figure(wb, key);
    expect(f.value.value, key).toBe(value);
    if (numFmt) expect(f.value.numFmt, key).toBe(numFmt);
  };
  expectFigure('welfare.personTimes', 3226, '#,##0"人次"');
  expectFigure('checkups.persons', 858, '#,##0"人"');
  expectFigure('proposals.total', 47, '#,##0"件"');
  expectFigure('proposals.accepted', 26);
  expectFigure('proposals.replyRate', 1, PERCENT);
  expectFigure('honours.advancedCollectives', 3);
  expectFigure('honours.excellentMembers', 39);
  expectFigure('activities.schoolSports', 9, '#,##0"场次"');
  expectFigure('activities.subUnionSports', 35);
  expectFigure('activities.subUnionParticipants', 4126);
  expectFigure('homes.qualifiedSmallHomes', 5);
  expectFigure('homes.advancedSmallHomes', 5);
  expectFigure('members.total', 1036);
  expectFigure('members.female', 548);
  expectFigure('welfare.amount', 1_310_500, YUAN);
  expectFigure('budget.total', 2_395_400, YUAN);
  expectFigure('budget.actual', 2_150_680, YUAN);
  expectFigure('budget.rate', 0.8978, PERCENT);
  expect(figure(wb, 'welfare.personTimes').sentence.value).toBe('全年慰问教职工3226人次');
  expect(figure(wb, 'activities.subUnionParticipants').sentence.value).toBe('参与活动的教职工达4000余人次');
  expect(figure(wb, 'proposals.total').sentence.value).toBe('共提出提案47件，立案26件，提案答复率为100%');

  // Frozen headers and print setup on every sheet.
  for (const ws of wb.worksheets) {
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen | undefined;
    expect(view?.state, ws.name).toBe('frozen');
    expect(view?.ySplit, ws.name).toBeGreaterThan(0);
    expect(ws.pageSetup.paperSize, ws.name).toBe(9);
    expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
    expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\$?\d+:\$?\d+$/);
  }
  expect((summary.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(2);
  expect(summary.pageSetup.orientation).toBe('landscape');

  // 分单位: per unit, then 合计.
  const units = wb.getWorksheet('分单位')!;
  expect(units.getRow(3).values).toEqual([undefined, ...UNIT_HEADERS]);
  const business = rowOf(units, '工商学院工会');
  expect([2, 3, 6, 7, 8].map((c) => business.getCell(c).value)).toEqual([105, 57, 87, 3, 398]);
  expect([11, 12, 13].map((c) => business.getCell(c).value)).toEqual([15_750, 16_410, 1.0419]);
  expect(business.getCell(13).numFmt).toBe(PERCENT);
  expect(business.getCell(11).numFmt).toBe(YUAN);
  expect(rowOf(units, '外国语学院工会').getCell(10).value).toBe('创建中');
  const unitTotal = rowOf(units, '合计');
  expect(unitTotal.getCell(2).value).toBe(1036);
  expect(unitTotal.getCell(4).value).toBe(3226);
  expect(unitTotal.getCell(9).value).toBe(39);
  expect(unitTotal.getCell(10).value).toBe('合格5、先进5');
  expect(unitTotal.getCell(13).value).toBe(0.8978);

  // 预算执行 (§7.2): units (school first), 合计, per-unit detail, the pivot; statuses coloured.
  const ex = wb.getWorksheet('预算执行')!;
  expect(ex.getRow(EXECUTION_HEADER_ROW).values).toEqual([
    undefined,
    '单位',
    '预算数',
    '实际支出',
    '执行率',
    '差额',
    '状态',
    '正常下限',
    '超支线',
    '目标执行率',
  ]);
  expect(ex.getCell('A5').value).toBe('校工会');
  expect(ex.getCell('B5').value).toBe(2_240_000);
  expect(ex.getCell('B5').numFmt).toBe(YUAN);
  expect(ex.getCell('A17').value).toBe('后勤与图书馆分工会');
  expect(['A18', 'B18', 'C18', 'D18', 'E18'].map((a) => ex.getCell(a).value)).toEqual([
    '合计',
    2_395_400,
    2_150_680,
    0.8978,
    244_720,
  ]);
  expect(ex.getCell('D18').numFmt).toBe(PERCENT);
  const statusOf = (label: string): unknown => rowOf(ex, label, 5).getCell(6).value;
  expect(statusOf('工商学院工会')).toBe('超支');
  expect(statusOf('管理学院工会')).toBe('偏低');
  expect(rowOf(ex, '50104 劳模职工疗休养支出').getCell(6).value).toBe('未执行');
  const pivot = rowOf(ex, '501 职工活动支出');
  expect(pivot.getCell(2).value).toBe(1_250_000 + 300_000 + 40_000 + 30_000 + 50_000 + 155_400);
  const rules = (await zipSheet(opened, '预算执行')).match(/<cfRule\b[^>]*type="expression"/g) ?? [];
  expect(rules.length).toBe(9);
  for (const status of ['超支', '偏低', '未执行'])
    expect(await zipSheet(opened, '预算执行')).toContain(`$F5=&quot;${status}&quot;`);

  // Charts: in the package, referenced from the drawings, and their caches are the cells.
  const charts = await chartsInPackage(zip);
  expect(charts.map((c) => [c.sheet, findAll(c.xml, 'c:plotArea')[0]!.children[1]!.name])).toEqual([
    ['预算执行', 'c:barChart'],
    ['预算执行', 'c:lineChart'],
    ['慰问统计', 'c:barChart'],
  ]);
  for (const chart of charts)
    for (const [ref, cache] of chartReferences(chart.xml))
      expect(
        resolveRange(wb, ref).map((v) => (typeof v === 'number' ? v : String(v ?? ''))),
        ref,
      ).toEqual(cache.map((v) => (typeof v === 'number' ? v : String(v))));
  const [bars, lines, welfare] = charts;
  expect(chartReferences(bars!.xml).map(([ref]) => ref)).toEqual([
    "'预算执行'!$B$4",
    "'预算执行'!$A$6:$A$17",
    "'预算执行'!$B$6:$B$17",
    "'预算执行'!$C$4",
    "'预算执行'!$A$6:$A$17",
    "'预算执行'!$C$6:$C$17",
  ]);
  expect(findAll(lines!.xml, 'c:ser')).toHaveLength(4);
  expect(chartReferences(lines!.xml).map(([ref]) => ref)).toContain("'预算执行'!$D$5:$D$17");
  expect(child(findAll(welfare!.xml, 'c:title')[0]!, 'c:tx').children.length).toBe(1);
}

async function zipSheet(opened: OpenedXlsx, name: string): Promise<string> {
  const index = opened.wb.worksheets.findIndex((w) => w.name === name);
  return opened.zip.file(`xl/worksheets/sheet${index + 1}.xml`)!.async('string');
}

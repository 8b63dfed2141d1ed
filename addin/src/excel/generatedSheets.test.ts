import { describe, expect, it } from 'vitest';
import { demoSettings } from '../../../shared/settings/index.js';
import { annualSummary, budgetExecution, draftSentences } from '../../../shared/summary/index.js';
import { figureDef, FIGURES, REPORT_SECTIONS } from '../../../shared/summary/catalogue.js';
import { fen, stored } from '../../../shared/summary/testing/rows.js';
import { BUDGET_SHEET, budgetLayout, STATUS_STYLES } from './budgetSheet.js';
import { OfficeWorkbook } from './officeWorkbook.js';
import { SUMMARY_SHEET, summaryLayout } from './summarySheet.js';
import { FakeExcel, FakeSheet } from './testing/fakeExcel.js';

/** 汇总 and 预算执行, written through office-addin-mock objects over the fake grid. */

const year = 2023;
const budget = [
  stored('budget', { year, unit: 'school', account: '50102', amount: fen(300_000) }),
  stored('budget', { year, unit: 'business', account: '50102', amount: fen(15_750), basis: '150元/人' }),
  stored('budget', { year, unit: 'nursing', account: '50102', amount: fen(11_400), basis: '150元/人' }),
  stored('budget', { year, unit: 'arts', account: '50102', amount: fen(12_600), basis: '150元/人' }),
];
const expenses = [
  stored('expenses', { date: `${year}-11-30`, unit: 'school', account: '50102', amount: fen(268_400) }),
  stored('expenses', { date: `${year}-11-30`, unit: 'business', account: '50102', amount: fen(16_410) }),
  stored('expenses', { date: `${year}-11-30`, unit: 'nursing', account: '50102', amount: fen(6_120) }),
];
const execution = budgetExecution({ budget, expenses, settings: demoSettings, year });

describe('预算执行', () => {
  it('lays out the unit table, with rates as fractions in percent format', () => {
    const layout = budgetLayout(execution);
    const header = layout.chart!.headerRow;
    expect(layout.values[header - 1]!.slice(0, 6)).toEqual([
      '单位',
      '预算数（元）',
      '实际支出（元）',
      '差额（元）',
      '执行率',
      '状态',
    ]);
    const business = layout.values.find((r) => r[0] === '工商学院工会')!;
    expect(business.slice(1, 6)).toEqual([15_750, 16_410, -660, 1.0419, '超支']);
    expect(layout.formats[layout.values.indexOf(business)]![4]).toBe('0.00%');
    const arts = layout.values.find((r) => r[0] === execution.units.find((u) => u.unit === 'arts')!.name)!;
    expect(arts[5]).toBe('未执行');
    expect(layout.values[layout.chart!.lastRow]![0]).toBe('合计');
  });

  it('writes the sheet with a bar chart, a line chart and the status highlights; rewriting replaces them', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('支出台账')] });
    const wb = new OfficeWorkbook(excel.host);
    await wb.writeBudgetExecutionSheet(execution);
    expect(excel.syncs).toBe(2);
    const s = excel.sheet(BUDGET_SHEET);
    const layout = budgetLayout(execution);
    const { headerRow, firstRow, lastRow } = layout.chart!;
    expect(s.charts.map((c) => [c.type, c.source, c.seriesBy])).toEqual([
      ['BarClustered', `A${headerRow}:C${lastRow}`, 'Columns'],
      ['LineMarkers', `E${headerRow}:E${lastRow}`, 'Columns'],
    ]);
    expect(s.charts[1]!.xAxisValues).toBe(`A${firstRow}:A${lastRow}`);
    expect(s.charts.every((c) => c.position && c.title.text)).toBe(true);
    const texts = s.conditionalFormats.map((c) => c.cf.textComparison.rule?.text);
    expect(new Set(texts)).toEqual(new Set(STATUS_STYLES.map((st) => st.text)));
    expect(s.conditionalFormats[0]!.cf.textComparison.format.fill.color).toBe('#FFC7CE');
    expect(s.conditionalFormats).toHaveLength(layout.statusRanges.length * STATUS_STYLES.length);
    expect(s.value(1, 1)).toBe(`${year}年度经费预算执行情况`);
    expect(excel.activeSheet).toBe(BUDGET_SHEET);

    await wb.writeBudgetExecutionSheet(execution);
    expect(s.charts).toHaveLength(2);
    expect(s.conditionalFormats).toHaveLength(layout.statusRanges.length * STATUS_STYLES.length);
    expect(excel.syncs).toBe(2 + 3); // an existing sheet: + its charts
    expect(excel.violations).toEqual([]);
  });
});

describe('汇总', () => {
  it('shows what the leadership workbook shows: the headline block, the five parts, 上年 / 增减 / 增幅', () => {
    const now = annualSummary({ rows: { budget, expenses }, settings: demoSettings, year });
    const before = { ...now, year: year - 1, budget: { ...now.budget, rate: 0.8 } };
    const layout = summaryLayout(now, [{ key: 'welfare.personTimes', text: '全年慰问教职工0人次' }], before);
    const firstColumn = layout.values.map((r) => r[0]);
    expect(firstColumn).toContain('年度要点');
    expect(firstColumn.filter((c) => REPORT_SECTIONS.some((s) => s.title === c))).toEqual(
      REPORT_SECTIONS.map((s) => s.title),
    );
    const header = layout.values[layout.headerRows[1]!.row - 1]!;
    expect(header.slice(0, 7)).toEqual(['指标', '数值', '单位', '上年', '增减', '增幅', '报告语句']);
    const rates = layout.values.filter((r) => r[0] === '预算执行率');
    expect(rates).toHaveLength(2); // headline and （五）
    expect(rates[1]!.slice(1, 5)).toEqual([
      now.budget.rate,
      '',
      0.8,
      Number((now.budget.rate - 0.8).toFixed(4)),
    ]);
    const welfare = layout.values.find((r) => r[0] === '慰问教职工' && r[6] !== '')!;
    expect(welfare[6]).toBe('全年慰问教职工0人次');
    // A year before without data (a new installation's first year) gives no comparison.
    const empty = annualSummary({ rows: {}, settings: demoSettings, year: year - 1 });
    const alone = summaryLayout(now, [], empty);
    expect(alone.values[alone.headerRows[1]!.row - 1]!.slice(0, 4)).toEqual([
      '指标',
      '数值',
      '单位',
      '报告语句',
    ]);
    // No Latin identifier anywhere.
    expect(layout.values.flat().filter((v) => typeof v === 'string' && /[A-Za-z]/.test(v))).toEqual([]);
  });

  const summary = annualSummary({
    rows: { budget, expenses },
    settings: demoSettings,
    year,
  });
  const sentences = [
    { key: 'congress', text: '召开第六届教职工代表大会第三次会议' },
    { key: 'proposals.total', text: '=不是公式' },
  ];

  it('lays out the figures, the tables and the drafted sentences', () => {
    const layout = summaryLayout(summary, sentences);
    expect(layout.values[0]![0]).toBe(`${year}年度工会工作汇总`);
    const rate = layout.values.findIndex((r) => r[0] === '预算执行率');
    expect(layout.values[rate]![1]).toBe(summary.budget.rate);
    expect(layout.formats[rate]![1]).toBe('0.00%');
    const spent = layout.values.findIndex((r) => r[0] === '实际支出');
    expect(layout.values[spent]!.slice(1, 3)).toEqual([summary.budget.actual, '元']);
    expect(layout.formats[spent]![1]).toBe('#,##0.00');
    const congress = layout.values.find((r) => r[0] === '双代会')!;
    expect(congress[congress.length - 1]).toBe('召开第六届教职工代表大会第三次会议');
    expect(draftSentences(summary)).toBeInstanceOf(Array);
  });

  it('names every figure as the figure catalogue does (金点子 is ideas.golden, not ideas.total)', () => {
    const s = { ...summary, ideas: { total: 14, golden: 1, excellent: 3 } };
    const layout = summaryLayout(s, []);
    const valueOf = (label: string) => layout.values.find((r) => r[0] === label)?.[1];
    expect(valueOf(figureDef('ideas.total')!.label)).toBe(14);
    expect(valueOf(figureDef('ideas.golden')!.label)).toBe(1);
    expect(valueOf('金点子')).toBe(1);
    // Every figure row of the sheet carries its catalogue label and unit.
    const byLabel = new Map(FIGURES.map((f) => [f.label, f]));
    const figureRows = layout.values.filter((r) => byLabel.has(String(r[0])));
    expect(figureRows.length).toBeGreaterThan(10);
    for (const r of figureRows) {
      const unit = byLabel.get(String(r[0]))!.unit;
      expect(r[2], String(r[0])).toBe(unit === '%' ? '' : unit);
    }
  });

  it('writes 汇总 in two syncs; strings stay text', async () => {
    const excel = new FakeExcel({ sheets: [new FakeSheet('会员名册')] });
    await new OfficeWorkbook(excel.host).writeSummarySheet(summary, sentences);
    expect(excel.syncs).toBe(2);
    const s = excel.sheet(SUMMARY_SHEET);
    const layout = summaryLayout(summary, sentences);
    const row = layout.values.findIndex((r) => r.includes('=不是公式')) + 1;
    const col = layout.values[row - 1]!.indexOf('=不是公式') + 1;
    expect(s.cell(row, col)).toMatchObject({ value: '=不是公式', format: '@' });
    expect(s.cell(row, col)?.formula).toBeUndefined();
    expect(excel.violations).toEqual([]);
  });
});

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Settings } from '../../../../shared/settings/index.js';
import { shanghaiDate } from '../../../../shared/settings/index.js';
import {
  annualSummary,
  budgetExecution,
  draftSentences,
  liveRows,
  type RowsByKind,
} from '../../../../shared/summary/index.js';
import { addChartsToZip } from './charts.js';
import { writeDetailSheets } from './detailSheets.js';
import { writeExecutionSheet } from './executionSheet.js';
import { quotePrefixTextStyles } from './safeText.js';
import { writeSummarySheet, writeWelfareSheet } from './summarySheet.js';
import { unitFigures, writeUnitSheet } from './unitSheet.js';

export interface AnnualWorkbookInput {
  /** Stored rows by ledger kind (all years: each part picks the rows of `year` itself). */
  rows: RowsByKind;
  settings: Settings;
  year: number;
  /** When the workbook is made: document properties, the 生成时间 line, in-year statuses. */
  generatedAt: Date;
}

/**
 * The leadership workbook of DOMAIN.md §6 (`GET /api/reports/annual.xlsx`, `union-ledger
 * report`): 年度汇总, 分单位, 预算执行, 慰问统计 (welfare by type) and one detail sheet per ledger with rows, with native
 * charts, Chinese number formats, frozen headers and print settings. Pure apart from the
 * zip work: no HTTP, no store. Every cell is a value; the workbook holds no formula.
 */
export async function buildAnnualWorkbook(input: AnnualWorkbookInput): Promise<Buffer> {
  const { rows, settings, year, generatedAt } = input;
  const today = shanghaiDate(generatedAt);
  const summary = annualSummary({ rows, settings, year, today });
  const sentences = draftSentences(summary);
  const budget = liveRows(rows, 'budget');
  const expenses = liveRows(rows, 'expenses');
  const execution = budgetExecution({
    budget,
    expenses,
    settings,
    year,
    today,
    previousYear: { budget, expenses },
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = 'union-ledger';
  wb.lastModifiedBy = 'union-ledger';
  wb.title = `${settings.orgName}${year}年度工作汇总`;
  wb.subject = `${year}年度汇总、分单位情况、预算执行与台账明细`;
  wb.company = settings.orgName;
  wb.keywords = `工会 年度汇总 ${year}`;
  wb.created = generatedAt;
  wb.modified = generatedAt;
  const generatedText = `${today} ${new Date(generatedAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;

  writeSummarySheet(wb, { summary, sentences, settings, year, generatedText });
  writeUnitSheet(wb, unitFigures(rows, settings, year, summary, execution), year, settings.orgName);
  const charts = writeExecutionSheet(wb, execution, settings, settings.orgName).charts;
  charts.push(...writeWelfareSheet(wb, summary, year));
  writeDetailSheets(wb, rows, settings, year);

  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  await addChartsToZip(zip, charts);
  const styles = zip.file('xl/styles.xml');
  if (styles) zip.file('xl/styles.xml', quotePrefixTextStyles(await styles.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

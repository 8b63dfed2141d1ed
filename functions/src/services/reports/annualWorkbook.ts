import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Actor } from '../../../../shared/ledgers/access.js';
import { LEDGER_KINDS, type LedgerKind } from '../../../../shared/ledgers/index.js';
import type { Settings } from '../../../../shared/settings/index.js';
import { shanghaiDate } from '../../../../shared/settings/index.js';
import {
  annualSummary,
  budgetExecution,
  draftSentences,
  hasYear,
  liveRows,
  yearReview,
  type RowsByKind,
} from '../../../../shared/summary/index.js';
import { hiddenFields, viewRows } from '../rowViews.js';
import { addChartsToZip } from './charts.js';
import { writeDetailSheets } from './detailSheets.js';
import { writeExecutionSheet } from './executionSheet.js';
import { internalHyperlinks } from './hyperlinks.js';
import { quotePrefixTextStyles } from './safeText.js';
import { planSources, writeSourceSheet } from './sourceSheet.js';
import { writeSummarySheet, writeWelfareSheet } from './summarySheet.js';
import { unitFigures, writeUnitSheet } from './unitSheet.js';

export interface AnnualWorkbookInput {
  /** Stored rows by ledger kind (all years: each part picks the rows of `year` itself). */
  rows: RowsByKind;
  settings: Settings;
  year: number;
  /** When the workbook is made: document properties, the 生成时间 line, in-year statuses. */
  generatedAt: Date;
  /**
   * Who downloads it (leader, finance or admin). Fields private from them (rowViews.ts
   * `hiddenFields`: 困难职工建档 for all but admin) are dropped from every row before any sheet
   * is made, and their columns left out of the detail sheets. Without a reader, every private
   * field is left out.
   */
  reader?: Actor;
}

/**
 * The leadership workbook of DOMAIN.md §6 (`GET /api/reports/annual.xlsx`, `union-ledger
 * report`): 年度汇总, 分单位, 预算执行, 慰问统计 (welfare by type), one detail sheet per ledger with rows and
 * 指标来源 (the rows behind each figure, linked from 年度汇总), with native
 * charts, Chinese number formats, frozen headers and print settings. Pure apart from the
 * zip work: no HTTP, no store. Every cell is a value; the workbook holds no formula.
 */
export async function buildAnnualWorkbook(input: AnnualWorkbookInput): Promise<Buffer> {
  const { settings, year, generatedAt } = input;
  const hidden = hiddenFromReader(input.reader);
  const rows = withoutFields(input.rows, hidden);
  const today = shanghaiDate(generatedAt);
  const summary = annualSummary({ rows, settings, year, today });
  const sentences = draftSentences(summary);
  const review = yearReview({
    summary,
    sentences,
    previous: hasYear(rows, year - 1) ? annualSummary({ rows, settings, year: year - 1 }) : undefined,
  });
  // Figures count every row; the rows listed behind them are those the reader may see.
  const sources = planSources(rows, settings, year, (kind, row) =>
    viewRows(input.reader, settings, kind, [row]),
  );
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

  writeSummarySheet(wb, { review, settings, year, generatedText, links: sources.links });
  writeUnitSheet(wb, unitFigures(rows, settings, year, summary, execution), year, settings.orgName);
  const charts = writeExecutionSheet(wb, execution, settings, settings.orgName).charts;
  charts.push(...writeWelfareSheet(wb, summary, year));
  // Detail sheets show rows as the reader may see them (shared/ledgers/access.ts `rowView`):
  // sensitive welfare without person and 事由 for finance, not at all for the leader. The
  // figures above count every row.
  writeDetailSheets(wb, rowsAsSeenBy(input.reader, settings, rows), settings, year, hidden);
  writeSourceSheet(wb, sources, settings, year, hidden);

  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  await addChartsToZip(zip, charts);
  const styles = zip.file('xl/styles.xml');
  if (styles) zip.file('xl/styles.xml', quotePrefixTextStyles(await styles.async('string')));
  await internalHyperlinks(zip, 'xl/worksheets/sheet1.xml');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Every ledger's rows as the reader may see them, row by row. */
function rowsAsSeenBy(reader: Actor | undefined, settings: Settings, rows: RowsByKind): RowsByKind {
  const out: Record<string, unknown> = {};
  for (const [kind, list] of Object.entries(rows) as [string, readonly { unit: string; fields: unknown }[]][])
    out[kind] = list ? viewRows(reader, settings, kind, list) : list;
  return out as RowsByKind;
}

/** Per ledger, the fields the reader may not see in rows of any unit. */
function hiddenFromReader(reader: Actor | undefined): Partial<Record<LedgerKind, readonly string[]>> {
  const hidden: Partial<Record<LedgerKind, readonly string[]>> = {};
  for (const kind of LEDGER_KINDS) {
    const fields = hiddenFields(reader, kind);
    if (fields.length > 0) hidden[kind] = fields;
  }
  return hidden;
}

/** The rows with those fields removed, so that no sheet, figure or chart can show them. */
function withoutFields(rows: RowsByKind, hidden: Partial<Record<LedgerKind, readonly string[]>>): RowsByKind {
  const out: Record<string, unknown> = { ...rows };
  for (const [kind, fields] of Object.entries(hidden)) {
    const list = rows[kind as LedgerKind];
    if (!list || !fields) continue;
    out[kind] = list.map((row) => {
      const kept: Record<string, unknown> = { ...(row.fields as unknown as Record<string, unknown>) };
      for (const field of fields) delete kept[field];
      return { ...row, fields: kept };
    });
  }
  return out as RowsByKind;
}

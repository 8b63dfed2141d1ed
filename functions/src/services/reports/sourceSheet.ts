import type ExcelJS from 'exceljs';
import type { LedgerKind } from '../../../../shared/ledgers/index.js';
import type { Settings } from '../../../../shared/settings/index.js';
import {
  FIGURES,
  sourceText,
  type FigureDef,
  type FigureSource,
} from '../../../../shared/summary/catalogue.js';
import type { RowsByKind, StoredRow } from '../../../../shared/summary/index.js';
import { detailColumns, renderField } from './detailSheets.js';
import { finishSheet, frame, put, writeHeader, writeTitle } from './sheetLayout.js';

export const SOURCE_SHEET = '指标来源';

/**
 * 指标来源: for every figure with rows, the rows that make it (「3226人次是哪些？」), one block
 * per way of choosing rows (figures made of the same rows share it). The 年度汇总 sheet links
 * each figure to the first cell of its block.
 */
export interface SourcePlan {
  blocks: { figures: FigureDef[]; source: FigureSource; rows: StoredRow[]; caption: string; row: number }[];
  /** Figure key → the A1 address of its block on 指标来源. */
  links: Map<string, string>;
}

const FIRST_BLOCK_ROW = 3;

/** Where each figure's rows go, computed before any sheet is written (the first sheet links to them). */
export function planSources(
  rows: RowsByKind,
  settings: Settings,
  year: number,
  /** The row as the reader may see it: none (left out) or one, possibly with fields removed. */
  view: (kind: LedgerKind, row: StoredRow) => StoredRow[],
): SourcePlan {
  const bySource = new Map<FigureSource, FigureDef[]>();
  for (const f of FIGURES) if (f.source) bySource.set(f.source, [...(bySource.get(f.source) ?? []), f]);
  const blocks: SourcePlan['blocks'] = [];
  const links = new Map<string, string>();
  let row = FIRST_BLOCK_ROW;
  for (const [source, figures] of bySource) {
    const behind = source.select({ rows, settings, year });
    const shown = behind.flatMap((r) => view(source.ledger, r));
    const withheld = behind.length - shown.length;
    const caption =
      `${figures.map((f) => f.label).join('、')}：${sourceText(figures[0]!, behind.length)!}` +
      (withheld > 0 ? `（其中${withheld}条按查看权限不列出）` : '');
    blocks.push({ figures, source, rows: shown, caption, row });
    for (const f of figures) links.set(f.key, `'${SOURCE_SHEET}'!A${row}`);
    // Caption, header, the rows, a blank line.
    row += 2 + shown.length + 1;
  }
  return { blocks, links };
}

export function writeSourceSheet(
  wb: ExcelJS.Workbook,
  plan: SourcePlan,
  settings: Settings,
  year: number,
  hidden: Partial<Record<LedgerKind, readonly string[]>>,
): void {
  const ws = wb.addWorksheet(SOURCE_SHEET);
  let width = 1;
  writeTitle(ws, 1, `${year}年各项指标的来源记录（由“年度汇总”中的指标链接至此）`, 1);
  for (const block of plan.blocks) {
    const columns = detailColumns(block.source.ledger, hidden[block.source.ledger] ?? []);
    width = Math.max(width, columns.length);
    const caption = ws.getCell(block.row, 1);
    put(caption, block.caption);
    caption.font = { bold: true, size: 12, color: { argb: 'FF2F5597' } };
    writeHeader(
      ws,
      block.row + 1,
      columns.map(([, f]) => f.header),
    );
    block.rows.forEach((r, i) => {
      const fields = r.fields as unknown as Record<string, unknown>;
      columns.forEach(([key, field], c) => {
        const shown = renderField(field, fields[key], settings);
        put(ws.getCell(block.row + 2 + i, c + 1), shown.value, shown.format);
      });
      frame(ws, block.row + 2 + i, 1, columns.length);
    });
  }
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = c === 1 ? 16 : 14;
  finishSheet(ws, 1, { landscape: true, titleRows: [1, 1] });
}

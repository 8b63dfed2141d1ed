import type { LedgerKind } from '../../../shared/ledgers/index.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import {
  HEADER_FILL,
  listAlert,
  REQUIRED_FONT,
  TEMPLATE_ROWS,
  templateColumns,
  uniqueSheetName,
  type TemplateColumn,
  type TemplateOptions,
} from '../../../shared/sheet/template.js';
import { colLetters, rangeAddress } from './a1.js';
import { writeSession } from './session.js';

/** 插入模板: a new sheet laid out as shared/sheet/template.ts describes (the CLI writes the same layout). */

export { TEMPLATE_ROWS, templateColumns, uniqueSheetName, type TemplateColumn, type TemplateOptions };

/** Two syncs: the sheet names, then everything else. Returns the new sheet's name. */
export async function insertTemplate(
  ctx: Excel.RequestContext,
  kind: LedgerKind,
  opts: TemplateOptions = {},
): Promise<string> {
  const ledger = ledgers[kind];
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const name = uniqueSheetName(
    opts.sheetName ?? ledger.title,
    sheets.items.map((s) => s.name),
  );
  const columns = templateColumns(kind, opts);
  const last = columns.length;
  await writeSession(ctx, async (budget) => {
    await budget.reserve(columns.length * 200 + TEMPLATE_ROWS * 10);
    const ws = sheets.add(name);
    const header = ws.getRange(rangeAddress({ top: 1, bottom: 1, left: 1, right: last }));
    header.numberFormat = [columns.map(() => '@')];
    header.values = [columns.map((c) => c.header)];
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    for (const c of columns) {
      const letter = colLetters(c.col);
      if (c.required) ws.getRange(`${letter}1`).format.font.color = REQUIRED_FONT;
      ws.getRange(`${letter}:${letter}`).format.columnWidth = c.width;
      const data = ws.getRange(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`);
      data.numberFormat = Array.from({ length: TEMPLATE_ROWS }, () => [c.format]);
      if (c.list) {
        data.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(',') } };
        data.dataValidation.errorAlert = { showAlert: true, style: 'Warning', ...listAlert(c) };
      }
    }
    ws.freezePanes.freezeRows(1);
    ws.activate();
  });
  return name;
}

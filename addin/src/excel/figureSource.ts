import { detectLayout } from '../../../shared/sheet/detect.js';
import { FIGURES, type FigureDef } from '../../../shared/summary/catalogue.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { readStateSheet } from './stateSheet.js';
import { readUsedRange } from './readUsedRange.js';
import { SUMMARY_SHEET } from './summarySheet.js';

/**
 * The pane's answer to 「这个数是哪些记录？」 on the 汇总 sheet: which figure the officer has
 * selected (by its catalogue label in column A of the selected row), and where the rows behind
 * it are in the officer's own ledger sheets (by the row ids the sync wrote into `_id`).
 */

/** Two syncs: the selected cell, then the label of its row on 汇总. Null off 汇总 or off a figure. */
export async function selectedFigure(ctx: Excel.RequestContext): Promise<FigureDef | null> {
  const cell = ctx.workbook.getActiveCell();
  cell.load('address');
  await ctx.sync();
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?[A-Z]+\$?(\d+)/.exec(cell.address);
  const sheet = (m?.[1]?.replace(/''/g, "'") ?? m?.[2]) || '';
  if (!m || sheet !== SUMMARY_SHEET) return null;
  const label = ctx.workbook.worksheets.getItem(SUMMARY_SHEET).getRange(`A${m[3]}`);
  label.load('values');
  await ctx.sync();
  const text = String(label.values[0]?.[0] ?? '');
  return FIGURES.find((f) => f.label === text) ?? null;
}

export interface RowPlace {
  sheet: string;
  row: number;
}

/**
 * Where rows of `kind` are in this workbook's synced sheets of that ledger (the state sheet
 * says which): row id → sheet and row. Rows that are not in the workbook are not in the map.
 */
export async function locateRows(
  ctx: Excel.RequestContext,
  kind: LedgerKind,
  rowIds: readonly string[],
): Promise<Map<string, RowPlace>> {
  const wanted = new Set(rowIds);
  const found = new Map<string, RowPlace>();
  const { states } = await readStateSheet(ctx);
  for (const state of states.filter((s) => s.kind === kind)) {
    const { used } = await readUsedRange(ctx, state.sheet, { merges: false });
    const layout = detectLayout(used, { sheetName: state.sheet });
    if (layout.idCol === null) continue;
    used.values.forEach((values, i) => {
      const id = values[layout.idCol! - used.left];
      if (typeof id === 'string' && wanted.has(id) && !found.has(id))
        found.set(id, { sheet: state.sheet, row: used.top + i });
    });
  }
  return found;
}

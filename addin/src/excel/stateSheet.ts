import type { CellRange, SheetState } from '../../../shared/sheet/port.js';
import { STATE_SHEET, stateFromValues, stateToValues, type StateRead } from '../../../shared/sheet/state.js';
import { rangeAddress } from './a1.js';
import { jsonBytes } from './payload.js';
import { readUsedRange } from './readUsedRange.js';
import { writeSession } from './session.js';

/**
 * The very-hidden `_union_ledger` sheet (DESIGN.md "Where sync state lives"), in the text
 * layout of shared/sheet/state.ts that the exceljs adapter shares. Very hidden: not listed by
 * Excel's Unhide dialog, so officers do not edit it by accident.
 */

/**
 * Two syncs when the sheet exists (is it there; its values, read as readUsedRange reads a
 * ledger, in pieces when above the response limit), one when it does not.
 */
export async function readStateSheet(ctx: Excel.RequestContext): Promise<StateRead> {
  const ws = ctx.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  ws.load('isNullObject');
  await ctx.sync();
  if (ws.isNullObject) return { states: [], damaged: false };
  const { used } = await readUsedRange(ctx, STATE_SHEET, { merges: false });
  return stateFromValues(used.values);
}

/**
 * Replaces the state sheet's content: one probe sync, then one write (more only for a state
 * above the request budget). Every cell is written as text.
 */
export async function writeStateSheet(
  ctx: Excel.RequestContext,
  states: readonly SheetState[],
): Promise<void> {
  const existing = ctx.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  existing.load('isNullObject');
  await ctx.sync();
  const values = stateToValues(states);
  await writeSession(ctx, async (budget) => {
    await budget.reserve(0);
    const ws = existing.isNullObject ? ctx.workbook.worksheets.add(STATE_SHEET) : existing;
    ws.visibility = 'VeryHidden';
    if (!existing.isNullObject) ws.getRange().clear('Contents');
    for (const block of blocks(values, 1_000_000)) {
      await budget.reserve(block.bytes * 2);
      const range = ws.getRange(rangeAddress(block));
      range.numberFormat = block.values.map((r) => r.map(() => '@'));
      range.values = block.values;
    }
  });
}

interface Block extends CellRange {
  values: string[][];
  bytes: number;
}

/**
 * The state's rectangle cut into blocks of about `max` bytes: bands of whole rows, and a row
 * too large on its own (the hashes of many rows, continued in the cells to its right) cut into
 * bands of columns, so that the budget can spread them over requests.
 */
export function blocks(values: readonly string[][], max: number): Block[] {
  const out: Block[] = [];
  let band: string[][] = [];
  let bandTop = 1;
  let bandBytes = 0;
  const flush = (): void => {
    if (band.length)
      out.push({
        top: bandTop,
        bottom: bandTop + band.length - 1,
        left: 1,
        right: band[0]!.length,
        values: band,
        bytes: bandBytes,
      });
    band = [];
    bandBytes = 0;
  };
  values.forEach((row, i) => {
    const bytes = jsonBytes(row);
    if (bytes > max) {
      flush();
      let left = 0;
      while (left < row.length) {
        let right = left;
        let size = jsonBytes(row[left]);
        while (right + 1 < row.length && size + jsonBytes(row[right + 1]) <= max)
          size += jsonBytes(row[++right]);
        out.push({
          top: i + 1,
          bottom: i + 1,
          left: left + 1,
          right: right + 1,
          values: [row.slice(left, right + 1)],
          bytes: size,
        });
        left = right + 1;
      }
      bandTop = i + 2;
      return;
    }
    if (bandBytes + bytes > max) {
      flush();
      bandTop = i + 1;
    }
    if (!band.length) bandTop = i + 1;
    band.push(row);
    bandBytes += bytes;
  });
  flush();
  return out;
}

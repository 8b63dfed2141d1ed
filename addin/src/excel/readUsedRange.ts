import type { CellRange, UsedRange } from '../../../shared/sheet/port.js';
import { parseAddress, parseAreas, rangeAddress } from './a1.js';
import { isPayloadLimit } from './errors.js';
import { utf8Bytes } from './payload.js';

/** What a read did, for the pane's diagnostics and the batching tests. */
export interface ReadReport {
  syncs: number;
  /** The values came in pieces because one response would have exceeded 5 MB. */
  chunked: boolean;
  /** False when Excel refused the merged areas (more than 512 of them): merges are then empty. */
  mergesRead: boolean;
}

/**
 * The used range (values only: formatting alone does not extend it) read in ONE sync: its
 * values and address, and the sheet's merged areas. Empty cells come back as '' and are
 * returned as null, as the exceljs adapter does. Fallbacks, each costing syncs only when hit:
 * a sheet with more merged areas than Excel returns is read without merges, and a used range
 * whose values exceed the response limit is read in pieces: its address first (the refused
 * response said nothing), then its first half, then pieces sized by the bytes per row read so
 * far (any piece refused all the same is halved).
 */
export async function readUsedRange(
  ctx: Excel.RequestContext,
  sheetName: string,
  opts: { merges?: boolean } = {},
): Promise<{ used: UsedRange; report: ReadReport }> {
  const wantMerges = opts.merges ?? true;
  const report: ReadReport = { syncs: 0, chunked: false, mergesRead: wantMerges };
  const ws = ctx.workbook.worksheets.getItem(sheetName);
  const sync = async (): Promise<void> => {
    report.syncs++;
    await ctx.sync();
  };

  const attempt = async (withMerges: boolean): Promise<UsedRange> => {
    const used = ws.getUsedRange(true);
    used.load('address,values');
    const merged = withMerges ? ws.getRange().getMergedAreasOrNullObject() : null;
    merged?.load('isNullObject,address');
    await sync();
    return {
      ...origin(used.address),
      values: used.values.map((row) => row.map(blankToNull)),
      merges: merged ? mergesOf(merged) : [],
    };
  };

  if (wantMerges)
    try {
      return { used: await attempt(true), report };
    } catch (e) {
      if (isPayloadLimit(e)) return { used: await chunked(ws, true, report, sync), report };
    }
  report.mergesRead = false;
  try {
    return { used: await attempt(false), report };
  } catch (e) {
    if (!isPayloadLimit(e)) throw e;
    return { used: await chunked(ws, false, report, sync), report };
  }
}

async function chunked(
  ws: Excel.Worksheet,
  withMerges: boolean,
  report: ReadReport,
  sync: () => Promise<void>,
): Promise<UsedRange> {
  report.chunked = true;
  const used = ws.getUsedRange(true);
  used.load('address');
  const merged = withMerges ? ws.getRange().getMergedAreasOrNullObject() : null;
  merged?.load('isNullObject,address');
  await sync();
  const rect = parseAddress(used.address);
  const values = await readInPieces(ws, rect, sync);
  return { top: rect.top, left: rect.left, values, merges: merged ? mergesOf(merged) : [] };
}

/**
 * What a piece of a chunked read aims at: the JSON of its values (UTF-8, as the response
 * carries them), below the 5 MB response limit of Excel on the web with room for rows longer
 * than the ones measured so far. A piece refused all the same is halved (readRect).
 */
export const READ_PIECE_BYTES = 4_500_000;

/**
 * The values of `rect`, which were just refused whole: its first half by rows (the only guess
 * possible before any of it is known), then pieces of as many rows as READ_PIECE_BYTES holds
 * at the bytes per row read so far.
 */
async function readInPieces(
  ws: Excel.Worksheet,
  rect: CellRange,
  sync: () => Promise<void>,
): Promise<unknown[][]> {
  const rows = rect.bottom - rect.top + 1;
  if (rows === 1) return readHalves(ws, rect, sync);
  const values: unknown[][] = [];
  let bytes = 0;
  let top = rect.top;
  while (top <= rect.bottom) {
    const count = values.length
      ? Math.max(1, Math.floor(READ_PIECE_BYTES / Math.max(1, bytes / values.length)))
      : Math.floor(rows / 2);
    const piece = { ...rect, top, bottom: Math.min(rect.bottom, top + count - 1) };
    const part = await readRect(ws, piece, sync);
    bytes += utf8Bytes(part);
    for (const row of part) values.push(row);
    top = piece.bottom + 1;
  }
  return values;
}

/**
 * The values of `rect`, one sync per piece: on a payload error the piece is halved — by rows,
 * or by columns for a single row too large on its own (the state sheet's long hash rows).
 */
async function readRect(
  ws: Excel.Worksheet,
  rect: CellRange,
  sync: () => Promise<void>,
): Promise<unknown[][]> {
  const part = ws.getRange(rangeAddress(rect));
  part.load('values');
  try {
    await sync();
    return part.values.map((row) => row.map(blankToNull));
  } catch (e) {
    if (!isPayloadLimit(e) || (rect.top === rect.bottom && rect.left === rect.right)) throw e;
    return readHalves(ws, rect, sync);
  }
}

async function readHalves(
  ws: Excel.Worksheet,
  rect: CellRange,
  sync: () => Promise<void>,
): Promise<unknown[][]> {
  const [a, b] = halves(rect);
  const first = await readRect(ws, a!, sync);
  if (!b) return first;
  const second = await readRect(ws, b, sync);
  // Halves by rows stack; halves of a single row sit side by side.
  return rect.top === rect.bottom ? [first[0]!.concat(second[0]!)] : first.concat(second);
}

/** Two halves by rows, or by columns for a single row. */
function halves(rect: CellRange): CellRange[] {
  const rows = rect.bottom - rect.top + 1;
  if (rows > 1) {
    const mid = rect.top + Math.floor(rows / 2) - 1;
    return [
      { ...rect, bottom: mid },
      { ...rect, top: mid + 1 },
    ];
  }
  const cols = rect.right - rect.left + 1;
  if (cols === 1) return [rect];
  const mid = rect.left + Math.floor(cols / 2) - 1;
  return [
    { ...rect, right: mid },
    { ...rect, left: mid + 1 },
  ];
}

function origin(address: string): { top: number; left: number } {
  const r = parseAddress(address);
  return { top: r.top, left: r.left };
}

function mergesOf(merged: Excel.RangeAreas): CellRange[] {
  return merged.isNullObject ? [] : parseAreas(merged.address);
}

function blankToNull(v: unknown): unknown {
  return v === '' ? null : v;
}

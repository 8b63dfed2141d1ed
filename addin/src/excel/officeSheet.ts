import type { CellWrite, SheetPort, UsedRange } from '../../../shared/sheet/port.js';
import { columnsAddress, rangeAddress, rowsAddress } from './a1.js';
import { areaAddresses, columnRuns, mergeColumns, planCellWrites } from './cellPlan.js';
import { cellKey, FILL_COLOURS, OurFillProbe } from './fills.js';
import { markMode, type ExcelHost, type MarkMode } from './host.js';
import { MarkWriter } from './marks.js';
import { jsonBytes } from './payload.js';
import { readUsedRange, type ReadReport } from './readUsedRange.js';
import { writeSession } from './session.js';

export interface WriteReport {
  /** All context.sync calls of the write: probes, writes, chunks. */
  syncs: number;
  /** Extra syncs forced by the 4 MB request budget. */
  chunks: number;
  /** How messages were attached. */
  marks: MarkMode;
  /** Messages not attached to their cell (fills-only mode, or an officer's comment there). */
  skippedNotes: number;
  /** Ranges written: value rectangles, fills, cleared fills. */
  ranges: number;
}

const FILLS = Object.keys(FILL_COLOURS) as (keyof typeof FILL_COLOURS)[];

/**
 * The Office.js adapter of one worksheet. Every operation is one Excel.run with a constant
 * number of syncs whatever the row count, plus one per 4 MB of payload:
 * - readUsedRange: 1 (values, address and merged areas together);
 * - write: 1 request. Its reads (which cells hold our fills, where the existing notes are) go
 *   in the first request with the values, and what depends on their answers (fills, cleared
 *   fills, notes) in a later one: that is 1 more sync only when the values fit in one request
 *   and something does depend on the answers, plus 1 when the answers call for a second look
 *   (cells of mixed fill, the locations of existing notes). Fills and cleared fills go many
 *   cells to an operation (RangeAreas);
 * - hideColumns, insertRows, deleteRows: 1.
 */
export class OfficeSheet implements SheetPort {
  lastRead: ReadReport | null = null;
  lastWrite: WriteReport | null = null;

  constructor(
    private readonly host: ExcelHost,
    readonly name: string,
  ) {}

  async readUsedRange(): Promise<UsedRange> {
    const { used, report } = await this.host.run((ctx) => readUsedRange(ctx, this.name));
    this.lastRead = report;
    return used;
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    const mode = markMode(this.host);
    this.lastWrite = await this.host.run((ctx) => writeCells(ctx, this.name, writes, mode));
  }

  async hideColumns(cols: readonly number[]): Promise<void> {
    await this.host.run((ctx) => hideColumnsIn(ctx, this.name, cols));
  }

  /**
   * Blank rows before row `before` (a pull adding rows above a 合计 or 填表人 footer), formatted
   * like row `formatFrom` (a data row above them): one sync.
   */
  async insertRows(before: number, count: number, formatFrom: number | null): Promise<void> {
    if (count <= 0) return;
    await this.host.run((ctx) => insertRowsIn(ctx, this.name, before, count, formatFrom));
  }

  async deleteRows(rows: readonly number[]): Promise<void> {
    await this.host.run((ctx) => deleteRowsIn(ctx, this.name, rows));
  }
}

/**
 * The cells' values, notes and fills in one request when they fit (see OfficeSheet): the part of
 * a write that runs inside a batch, so that OfficeWorkbook.commit can put it in its Excel.run.
 */
export async function writeCells(
  ctx: Excel.RequestContext,
  name: string,
  writes: readonly CellWrite[],
  mode: MarkMode,
): Promise<WriteReport> {
  const plan = planCellWrites(writes);
  const ws = ctx.workbook.worksheets.getItem(name);
  const fills = new OurFillProbe(ws, plan.probe);
  const marks = new MarkWriter(ws, mode, plan.notes);
  let skippedNotes = 0;
  let unfills = 0;

  const stats = await writeSession(ctx, async (budget, settle) => {
    // The probes' reads first (which cells wear our fill, the sheet's notes): they run
    // before the writes queued after them in the same request, so they see the sheet as
    // it was.
    await fills.queueUniform(budget);
    await marks.queueList(budget);
    const asked = budget.open ? budget.syncs : null;

    // Then the values, which change neither fills nor notes: the probe's second look
    // (below) still sees those as they were.
    for (const rect of plan.values) {
      await budget.reserve(jsonBytes(rect.values) + (rect.formats ? jsonBytes(rect.formats) : 0));
      const range = ws.getRange(rangeAddress(rect));
      // Text format first: the values that follow stay text ('=cmd|…', '00123', '2023-03-08').
      if (rect.formats) range.numberFormat = rect.formats;
      range.values = rect.values;
    }

    // The rest waits for the answers: a sync of its own only if no chunk has sent the reads.
    if (asked !== null && budget.syncs === asked) await settle();
    const mixed = await fills.afterUniform(budget);
    const located = await marks.queueLocations(budget);
    if (mixed || located) await settle();
    const ours = fills.result();

    for (const fill of FILLS) {
      const colour = FILL_COLOURS[fill];
      for (const address of areaAddresses(plan.fills.filter((f) => f.fill === fill))) {
        await budget.reserve(jsonBytes(address) + jsonBytes(colour));
        ws.getRanges(address).format.fill.color = colour;
      }
    }
    const unfill = mergeColumns(
      columnRuns(
        plan.unfill.filter((c) => ours.has(cellKey(c.row, c.col))),
        0,
      ),
    );
    unfills = unfill.length;
    for (const address of areaAddresses(unfill)) {
      await budget.reserve(jsonBytes(address));
      ws.getRanges(address).format.fill.clear();
    }
    skippedNotes = (await marks.queueWrites(budget, ours)).skipped;
  });
  return {
    syncs: stats.syncs,
    chunks: stats.chunks,
    marks: mode,
    skippedNotes,
    ranges: plan.values.length + plan.fills.length + unfills,
  };
}

export async function hideColumnsIn(
  ctx: Excel.RequestContext,
  name: string,
  cols: readonly number[],
): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(name);
  await writeSession(ctx, async (budget) => {
    for (const [left, right] of runs(cols)) {
      await budget.reserve(0);
      ws.getRange(columnsAddress(left, right)).columnHidden = true;
    }
  });
}

export async function insertRowsIn(
  ctx: Excel.RequestContext,
  name: string,
  before: number,
  count: number,
  formatFrom: number | null,
): Promise<void> {
  if (count <= 0) return;
  const ws = ctx.workbook.worksheets.getItem(name);
  await writeSession(ctx, async (budget) => {
    await budget.reserve(0);
    const blank = ws.getRange(rowsAddress(before, before + count - 1)).insert('Down');
    if (formatFrom !== null && formatFrom < before) blank.copyFrom(rowsAddress(formatFrom), 'Formats');
  });
}

export async function deleteRowsIn(
  ctx: Excel.RequestContext,
  name: string,
  rows: readonly number[],
): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(name);
  await writeSession(ctx, async (budget) => {
    // Bottom-up, so that the rows still to delete keep their numbers.
    for (const [top, bottom] of runs(rows).reverse()) {
      await budget.reserve(0);
      ws.getRange(rowsAddress(top, bottom)).delete('Up');
    }
  });
}

/** Sorted, distinct numbers as [first, last] runs of consecutive values. */
function runs(ns: readonly number[]): [number, number][] {
  const sorted = [...new Set(ns)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === n) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

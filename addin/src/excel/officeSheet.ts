import type { CellWrite, SheetPort, UsedRange } from '../../../shared/sheet/port.js';
import { columnsAddress, rangeAddress, rowsAddress } from './a1.js';
import { columnRuns, mergeColumns, planCellWrites } from './cellPlan.js';
import { cellKey, FILL_COLOURS, OurFillProbe } from './fills.js';
import { markMode, type ExcelHost, type MarkMode } from './host.js';
import { MarkWriter } from './marks.js';
import { jsonBytes, RequestBudget } from './payload.js';
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

/**
 * The Office.js adapter of one worksheet. Every operation is one Excel.run with a constant
 * number of syncs whatever the row count, plus one per 4 MB of payload:
 * - readUsedRange: 1 (values, address and merged areas together);
 * - write: up to 2 probes (which cells hold our fills, where the existing notes are — skipped
 *   when nothing needs them) and 1 write request;
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
    const plan = planCellWrites(writes);
    const mode = markMode(this.host);
    this.lastWrite = await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(this.name);
      const fills = new OurFillProbe(ws, plan.probe);
      const marks = new MarkWriter(ws, mode, plan.notes);

      // Probes: reads only, before anything changes.
      const probe = new RequestBudget(ctx);
      await fills.queueUniform(probe);
      await marks.queueList(probe);
      if (probe.open) await probe.flush();
      const mixed = await fills.afterUniform(probe);
      const located = await marks.queueLocations(probe);
      if (mixed || located) await probe.flush();
      const ours = fills.result();
      const unfill = mergeColumns(
        columnRuns(
          plan.unfill.filter((c) => ours.has(cellKey(c.row, c.col))),
          0,
        ),
      );

      let skippedNotes = 0;
      const stats = await writeSession(ctx, async (budget) => {
        for (const rect of plan.values) {
          await budget.reserve(jsonBytes(rect.values) + (rect.formats ? jsonBytes(rect.formats) : 0));
          const range = ws.getRange(rangeAddress(rect));
          // Text format first: the values that follow stay text ('=cmd|…', '00123', '2023-03-08').
          if (rect.formats) range.numberFormat = rect.formats;
          range.values = rect.values;
        }
        for (const rect of plan.fills) {
          await budget.reserve(16);
          ws.getRange(rangeAddress(rect)).format.fill.color = FILL_COLOURS[rect.fill];
        }
        for (const rect of unfill) {
          await budget.reserve(0);
          ws.getRange(rangeAddress(rect)).format.fill.clear();
        }
        skippedNotes = (await marks.queueWrites(budget, ours)).skipped;
      });
      return {
        syncs: probe.syncs + stats.syncs,
        chunks: probe.chunks + stats.chunks,
        marks: mode,
        skippedNotes,
        ranges: plan.values.length + plan.fills.length + unfill.length,
      };
    });
  }

  async hideColumns(cols: readonly number[]): Promise<void> {
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(this.name);
      await writeSession(ctx, async (budget) => {
        for (const [left, right] of runs(cols)) {
          await budget.reserve(0);
          ws.getRange(columnsAddress(left, right)).columnHidden = true;
        }
      });
    });
  }

  /**
   * Blank rows before row `before` (a pull adding rows above a 合计 or 填表人 footer), formatted
   * like row `formatFrom` (a data row above them): one sync.
   */
  async insertRows(before: number, count: number, formatFrom: number | null): Promise<void> {
    if (count <= 0) return;
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(this.name);
      await writeSession(ctx, async (budget) => {
        await budget.reserve(0);
        const blank = ws.getRange(rowsAddress(before, before + count - 1)).insert('Down');
        if (formatFrom !== null && formatFrom < before) blank.copyFrom(rowsAddress(formatFrom), 'Formats');
      });
    });
  }

  async deleteRows(rows: readonly number[]): Promise<void> {
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(this.name);
      await writeSession(ctx, async (budget) => {
        // Bottom-up, so that the rows still to delete keep their numbers.
        for (const [top, bottom] of runs(rows).reverse()) {
          await budget.reserve(0);
          ws.getRange(rowsAddress(top, bottom)).delete('Up');
        }
      });
    });
  }
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

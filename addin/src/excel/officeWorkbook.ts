import type { LedgerKind } from '../../../shared/ledgers/index.js';
import type {
  SheetEdit,
  SheetSnapshot,
  SheetState,
  UsedRange,
  WorkbookPort,
} from '../../../shared/sheet/port.js';
import { STATE_SHEET, type StateRead } from '../../../shared/sheet/state.js';
import type { AnnualSummary, BudgetExecution, DraftSentence } from '../../../shared/summary/index.js';
import { cellAddress } from './a1.js';
import { writeBudgetExecutionSheet } from './budgetSheet.js';
import { markMode, officeHost, type ExcelHost } from './host.js';
import { deleteRowsIn, hideColumnsIn, insertRowsIn, OfficeSheet, writeCells } from './officeSheet.js';
import { readUsedRange } from './readUsedRange.js';
import { readStateSheet, writeStateSheet } from './stateSheet.js';
import { writeSummarySheet } from './summarySheet.js';
import { insertTemplate, type TemplateOptions } from './template.js';

/**
 * The Office.js adapter of the Workbook port, plus what only the add-in does with a workbook:
 * templates, the 汇总 and 预算执行 sheets, selecting a cell. One Excel.run per operation.
 */
export class OfficeWorkbook implements WorkbookPort {
  /** Set by readState: the state sheet had rows that could not be read. */
  stateDamaged = false;

  constructor(private readonly host: ExcelHost = officeHost) {}

  /** The workbook's sheets in tab order, without the state sheet. */
  sheetNames(): Promise<string[]> {
    return this.host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      return sheets.items.map((s) => s.name).filter((n) => n !== STATE_SHEET);
    });
  }

  activeSheetName(): Promise<string> {
    return this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.load('name');
      await ctx.sync();
      return ws.name;
    });
  }

  sheet(name: string): OfficeSheet {
    return new OfficeSheet(this.host, name);
  }

  async readState(): Promise<SheetState[]> {
    const read: StateRead = await this.host.run(readStateSheet);
    this.stateDamaged = read.damaged;
    return read.states;
  }

  writeState(states: readonly SheetState[]): Promise<void> {
    return this.host.run((ctx) => writeStateSheet(ctx, states));
  }

  /** A ledger sheet and the state sheet in one Excel.run. */
  readSheet(name: string): Promise<SheetSnapshot> {
    return this.host.run(async (ctx) => {
      const { used } = await readUsedRange(ctx, name);
      const read = await readStateSheet(ctx);
      this.stateDamaged = read.damaged;
      return { used, states: read.states, stateDamaged: read.damaged };
    });
  }

  /**
   * One Excel.run: the sheet read as it is now, the edit planned from it (ids and revisions go
   * to the rows that hold the sent rows at this moment), then rows inserted, cells written, rows
   * deleted, columns hidden and the state written — in as few syncs as each step allows.
   */
  commit<T>(name: string, plan: (now: UsedRange) => { edit: SheetEdit; result: T }): Promise<T> {
    const mode = markMode(this.host);
    return this.host.run(async (ctx) => {
      const { used } = await readUsedRange(ctx, name);
      const { edit, result } = plan(used);
      if (edit.insert && edit.insert.count > 0)
        await insertRowsIn(ctx, name, edit.insert.before, edit.insert.count, edit.insert.formatFrom);
      if (edit.writes.length) await writeCells(ctx, name, edit.writes, mode);
      if (edit.deletes?.length) await deleteRowsIn(ctx, name, edit.deletes);
      if (edit.hide?.length) await hideColumnsIn(ctx, name, edit.hide);
      if (edit.states) await writeStateSheet(ctx, edit.states);
      return result;
    });
  }

  /** 插入模板; returns the new sheet's name. */
  insertTemplate(kind: LedgerKind, opts: TemplateOptions = {}): Promise<string> {
    return this.host.run((ctx) => insertTemplate(ctx, kind, opts));
  }

  /** `previous`: the year before's figures, for the 上年 / 增减 / 增幅 columns. */
  writeSummarySheet(
    summary: AnnualSummary,
    sentences: readonly DraftSentence[],
    previous?: AnnualSummary,
  ): Promise<void> {
    return this.host.run((ctx) => writeSummarySheet(ctx, summary, sentences, previous));
  }

  writeBudgetExecutionSheet(execution: BudgetExecution): Promise<void> {
    return this.host.run((ctx) => writeBudgetExecutionSheet(ctx, execution));
  }

  /** Shows a cell of a results-list entry: activates its sheet and selects it (one sync). */
  selectCell(sheet: string, row: number, col: number): Promise<void> {
    return this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cellAddress(row, col)).select();
      await ctx.sync();
    });
  }
}

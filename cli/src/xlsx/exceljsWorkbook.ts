import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { SheetState, WorkbookPort } from '../../../shared/sheet/port.js';
import { STATE_SHEET, stateFromValues, stateToValues, type StateRead } from '../../../shared/sheet/state.js';
import { UserError } from '../userError.js';
import { ExcelJsSheet } from './exceljsSheet.js';

/**
 * No longer what push, pull and validate use (ADR 0018: cli/src/xlsx/package patches the package
 * itself); kept for its tests and for the "before" figures of bench/fileLayer.ts.
 *
 * The exceljs adapter of the Workbook port: ledger sheets, and the sync state in the very-hidden
 * `_union_ledger` sheet (DESIGN.md "Where sync state lives"), written as plain text.
 *
 * What a push or pull keeps: exceljs reads the whole file into a model and writes it back, so
 * everything it models survives — values, rich text, formulas with their cached results, styles,
 * number formats, column widths, row heights, hidden rows and columns, merges, frozen panes,
 * notes, hyperlinks, data validations, conditional formats, defined names, print settings,
 * images, other sheets. What it does not model is lost on save: charts, pivot tables, slicers,
 * sparklines and other x14 extensions, shapes and form controls, VBA, external links, custom
 * XML parts, threaded comments (kept as plain notes) and the calculation chain (Excel rebuilds
 * it). A note's box size and font fall back to exceljs's defaults.
 */
export class ExcelJsWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  /** The ledger candidates: every worksheet but the state sheet and very-hidden ones. */
  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets
      .filter((ws) => ws.name !== STATE_SHEET && ws.state !== 'veryHidden')
      .map((ws) => ws.name);
  }

  sheet(name: string): ExcelJsSheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new Error(`no worksheet named ${name}`);
    return new ExcelJsSheet(ws);
  }

  async readState(): Promise<SheetState[]> {
    return this.readStateDetailed().states;
  }

  /** The state and whether any of it was unreadable (a damaged row is dropped, never fatal). */
  readStateDetailed(): StateRead {
    const ws = this.workbook.getWorksheet(STATE_SHEET);
    if (!ws) return { states: [], damaged: false };
    const values: unknown[][] = [];
    ws.eachRow((row, r) => {
      const line: unknown[] = [];
      for (let c = 1; c <= row.cellCount; c++) line.push(row.findCell(c)?.value ?? '');
      values[r - 1] = line;
    });
    for (let i = 0; i < values.length; i++) values[i] ??= [];
    return stateFromValues(values);
  }

  async writeState(states: readonly SheetState[]): Promise<void> {
    const ws = this.workbook.getWorksheet(STATE_SHEET) ?? this.workbook.addWorksheet(STATE_SHEET);
    ws.state = 'veryHidden';
    ws.eachRow((row) => {
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.findCell(c);
        if (cell) cell.value = null;
      }
    });
    stateToValues(states).forEach((line, r) =>
      line.forEach((text, c) => {
        // Text only: a cell of the state is never a number or a formula.
        if (text !== '') ws.getCell(r + 1, c + 1).value = text;
      }),
    );
  }

  /**
   * Save to `file` without a moment where it is half written: a temporary file beside it, then
   * a rename over it.
   */
  async save(file: string): Promise<void> {
    const buffer = await this.workbook.xlsx.writeBuffer();
    const tmp = path.join(
      path.dirname(file),
      `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      await writeFile(tmp, new Uint8Array(buffer as ArrayBuffer));
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new UserError(`无法保存工作簿：${file}（${e instanceof Error ? e.message : String(e)}）`);
    }
  }
}

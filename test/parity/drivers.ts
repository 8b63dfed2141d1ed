import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createApiClient } from '../../addin/src/api/client.js';
import { SyncController, type Session, type SyncOutcome } from '../../addin/src/app/syncController.js';
import { FakeServer } from '../../addin/src/app/testing/fakeServer.js';
import { OfficeWorkbook } from '../../addin/src/excel/officeWorkbook.js';
import { FakeExcel, FakeSheet } from '../../addin/src/excel/testing/fakeExcel.js';
import type { ExcelHost } from '../../addin/src/excel/host.js';
import { SyncApi } from '../../cli/src/sync/apiClient.js';
import { pullFile } from '../../cli/src/sync/pull.js';
import { pushFiles } from '../../cli/src/sync/push.js';
import { ExcelJsWorkbook } from '../../cli/src/xlsx/exceljsWorkbook.js';
import { demoSettings } from '../../shared/settings/index.js';
import { isoToSerial } from '../../shared/sheet/render.js';
import type { CellRange, SheetState } from '../../shared/sheet/port.js';
import { STATE_SHEET } from '../../shared/sheet/state.js';

/**
 * The adapter parity harness (issue 13): one workbook, given as a grid of values, run through
 * the add-in (the pane's controller over the Office.js adapter and the fake Excel) and through
 * the CLI (push and pull over the ExcelJS adapter and a real .xlsx file), each against its own
 * fake server seeded alike. A Date in the grid is an Excel date: a serial number in a
 * date-formatted cell for Excel, a Date in a date-formatted cell for ExcelJS — as each reads a
 * date typed by an officer. Cells are compared as Excel holds them (dates as serial numbers).
 */

export const SESSION: Session = {
  userId: 'officer-mech-info',
  name: '机电分工会干部',
  role: 'officer',
  unit: 'mech-info',
  settings: demoSettings,
};

export type Grid = unknown[][];

export interface Driver {
  readonly name: 'addin' | 'cli';
  readonly server: FakeServer;
  /** 同步 in the pane; `union-ledger push` then `union-ledger pull` in the CLI. */
  sync(opts?: { chunkSize?: number; deletes?: boolean }): Promise<unknown>;
  /** 拉取 / `union-ledger pull`: how many rows it reported as conflicts. */
  pull(): Promise<{ conflicts: number }>;
  /** The workbook loses its state sheet (copied cell by cell into a new workbook). */
  dropState(): Promise<void>;
  /** The sheet's values (dates as serial numbers, blanks as null), trimmed to what holds values. */
  grid(): Promise<Grid>;
  states(): Promise<SheetState[]>;
  /** An officer's edit of one cell. */
  edit(row: number, col: number, value: unknown): Promise<void>;
  /** The bodies of the push requests, in order. */
  pushes(): unknown[];
  close(): Promise<void>;
}

const DATE_FORMAT = 'yyyy-mm-dd';

function excelSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function ids(): () => string {
  let n = 0;
  return () => `row-0000-${String(++n).padStart(4, '0')}`;
}

function normalise(values: readonly (readonly unknown[])[]): Grid {
  const rows = values.map((r) =>
    r.map((v) => (v instanceof Date ? excelSerial(v) : v === '' || v === undefined ? null : v)),
  );
  let bottom = rows.length;
  while (bottom > 0 && rows[bottom - 1]!.every((v) => v === null)) bottom--;
  const trimmed = rows.slice(0, bottom);
  const right = Math.max(
    0,
    ...trimmed.map((r) => r.reduce<number>((m, v, i) => (v === null ? m : i + 1), 0)),
  );
  return trimmed.map((r) => Array.from({ length: right }, (_, i) => r[i] ?? null));
}

/** Counts Excel.run (batches) and context.sync separately. */
export class CountingHost implements ExcelHost {
  runs = 0;
  constructor(private readonly excel: FakeExcel) {}
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.runs++;
    return this.excel.host.run(batch);
  }
  isSetSupported(name: string, version: string): boolean {
    return this.excel.host.isSetSupported(name, version);
  }
  get syncs(): number {
    return this.excel.syncs;
  }
}

export class AddinDriver implements Driver {
  readonly name = 'addin' as const;
  readonly server = new FakeServer();
  readonly excel: FakeExcel;
  readonly host: CountingHost;
  readonly book: OfficeWorkbook;
  readonly controller: SyncController;
  /** Called with the number of push requests answered so far, before each further one. */
  beforePush: ((answered: number) => void) | null = null;
  private readonly deps: ConstructorParameters<typeof SyncController>[0];

  constructor(
    readonly sheetName: string,
    values: Grid,
    merges: readonly CellRange[] = [],
  ) {
    const sheet = new FakeSheet(sheetName);
    sheet.merges = [...merges];
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        if (v instanceof Date) {
          sheet.setFormat({ top: r + 1, left: c + 1, bottom: r + 1, right: c + 1 }, DATE_FORMAT);
          sheet.load([[excelSerial(v)]], r + 1, c + 1);
        } else sheet.load([[v]], r + 1, c + 1);
      }),
    );
    this.excel = new FakeExcel({ sheets: [sheet] });
    this.host = new CountingHost(this.excel);
    this.book = new OfficeWorkbook(this.host);
    const newId = ids();
    let answered = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (init?.method === 'POST') this.beforePush?.(answered++);
      return this.server.fetch(input, init);
    };
    const api = createApiClient({
      baseUrl: 'http://fake.local/api',
      token: () => 'tok',
      fetch,
      sleep: async () => {},
    });
    this.deps = { workbook: this.book, api, session: () => SESSION, newId, today: () => '2023-12-31' };
    this.controller = new SyncController(this.deps);
  }

  async sync(opts: { chunkSize?: number; deletes?: boolean } = {}): Promise<SyncOutcome> {
    // Another chunk size: a controller over the same workbook, server and ids.
    const controller = opts.chunkSize
      ? new SyncController({ ...this.deps, chunkSize: opts.chunkSize })
      : this.controller;
    return controller.sync(this.sheetName, {
      confirmDeletes: async (requests) => (opts.deletes === false ? [] : requests.map((r) => r.rowId)),
    });
  }

  async pull(): Promise<{ conflicts: number }> {
    return { conflicts: (await this.controller.pull(this.sheetName)).conflicts.length };
  }

  async dropState(): Promise<void> {
    const i = this.excel.sheets.findIndex((s) => s.name === STATE_SHEET);
    if (i >= 0) this.excel.sheets.splice(i, 1);
  }

  async grid(): Promise<Grid> {
    const sheet = this.excel.sheet(this.sheetName);
    const rect = sheet.usedRect();
    return normalise(sheet.snapshot({ ...rect, top: 1, left: 1 }));
  }

  states(): Promise<SheetState[]> {
    return this.book.readState();
  }

  async edit(row: number, col: number, value: unknown): Promise<void> {
    const sheet = this.excel.sheet(this.sheetName);
    if (value instanceof Date) {
      sheet.setFormat({ top: row, left: col, bottom: row, right: col }, DATE_FORMAT);
      sheet.load([[excelSerial(value)]], row, col);
    } else if (value === null) sheet.clear({ top: row, left: col, bottom: row, right: col }, 'Contents');
    else sheet.load([[value]], row, col);
  }

  pushes(): unknown[] {
    return this.server.requests.filter((r) => r.method === 'POST').map((r) => r.body);
  }

  async close(): Promise<void> {}
}

export class CliDriver implements Driver {
  readonly name = 'cli' as const;
  readonly server = new FakeServer();
  private readonly newId = ids();
  private constructor(
    readonly sheetName: string,
    readonly dir: string,
    readonly file: string,
  ) {}

  static async create(
    sheetName: string,
    values: Grid,
    merges: readonly CellRange[] = [],
  ): Promise<CliDriver> {
    const dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-parity-'));
    const driver = new CliDriver(sheetName, dir, path.join(dir, 'book.xlsx'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheetName);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v as ExcelJS.CellValue;
        if (v instanceof Date) cell.numFmt = DATE_FORMAT;
      }),
    );
    for (const m of merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    await wb.xlsx.writeFile(driver.file);
    return driver;
  }

  private api(): SyncApi {
    return new SyncApi({
      api: 'http://fake.local/api',
      token: 'tok',
      fetch: this.server.fetch,
      sleep: async () => {},
    });
  }

  async sync(opts: { chunkSize?: number; deletes?: boolean } = {}): Promise<void> {
    void opts.chunkSize;
    await pushFiles([this.file], {
      api: this.api(),
      consent: async () => opts.deletes !== false,
      progress: { start() {}, tick() {}, done() {} },
      newId: this.newId,
    });
    await this.pull();
  }

  async pull(): Promise<{ conflicts: number }> {
    const report = await pullFile(this.file, { api: this.api(), today: '2023-12-31' });
    return { conflicts: report.sheets.reduce((n, s) => n + s.conflicts.length, 0) };
  }

  async dropState(): Promise<void> {
    const wb = await this.workbook();
    const ws = wb.getWorksheet(STATE_SHEET);
    if (ws) wb.removeWorksheet(ws.id);
    await wb.xlsx.writeFile(this.file);
  }

  private async workbook(): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(this.file);
    return wb;
  }

  async grid(): Promise<Grid> {
    // As Excel shows a merge: its value in the first cell, the covered cells empty.
    const ws = (await this.workbook()).getWorksheet(this.sheetName)!;
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const line: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        line[c - 1] = cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
      });
      values[r - 1] = line;
    });
    return normalise(Array.from(values, (r) => Array.from(r ?? [], (v) => v ?? null)));
  }

  async states(): Promise<SheetState[]> {
    return new ExcelJsWorkbook(await this.workbook()).readState();
  }

  async edit(row: number, col: number, value: unknown): Promise<void> {
    const wb = await this.workbook();
    const cell = wb.getWorksheet(this.sheetName)!.getCell(row, col);
    cell.value = value as ExcelJS.CellValue;
    if (value instanceof Date) cell.numFmt = DATE_FORMAT;
    await wb.xlsx.writeFile(this.file);
  }

  pushes(): unknown[] {
    return this.server.requests.filter((r) => r.method === 'POST').map((r) => r.body);
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Both drivers over the same workbook. */
export async function bothOf(
  sheetName: string,
  values: Grid,
  merges: readonly CellRange[] = [],
): Promise<[AddinDriver, CliDriver]> {
  return [new AddinDriver(sheetName, values, merges), await CliDriver.create(sheetName, values, merges)];
}

export const serial = (iso: string): number => isoToSerial(iso)!;

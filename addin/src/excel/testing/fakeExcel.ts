import { OfficeMockObject } from 'office-addin-mock';
import type { CellRange } from '../../../../shared/sheet/port.js';
import { colNumber, rangeAddress } from '../a1.js';
import type { ExcelHost } from '../host.js';

/**
 * A TEST DOUBLE of Excel for the adapter's unit tests — never shipped. The Office.js objects the
 * adapter touches (context, workbook, application, runtime, worksheets, ranges, merged areas,
 * note locations) are office-addin-mock `OfficeMockObject`s, so a property read without
 * `load` + `sync` comes back as the mock's "not loaded" error text and breaks the code under
 * test. The mock cannot express what lies behind those objects, so this file adds it:
 *
 * - a cell grid per sheet (values, number formats, fills, notes, comments, hidden columns),
 *   shared by every range made from an address — the mock has no addressing;
 * - request semantics: property sets and method calls are queued and applied at `sync`, in
 *   order (the mock applies sets at once); `sync` is counted and every request logged;
 * - Excel's behaviour that the tests check against: a string written into a cell that is not
 *   text-formatted turns into a formula or a number; requests and responses above 5 MB fail
 *   (RequestPayloadSizeLimitExceeded, as in Excel on the web); more than 512 merged areas fail;
 *   a note added where one exists fails; writes while events are on, or values without
 *   suspended calculation, are recorded as violations;
 * - collections (`worksheets`, `notes`, `comments`, `charts`) are small hand fakes, because the
 *   mock cannot load `items/name` (it has no navigation into arrays); they still refuse `items`
 *   before a load and a sync;
 * - an injected failure at a chosen operation, applied after the operations before it.
 */

export const EXCEL_LIMIT_BYTES = 5 * 1024 * 1024;
const STRIDE = 16_384;
const MAX_ROWS = 1_048_576;

type Value = string | number | boolean;

interface Cell {
  value?: Value;
  formula?: string;
  format?: string;
  fill?: string;
}

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string = code,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export class FakeSheet {
  readonly cells = new Map<number, Cell>();
  visibility = 'Visible';
  readonly hiddenColumns = new Set<number>();
  merges: CellRange[] = [];
  readonly notes = new Map<string, string>();
  readonly comments = new Map<string, string>();
  frozenRows = 0;
  readonly charts: FakeChart[] = [];
  readonly conditionalFormats: { address: string; type: string; cf: FakeConditionalFormat }[] = [];
  readonly validations = new Map<string, { rule?: unknown; errorAlert?: unknown }>();
  /** Format properties set on ranges: `${address} ${path}` → value. */
  readonly formatting = new Map<string, unknown>();

  constructor(public name: string) {}

  cell(row: number, col: number): Cell | undefined {
    return this.cells.get(row * STRIDE + col);
  }

  value(row: number, col: number): Value | null {
    return this.cell(row, col)?.value ?? null;
  }

  private upsert(row: number, col: number): Cell {
    const key = row * STRIDE + col;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = {}));
    return c;
  }

  /** Values as a user would have typed them (a test fixture: no conversion). */
  load(values: readonly (readonly unknown[])[], top = 1, left = 1): this {
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        this.upsert(top + r, left + c).value = v instanceof Date ? v.toISOString() : (v as Value);
      }),
    );
    return this;
  }

  setFill(rect: CellRange, colour: string | undefined): void {
    forCells(rect, (r, c) => {
      this.upsert(r, c).fill = colour;
    });
  }

  setFormat(rect: CellRange, format: string): void {
    forCells(rect, (r, c) => {
      this.upsert(r, c).format = format;
    });
  }

  /** Excel's typing rules, in the small: text-formatted cells keep strings as they are. */
  type(row: number, col: number, v: Value | ''): void {
    const c = this.upsert(row, col);
    delete c.formula;
    if (v === '') {
      delete c.value;
      return;
    }
    if (typeof v === 'string' && c.format !== '@') {
      if (/^[=+\-@]/.test(v) && v.length > 1) {
        c.formula = v;
        delete c.value;
        return;
      }
      if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(v)) {
        c.value = Number(v);
        return;
      }
    }
    c.value = v;
  }

  /** Bounding rectangle of cells with a value (getUsedRange(valuesOnly)); A1 when empty. */
  usedRect(): CellRange {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const [key, c] of this.cells) {
      if (c.value === undefined && c.formula === undefined) continue;
      const r = Math.floor(key / STRIDE);
      const col = key % STRIDE;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
    return bottom === 0 ? { top: 1, left: 1, bottom: 1, right: 1 } : { top, left, bottom, right };
  }

  snapshot(rect: CellRange): Value[][] {
    const out: Value[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: Value[] = [];
      for (let c = rect.left; c <= rect.right; c++) row.push(this.cell(r, c)?.value ?? '');
      out.push(row);
    }
    return out;
  }

  /** One colour when every cell has it, null when mixed; '#FFFFFF' for no fill. */
  uniformFill(rect: CellRange): string | null {
    let seen: string | undefined;
    let first = true;
    let mixed = false;
    forCells(rect, (r, c) => {
      const f = this.cell(r, c)?.fill ?? '#FFFFFF';
      if (first) seen = f;
      else if (f !== seen) mixed = true;
      first = false;
    });
    return mixed ? null : (seen ?? '#FFFFFF');
  }

  deleteRows(top: number, bottom: number): void {
    const n = bottom - top + 1;
    const moved = new Map<number, Cell>();
    for (const [key, c] of this.cells) {
      const r = Math.floor(key / STRIDE);
      const col = key % STRIDE;
      if (r < top) moved.set(key, c);
      else if (r > bottom) moved.set((r - n) * STRIDE + col, c);
    }
    this.cells.clear();
    for (const [k, c] of moved) this.cells.set(k, c);
    // Merged areas move up with their rows; one inside the deleted rows goes.
    this.merges = this.merges.flatMap((m) => {
      if (m.bottom < top) return [m];
      if (m.top > bottom) return [{ ...m, top: m.top - n, bottom: m.bottom - n }];
      if (m.top >= top && m.bottom <= bottom) return [];
      return [{ ...m, bottom: m.bottom - Math.min(n, m.bottom - top + 1) }];
    });
  }

  insertRows(before: number, count: number): void {
    const moved = new Map<number, Cell>();
    for (const [key, c] of this.cells) {
      const r = Math.floor(key / STRIDE);
      moved.set(r >= before ? key + count * STRIDE : key, c);
    }
    this.cells.clear();
    for (const [k, c] of moved) this.cells.set(k, c);
    // Merged areas below move down with their rows, as Excel's do.
    this.merges = this.merges.map((m) =>
      m.top >= before ? { ...m, top: m.top + count, bottom: m.bottom + count } : m,
    );
  }

  /** Formats and fills of row `from` onto rows `top`..`bottom` (Range.copyFrom, 'Formats'). */
  copyRowFormats(from: number, top: number, bottom: number): void {
    for (const [key, c] of [...this.cells]) {
      if (Math.floor(key / STRIDE) !== from) continue;
      const col = key % STRIDE;
      for (let r = top; r <= bottom; r++) {
        const dst = this.upsert(r, col);
        if (c.format !== undefined) dst.format = c.format;
        if (c.fill !== undefined) dst.fill = c.fill;
      }
    }
  }

  clear(rect: CellRange, what: string): void {
    for (const [key, cell] of this.cells) {
      const r = Math.floor(key / STRIDE);
      const c = key % STRIDE;
      if (r < rect.top || r > rect.bottom || c < rect.left || c > rect.right) continue;
      delete cell.value;
      delete cell.formula;
      if (what === 'All') {
        delete cell.fill;
        delete cell.format;
      }
    }
  }
}

function forCells(rect: CellRange, fn: (row: number, col: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
}

export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  title: { text?: string };
  legend: { position?: string; visible?: boolean };
  position?: [string, string];
  xAxisValues?: string;
}

export interface FakeConditionalFormat {
  textComparison: {
    format: { fill: { color?: string }; font: { color?: string } };
    rule?: { operator: string; text: string };
  };
}

interface Op {
  kind: string;
  bytes: number;
  apply: () => void;
  /** Writes cells (checked against events and calculation). */
  writes?: boolean;
}

export interface RequestLog {
  ops: number;
  bytes: number;
  kinds: Record<string, number>;
}

export interface FakeOptions {
  /** The highest ExcelApi version the host supports, e.g. '1.18', '1.13', '1.9'. */
  api?: string;
  sheets?: FakeSheet[];
}

type MockObject = OfficeMockObject & Record<string, unknown>;

export class FakeExcel {
  readonly sheets: FakeSheet[];
  api: string;
  syncs = 0;
  readonly requests: RequestLog[] = [];
  readonly violations: string[] = [];
  eventsEnabled = true;
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string;
  /** Fail at the first queued operation this returns an error for (earlier ones are applied). */
  failOn: ((op: { kind: string }) => FakeError | null) | null = null;

  private queue: Op[] = [];
  private pendingReads: { bytes: () => number; check?: () => void }[] = [];
  private mocks: MockObject[] = [];
  private internal = 0;
  private readonly addressOf = new WeakMap<object, string>();
  private calcSuspended = false;
  readonly context: MockObject;

  constructor(opts: FakeOptions = {}) {
    this.sheets = opts.sheets ?? [new FakeSheet('Sheet1')];
    this.api = opts.api ?? '1.18';
    this.activeSheet = this.sheets[0]?.name ?? 'Sheet1';
    const runtime = this.mock({});
    this.intercept(runtime, 'enableEvents', (v) =>
      this.op('enableEvents', 0, () => (this.eventsEnabled = !!v)),
    );
    const application = this.mock({
      suspendApiCalculationUntilNextSync: () => this.op('suspendCalc', 0, () => (this.calcSuspended = true)),
      suspendScreenUpdatingUntilNextSync: () => this.op('suspendScreen', 0, () => {}),
    });
    const workbook = this.mock({});
    workbook.worksheets = this.worksheets();
    workbook.application = application;
    this.context = this.mock({});
    this.context.workbook = workbook;
    this.context.application = application;
    this.context.runtime = runtime;
    this.context.sync = () => this.sync();
  }

  /** The ExcelHost of the adapter, running batches against this this. */
  get host(): ExcelHost {
    return {
      run: (batch) => batch(this.context as unknown as Excel.RequestContext),
      isSetSupported: (name, version) => name === 'ExcelApi' && versionAtMost(version, this.api),
    };
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new FakeError('ItemNotFound', `no sheet ${name}`);
    return s;
  }

  /** Op kinds of all requests so far, summed. */
  opCount(kind: string): number {
    return this.requests.reduce((n, r) => n + (r.kinds[kind] ?? 0), 0);
  }

  // ------------------------------------------------------------------ requests

  private async sync(): Promise<void> {
    this.syncs++;
    const ops = this.queue;
    const reads = this.pendingReads;
    this.queue = [];
    this.pendingReads = [];
    const kinds: Record<string, number> = {};
    for (const o of ops) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    const bytes = ops.reduce((n, o) => n + o.bytes, 0);
    this.requests.push({ ops: ops.length, bytes, kinds });
    if (bytes > EXCEL_LIMIT_BYTES)
      throw new FakeError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes`);
    this.calcSuspended = false;
    try {
      for (const o of ops) {
        const failure = this.failOn?.(o);
        if (failure) throw failure;
        if (o.writes) {
          if (this.eventsEnabled) this.violations.push(`${o.kind} with events on`);
          if (o.kind === 'values' && !this.calcSuspended)
            this.violations.push('values without suspended calculation');
        }
        o.apply();
      }
      for (const r of reads) r.check?.();
      const response = reads.reduce((n, r) => n + r.bytes(), 0);
      if (response > EXCEL_LIMIT_BYTES)
        throw new FakeError('ResponsePayloadSizeLimitExceeded', `response of ${response} bytes`);
    } finally {
      this.calcSuspended = false;
    }
    // Let the mocks resolve their loads (their sync updates parents on later microtasks).
    this.internal++;
    try {
      for (const m of this.mocks) void OfficeMockObject.prototype.sync.call(m);
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      this.internal--;
    }
  }

  private op(kind: string, bytes: number, apply: () => void, writes = false): void {
    this.queue.push({ kind, bytes: bytes + 150, apply, writes });
  }

  private read(bytes: () => number, check?: () => void): void {
    this.pendingReads.push(check ? { bytes, check } : { bytes });
  }

  /** An OfficeMockObject whose loads are recorded and resolved by this fake's sync. */
  private mock(data: Record<string, unknown>, onLoad?: (props: string) => void): MockObject {
    const m = new OfficeMockObject(data) as MockObject;
    const load = m.load.bind(m);
    m.load = (arg) => {
      this.internal++;
      try {
        const props = Array.isArray(arg) ? arg.join(',') : typeof arg === 'string' ? arg : '*';
        onLoad?.(props);
        return load(arg) as MockObject;
      } finally {
        this.internal--;
      }
    };
    this.mocks.push(m);
    return m;
  }

  /** Sets of `prop` by the code under test become queued operations; the mock's own sets pass. */
  private intercept(
    obj: object,
    prop: string,
    onSet: (v: unknown) => void,
    shown: (v: unknown) => unknown = (v) => v,
  ): void {
    let current = (obj as Record<string, unknown>)[prop];
    Object.defineProperty(obj, prop, {
      configurable: true,
      enumerable: true,
      get: () => shown(current),
      set: (v: unknown) => {
        current = v;
        if (this.internal === 0) onSet(v);
      },
    });
  }

  // ------------------------------------------------------------------ collections

  private worksheets(): object {
    let loaded = -1;
    return withItems(
      {
        getItem: (name: string) => this.worksheet(name, false),
        getItemOrNullObject: (name: string) => this.worksheet(name, true),
        getActiveWorksheet: () => this.worksheet(this.activeSheet, false),
        add: (name: string) => {
          this.op('addSheet', jsonLength(name), () => {
            if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
              throw new FakeError('ItemAlreadyExists', name);
            this.sheets.push(new FakeSheet(name));
          });
          return this.worksheet(name, false);
        },
        load: () => {
          loaded = this.syncs + 1;
        },
      },
      () => {
        if (loaded < 0 || this.syncs < loaded) return notLoaded('worksheets.items');
        return this.sheets.map((s) => ({ name: s.name }));
      },
    );
  }

  private worksheet(name: string, orNull: boolean): MockObject {
    const exists = this.sheets.some((s) => s.name === name);
    if (!exists && !orNull)
      this.read(
        () => 0,
        () => {
          if (!this.sheets.some((s) => s.name === name))
            throw new FakeError('ItemNotFound', `no sheet ${name}`);
        },
      );
    const ws = this.mock({
      name,
      isNullObject: orNull && !exists,
      getRange: (address?: string) => this.range(name, address),
      getUsedRange: () =>
        this.range(name, rangeAddress(this.sheets.find((s) => s.name === name)?.usedRect() ?? ONE)),
      getRanges: (address: string) => this.rangeAreas(name, address),
      activate: () => this.op('activate', 0, () => (this.activeSheet = name)),
    });
    this.intercept(ws, 'visibility', (v) =>
      this.op('visibility', 0, () => (this.sheet(name).visibility = String(v))),
    );
    ws.freezePanes = {
      freezeRows: (n: number) => this.op('freezeRows', 0, () => (this.sheet(name).frozenRows = n)),
    };
    ws.notes = this.marks(name, 'notes');
    ws.comments = this.marks(name, 'comments');
    ws.charts = this.charts(name);
    return ws;
  }

  private marks(sheetName: string, kind: 'notes' | 'comments'): object {
    let loaded = -1;
    const store = (): Map<string, string> => this.sheet(sheetName)[kind];
    const items = (): object[] => {
      if (loaded < 0 || this.syncs < loaded) return notLoaded(`${kind}.items`);
      return [...store().entries()].map(([address, content]) =>
        this.markItem(sheetName, kind, address, content),
      );
    };
    return withItems(
      {
        load: () => {
          loaded = this.syncs + 1;
          this.read(() => [...store().values()].reduce((n, t) => n + jsonLength(t) + 40, 0));
        },
        add: (address: string, content: string) => {
          this.op(
            `${kind}.add`,
            jsonLength(content) + address.length,
            () => {
              if (store().has(address)) throw new FakeError('InvalidArgument', `${address} already has one`);
              store().set(address, content);
            },
            true,
          );
        },
      },
      items,
    );
  }

  private markItem(sheetName: string, kind: 'notes' | 'comments', address: string, content: string): object {
    const item = {
      content,
      getLocation: () => this.mock({ address: `${quoteSheet(sheetName)}!${address}` }),
      delete: () => this.op(`${kind}.delete`, 0, () => this.sheet(sheetName)[kind].delete(address), true),
    };
    this.intercept(item, 'content', (v) =>
      this.op(
        `${kind}.content`,
        jsonLength(v),
        () => this.sheet(sheetName)[kind].set(address, String(v)),
        true,
      ),
    );
    return item;
  }

  private charts(sheetName: string): object {
    let loaded = -1;
    const items = (): object[] => {
      if (loaded < 0 || this.syncs < loaded) return notLoaded('charts.items');
      return this.sheet(sheetName).charts.map((chart) => ({
        name: chart.title.text ?? '',
        delete: () =>
          this.op('chart.delete', 0, () => {
            const list = this.sheet(sheetName).charts;
            list.splice(list.indexOf(chart), 1);
          }),
      }));
    };
    return withItems(
      {
        add: (type: string, source: MockObject, seriesBy: string) => {
          const chart: FakeChart = {
            type,
            source: this.addressOf.get(source) ?? '?',
            seriesBy,
            title: {},
            legend: {},
          };
          this.op('chart.add', 0, () => this.sheet(sheetName).charts.push(chart));
          return {
            title: chart.title,
            legend: chart.legend,
            setPosition: (a: string, b: string) => (chart.position = [a, b]),
            series: {
              getItemAt: () => ({
                setXAxisValues: (r: MockObject) => (chart.xAxisValues = this.addressOf.get(r) ?? '?'),
              }),
            },
          };
        },
        load: () => {
          loaded = this.syncs + 1;
        },
      },
      items,
    );
  }

  // ------------------------------------------------------------------ ranges

  private range(sheetName: string, address?: string): MockObject {
    const rect = address === undefined ? WHOLE : parseAny(address);
    const sheet = this.sheets.find((s) => s.name === sheetName);
    const small = cellsIn(rect) <= 500_000; // whole columns are never loaded: no snapshot
    const values = sheet && small ? sheet.snapshot(rect) : [];
    const label = `${quoteSheet(sheetName)}!${address ?? 'A1:XFD1048576'}`;
    const loads: string[] = [];
    const r = this.mock(
      {
        address: address === undefined ? label : `${quoteSheet(sheetName)}!${rangeAddress(rect)}`,
        values,
        rowCount: rect.bottom - rect.top + 1,
        columnCount: rect.right - rect.left + 1,
        // The mock cannot hold null (it would make it an object): MIXED stands for it.
        format: { fill: { color: (sheet && small ? sheet.uniformFill(rect) : null) ?? MIXED }, font: {} },
        getMergedAreasOrNullObject: () => this.mergedAreas(sheetName, rect),
        getCellProperties: () => this.cellProperties(sheetName, rect),
        select: () =>
          this.op('select', 0, () => (this.selection = { sheet: sheetName, address: address ?? '' })),
        delete: (shift: string) =>
          this.op(
            'deleteRows',
            0,
            () => {
              if (shift !== 'Up' || rect.left !== 1 || rect.right !== STRIDE - 1)
                throw new FakeError('InvalidArgument');
              this.sheet(sheetName).deleteRows(rect.top, rect.bottom);
            },
            true,
          ),
        insert: (shift: string) => {
          this.op(
            'insertRows',
            0,
            () => {
              if (shift !== 'Down' || rect.left !== 1 || rect.right !== STRIDE - 1)
                throw new FakeError('InvalidArgument');
              this.sheet(sheetName).insertRows(rect.top, rect.bottom - rect.top + 1);
            },
            true,
          );
          return this.range(sheetName, address);
        },
        copyFrom: (source: string, type: string) =>
          this.op(
            'copyFrom',
            0,
            () => {
              const src = parseAny(source);
              if (type !== 'Formats' || src.top !== src.bottom)
                throw new FakeError('NotImplemented', 'fake: one row of formats');
              this.sheet(sheetName).copyRowFormats(src.top, rect.top, rect.bottom);
            },
            true,
          ),
        clear: (what = 'All') => this.op('clear', 0, () => this.sheet(sheetName).clear(rect, what), true),
      },
      (props) => {
        loads.push(props);
        if (props.includes('values')) this.read(() => jsonLength(values));
      },
    );
    this.intercept(r, 'values', (v) =>
      this.op(
        'values',
        jsonLength(v),
        () => {
          const s = this.sheet(sheetName);
          (v as (Value | null)[][]).forEach((row, i) =>
            row.forEach((x, j) => {
              if (x !== null) s.type(rect.top + i, rect.left + j, x);
            }),
          );
        },
        true,
      ),
    );
    this.intercept(r, 'numberFormat', (v) =>
      this.op(
        'numberFormat',
        jsonLength(v),
        () => {
          const s = this.sheet(sheetName);
          (v as (string | null)[][]).forEach((row, i) =>
            row.forEach((f, j) => {
              if (f !== null)
                s.setFormat(
                  { top: rect.top + i, bottom: rect.top + i, left: rect.left + j, right: rect.left + j },
                  f,
                );
            }),
          );
        },
        true,
      ),
    );
    this.intercept(r, 'columnHidden', (v) =>
      this.op(
        'columnHidden',
        0,
        () => {
          for (let c = rect.left; c <= rect.right; c++)
            if (v) this.sheet(sheetName).hiddenColumns.add(c);
            else this.sheet(sheetName).hiddenColumns.delete(c);
        },
        true,
      ),
    );
    const format = r.format as MockObject;
    const fill = format.fill as MockObject;
    this.intercept(
      fill,
      'color',
      (v) => this.op('fill', jsonLength(v), () => this.sheet(sheetName).setFill(rect, String(v)), true),
      (v) => (v === MIXED ? null : v),
    );
    fill.clear = () => this.op('fill.clear', 0, () => this.sheet(sheetName).setFill(rect, undefined), true);
    const styled = (obj: object, path: string, prop: string): void =>
      this.intercept(obj, prop, (v) =>
        this.op('format', 0, () =>
          this.sheet(sheetName).formatting.set(`${rangeAddress(rect)} ${path}${prop}`, v),
        ),
      );
    for (const p of ['bold', 'size', 'color']) styled(format.font as object, 'font.', p);
    styled(format, '', 'columnWidth');
    const dataValidation = {};
    for (const p of ['rule', 'errorAlert'])
      this.intercept(dataValidation, p, (v) =>
        this.op('dataValidation', jsonLength(v), () => {
          const key = rangeAddress(rect);
          const s = this.sheet(sheetName);
          s.validations.set(key, { ...s.validations.get(key), [p]: v });
        }),
      );
    r.dataValidation = dataValidation;
    this.addressOf.set(r, address ?? '');
    r.conditionalFormats = {
      add: (type: string) => {
        const cf: FakeConditionalFormat = { textComparison: { format: { fill: {}, font: {} } } };
        this.op('conditionalFormat', 0, () =>
          this.sheet(sheetName).conditionalFormats.push({ address: rangeAddress(rect), type, cf }),
        );
        return cf;
      },
      clearAll: () =>
        this.op('conditionalFormat.clearAll', 0, () => (this.sheet(sheetName).conditionalFormats.length = 0)),
    };
    return r;
  }

  /**
   * Worksheet.getRanges (ExcelApi 1.9): the fills of several areas in one operation, whose
   * request carries the address. Excel refuses long addresses (OfficeDev/office-js#5198: some
   * of about 8,000 characters or 500 areas fail), and so does this fake above MAX_AREAS_ADDRESS.
   */
  private rangeAreas(sheetName: string, address: string): MockObject {
    if (address.length > MAX_AREAS_ADDRESS)
      throw new FakeError('InvalidArgument', `getRanges: ${address.length} characters`);
    const areas = address.split(',').map(parseAny);
    const fill = this.mock({});
    this.intercept(fill, 'color', (v) =>
      this.op(
        'areas.fill',
        address.length + jsonLength(v),
        () => areas.forEach((rect) => this.sheet(sheetName).setFill(rect, String(v))),
        true,
      ),
    );
    fill.clear = () =>
      this.op(
        'areas.fill.clear',
        address.length,
        () => areas.forEach((rect) => this.sheet(sheetName).setFill(rect, undefined)),
        true,
      );
    const format = this.mock({});
    format.fill = fill;
    const r = this.mock({});
    r.format = format;
    return r;
  }

  private mergedAreas(sheetName: string, rect: CellRange): MockObject {
    const merges = (this.sheets.find((s) => s.name === sheetName)?.merges ?? []).filter((m) =>
      overlaps(m, rect),
    );
    this.read(
      () => merges.length * 30,
      () => {
        if (merges.length > 512) throw new FakeError('GeneralException', 'more than 512 merged areas');
      },
    );
    return this.mock({
      isNullObject: merges.length === 0,
      address: merges.map((m) => `${quoteSheet(sheetName)}!${rangeAddress(m)}`).join(','),
    });
  }

  private cellProperties(sheetName: string, rect: CellRange): { readonly value: unknown[][] } {
    const due = this.syncs + 1;
    this.read(() => cellsIn(rect) * 40);
    const value = (): unknown[][] => {
      if (this.syncs < due) throw new Error('ClientResult.value read before context.sync()');
      const s = this.sheet(sheetName);
      const out: unknown[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: unknown[] = [];
        for (let c = rect.left; c <= rect.right; c++)
          row.push({ format: { fill: { color: s.cell(r, c)?.fill ?? '#FFFFFF' } } });
        out.push(row);
      }
      return out;
    };
    // A ClientResult: its value exists after the sync that follows the call.
    return Object.defineProperty({}, 'value', { get: value, enumerable: true }) as {
      readonly value: unknown[][];
    };
  }
}

const MIXED = '(mixed)';
const MAX_AREAS_ADDRESS = 8_000;
const ONE: CellRange = { top: 1, left: 1, bottom: 1, right: 1 };
const WHOLE: CellRange = { top: 1, left: 1, bottom: MAX_ROWS, right: STRIDE - 1 };

/** A collection fake: `items` computed when read (and refused before load + sync). */
function withItems<T extends object>(collection: T, items: () => object[]): T {
  Object.defineProperty(collection, 'items', { get: items, enumerable: true });
  return collection;
}

function notLoaded(what: string): never {
  throw new Error(`${what} read before load and context.sync()`);
}

/** 'C5', 'A1:C3', 'C:E' (whole columns), '5:7' (whole rows). */
function parseAny(address: string): CellRange {
  const cols = /^([A-Z]+):([A-Z]+)$/.exec(address);
  if (cols) return { top: 1, bottom: MAX_ROWS, left: colNumber(cols[1]!), right: colNumber(cols[2]!) };
  const rows = /^(\d+):(\d+)$/.exec(address);
  if (rows) return { top: Number(rows[1]), bottom: Number(rows[2]), left: 1, right: STRIDE - 1 };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) throw new FakeError('InvalidArgument', `bad address ${address}`);
  return {
    left: colNumber(m[1]!),
    top: Number(m[2]),
    right: colNumber(m[3] ?? m[1]!),
    bottom: Number(m[4] ?? m[2]),
  };
}

function cellsIn(r: CellRange): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** UTF-8 bytes of the JSON, as a request carries it. */
export function jsonLength(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');
}

function versionAtMost(wanted: string, have: string): boolean {
  const [a1 = 0, a2 = 0] = wanted.split('.').map(Number);
  const [b1 = 0, b2 = 0] = have.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 <= b2);
}

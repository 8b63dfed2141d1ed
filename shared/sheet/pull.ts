import { isBlank } from '../cells/index.js';
import type { StoredRowWire } from '../api/sync.js';
import { validateRow, type Ledger } from '../ledgers/define.js';
import type { AnyField, ParseContext } from '../ledgers/field.js';
import type { Settings } from '../settings/schema.js';
import type { SheetLayout } from './detect.js';
import { gridOf } from './grid.js';
import { rowHash } from './hash.js';
import { ID_HEADER, REV_HEADER, STATUS_HEADER } from './headers.js';
import type { CellWrite, SheetState, UsedRange } from './port.js';
import { renderValue, type DateStyle, type RenderedCell } from './render.js';
import { PERSON_PAIRS, type SheetRow } from './rows.js';
import { STATUS_LABELS } from './writeback.js';

/**
 * Pull (DESIGN.md data flow 8), the pure half: given a sheet, its sync state and the rows the
 * server changed since the state's change token, decide what to write. Rows are matched by
 * `_id`. A row the officer edited and has not pushed (its content hash differs from the state)
 * is never overwritten: it is reported and marked as a conflict. The adapter applies the plan
 * in this order: `insert`, `writes`, `deletes` (every deleted row lies above the inserted ones,
 * and every write above the insertion point is unaffected by it).
 */

export type PulledRow = Pick<
  StoredRowWire,
  'rowId' | 'rev' | 'fields' | 'deleted' | 'seq' | 'updatedAt' | 'updatedBy'
>;

/** What the status column says of a row that a pull brought in or updated. */
export const PULLED_LABEL = '已拉取';

export interface PullConflict {
  rowId: string;
  sheetRow: number;
  message: string;
}

export interface PullPlanInput {
  used: UsedRange;
  layout: SheetLayout;
  ledger: Ledger;
  /** The sheet's rows as the push reads them: readRows, then maskIdentity. */
  rows: readonly SheetRow[];
  state: SheetState | undefined;
  /** Changed rows and tombstones, any order, possibly repeated (the overlap of change tokens). */
  server: readonly PulledRow[];
  settings: Settings;
  /** ISO date in Asia/Shanghai, for the field parsers' date ranges. */
  today: string;
  /** Whether rows new to the workbook are appended to this sheet (the first sheet of a kind). */
  appendNew: boolean;
  /** Row ids that live in another sheet of the same workbook: neither appended nor touched here. */
  elsewhere?: ReadonlySet<string>;
  /** The adapter cannot insert rows: append below the used range instead of above a footer. */
  appendBelowUsedRange?: boolean;
}

export interface PullPlan {
  /** Blank rows to insert before `before`, formatted like `formatFrom` (null: no data row to copy). */
  insert: { before: number; count: number; formatFrom: number | null } | null;
  writes: CellWrite[];
  /** Sheet rows to remove (tombstones), in the sheet's numbering before the plan is applied. */
  deletes: number[];
  /** `_id` and `_rev`: keep hidden. */
  hide: number[];
  /** Rows whose content now equals the server's: re-read and hash them into the state. */
  synced: string[];
  /** Rows removed from the sheet: drop them from the state. */
  removed: string[];
  conflicts: PullConflict[];
  counts: { updated: number; appended: number; removed: number; unchanged: number; conflicts: number };
}

export function planPull(input: PullPlanInput): PullPlan {
  const { layout, state } = input;
  if (layout.headerRow === null) throw new Error('planPull: the sheet has no header row');
  const headerRow = layout.headerRow;
  const plan: PullPlan = {
    insert: null,
    writes: [],
    deletes: [],
    hide: [],
    synced: [],
    removed: [],
    conflicts: [],
    counts: { updated: 0, appended: 0, removed: 0, unchanged: 0, conflicts: 0 },
  };

  // `_id`, `_rev` and 同步状态 right of the used range when the sheet has none yet (as planWriteback).
  let free = gridOf(input.used).right + 1;
  const own = { id: layout.idCol, rev: layout.revCol, status: layout.statusCol };
  const column = (key: keyof typeof own, header: string): number => {
    const existing = own[key];
    if (existing !== null) return existing;
    const col = free++;
    own[key] = col;
    plan.writes.push({ row: headerRow, col, value: header });
    return col;
  };

  const hashes = state?.hashes ?? {};
  const local = new Map<string, SheetRow>();
  for (const row of input.rows) if (row.rowId !== null && !local.has(row.rowId)) local.set(row.rowId, row);
  const latest = new Map<string, PulledRow>();
  for (const s of input.server) {
    const seen = latest.get(s.rowId);
    if (!seen || seen.seq < s.seq) latest.set(s.rowId, s);
  }

  const headers = Object.fromEntries(layout.columns.map((c) => [c.field, c.header]));
  const cells = new CellRenderer(input, headers);
  const appended: PulledRow[] = [];

  for (const s of latest.values()) {
    const row = local.get(s.rowId);
    if (!row) {
      // A row this sheet had and the officer removed (or moved away during an upload) stays
      // out: the next push asks whether to delete it on the server. Its tombstone closes it.
      const had = Object.hasOwn(hashes, s.rowId);
      if (s.deleted && had) plan.removed.push(s.rowId);
      else if (!s.deleted && !had && input.appendNew && !input.elsewhere?.has(s.rowId)) appended.push(s);
      continue;
    }
    // The overlap of change tokens, or the echo of our own push: the sheet has this version.
    if (row.rev === s.rev && !s.deleted) {
      plan.counts.unchanged++;
      continue;
    }
    const edited = row.cleared || !Object.hasOwn(hashes, s.rowId) || hashes[s.rowId] !== rowHash(row.raw);
    const conflict = (message: string): void => {
      plan.conflicts.push({ rowId: s.rowId, sheetRow: row.sheetRow, message });
      plan.writes.push({
        row: row.sheetRow,
        col: column('status', STATUS_HEADER),
        value: STATUS_LABELS.conflict,
        note: message,
        fill: 'conflict',
      });
    };
    const who = `${s.updatedBy}，${s.updatedAt.slice(0, 10)}`;
    if (s.deleted) {
      if (!edited || row.cleared) {
        plan.deletes.push(row.sheetRow);
        plan.removed.push(s.rowId);
      } else conflict(`该行已在服务器上被删除（${who}），本地的修改尚未推送，未删除本行：请核对后再推送`);
      continue;
    }
    const writes = cells.diff(row, s);
    if (writes.length > 0 && edited) {
      conflict(`该行已在服务器上被修改（${who}），本地的修改尚未推送，未覆盖本行：请核对后再推送`);
      continue;
    }
    plan.writes.push(...writes);
    plan.writes.push({ row: row.sheetRow, col: column('rev', REV_HEADER), value: s.rev });
    if (writes.length > 0) {
      plan.writes.push({
        row: row.sheetRow,
        col: column('status', STATUS_HEADER),
        value: PULLED_LABEL,
        note: null,
        fill: 'none',
      });
      plan.counts.updated++;
    } else plan.counts.unchanged++;
    plan.synced.push(s.rowId);
  }

  if (appended.length > 0) {
    const last = input.rows.reduce((max, r) => Math.max(max, r.sheetRow), 0);
    const before = input.appendBelowUsedRange ? gridOf(input.used).bottom + 1 : Math.max(last, headerRow) + 1;
    plan.insert = { before, count: appended.length, formatFrom: last > headerRow ? last : null };
    const serial = cells.lastSerial();
    appended.forEach((s, i) => {
      const row = before + i;
      for (const c of layout.columns) {
        const value = cells.render(c.field, s.fields, null);
        if (value !== null) plan.writes.push({ row, col: c.col, value });
      }
      if (serial) plan.writes.push({ row, col: serial.col, value: serial.value + i + 1 });
      plan.writes.push({ row, col: column('id', ID_HEADER), value: s.rowId });
      plan.writes.push({ row, col: column('rev', REV_HEADER), value: s.rev });
      plan.writes.push({ row, col: column('status', STATUS_HEADER), value: PULLED_LABEL });
      plan.synced.push(s.rowId);
    });
    plan.counts.appended = appended.length;
  }

  plan.deletes.sort((a, b) => a - b);
  plan.counts.removed = plan.deletes.length;
  plan.counts.conflicts = plan.conflicts.length;
  if (own.id !== null && own.rev !== null) plan.hide = [own.id, own.rev];
  return plan;
}

/** How the sheet shows each field: which cells already hold the server's value, and how to write one that does not. */
class CellRenderer {
  private readonly ledger: Ledger;
  private readonly dateStyles = new Map<number, DateStyle>();
  /** name field → its staff-number field, where the sheet keeps both in one cell (§4.5). */
  private readonly pairs: Map<string, string>;

  constructor(
    private readonly input: PullPlanInput,
    private readonly headers: Record<string, string>,
  ) {
    this.ledger = input.ledger;
    const bound = new Set(input.layout.columns.map((c) => c.field));
    this.pairs = new Map(
      PERSON_PAIRS.filter(([name, no]) => bound.has(name) && !bound.has(no) && no in this.ledger.fields),
    );
    // A date column holds serial numbers (Excel dates) when its last filled data cell does.
    const grid = gridOf(input.used);
    for (const c of input.layout.columns) {
      const type = this.ledger.fields[c.field]?.type;
      if (type !== 'date' && type !== 'month') continue;
      let style: DateStyle = 'text';
      for (let i = input.rows.length - 1; i >= 0; i--) {
        const v = grid.get(input.rows[i]!.sheetRow, c.col);
        if (isBlank(v)) continue;
        style = v instanceof Date || typeof v === 'number' ? 'serial' : 'text';
        break;
      }
      this.dateStyles.set(c.col, style);
    }
  }

  /** The writes that make a sheet row show the server's version; none when it already does. */
  diff(row: SheetRow, server: PulledRow): CellWrite[] {
    const ctx = { settings: this.input.settings, today: this.input.today };
    const verdict = validateRow(this.ledger, row.raw, ctx);
    if (verdict.fields !== null && sameValue(verdict.fields, server.fields)) return [];
    const writes: CellWrite[] = [];
    for (const c of this.input.layout.columns) {
      const field = this.ledger.fields[c.field];
      if (!field) continue;
      const pair = this.pairs.get(c.field);
      const holds =
        this.holds(field, c.field, row.raw.cells[c.field], server.fields) &&
        (pair === undefined ||
          this.holds(this.ledger.fields[pair]!, pair, row.raw.cells[pair], server.fields));
      if (holds) continue;
      writes.push({
        row: row.sheetRow,
        col: c.col,
        value: this.render(c.field, server.fields, row.raw.cells[c.field]),
        note: null,
        fill: 'none',
      });
    }
    return writes;
  }

  /** A field's cell as the officer would type it; `current` is what the cell holds now, if anything. */
  render(key: string, fields: Readonly<Record<string, unknown>>, current: unknown): RenderedCell {
    const field = this.ledger.fields[key]!;
    const col = this.input.layout.columns.find((c) => c.field === key)?.col;
    const dateStyle =
      current instanceof Date ||
      (typeof current === 'number' && (field.type === 'date' || field.type === 'month'))
        ? 'serial'
        : ((col !== undefined ? this.dateStyles.get(col) : undefined) ?? 'text');
    const value = renderValue(field.type, fields[key], { settings: this.input.settings, dateStyle });
    const pair = this.pairs.get(key);
    const staffNo = pair ? fields[pair] : null;
    if (pair && typeof value === 'string' && typeof staffNo === 'string') return `${value}（${staffNo}）`;
    return value;
  }

  /** The 序号 column and its last number, when the sheet numbers its rows. */
  lastSerial(): { col: number; value: number } | null {
    const col = this.input.layout.serialColumns[0];
    if (col === undefined) return null;
    const grid = gridOf(this.input.used);
    for (let i = this.input.rows.length - 1; i >= 0; i--) {
      const v = grid.get(this.input.rows[i]!.sheetRow, col);
      if (typeof v === 'number' && Number.isInteger(v)) return { col, value: v };
    }
    return this.input.rows.length === 0 ? { col, value: 0 } : null;
  }

  private holds(
    field: AnyField,
    key: string,
    cell: unknown,
    fields: Readonly<Record<string, unknown>>,
  ): boolean {
    const pctx: ParseContext = {
      header: this.headers[key] ?? field.header,
      settings: this.input.settings,
      today: this.input.today,
    };
    const parsed = field.parse(cell, pctx);
    if (!parsed.ok) return false;
    const want = fields[key] ?? null;
    const have = parsed.value ?? null;
    return (
      sameValue(have, want) ||
      (have === null && field.default !== undefined && sameValue(field.default, want))
    );
  }
}

/** Structural equality of stored values: scalars, arrays, plain objects; key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return (a ?? null) === (b ?? null);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameValue(ao[k] ?? null, bo[k] ?? null)) return false;
  return true;
}

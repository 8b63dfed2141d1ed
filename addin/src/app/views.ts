import type { StoredRowWire } from '../../../shared/api/index.js';
import { displayHeader } from '../../../shared/cells/index.js';
import { cellText } from '../../../shared/cells/text.js';
import { LEDGER_KINDS, type Ledger, type LedgerKind, type RawRow } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { noteText, type Issue } from '../../../shared/ledgers/issue.js';
import type { Role, Settings } from '../../../shared/settings/index.js';
import type { KindCandidate, SheetLayout } from '../../../shared/sheet/detect.js';
import type { LedgerSheet } from '../../../shared/sheet/engine/index.js';
import { planPush, type PlannedDelete } from '../../../shared/sheet/plan.js';
import { renderValue } from '../../../shared/sheet/render.js';
import type { SheetRow } from '../../../shared/sheet/rows.js';
import type { WritebackStatus } from '../../../shared/sheet/writeback.js';

/**
 * What the task pane shows, derived from the engine's results (shared/sheet/engine): the sheet
 * card, the results list, the conflict cards, the deletion question. Plans nothing itself.
 */

export interface Session {
  userId: string;
  name: string;
  role: Role;
  unit?: string | undefined;
  settings: Settings;
}

export interface ColumnView {
  col: number;
  letter: string;
  /** The header as typed in the sheet. */
  header: string;
  field?: string;
  /** The ledger's own header for the field, when the typed one differs. */
  canonical?: string;
}

export interface SheetView {
  sheet: string;
  kind: LedgerKind | null;
  title: string | null;
  /** The kind came from the state sheet (an earlier choice), not from detection. */
  remembered: boolean;
  headerRow: number | null;
  columns: ColumnView[];
  unknownColumns: ColumnView[];
  candidates: KindCandidate[];
  dataRows: number;
  /** Rows a sync would send (new or changed), and deletions it would ask about. */
  pending: number;
  pendingDeletes: number;
  /** The year most data rows fall in, for the summary buttons. */
  year: number | null;
}

export type Severity = 'error' | 'warning';

/** One line of the results list: a cell (or a row) and what is wrong with it. */
export interface ResultItem {
  key: string;
  sheet: string;
  row: number;
  /** The cell to select; null when the row has no cell for it. */
  col: number | null;
  /** The column's header, or 整行 for a whole-row message. */
  column: string;
  message: string;
  severity: Severity;
  status?: WritebackStatus;
}

export interface ConflictField {
  field: string;
  header: string;
  mine: string;
  theirs: string;
  differs: boolean;
}

/** A row changed both in the sheet and on the server: the officer chooses. */
export interface ConflictItem {
  sheet: string;
  rowId: string;
  /** The sheet row, or null when the row was removed from the sheet. */
  sheetRow: number | null;
  server: StoredRowWire;
  serverDeleted: boolean;
  fields: ConflictField[];
  /** e.g. 服务器上的版本由 admin 于 2024-03-01 修改 */
  summary: string;
}

export interface DeleteRequest {
  rowId: string;
  sheetRow: number | null;
  reason: 'cleared' | 'removed';
  message: string;
}

export function isLedgerKind(s: unknown): s is LedgerKind {
  return typeof s === 'string' && (LEDGER_KINDS as readonly string[]).includes(s);
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Context {
  settings: Settings;
  today: string;
}

export function sheetView(sheet: LedgerSheet, chosen: boolean, ctx: Context): SheetView {
  const { layout } = sheet;
  const ledger = layout.kind ? ledgers[layout.kind] : null;
  const rows = sheet.kind ? sheet.rows : [];
  const plan = planPush(rows, sheet.state, () => 'planned-row');
  return {
    sheet: sheet.name,
    kind: layout.kind,
    title: ledger?.title ?? null,
    remembered: !chosen && !!sheet.state && sheet.state.kind === layout.kind,
    headerRow: layout.headerRow,
    columns: layout.columns.map((c) => {
      const canonical = ledger?.fields[c.field]?.header;
      return {
        col: c.col,
        letter: columnLetter(c.col),
        header: displayHeader(c.header) || c.header,
        field: c.field,
        ...(canonical && canonical !== displayHeader(c.header) ? { canonical } : {}),
      };
    }),
    unknownColumns: layout.unknownColumns.map((c) => ({
      col: c.col,
      letter: columnLetter(c.col),
      header: displayHeader(c.header) || c.header,
    })),
    candidates: layout.candidates,
    dataRows: rows.filter((r) => !r.cleared).length,
    pending: plan.creates.length + plan.updates.length,
    pendingDeletes: plan.deletes.length,
    year: ledger ? likelyYear(ledger, rows, ctx) : null,
  };
}

export function deleteRequest(d: PlannedDelete): DeleteRequest {
  return {
    rowId: d.rowId,
    sheetRow: d.sheetRow,
    reason: d.reason,
    message:
      d.reason === 'cleared'
        ? '该行内容已清空，是否从服务器删除？'
        : '该行已从表格中删除（服务器上仍保存着），是否从服务器删除？',
  };
}

export function resultItem(sheet: string, layout: SheetLayout, sheetRow: number, issue: Issue): ResultItem {
  const column = issue.field === null ? undefined : layout.columns.find((c) => c.field === issue.field);
  const col = column?.col ?? layout.statusCol ?? layout.columns[0]?.col ?? null;
  return {
    key: `${sheetRow}:${issue.field ?? '*'}:${issue.code}:${issue.message}`,
    sheet,
    row: sheetRow,
    col,
    column: column ? displayHeader(column.header) || column.header : '整行',
    message: noteText(issue),
    severity: issue.severity,
  };
}

export function sortResults(items: ResultItem[]): ResultItem[] {
  const rank = (s: Severity): number => (s === 'error' ? 0 : 1);
  return items.sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.row - b.row || (a.col ?? 0) - (b.col ?? 0),
  );
}

/** A value for display in the conflict view. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/** The sheet's and the server's versions of a row, field by field, as the officer would type them. */
export function conflictItem(
  sheet: string,
  ledger: Ledger,
  layout: SheetLayout,
  sheetRow: number | null,
  raw: RawRow | null,
  server: StoredRowWire,
  ctx: Context,
): ConflictItem {
  const shown = (field: string, value: unknown): string => {
    const spec = ledger.fields[field];
    return displayValue(spec ? renderValue(spec.type, value, { settings: ctx.settings }) : value);
  };
  const fields: ConflictField[] = layout.columns.map((c) => {
    const spec = ledger.fields[c.field];
    const header = displayHeader(c.header) || c.header;
    const theirsStored = server.deleted ? null : (server.fields[c.field] ?? null);
    const theirs = server.deleted ? '（已删除）' : shown(c.field, theirsStored);
    if (raw === null) return { field: c.field, header, mine: '（已从表格删除）', theirs, differs: true };
    const cell = raw.cells[c.field];
    const parsed = spec?.parse(cell, { header: c.header, ...ctx });
    const mineStored = parsed?.ok ? (parsed.value ?? null) : undefined;
    const mine = mineStored !== undefined ? shown(c.field, mineStored) : displayValue(cellText(cell) ?? cell);
    const differs = mineStored === undefined || JSON.stringify(mineStored) !== JSON.stringify(theirsStored);
    return { field: c.field, header, mine, theirs, differs };
  });
  const what = server.deleted ? '删除' : '修改';
  return {
    sheet,
    rowId: server.rowId,
    sheetRow,
    server,
    serverDeleted: server.deleted,
    fields,
    summary: `服务器上的这一行已被 ${server.updatedBy} 于 ${server.updatedAt.slice(0, 10)} ${what}`,
  };
}

/** The year most rows' primary date (or 年度) falls in. */
function likelyYear(ledger: Ledger, rows: readonly SheetRow[], ctx: Context): number | null {
  const key = ledger.yearField ?? ledger.primaryDate;
  const spec = key ? ledger.fields[key] : undefined;
  if (!key || !spec) return null;
  const counts = new Map<number, number>();
  for (const r of rows.slice(0, 2000)) {
    if (r.cleared) continue;
    const parsed = spec.parse(r.raw.cells[key], { header: spec.header, ...ctx });
    if (!parsed.ok || parsed.value === null) continue;
    const y = typeof parsed.value === 'number' ? parsed.value : Number(String(parsed.value).slice(0, 4));
    if (Number.isInteger(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, n] of counts)
    if (best === null || n > counts.get(best)! || (n === counts.get(best) && y > best)) best = y;
  return best;
}

import {
  displayHeader,
  identityLast4,
  isBlank,
  isNoteLabel,
  isSignatureLabel,
  isTotalLabel,
  normalizeText,
  splitNameAndStaffNo,
} from '../cells/index.js';
import { cellText } from '../cells/text.js';
import type { RawRow } from '../ledgers/define.js';
import { warning, type Issue } from '../ledgers/issue.js';
import { std } from '../ledgers/messages.js';
import type { SheetLayout } from './detect.js';
import { gridOf, type Grid } from './grid.js';
import type { UsedRange } from './port.js';

/** One data row of a ledger sheet, as the engine pushes it. */
export interface SheetRow {
  /** 1-based sheet row. */
  sheetRow: number;
  /** The stable row id from the hidden `_id` column, when it holds a valid one. */
  rowId: string | null;
  /** The revision from the hidden `_rev` column. */
  rev: string | null;
  /** Cells by field key (bound fields only), and the headers as typed. */
  raw: RawRow;
  /** The row has an id but every bound cell is blank: a deletion, once the user agrees. */
  cleared: boolean;
}

/** The wire's row id format (shared/api `rowIdSchema`); anything else in `_id` is not ours. */
const ROW_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * §4.5: when a sheet has a name column but not the staff-number column that goes with it, a
 * cell like 张三（20150032） gives both.
 */
export const PERSON_PAIRS: readonly (readonly [name: string, staffNo: string])[] = [
  ['name', 'staffNo'],
  ['proposer', 'proposerNo'],
];

/**
 * The data rows below the header row (§4.7). Skipped silently: blank rows without an id,
 * total rows (合计 …), footer lines (填表人 … with fewer than two bound values) and notes
 * (issue 18): one merged cell across every bound column, or a single 注：/填表说明： cell.
 */
export function readRows(used: UsedRange, layout: SheetLayout): SheetRow[] {
  if (layout.headerRow === null || layout.columns.length === 0) return [];
  const grid = gridOf(used);
  const headers: Record<string, string> = {};
  for (const c of layout.columns) headers[c.field] = c.header;
  const fields = new Set(layout.columns.map((c) => c.field));
  const splits = PERSON_PAIRS.filter(([name, no]) => fields.has(name) && !fields.has(no));
  const own = new Set([layout.idCol, layout.revCol, layout.statusCol]);
  const boundCols = layout.columns.map((c) => c.col);
  const span = { left: Math.min(...boundCols), right: Math.max(...boundCols) };
  const rows: SheetRow[] = [];
  for (let r = firstDataRow(grid, layout.headerRow); r <= grid.bottom; r++) {
    if (isNoteRow(grid, r, span)) continue;
    const cells: Record<string, unknown> = {};
    let filled = 0;
    for (const c of layout.columns) {
      const v = grid.get(r, c.col);
      cells[c.field] = v === undefined ? null : v;
      if (!isBlank(v)) filled++;
    }
    const rowId = layout.idCol === null ? null : idText(grid.get(r, layout.idCol));
    const rev = layout.revCol === null ? null : trimmed(grid.get(r, layout.revCol));
    if (filled === 0) {
      if (rowId !== null)
        rows.push({ sheetRow: r, rowId, rev, raw: { cells, headers: { ...headers } }, cleared: true });
      continue;
    }
    let first: unknown = null;
    for (let c = grid.left; c <= grid.right && first === null; c++) {
      const v = grid.get(r, c);
      if (!own.has(c) && !isBlank(v)) first = v;
    }
    if (isTotalLabel(first) || (filled < 2 && isSignatureLabel(first))) continue;
    if (isNoteLabel(first) && onlyCell(grid, r, own)) continue;
    for (const [name, no] of splits) {
      const split = splitNameAndStaffNo(cells[name]);
      if (split) {
        cells[name] = split.name;
        cells[no] = split.staffNo;
      }
    }
    rows.push({ sheetRow: r, rowId, rev, raw: { cells, headers: { ...headers } }, cleared: false });
  }
  return rows;
}

/** One merged cell covering every bound column of the row: a note across the table. */
function isNoteRow(grid: Grid, row: number, span: { left: number; right: number }): boolean {
  if (span.left === span.right) return false;
  const m = grid.mergeAt(row, span.left);
  return (
    m !== undefined && m.left <= span.left && m.right >= span.right && !isBlank(grid.get(row, span.left))
  );
}

/** The row has one non-blank cell (merges count once), besides our own columns. */
function onlyCell(grid: Grid, row: number, own: ReadonlySet<number | null>): boolean {
  let seen = 0;
  for (let c = grid.left; c <= grid.right; c++) {
    if (own.has(c)) continue;
    const m = grid.mergeAt(row, c);
    if (m && m.left !== c) continue;
    if (!isBlank(grid.get(row, c)) && ++seen > 1) return false;
  }
  return true;
}

/** The identity fields (§4.6); `idLast4` is the only one any ledger has. */
export const IDENTITY_FIELDS: readonly string[] = ['idLast4'];

/**
 * §4.6: only the last four characters of an identity number leave the workbook. Returns the
 * row to send (a copy when a cell was masked) and the warning for each full number found; a
 * number our own pull masked (**************1234) is shortened without a warning.
 */
export function maskIdentity(
  row: SheetRow,
  fields: readonly string[] = IDENTITY_FIELDS,
): { row: SheetRow; issues: Issue[] } {
  const issues: Issue[] = [];
  let cells: Record<string, unknown> | null = null;
  for (const key of fields) {
    if (!(key in row.raw.cells)) continue;
    const id = identityLast4(row.raw.cells[key]);
    const compact = normalizeText(row.raw.cells[key])?.replace(/ /g, '') ?? '';
    if (id === null || [...compact].length <= 4) continue;
    cells ??= { ...row.raw.cells };
    cells[key] = id.last4;
    if (id.wasFull) {
      const typed = row.raw.headers?.[key];
      const header = typed ? displayHeader(typed) : '身份证号后四位';
      issues.push(warning(key, 'idLast4.masked', std.idMasked(header)));
    }
  }
  return cells === null ? { row, issues } : { row: { ...row, raw: { ...row.raw, cells } }, issues };
}

/**
 * The row below the header. When the header row won over the sub-header row beneath it (a
 * group cell that names a field on its own, e.g. 附议人 over 1 / 2 / 3), its cells merged down
 * cover that row too: data starts below the merges.
 */
function firstDataRow(grid: Grid, headerRow: number): number {
  let start = headerRow + 1;
  for (let c = grid.left; c <= grid.right; c++) {
    const m = grid.mergeAt(headerRow, c);
    if (m && m.top <= headerRow && m.bottom >= start) start = m.bottom + 1;
  }
  return start;
}

function trimmed(v: unknown): string | null {
  const text = cellText(v)?.trim() ?? '';
  return text === '' ? null : text;
}

function idText(v: unknown): string | null {
  const text = trimmed(v);
  return text !== null && ROW_ID.test(text) ? text : null;
}

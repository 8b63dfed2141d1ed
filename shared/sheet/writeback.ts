import { noteText, type Issue } from '../ledgers/issue.js';
import type { SheetLayout } from './detect.js';
import { gridOf } from './grid.js';
import { ID_HEADER, REV_HEADER, STATUS_HEADER } from './headers.js';
import type { CellWrite, Fill, UsedRange } from './port.js';

/**
 * Step 7 of the data flow: ids, revisions and statuses written back in one batch, invalid
 * cells marked with a fill and a note. Pure: it returns the writes; the adapter applies them.
 */

export type WritebackStatus =
  'created' | 'updated' | 'unchanged' | 'conflict' | 'invalid' | 'forbidden' | 'deleted' | 'error';

export const STATUS_LABELS: { readonly [S in WritebackStatus]: string } = {
  created: '已新增',
  updated: '已更新',
  unchanged: '未变化',
  conflict: '冲突',
  invalid: '有错误',
  forbidden: '无权限',
  deleted: '已删除',
  error: '失败',
};

export interface RowWriteResult {
  /** Null for a row no longer in the sheet (a `removed` deletion): nothing to write. */
  sheetRow: number | null;
  rowId: string;
  /** The revision to keep in `_rev`; null or absent keeps the cell as it is. */
  rev?: string | null;
  status: WritebackStatus;
  issues: readonly Issue[];
}

export interface Writeback {
  writes: CellWrite[];
  idCol: number;
  revCol: number;
  statusCol: number;
  /** Columns to keep hidden: `_id` and `_rev`. */
  hide: number[];
}

/** Statuses after which the row's revision is the server's current one. */
const STORED: ReadonlySet<WritebackStatus> = new Set(['created', 'updated', 'unchanged']);
/** Statuses whose field issues are shown as errors whatever their severity. */
const BLOCKING: ReadonlySet<WritebackStatus> = new Set(['conflict', 'forbidden']);

/**
 * The writes for a batch of per-row results. `_id`, `_rev` and 同步状态 go in their columns,
 * allocated right of the used range (with their headers) when the sheet has none yet. Each
 * bound cell of a result row gets the notes of its issues (joined by line breaks) and a fill,
 * or has our previous note and fill cleared. Row issues, and issues on fields the sheet has no
 * column for, are the note of the status cell.
 */
export function planWriteback(
  used: UsedRange,
  layout: SheetLayout,
  results: readonly RowWriteResult[],
): Writeback {
  if (layout.headerRow === null) throw new Error('planWriteback: the sheet has no header row');
  const headerRow = layout.headerRow;
  const writes: CellWrite[] = [];
  let free = gridOf(used).right + 1;
  const allocate = (existing: number | null, header: string): number => {
    if (existing !== null) return existing;
    const col = free++;
    writes.push({ row: headerRow, col, value: header });
    return col;
  };
  const idCol = allocate(layout.idCol, ID_HEADER);
  const revCol = allocate(layout.revCol, REV_HEADER);
  const statusCol = allocate(layout.statusCol, STATUS_HEADER);
  const colOf = new Map(layout.columns.map((c) => [c.field, c.col]));

  for (const result of results) {
    const row = result.sheetRow;
    if (row === null || row <= headerRow) continue;
    const deleted = result.status === 'deleted';
    writes.push({ row, col: idCol, value: deleted ? null : result.rowId });
    if (deleted) writes.push({ row, col: revCol, value: null });
    else if (STORED.has(result.status) && result.rev) writes.push({ row, col: revCol, value: result.rev });

    const byCol = new Map<number, Issue[]>();
    const rowIssues: Issue[] = [];
    for (const issue of result.issues) {
      const col = issue.field === null ? undefined : colOf.get(issue.field);
      if (col === undefined) rowIssues.push(issue);
      else byCol.set(col, [...(byCol.get(col) ?? []), issue]);
    }
    // A failed request says nothing new about the cells: their marks stay.
    for (const { col } of result.status === 'error' ? [] : layout.columns) {
      const issues = byCol.get(col);
      if (!issues) writes.push({ row, col, note: null, fill: 'none' });
      else writes.push({ row, col, note: note(issues), fill: cellFill(issues, result.status) });
    }
    writes.push({
      row,
      col: statusCol,
      value: STATUS_LABELS[result.status],
      note: rowIssues.length ? note(rowIssues) : null,
      fill: statusFill(result),
    });
  }
  return { writes, idCol, revCol, statusCol, hide: [idCol, revCol] };
}

function note(issues: readonly Issue[]): string {
  return issues.map(noteText).join('\n');
}

function cellFill(issues: readonly Issue[], status: WritebackStatus): Fill {
  return BLOCKING.has(status) || issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
}

function statusFill(result: RowWriteResult): Fill {
  switch (result.status) {
    case 'conflict':
      return 'conflict';
    case 'invalid':
    case 'forbidden':
    case 'error':
      return 'error';
    default:
      return result.issues.length ? 'warning' : 'none';
  }
}

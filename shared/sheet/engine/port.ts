import type { CellRange, SheetEdit, SheetSnapshot, UsedRange, WorkbookPort } from '../port.js';

/**
 * The engine's two uses of a workbook: read a sheet with the state, and commit an edit planned
 * from the sheet as it is at that moment. An adapter that can do each in one round trip says so
 * (WorkbookPort.readSheet / commit); for the others the steps run one after the other.
 */

export async function readSnapshot(book: WorkbookPort, name: string): Promise<SheetSnapshot> {
  if (book.readSheet) return book.readSheet(name);
  const [used, states] = await Promise.all([book.sheet(name).readUsedRange(), book.readState()]);
  const damaged = (book as { stateDamaged?: unknown }).stateDamaged;
  return { used, states, stateDamaged: damaged === true };
}

export async function commitEdit<T>(
  book: WorkbookPort,
  name: string,
  plan: (now: UsedRange) => { edit: SheetEdit; result: T },
): Promise<T> {
  if (book.commit) return book.commit(name, plan);
  const port = book.sheet(name);
  const now = await port.readUsedRange();
  const { edit, result } = plan(now);
  // Rows "inserted" below the used range need no insertion: an adapter without it writes there.
  const bottom = now.top + now.values.length - 1;
  if (edit.insert && edit.insert.count > 0 && (port.insertRows || edit.insert.before <= bottom)) {
    if (!port.insertRows) throw new Error(`${name}: the adapter cannot insert rows`);
    await port.insertRows(edit.insert.before, edit.insert.count, edit.insert.formatFrom);
  }
  if (edit.writes.length) await port.write(edit.writes);
  if (edit.deletes?.length) await port.deleteRows([...edit.deletes].sort((a, b) => b - a));
  if (edit.hide?.length) await port.hideColumns(edit.hide);
  if (edit.states) await book.writeState(edit.states);
  return result;
}

/**
 * What the sheet holds after `edit`, as far as values go (merges move with their rows): the
 * pane shows it without reading the sheet again, and a pull hashes the rows it wrote from it.
 */
export function applyEdit(used: UsedRange, edit: SheetEdit): UsedRange {
  const values = used.values.map((r) => [...r]);
  let merges = used.merges.map((m) => ({ ...m }));
  const index = (row: number): number => row - used.top;
  const ins = edit.insert;
  if (ins && ins.count > 0) {
    const at = Math.max(0, index(ins.before));
    const width = values[0]?.length ?? 0;
    while (values.length < at) values.push(Array<unknown>(width).fill(null));
    values.splice(at, 0, ...Array.from({ length: ins.count }, () => Array<unknown>(width).fill(null)));
    merges = merges.map((m) => (m.top >= ins.before ? shift(m, ins.count) : m));
  }
  for (const w of edit.writes) {
    if (w.value === undefined) continue;
    const r = index(w.row);
    const c = w.col - used.left;
    if (r < 0 || c < 0) continue;
    while (values.length <= r) values.push([]);
    const row = values[r]!;
    while (row.length <= c) row.push(null);
    row[c] = w.value;
  }
  const gone = [...new Set(edit.deletes ?? [])].sort((a, b) => b - a);
  for (const row of gone) {
    const r = index(row);
    if (r >= 0 && r < values.length) values.splice(r, 1);
    merges = merges.flatMap((m) => {
      if (m.top > row) return [shift(m, -1)];
      if (m.bottom < row) return [m];
      if (m.top === m.bottom) return [];
      return [{ ...m, bottom: m.bottom - 1 }];
    });
  }
  const width = values.reduce((n, r) => Math.max(n, r.length), 0);
  for (const r of values) while (r.length < width) r.push(null);
  return { ...used, values, merges };
}

function shift(m: CellRange, by: number): CellRange {
  return { ...m, top: m.top + by, bottom: m.bottom + by };
}

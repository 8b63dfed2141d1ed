import { displayHeader, headerFirstLine, isBlank, normalizeHeader } from '../cells/index.js';
import type { Fields } from '../ledgers/define.js';

/**
 * The header index (DOMAIN.md §4.7): for a ledger, every header and alias in its normalised
 * form → the field key; and the columns that belong to no ledger but that the engine knows
 * (序号, the hidden `_id` / `_rev`, our status column).
 */

/** The header row is looked for among the first rows of the used range (§4.7). */
export const HEADER_SEARCH_ROWS = 10;

export const SERIAL_HEADER = '序号';
export const ID_HEADER = '_id';
export const REV_HEADER = '_rev';
export const STATUS_HEADER = '同步状态';

export type SpecialColumn = 'serial' | 'id' | 'rev' | 'status';

const SPECIAL: ReadonlyMap<string, SpecialColumn> = new Map([
  [SERIAL_HEADER, 'serial'],
  [ID_HEADER, 'id'],
  [REV_HEADER, 'rev'],
  [STATUS_HEADER, 'status'],
]);

/** Which of the engine's own columns a header cell names, if any. `_ID` is `_id`. */
export function specialColumn(cell: unknown): SpecialColumn | null {
  return SPECIAL.get(normalizeHeader(cell).toLowerCase()) ?? null;
}

export type HeaderIndex = ReadonlyMap<string, string>;

/**
 * What the index needs of a ledger. Structural on purpose: `Ledger<F>` of a single ledger module
 * is not assignable to `Ledger` (its `rules` take the narrower row), but its fields are.
 */
export interface HasFields {
  readonly fields: Fields;
  /** Columns read but not stored (LedgerSpec.inputs): they bind like fields. */
  readonly inputs?: Fields;
}

const cache = new WeakMap<HasFields, HeaderIndex>();

/**
 * Normalised header → field key for one ledger. A field's own header wins over another
 * field's alias; among aliases, the field listed first wins (no ledger has such a clash
 * today, but the index must not depend on luck).
 */
export function headerIndex(ledger: HasFields): HeaderIndex {
  const hit = cache.get(ledger);
  if (hit) return hit;
  const index = new Map<string, string>();
  const fields = [...Object.entries(ledger.fields), ...Object.entries(ledger.inputs ?? {})];
  for (const [key, f] of fields) {
    const h = normalizeHeader(f.header);
    if (h && !index.has(h)) index.set(h, key);
  }
  for (const [key, f] of fields)
    for (const alias of f.aliases) {
      const h = normalizeHeader(alias);
      if (h && !index.has(h)) index.set(h, key);
    }
  cache.set(ledger, index);
  return index;
}

/** One cell of a header row; `group` is the merged group cell above it in a two-row header. */
export interface HeaderCell {
  col: number;
  cell: unknown;
  group?: unknown;
}

export interface BoundColumn {
  col: number;
  field: string;
  /** The header as typed (DOMAIN "Settled conventions"): for a two-row header, the sub-header. */
  header: string;
}

export interface UnknownColumn {
  col: number;
  header: string;
}

export interface HeaderBinding {
  columns: BoundColumn[];
  unknownColumns: UnknownColumn[];
  serialColumns: number[];
  idCol: number | null;
  revCol: number | null;
  statusCol: number | null;
}

/**
 * Binds a header row to a ledger's fields. Each sub-header is tried alone first, in column
 * order (a header with an instruction on its second line by its first line when the whole
 * matches nothing); only then are the columns still unbound tried as group + sub-header (提案人 + 姓名 →
 * 提案人姓名). When two columns name the same field the first wins; the other is unknown.
 * A blank header cell is neither bound nor unknown.
 */
export function bindHeaderRow(index: HeaderIndex, cells: readonly HeaderCell[]): HeaderBinding {
  const out: HeaderBinding = {
    columns: [],
    unknownColumns: [],
    serialColumns: [],
    idCol: null,
    revCol: null,
    statusCol: null,
  };
  const pending: HeaderCell[] = [];
  for (const c of [...cells].sort((a, b) => a.col - b.col)) {
    if (isBlank(c.cell)) continue;
    const special = specialColumn(c.cell);
    if (special === 'serial') out.serialColumns.push(c.col);
    else if (special === 'id') out.idCol ??= c.col;
    else if (special === 'rev') out.revCol ??= c.col;
    else if (special === 'status') out.statusCol ??= c.col;
    else pending.push(c);
  }
  const taken = new Set<string>();
  const bound = new Map<number, string>();
  const bind = (c: HeaderCell, key: string | undefined): void => {
    if (key === undefined || taken.has(key)) return;
    taken.add(key);
    bound.set(c.col, key);
  };
  for (const c of pending) {
    const first = headerFirstLine(c.cell);
    bind(c, index.get(normalizeHeader(c.cell)) ?? (first ? index.get(normalizeHeader(first)) : undefined));
  }
  for (const c of pending) {
    if (bound.has(c.col) || c.group === undefined || isBlank(c.group)) continue;
    bind(c, index.get(normalizeHeader(c.group) + normalizeHeader(c.cell)));
  }
  for (const c of pending) {
    const field = bound.get(c.col);
    const header = displayHeader(c.cell);
    if (field !== undefined) out.columns.push({ col: c.col, field, header });
    else out.unknownColumns.push({ col: c.col, header });
  }
  return out;
}

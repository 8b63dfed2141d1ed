import { displayHeader, isBlank, isTotalLabel, normalizeHeader, normalizeText } from '../cells/index.js';
import { fieldOf } from '../ledgers/define.js';
import type { AnyField } from '../ledgers/field.js';
import type { Settings } from '../settings/schema.js';
import { explainDetection, isEvidence, matchedKey } from './evidence.js';
import { LEDGER_KINDS, type Ledger, type LedgerKind } from '../ledgers/define.js';
import { ledgers } from '../ledgers/index.js';
import { gridOf, type Grid } from './grid.js';
import {
  HEADER_SEARCH_ROWS,
  bindHeaderRow,
  headerIndex,
  type BoundColumn,
  type HeaderBinding,
  type HeaderCell,
  type UnknownColumn,
} from './headers.js';
import type { UsedRange } from './port.js';

/**
 * Where a ledger sits in a sheet (DOMAIN.md §4.7 and "Kind detection"): which ledger, which
 * row holds its headers, and which column is which field.
 */

/** How well one ledger fits the sheet: shown by the add-in when it asks the user to choose. */
export interface KindCandidate {
  kind: LedgerKind;
  title: string;
  /** Matched fields that are not common (unit, remarks, staffNo, name): the kind-detection score. */
  score: number;
  /** All matched fields, common ones included. */
  matched: number;
  /** Matched non-common required fields, of `requiredTotal`. */
  required: number;
  requiredTotal: number;
  /** The ledger's best header row (1-based sheet row), or null when no row qualifies. */
  headerRow: number | null;
  /** A name hint of the ledger appears in the sheet name or a title row. */
  hinted: boolean;
  /** Covers at least half of its non-common required fields at a qualifying header row. */
  eligible: boolean;
  /** The headers as typed that bound to its fields, in column order. */
  matchedHeaders: string[];
  /** Of those, the headers specific to this ledger (issue 18; see evidence.ts). */
  evidence: string[];
  /** Canonical headers of its required fields that have no column. */
  missing: string[];
  /** Eligible, and backed by evidence or a name hint: only such a ledger is ever detected. */
  recognisable: boolean;
}

/** Why a sheet was read as it was: shown by `validate --json` and the pane (issue 18). */
export interface Detection {
  /** The kind was detected, chosen by the caller (`--kind`, the state sheet), or not found. */
  source: 'detected' | 'chosen' | 'none';
  /** Bound columns: the header as typed and the field's canonical header. */
  matched: { header: string; field: string; canonical: string }[];
  evidence: string[];
  missing: string[];
  /** One Chinese sentence for officers. */
  reason: string;
}

export interface SheetLayout extends HeaderBinding {
  kind: LedgerKind | null;
  /** 1-based sheet row of the (lower) header row, or null when no header row was found. */
  headerRow: number | null;
  columns: BoundColumn[];
  unknownColumns: UnknownColumn[];
  /** 序号 columns: recognised and ignored. */
  serialColumns: number[];
  /** Every ledger with at least one matched field, best first. */
  candidates: KindCandidate[];
  detection: Detection;
  /** The distinct years named in the sheet name and the title rows (2023年活动台账 → [2023]). */
  titleYears: number[];
}

export interface DetectOptions {
  sheetName: string;
  /** The kind chosen by the user or remembered in the state sheet: detection is skipped. */
  kind?: LedgerKind | null;
  /** Field key → 1-based column, overriding the detected binding (SheetState.bindings). */
  bindings?: Readonly<Record<string, number>>;
  /**
   * The organisation, for headers that bind only on their values (工作单位 naming units,
   * FieldSpec.conditionalAliases). Without it those columns stay unknown.
   */
  context?: { settings: Settings; today: string };
}

interface RowFit {
  row: number;
  binding: HeaderBinding;
  /** Distinct fields bound. */
  matched: number;
  /** Required fields bound, common ones included (the header-row rule counts them all). */
  requiredAll: number;
}

export function detectLayout(used: UsedRange, opts: DetectOptions): SheetLayout {
  const grid = gridOf(used);
  const fits = new Map<LedgerKind, RowFit | null>();
  const candidates: KindCandidate[] = [];
  for (const kind of LEDGER_KINDS) {
    const ledger = ledgers[kind];
    const fit = bestHeaderRow(grid, ledger, false, opts.context);
    fits.set(kind, fit);
    const c = candidate(grid, ledger, fit, opts.sheetName);
    if (c.matched > 0) candidates.push(c);
  }
  candidates.sort((a, b) => b.score - a.score || b.matched - a.matched);

  const chosen = opts.kind ?? null;
  const kind = chosen ?? chooseKind(candidates);
  const none = (k: LedgerKind | null, c: KindCandidate | null): SheetLayout => ({
    ...emptyBinding(),
    kind: k,
    headerRow: null,
    candidates,
    detection: detectionOf(k, chosen !== null, c, candidates, []),
    titleYears: [],
  });
  if (kind === null) return none(null, null);
  const ledger = ledgers[kind];
  // A kind the user chose is trusted with a weaker header row (two matches suffice).
  const fit = fits.get(kind) ?? (chosen ? bestHeaderRow(grid, ledger, true, opts.context) : null);
  if (!fit) return none(kind, null);
  const binding = opts.bindings ? override(grid, fit, ledger, opts.bindings) : fit.binding;
  const own = candidate(grid, ledger, { ...fit, binding }, opts.sheetName);
  return {
    ...binding,
    kind,
    headerRow: fit.row,
    candidates,
    detection: detectionOf(kind, chosen !== null, own, candidates, binding.columns),
    titleYears: yearsNamed(grid, fit.row, opts.sheetName),
  };
}

/** Years from 1950 to 2099 written in the sheet name or the rows above the header. */
function yearsNamed(grid: Grid, headerRow: number, sheetName: string): number[] {
  const texts = [sheetName];
  for (let r = grid.top; r < headerRow; r++)
    for (let c = grid.left; c <= grid.right; c++) {
      const m = grid.mergeAt(r, c);
      if (m && (m.left !== c || m.top !== r)) continue;
      texts.push(normalizeText(grid.get(r, c)) ?? '');
    }
  const years = new Set<number>();
  for (const m of texts.join('\n').matchAll(/(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/g)) years.add(Number(m[1]));
  return [...years].sort();
}

function detectionOf(
  kind: LedgerKind | null,
  chosen: boolean,
  own: KindCandidate | null,
  candidates: readonly KindCandidate[],
  columns: readonly BoundColumn[],
): Detection {
  const ledger = kind ? ledgers[kind] : null;
  return {
    source: chosen ? 'chosen' : kind ? 'detected' : 'none',
    matched: columns.map((c) => ({
      header: c.header,
      field: c.field,
      canonical: (ledger && fieldOf(ledger, c.field)?.header) ?? c.field,
    })),
    evidence: own?.evidence ?? [],
    missing: own?.missing ?? (ledger ? requiredHeaders(ledger) : []),
    reason: explainDetection({ kind, chosen, headerRow: own?.headerRow ?? null, candidates, own }),
  };
}

/**
 * "Kind detection", as a person would agree with it (issue 18): only a ledger backed by a
 * header specific to it or by its name in the sheet name or a title is considered; the
 * highest score wins if it covers at least half of that ledger's non-common required fields;
 * on a tie, the one ledger whose name hint appears; otherwise null (the user chooses).
 */
function chooseKind(candidates: readonly KindCandidate[]): LedgerKind | null {
  const backed = candidates.filter((c) => c.evidence.length > 0 || c.hinted);
  const top = backed[0]?.score ?? 0;
  if (top === 0) return null;
  const best = backed.filter((c) => c.score === top && c.recognisable);
  if (best.length === 1) return best[0]!.kind;
  const hinted = best.filter((c) => c.hinted);
  return hinted.length === 1 ? hinted[0]!.kind : null;
}

function candidate(grid: Grid, ledger: Ledger, fit: RowFit | null, sheetName: string): KindCandidate {
  const nonCommonRequired = Object.entries(ledger.fields).filter(([, f]) => f.required && !f.common);
  const columns = fit?.binding.columns ?? [];
  const bound = covered(ledger, columns);
  const score = columns.filter((c) => !fieldOf(ledger, c.field)!.common).length;
  const required = nonCommonRequired.filter(([k]) => bound.has(k)).length;
  const titles = [normalizeText(sheetName) ?? ''];
  const lastTitleRow = fit ? fit.row - 1 : Math.min(grid.bottom, grid.top + HEADER_SEARCH_ROWS - 1);
  for (let r = grid.top; r <= lastTitleRow; r++)
    for (let c = grid.left; c <= grid.right; c++) titles.push(normalizeText(grid.get(r, c)) ?? '');
  const text = titles.join('\n');
  const hinted = ledger.nameHints.some((h) => text.includes(h));
  const eligible = fit !== null && required * 2 >= nonCommonRequired.length;
  const evidence = fit
    ? columns
        .filter((c) => {
          const cell = headerCellAt(grid, fit.row, c.col);
          return isEvidence(ledger, matchedKey(ledger, c.field, cell.cell, cell.group), c.field);
        })
        .map((c) => displayHeader(c.header))
    : [];
  return {
    kind: ledger.kind,
    title: ledger.title,
    score,
    matched: fit?.matched ?? 0,
    required,
    requiredTotal: nonCommonRequired.length,
    headerRow: fit?.row ?? null,
    hinted,
    eligible,
    matchedHeaders: columns.map((c) => displayHeader(c.header)),
    evidence,
    missing: requiredHeaders(ledger, bound),
    recognisable: eligible && (evidence.length > 0 || hinted),
  };
}

/** Canonical headers of the ledger's required fields that are not in `bound`. */
function requiredHeaders(ledger: Ledger, bound: ReadonlySet<string> = new Set()): string[] {
  return Object.entries(ledger.fields)
    .filter(([k, f]) => f.required && !bound.has(k))
    .map(([, f]) => f.header);
}

/**
 * §4.7: the row within the first ten with the most matches for this ledger — at least two,
 * including at least half of its required fields (relaxed to two matches when the user
 * chose the kind); on a tie, the lower row.
 */
function bestHeaderRow(
  grid: Grid,
  ledger: Ledger,
  relaxed: boolean,
  context: DetectOptions['context'],
): RowFit | null {
  const index = headerIndex(ledger);
  const requiredTotal = Object.values(ledger.fields).filter((f) => f.required).length;
  let best: RowFit | null = null;
  const last = Math.min(grid.bottom, grid.top + HEADER_SEARCH_ROWS - 1);
  for (let row = grid.top; row <= last; row++) {
    let binding = bindHeaderRow(index, headerCells(grid, row));
    if (binding.columns.length === 0) continue;
    if (context) binding = bindOnValues(grid, row, ledger, binding, context);
    const matched = binding.columns.length;
    const coveredFields = covered(ledger, binding.columns);
    const requiredAll = Object.entries(ledger.fields).filter(
      ([k, f]) => f.required && coveredFields.has(k),
    ).length;
    if (matched < 2 || (!relaxed && requiredAll * 2 < requiredTotal)) continue;
    if (!best || matched >= best.matched) best = { row, binding, matched, requiredAll };
  }
  return best;
}

/** The fields a header row binds, and the required fields its inputs stand for. */
function covered(ledger: Ledger, columns: readonly BoundColumn[]): Set<string> {
  const out = new Set<string>();
  for (const c of columns) {
    out.add(c.field);
    for (const s of fieldOf(ledger, c.field)?.supplies ?? []) out.add(s);
  }
  return out;
}

/**
 * Binds a still unknown column by a conditional alias when every value below it is valid for
 * the field (工作单位 → 所属工会 where it names units; issue 18), else leaves it untouched.
 */
function bindOnValues(
  grid: Grid,
  row: number,
  ledger: Ledger,
  binding: HeaderBinding,
  context: NonNullable<DetectOptions['context']>,
): HeaderBinding {
  let out = binding;
  for (const [key, field] of Object.entries(ledger.fields)) {
    if (!field.conditionalAliases || out.columns.some((c) => c.field === key)) continue;
    const names = new Set(field.conditionalAliases.map((a) => normalizeHeader(a)));
    const col = out.unknownColumns.find((u) => names.has(normalizeHeader(u.header)));
    if (!col || !columnHolds(grid, row, col.col, field, context)) continue;
    out = {
      ...out,
      columns: [...out.columns, { col: col.col, field: key, header: col.header }].sort(
        (a, b) => a.col - b.col,
      ),
      unknownColumns: out.unknownColumns.filter((u) => u !== col),
    };
  }
  return out;
}

/** Values checked before a conditional alias binds: enough to be sure, few enough to be quick. */
const VALUES_CHECKED = 200;

function columnHolds(
  grid: Grid,
  headerRow: number,
  col: number,
  field: AnyField,
  context: NonNullable<DetectOptions['context']>,
): boolean {
  const pctx = { header: '', settings: context.settings, today: context.today };
  let seen = 0;
  for (let r = headerRow + 1; r <= grid.bottom && seen < VALUES_CHECKED; r++) {
    const merge = grid.mergeAt(r, col);
    // A note or title across the table is not a value of the column.
    if (merge && merge.right > merge.left) continue;
    const v = grid.get(r, col);
    if (isBlank(v) || isTotalLabel(grid.get(r, grid.left))) continue;
    if (!field.parse(v, pctx).ok) return false;
    seen++;
  }
  return seen > 0;
}

/**
 * The cells of a candidate header row. A cell under a merge that spans several columns and
 * ends on the row above has that merge as its group (a two-row header); a merge that also
 * covers this row is the cell's own value, not a group.
 */
function headerCells(grid: Grid, row: number): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (let col = grid.left; col <= grid.right; col++) cells.push(headerCellAt(grid, row, col));
  return cells;
}

function headerCellAt(grid: Grid, row: number, col: number): HeaderCell {
  const cell: HeaderCell = { col, cell: grid.get(row, col) };
  const above = row > grid.top ? grid.mergeAt(row - 1, col) : undefined;
  if (above && above.bottom === row - 1 && above.right > above.left) cell.group = grid.get(row - 1, col);
  return cell;
}

/** The officer's own bindings win: the overridden column takes the field, whatever it held. */
function override(
  grid: Grid,
  fit: RowFit,
  ledger: Ledger,
  bindings: Readonly<Record<string, number>>,
): HeaderBinding {
  const b = fit.binding;
  const special = new Set([...b.serialColumns, b.idCol, b.revCol, b.statusCol]);
  const valid = Object.entries(bindings).filter(
    ([field, col]) =>
      field in ledger.fields &&
      Number.isInteger(col) &&
      col >= grid.left &&
      col <= grid.right &&
      !special.has(col),
  );
  if (valid.length === 0) return b;
  const fields = new Set(valid.map(([f]) => f));
  const cols = new Set(valid.map(([, c]) => c));
  const columns = b.columns.filter((c) => !fields.has(c.field) && !cols.has(c.col));
  const released = b.columns.filter((c) => !columns.includes(c) && !cols.has(c.col));
  const header = (col: number): string => {
    const known = [...b.columns, ...b.unknownColumns].find((c) => c.col === col);
    return known?.header ?? '';
  };
  const seen = new Set<number>();
  for (const [field, col] of valid) {
    if (seen.has(col)) continue;
    seen.add(col);
    columns.push({ col, field, header: header(col) || ledger.fields[field]!.header });
  }
  const unknownColumns = [
    ...b.unknownColumns.filter((c) => !cols.has(c.col)),
    ...released.map((c) => ({ col: c.col, header: c.header })),
  ];
  return {
    ...b,
    columns: columns.sort((x, y) => x.col - y.col),
    unknownColumns: unknownColumns.sort((x, y) => x.col - y.col),
  };
}

function emptyBinding(): HeaderBinding {
  return { columns: [], unknownColumns: [], serialColumns: [], idCol: null, revCol: null, statusCol: null };
}

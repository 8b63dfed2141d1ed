import { z } from 'zod';
import { displayHeader, isBlank } from '../cells/index.js';
import type { Settings } from '../settings/schema.js';
import type { AnyField, FieldSpec, ParseContext } from './field.js';
import { error, warning, type Issue } from './issue.js';
import { std } from './messages.js';
import type { Roster } from './roster.js';

export const LEDGER_KINDS = [
  'members',
  'welfare',
  'checkups',
  'activities',
  'awards',
  'honours',
  'proposals',
  'ideas',
  'meetings',
  'participation',
  'enrolment',
  'mailbox',
  'homes',
  'budget',
  'expenses',
] as const;
export const ledgerKindSchema = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

/**
 * Who may write a ledger (DOMAIN.md §2): `unit` — officers their own unit; `school` — admin
 * only; `budget` — admin and finance; `expenses` — admin, finance, and officers their own unit.
 */
export type WriteScope = 'unit' | 'school' | 'budget' | 'expenses';

export type Fields = Record<string, AnyField>;
type StoredOf<F> = F extends FieldSpec<infer S> ? S : never;
export type RowOf<F extends Fields> = { [K in keyof F]: StoredOf<F[K]> };
/** A row while it is being checked: any field may still be missing. */
export type DraftOf<F extends Fields> = { [K in keyof F]: StoredOf<F[K]> | null };

/** Everything a row check may consult besides the row. All of it is data: no I/O. */
export interface ValidationContext {
  settings: Settings;
  /** ISO date, Asia/Shanghai. */
  today: string;
  /** Members by 工号, when a roster is known (a members sheet in the same run, or the store). */
  roster?: Roster;
  /** The writer, when known: officers' rows default to their unit where the sheet has no unit column. */
  actor?: { role: 'admin' | 'officer' | 'finance' | 'leader'; unit?: string | undefined };
}

export interface RowContext<F extends Fields> extends ValidationContext {
  /** The header of a field as the officer typed it (or the canonical header when absent). */
  header(field: keyof F & string): string;
  /** The raw cells, for rules that need what was typed (e.g. 春节慰问 also names the festival). */
  raw: RawRow;
}

/** The earlier of two colliding rows: a row of the same push (with its sheet row) or a stored row. */
export interface EarlierRow<F extends Fields> {
  sheetRow: number | null;
  fields: RowOf<F>;
}

export interface DuplicateRule<F extends Fields> {
  code: string;
  /** The cell that gets the mark. */
  field: keyof F & string;
  /** Rows with the same non-null key collide. `year` is the row's year. */
  key(row: RowOf<F>, year: number | null): string | null;
  /** The message on the later row. */
  message(row: RowOf<F>, ctx: RowContext<F>, year: number | null, earlier: EarlierRow<F>): string;
  /** The message already names the earlier row, so notes must not add `（与第{n}行重复）`. */
  namesEarlierRow?: boolean;
}

export interface LedgerSpec<F extends Fields> {
  kind: LedgerKind;
  /** Chinese name, e.g. 慰问台账 — used for sheet names, templates and reports. */
  title: string;
  /** Words that identify the ledger in a sheet name or title row (kind detection ties). */
  nameHints: readonly string[];
  scope: WriteScope;
  fields: F;
  /** The field whose year is the row's year, when the ledger has a 年度 column. */
  yearField?: keyof F & string;
  /** Otherwise the year of this date. */
  primaryDate?: keyof F & string;
  /** A blank unit is filled from the roster by 工号 (welfare, checkups). */
  unitFromRoster?: boolean;
  /** Rules across the fields of one row; findings reference fields by key. */
  rules?(row: DraftOf<F>, ctx: RowContext<F>): Issue[];
  /** In the order the ledger lists them: a row gets at most the first that matches. */
  duplicates?: readonly DuplicateRule<F>[];
}

export interface Ledger<F extends Fields = Fields> extends LedgerSpec<F> {
  /** zod schema of a stored row's `fields`. */
  schema: z.ZodType<RowOf<F>>;
  /** Canonical headers in column order, for templates. */
  headers: readonly string[];
}

export function defineLedger<F extends Fields>(spec: LedgerSpec<F>): Ledger<F> {
  const shape = Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, f.stored]));
  return {
    ...spec,
    schema: z.object(shape).strict() as unknown as z.ZodType<RowOf<F>>,
    headers: Object.values(spec.fields).map((f) => f.header),
  };
}

/** One row as read from a sheet: raw cell values and the headers as typed, by field key. */
export interface RawRow {
  cells: Readonly<Record<string, unknown>>;
  headers?: Readonly<Record<string, string>>;
}

export interface RowVerdict<F extends Fields = Fields> {
  /** The typed row, or null when an error makes it invalid. */
  fields: RowOf<F> | null;
  /** The year the row counts in (§2), when it can be told. */
  year: number | null;
  issues: Issue[];
}

/**
 * Validate one row on its own: cell conversion, required fields, defaults, and the ledger's
 * single-row rules. Rules across rows (duplicates, yearly caps, budgets) are in
 * shared/summary, which needs the other rows.
 */
export function validateRow<F extends Fields>(
  ledger: Ledger<F>,
  raw: RawRow,
  ctx: ValidationContext,
): RowVerdict<F> {
  const issues: Issue[] = [];
  const typed = displayHeaders(raw.headers);
  const header = (key: keyof F & string): string => typed[key] ?? ledger.fields[key]!.header;
  const draft: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const [key, field] of fieldEntries(ledger)) {
    const pctx: ParseContext = { header: header(key), settings: ctx.settings, today: ctx.today };
    const parsed = field.parse(raw.cells[key], pctx);
    if (!parsed.ok) {
      issues.push(error(key, parsed.code, parsed.message));
      failed.add(key);
      draft[key] = null;
      continue;
    }
    if (parsed.warnings) for (const w of parsed.warnings) issues.push(warning(key, w.code, w.message));
    draft[key] = parsed.value ?? field.default ?? null;
  }
  fillUnit(ledger, raw, ctx, draft);
  for (const [key, field] of fieldEntries(ledger))
    if (field.required && draft[key] === null && !failed.has(key))
      issues.push(error(key, 'required', std.required(header(key))));
  const rctx: RowContext<F> = { ...ctx, header, raw };
  if (ledger.rules) issues.push(...ledger.rules(draft as DraftOf<F>, rctx));
  const year = rowYear(ledger, draft);
  if (issues.some((i) => i.severity === 'error')) return { fields: null, year, issues };
  const checked = ledger.schema.safeParse(draft);
  if (!checked.success) {
    // A schema failure after conversion is a bug in a field builder; say so rather than store it.
    return {
      fields: null,
      year,
      issues: [...issues, error(null, 'row.schema', '数据格式不正确，请检查本行各列')],
    };
  }
  return { fields: checked.data, year, issues };
}

// Rows of one sheet share their ledger and their headers object: work those out once.
const entriesOf = new WeakMap<Ledger, readonly (readonly [string, AnyField])[]>();
function fieldEntries<F extends Fields>(
  ledger: Ledger<F>,
): readonly (readonly [keyof F & string, AnyField])[] {
  let entries = entriesOf.get(ledger as unknown as Ledger);
  if (!entries) entriesOf.set(ledger as unknown as Ledger, (entries = Object.entries(ledger.fields)));
  return entries as readonly (readonly [keyof F & string, AnyField])[];
}

const NO_HEADERS: Readonly<Record<string, string>> = {};
const displayed = new WeakMap<object, Readonly<Record<string, string>>>();
function displayHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  if (!headers) return NO_HEADERS;
  let shown = displayed.get(headers);
  if (!shown) {
    const entries = Object.entries(headers).flatMap(([k, h]) => (h ? [[k, displayHeader(h)] as const] : []));
    displayed.set(headers, (shown = Object.fromEntries(entries)));
  }
  return shown;
}

function fillUnit<F extends Fields>(
  ledger: Ledger<F>,
  raw: RawRow,
  ctx: ValidationContext,
  draft: Record<string, unknown>,
): void {
  if (!('unit' in ledger.fields) || draft.unit !== null) return;
  const staffNo = typeof draft.staffNo === 'string' ? draft.staffNo : null;
  if (ledger.unitFromRoster && staffNo && ctx.roster?.has(staffNo)) {
    draft.unit = ctx.roster.get(staffNo)!.unit;
    return;
  }
  const sheetHasUnitColumn = 'unit' in raw.cells;
  if (!sheetHasUnitColumn && ctx.actor?.role === 'officer' && ctx.actor.unit) draft.unit = ctx.actor.unit;
}

/** §2: 年度 when the ledger has it, otherwise the year of the primary date. */
export function rowYear<F extends Fields>(ledger: Ledger<F>, row: Record<string, unknown>): number | null {
  if (ledger.yearField) {
    const y = row[ledger.yearField];
    if (typeof y === 'number') return y;
  }
  if (ledger.primaryDate) {
    const d = row[ledger.primaryDate];
    if (typeof d === 'string') return Number(d.slice(0, 4));
  }
  return null;
}

/** True when every cell bound to the ledger is blank. */
export function isBlankRow(raw: RawRow): boolean {
  return Object.values(raw.cells).every(isBlank);
}

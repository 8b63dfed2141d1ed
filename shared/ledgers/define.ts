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
  /**
   * The roster holds only the caller's own unit (an officer on the server): a 工号 missing from
   * it may be another unit's member, so the finding must read the same whether it is or not.
   */
  partialRoster?: boolean;
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
  /**
   * Columns of real forms that are read but not stored: they say what goes into the ledger's
   * own fields (会籍变化类型 + 会籍变化日期 → 入会日期 or 离会日期), through `derive`.
   */
  inputs?: Fields;
  /**
   * Fills fields from `inputs` (parsed, by key) before required fields are checked; returns
   * the findings about the inputs. Never overwrites a value the row has.
   */
  derive?(row: DraftOf<F>, inputs: Readonly<Record<string, unknown>>, ctx: RowContext<F>): Issue[];
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
  const prep = prepared(ledger, raw.headers, ctx);
  const { entries, contexts, header } = prep;
  // Every field gets a value below: start from the ledger's shape, so the row object does not
  // change shape field by field.
  const draft: Record<string, unknown> = { ...prep.blank };
  let failed: Set<string> | null = null;
  for (let i = 0; i < entries.length; i++) {
    const [key, field] = entries[i]!;
    const parsed = field.parse(raw.cells[key], contexts[i]!);
    if (!parsed.ok) {
      issues.push(error(key, parsed.code, parsed.message));
      (failed ??= new Set()).add(key);
      draft[key] = null;
      continue;
    }
    if (parsed.warnings) for (const w of parsed.warnings) issues.push(warning(key, w.code, w.message));
    draft[key] = parsed.value ?? field.default ?? null;
  }
  // Spelled out rather than spread (a spread per row was a fifth of validation): ROW_CONTEXT_KEYS
  // fails to compile when ValidationContext gains a member that is not copied here.
  const rctx: RowContext<F> = {
    settings: ctx.settings,
    today: ctx.today,
    roster: ctx.roster,
    partialRoster: ctx.partialRoster,
    actor: ctx.actor,
    header,
    raw,
  };
  if (ledger.inputs && ledger.derive) {
    const inputs = readInputs(ledger.inputs, raw, rctx, issues);
    if (inputs) for (const issue of ledger.derive(draft as DraftOf<F>, inputs, rctx)) issues.push(issue);
  }
  fillUnit(ledger, raw, ctx, draft);
  for (const [key, field] of entries)
    if (field.required && draft[key] === null && !failed?.has(key))
      issues.push(error(key, 'required', std.required(header(key))));
  if (ledger.rules) {
    const found = ledger.rules(draft as DraftOf<F>, rctx);
    for (const issue of found) issues.push(issue);
  }
  const year = rowYear(ledger, draft);
  if (hasError(issues)) return { fields: null, year, issues };
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

const ROW_CONTEXT_KEYS: Record<keyof ValidationContext, true> = {
  settings: true,
  today: true,
  roster: true,
  partialRoster: true,
  actor: true,
};
void ROW_CONTEXT_KEYS;

/** The inputs a row has cells for, parsed; null when it has none (most sheets). */
function readInputs<F extends Fields>(
  inputs: Fields,
  raw: RawRow,
  ctx: RowContext<F>,
  issues: Issue[],
): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const [key, field] of Object.entries(inputs)) {
    if (!(key in raw.cells)) continue;
    const typed = raw.headers?.[key];
    const parsed = field.parse(raw.cells[key], {
      header: typed ? displayHeader(typed) : field.header,
      settings: ctx.settings,
      today: ctx.today,
    });
    out ??= {};
    if (!parsed.ok) {
      issues.push(error(key, parsed.code, parsed.message));
      out[key] = null;
      continue;
    }
    if (parsed.warnings) for (const w of parsed.warnings) issues.push(warning(key, w.code, w.message));
    out[key] = parsed.value;
  }
  return out;
}

/** A field of the ledger or one of its inputs. */
export function fieldOf(ledger: Pick<Ledger, 'fields' | 'inputs'>, key: string): AnyField | undefined {
  return Object.hasOwn(ledger.fields, key) ? ledger.fields[key] : ledger.inputs?.[key];
}

function hasError(issues: readonly Issue[]): boolean {
  for (const i of issues) if (i.severity === 'error') return true;
  return false;
}

/**
 * What every row of one sheet shares — the ledger's fields, the headers as typed, the settings
 * and today — worked out once (rows of a sheet come in a run with the same objects): the field
 * list, each field's parse context, and the header lookup. The last few are kept.
 */
interface Prepared<F extends Fields> {
  ledger: Ledger<F>;
  headers: Readonly<Record<string, string>> | undefined;
  settings: Settings;
  today: string;
  entries: readonly (readonly [keyof F & string, AnyField])[];
  contexts: readonly ParseContext[];
  header: (key: keyof F & string) => string;
  /** Every field null, in field order. */
  blank: Readonly<Record<string, null>>;
}

const PREPARED_KEPT = 8;
const preparedRuns: Prepared<Fields>[] = [];

function prepared<F extends Fields>(
  ledger: Ledger<F>,
  headers: Readonly<Record<string, string>> | undefined,
  ctx: ValidationContext,
): Prepared<F> {
  for (const p of preparedRuns)
    if (
      p.ledger === (ledger as unknown as Ledger) &&
      p.headers === headers &&
      p.settings === ctx.settings &&
      p.today === ctx.today
    )
      return p as unknown as Prepared<F>;
  const typed = displayHeaders(headers);
  const header = (key: keyof F & string): string => typed[key] ?? ledger.fields[key]!.header;
  const entries = fieldEntries(ledger);
  const p: Prepared<F> = {
    ledger,
    headers,
    settings: ctx.settings,
    today: ctx.today,
    entries,
    contexts: entries.map(([key]) => ({ header: header(key), settings: ctx.settings, today: ctx.today })),
    header,
    blank: Object.fromEntries(entries.map(([key]) => [key, null])),
  };
  preparedRuns.unshift(p as unknown as Prepared<Fields>);
  if (preparedRuns.length > PREPARED_KEPT) preparedRuns.pop();
  return p;
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

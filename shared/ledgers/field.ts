import { z } from 'zod';
import {
  isBlank,
  isErrorValue,
  normalizeName,
  normalizeText,
  parseAmount,
  parseBool,
  parseDate,
  parseInteger,
  parseMonth,
  parseNumber,
  splitList,
  staffNoText,
} from '../cells/index.js';
import type { CellErrorCode, CellResult, DateRange } from '../cells/index.js';
import { findAccount, findUnit } from '../settings/lookup.js';
import type { Settings } from '../settings/schema.js';
import { std } from './messages.js';

/**
 * A ledger column: its familiar header and aliases (DOMAIN.md §3), how a cell becomes a
 * stored value, and the zod schema of that stored value. Ledger modules declare their
 * columns with the builders below; row types are inferred from the resulting schemas.
 */
export type FieldType =
  | 'text'
  | 'name'
  | 'date'
  | 'month'
  | 'amount'
  | 'int'
  | 'number'
  | 'bool'
  | 'enum'
  | 'unit'
  | 'staffNo'
  | 'account'
  | 'list'
  | 'idLast4';

export interface ParseContext {
  /** The header as typed in the officer's sheet, for messages. */
  header: string;
  settings: Settings;
  /** ISO date of "today" in Asia/Shanghai; passed in so that the domain stays pure. */
  today: string;
}

export type Finding = { code: string; message: string };
export type Parsed<T> =
  { ok: true; value: T | null; warnings?: Finding[] } | { ok: false; code: string; message: string };

export interface FieldSpec<S> {
  readonly type: FieldType;
  readonly header: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  /** unit, remarks, staffNo, name: not counted when scoring which ledger a sheet is. */
  readonly common: boolean;
  /**
   * Headers that bind to the field only where every value below them is valid for it: 工作单位
   * is a 所属工会 when it names units of the organisation, and a column of its own otherwise.
   */
  readonly conditionalAliases?: readonly string[];
  /** An input (LedgerSpec.inputs) that fills these required fields: its column stands for them. */
  readonly supplies?: readonly string[];
  readonly options?: readonly string[];
  readonly default?: NonNullable<S>;
  /** The stored value, `null` included when the field may be blank. */
  readonly stored: z.ZodType<S>;
  parse(cell: unknown, ctx: ParseContext): Parsed<NonNullable<S>>;
}

export type AnyField = FieldSpec<unknown>;

interface BaseOptions {
  header: string;
  aliases?: readonly string[];
  conditionalAliases?: readonly string[];
  supplies?: readonly string[];
  required?: boolean;
  common?: boolean;
}

/** A field is stored without null when it is required or has a default. */
type Stored<T, O> = O extends { required: true } ? T : O extends { default: unknown } ? T : T | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

function spec<T, O extends BaseOptions & { default?: T }>(
  type: FieldType,
  o: O,
  value: z.ZodType<T>,
  parse: (cell: unknown, ctx: ParseContext) => Parsed<T>,
  extra: { options?: readonly string[] } = {},
): FieldSpec<Stored<T, O>> {
  const nullable = !(o.required || o.default !== undefined);
  return {
    type,
    header: o.header,
    aliases: o.aliases ?? [],
    required: o.required ?? false,
    common: o.common ?? false,
    ...(o.conditionalAliases ? { conditionalAliases: o.conditionalAliases } : {}),
    ...(o.supplies ? { supplies: o.supplies } : {}),
    ...(extra.options ? { options: extra.options } : {}),
    ...(o.default !== undefined ? { default: o.default } : {}),
    stored: (nullable ? value.nullable() : value) as z.ZodType<Stored<T, O>>,
    parse: parse as FieldSpec<Stored<T, O>>['parse'],
  } as FieldSpec<Stored<T, O>>;
}

function fromCell<T>(r: CellResult<T>, h: string, msg: (code: CellErrorCode) => string): Parsed<T> {
  return r.ok ? { ok: true, value: r.value } : { ok: false, code: r.code, message: msg(r.code) };
}

function cellError(code: CellErrorCode, h: string): string {
  switch (code) {
    case 'date.invalid':
      return std.date(h);
    case 'date.noYear':
      return std.dateNoYear(h);
    case 'amount.capitalNumerals':
      return std.amountCapital(h);
    case 'amount.decimals':
      return std.amountDecimals(h);
    case 'amount.range':
      return std.amountRange(h);
    case 'amount.negative':
      return std.negative(h);
    case 'amount.invalid':
      return std.amount(h);
    case 'bool.invalid':
      return std.bool(h);
    case 'int.invalid':
      return std.integer(h);
    case 'number.invalid':
      return std.number(h);
    default:
      return std.date(h);
  }
}

/** An error value (#N/A…) in a bound cell is the field's own invalid-value error (§4.1). */
function errorValue(cell: unknown): boolean {
  return isErrorValue(cell);
}

// ---------------------------------------------------------------- text

interface TextOptions extends BaseOptions {
  max?: number;
  pattern?: RegExp;
  patternMessage?: (h: string) => string;
  default?: string;
}

export function text<const O extends TextOptions>(o: O): FieldSpec<Stored<string, O>> {
  const max = o.max;
  return spec<string, O>('text', o, max ? z.string().max(max) : z.string(), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'text.invalid', message: std.invalidValue(ctx.header) };
    const v = normalizeText(cell);
    if (v === null) return { ok: true, value: null };
    if (max !== undefined && [...v].length > max)
      return { ok: false, code: 'text.length', message: std.length(ctx.header, max) };
    if (o.pattern && !o.pattern.test(v))
      return {
        ok: false,
        code: 'text.format',
        message: (o.patternMessage ?? std.length)(ctx.header, max ?? 0),
      };
    return { ok: true, value: v };
  });
}

/** A person's name: spaces removed, "·" kept (§4.1). */
export function personName<const O extends BaseOptions & { max?: number }>(
  o: O,
): FieldSpec<Stored<string, O>> {
  const max = o.max ?? 20;
  return spec<string, O>('name', o, z.string().max(max), (cell, ctx) => {
    const v = errorValue(cell) ? null : normalizeName(cell);
    if (v === null) return { ok: true, value: null };
    if ([...v].length > max) return { ok: false, code: 'text.length', message: std.length(ctx.header, max) };
    return { ok: true, value: v };
  });
}

// ---------------------------------------------------------------- dates

/** Which plausible range a date falls in (§4.2). */
export type DateKind = 'event' | 'birth' | 'membership';

export function dateRange(kind: DateKind, today: string): DateRange {
  const year = Number(today.slice(0, 4));
  if (kind === 'birth') return { minYear: 1930, maxYear: year };
  if (kind === 'membership') return { minYear: 1950, maxYear: year + 1 };
  return { minYear: 2000, maxYear: year + 1 };
}

const FUTURE_DAYS = 31;

/**
 * What a date field needs of `today`, worked out once per day rather than per cell: the
 * plausible range, and the last date that is not "too far ahead" (§5.5) as ISO text — ISO
 * dates of four-digit years compare as strings.
 */
interface DateLimits {
  today: string;
  range: DateRange;
  lastNotFuture: string;
}

function dateLimits(kind: DateKind, today: string, cache: { last?: DateLimits }): DateLimits {
  const last = cache.last;
  if (last !== undefined && last.today === today) return last;
  const t = Date.parse(`${today}T00:00:00Z`);
  const limit = Number.isNaN(t) ? '' : new Date(t + FUTURE_DAYS * 86_400_000).toISOString().slice(0, 10);
  return (cache.last = { today, range: dateRange(kind, today), lastNotFuture: limit });
}

/** A date more than FUTURE_DAYS after today (both ISO); nothing is "future" when today is unreadable. */
function isFuture(value: string, limits: DateLimits): boolean {
  return limits.lastNotFuture !== '' && value > limits.lastNotFuture;
}

interface DateOptions extends BaseOptions {
  range?: DateKind;
}

export function date<const O extends DateOptions>(o: O): FieldSpec<Stored<string, O>> {
  const kind = o.range ?? 'event';
  const cache: { last?: DateLimits } = {};
  return spec<string, O>('date', o, z.string().regex(ISO_DATE), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'date.invalid', message: std.date(ctx.header) };
    const limits = dateLimits(kind, ctx.today, cache);
    const range = limits.range;
    const r = parseDate(cell, range);
    if (!r.ok && r.code === 'date.range')
      return {
        ok: false,
        code: 'date.range',
        message: std.dateRange(ctx.header, range.minYear, range.maxYear),
      };
    const parsed = fromCell(r, ctx.header, (c) => cellError(c, ctx.header));
    // §5.5: a date more than a month ahead is probably a typo, but may be a plan: warn only.
    if (parsed.ok && parsed.value && isFuture(parsed.value, limits))
      return { ...parsed, warnings: [{ code: 'date.future', message: std.future(ctx.header) }] };
    return parsed;
  });
}

export function month<const O extends DateOptions>(o: O): FieldSpec<Stored<string, O>> {
  const kind = o.range ?? 'event';
  const cache: { last?: DateLimits } = {};
  return spec<string, O>('month', o, z.string().regex(ISO_MONTH), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'date.invalid', message: std.date(ctx.header) };
    const range = dateLimits(kind, ctx.today, cache).range;
    const r = parseMonth(cell, range);
    if (!r.ok && r.code === 'date.range')
      return {
        ok: false,
        code: 'date.range',
        message: std.dateRange(ctx.header, range.minYear, range.maxYear),
      };
    return fromCell(r, ctx.header, (c) => cellError(c, ctx.header));
  });
}

// ---------------------------------------------------------------- numbers

interface AmountOptions extends BaseOptions {
  /** 'positive' (> 0), 'nonNegative' (≥ 0) or 'any' (the ledger's own rule decides). */
  sign?: 'positive' | 'nonNegative' | 'any';
}

/** Money, stored as integer 分 (§4.3). */
export function amount<const O extends AmountOptions>(o: O): FieldSpec<Stored<number, O>> {
  const sign = o.sign ?? 'nonNegative';
  return spec<number, O>('amount', o, z.number().int(), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'amount.invalid', message: std.amount(ctx.header) };
    const r = fromCell(parseAmount(cell), ctx.header, (c) => cellError(c, ctx.header));
    if (!r.ok || r.value === null) return r;
    if (sign !== 'any' && r.value < 0)
      return { ok: false, code: 'amount.negative', message: std.negative(ctx.header) };
    if (sign === 'positive' && r.value === 0)
      return { ok: false, code: 'amount.zero', message: `「${ctx.header}」应大于0` };
    return r;
  });
}

interface IntOptions extends BaseOptions {
  min?: number;
  max?: number;
  default?: number;
}

export function integer<const O extends IntOptions>(o: O): FieldSpec<Stored<number, O>> {
  const bounds = { min: o.min ?? 0, ...(o.max !== undefined ? { max: o.max } : {}) };
  return spec<number, O>('int', o, z.number().int().nonnegative(), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'int.invalid', message: std.integer(ctx.header) };
    return fromCell(parseInteger(cell, bounds), ctx.header, (c) => cellError(c, ctx.header));
  });
}

export function decimal<const O extends BaseOptions>(o: O): FieldSpec<Stored<number, O>> {
  return spec<number, O>('number', o, z.number(), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'number.invalid', message: std.number(ctx.header) };
    return fromCell(parseNumber(cell), ctx.header, (c) => cellError(c, ctx.header));
  });
}

// ---------------------------------------------------------------- choices

interface BoolOptions extends BaseOptions {
  default?: boolean;
}

export function bool<const O extends BoolOptions>(o: O): FieldSpec<Stored<boolean, O>> {
  return spec<boolean, O>('bool', o, z.boolean(), (cell, ctx) => {
    if (errorValue(cell)) return { ok: false, code: 'bool.invalid', message: std.bool(ctx.header) };
    return fromCell(parseBool(cell), ctx.header, (c) => cellError(c, ctx.header));
  });
}

interface EnumOptions<V extends string> extends BaseOptions {
  /** Other spellings officers use, mapped to a canonical value (e.g. 予以立案 → 立案). */
  valueAliases?: Readonly<Record<string, V>>;
  default?: V;
  /** Overrides the std enum message (e.g. 节日 "只能为法定节日"); `v` is the cell as typed. */
  message?: (h: string, v: string) => string;
}

export function oneOf<const V extends string, const O extends EnumOptions<V>>(
  options: readonly [V, ...V[]],
  o: O,
): FieldSpec<Stored<V, O>> {
  const lookup = new Map<string, V>();
  for (const v of options) lookup.set(enumKey(v), v);
  for (const [alias, v] of Object.entries(o.valueAliases ?? {})) lookup.set(enumKey(alias), v as V);
  return spec<V, O>(
    'enum',
    o,
    z.enum(options as unknown as [V, ...V[]]) as unknown as z.ZodType<V>,
    (cell, ctx) => {
      if (errorValue(cell)) return invalidChoice(o, options, ctx.header, '');
      const v = normalizeText(cell);
      if (v === null) return { ok: true, value: null };
      // Normalised text has no whitespace but single spaces: its key is itself without them.
      const found = lookup.get(v.includes(' ') ? v.replace(/ /g, '') : v);
      return found !== undefined ? { ok: true, value: found } : invalidChoice(o, options, ctx.header, v);
    },
    { options },
  );
}

function invalidChoice<V extends string>(
  o: EnumOptions<V>,
  options: readonly string[],
  header: string,
  typed: string,
): Parsed<V> {
  return {
    ok: false,
    code: 'enum.invalid',
    message: o.message ? o.message(header, typed) : std.enum(header, options),
  };
}

function enumKey(s: string): string {
  return (normalizeText(s) ?? '').replace(/\s+/g, '');
}

// ---------------------------------------------------------------- organisation

/** A unit cell, stored as the unit id of settings (§2). */
export function unit<const O extends BaseOptions & { default?: string }>(o: O): FieldSpec<Stored<string, O>> {
  return spec<string, O>('unit', { common: true, ...o }, z.string().min(1), (cell, ctx) => {
    if (errorValue(cell) || isBlank(cell)) return { ok: true, value: null };
    const found = findUnit(ctx.settings, cell);
    if (found) return { ok: true, value: found.id };
    return {
      ok: false,
      code: 'unit.unknown',
      message: std.unknownUnit(ctx.header, normalizeText(cell) ?? ''),
    };
  });
}

/** An account of the chart in settings, stored as its code (§3.14, §7.1). */
export function account<const O extends BaseOptions & { direction?: '支出' | '收入' }>(
  o: O,
): FieldSpec<Stored<string, O>> {
  return spec<string, O>('account', o, z.string().regex(/^\d{3}(\d{2})?$/), (cell, ctx) => {
    if (isBlank(cell)) return { ok: true, value: null };
    const text = errorValue(cell) ? '' : (normalizeText(cell) ?? '');
    const found = findAccount(ctx.settings, cell);
    if (!found || (o.direction && found.direction !== o.direction))
      return { ok: false, code: 'account.unknown', message: std.unknownAccount(ctx.header, text) };
    if (!found.basicUnion)
      return { ok: false, code: 'account.higherUnion', message: std.higherUnionAccount(found.name) };
    return { ok: true, value: found.code };
  });
}

const STAFF_NO = /^[A-Za-z0-9]{4,12}$/;

export function staffNo<const O extends BaseOptions>(o: O): FieldSpec<Stored<string, O>> {
  return spec<string, O>('staffNo', { common: true, ...o }, z.string().regex(STAFF_NO), (cell, ctx) => {
    const v = errorValue(cell) ? '#' : staffNoText(cell);
    if (v === null) return { ok: true, value: null };
    return STAFF_NO.test(v)
      ? { ok: true, value: v }
      : { ok: false, code: 'staffNo.format', message: std.staffNo(ctx.header) };
  });
}

/** A list of people (附议人), split on 、，,；; and spaces (§4.5). */
export function personList<const O extends BaseOptions>(o: O): FieldSpec<Stored<string[], O>> {
  return spec<string[], O>('list', o, z.array(z.string().max(20)).max(200), (cell) => {
    const list = errorValue(cell) ? [] : splitList(cell);
    return { ok: true, value: list.length ? list : null };
  });
}

/**
 * Identity numbers keep only their last four characters (§4.6). The client masks a full
 * number before sending; a value longer than four reaching the parser is refused, so a
 * faulty client cannot leak one.
 */
export function idLast4<const O extends BaseOptions>(o: O): FieldSpec<Stored<string, O>> {
  return spec<string, O>('idLast4', o, z.string().regex(/^[0-9X]{1,4}$/), (cell) => {
    const v = errorValue(cell) ? null : normalizeText(cell);
    if (v === null) return { ok: true, value: null };
    const compact = v.replace(/\s+/g, '').toUpperCase();
    if (compact.length > 4) return { ok: false, code: 'idLast4.full', message: std.idFull() };
    if (!/^[0-9X]{1,4}$/.test(compact)) return { ok: false, code: 'idLast4.format', message: std.idFull() };
    return { ok: true, value: compact };
  });
}

// ---------------------------------------------------------------- the common fields of §3

/**
 * Headers of HR rosters and approval exports that are a unit only where their values name
 * units of the organisation (issue 18): 工作单位 may as well name a company.
 */
export const CONDITIONAL_UNIT_ALIASES = ['工作单位', '一级部门', '发起人部门', '报销部门'] as const;

export const COMMON_UNIT_ALIASES = [
  '所属工会',
  '分工会',
  '所属分工会',
  '二级工会',
  '工会名称',
  '所在单位',
  '单位',
] as const;

export const common = {
  /** The unit of a row; a ledger may rename it (组织单位, 预算单位) and add aliases. */
  unit: (o: { header?: string; aliases?: readonly string[] } = {}) =>
    unit({
      header: o.header ?? '所属工会',
      aliases: [...(o.aliases ?? []), ...COMMON_UNIT_ALIASES],
      conditionalAliases: CONDITIONAL_UNIT_ALIASES,
      required: true,
    } as const),
  remarks: () => text({ header: '备注', aliases: ['说明', '附注'], max: 200, common: true } as const),
  staffNo: () =>
    staffNo({
      header: '工号',
      aliases: ['职工号', '教工号', '人员编号', '工作证号'],
      required: true,
    } as const),
  name: (extraAliases: readonly string[] = []) =>
    personName({
      header: '姓名',
      aliases: ['职工姓名', '会员姓名', '教职工姓名', ...extraAliases],
      required: true,
      common: true,
    } as const),
};

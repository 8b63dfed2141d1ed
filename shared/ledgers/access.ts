import type { Role, Settings } from '../settings/schema.js';
import { unitName } from '../settings/lookup.js';
import type { WriteScope } from './define.js';
import { std } from './messages.js';

export interface Actor {
  userId: string;
  role: Role;
  /** Officers only: the unit they are bound to. */
  unit?: string | undefined;
}

export type Denial = { code: 'forbidden'; message: string };

/**
 * DOMAIN.md §2's write scope, for one row. Returns null when the actor may write a row of
 * this unit, otherwise the Chinese reason. Checked per row on the server, whatever the client says.
 */
export function writeDenial(
  actor: Actor,
  scope: WriteScope,
  rowUnit: string | null,
  settings: Settings,
): Denial | null {
  switch (actor.role) {
    case 'admin':
      return null;
    case 'leader':
      return { code: 'forbidden', message: std.readOnly() };
    case 'finance':
      return scope === 'budget' || scope === 'expenses'
        ? null
        : { code: 'forbidden', message: std.readOnly() };
    case 'officer': {
      if (scope === 'school' || scope === 'budget') return { code: 'forbidden', message: std.schoolOnly() };
      if (!actor.unit || rowUnit !== actor.unit) {
        const own = actor.unit ? unitName(settings, actor.unit) : '未指定单位';
        return {
          code: 'forbidden',
          message: std.forbiddenUnit(rowUnit ? unitName(settings, rowUnit) : '', own),
        };
      }
      return null;
    }
  }
}

/** Which rows an actor may read: every unit (null) or just their own. */
export function readableUnit(actor: Actor): string | null {
  return actor.role === 'officer' ? (actor.unit ?? '\u0000') : null;
}

/**
 * Whether the actor may read rows of `unit` — and so learn anything about them: their content,
 * the people they name, that they exist. Every check that compares a caller's rows with stored
 * ones (roster, duplicates, caps) reads only rows of such units; where identity must hold across
 * units (a 工号), the clash is told without naming the other row.
 */
export function mayReadUnit(actor: Actor, unit: string): boolean {
  const readable = readableUnit(actor);
  return readable === null || readable === unit;
}

/**
 * The refusal for a stored row the actor may not write (an update, move or delete by row id).
 * A row of a unit the actor may not read is refused without naming its unit.
 */
export function storedRowDenial(
  actor: Actor,
  scope: WriteScope,
  storedUnit: string,
  settings: Settings,
): Denial | null {
  const denial = writeDenial(actor, scope, storedUnit || null, settings);
  if (!denial || mayReadUnit(actor, storedUnit)) return denial;
  return { code: 'forbidden', message: std.otherUnitRow() };
}

/** Whether the actor may write the ledger at all (before looking at rows): drives templates and buttons. */
export function canWriteLedger(actor: Actor, scope: WriteScope): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'leader':
      return false;
    case 'finance':
      return scope === 'budget' || scope === 'expenses';
    case 'officer':
      return scope === 'unit' || scope === 'expenses';
  }
}

// ------------------------------------------------------------------------------------------
// Reading: THE policy of who sees which rows and fields, everywhere rows are shown (pull, sync
// answers, reports, workbooks). Services ask here; none keeps a rule of its own.

/**
 * Fields only admin and the row's own unit may see, whatever the row (DOMAIN.md §3.1:
 * 困难职工建档 is "visible to admin and the unit's officer only").
 */
const PRIVATE_FIELDS: Readonly<Record<string, readonly string[]>> = { members: ['hardship'] };

/** What finance, who pays it, sees of a sensitive welfare row: no person, no 事由. */
const SENSITIVE_PAYMENT_FIELDS: readonly string[] = ['date', 'unit', 'type', 'amount'];

/** The 慰问类别 that is always sensitive; settings may add others (`sensitiveWelfareTypes`). */
export const HARDSHIP_TYPE = '困难帮扶';

/** Whether a row is sensitive welfare: 困难帮扶, or a type the settings mark sensitive. */
export function isSensitiveRow(
  settings: Pick<Settings, 'sensitiveWelfareTypes'> | null | undefined,
  kind: string,
  fields: Readonly<Record<string, unknown>>,
): boolean {
  if (kind !== 'welfare') return false;
  const type = fields.type;
  if (typeof type !== 'string') return false;
  return type === HARDSHIP_TYPE || (settings?.sensitiveWelfareTypes ?? []).includes(type);
}

/** A row as the policy looks at it. */
export interface RowOfUnit {
  unit: string;
  fields: Readonly<Record<string, unknown>>;
}

/**
 * What `actor` may see of one row of `kind`: its fields as shown, or null when the row is not
 * to be shown at all. Admin sees everything; an officer the rows of their unit, whole; finance
 * every row without private fields, and of sensitive welfare only date, unit, type and amount;
 * the leader no sensitive welfare row (figures only) and no private field. Without an actor
 * (a report over the organisation for nobody in particular) the leader's view applies.
 */
export function rowView(
  actor: Actor | undefined,
  settings: Pick<Settings, 'sensitiveWelfareTypes'> | null | undefined,
  kind: string,
  row: RowOfUnit,
): Record<string, unknown> | null {
  const fields = row.fields as Record<string, unknown>;
  if (actor?.role === 'admin') return fields;
  if (actor?.role === 'officer') return actor.unit !== undefined && actor.unit === row.unit ? fields : null;
  if (isSensitiveRow(settings, kind, fields)) {
    if (actor?.role !== 'finance') return null;
    const shown: Record<string, unknown> = {};
    for (const f of SENSITIVE_PAYMENT_FIELDS) if (f in fields) shown[f] = fields[f];
    return shown;
  }
  const hidden = PRIVATE_FIELDS[kind];
  if (!hidden) return fields;
  const shown = { ...fields };
  for (const f of hidden) delete shown[f];
  return shown;
}

/**
 * The fields of `kind` that `actor` may not see on rows of `unit` (or of any unit, without
 * one): the columns a report over many rows leaves out. Row-level rules (sensitive welfare) are
 * `rowView`'s; this is for what holds for every row.
 */
export function hiddenFields(actor: Actor | undefined, kind: string, unit?: string): readonly string[] {
  if (actor?.role === 'admin') return [];
  if (actor?.role === 'officer' && unit !== undefined && actor.unit === unit) return [];
  return PRIVATE_FIELDS[kind] ?? [];
}

/** Whether the actor may pull ledger rows (the leader reads figures and workbooks, not rows). */
export function canPullRows(actor: Actor): boolean {
  return actor.role !== 'leader';
}

/**
 * Whether the actor may see budget execution (预算执行): everyone signed in — officers for their
 * own unit, the others for every unit. The pane shows its 预算执行 button from this.
 */
export function canSeeBudgetExecution(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'finance' || actor.role === 'leader' || !!actor.unit;
}

/** Whether the actor may download the organisation's reports (every unit's figures): not officers. */
export function canGetReports(actor: Actor): boolean {
  return actor.role !== 'officer';
}

/**
 * Whether the actor may read the audit, back up or restore: admin only — the audit and a backup
 * hold every row's content, sensitive welfare included.
 */
export function canAdminister(actor: Actor): boolean {
  return actor.role === 'admin';
}

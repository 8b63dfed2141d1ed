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

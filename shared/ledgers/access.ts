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

/**
 * Whether the actor may read budget execution (GET /api/budget-execution): every role — an
 * officer their own unit's (readableUnit), the others every unit's. The pane offers 预算执行 by
 * this rule, so it shows what the server serves.
 */
export function canReadBudgetExecution(actor: Actor): boolean {
  return readableUnit(actor) !== '\u0000';
}

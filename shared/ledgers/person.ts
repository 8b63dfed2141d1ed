import { isMemberOn, type RosterEntry } from './roster.js';
import { warning, type Issue } from './issue.js';
import { std } from './messages.js';
import type { ValidationContext } from './define.js';

/**
 * The common person checks of §3 (工号 + 姓名 against the roster). Only when a roster is
 * known: without one, nothing can be said about a person.
 */
export function personChecks(
  ctx: ValidationContext,
  staffNo: string | null,
  name: string | null,
  fields: { staffNo: string; name: string } = { staffNo: 'staffNo', name: 'name' },
): Issue[] {
  if (!ctx.roster || (ctx.roster.size === 0 && !ctx.partialRoster) || !staffNo) return [];
  const entry = ctx.roster.get(staffNo);
  if (!entry)
    return [
      warning(
        fields.staffNo,
        'person.notInRoster',
        ctx.partialRoster ? std.notInUnitRoster() : std.notInRoster(staffNo),
      ),
    ];
  if (name && entry.name !== name)
    return [warning(fields.name, 'person.nameMismatch', std.rosterName(entry.name))];
  return [];
}

export function rosterEntry(ctx: ValidationContext, staffNo: string | null): RosterEntry | undefined {
  return staffNo ? ctx.roster?.get(staffNo) : undefined;
}

export { isMemberOn };

import { activities } from './activities.js';
import { awards } from './awards.js';
import { budget } from './budget.js';
import { checkups } from './checkups.js';
import type { Ledger, LedgerKind } from './define.js';
import { enrolment } from './enrolment.js';
import { expenses } from './expenses.js';
import { homes } from './homes.js';
import { honours } from './honours.js';
import { ideas } from './ideas.js';
import { mailbox } from './mailbox.js';
import { meetings } from './meetings.js';
import { members } from './members.js';
import { participation } from './participation.js';
import { proposals } from './proposals.js';
import { welfare } from './welfare.js';

export * from './access.js';
export * from './define.js';
export * from './field.js';
export * from './issue.js';
export * from './messages.js';
export * from './roster.js';
export {
  activities,
  awards,
  budget,
  checkups,
  enrolment,
  expenses,
  homes,
  honours,
  ideas,
  mailbox,
  meetings,
  members,
  participation,
  proposals,
  welfare,
};

/** All 15 ledgers of DOMAIN.md §3, in the order of that section. */
export const ledgers: { readonly [K in LedgerKind]: Ledger } = {
  members,
  welfare,
  checkups,
  activities,
  awards,
  honours,
  proposals,
  ideas,
  meetings,
  participation,
  enrolment,
  mailbox,
  homes,
  budget,
  expenses,
} as unknown as { readonly [K in LedgerKind]: Ledger };

export function ledgerOf(kind: LedgerKind): Ledger {
  return ledgers[kind];
}

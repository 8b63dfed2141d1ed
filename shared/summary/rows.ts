import type { LedgerKind } from '../ledgers/define.js';
import type { ActivitiesRow } from '../ledgers/activities.js';
import type { AwardsRow } from '../ledgers/awards.js';
import type { BudgetRow } from '../ledgers/budget.js';
import type { CheckupsRow } from '../ledgers/checkups.js';
import type { EnrolmentRow } from '../ledgers/enrolment.js';
import type { ExpenseRow } from '../ledgers/expenses.js';
import type { HomesRow } from '../ledgers/homes.js';
import type { HonoursRow } from '../ledgers/honours.js';
import type { IdeaRow } from '../ledgers/ideas.js';
import type { MailboxRow } from '../ledgers/mailbox.js';
import type { MeetingRow } from '../ledgers/meetings.js';
import type { MembersRow } from '../ledgers/members.js';
import type { ParticipationRow } from '../ledgers/participation.js';
import type { ProposalRow } from '../ledgers/proposals.js';
import type { WelfareRow } from '../ledgers/welfare.js';

/** The typed `fields` of a stored row, per ledger kind. */
export interface RowFields {
  members: MembersRow;
  welfare: WelfareRow;
  checkups: CheckupsRow;
  activities: ActivitiesRow;
  awards: AwardsRow;
  honours: HonoursRow;
  proposals: ProposalRow;
  ideas: IdeaRow;
  meetings: MeetingRow;
  participation: ParticipationRow;
  enrolment: EnrolmentRow;
  mailbox: MailboxRow;
  homes: HomesRow;
  budget: BudgetRow;
  expenses: ExpenseRow;
}

/**
 * A ledger row as the store holds it (DESIGN.md "Storage"), reduced to what summaries need.
 * `year` is the row's year (§2): 年度, else the year of the ledger's primary date. Deleted
 * rows (tombstones) never count. Without a type argument it is the union over all kinds.
 */
export type StoredRow<K extends LedgerKind = LedgerKind> = K extends LedgerKind
  ? {
      id: string;
      kind: K;
      unit: string;
      year: number | null;
      fields: RowFields[K];
      deleted?: boolean;
    }
  : never;

export type RowsByKind = { [K in LedgerKind]?: readonly StoredRow<K>[] };

/** The live (not deleted) rows of one kind. */
export function liveRows<K extends LedgerKind>(rows: RowsByKind, kind: K): StoredRow<K>[] {
  const list = (rows[kind] ?? []) as readonly StoredRow<K>[];
  return list.filter((r) => !r.deleted);
}

/** The live rows of one kind that count in `year` (their own `year`, §2), optionally of one unit. */
export function rowsOfYear<K extends LedgerKind>(
  rows: RowsByKind,
  kind: K,
  year: number,
  unit?: string,
): StoredRow<K>[] {
  return liveRows(rows, kind).filter((r) => r.year === year && (unit === undefined || r.unit === unit));
}

/** The year of an ISO date or month, or null. */
export function yearOf(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}/.test(iso)) return null;
  return Number(iso.slice(0, 4));
}

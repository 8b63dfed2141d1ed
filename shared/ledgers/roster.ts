/**
 * What other ledgers need to know about a member (DOMAIN.md §3.1): built from the members
 * ledger's rows, read by person checks in every other ledger.
 */
export interface RosterEntry {
  staffNo: string;
  name: string;
  unit: string;
  gender: '男' | '女';
  birthMonth: string | null;
  joinDate: string;
  leaveDate: string | null;
  status: '在会' | '转出' | '退休' | '离会' | '去世';
  isRep: boolean;
  staffType: string | null;
  childrenUnder14: number | null;
}

export type Roster = ReadonlyMap<string, RosterEntry>;

/** Whether a member belongs to the union on a given ISO date. */
export function isMemberOn(entry: RosterEntry, isoDate: string): boolean {
  return entry.joinDate <= isoDate && (entry.leaveDate === null || entry.leaveDate > isoDate);
}

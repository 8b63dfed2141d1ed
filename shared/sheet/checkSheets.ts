import type { BudgetRow } from '../ledgers/budget.js';
import type { ValidationContext } from '../ledgers/define.js';
import { ledgers } from '../ledgers/index.js';
import { rosterFromMembers, type MembersRow } from '../ledgers/members.js';
import { checkBatch, type BatchVerdict } from '../summary/checkBatch.js';
import type { RowsByKind, StoredRow } from '../summary/rows.js';
import type { LedgerKind } from '../ledgers/define.js';
import type { SheetLayout } from './detect.js';
import { maskIdentity, type SheetRow } from './rows.js';

/** A sheet read and bound to a ledger: what the CLI and the add-in validate. */
export interface LedgerSheet {
  /** Where the sheet came from (a file name in the CLI), for reports. */
  source: string;
  sheet: string;
  layout: SheetLayout;
  rows: SheetRow[];
}

export interface CheckedSheet extends LedgerSheet {
  /** One verdict per row of `rows`, in the same order; empty when the kind is unknown. */
  verdicts: BatchVerdict[];
}

/**
 * Validate sheets together, as a person would read them: a members sheet among them is the
 * roster for every person check, and budget sheets are the budget lines for expense
 * warnings. Pure: the caller reads the sheets.
 */
export function checkSheets(sheets: readonly LedgerSheet[], ctx: ValidationContext): CheckedSheet[] {
  const verdicts = new Map<LedgerSheet, BatchVerdict[]>();
  const run = (
    sheet: LedgerSheet,
    c: ValidationContext & { budget?: { fields: BudgetRow }[] },
  ): BatchVerdict[] => {
    if (!sheet.layout.kind) return [];
    const ledger = ledgers[sheet.layout.kind];
    const inputs = sheet.rows.map((row) => {
      const masked = maskIdentity(row);
      return {
        sheetRow: row.sheetRow,
        raw: masked.row.raw,
        id: row.rowId ?? undefined,
        issues: masked.issues,
      };
    });
    return checkBatch(ledger, inputs, c);
  };
  const ofKind = (kind: string): LedgerSheet[] => sheets.filter((s) => s.layout.kind === kind);

  // Members first: their valid rows are the roster the other ledgers check people against.
  for (const s of ofKind('members')) verdicts.set(s, run(s, { ...ctx, roster: ctx.roster ?? new Map() }));
  const memberRows = [...verdicts.values()].flat().flatMap((v) => (v.fields ? [v.fields as MembersRow] : []));
  const roster = memberRows.length ? rosterFromMembers(memberRows) : ctx.roster;
  const withRoster: ValidationContext = { ...ctx, ...(roster ? { roster } : {}) };

  for (const s of ofKind('budget')) verdicts.set(s, run(s, withRoster));
  const budget = ofKind('budget')
    .flatMap((s) => verdicts.get(s) ?? [])
    .flatMap((v) => (v.fields ? [{ fields: v.fields as BudgetRow }] : []));

  for (const s of sheets) if (!verdicts.has(s)) verdicts.set(s, run(s, { ...withRoster, budget }));
  return sheets.map((s) => ({ ...s, verdicts: verdicts.get(s) ?? [] }));
}

/**
 * The valid rows of checked sheets, shaped as the store holds them, for summaries made
 * without a server (the CLI's `summary`, the task pane offline). Invalid rows do not count.
 */
export function storedRowsOf(checked: readonly CheckedSheet[]): RowsByKind {
  const byKind: Partial<Record<LedgerKind, StoredRow[]>> = {};
  for (const sheet of checked) {
    const kind = sheet.layout.kind;
    if (!kind) continue;
    sheet.verdicts.forEach((v, i) => {
      if (!v.fields) return;
      const id = sheet.rows[i]?.rowId ?? `${sheet.source}:${sheet.sheet}:${v.sheetRow}`;
      const row = {
        id,
        kind,
        unit: String(v.fields.unit ?? 'school'),
        year: v.year,
        fields: v.fields,
      } as StoredRow;
      (byKind[kind] ??= []).push(row);
    });
  }
  return byKind as RowsByKind;
}

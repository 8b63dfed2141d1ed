import type { BudgetRow } from '../ledgers/budget.js';
import { fieldOf, type ValidationContext } from '../ledgers/define.js';
import { error, type Issue } from '../ledgers/issue.js';
import { ledgers } from '../ledgers/index.js';
import { rosterFromMembers, type MembersRow } from '../ledgers/members.js';
import { checkBatch, type BatchVerdict } from '../summary/checkBatch.js';
import type { RowsByKind, StoredRow } from '../summary/rows.js';
import type { LedgerKind } from '../ledgers/define.js';
import { hintDates } from './dateHints.js';
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
  /** Findings about the sheet as a whole, said once (a missing required column). */
  sheetIssues: Issue[];
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
  return sheets.map((s) => {
    const v = verdicts.get(s) ?? [];
    const hinted = s.layout.kind ? hintDates(ledgers[s.layout.kind], s.layout, s.rows, v) : v;
    return sayMissingOnce(s, hinted, ctx);
  });
}

/**
 * Issue 18: a sheet without a required column gets one issue naming the headers it lacks,
 * instead of the same `不能为空` on every row; the rows are judged on the columns they have
 * (and stay unsaved, since a required field has no value). A unit the caller's role makes
 * certain (an officer's own) is not missing: validateRow fills it.
 */
function sayMissingOnce(sheet: LedgerSheet, verdicts: BatchVerdict[], ctx: ValidationContext): CheckedSheet {
  const kind = sheet.layout.kind;
  if (!kind || sheet.layout.headerRow === null) return { ...sheet, verdicts, sheetIssues: [] };
  const ledger = ledgers[kind];
  const covered = new Set<string>();
  for (const c of sheet.layout.columns) {
    covered.add(c.field);
    for (const f of fieldOf(ledger, c.field)?.supplies ?? []) covered.add(f);
  }
  const absent = Object.entries(ledger.fields)
    .filter(([k, f]) => f.required && !covered.has(k))
    .map(([k]) => k);
  if (absent.length === 0) return { ...sheet, verdicts, sheetIssues: [] };
  const officerUnit = ctx.actor?.role === 'officer' && !!ctx.actor.unit;
  const said = new Set<string>();
  let affected = 0;
  const kept = verdicts.map((v, i) => {
    const cells = sheet.rows[i]?.raw.cells ?? {};
    const issues = v.issues.filter((issue) => {
      const once =
        issue.code === 'required' &&
        issue.field !== null &&
        absent.includes(issue.field) &&
        !(issue.field in cells);
      if (once) said.add(issue.field!);
      return !once;
    });
    if (issues.length !== v.issues.length) affected++;
    return issues.length === v.issues.length ? v : { ...v, issues };
  });
  const missing =
    verdicts.length > 0
      ? absent.filter((k) => said.has(k))
      : absent.filter((k) => !(k === 'unit' && officerUnit));
  if (missing.length === 0) return { ...sheet, verdicts: kept, sheetIssues: [] };
  const names = missing.map((k) => `「${ledger.fields[k]!.header}」`).join('');
  const message =
    affected > 0
      ? `表中没有必填列${names}：${affected}行因此不能保存，请补充这些列`
      : `表中没有必填列${names}，请补充这些列`;
  return { ...sheet, verdicts: kept, sheetIssues: [error(null, 'sheet.missingColumns', message)] };
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

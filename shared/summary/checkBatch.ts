import { mixedLevelIssues, type BudgetRow } from '../ledgers/budget.js';
import {
  validateRow,
  type Ledger,
  type RawRow,
  type RowVerdict,
  type ValidationContext,
} from '../ledgers/define.js';
import { duplicateExpenseWarnings, type ExpenseRow } from '../ledgers/expenses.js';
import type { Issue } from '../ledgers/issue.js';
import type { WelfareRow } from '../ledgers/welfare.js';
import {
  budgetWarnings,
  duplicateIssues,
  festivalCapWarnings,
  type BatchRow,
  type StoredLike,
} from './crossRules.js';

/** One row of a push or a validate run, before any check. */
export interface BatchInput {
  sheetRow: number;
  raw: RawRow;
  /** The row id when the row exists already (an update is not its own duplicate). */
  id?: string | undefined;
  /** Findings made before validation (e.g. a masked identity number, §4.6). */
  issues?: readonly Issue[];
  /**
   * The row's own verdict (validateRow with the same context), when the caller has it already:
   * not computed again (the server validates each row once, to know its unit before its scope).
   */
  validated?: RowVerdict;
}

export interface BatchVerdict {
  sheetRow: number;
  id?: string | undefined;
  /** The typed row, or null when an error makes the row invalid. */
  fields: Record<string, unknown> | null;
  year: number | null;
  issues: Issue[];
}

export interface BatchContext extends ValidationContext {
  /** Stored rows of the same ledger: duplicates and yearly caps count them too. */
  stored?: readonly StoredLike<Record<string, unknown>>[];
  /** Budget lines (any year), for the expense warnings of §5.3. */
  budget?: readonly { fields: BudgetRow; deleted?: boolean | undefined }[];
  /** Field → header as typed, for messages of rules across rows. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Everything said about a batch of rows of one ledger: each row on its own (validateRow),
 * then the rules across rows of §5 against the batch and the stored rows. The one place
 * where the CLI, the add-in and the server agree on a verdict.
 */
export function checkBatch(ledger: Ledger, inputs: readonly BatchInput[], ctx: BatchContext): BatchVerdict[] {
  const verdicts: BatchVerdict[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const v = input.validated ?? validateRow(ledger, input.raw, ctx);
    verdicts[i] = {
      sheetRow: input.sheetRow,
      id: input.id,
      fields: v.fields,
      year: v.year,
      // validateRow's list is this row's own: the findings made before go in front of it. A
      // verdict handed in stays the caller's (the rules across rows add to this list).
      issues: input.issues?.length || input.validated ? [...(input.issues ?? []), ...v.issues] : v.issues,
    };
  }
  const stored = ctx.stored ?? [];
  const valid = (): BatchRow<Record<string, unknown>>[] => {
    const rows: BatchRow<Record<string, unknown>>[] = [];
    for (const v of verdicts)
      if (v.fields) rows.push({ sheetRow: v.sheetRow, fields: v.fields, year: v.year, id: v.id });
    return rows;
  };

  // Errors across rows first: a row they reject takes no part in the warnings below.
  const errors = duplicateIssues(ledger, valid(), stored, {
    settings: ctx.settings,
    today: ctx.today,
    ...(ctx.headers ? { headers: ctx.headers } : {}),
  });
  if (ledger.kind === 'budget')
    for (const [row, issue] of mixedLevelIssues(
      valid().map((b) => ({ row: b.fields as BudgetRow, sheetRow: b.sheetRow })),
    ))
      if (!errors.has(row)) errors.set(row, issue);
  reject(verdicts, errors);

  const warnings = new Map<number, Issue[]>();
  const addAll = (found: Map<number, Issue>): void => {
    for (const [row, issue] of found) warnings.set(row, [...(warnings.get(row) ?? []), issue]);
  };
  if (ledger.kind === 'welfare')
    addAll(
      festivalCapWarnings(
        valid() as BatchRow<WelfareRow>[],
        stored as readonly StoredLike<WelfareRow>[],
        ctx.settings,
      ),
    );
  if (ledger.kind === 'expenses') {
    const batch = valid() as BatchRow<ExpenseRow>[];
    addAll(
      budgetWarnings(batch, stored as readonly StoredLike<ExpenseRow>[], ctx.budget ?? [], ctx.settings),
    );
    addAll(duplicateExpenseWarnings(batch.map((b) => ({ row: b.fields, sheetRow: b.sheetRow }))));
  }
  if (warnings.size > 0)
    for (const v of verdicts) {
      const found = warnings.get(v.sheetRow);
      if (found) v.issues.push(...found);
    }
  return verdicts;
}

function reject(verdicts: BatchVerdict[], errors: ReadonlyMap<number, Issue>): void {
  for (const v of verdicts) {
    const issue = errors.get(v.sheetRow);
    if (!issue) continue;
    v.issues.push(issue);
    v.fields = null;
  }
}

import type { RowResult, StoredRowWire, SyncRow } from '../../../shared/api/index.js';
import {
  canWriteLedger,
  mayReadUnit,
  readableUnit,
  storedRowDenial,
  writeDenial,
  type Actor,
} from '../../../shared/ledgers/access.js';
import type { BudgetRow } from '../../../shared/ledgers/budget.js';
import { validateRow, type LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { error, type Issue } from '../../../shared/ledgers/issue.js';
import { rosterFromMembers, type MembersRow } from '../../../shared/ledgers/members.js';
import type { Settings } from '../../../shared/settings/index.js';
import { checkBatch } from '../../../shared/summary/checkBatch.js';
import type { StoredLike } from '../../../shared/summary/crossRules.js';
import type { RowVersion, StoredRow } from '../store/types.js';
import { contentHash } from './hash.js';
import { isoDateInShanghai } from './clock.js';
import { liveRows } from './ledgerSnapshots.js';
import { formerUnitsAfter, toWireFor } from './rowViews.js';
import type { ParsedPush } from './syncInput.js';

/**
 * The plan of a push (issue 13: plan → execute), pure: from the parsed rows, who pushes, and
 * the ledgers as read, decide each row's fate — invalid, forbidden, conflict, unchanged, already
 * deleted — or the version to write. Every row is validated once: its own verdict tells its
 * unit, which decides whether the actor may write it; the rules across rows (DOMAIN.md §5) then
 * run over the rows the actor may write and the stored rows they may read, from the same
 * verdicts (checkBatch). No store, no clock, no I/O: services/sync.ts reads before and writes
 * after.
 */
export interface PlanInput {
  kind: LedgerKind;
  push: ParsedPush;
  actor: Actor;
  settings: Settings;
  orgId: string;
  now: Date;
  /** The pushed ledger's rows by id, tombstones included, as read before planning. */
  stored: ReadonlyMap<string, StoredRow>;
  /** The members ledger (the roster person checks read); not for a push of members itself. */
  members?: ReadonlyMap<string, StoredRow>;
  /** The budget ledger, for a push of expenses. */
  budget?: ReadonlyMap<string, StoredRow>;
}

/** A version to write, and how to answer its row once written. */
export interface PlannedWrite {
  index: number;
  op: 'create' | 'replace';
  version: RowVersion;
  /** The revision the write replaces (IfMatch). */
  ifMatch?: string;
  /** Warnings of the row, answered with it. */
  issues: Issue[];
  /** The stored version it replaces (its audit entry's `before`). */
  stored: StoredRow | undefined;
}

export interface PushPlan {
  /** One slot per pushed row: filled for rows the plan answers, empty for planned writes. */
  results: (RowResult | undefined)[];
  writes: PlannedWrite[];
  /** Stored versions found already as pushed (unchanged, deleted): a retry may owe their audit entries. */
  found: StoredRow[];
}

export type RowAnswer = Omit<RowResult, 'rowId' | 'sheetRow'>;

/** A row's result with its id and sheet row as pushed. */
export function resultOf(push: ParsedPush, index: number, result: RowAnswer): RowResult {
  const parsed = push.rows[index]!;
  const rowId = parsed.ok ? parsed.row.rowId : parsed.rowId;
  const sheetRow = parsed.ok ? parsed.row.sheetRow : parsed.sheetRow;
  return { rowId, ...(sheetRow !== undefined ? { sheetRow } : {}), ...result };
}

export function planPush(input: PlanInput): PushPlan {
  const { kind, push, actor, settings, orgId, now } = input;
  const ledger = ledgers[kind];
  const results: (RowResult | undefined)[] = new Array(push.rows.length);
  const answer = (index: number, result: RowAnswer): void => {
    results[index] = resultOf(push, index, result);
  };
  const writes: PlannedWrite[] = [];
  const found: StoredRow[] = [];

  // Malformed rows and repeated row ids are answered first; the rest go on.
  const seen = new Set<string>();
  const rows: { index: number; row: SyncRow }[] = [];
  push.rows.forEach((parsed, index) => {
    if (!parsed.ok) return answer(index, { status: 'invalid', issues: parsed.issues });
    if (seen.has(parsed.row.rowId))
      return answer(index, {
        status: 'invalid',
        issues: [error(null, 'row.duplicateId', '同一行编号在本次提交中重复出现，请勿复制隐藏的“_id”列')],
      });
    seen.add(parsed.row.rowId);
    rows.push({ index, row: parsed.row });
  });

  // Leaders, and officers on school-only ledgers, write nothing: say so on every row.
  if (!canWriteLedger(actor, ledger.scope)) {
    const denial = writeDenial(actor, ledger.scope, null, settings)!;
    for (const { index } of rows)
      answer(index, { status: 'forbidden', issues: [error(null, denial.code, denial.message)] });
    return { results, writes, found };
  }

  const today = isoDateInShanghai(now);
  const updatedAt = now.toISOString();
  // One rule for what a caller may learn: the checks of a push read only rows the caller may
  // read. An officer's roster is their unit's members: another unit's 工号 reads as unknown.
  const readable = (r: StoredRow): boolean => mayReadUnit(actor, r.unit);
  const roster = input.members
    ? rosterFromMembers(
        liveRows(input.members)
          .filter(readable)
          .map((m) => m.fields as MembersRow),
      )
    : undefined;
  const ctx = { settings, today, roster, partialRoster: readableUnit(actor) !== null, actor };
  const keys = batchKeys(rows.map((r) => r.row));

  // Row by row: deletions, and each row's own verdict — its unit decides whether the actor
  // may write it.
  const deleting = new Set<string>();
  const tombstoned: { index: number; stored: StoredRow | undefined }[] = [];
  const permitted: {
    index: number;
    row: SyncRow;
    key: number;
    stored: StoredRow | undefined;
    verdict: ReturnType<typeof validateRow>;
  }[] = [];
  rows.forEach(({ index, row }, i) => {
    const stored = input.stored.get(row.rowId);
    if (row.delete) {
      const planned = planDelete(input, row, stored, index, answer);
      if (planned) {
        writes.push(planned);
        deleting.add(row.rowId);
      } else if (!results[index]) tombstoned.push({ index, stored });
      return;
    }
    const verdict = validateRow(ledger, { cells: row.cells, headers: push.headers }, ctx);
    if (!verdict.fields) return answer(index, { status: 'invalid', issues: verdict.issues });
    const unit = typeof verdict.fields.unit === 'string' ? verdict.fields.unit : '';
    // The row's new unit and, for an existing row, its stored unit must both be the actor's to
    // write — a tombstone included: another unit's deleted row id is not free to take over.
    const denial =
      writeDenial(actor, ledger.scope, unit || null, settings) ??
      (stored ? storedRowDenial(actor, ledger.scope, stored.unit, settings) : null);
    // A refused row gets the refusal and nothing else: its checks read data it may not see.
    if (denial)
      return answer(index, { status: 'forbidden', issues: [error(null, denial.code, denial.message)] });
    permitted.push({ index, row, key: keys[i]!, stored, verdict });
  });

  // The rows the actor may write, together: the rules across rows against the batch and the
  // stored rows (minus those this push deletes), from the verdicts above — not validated again.
  const others: StoredRow[] = [];
  for (const s of input.stored.values()) if (!s.deleted && !deleting.has(s.rowId)) others.push(s);
  const budget = input.budget ? liveRows(input.budget).filter(readable) : [];
  const verdicts = checkBatch(
    ledger,
    permitted.map((p) => ({
      sheetRow: p.key,
      raw: { cells: p.row.cells, headers: push.headers },
      id: p.row.rowId,
      validated: p.verdict,
    })),
    {
      ...ctx,
      headers: push.headers,
      stored: comparedRows(kind, others, readable),
      budget: budget.map((b) => ({ fields: b.fields as BudgetRow, deleted: b.deleted })),
    },
  );

  verdicts.forEach((v, i) => {
    const p = permitted[i]!;
    const issues = v.issues.map((issue) => withSheetRelated(issue, permitted));
    if (!v.fields) return answer(p.index, { status: 'invalid', issues });
    const hash = contentHash(v.fields);
    const { stored, row } = p;
    if (stored && !stored.deleted && stored.hash === hash) {
      answer(p.index, { status: 'unchanged', rev: stored.rev, issues });
      found.push(stored);
      return;
    }
    if (stored && row.baseRev !== stored.rev)
      return answer(p.index, {
        status: 'conflict',
        issues: [...issues, conflictIssue(stored)],
        ...serverView(actor, settings, stored),
      });
    const version: RowVersion = {
      orgId,
      kind,
      rowId: row.rowId,
      unit: typeof v.fields.unit === 'string' ? v.fields.unit : '',
      year: v.year,
      fields: v.fields,
      hash,
      deleted: false,
      seq: 0,
      updatedAt,
      updatedBy: actor.userId,
    };
    // A row moved out of a unit stays in that unit's pulls, as a tombstone (rowViews).
    const formerUnits = formerUnitsAfter(stored, version.unit);
    if (formerUnits) version.formerUnits = formerUnits;
    writes.push(
      stored
        ? { index: p.index, op: 'replace', version, ifMatch: stored.rev, issues, stored }
        : { index: p.index, op: 'create', version, issues, stored },
    );
  });
  for (const t of tombstoned) {
    answer(t.index, { status: 'deleted', ...(t.stored ? { rev: t.stored.rev } : {}), issues: [] });
    if (t.stored) found.push(t.stored);
  }
  return { results, writes, found };
}

/** A delete: a tombstone over the stored version the client saw; null when nothing is to be written. */
function planDelete(
  input: PlanInput,
  row: SyncRow,
  stored: StoredRow | undefined,
  index: number,
  answer: (index: number, result: RowAnswer) => void,
): PlannedWrite | null {
  const { actor, settings, now } = input;
  // Never stored: nothing to do; `deleted` is answered later.
  if (!stored) return null;
  // Another unit's row, live or deleted, is not the actor's to delete nor to learn about.
  const denial = storedRowDenial(actor, ledgers[input.kind].scope, stored.unit, settings);
  if (denial) {
    answer(index, { status: 'forbidden', issues: [error(null, denial.code, denial.message)] });
    return null;
  }
  // Already a tombstone (a retried delete): nothing to do; `deleted` is answered later.
  if (stored.deleted) return null;
  if (row.baseRev !== stored.rev) {
    answer(index, {
      status: 'conflict',
      issues: [conflictIssue(stored)],
      ...serverView(actor, settings, stored),
    });
    return null;
  }
  return {
    index,
    op: 'replace',
    ifMatch: stored.rev,
    issues: [],
    stored,
    version: {
      orgId: stored.orgId,
      kind: stored.kind,
      rowId: stored.rowId,
      unit: stored.unit,
      year: stored.year,
      // A tombstone keeps where it belonged (unit, year) for scoped pulls, not what it said:
      // the audit entry holds the last content.
      fields: {},
      hash: EMPTY_HASH,
      deleted: true,
      seq: 0,
      updatedAt: now.toISOString(),
      updatedBy: actor.userId,
      ...(stored.formerUnits ? { formerUnits: stored.formerUnits } : {}),
    },
  };
}

const EMPTY_HASH = contentHash({});

/**
 * Ledgers whose duplicate rule is an identity across the organisation (a 工号 is one member,
 * whatever the unit): there another unit's rows still count, marked foreign so that the clash
 * is told without naming them. Elsewhere a caller's rows are compared with readable rows only —
 * a neutral "duplicate elsewhere" on a guessed date would still tell the date.
 */
const IDENTITY_ACROSS_UNITS: ReadonlySet<LedgerKind> = new Set(['members']);

/** The stored rows a push's rules compare with, as far as the caller may read them. */
function comparedRows(
  kind: LedgerKind,
  stored: readonly StoredRow[],
  readable: (r: StoredRow) => boolean,
): StoredLike<Record<string, unknown>>[] {
  const out: StoredLike<Record<string, unknown>>[] = [];
  for (const o of stored) {
    const own = readable(o);
    if (!own && !IDENTITY_ACROSS_UNITS.has(kind)) continue;
    out.push({
      id: o.rowId,
      fields: o.fields,
      year: o.year,
      deleted: o.deleted,
      ...(own ? {} : { foreign: true }),
    });
  }
  return out;
}

/**
 * Keys for the cross-row rules, which identify batch rows by sheet row: the client's sheet
 * rows when every row has a distinct one, else positions (1-based).
 */
function batchKeys(rows: SyncRow[]): number[] {
  const sheetRows = rows.map((r) => r.sheetRow);
  const distinct = new Set(sheetRows);
  if (sheetRows.every((n) => n !== undefined) && distinct.size === rows.length) return sheetRows as number[];
  return rows.map((_, i) => i + 1);
}

/** `related` names an earlier sheet row; when keys were positions, there is no sheet row to name. */
function withSheetRelated(issue: Issue, batch: readonly { key: number; row: SyncRow }[]): Issue {
  if (issue.related === undefined) return issue;
  const earlier = batch.find((c) => c.key === issue.related);
  if (earlier?.row.sheetRow !== undefined) return { ...issue, related: earlier.row.sheetRow };
  const { related: _dropped, ...rest } = issue;
  return rest;
}

/** What a conflict shows of the server's row: only a row the actor may read, as they may read it. */
export function serverView(actor: Actor, settings: Settings, row: StoredRow): { server?: StoredRowWire } {
  const server = toWireFor(actor, settings, row);
  return server ? { server } : {};
}

export function conflictIssue(server: StoredRow): Issue {
  const what = server.deleted ? '已被删除' : '已被修改';
  return error(
    null,
    'row.conflict',
    `该行在服务器上${what}（${server.updatedBy}，${server.updatedAt.slice(0, 10)}），请核对后再提交`,
  );
}

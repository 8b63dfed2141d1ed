import type { RowResult, StoredRowWire, SyncResponse, SyncRow } from '../../../shared/api/index.js';
import {
  canWriteLedger,
  mayReadUnit,
  readableUnit,
  storedRowDenial,
  writeDenial,
  type Actor,
} from '../../../shared/ledgers/access.js';
import type { Ledger, LedgerKind } from '../../../shared/ledgers/define.js';
import { validateRow } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { error, type Issue } from '../../../shared/ledgers/issue.js';
import { rosterFromMembers, type MembersRow } from '../../../shared/ledgers/members.js';
import type { Settings } from '../../../shared/settings/index.js';
import type { BudgetRow } from '../../../shared/ledgers/budget.js';
import { checkBatch } from '../../../shared/summary/checkBatch.js';
import type { StoredLike } from '../../../shared/summary/crossRules.js';
import { StoreUnavailableError } from '../store/errors.js';
import type { AuditEntry, RowVersion, RowWrite, Store, StoredRow, WriteOutcome } from '../store/types.js';
import { auditEntry } from './audit.js';
import { isoDateInShanghai, type Clock } from './clock.js';
import { liveRows, type LedgerSnapshots } from './ledgerSnapshots.js';
import { contentHash } from './hash.js';
import { requireSettings, type Principal } from './principal.js';
import { toWireFor } from './rowViews.js';
import { SyncGate } from './syncGate.js';
import type { ParsedPush } from './syncInput.js';

/**
 * Push (DESIGN.md data flow 4–6): the server re-validates every row (the client's verdict never
 * counts), checks each row's write scope, runs the cross-row rules of DOMAIN.md §5 against the
 * stored rows, and writes with one bulk request using IfMatch on the row's base revision.
 * Every row gets exactly one result. A retried push after a lost response finds its own
 * content already stored and answers `unchanged` with the current revision.
 */
export interface SyncDeps {
  store: Store;
  /** The ledgers as last read, refreshed with what changed (the push's reads). */
  snapshots: LedgerSnapshots;
  orgId: string;
  clock: Clock;
  /** Admission by size (default: syncGate.ts's). */
  gate?: SyncGate;
  /** The refreshed figures of a ledger for some years (shared/summary); optional while it is being written. */
  summarize?: (
    kind: LedgerKind,
    years: number[],
    principal: Principal,
    /** Live rows of ledgers the push read already, with its writes applied (spares reading them again). */
    known?: Partial<Record<LedgerKind, readonly StoredRow[]>>,
  ) => Promise<Record<string, unknown> | undefined>;
}

/** A row that passed its own checks and the scope check, on its way to the cross-row rules. */
interface Candidate {
  index: number;
  row: SyncRow;
  /** Unique within the push: the sheet row when the client gave distinct ones, else the position. */
  key: number;
  fields: Record<string, unknown>;
  year: number | null;
  unit: string;
  issues: Issue[];
  stored: StoredRow | undefined;
}

/** A write the rows store will attempt, and how to answer it. */
interface Planned {
  index: number;
  row: SyncRow;
  op: 'create' | 'replace';
  version: RowVersion;
  ifMatch?: string;
  issues: Issue[];
  stored: StoredRow | undefined;
}

const STATUS_OF_OP = { create: 'created', replace: 'updated' } as const;

export class SyncService {
  private readonly gate: SyncGate;

  constructor(private readonly deps: SyncDeps) {
    this.gate = deps.gate ?? new SyncGate();
  }

  /** Large pushes take turns; small ones go at once (syncGate.ts). */
  push(principal: Principal, kind: LedgerKind, push: ParsedPush): Promise<SyncResponse> {
    return this.gate.run(push.rows.length, () => this.pushNow(principal, kind, push));
  }

  private async pushNow(principal: Principal, kind: LedgerKind, push: ParsedPush): Promise<SyncResponse> {
    const settings = requireSettings(principal);
    const ledger = ledgers[kind];
    const { actor } = principal;
    const results: (RowResult | undefined)[] = new Array(push.rows.length);
    const answer = (index: number, result: Omit<RowResult, 'rowId' | 'sheetRow'>): void => {
      const parsed = push.rows[index]!;
      const rowId = parsed.ok ? parsed.row.rowId : parsed.rowId;
      const sheetRow = parsed.ok ? parsed.row.sheetRow : parsed.sheetRow;
      results[index] = { rowId, ...(sheetRow !== undefined ? { sheetRow } : {}), ...result };
    };

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
      return { results: results as RowResult[] };
    }

    const { store, orgId } = this.deps;
    const now = this.deps.clock.now();
    const today = isoDateInShanghai(now);
    const { snapshots } = this.deps;
    // The ledger, the roster its person checks read, and for expenses the budget lines: one read.
    const reads: LedgerKind[] = [kind];
    if (kind !== 'members') reads.push('members');
    if (kind === 'expenses') reads.push('budget');
    const read = await snapshots.current(reads);
    const ledgerRows = read[kind];
    // One rule for what a caller may learn: the checks of a push read only rows the caller may
    // read. An officer's roster is their unit's members: another unit's 工号 reads as unknown.
    const readable = (r: StoredRow): boolean => mayReadUnit(actor, r.unit);
    const roster =
      kind === 'members'
        ? undefined
        : rosterFromMembers(
            liveRows(read.members)
              .filter(readable)
              .map((m) => m.fields as MembersRow),
          );
    const partialRoster = readableUnit(actor) !== null;
    const storedById = new Map<string, StoredRow>();
    for (const { row } of rows) {
      const stored = ledgerRows.get(row.rowId);
      if (stored) storedById.set(row.rowId, stored);
    }
    const storedLive = [...ledgerRows.values()].filter((r) => !r.deleted);

    const deletions: Planned[] = [];
    const tombstoned: { index: number; row: SyncRow }[] = [];
    const permitted: { index: number; row: SyncRow; key: number; stored: StoredRow | undefined }[] = [];
    const keys = batchKeys(rows.map((r) => r.row));
    const ctx = { settings, today, roster, partialRoster, actor };
    rows.forEach(({ index, row }, i) => {
      const stored = storedById.get(row.rowId);
      if (row.delete) {
        const planned = this.planDelete(actor, ledger, settings, row, stored, now, index, answer);
        if (planned) deletions.push(planned);
        else if (!results[index]) tombstoned.push({ index, row });
        return;
      }
      // First pass, row by row: the unit a row belongs to decides whether the actor may write it.
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
      permitted.push({ index, row, key: keys[i]!, stored });
    });

    // Second pass, the rows the actor may write together: shared/summary's checkBatch, the one
    // verdict the CLI and the add-in also reach — each row again, then DOMAIN.md §5 across the
    // batch and the stored rows (minus those this push deletes).
    const deleting = new Set(deletions.map((d) => d.row.rowId));
    const others = storedLive.filter((s) => !deleting.has(s.rowId));
    const budget = kind === 'expenses' ? liveRows(read.budget).filter(readable) : [];
    const verdicts = checkBatch(
      ledger,
      permitted.map((p) => ({
        sheetRow: p.key,
        raw: { cells: p.row.cells, headers: push.headers },
        id: p.row.rowId,
      })),
      {
        ...ctx,
        headers: push.headers,
        stored: comparedRows(kind, others, readable),
        budget: budget.map((b) => ({ fields: b.fields as BudgetRow, deleted: b.deleted })),
      },
    );
    const accepted: Candidate[] = [];
    verdicts.forEach((v, i) => {
      const p = permitted[i]!;
      const issues = v.issues.map((issue) => withSheetRelated(issue, permitted));
      if (!v.fields) return answer(p.index, { status: 'invalid', issues });
      const unit = typeof v.fields.unit === 'string' ? v.fields.unit : '';
      accepted.push({
        index: p.index,
        row: p.row,
        key: p.key,
        fields: v.fields,
        year: v.year,
        unit,
        issues,
        stored: p.stored,
      });
    });

    const planned: Planned[] = [...deletions];
    /** Stored versions a retried push finds already there: their audit entries are written again. */
    const replay: StoredRow[] = [];
    for (const c of accepted) {
      const hash = contentHash(c.fields);
      const { stored, row } = c;
      const conflict = (): void =>
        answer(c.index, {
          status: 'conflict',
          issues: [...c.issues, conflictIssue(stored!)],
          ...serverView(actor, settings, stored!),
        });
      if (stored && !stored.deleted && stored.hash === hash) {
        answer(c.index, { status: 'unchanged', rev: stored.rev, issues: c.issues });
        replay.push(stored);
        continue;
      }
      if (stored && row.baseRev !== stored.rev) {
        conflict();
        continue;
      }
      const version: RowVersion = {
        orgId,
        kind,
        rowId: row.rowId,
        unit: c.unit,
        year: c.year,
        fields: c.fields,
        hash,
        deleted: false,
        seq: 0,
        updatedAt: now.toISOString(),
        updatedBy: actor.userId,
      };
      planned.push(
        stored
          ? { index: c.index, row, op: 'replace', version, ifMatch: stored.rev, issues: c.issues, stored }
          : { index: c.index, row, op: 'create', version, issues: c.issues, stored },
      );
    }
    for (const t of tombstoned) {
      const stored = storedById.get(t.row.rowId);
      answer(t.index, { status: 'deleted', ...(stored ? { rev: stored.rev } : {}), issues: [] });
      if (stored) replay.push(stored);
    }

    const { written, unknown } = await this.write(kind, planned, answer, actor, settings, replay);
    // The audit (another container, no transaction with the rows): the entries of this push's
    // versions, and those of versions a retry of this actor's found stored — the first attempt
    // may have written the rows and lost its audit write. Entry ids are fixed per version, so
    // writing one again leaves one.
    snapshots.applyWritten(
      kind,
      written.map((w) => w.row),
    );
    const entries = [
      ...written.map((w) => w.row.change ?? auditEntry(w.previous, w.row, actor.userId)),
      ...(await this.replayedChanges(kind, replay, actor, now)),
    ];
    if (entries.length) await store.audit.append(entries);
    // Some writes neither succeeded nor failed for sure, and reading back did not settle it:
    // the push as a whole is to be tried again (its rows that did land answer `unchanged` then).
    if (unknown) throw new StoreUnavailableError('部分行的写入结果未知');

    const response: SyncResponse = { results: results as RowResult[] };
    const years = [...new Set(written.map((w) => w.row.year).filter((y): y is number => y !== null))].sort();
    if (this.deps.summarize && years.length) {
      // The ledger as this push read it, with its own writes applied: the summary need not read
      // it again (a second full read of the ledger was a third of a push's work on the store).
      const live = new Map(storedLive.map((r) => [r.rowId, r]));
      for (const w of written) {
        if (w.row.deleted) live.delete(w.row.rowId);
        else live.set(w.row.rowId, w.row);
      }
      const known: Partial<Record<LedgerKind, readonly StoredRow[]>> = { [kind]: [...live.values()] };
      if (kind === 'expenses') known.budget = budget;
      const summary = await this.deps.summarize(kind, years, principal, known);
      if (summary) response.summary = summary;
    }
    return response;
  }

  /** A delete: a tombstone over the stored version the client saw. Returns null when nothing is to be written. */
  private planDelete(
    actor: Actor,
    ledger: Ledger,
    settings: Settings,
    row: SyncRow,
    stored: StoredRow | undefined,
    now: Date,
    index: number,
    answer: (index: number, result: Omit<RowResult, 'rowId' | 'sheetRow'>) => void,
  ): Planned | null {
    // Never stored: nothing to do; `deleted` is answered later.
    if (!stored) return null;
    // Another unit's row, live or deleted, is not the actor's to delete nor to learn about.
    const denial = storedRowDenial(actor, ledger.scope, stored.unit, settings);
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
      row,
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
        hash: contentHash({}),
        deleted: true,
        seq: 0,
        updatedAt: now.toISOString(),
        updatedBy: actor.userId,
      },
    };
  }

  /** Write the planned versions with fresh sequence numbers; answer each row from its own outcome. */
  private async write(
    kind: LedgerKind,
    planned: Planned[],
    answer: (index: number, result: Omit<RowResult, 'rowId' | 'sheetRow'>) => void,
    actor: Actor,
    settings: Settings,
    replay: StoredRow[],
  ): Promise<{ written: { previous: StoredRow | undefined; row: StoredRow }[]; unknown: boolean }> {
    if (planned.length === 0) return { written: [], unknown: false };
    const { store, orgId } = this.deps;
    const first = await store.rows.reserveSeq(orgId, kind, planned.length);
    planned.forEach((p, i) => {
      p.version.seq = first + i;
      // The audit entry travels with the version, so that it can be replayed if its own write is lost.
      p.version.change = auditEntry(p.stored, p.version, actor.userId);
    });
    const writes: RowWrite[] = planned.map((p) =>
      p.op === 'create'
        ? { op: 'create', row: p.version }
        : { op: 'replace', row: p.version, ifMatch: p.ifMatch! },
    );
    const outcomes = await store.rows.write(orgId, kind, writes);
    const written: { previous: StoredRow | undefined; row: StoredRow }[] = [];
    const accept = (p: Planned, row: StoredRow): void => {
      written.push({ previous: p.stored, row });
      const status = p.version.deleted ? 'deleted' : STATUS_OF_OP[p.op];
      answer(p.index, { status, rev: row.rev, issues: p.issues });
    };
    const lost: Planned[] = [];
    const unsure = new Set<Planned>();
    outcomes.forEach((outcome: WriteOutcome, i) => {
      const p = planned[i]!;
      if (outcome.status === 'written') return accept(p, outcome.row);
      if (outcome.status === 'unknown') unsure.add(p);
      lost.push(p);
    });
    let unknown = false;
    // Someone else wrote these rows between our read and our write, or the store did not say
    // what became of our write: answer from what is stored now.
    if (lost.length) {
      const fresh = await store.rows.readByIds(
        orgId,
        kind,
        lost.map((p) => p.row.rowId),
      );
      for (const p of lost) {
        const now = fresh.get(p.row.rowId);
        // Our own version (the seq we reserved): the write happened, its answer was lost.
        if (
          now &&
          now.seq === p.version.seq &&
          now.hash === p.version.hash &&
          now.deleted === p.version.deleted
        ) {
          accept(p, now);
        } else if (unsure.has(p)) {
          // Not (yet) there: the write failed or is still under way. The caller answers 503.
          unknown = true;
        } else if (now && now.hash === p.version.hash && now.deleted === p.version.deleted) {
          // An earlier attempt of the same push (or someone with the same content) got there first.
          answer(p.index, {
            status: p.version.deleted ? 'deleted' : 'unchanged',
            rev: now.rev,
            issues: p.issues,
          });
          replay.push(now);
        } else if (now) {
          // Moved meanwhile into a unit the actor may not read: say it changed, show nothing of it.
          const view = serverView(actor, settings, now);
          answer(p.index, {
            status: 'conflict',
            issues: [
              ...p.issues,
              view.server
                ? conflictIssue(now)
                : error(null, 'row.conflict', '该行已被他人修改，请重新拉取后再提交'),
            ],
            ...view,
          });
        } else {
          answer(p.index, {
            status: 'conflict',
            issues: [...p.issues, error(null, 'row.gone', '该行已不在服务器上，请重新拉取后再提交')],
          });
        }
      }
    }
    return { written, unknown };
  }

  /**
   * The audit entries of stored versions this push found already written by the same actor
   * lately — a retry whose first attempt landed but lost its audit write. The entry travels in
   * the row document, which whole-ledger reads leave out: read those few rows whole.
   */
  private async replayedChanges(
    kind: LedgerKind,
    replay: readonly StoredRow[],
    actor: Actor,
    now: Date,
  ): Promise<AuditEntry[]> {
    const own = replay.filter((r) => isOwnRecentWrite(r, actor, now));
    if (own.length === 0) return [];
    const missing = own.filter((r) => !r.change).map((r) => r.rowId);
    const whole = missing.length
      ? await this.deps.store.rows.readByIds(this.deps.orgId, kind, missing)
      : new Map<string, StoredRow>();
    return own
      .map((r) => {
        const change = r.change ?? whole.get(r.rowId)?.change;
        // Only the entry of the version found: a newer version read now has its own entry.
        return change && (whole.get(r.rowId)?.seq ?? r.seq) === r.seq ? change : undefined;
      })
      .filter((c): c is AuditEntry => c !== undefined);
  }
}

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

/**
 * A stored version this actor wrote lately: what a retried push finds when its first attempt
 * landed but its answer (or its audit write) was lost. Only those replay their audit entry, so
 * that re-pushing an old sheet does not rewrite the audit of a whole ledger.
 */
function isOwnRecentWrite(row: StoredRow, actor: Actor, now: Date): boolean {
  return row.updatedBy === actor.userId && now.getTime() - Date.parse(row.updatedAt) < 24 * 3600 * 1000;
}

/** What a conflict shows of the server's row: only a row the actor may read, as they may read it. */
function serverView(actor: Actor, settings: Settings, row: StoredRow): { server?: StoredRowWire } {
  const server = toWireFor(actor, settings, row);
  return server ? { server } : {};
}

function conflictIssue(server: StoredRow): Issue {
  const what = server.deleted ? '已被删除' : '已被修改';
  return error(
    null,
    'row.conflict',
    `该行在服务器上${what}（${server.updatedBy}，${server.updatedAt.slice(0, 10)}），请核对后再提交`,
  );
}

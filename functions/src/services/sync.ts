import type { RowResult, SyncResponse } from '../../../shared/api/index.js';
import type { Actor } from '../../../shared/ledgers/access.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { error } from '../../../shared/ledgers/issue.js';
import type { Settings } from '../../../shared/settings/index.js';
import { StoreUnavailableError } from '../store/errors.js';
import type { AuditEntry, RowWrite, Store, StoredRow, WriteOutcome } from '../store/types.js';
import { auditEntry } from './audit.js';
import type { Clock } from './clock.js';
import type { LedgerSnapshots } from './ledgerSnapshots.js';
import { requireSettings, type Principal } from './principal.js';
import {
  conflictIssue,
  planPush,
  resultOf,
  serverView,
  type PlannedWrite,
  type RowAnswer,
} from './pushPlan.js';
import { SyncGate } from './syncGate.js';
import type { ParsedPush } from './syncInput.js';

/**
 * Push (DESIGN.md data flow 4–6), executed: read the ledgers the plan needs (snapshots), plan
 * (pushPlan.ts: validation, scope, rules across rows, conflicts, unchanged rows — pure), then
 * write — sequence numbers, the rows with IfMatch on their base revisions, recovery of writes
 * whose outcome was lost, the audit. Every row gets exactly one result. A retried push after
 * a lost response finds its own content already stored and answers `unchanged` with the
 * current revision. The answer is the rows' results only: the figures are GET /api/summary's
 * (ADR 0026; no client read the summary a push used to compute).
 */
export interface SyncDeps {
  store: Store;
  /** The ledgers as last read, refreshed with what changed (the push's reads). */
  snapshots: LedgerSnapshots;
  orgId: string;
  clock: Clock;
  /** Admission by size (default: syncGate.ts's). */
  gate?: SyncGate;
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
    const { actor } = principal;
    const { store, orgId, snapshots } = this.deps;
    // The ledger, the roster its person checks read, and for expenses the budget lines: one read.
    const reads: LedgerKind[] = [kind];
    if (kind !== 'members') reads.push('members');
    if (kind === 'expenses') reads.push('budget');
    const read: Partial<Record<LedgerKind, ReadonlyMap<string, StoredRow>>> = await snapshots.current(reads);
    const now = this.deps.clock.now();
    const plan = planPush({
      kind,
      push,
      actor,
      settings,
      orgId,
      now,
      stored: read[kind]!,
      ...(read.members && kind !== 'members' ? { members: read.members } : {}),
      ...(read.budget ? { budget: read.budget } : {}),
    });
    const { results } = plan;
    const answer = (index: number, result: RowAnswer): void => {
      results[index] = resultOf(push, index, result);
    };
    /** Stored versions found as pushed: a retry of this actor's may owe their audit entries. */
    const found = [...plan.found];

    const { written, unknown } = await this.write(kind, plan.writes, answer, actor, settings, found);
    snapshots.applyWritten(
      kind,
      written.map((w) => w.row),
    );
    // The audit (another container, no transaction with the rows): the entries of this push's
    // versions, and those of versions a retry of this actor's found stored — the first attempt
    // may have written the rows and lost its audit write. Entry ids are fixed per version, so
    // writing one again leaves one.
    const entries = [
      ...written.map((w) => w.row.change ?? auditEntry(w.previous, w.row, actor.userId)),
      ...(await this.replayedChanges(kind, found, actor, now)),
    ];
    if (entries.length) await store.audit.append(entries);
    // Some writes neither succeeded nor failed for sure, and reading back did not settle it:
    // the push as a whole is to be tried again (its rows that did land answer `unchanged` then).
    if (unknown) throw new StoreUnavailableError('部分行的写入结果未知');
    return { results: results as RowResult[] };
  }

  /** Write the planned versions with fresh sequence numbers; answer each row from its own outcome. */
  private async write(
    kind: LedgerKind,
    planned: PlannedWrite[],
    answer: (index: number, result: RowAnswer) => void,
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
    const accept = (p: PlannedWrite, row: StoredRow): void => {
      written.push({ previous: p.stored, row });
      const status = p.version.deleted ? 'deleted' : STATUS_OF_OP[p.op];
      answer(p.index, { status, rev: row.rev, issues: p.issues });
    };
    const lost: PlannedWrite[] = [];
    const unsure = new Set<PlannedWrite>();
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
        lost.map((p) => p.version.rowId),
      );
      for (const p of lost) {
        const now = fresh.get(p.version.rowId);
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
 * A stored version this actor wrote lately: what a retried push finds when its first attempt
 * landed but its answer (or its audit write) was lost. Only those replay their audit entry, so
 * that re-pushing an old sheet does not rewrite the audit of a whole ledger.
 */
function isOwnRecentWrite(row: StoredRow, actor: Actor, now: Date): boolean {
  return row.updatedBy === actor.userId && now.getTime() - Date.parse(row.updatedAt) < 24 * 3600 * 1000;
}

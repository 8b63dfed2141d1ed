import type { RowResult, SyncResponse, SyncRow } from '../../../shared/api/index.js';
import { canWriteLedger, writeDenial, type Actor } from '../../../shared/ledgers/access.js';
import type { Ledger, LedgerKind } from '../../../shared/ledgers/define.js';
import { validateRow } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { error, type Issue } from '../../../shared/ledgers/issue.js';
import { rosterFromMembers, type MembersRow } from '../../../shared/ledgers/members.js';
import type { Roster } from '../../../shared/ledgers/roster.js';
import type { Settings } from '../../../shared/settings/index.js';
import type { BudgetRow } from '../../../shared/ledgers/budget.js';
import { checkBatch } from '../../../shared/summary/checkBatch.js';
import type { RowVersion, RowWrite, Store, StoredRow, WriteOutcome } from '../store/types.js';
import { auditEntry } from './audit.js';
import { isoDateInShanghai, type Clock } from './clock.js';
import { contentHash } from './hash.js';
import { requireSettings, type Principal } from './principal.js';
import { toWire } from './rowViews.js';
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
  orgId: string;
  clock: Clock;
  /** The refreshed figures of a ledger for some years (shared/summary); optional while it is being written. */
  summarize?: (
    kind: LedgerKind,
    years: number[],
    principal: Principal,
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
  constructor(private readonly deps: SyncDeps) {}

  async push(principal: Principal, kind: LedgerKind, push: ParsedPush): Promise<SyncResponse> {
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
    const [storedById, storedLive, roster] = await Promise.all([
      store.rows.readByIds(
        orgId,
        kind,
        rows.map((r) => r.row.rowId),
      ),
      store.rows.list(orgId, kind),
      kind === 'members' ? Promise.resolve(undefined) : this.roster(),
    ]);

    const deletions: Planned[] = [];
    const tombstoned: { index: number; row: SyncRow }[] = [];
    const permitted: { index: number; row: SyncRow; key: number; stored: StoredRow | undefined }[] = [];
    const keys = batchKeys(rows.map((r) => r.row));
    const ctx = { settings, today, roster, actor };
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
      // The row's new unit and, for an existing row, its stored unit must both be the actor's to write.
      const denial =
        writeDenial(actor, ledger.scope, unit || null, settings) ??
        (stored && !stored.deleted ? writeDenial(actor, ledger.scope, stored.unit || null, settings) : null);
      if (denial)
        return answer(index, {
          status: 'forbidden',
          issues: [...verdict.issues, error(null, denial.code, denial.message)],
        });
      permitted.push({ index, row, key: keys[i]!, stored });
    });

    // Second pass, the rows the actor may write together: shared/summary's checkBatch, the one
    // verdict the CLI and the add-in also reach — each row again, then DOMAIN.md §5 across the
    // batch and the stored rows (minus those this push deletes).
    const deleting = new Set(deletions.map((d) => d.row.rowId));
    const others = storedLive.filter((s) => !deleting.has(s.rowId));
    const budget = kind === 'expenses' ? await store.rows.list(orgId, 'budget') : [];
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
        stored: others.map((o) => ({ id: o.rowId, fields: o.fields, year: o.year, deleted: o.deleted })),
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
    for (const c of accepted) {
      const hash = contentHash(c.fields);
      const { stored, row } = c;
      const conflict = (): void =>
        answer(c.index, {
          status: 'conflict',
          issues: [...c.issues, conflictIssue(stored!)],
          server: toWire(stored!),
        });
      if (stored && !stored.deleted && stored.hash === hash) {
        answer(c.index, { status: 'unchanged', rev: stored.rev, issues: c.issues });
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
    }

    const written = await this.write(kind, planned, answer);
    if (written.length) {
      await store.audit.append(written.map((w) => auditEntry(w.previous, w.row, actor.userId)));
    }

    const response: SyncResponse = { results: results as RowResult[] };
    const years = [...new Set(written.map((w) => w.row.year).filter((y): y is number => y !== null))].sort();
    if (this.deps.summarize && years.length) {
      const summary = await this.deps.summarize(kind, years, principal);
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
    // Never stored, or already a tombstone (a retried delete): nothing to do; `deleted` is answered later.
    if (!stored || stored.deleted) return null;
    const denial = writeDenial(actor, ledger.scope, stored.unit || null, settings);
    if (denial) {
      answer(index, { status: 'forbidden', issues: [error(null, denial.code, denial.message)] });
      return null;
    }
    if (row.baseRev !== stored.rev) {
      answer(index, { status: 'conflict', issues: [conflictIssue(stored)], server: toWire(stored) });
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
  ): Promise<{ previous: StoredRow | undefined; row: StoredRow }[]> {
    if (planned.length === 0) return [];
    const { store, orgId } = this.deps;
    const first = await store.rows.reserveSeq(orgId, kind, planned.length);
    planned.forEach((p, i) => (p.version.seq = first + i));
    const writes: RowWrite[] = planned.map((p) =>
      p.op === 'create'
        ? { op: 'create', row: p.version }
        : { op: 'replace', row: p.version, ifMatch: p.ifMatch! },
    );
    const outcomes = await store.rows.write(orgId, kind, writes);
    const written: { previous: StoredRow | undefined; row: StoredRow }[] = [];
    const lost: Planned[] = [];
    outcomes.forEach((outcome: WriteOutcome, i) => {
      const p = planned[i]!;
      if (outcome.status !== 'written') return lost.push(p);
      written.push({ previous: p.stored, row: outcome.row });
      const status = p.version.deleted ? 'deleted' : STATUS_OF_OP[p.op];
      answer(p.index, { status, rev: outcome.row.rev, issues: p.issues });
    });
    // Someone else wrote these rows between our read and our write: answer from what is stored now.
    if (lost.length) {
      const fresh = await store.rows.readByIds(
        orgId,
        kind,
        lost.map((p) => p.row.rowId),
      );
      for (const p of lost) {
        const now = fresh.get(p.row.rowId);
        if (now && now.hash === p.version.hash && now.deleted === p.version.deleted) {
          answer(p.index, {
            status: p.version.deleted ? 'deleted' : 'unchanged',
            rev: now.rev,
            issues: p.issues,
          });
        } else if (now) {
          answer(p.index, {
            status: 'conflict',
            issues: [...p.issues, conflictIssue(now)],
            server: toWire(now),
          });
        } else {
          answer(p.index, {
            status: 'conflict',
            issues: [...p.issues, error(null, 'row.gone', '该行已不在服务器上，请重新拉取后再提交')],
          });
        }
      }
    }
    return written;
  }

  /** Members by 工号 from the stored members ledger (DOMAIN.md §3.1), for person checks in other ledgers. */
  private async roster(): Promise<Roster> {
    const members = await this.deps.store.rows.list(this.deps.orgId, 'members');
    members.sort((a, b) => a.seq - b.seq);
    return rosterFromMembers(members.map((m) => m.fields as MembersRow));
  }
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

function conflictIssue(server: StoredRow): Issue {
  const what = server.deleted ? '已被删除' : '已被修改';
  return error(
    null,
    'row.conflict',
    `该行在服务器上${what}（${server.updatedBy}，${server.updatedAt.slice(0, 10)}），请核对后再提交`,
  );
}

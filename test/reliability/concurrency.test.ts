import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, RowResult, StoredRowWire, SyncResponse } from '../../shared/api/index.js';
import { demoSettings } from '../../shared/settings/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, memberRow, testStack, type PushRow } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';

/**
 * Issue 7 §4 — 20 clients push overlapping edits of the same rows at the same moment, round
 * after round (creates of the same new row ids, updates, then updates racing deletes). Every
 * row must end at exactly one submitted version, every loser must get `conflict` with the
 * server's row, the audit must hold one entry per accepted change chained version to version
 * (no update built on a version that was already replaced — a lost update), and a pull after
 * the storm must equal a direct read of the store.
 */
const CLIENTS = 20;
const ROWS = 10;
const WINDOW = 5;
const ROUNDS = 3;
const UNIT = '机电学院工会';

let stack: LocalStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack?.close());

interface Attempt {
  client: number;
  round: string;
  rowId: string;
  submitted: PushRow;
  result: RowResult;
}

describe('concurrency (issue 7 §4)', () => {
  it(`${CLIENTS} clients racing on ${ROWS} rows: one winner per row and version, losers told, audit chained`, async () => {
    const users = Array.from({ length: CLIENTS }, (_, c) => (c % 2 ? 'admin' : 'officer-mech-info'));
    const apis = users.map((u) => client(stack.url, stack.tokens[u]));
    const admin = client(stack.url, stack.tokens.admin);
    const attempts: Attempt[] = [];
    const problems: string[] = [];
    const tokenBefore = (await admin.pullAll('members')).next;

    /** Every client pushes its rows at once; returns after all answered. */
    const storm = async (round: string, plan: (c: number) => PushRow[]): Promise<void> => {
      const plans = apis.map((_, c) => plan(c));
      const answers = await Promise.all(
        apis.map((api, c) => api.post<SyncResponse>('ledgers/members/sync', { rows: plans[c] })),
      );
      answers.forEach((r, c) => {
        if (r.status !== 200) {
          problems.push(`${round} client ${c}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
          return;
        }
        r.body.results.forEach((result, i) =>
          attempts.push({ client: c, round, rowId: result.rowId, submitted: plans[c]![i]!, result }),
        );
      });
    };

    // Round 0: every client creates the same new row ids, each with its own content.
    const base = Array.from({ length: ROWS }, () => memberRow(UNIT));
    await storm('create', (c) =>
      base.map((row) => ({ ...row, cells: { ...row.cells, name: `建${c}`, remarks: `客户端${c}新建` } })),
    );
    /** What each client believes each row's revision is. */
    const known: Map<string, string>[] = apis.map(() => new Map());
    const learn = (round: string): void => {
      for (const a of attempts.filter((x) => x.round === round)) {
        const rev = a.result.rev ?? a.result.server?.rev;
        if (rev) known[a.client]!.set(a.rowId, rev);
      }
    };
    learn('create');

    // Rounds of updates: client c edits a window of WINDOW rows starting at (3c mod ROWS), so
    // every row is wanted by about CLIENTS × WINDOW / ROWS clients at once.
    for (let round = 1; round <= ROUNDS; round++) {
      const name = `update${round}`;
      await storm(name, (c) =>
        Array.from({ length: WINDOW }, (_, k) => base[(3 * c + k) % ROWS]!).map((row) => ({
          ...row,
          baseRev: known[c]!.get(row.rowId) ?? null,
          cells: { ...row.cells, name: `改${c}`, remarks: `第${round}轮 客户端${c}` },
        })),
      );
      learn(name);
    }

    // Last round: everyone first reads the current revisions, then half delete, half update.
    const current = new Map((await admin.pullAll('members')).rows.map((r) => [r.rowId, r.rev]));
    await storm('delete-or-update', (c) =>
      base.slice(0, ROWS / 2).map((row) => ({
        ...row,
        baseRev: current.get(row.rowId) ?? null,
        ...(c % 2
          ? { delete: true }
          : { cells: { ...row.cells, name: `终${c}`, remarks: `末轮 客户端${c}` } }),
      })),
    );

    // ---- verdicts
    const stored = await stack.app.store.rows.readByIds(
      demoSettings.orgId,
      'members',
      base.map((r) => r.rowId),
    );
    const WIN = new Set(['created', 'updated', 'deleted']);
    /**
     * The attempts that wrote a version. A delete that reaches a row another client has already
     * deleted is answered `deleted` with that tombstone's revision and writes nothing (deletes are
     * idempotent: the client's wish holds). When the machine is slow the racing deletes arrive one
     * after the other instead of together, so such answers are repeats of the winner, not winners.
     */
    const writes = (list: readonly Attempt[]): Attempt[] => {
      const seen = new Set<string>();
      return list.filter((a) => {
        if (!WIN.has(a.result.status)) return false;
        if (a.result.status !== 'deleted') return true;
        const rev = a.result.rev ?? '';
        if (seen.has(rev)) return false;
        seen.add(rev);
        return true;
      });
    };
    let lostUpdates = 0;
    for (const row of base) {
      const mine = attempts.filter((a) => a.rowId === row.rowId);
      const final = stored.get(row.rowId);
      if (!final) {
        problems.push(`${row.rowId}: not stored`);
        continue;
      }
      for (const round of [...new Set(mine.map((a) => a.round))]) {
        const inRound = mine.filter((a) => a.round === round);
        const winners = writes(inRound);
        if (winners.length > 1) problems.push(`${round} ${row.rowId}: ${winners.length} winners`);
        if (round === 'create' && winners.length !== 1)
          problems.push(`create ${row.rowId}: ${winners.length} winners`);
        for (const loser of inRound.filter((a) => !WIN.has(a.result.status)))
          if (loser.result.status !== 'conflict' || !loser.result.server)
            problems.push(
              `${round} ${row.rowId} client ${loser.client}: ${loser.result.status} without the server row`,
            );
      }
      // The audit, in write order, must replay the winners exactly: create, then each accepted change.
      const audit = await admin.get<AuditResponse>(`audit?kind=members&rowId=${row.rowId}&limit=1000`);
      const entries = audit.body.entries;
      const wins = writes(mine);
      if (entries.length !== wins.length)
        problems.push(`${row.rowId}: ${entries.length} audit entries for ${wins.length} accepted changes`);
      // Each accepted version must be the one the next accepted change replaced (no lost update).
      const byRev = new Map(wins.map((w) => [w.result.rev!, w]));
      const chain = [...wins].sort((a, b) => seqOf(entries, a) - seqOf(entries, b));
      for (let i = 1; i < chain.length; i++) {
        const based = chain[i]!.submitted.baseRev;
        if (!byRev.has(based ?? '') || based !== chain[i - 1]!.result.rev) {
          lostUpdates++;
          problems.push(
            `${row.rowId}: accepted change ${i} was based on ${based}, not on ${chain[i - 1]!.result.rev}`,
          );
        }
      }
      const last = chain.at(-1);
      if (!last) continue;
      if (last.result.status === 'deleted') {
        if (!final.deleted) problems.push(`${row.rowId}: last winner deleted it, store has it live`);
      } else {
        const wanted = last.submitted.cells;
        if (final.deleted || final.fields.name !== wanted.name || final.fields.remarks !== wanted.remarks)
          problems.push(
            `${row.rowId}: store has ${JSON.stringify(final.fields.name)}, last winner sent ${wanted.name}`,
          );
        if (final.rev !== last.result.rev) problems.push(`${row.rowId}: stored rev is not the last winner's`);
      }
    }

    // A pull after the storm — from scratch, and incrementally from before it — equals a direct read.
    const direct = await stack.app.store.rows.list(demoSettings.orgId, 'members', { includeDeleted: true });
    const view = (rows: readonly Pick<StoredRowWire, 'rowId' | 'rev' | 'deleted' | 'fields' | 'seq'>[]) =>
      JSON.stringify(
        [...new Map(rows.map((r) => [r.rowId, r])).values()]
          .map((r) => [r.rowId, r.rev, r.deleted, r.seq, r.fields])
          .sort(),
      );
    const full = await admin.pullAll('members');
    const incremental = await admin.pullAll('members', tokenBefore);
    const directView = view(direct);
    const pulledMatches = view(full.rows) === directView;
    const incrementalOk = base.every((b) => {
      const seen = incremental.rows
        .filter((r) => r.rowId === b.rowId)
        .sort((x, y) => x.seq - y.seq)
        .at(-1);
      return seen?.rev === stored.get(b.rowId)?.rev;
    });
    if (!pulledMatches) problems.push('a full pull differs from a direct read');
    if (!incrementalOk) problems.push('an incremental pull from before the storm missed a final version');

    const figures = {
      clients: CLIENTS,
      rows: ROWS,
      rounds: ROUNDS + 2,
      writesAttempted: attempts.length,
      accepted: attempts.filter((a) => WIN.has(a.result.status)).length,
      conflicts: attempts.filter((a) => a.result.status === 'conflict').length,
      otherAnswers: attempts.filter((a) => !WIN.has(a.result.status) && a.result.status !== 'conflict')
        .length,
      lostUpdates,
      pullEqualsDirectRead: pulledMatches && incrementalOk,
    };
    recordFigures('concurrency', figures);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(lostUpdates).toBe(0);
    expect(figures.accepted).toBeGreaterThanOrEqual(ROWS * 2);
  }, 120_000);
});

/** The seq of the audit entry that recorded an accepted attempt (matched by the revision's row version). */
function seqOf(entries: AuditResponse['entries'], a: Attempt): number {
  const action =
    a.result.status === 'created' ? 'create' : a.result.status === 'deleted' ? 'delete' : 'update';
  const remarks = a.submitted.cells.remarks;
  const e = entries.find(
    (x) =>
      x.action === action &&
      (action === 'delete' || (x.changes.remarks?.after ?? null) === (remarks ?? null)),
  );
  return e?.seq ?? Number.MAX_SAFE_INTEGER;
}

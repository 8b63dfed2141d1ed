import { MAX_ROWS_PER_CHUNK } from '../../api/sync.js';
import type { RowResult, SyncRow, WireCell } from '../../api/sync.js';
import { toWireCell } from '../../api/wire.js';
import type { LedgerKind } from '../../ledgers/define.js';
import { error, type Issue } from '../../ledgers/issue.js';
import { rowHash } from '../hash.js';
import { chunk, nextHashes, planPush, type PlannedDelete, type PushPlan } from '../plan.js';
import type { SheetEdit, SheetState, WorkbookPort } from '../port.js';
import type { SheetRow } from '../rows.js';
import { planWriteback, type RowWriteResult } from '../writeback.js';
import { ledgerSheet, nextState, withState, type LedgerSheet } from './ledgerSheet.js';
import { applyEdit, commitEdit } from './port.js';
import type { SyncTransport } from './transport.js';

/**
 * Steps 4–7 of the data flow, shared by the pane and the CLI: plan (new rows get their ids),
 * ask before deleting, send in chunks, and write ids, revisions, statuses and marks back — by
 * identity: each result goes to the row that holds, at the moment of writing, the row it was
 * sent for, wherever the officer moved it in the meantime; a row that cannot be found is
 * reported and written nowhere.
 */

/** One row on its way: what was sent and how to find its row again. */
export interface Outgoing {
  wire: SyncRow;
  /** The sheet row it was read from; null for a row removed from the sheet. */
  sheetRow: number | null;
  /** The row carried this id in its `_id` cell when read (else the id is new, planned now). */
  hadId: boolean;
  /** The content hash of the row as read; null for deletions. */
  hash: string | null;
}

export interface SheetPush {
  sheet: LedgerSheet;
  kind: LedgerKind;
  plan: PushPlan;
  /** Deletions the officer did not agree to: not sent, asked again next time. */
  declined: PlannedDelete[];
  headers: Record<string, string>;
  outgoing: Outgoing[];
  /** The server's answers so far, by row id. */
  answers: Map<string, RowResult>;
  /** Rows answered (sent and answered). */
  sent: number;
  /** What stopped the sending; the rows not answered are written back as 失败. */
  failure: unknown;
}

export interface PlanPushOptions {
  newId: () => string;
  /**
   * Called on the plan before anything else: an adapter may give new rows the ids an earlier,
   * cut-off push already sent for the same content (the CLI's id journal).
   */
  adopt?: (plan: PushPlan, rows: readonly SheetRow[]) => Promise<void> | void;
  /** §4.7: asked before rows are deleted on the server; resolves to the row ids to delete. */
  confirmDeletes?: (deletes: PlannedDelete[]) => Promise<Iterable<string>>;
  /**
   * Called once the ids of new rows are planned and before anything is sent, so that an
   * adapter can record them (a crash after the send must not give the same rows new ids).
   */
  onPlanned?: (push: SheetPush) => Promise<void> | void;
}

export async function planSheetPush(sheet: LedgerSheet, opts: PlanPushOptions): Promise<SheetPush> {
  if (sheet.kind === null) throw new Error(`planSheetPush: ${sheet.name} is not a ledger sheet`);
  const plan = planPush(sheet.rows, sheet.state, opts.newId);
  await opts.adopt?.(plan, sheet.rows);
  let approved: PlannedDelete[] = [];
  if (plan.deletes.length && opts.confirmDeletes) {
    const yes = new Set(await opts.confirmDeletes(plan.deletes));
    approved = plan.deletes.filter((d) => yes.has(d.rowId));
  }
  const declined = plan.deletes.filter((d) => !approved.includes(d));
  const had = new Set(sheet.rows.flatMap((r) => (r.rowId ? [r.rowId] : [])));
  const outgoing: Outgoing[] = [];
  for (const p of [...plan.creates, ...plan.updates].sort((a, b) => a.sheetRow - b.sheetRow))
    outgoing.push({
      wire: { rowId: p.rowId, baseRev: p.baseRev, sheetRow: p.sheetRow, cells: wireCells(p.raw.cells) },
      sheetRow: p.sheetRow,
      hadId: had.has(p.rowId),
      hash: p.hash,
    });
  for (const d of approved)
    outgoing.push({
      wire: {
        rowId: d.rowId,
        baseRev: d.baseRev,
        ...(d.sheetRow !== null ? { sheetRow: d.sheetRow } : {}),
        cells: {},
        delete: true,
      },
      sheetRow: d.sheetRow,
      hadId: true,
      hash: null,
    });
  const push: SheetPush = {
    sheet,
    kind: sheet.kind,
    plan: { ...plan, deletes: approved },
    declined,
    headers: Object.fromEntries(sheet.layout.columns.map((c) => [c.field, c.header.slice(0, 200)])),
    outgoing,
    answers: new Map(),
    sent: 0,
    failure: null,
  };
  await opts.onPlanned?.(push);
  return push;
}

export interface SendOptions {
  chunkSize?: number;
  /** Awaited before each chunk (its index): a place for an adapter's own checks. */
  beforeChunk?: (index: number) => Promise<void> | void;
  /** Before each chunk: rows answered so far, and in all. */
  onChunk?: (done: number, total: number, size: number) => void;
  /** Stop before the next chunk (another sheet's push failed). */
  stopped?: () => boolean;
}

/**
 * The chunks of one sheet, one after the other: the server's checks across rows (duplicates,
 * yearly caps) see the earlier chunks' rows. The first error stops the sheet; it is kept in
 * `failure` and the rest is sent by the next push.
 */
export async function sendSheetPush(
  transport: SyncTransport,
  push: SheetPush,
  opts: SendOptions = {},
): Promise<void> {
  const total = push.outgoing.length;
  for (const [i, part] of chunk(push.outgoing, opts.chunkSize ?? MAX_ROWS_PER_CHUNK).entries()) {
    if (push.failure !== null || opts.stopped?.()) return;
    // Outside the try: what the adapter's check throws stops the whole push, unrecorded.
    await opts.beforeChunk?.(i);
    opts.onChunk?.(push.sent, total, part.length);
    try {
      const response = await transport.push(push.kind, {
        headers: push.headers,
        rows: part.map((o) => o.wire),
      });
      for (const r of response.results) push.answers.set(r.rowId, r);
      push.sent += part.length;
    } catch (e) {
      push.failure = e;
    }
  }
}

/** A sent row that was no longer in the sheet when its answer was written back. */
export interface Misplaced {
  rowId: string;
  /** Where the row was when it was read. */
  sheetRow: number;
  status: string;
}

export interface PushCommit {
  /** Per-row results as written, with the rows where they were written. */
  results: RowWriteResult[];
  misplaced: Misplaced[];
  /** The sheet as the write-back left it (for the pane's next view, without reading again). */
  after: LedgerSheet;
}

export interface CommitPushOptions {
  /** The issue on a row the push did not get to send (the failure's message). */
  unsent: (failure: unknown) => Issue;
  /** Other sheets' state changes to save with this one (the CLI writes a workbook's sheets in turn). */
  states?: () => readonly SheetState[];
}

/** The per-row results of a push, in sheet terms: answered, or unsent after a failure. */
export function pushResults(push: SheetPush, unsent: (failure: unknown) => Issue): RowWriteResult[] {
  const results: RowWriteResult[] = [];
  for (const [i, o] of push.outgoing.entries()) {
    const r = push.answers.get(o.wire.rowId);
    const mask = o.sheetRow !== null && !o.wire.delete ? (push.sheet.maskIssues.get(o.sheetRow) ?? []) : [];
    if (r) {
      results.push({
        sheetRow: o.sheetRow,
        rowId: r.rowId,
        rev: r.rev ?? null,
        status: r.status,
        issues: [...mask, ...r.issues],
      });
    } else if (push.failure !== null || i < push.sent) {
      // Unsent after a failure, or sent and left unanswered: marked 失败, sent again next time.
      const issue =
        push.failure !== null
          ? unsent(push.failure)
          : error(null, 'unsent.noAnswer', '尚未上传：服务器没有答复这一行');
      results.push({ sheetRow: o.sheetRow, rowId: o.wire.rowId, status: 'error', issues: [issue] });
    }
  }
  return results;
}

/**
 * Step 7: the results written back into the rows that hold the sent rows NOW, with the state's
 * new hashes, in one commit (one Excel round trip in the pane).
 */
export async function commitPush(
  book: WorkbookPort,
  push: SheetPush,
  opts: CommitPushOptions,
): Promise<PushCommit> {
  const results = pushResults(push, opts.unsent);
  const { sheet, kind } = push;
  const hashes = nextHashes(sheet.state?.hashes ?? {}, push.plan, [...push.answers.values()]);
  const state = nextState(sheet.name, kind, sheet.state, { hashes });
  return commitEdit(book, sheet.name, (now) => {
    const current = ledgerSheet(sheet.name, now, sheet.states, { kind });
    const placed = placeResults(current, push.outgoing, results);
    const states = withState(opts.states?.() ?? sheet.states, state);
    const edit: SheetEdit = { writes: [], states };
    if (placed.results.some((r) => r.sheetRow !== null) && current.layout.headerRow !== null) {
      const back = planWriteback(current.used, current.layout, placed.results);
      edit.writes = back.writes;
      edit.hide = back.hide;
    }
    const after = ledgerSheet(sheet.name, applyEdit(current.used, edit), states, { kind });
    return { edit, result: { results: placed.results, misplaced: placed.misplaced, after } };
  });
}

/**
 * Where each result goes now. A row that carried its id is found by that id; a new row (its id
 * planned by this push) by its content: the row at its old place if it still holds that content,
 * else another row without an id holding it. Rows that cannot be found are left out and listed.
 */
export function placeResults(
  now: LedgerSheet,
  outgoing: readonly Outgoing[],
  results: readonly RowWriteResult[],
): { results: RowWriteResult[]; misplaced: Misplaced[] } {
  const byId = new Map<string, number>();
  const free = new Map<string, number[]>();
  const freeAt = new Map<number, string>();
  for (const r of now.rows) {
    if (r.rowId !== null) {
      if (!byId.has(r.rowId)) byId.set(r.rowId, r.sheetRow);
      continue;
    }
    if (r.cleared) continue;
    const hash = rowHash(r.raw);
    free.set(hash, [...(free.get(hash) ?? []), r.sheetRow]);
    freeAt.set(r.sheetRow, hash);
  }
  const sentOf = new Map(outgoing.map((o) => [o.wire.rowId, o]));
  const claimed = new Set<number>();
  const claim = (o: Outgoing): number | null => {
    if (o.hash === null) return null;
    if (o.sheetRow !== null && freeAt.get(o.sheetRow) === o.hash && !claimed.has(o.sheetRow))
      return o.sheetRow;
    return free.get(o.hash)?.find((row) => !claimed.has(row)) ?? null;
  };
  const out: RowWriteResult[] = [];
  const misplaced: Misplaced[] = [];
  // New rows that kept their place claim it first, so that a moved twin does not take it.
  const order = [...results].sort((a, b) => rank(a) - rank(b));
  function rank(r: RowWriteResult): number {
    const o = sentOf.get(r.rowId);
    return o && !o.hadId && o.sheetRow !== null && freeAt.get(o.sheetRow) === o.hash ? 0 : 1;
  }
  for (const r of order) {
    const o = sentOf.get(r.rowId);
    if (!o || o.sheetRow === null) {
      out.push({ ...r, sheetRow: null });
      continue;
    }
    const row = o.hadId ? (byId.get(r.rowId) ?? null) : claim(o);
    if (row === null) {
      misplaced.push({ rowId: r.rowId, sheetRow: o.sheetRow, status: r.status });
      out.push({ ...r, sheetRow: null });
      continue;
    }
    if (!o.hadId) claimed.add(row);
    out.push({ ...r, sheetRow: row });
  }
  return { results: out, misplaced };
}

function wireCells(cells: Readonly<Record<string, unknown>>): Record<string, WireCell> {
  const out: Record<string, WireCell> = {};
  for (const [k, v] of Object.entries(cells)) out[k] = toWireCell(v);
  return out;
}

import { toWireCell, type StoredRowWire, type SyncRow, type WireCell } from '../../../shared/api/index.js';
import { displayHeader } from '../../../shared/cells/index.js';
import { cellText } from '../../../shared/cells/text.js';
import { LEDGER_KINDS, type Ledger, type LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { error, noteText, type Issue } from '../../../shared/ledgers/issue.js';
import type { Role, Settings } from '../../../shared/settings/index.js';
import { shanghaiDate } from '../../../shared/settings/index.js';
import { checkSheets } from '../../../shared/sheet/checkSheets.js';
import { detectLayout, type KindCandidate, type SheetLayout } from '../../../shared/sheet/detect.js';
import { gridOf } from '../../../shared/sheet/grid.js';
import { rowHash } from '../../../shared/sheet/hash.js';
import { chunk, nextHashes, planPush, type PlannedDelete } from '../../../shared/sheet/plan.js';
import type {
  CellWrite,
  SheetPort,
  SheetState,
  UsedRange,
  WorkbookPort,
} from '../../../shared/sheet/port.js';
import { maskIdentity, readRows, type SheetRow } from '../../../shared/sheet/rows.js';
import {
  planWriteback,
  STATUS_LABELS,
  type RowWriteResult,
  type WritebackStatus,
} from '../../../shared/sheet/writeback.js';
import { MAX_ROWS_PER_CHUNK } from '../../../shared/api/index.js';
import type { ApiClient } from '../api/client.js';
import { ApiError, isApiError } from '../api/errors.js';
import { displayValue, keepIdentityCell, storedToCell, type CellValue } from './cells.js';
import type { PaneHost } from './host.js';
import type { AnnualSummary } from '../../../shared/summary/annual.js';
import type { BudgetExecution } from '../../../shared/summary/budgetExecution.js';
import { draftSentences } from '../../../shared/summary/sentences.js';

/**
 * The sync orchestration of the task pane, free of UI and of Office.js (DESIGN.md data flow):
 * read the sheet once → detect the ledger → rows → mask identity numbers → plan → chunks of
 * 500 → POST → write ids, revisions, statuses and marks back in one batch → remember hashes in
 * the state sheet → pull. It depends only on a WorkbookPort and an ApiClient, so tests drive it
 * with an in-memory workbook and a fake fetch.
 */

export interface Session {
  userId: string;
  name: string;
  role: Role;
  unit?: string | undefined;
  settings: Settings;
}

export interface ColumnView {
  col: number;
  letter: string;
  /** The header as typed in the sheet. */
  header: string;
  field?: string;
  /** The ledger's own header for the field, when the typed one differs. */
  canonical?: string;
}

export interface SheetView {
  sheet: string;
  kind: LedgerKind | null;
  title: string | null;
  /** The kind came from the state sheet (an earlier choice), not from detection. */
  remembered: boolean;
  headerRow: number | null;
  columns: ColumnView[];
  unknownColumns: ColumnView[];
  candidates: KindCandidate[];
  dataRows: number;
  /** Rows a sync would send (new or changed), and deletions it would ask about. */
  pending: number;
  pendingDeletes: number;
  /** The year most data rows fall in, for the summary buttons. */
  year: number | null;
}

export type Severity = 'error' | 'warning';

/** One line of the results list: a cell (or a row) and what is wrong with it. */
export interface ResultItem {
  key: string;
  sheet: string;
  row: number;
  /** The cell to select; null when the row has no cell for it. */
  col: number | null;
  /** The column's header, or 整行 for a whole-row message. */
  column: string;
  message: string;
  severity: Severity;
  status?: WritebackStatus;
}

export interface ConflictField {
  field: string;
  header: string;
  mine: string;
  theirs: string;
  differs: boolean;
}

/** A row changed both in the sheet and on the server: the officer chooses. */
export interface ConflictItem {
  sheet: string;
  rowId: string;
  /** The sheet row, or null when the row was removed from the sheet. */
  sheetRow: number | null;
  server: StoredRowWire;
  serverDeleted: boolean;
  fields: ConflictField[];
  /** e.g. 服务器上的版本由 admin 于 2024-03-01 修改 */
  summary: string;
}

export interface DeleteRequest {
  rowId: string;
  sheetRow: number | null;
  reason: 'cleared' | 'removed';
  message: string;
}

export interface Progress {
  phase: 'read' | 'push' | 'write' | 'pull';
  done: number;
  total: number;
  message: string;
}

export interface SyncOptions {
  /** The kind the officer chose when detection could not tell. */
  kind?: LedgerKind;
  /** Asked before rows are deleted on the server (§4.7); resolves to the row ids to delete. */
  confirmDeletes?: (requests: DeleteRequest[]) => Promise<string[]>;
  onProgress?: (p: Progress) => void;
}

export interface ValidateOutcome {
  sheet: string;
  kind: LedgerKind;
  rows: number;
  invalidRows: number;
  warningRows: number;
  results: ResultItem[];
}

export interface PullOutcome {
  added: number;
  updated: number;
  deleted: number;
  /** Rows with unsent edits in the sheet that the server also changed: left alone, listed as conflicts. */
  conflicts: ConflictItem[];
}

export interface SyncOutcome {
  sheet: string;
  kind: LedgerKind;
  /** Rows per status written back, plus `unchanged` rows that needed no request. */
  counts: Partial<Record<WritebackStatus, number>>;
  sent: number;
  results: ResultItem[];
  conflicts: ConflictItem[];
  /** What stopped the push (offline, signed out, refused); the rows not sent are marked 失败. */
  failure: ApiError | null;
  unsent: number;
  declinedDeletes: number;
  pull: PullOutcome | null;
}

/** A problem the officer can act on, in Chinese. */
export class PaneError extends Error {
  override readonly name = 'PaneError';
}

export interface SyncControllerDeps {
  workbook: WorkbookPort;
  api: ApiClient;
  session: () => Session;
  newId?: () => string;
  /** ISO date in Asia/Shanghai. */
  today?: () => string;
  chunkSize?: number;
}

interface Loaded {
  port: SheetPort;
  used: UsedRange;
  states: SheetState[];
  state: SheetState | undefined;
  layout: SheetLayout;
}

type Outgoing = {
  wire: SyncRow;
  sheetRow: number | null;
  raw: SheetRow['raw'] | null;
  local: Issue[];
};

export function isLedgerKind(s: unknown): s is LedgerKind {
  return typeof s === 'string' && (LEDGER_KINDS as readonly string[]).includes(s);
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function newRowId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UNSENT_OFFLINE = '尚未上传：网络不可用。联网后点击“重试”，本行会重新发送';

export class SyncController {
  private readonly newId: () => string;
  private readonly today: () => string;
  private readonly chunkSize: number;

  constructor(private readonly deps: SyncControllerDeps) {
    this.newId = deps.newId ?? newRowId;
    this.today = deps.today ?? (() => shanghaiDate(new Date()));
    this.chunkSize = deps.chunkSize ?? MAX_ROWS_PER_CHUNK;
  }

  private get api(): ApiClient {
    return this.deps.api;
  }

  private async load(sheet: string, kind?: LedgerKind | null): Promise<Loaded> {
    const port = this.deps.workbook.sheet(sheet);
    const [used, states] = await Promise.all([port.readUsedRange(), this.deps.workbook.readState()]);
    const state = states.find((s) => s.sheet === sheet);
    const chosen = kind ?? (state && isLedgerKind(state.kind) ? state.kind : null);
    const layout = detectLayout(used, {
      sheetName: sheet,
      ...(chosen ? { kind: chosen } : {}),
      ...(state?.bindings && chosen === state.kind ? { bindings: state.bindings } : {}),
    });
    return { port, used, states, state, layout };
  }

  private async saveState(states: readonly SheetState[], next: SheetState): Promise<void> {
    const others = states.filter((s) => s.sheet !== next.sheet);
    await this.deps.workbook.writeState([...others, next]);
  }

  private requireLayout(layout: SheetLayout): LedgerKind {
    if (!layout.kind) throw new PaneError('无法识别当前工作表是哪种台账，请先在上方选择台账类型');
    if (layout.headerRow === null)
      throw new PaneError(
        `没有找到「${ledgers[layout.kind].title}」的表头行：请确认前10行中有表头（如“工号”“姓名”）`,
      );
    return layout.kind;
  }

  // ------------------------------------------------------------------ inspect

  async inspect(sheet: string, kind?: LedgerKind | null): Promise<SheetView> {
    const { used, layout, state } = await this.load(sheet, kind);
    const ledger = layout.kind ? ledgers[layout.kind] : null;
    const rows = ledger && layout.headerRow !== null ? readRows(used, layout) : [];
    const plan = planPush(rows, state, () => 'planned-row');
    return {
      sheet,
      kind: layout.kind,
      title: ledger?.title ?? null,
      remembered: !kind && !!state && state.kind === layout.kind,
      headerRow: layout.headerRow,
      columns: layout.columns.map((c) => {
        const canonical = ledger?.fields[c.field]?.header;
        return {
          col: c.col,
          letter: columnLetter(c.col),
          header: displayHeader(c.header) || c.header,
          field: c.field,
          ...(canonical && canonical !== displayHeader(c.header) ? { canonical } : {}),
        };
      }),
      unknownColumns: layout.unknownColumns.map((c) => ({
        col: c.col,
        letter: columnLetter(c.col),
        header: displayHeader(c.header) || c.header,
      })),
      candidates: layout.candidates,
      dataRows: rows.filter((r) => !r.cleared).length,
      pending: plan.creates.length + plan.updates.length,
      pendingDeletes: plan.deletes.length,
      year: ledger ? likelyYear(ledger, rows, this.parseContext()) : null,
    };
  }

  /** Remember the officer's choice of ledger for a sheet detection could not place. */
  async chooseKind(sheet: string, kind: LedgerKind): Promise<SheetView> {
    const states = await this.deps.workbook.readState();
    const state = states.find((s) => s.sheet === sheet);
    await this.saveState(
      states,
      state && state.kind === kind
        ? state
        : { sheet, kind, hashes: state?.kind === kind ? state.hashes : {} },
    );
    return this.inspect(sheet);
  }

  private parseContext(): { settings: Settings; today: string } {
    return { settings: this.deps.session().settings, today: this.today() };
  }

  // ------------------------------------------------------------------ validate

  /** 校验: the same checks as the server, locally and at once; nothing is written. */
  async validate(sheet: string, kind?: LedgerKind): Promise<ValidateOutcome> {
    const { used, layout } = await this.load(sheet, kind);
    const k = this.requireLayout(layout);
    const rows = readRows(used, layout).filter((r) => !r.cleared);
    const s = this.deps.session();
    const [checked] = checkSheets([{ source: sheet, sheet, layout, rows }], {
      settings: s.settings,
      today: this.today(),
      actor: { role: s.role, unit: s.unit },
    });
    const results: ResultItem[] = [];
    let invalidRows = 0;
    let warningRows = 0;
    for (const v of checked!.verdicts) {
      if (!v.fields) invalidRows++;
      else if (v.issues.length) warningRows++;
      for (const issue of v.issues) results.push(resultItem(sheet, layout, v.sheetRow, issue));
    }
    return { sheet, kind: k, rows: rows.length, invalidRows, warningRows, results: sortResults(results) };
  }

  // ------------------------------------------------------------------ sync

  /** 同步: push what changed (in chunks), write the verdicts back, then pull. */
  async sync(sheet: string, opts: SyncOptions = {}): Promise<SyncOutcome> {
    const progress = opts.onProgress ?? (() => {});
    progress({ phase: 'read', done: 0, total: 0, message: '正在读取工作表…' });
    const { port, used, states, state, layout } = await this.load(sheet, opts.kind);
    const kind = this.requireLayout(layout);
    const ledger = ledgers[kind];
    const rows = readRows(used, layout);
    const plan = planPush(rows, state, this.newId);

    let approved: PlannedDelete[] = [];
    if (plan.deletes.length) {
      const requests = plan.deletes.map(deleteRequest);
      const yes = new Set(opts.confirmDeletes ? await opts.confirmDeletes(requests) : []);
      approved = plan.deletes.filter((d) => yes.has(d.rowId));
    }

    const outgoing: Outgoing[] = [];
    for (const p of [...plan.creates, ...plan.updates].sort((a, b) => a.sheetRow - b.sheetRow)) {
      const masked = maskIdentity({
        sheetRow: p.sheetRow,
        rowId: p.rowId,
        rev: p.baseRev,
        raw: p.raw,
        cleared: false,
      });
      outgoing.push({
        wire: {
          rowId: p.rowId,
          baseRev: p.baseRev,
          sheetRow: p.sheetRow,
          cells: wireCells(masked.row.raw.cells),
        },
        sheetRow: p.sheetRow,
        raw: p.raw,
        local: masked.issues,
      });
    }
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
        raw: null,
        local: [],
      });

    const headers = fieldHeaders(layout);
    const results: RowWriteResult[] = [];
    const conflicts: ConflictItem[] = [];
    let failure: ApiError | null = null;
    let sent = 0;
    for (const part of chunk(outgoing, this.chunkSize)) {
      if (failure) {
        for (const o of part) results.push(unsentResult(o, failure));
        continue;
      }
      progress({
        phase: 'push',
        done: sent,
        total: outgoing.length,
        message: `正在上传第 ${sent + 1}–${sent + part.length} 行（共 ${outgoing.length} 行）`,
      });
      try {
        const response = await this.api.push(kind, { headers, rows: part.map((o) => o.wire) });
        const byId = new Map(response.results.map((r) => [r.rowId, r]));
        for (const o of part) {
          const r = byId.get(o.wire.rowId);
          if (!r) {
            results.push(unsentResult(o, new ApiError('bad-response', '服务器没有答复这一行')));
            continue;
          }
          results.push({
            sheetRow: o.sheetRow,
            rowId: r.rowId,
            rev: r.rev ?? null,
            status: r.status,
            issues: [...o.local, ...r.issues],
          });
          if (r.status === 'conflict' && r.server)
            conflicts.push(this.conflictItem(sheet, ledger, layout, o.sheetRow, o.raw, r.server));
        }
        sent += part.length;
      } catch (e) {
        if (!isApiError(e)) throw e;
        failure = e;
        for (const o of part) results.push(unsentResult(o, e));
      }
    }
    progress({ phase: 'write', done: sent, total: outgoing.length, message: '正在写回同步状态…' });
    if (results.some((r) => r.sheetRow !== null)) {
      const back = planWriteback(used, layout, results);
      await port.write(back.writes);
      await port.hideColumns(back.hide);
    }
    const hashes = nextHashes(state?.hashes ?? {}, plan, results);
    await this.saveState(states, stateOf(sheet, kind, state, { hashes }));

    const counts: Partial<Record<WritebackStatus, number>> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (plan.unchanged) counts.unchanged = (counts.unchanged ?? 0) + plan.unchanged;
    const items: ResultItem[] = [];
    for (const r of results) {
      if (r.sheetRow === null) continue;
      for (const issue of r.issues)
        items.push({ ...resultItem(sheet, layout, r.sheetRow, issue), status: r.status });
    }

    let pull: PullOutcome | null = null;
    if (!failure) {
      try {
        pull = await this.pull(sheet, { ...(opts.kind ? { kind: opts.kind } : {}), onProgress: progress });
      } catch (e) {
        if (!isApiError(e)) throw e;
        failure = e;
      }
    }
    const seen = new Set(conflicts.map((c) => c.rowId));
    for (const c of pull?.conflicts ?? []) if (!seen.has(c.rowId)) conflicts.push(c);
    return {
      sheet,
      kind,
      counts,
      sent,
      results: sortResults(items),
      conflicts,
      failure,
      unsent: results.filter((r) => r.status === 'error').length,
      declinedDeletes: plan.deletes.length - approved.length,
      pull,
    };
  }

  // ------------------------------------------------------------------ pull

  /**
   * 拉取: rows changed on the server since the last pull. A row the sheet holds at that
   * revision is skipped; one without local edits is overwritten; one with unsent edits is left
   * alone and reported as a conflict; new rows are appended below the used range; tombstones
   * remove their rows.
   */
  async pull(sheet: string, opts: Pick<SyncOptions, 'kind' | 'onProgress'> = {}): Promise<PullOutcome> {
    const progress = opts.onProgress ?? (() => {});
    const { port, used, states, state, layout } = await this.load(sheet, opts.kind);
    const kind = this.requireLayout(layout);
    const ledger = ledgers[kind];
    const latest = new Map<string, StoredRowWire>();
    let since = state?.since;
    for (let page = 1; ; page++) {
      progress({
        phase: 'pull',
        done: latest.size,
        total: 0,
        message: `正在拉取服务器上的更新（第 ${page} 页）…`,
      });
      const answer = await this.api.pull(kind, since);
      for (const row of answer.rows) {
        const had = latest.get(row.rowId);
        if (!had || had.seq < row.seq) latest.set(row.rowId, row);
      }
      since = answer.next;
      if (!answer.more) break;
    }

    const rows = readRows(used, layout);
    const byId = new Map<string, SheetRow>();
    for (const r of rows) if (r.rowId !== null && !byId.has(r.rowId)) byId.set(r.rowId, r);
    const hashes: Record<string, string> = { ...(state?.hashes ?? {}) };
    const writes: CellWrite[] = [];
    const results: RowWriteResult[] = [];
    const removals: number[] = [];
    const outcome: PullOutcome = { added: 0, updated: 0, deleted: 0, conflicts: [] };
    let append = gridOf(used).bottom + 1;

    for (const server of [...latest.values()].sort((a, b) => a.seq - b.seq)) {
      const local = byId.get(server.rowId);
      if (local) {
        if (local.rev === server.rev) continue;
        const known = hashes[server.rowId];
        const edited = local.cleared || known === undefined || rowHash(local.raw) !== known;
        if (edited) {
          outcome.conflicts.push(this.conflictItem(sheet, ledger, layout, local.sheetRow, local.raw, server));
          continue;
        }
        if (server.deleted) {
          removals.push(local.sheetRow);
          delete hashes[server.rowId];
          outcome.deleted++;
          continue;
        }
        hashes[server.rowId] = this.rowWrites(ledger, layout, used, local.sheetRow, server, writes);
        results.push({
          sheetRow: local.sheetRow,
          rowId: server.rowId,
          rev: server.rev,
          status: 'updated',
          issues: [],
        });
        outcome.updated++;
      } else {
        if (server.deleted) {
          delete hashes[server.rowId];
          continue;
        }
        if (Object.hasOwn(hashes, server.rowId)) {
          // Removed from the sheet but not yet deleted on the server, and changed there since.
          outcome.conflicts.push(this.conflictItem(sheet, ledger, layout, null, null, server));
          continue;
        }
        const row = append++;
        hashes[server.rowId] = this.rowWrites(ledger, layout, used, row, server, writes);
        results.push({ sheetRow: row, rowId: server.rowId, rev: server.rev, status: 'updated', issues: [] });
        outcome.added++;
      }
    }

    if (results.length) {
      progress({ phase: 'write', done: results.length, total: results.length, message: '正在写入拉取的行…' });
      const back = planWriteback(used, layout, results);
      await port.write([...writes, ...back.writes]);
      await port.hideColumns(back.hide);
    }
    if (removals.length) await port.deleteRows(removals.sort((a, b) => b - a));
    await this.saveState(states, stateOf(sheet, kind, state, { hashes, since }));
    return outcome;
  }

  /** The value writes of one pulled row; returns the content hash the sheet will then have. */
  private rowWrites(
    ledger: Ledger,
    layout: SheetLayout,
    used: UsedRange,
    sheetRow: number,
    server: StoredRowWire,
    writes: CellWrite[],
  ): string {
    const { settings } = this.deps.session();
    const grid = gridOf(used);
    const cells: Record<string, unknown> = {};
    for (const c of layout.columns) {
      const stored = server.fields[c.field];
      const spec = ledger.fields[c.field];
      const current = sheetRow <= grid.bottom ? grid.get(sheetRow, c.col) : null;
      if (spec?.type === 'idLast4' && keepIdentityCell(current, stored)) {
        cells[c.field] = current ?? null;
        continue;
      }
      const value: CellValue = storedToCell(ledger, c.field, stored, settings);
      cells[c.field] = value;
      writes.push({ row: sheetRow, col: c.col, value });
    }
    return rowHash({ cells });
  }

  // ------------------------------------------------------------------ conflicts

  private conflictItem(
    sheet: string,
    ledger: Ledger,
    layout: SheetLayout,
    sheetRow: number | null,
    raw: SheetRow['raw'] | null,
    server: StoredRowWire,
  ): ConflictItem {
    const ctx = this.parseContext();
    const fields: ConflictField[] = layout.columns.map((c) => {
      const spec = ledger.fields[c.field];
      const theirsStored = server.deleted ? null : (server.fields[c.field] ?? null);
      const theirs = server.deleted
        ? '（已删除）'
        : displayValue(storedToCell(ledger, c.field, theirsStored, ctx.settings));
      if (raw === null)
        return { field: c.field, header: c.header, mine: '（已从表格删除）', theirs, differs: true };
      const cell = raw.cells[c.field];
      const parsed = spec?.parse(cell, { header: c.header, ...ctx });
      const mineStored = parsed?.ok ? (parsed.value ?? null) : undefined;
      const mine =
        mineStored !== undefined
          ? displayValue(storedToCell(ledger, c.field, mineStored, ctx.settings))
          : displayValue(cellText(cell) ?? cell);
      const differs = mineStored === undefined || JSON.stringify(mineStored) !== JSON.stringify(theirsStored);
      return { field: c.field, header: displayHeader(c.header) || c.header, mine, theirs, differs };
    });
    const what = server.deleted ? '删除' : '修改';
    return {
      sheet,
      rowId: server.rowId,
      sheetRow,
      server,
      serverDeleted: server.deleted,
      fields,
      summary: `服务器上的这一行已被 ${server.updatedBy} 于 ${server.updatedAt.slice(0, 10)} ${what}`,
    };
  }

  /**
   * 保留我的: base the sheet's version on the server's revision and sync again, so the push
   * overwrites the server (or deletes there, when the row was removed from the sheet).
   * 采用服务器的: write the server's version into the row (or remove the row, or add it back).
   */
  async resolve(
    sheet: string,
    conflict: ConflictItem,
    choice: 'mine' | 'server',
    opts: SyncOptions = {},
  ): Promise<SyncOutcome | PullOutcome> {
    const { port, used, states, state, layout } = await this.load(sheet, opts.kind);
    const kind = this.requireLayout(layout);
    const ledger = ledgers[kind];
    const server = conflict.server;
    const local = readRows(used, layout).find((r) => r.rowId === conflict.rowId);
    const hashes: Record<string, string> = { ...(state?.hashes ?? {}) };
    const none: PullOutcome = { added: 0, updated: 0, deleted: 0, conflicts: [] };

    if (choice === 'server') {
      if (server.deleted) {
        if (local) await port.deleteRows([local.sheetRow]);
        delete hashes[server.rowId];
        await this.saveState(states, stateOf(sheet, kind, state, { hashes }));
        return { ...none, deleted: local ? 1 : 0 };
      }
      const row = local?.sheetRow ?? gridOf(used).bottom + 1;
      const writes: CellWrite[] = [];
      hashes[server.rowId] = this.rowWrites(ledger, layout, used, row, server, writes);
      const back = planWriteback(used, layout, [
        { sheetRow: row, rowId: server.rowId, rev: server.rev, status: 'updated', issues: [] },
      ]);
      await port.write([...writes, ...back.writes]);
      await port.hideColumns(back.hide);
      await this.saveState(states, stateOf(sheet, kind, state, { hashes }));
      return local ? { ...none, updated: 1 } : { ...none, added: 1 };
    }

    if (!local) {
      // Removed from the sheet: delete on the server over the version the officer has now seen.
      if (!server.deleted) {
        const response = await this.api.push(kind, {
          headers: {},
          rows: [{ rowId: server.rowId, baseRev: server.rev, cells: {}, delete: true }],
        });
        const r = response.results[0];
        if (r?.status !== 'deleted')
          throw new PaneError(r?.issues[0]?.message ?? '服务器未能删除该行，请先拉取后再试');
      }
      delete hashes[server.rowId];
      await this.saveState(states, stateOf(sheet, kind, state, { hashes }));
      return { ...none, deleted: 1 };
    }
    const back = planWriteback(used, layout, []);
    const revCol = layout.revCol ?? back.revCol;
    await port.write([...back.writes, { row: local.sheetRow, col: revCol, value: server.rev }]);
    await port.hideColumns(back.hide);
    return this.sync(sheet, opts);
  }

  // ------------------------------------------------------------------ summaries

  /** 生成汇总: the server's annual figures (officers: their own unit) into the 汇总 sheet. */
  async writeSummary(host: Pick<PaneHost, 'writeSummarySheet'>, year: number): Promise<AnnualSummary> {
    const summary = await this.api.summary(year);
    // The year before, for 上年 / 增减 / 增幅 (as the leadership workbook); without it, no comparison.
    const previous = await this.api.summary(year - 1).catch(() => undefined);
    await host.writeSummarySheet(summary, draftSentences(summary), previous);
    return summary;
  }

  /** 预算执行: budget against spending per unit and account into the 预算执行 sheet. */
  async writeBudgetExecution(
    host: Pick<PaneHost, 'writeBudgetExecutionSheet'>,
    year: number,
  ): Promise<BudgetExecution> {
    const execution = await this.api.budgetExecution(year);
    await host.writeBudgetExecutionSheet(execution);
    return execution;
  }
}

// -------------------------------------------------------------------- helpers

function stateOf(
  sheet: string,
  kind: LedgerKind,
  previous: SheetState | undefined,
  change: { hashes: Record<string, string>; since?: string | undefined },
): SheetState {
  const same = previous?.kind === kind ? previous : undefined;
  const since = change.since ?? same?.since;
  return {
    sheet,
    kind,
    ...(same?.bindings ? { bindings: same.bindings } : {}),
    ...(since ? { since } : {}),
    hashes: change.hashes,
  };
}

function fieldHeaders(layout: SheetLayout): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const c of layout.columns) headers[c.field] = c.header.slice(0, 200);
  return headers;
}

function wireCells(cells: Readonly<Record<string, unknown>>): Record<string, WireCell> {
  const out: Record<string, WireCell> = {};
  for (const [k, v] of Object.entries(cells)) out[k] = toWireCell(v);
  return out;
}

function unsentResult(o: Outgoing, e: ApiError): RowWriteResult {
  const message = e.kind === 'offline' || e.kind === 'timeout' ? UNSENT_OFFLINE : `尚未上传：${e.message}`;
  return {
    sheetRow: o.sheetRow,
    rowId: o.wire.rowId,
    status: 'error',
    issues: [error(null, `unsent.${e.kind}`, message)],
  };
}

function deleteRequest(d: PlannedDelete): DeleteRequest {
  return {
    rowId: d.rowId,
    sheetRow: d.sheetRow,
    reason: d.reason,
    message:
      d.reason === 'cleared'
        ? '该行内容已清空，是否从服务器删除？'
        : '该行已从表格中删除（服务器上仍保存着），是否从服务器删除？',
  };
}

function resultItem(sheet: string, layout: SheetLayout, sheetRow: number, issue: Issue): ResultItem {
  const column = issue.field === null ? undefined : layout.columns.find((c) => c.field === issue.field);
  const col = column?.col ?? layout.statusCol ?? layout.columns[0]?.col ?? null;
  return {
    key: `${sheetRow}:${issue.field ?? '*'}:${issue.code}:${issue.message}`,
    sheet,
    row: sheetRow,
    col,
    column: column ? displayHeader(column.header) || column.header : '整行',
    message: noteText(issue),
    severity: issue.severity,
  };
}

function sortResults(items: ResultItem[]): ResultItem[] {
  const rank = (s: Severity): number => (s === 'error' ? 0 : 1);
  return items.sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.row - b.row || (a.col ?? 0) - (b.col ?? 0),
  );
}

/** The year most rows' primary date (or 年度) falls in. */
function likelyYear(
  ledger: Ledger,
  rows: readonly SheetRow[],
  ctx: { settings: Settings; today: string },
): number | null {
  const key = ledger.yearField ?? ledger.primaryDate;
  const spec = key ? ledger.fields[key] : undefined;
  if (!key || !spec) return null;
  const counts = new Map<number, number>();
  for (const r of rows.slice(0, 2000)) {
    if (r.cleared) continue;
    const parsed = spec.parse(r.raw.cells[key], { header: spec.header, ...ctx });
    if (!parsed.ok || parsed.value === null) continue;
    const y = typeof parsed.value === 'number' ? parsed.value : Number(String(parsed.value).slice(0, 4));
    if (Number.isInteger(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, n] of counts)
    if (best === null || n > counts.get(best)! || (n === counts.get(best) && y > best)) best = y;
  return best;
}

export { STATUS_LABELS };

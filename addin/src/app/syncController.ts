import { MAX_ROWS_PER_CHUNK } from '../../../shared/api/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { error, type Issue } from '../../../shared/ledgers/issue.js';
import { shanghaiDate, type Settings } from '../../../shared/settings/index.js';
import { checkSheets } from '../../../shared/sheet/checkSheets.js';
import {
  commitBaseRevision,
  commitPull,
  commitPush,
  commitServerVersion,
  fetchChanges,
  forgetRow,
  newRowId,
  planSheetPush,
  pullRefusal,
  readLedgerSheet,
  sendSheetPush,
  withState,
  type LedgerSheet,
} from '../../../shared/sheet/engine/index.js';
import type { WorkbookPort } from '../../../shared/sheet/port.js';
import { readRows } from '../../../shared/sheet/rows.js';
import { STATUS_LABELS, type WritebackStatus } from '../../../shared/sheet/writeback.js';
import type { AnnualSummary } from '../../../shared/summary/annual.js';
import type { BudgetExecution } from '../../../shared/summary/budgetExecution.js';
import { draftSentences } from '../../../shared/summary/sentences.js';
import type { ApiClient } from '../../../shared/api/client.js';
import { ApiError, isApiError } from '../../../shared/api/clientErrors.js';
import type { PaneHost } from './host.js';
import type { Progress, PullOutcome, SyncOptions, SyncOutcome, ValidateOutcome } from './outcomes.js';
import {
  conflictItem,
  deleteRequest,
  resultItem,
  sheetView,
  sortResults,
  type ConflictItem,
  type ResultItem,
  type Session,
  type SheetView,
} from './views.js';

export * from './views.js';
export * from './outcomes.js';
export { STATUS_LABELS };

/**
 * The task pane's side of a sync: UI state and progress around the one engine of shared/sheet
 * (read once → detect → mask → plan → chunks → write-back by identity → pull → state), which
 * both the pane and the CLI run. A click costs at most three Excel round trips (batches of the Office.js adapter) — the read, the push's
 * write-back with the state, the pull's — and the refresh after it reuses what they left.
 */

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

export { newRowId };

const UNSENT_OFFLINE = '尚未上传：网络不可用。联网后点击“重试”，本行会重新发送';

export class SyncController {
  private readonly newId: () => string;
  private readonly today: () => string;
  private readonly chunkSize: number;
  /** The sheet as the last operation left it: the refresh after it shows this, unread. */
  private last: LedgerSheet | null = null;

  constructor(private readonly deps: SyncControllerDeps) {
    this.newId = deps.newId ?? newRowId;
    this.today = deps.today ?? (() => shanghaiDate(new Date()));
    this.chunkSize = deps.chunkSize ?? MAX_ROWS_PER_CHUNK;
  }

  private ctx(): { settings: Settings; today: string } {
    return { settings: this.deps.session().settings, today: this.today() };
  }

  private async read(sheet: string, kind?: LedgerKind | null): Promise<LedgerSheet> {
    this.last = null;
    return readLedgerSheet(this.deps.workbook, sheet, { kind: kind ?? null });
  }

  private requireLedger(sheet: LedgerSheet): LedgerKind {
    const { layout } = sheet;
    if (!layout.kind) throw new PaneError('无法识别当前工作表是哪种台账，请先在上方选择台账类型');
    if (layout.headerRow === null || sheet.kind === null)
      throw new PaneError(
        `没有找到「${ledgers[layout.kind].title}」的表头行：请确认前10行中有表头（如“工号”“姓名”）`,
      );
    return sheet.kind;
  }

  /**
   * The sheet card. `reuse`: the refresh right after an operation shows the sheet as the
   * operation left it, without reading it again.
   */
  async inspect(sheet: string, kind?: LedgerKind | null, opts: { reuse?: boolean } = {}): Promise<SheetView> {
    const last = this.last;
    const reusable = opts.reuse && last?.name === sheet && (!kind || kind === last.layout.kind);
    const read = reusable ? last : await this.read(sheet, kind);
    return sheetView(read, !!kind, this.ctx());
  }

  /** Remember the officer's choice of ledger for a sheet detection could not place. */
  async chooseKind(sheet: string, kind: LedgerKind): Promise<SheetView> {
    const states = await this.deps.workbook.readState();
    const state = states.find((s) => s.sheet === sheet);
    if (!state || state.kind !== kind)
      await this.deps.workbook.writeState(withState(states, { sheet, kind, hashes: {} }));
    return this.inspect(sheet);
  }

  /** 校验: the same checks as the server, locally and at once; nothing is written. */
  async validate(sheet: string, kind?: LedgerKind): Promise<ValidateOutcome> {
    const read = await this.read(sheet, kind);
    const k = this.requireLedger(read);
    this.last = read;
    const rows = readRows(read.used, read.layout).filter((r) => !r.cleared);
    const s = this.deps.session();
    const [checked] = checkSheets([{ source: sheet, sheet, layout: read.layout, rows }], {
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
      for (const issue of v.issues) results.push(resultItem(sheet, read.layout, v.sheetRow, issue));
    }
    return { sheet, kind: k, rows: rows.length, invalidRows, warningRows, results: sortResults(results) };
  }

  /** 同步: push what changed (in chunks), write the verdicts back, then pull. */
  async sync(sheet: string, opts: SyncOptions = {}): Promise<SyncOutcome> {
    const progress = opts.onProgress ?? (() => {});
    progress({ phase: 'read', done: 0, total: 0, message: '正在读取工作表…' });
    const read = await this.read(sheet, opts.kind);
    const kind = this.requireLedger(read);
    const push = await planSheetPush(read, {
      newId: this.newId,
      confirmDeletes: async (deletes) =>
        opts.confirmDeletes ? await opts.confirmDeletes(deletes.map(deleteRequest)) : [],
    });
    await sendSheetPush(this.deps.api, push, {
      chunkSize: this.chunkSize,
      onChunk: (done, total, size) =>
        progress({
          phase: 'push',
          done,
          total,
          message: `正在上传第 ${done + 1}–${done + size} 行（共 ${total} 行）`,
        }),
    });
    if (push.failure !== null && !isApiError(push.failure)) throw push.failure;
    let failure = push.failure as ApiError | null;
    progress({ phase: 'write', done: push.sent, total: push.outgoing.length, message: '正在写回同步状态…' });
    const written = await commitPush(this.deps.workbook, push, { unsent: unsentIssue });
    this.last = written.after;

    const ledger = ledgers[kind];
    const raws = new Map([...push.plan.creates, ...push.plan.updates].map((p) => [p.rowId, p.raw]));
    const counts: Partial<Record<WritebackStatus, number>> = {};
    const items: ResultItem[] = [];
    const conflicts: ConflictItem[] = [];
    for (const r of written.results) {
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      const server = push.answers.get(r.rowId)?.server;
      if (r.status === 'conflict' && server)
        conflicts.push(
          conflictItem(
            sheet,
            ledger,
            written.after.layout,
            r.sheetRow,
            raws.get(r.rowId) ?? null,
            server,
            this.ctx(),
          ),
        );
      if (r.sheetRow === null) continue;
      for (const issue of r.issues)
        items.push({ ...resultItem(sheet, written.after.layout, r.sheetRow, issue), status: r.status });
    }
    if (push.plan.unchanged) counts.unchanged = (counts.unchanged ?? 0) + push.plan.unchanged;

    let pull: PullOutcome | null = null;
    if (!failure) {
      try {
        pull = await this.pullInto(written.after, progress);
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
      sent: push.sent,
      results: sortResults(items),
      conflicts,
      failure,
      unsent: written.results.filter((r) => r.status === 'error').length,
      declinedDeletes: push.declined.length,
      misplaced: written.misplaced,
      pull,
    };
  }

  /**
   * 拉取: rows changed on the server since the last pull, planned by the engine against the
   * sheet as it is when they are written (shared/sheet/engine/pull.ts).
   */
  async pull(sheet: string, opts: Pick<SyncOptions, 'kind' | 'onProgress'> = {}): Promise<PullOutcome> {
    const read = await this.read(sheet, opts.kind);
    this.requireLedger(read);
    return this.pullInto(read, opts.onProgress ?? (() => {}));
  }

  private async pullInto(read: LedgerSheet, progress: (p: Progress) => void): Promise<PullOutcome> {
    const kind = this.requireLedger(read);
    const refusal = pullRefusal(read);
    if (refusal) throw new PaneError(refusal);
    const changes = await fetchChanges(this.deps.api, kind, read.state?.since, (page, rows) =>
      progress({ phase: 'pull', done: rows, total: 0, message: `正在拉取服务器上的更新（第 ${page} 页）…` }),
    );
    progress({ phase: 'write', done: 0, total: changes.rows.length, message: '正在写入拉取的行…' });
    const pulled = await commitPull(this.deps.workbook, read, changes, this.ctx());
    this.last = pulled.after;
    const ledger = ledgers[kind];
    return {
      added: pulled.counts.appended,
      updated: pulled.counts.updated,
      deleted: pulled.counts.removed,
      conflicts: pulled.conflicts.map((c) =>
        conflictItem(read.name, ledger, read.layout, c.sheetRow, c.raw, c.server, this.ctx()),
      ),
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
    const read = await this.read(sheet, opts.kind);
    const kind = this.requireLedger(read);
    const server = conflict.server;
    const local = read.rows.some((r) => r.rowId === server.rowId);
    const none: PullOutcome = { added: 0, updated: 0, deleted: 0, conflicts: [] };
    if (choice === 'server') {
      if (!local && server.deleted) {
        await forgetRow(this.deps.workbook, read, server.rowId);
        return none;
      }
      const pulled = await commitServerVersion(this.deps.workbook, read, server, this.ctx());
      this.last = pulled.after;
      const { appended: added, updated, removed: deleted } = pulled.counts;
      return { ...none, added, updated, deleted };
    }
    if (local) {
      await commitBaseRevision(this.deps.workbook, read, server.rowId, server.rev);
      return this.sync(sheet, opts);
    }
    // Removed from the sheet: delete on the server over the version the officer has now seen.
    if (!server.deleted) {
      const response = await this.deps.api.push(kind, {
        headers: {},
        rows: [{ rowId: server.rowId, baseRev: server.rev, cells: {}, delete: true }],
      });
      const r = response.results[0];
      if (r?.status !== 'deleted')
        throw new PaneError(r?.issues[0]?.message ?? '服务器未能删除该行，请先拉取后再试');
    }
    await forgetRow(this.deps.workbook, read, server.rowId);
    return { ...none, deleted: 1 };
  }

  /** 生成汇总: the server's annual figures (officers: their own unit) into the 汇总 sheet. */
  async writeSummary(host: Pick<PaneHost, 'writeSummarySheet'>, year: number): Promise<AnnualSummary> {
    const summary = await this.deps.api.summary(year);
    // The year before, for 上年 / 增减 / 增幅 (as the leadership workbook); without it, no comparison.
    const previous = await this.deps.api.summary(year - 1).catch(() => undefined);
    await host.writeSummarySheet(summary, draftSentences(summary), previous);
    return summary;
  }

  /** 预算执行: budget against spending per unit and account into the 预算执行 sheet. */
  async writeBudgetExecution(
    host: Pick<PaneHost, 'writeBudgetExecutionSheet'>,
    year: number,
  ): Promise<BudgetExecution> {
    const execution = await this.deps.api.budgetExecution(year);
    await host.writeBudgetExecutionSheet(execution);
    return execution;
  }
}

function unsentIssue(e: unknown): Issue {
  if (!(e instanceof ApiError)) return error(null, 'unsent.error', `尚未上传：${String(e)}`);
  const message = e.kind === 'offline' || e.kind === 'timeout' ? UNSENT_OFFLINE : `尚未上传：${e.message}`;
  return error(null, `unsent.${e.kind}`, message);
}

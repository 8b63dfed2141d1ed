import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  MAX_ROWS_PER_CHUNK,
  toWireCell,
  type RowResult,
  type RowStatus,
  type SyncRow,
  type WireCell,
} from '../../../shared/api/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { Severity } from '../../../shared/ledgers/issue.js';
import {
  chunk,
  nextHashes,
  planPush,
  planWriteback,
  type PlannedRow,
  type PushPlan,
  type RowWriteResult,
  type SheetState,
} from '../../../shared/sheet/index.js';
import { columnLetter } from '../validationReport.js';
import { TooLargeError, type SyncApi } from './apiClient.js';
import type { Consent } from './consent.js';
import type { CleanFiles } from './cleanFiles.js';
import { checkWritable } from '../file/saveWorkbook.js';
import { faultPoint } from '../file/faults.js';
import { idJournal, type IdJournal } from '../file/idJournal.js';
import {
  openSyncWorkbook,
  readSyncSheet,
  saveSyncWorkbook,
  withState,
  type SyncSheet,
  type SyncWorkbook,
} from './ledgerWorkbook.js';
import type { Progress } from './progress.js';

/**
 * `union-ledger push` (issue 5 item 1): every ledger sheet of the files is read and planned
 * against the workbook's sync state; only new, changed and (with consent) deleted rows travel,
 * in chunks of at most 500; the per-row results are written back into the same file, with the
 * state's content hashes, and the file is saved. Nothing is lost when the network fails midway:
 * the results of the chunks that completed are written back and saved, the rest is sent by the
 * next push.
 */
export interface PushOptions {
  api: SyncApi;
  kind?: LedgerKind;
  consent: Consent;
  progress: Progress;
  newId?: () => string;
  /** Ledgers pushed at the same time (sheets of one ledger always go one after the other). */
  concurrency?: number;
  /** Files known to plan to nothing by their bytes: skipped unread, and recorded (cleanFiles.ts). */
  cleanFiles?: CleanFiles;
  /** Where planned ids of new rows are recorded before sending (cli/src/file/idJournal.ts). */
  journal?: IdJournal;
}

export interface PushIssueReport {
  row: number | null;
  cell: string | null;
  status: RowStatus;
  severity: Severity;
  code: string;
  message: string;
}

export interface PushSheetReport {
  sheet: string;
  kind: LedgerKind | null;
  /** Why the sheet was left alone (not a ledger). */
  skipped?: string;
  rows: number;
  /** Rows whose content hash matched the state: not sent. */
  unchanged: number;
  planned: { creates: number; updates: number; deletes: number };
  /** Deletions the user did not agree to: not sent, asked again next time. */
  declinedDeletes: number;
  sent: number;
  /** Planned rows that did not reach the server (the push stopped on an error). */
  notSent: number;
  statuses: Partial<Record<RowStatus, number>>;
  issues: PushIssueReport[];
}

export interface PushFileReport {
  file: string;
  /** Byte for byte as a push left it with nothing to send: not read, nothing sent. */
  unchangedSinceLastPush?: boolean;
  saved: boolean;
  /** The file changed on disk during the push: the results went to this new file beside it. */
  savedTo?: string;
  stateDamaged: boolean;
  sheets: PushSheetReport[];
}

export interface PushReport {
  files: PushFileReport[];
  rowsSent: number;
  requests: number;
  seconds: number;
  /** The error that stopped the push (network, auth…), in Chinese. */
  error?: string;
}

interface Job {
  book: SyncWorkbook;
  sheet: SyncSheet;
  kind: LedgerKind;
  plan: PushPlan;
  declined: number;
  headers: Record<string, string>;
  send: SyncRow[];
  /** Row id → its sheet row (null for a row removed from the sheet). */
  sheetRowOf: Map<string, number | null>;
  results: RowResult[];
  report: PushSheetReport;
}

/**
 * The order ledgers are pushed in. Every ledger's person checks read the stored members (the
 * roster), so members go first, alone; expense checks read the stored budget lines, so
 * expenses follow budget in one chain. The other ledgers are independent chains, pushed side by
 * side, the longest first. The chunks of one ledger always go one after the other: the server's
 * checks across rows (duplicates, yearly caps) see the earlier chunks' rows.
 */
function chains(jobs: readonly Job[]): Job[][][] {
  const byKind = new Map<LedgerKind, Job[]>();
  for (const job of jobs)
    if (job.send.length > 0) byKind.set(job.kind, [...(byKind.get(job.kind) ?? []), job]);
  const first = byKind.get('members');
  byKind.delete('members');
  const rest: Job[][] = [];
  const budget = byKind.get('budget');
  const expenses = byKind.get('expenses');
  if (budget && expenses) {
    byKind.delete('budget');
    byKind.delete('expenses');
    rest.push([...budget, ...expenses]);
  }
  rest.push(...byKind.values());
  const size = (chain: Job[]): number => chain.reduce((n, j) => n + j.send.length, 0);
  rest.sort((a, b) => size(b) - size(a));
  return [first ? [first] : [], rest];
}

export async function pushFiles(files: readonly string[], opts: PushOptions): Promise<PushReport> {
  const started = performance.now();
  const requestsBefore = opts.api.requests;
  // Every file is read before anything is sent: a broken file stops the push with nothing done.
  const books: SyncWorkbook[] = [];
  const untouched = new Map<string, PushFileReport>();
  const kindKey = opts.kind ?? null;
  for (const file of files) {
    const bytes = opts.cleanFiles ? await readFile(file).catch(() => null) : null;
    if (bytes && (await opts.cleanFiles!.isClean(file, bytes, kindKey))) {
      untouched.set(file, {
        file,
        unchangedSinceLastPush: true,
        saved: false,
        stateDamaged: false,
        sheets: [],
      });
      continue;
    }
    books.push(await openSyncWorkbook(file, opts.kind));
  }

  const jobs: Job[] = [];
  const reports = new Map<SyncWorkbook, PushSheetReport[]>();
  for (const book of books) {
    const sheets: PushSheetReport[] = [];
    reports.set(book, sheets);
    for (const sheet of book.sheets) {
      if (sheet.kind === null) {
        sheets.push(skipped(sheet));
        continue;
      }
      const job = await planJob(book, sheet, sheet.kind, opts);
      sheets.push(job.report);
      jobs.push(job);
    }
  }

  // Before anything is sent: every file can be replaced, and the ids of new rows are on disk.
  const journal = opts.journal ?? idJournal();
  for (const book of books)
    if (jobs.some((j) => j.book === book && j.send.length > 0)) await checkWritable(book.file);
  for (const book of books)
    await journal.record(book.file, jobs.filter((j) => j.book === book).map(journalEntry));
  await faultPoint('ids-planned');

  const total = jobs.reduce((n, j) => n + j.send.length, 0);
  opts.progress.start(total);
  const abort: { error?: unknown } = {};
  try {
    for (const stage of chains(jobs)) {
      await eachLimited(stage, opts.concurrency ?? 4, async (chain) => {
        for (const job of chain) await sendJob(job, opts, abort);
      });
      if (abort.error) break;
    }
  } finally {
    opts.progress.done();
  }

  // Write back whatever the server answered, even after an error: those rows are stored.
  const written = new Map<string, PushFileReport>();
  for (const book of books) {
    const bookJobs = jobs.filter((j) => j.book === book && j.results.length > 0);
    let states = book.states;
    for (const job of bookJobs) states = withState(states, await writeBack(job));
    let savedTo: string | undefined;
    if (bookJobs.length > 0) {
      await book.port.writeState(states);
      await faultPoint('before-save');
      const outcome = await saveSyncWorkbook(book);
      if (outcome.changedOnDisk) savedTo = outcome.savedTo;
    }
    // Every id sent is now in the file (or, when it changed on disk, kept for the next run).
    if (!savedTo && !abort.error) await journal.clear(book.file);
    written.set(book.file, {
      file: book.file,
      saved: bookJobs.length > 0,
      ...(savedTo ? { savedTo } : {}),
      stateDamaged: book.stateDamaged,
      sheets: reports.get(book)!,
    });
    if (opts.cleanFiles && !abort.error && !book.stateDamaged) {
      const mine = jobs.filter((j) => j.book === book);
      const plannedNothing = mine.every((j) => j.send.length === 0 && j.declined === 0);
      // What the file now holds plans to nothing: next time its bytes are enough to know it.
      if (!savedTo && (bookJobs.length === 0 ? plannedNothing : await plansNothing(book, opts.kind)))
        await opts.cleanFiles.remember(book.file, await readFile(book.file), kindKey);
    }
  }
  const fileReports = files.map((f) => untouched.get(f) ?? written.get(f)!);
  for (const job of jobs) job.report.notSent = job.send.length - job.report.sent;

  const seconds = (performance.now() - started) / 1000;
  return {
    files: fileReports,
    rowsSent: jobs.reduce((n, j) => n + j.report.sent, 0),
    requests: opts.api.requests - requestsBefore,
    seconds,
    ...(abort.error ? { error: errorText(abort.error) } : {}),
  };
}

async function planJob(
  book: SyncWorkbook,
  sheet: SyncSheet,
  kind: LedgerKind,
  opts: PushOptions,
): Promise<Job> {
  const plan = planPush(sheet.rows, sheet.state, opts.newId ?? randomUUID);
  // New rows of a push that was cut off keep the ids that push may already have sent.
  await (opts.journal ?? idJournal()).adopt(book.file, sheet.name, plan, sheet.rows);
  let declined = 0;
  if (plan.deletes.length > 0) {
    const cleared = plan.deletes.flatMap((d) => (d.sheetRow !== null ? [d.sheetRow] : []));
    const agreed = await opts.consent({
      file: book.name,
      sheet: sheet.name,
      cleared,
      removed: plan.deletes.length - cleared.length,
    });
    if (!agreed) {
      declined = plan.deletes.length;
      plan.deletes = [];
    }
  }
  const headers = Object.fromEntries(sheet.layout.columns.map((c) => [c.field, c.header.slice(0, 200)]));
  const sheetRowOf = new Map<string, number | null>();
  const send: SyncRow[] = [];
  for (const d of plan.deletes) {
    sheetRowOf.set(d.rowId, d.sheetRow);
    send.push({
      rowId: d.rowId,
      baseRev: d.baseRev,
      ...(d.sheetRow !== null ? { sheetRow: d.sheetRow } : {}),
      cells: {},
      delete: true,
    });
  }
  for (const p of [...plan.updates, ...plan.creates]) {
    sheetRowOf.set(p.rowId, p.sheetRow);
    send.push({ rowId: p.rowId, baseRev: p.baseRev, sheetRow: p.sheetRow, cells: wireCells(p) });
  }
  return {
    book,
    sheet,
    kind,
    plan,
    declined,
    headers,
    send,
    sheetRowOf,
    results: [],
    report: {
      sheet: sheet.name,
      kind,
      rows: sheet.rows.length,
      unchanged: plan.unchanged,
      planned: { creates: plan.creates.length, updates: plan.updates.length, deletes: plan.deletes.length },
      declinedDeletes: declined,
      sent: 0,
      notSent: 0,
      statuses: {},
      issues: [],
    },
  };
}

/** The cells as the wire carries them: every bound field (blank ones as null), and 工号 split from 姓名. */
function wireCells(row: PlannedRow): Record<string, WireCell> {
  const cells: Record<string, WireCell> = {};
  for (const [key, value] of Object.entries(row.raw.cells)) cells[key] = toWireCell(value);
  return cells;
}

async function sendJob(job: Job, opts: PushOptions, abort: { error?: unknown }): Promise<void> {
  const send = async (rows: SyncRow[]): Promise<void> => {
    try {
      const response = await opts.api.push(job.kind, { headers: job.headers, rows });
      job.results.push(...response.results);
      job.report.sent += rows.length;
      opts.progress.tick(rows.length);
    } catch (e) {
      // A chunk too large for the server's body limit goes again in halves.
      if (!(e instanceof TooLargeError) || rows.length < 2) throw e;
      const half = Math.ceil(rows.length / 2);
      await send(rows.slice(0, half));
      await send(rows.slice(half));
    }
  };
  for (const [i, part] of chunk(job.send, MAX_ROWS_PER_CHUNK).entries()) {
    if (abort.error) return;
    if (i > 0) await faultPoint('between-chunks');
    try {
      await send(part);
    } catch (e) {
      abort.error ??= e;
      return;
    }
  }
}

/**
 * Whether the workbook as written back — the content just saved — would send nothing if it were
 * pushed again: every ledger sheet planned anew against the state now in it.
 */
async function plansNothing(book: SyncWorkbook, kind: LedgerKind | undefined): Promise<boolean> {
  const { states, damaged } = book.port.readStateDetailed();
  if (damaged) return false;
  for (const name of await book.port.sheetNames()) {
    const sheet = await readSyncSheet(book.port.sheet(name), states, kind);
    if (sheet.kind === null) continue;
    const plan = planPush(sheet.rows, sheet.state, randomUUID);
    if (plan.creates.length + plan.updates.length + plan.deletes.length > 0) return false;
  }
  return true;
}

/** Step 7 of the data flow for one sheet; returns its new state. */
async function writeBack(job: Job): Promise<SheetState> {
  const { sheet, report } = job;
  const results: RowWriteResult[] = job.results.map((r) => {
    const sheetRow = job.sheetRowOf.get(r.rowId) ?? null;
    const mask = sheetRow !== null && r.status !== 'deleted' ? (sheet.maskIssues.get(sheetRow) ?? []) : [];
    return { sheetRow, rowId: r.rowId, rev: r.rev ?? null, status: r.status, issues: [...mask, ...r.issues] };
  });
  const colOf = new Map(sheet.layout.columns.map((c) => [c.field, c.col]));
  for (const r of results) {
    report.statuses[r.status as RowStatus] = (report.statuses[r.status as RowStatus] ?? 0) + 1;
    for (const issue of r.issues) {
      const col = issue.field === null ? undefined : colOf.get(issue.field);
      report.issues.push({
        row: r.sheetRow,
        cell: col !== undefined && r.sheetRow !== null ? `${columnLetter(col)}${r.sheetRow}` : null,
        status: r.status as RowStatus,
        severity: issue.severity,
        code: issue.code,
        message: issue.message,
      });
    }
  }
  const wb = planWriteback(sheet.used, sheet.layout, results);
  await sheet.port.write(wb.writes);
  await sheet.port.hideColumns(wb.hide);
  return {
    sheet: sheet.name,
    kind: job.kind,
    ...(sheet.state?.bindings ? { bindings: sheet.state.bindings } : {}),
    ...(sheet.state?.since ? { since: sheet.state.since } : {}),
    hashes: nextHashes(sheet.state?.hashes ?? {}, job.plan, job.results),
  };
}

function journalEntry(job: Job): { sheet: string; rows: { rowId: string; hash: string }[] } {
  return {
    sheet: job.sheet.name,
    rows: job.plan.creates.map((p) => ({ rowId: p.rowId, hash: p.hash })),
  };
}

function skipped(sheet: SyncSheet): PushSheetReport {
  return {
    sheet: sheet.name,
    kind: null,
    skipped: sheet.layout.kind === null ? '未识别为台账' : '未找到表头行',
    rows: 0,
    unchanged: 0,
    planned: { creates: 0, updates: 0, deletes: 0 },
    declinedDeletes: 0,
    sent: 0,
    notSent: 0,
    statuses: {},
    issues: [],
  };
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  f: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

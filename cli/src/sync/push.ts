import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RowStatus } from '../../../shared/api/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { error, type Severity } from '../../../shared/ledgers/issue.js';
import {
  commitPush,
  planSheetPush,
  sendSheetPush,
  type SheetPush,
  type SyncTransport,
} from '../../../shared/sheet/engine/index.js';
import { planPush, type RowWriteResult, type SheetState } from '../../../shared/sheet/index.js';
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
  push: SheetPush;
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
    if (job.push.outgoing.length > 0) byKind.set(job.push.kind, [...(byKind.get(job.push.kind) ?? []), job]);
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
  const size = (chain: Job[]): number => chain.reduce((n, j) => n + j.push.outgoing.length, 0);
  rest.sort((a, b) => size(b) - size(a));
  return [first ? [first] : [], rest];
}

/** The CLI's client as the engine's transport: a chunk too large for the server goes again in halves. */
export function cliTransport(api: SyncApi): SyncTransport {
  const push: SyncTransport['push'] = async (kind, body) => {
    try {
      return await api.push(kind, body);
    } catch (e) {
      if (!(e instanceof TooLargeError) || body.rows.length < 2) throw e;
      const half = Math.ceil(body.rows.length / 2);
      const a = await push(kind, { ...body, rows: body.rows.slice(0, half) });
      const b = await push(kind, { ...body, rows: body.rows.slice(half) });
      return { results: [...a.results, ...b.results] };
    }
  };
  return { push, pull: (kind, since) => api.pullPage(kind, since) };
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

  const journal = opts.journal ?? idJournal();
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
      const push = await planSheetPush(sheet, {
        newId: opts.newId ?? randomUUID,
        // New rows of a push that was cut off keep the ids that push may already have sent.
        adopt: (plan, rows) => journal.adopt(book.file, sheet.name, plan, rows),
        confirmDeletes: async (deletes) => {
          const cleared = deletes.flatMap((d) => (d.sheetRow !== null ? [d.sheetRow] : []));
          const agreed = await opts.consent({
            file: book.name,
            sheet: sheet.name,
            cleared,
            removed: deletes.length - cleared.length,
          });
          return agreed ? deletes.map((d) => d.rowId) : [];
        },
      });
      const job = { book, push, report: sheetReport(push) };
      sheets.push(job.report);
      jobs.push(job);
    }
  }

  // Before anything is sent: every file can be replaced, and the ids of new rows are on disk.
  for (const book of books)
    if (jobs.some((j) => j.book === book && j.push.outgoing.length > 0)) await checkWritable(book.file);
  for (const book of books)
    await journal.record(book.file, jobs.filter((j) => j.book === book).map(journalEntry));
  await faultPoint('ids-planned');

  const transport = cliTransport(opts.api);
  const total = jobs.reduce((n, j) => n + j.push.outgoing.length, 0);
  opts.progress.start(total);
  let failure: unknown = null;
  try {
    for (const stage of chains(jobs)) {
      await eachLimited(stage, opts.concurrency ?? 4, async (chain) => {
        for (const job of chain) {
          if (failure !== null) return;
          let done = 0;
          await sendSheetPush(transport, job.push, {
            stopped: () => failure !== null,
            beforeChunk: async (i) => {
              if (i > 0) await faultPoint('between-chunks');
            },
            onChunk: (sent) => {
              opts.progress.tick(sent - done);
              done = sent;
            },
          });
          opts.progress.tick(job.push.sent - done);
          failure ??= job.push.failure;
        }
      });
      if (failure !== null) break;
    }
  } finally {
    opts.progress.done();
  }

  // Write back whatever the server answered, even after an error: those rows are stored.
  const written = new Map<string, PushFileReport>();
  for (const book of books) {
    const bookJobs = jobs.filter((j) => j.book === book && j.push.answers.size > 0);
    let states: readonly SheetState[] = book.states;
    for (const job of bookJobs) {
      const done = await commitPush(book.port, answeredOnly(job.push), {
        unsent: (e) => error(null, 'unsent', errorText(e)),
        states: () => states,
      });
      states = done.after.states;
      const colOf = new Map(job.push.sheet.layout.columns.map((c) => [c.field, c.col]));
      reportResults(job.report, done.results, colOf);
    }
    let savedTo: string | undefined;
    if (bookJobs.length > 0) {
      await faultPoint('before-save');
      const outcome = await saveSyncWorkbook(book);
      if (outcome.changedOnDisk) savedTo = outcome.savedTo;
    }
    // Every id sent is now in the file (or, when it changed on disk, kept for the next run).
    if (!savedTo && failure === null) await journal.clear(book.file);
    written.set(book.file, {
      file: book.file,
      saved: bookJobs.length > 0,
      ...(savedTo ? { savedTo } : {}),
      stateDamaged: book.stateDamaged,
      sheets: reports.get(book)!,
    });
    if (opts.cleanFiles && failure === null && !book.stateDamaged) {
      const mine = jobs.filter((j) => j.book === book);
      const plannedNothing = mine.every((j) => j.push.outgoing.length === 0 && j.push.declined.length === 0);
      // What the file now holds plans to nothing: next time its bytes are enough to know it.
      if (!savedTo && (bookJobs.length === 0 ? plannedNothing : await plansNothing(book, opts.kind)))
        await opts.cleanFiles.remember(book.file, await readFile(book.file), kindKey);
    }
  }
  const fileReports = files.map((f) => untouched.get(f) ?? written.get(f)!);
  for (const job of jobs) {
    job.report.sent = job.push.sent;
    job.report.notSent = job.push.outgoing.length - job.push.sent;
  }

  const seconds = (performance.now() - started) / 1000;
  return {
    files: fileReports,
    rowsSent: jobs.reduce((n, j) => n + j.push.sent, 0),
    requests: opts.api.requests - requestsBefore,
    seconds,
    ...(failure !== null ? { error: errorText(failure) } : {}),
  };
}

/**
 * The CLI writes back only what the server answered: a row the push did not get to send keeps
 * its cells as they were (and, if new, no id), and goes with the next push.
 */
function answeredOnly(push: SheetPush): SheetPush {
  return { ...push, outgoing: push.outgoing.filter((o) => push.answers.has(o.wire.rowId)), failure: null };
}

function journalEntry(job: Job): { sheet: string; rows: { rowId: string; hash: string }[] } {
  return {
    sheet: job.push.sheet.name,
    rows: job.push.plan.creates.map((p) => ({ rowId: p.rowId, hash: p.hash })),
  };
}

function sheetReport(push: SheetPush): PushSheetReport {
  const { plan } = push;
  return {
    sheet: push.sheet.name,
    kind: push.kind,
    rows: push.sheet.rows.length,
    unchanged: plan.unchanged,
    planned: { creates: plan.creates.length, updates: plan.updates.length, deletes: plan.deletes.length },
    declinedDeletes: push.declined.length,
    sent: 0,
    notSent: 0,
    statuses: {},
    issues: [],
  };
}

function reportResults(
  report: PushSheetReport,
  results: readonly RowWriteResult[],
  colOf: Map<string, number>,
): void {
  for (const r of results) {
    const status = r.status as RowStatus;
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    for (const issue of r.issues) {
      const col = issue.field === null ? undefined : colOf.get(issue.field);
      report.issues.push({
        row: r.sheetRow,
        cell: col !== undefined && r.sheetRow !== null ? `${columnLetter(col)}${r.sheetRow}` : null,
        status,
        severity: issue.severity,
        code: issue.code,
        message: issue.message,
      });
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
    const sheet = await readSyncSheet(book.port, name, states, kind);
    if (sheet.kind === null) continue;
    const plan = planPush(sheet.rows, sheet.state, randomUUID);
    if (plan.creates.length + plan.updates.length + plan.deletes.length > 0) return false;
  }
  return true;
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

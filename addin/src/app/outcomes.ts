import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { Misplaced } from '../../../shared/sheet/engine/index.js';
import type { WritebackStatus } from '../../../shared/sheet/writeback.js';
import type { ApiError } from '../api/errors.js';
import type { ConflictItem, DeleteRequest, ResultItem } from './views.js';

/** What the pane's operations report: the options they take and what they tell the officer. */

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
  /** Rows the officer moved away or deleted during the upload: their ids were written nowhere. */
  misplaced: Misplaced[];
  pull: PullOutcome | null;
}

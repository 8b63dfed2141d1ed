import { cellAddress, parseAddress } from './a1.js';
import { cellKey } from './fills.js';
import type { NoteWrite } from './cellPlan.js';
import type { MarkMode } from './host.js';
import { jsonBytes, type RequestBudget } from './payload.js';

/**
 * The message of a marked cell: a note (ExcelApi 1.18) or, where notes are missing, a
 * threaded comment (ExcelApi 1.10) that starts with COMMENT_PREFIX so that we only ever change
 * or delete our own comments — an officer's discussion on a cell is left alone (and our message
 * for that cell is skipped and counted). Notes behave as in the exceljs adapter: a cell has one
 * note, and ours replaces or removes it.
 */
export const COMMENT_PREFIX = '【工会台账】';

type Mark = Excel.Note | Excel.Comment;

export interface MarkResult {
  /** Messages that could not be attached (fills-only mode, or an officer's comment in the way). */
  skipped: number;
}

export class MarkWriter {
  private collection: Excel.NoteCollection | Excel.CommentCollection | null = null;
  private located: { mark: Mark; location: Excel.Range }[] = [];
  private existing = new Map<string, Mark>();

  constructor(
    private readonly ws: Excel.Worksheet,
    readonly mode: MarkMode,
    private readonly notes: readonly NoteWrite[],
  ) {}

  get needed(): boolean {
    return this.mode !== 'fills-only' && this.notes.length > 0;
  }

  /** Probe step 1: the sheet's notes (or comments). */
  async queueList(budget: RequestBudget): Promise<void> {
    if (!this.needed) return;
    await budget.reserve(0);
    this.collection = this.mode === 'notes' ? this.ws.notes : this.ws.comments;
    this.collection.load('items/content');
  }

  /** Probe step 2: where each one is. True when a sync is needed. */
  async queueLocations(budget: RequestBudget): Promise<boolean> {
    if (!this.collection) return false;
    for (const mark of this.collection.items as Mark[]) {
      await budget.reserve(jsonBytes(mark.content));
      const location = mark.getLocation();
      location.load('address');
      this.located.push({ mark, location });
    }
    return this.located.length > 0;
  }

  private index(): void {
    for (const { mark, location } of this.located) {
      const r = parseAddress(location.address);
      this.existing.set(cellAddress(r.top, r.left), mark);
    }
    this.located = [];
  }

  /**
   * Queues the note (or comment) changes into the write request(s). `marked`: the cells that
   * wore our fill before this write — a null note removes a note only there.
   */
  async queueWrites(budget: RequestBudget, marked: ReadonlySet<number>): Promise<MarkResult> {
    if (this.mode === 'fills-only') return { skipped: this.notes.filter((n) => n.note !== null).length };
    this.index();
    let skipped = 0;
    for (const n of this.notes) {
      const address = cellAddress(n.row, n.col);
      const mark = this.existing.get(address);
      if (this.mode === 'notes') {
        if (n.note === null) {
          if (!mark || !marked.has(cellKey(n.row, n.col))) continue;
          await budget.reserve(0);
          mark.delete();
        } else if (mark?.content !== n.note) {
          await budget.reserve(jsonBytes(n.note));
          if (mark) mark.content = n.note;
          else this.ws.notes.add(address, n.note);
        }
        continue;
      }
      const ours = mark !== undefined && mark.content.startsWith(COMMENT_PREFIX);
      if (n.note === null) {
        if (!ours) continue;
        await budget.reserve(0);
        mark.delete();
      } else if (mark && !ours) {
        skipped++;
      } else if (mark?.content !== `${COMMENT_PREFIX}${n.note}`) {
        const text = `${COMMENT_PREFIX}${n.note}`;
        await budget.reserve(jsonBytes(text));
        if (mark) mark.content = text;
        else this.ws.comments.add(address, text);
      }
    }
    return { skipped };
  }
}

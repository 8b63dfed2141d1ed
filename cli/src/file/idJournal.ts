import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PushPlan, SheetRow } from '../../../shared/sheet/index.js';
import { defaultCacheDir } from '../sync/cleanFiles.js';

/**
 * The ids a push gave to new rows, on disk before anything is sent (issue 15, crash-safe push).
 * A push cut off after sending but before saving the file (Ctrl+C, a crash, a locked file)
 * leaves these ids only here; the next push of the same file gives a new row with the same
 * content the same id again, and the server answers `unchanged` instead of storing a duplicate.
 * Keyed by the workbook's absolute path; cleared once the ids are saved in the file itself.
 */
const journalSchema = z.object({
  file: z.string(),
  sheets: z.record(z.string(), z.array(z.object({ rowId: z.string(), hash: z.string() }))),
});
type Journal = z.infer<typeof journalSchema>;

export interface JournalSheet {
  sheet: string;
  rows: { rowId: string; hash: string }[];
}

export interface IdJournal {
  /** Gives the plan's new rows the ids an earlier, cut-off push recorded for the same content. */
  adopt(file: string, sheet: string, plan: PushPlan, rows: readonly SheetRow[]): Promise<void>;
  /** Records the new rows' ids (with what is already recorded), flushed to disk. */
  record(file: string, sheets: readonly JournalSheet[]): Promise<void>;
  clear(file: string): Promise<void>;
}

export function idJournal(dir: string = path.join(defaultCacheDir(), 'journal')): IdJournal {
  const where = (file: string): string =>
    path.join(dir, `${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 32)}.json`);
  const load = async (file: string): Promise<Journal> => {
    try {
      const parsed = journalSchema.safeParse(JSON.parse(await readFile(where(file), 'utf8')));
      if (parsed.success && parsed.data.file === path.resolve(file)) return parsed.data;
    } catch {
      // No journal: nothing was cut off.
    }
    return { file: path.resolve(file), sheets: {} };
  };
  return {
    async adopt(file, sheet, plan, rows) {
      if (plan.creates.length === 0) return;
      const recorded = (await load(file)).sheets[sheet];
      if (!recorded?.length) return;
      const inUse = new Set(rows.flatMap((r) => (r.rowId ? [r.rowId] : [])));
      const pool = new Map<string, string[]>();
      for (const r of recorded)
        if (!inUse.has(r.rowId)) pool.set(r.hash, [...(pool.get(r.hash) ?? []), r.rowId]);
      for (const p of plan.creates) {
        const id = pool.get(p.hash)?.shift();
        if (id) p.rowId = id;
      }
    },
    async record(file, sheets) {
      if (sheets.every((s) => s.rows.length === 0)) return;
      const journal = await load(file);
      for (const s of sheets) {
        const known = new Map((journal.sheets[s.sheet] ?? []).map((r) => [r.rowId, r]));
        for (const r of s.rows) known.set(r.rowId, r);
        journal.sheets[s.sheet] = [...known.values()];
      }
      await mkdir(dir, { recursive: true });
      const target = where(file);
      const tmp = `${target}.${process.pid}.tmp`;
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(JSON.stringify(journal));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
    },
    async clear(file) {
      await rm(where(file), { force: true });
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { SyncRow, WireCell } from '../../../shared/api/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { demoSettings } from '../../../shared/settings/index.js';
import { demoPushes } from '../../../functions/src/local/demoPushes.js';

/**
 * Valid rows of every ledger, taken from the demo year (DOMAIN.md §8), which the suite moves
 * into the units it needs. Rows of the school union and school-level activities are left out:
 * they cannot be moved into a sub-union.
 */
export interface Samples {
  headers: Record<string, string>;
  cells: Record<string, WireCell>[];
}

const BUDGET_ACCOUNTS = demoSettings.accounts
  .filter((a) => a.direction === '支出' && a.code.length === 5)
  .map((a) => a.code);

let cache: Map<LedgerKind, Samples> | null = null;

export function samplesOf(kind: LedgerKind): Samples {
  if (!cache) {
    cache = new Map();
    for (const push of demoPushes()) {
      const entry = cache.get(push.kind) ?? { headers: push.headers, cells: [] };
      for (const row of push.rows) {
        const unit = String(row.cells.unit ?? '');
        if (/^校工会|^学校工会/.test(unit)) continue;
        if (push.kind === 'activities' && row.cells.level !== '二级工会') continue;
        entry.cells.push(row.cells);
      }
      cache.set(push.kind, entry);
    }
    // The 2023 demo year has no letters (the mailbox opened in 2024): a few plain ones.
    if (!cache.get('mailbox')?.cells.length)
      cache.set('mailbox', {
        headers: { no: '编号', date: '收信日期', subject: '主题', status: '办理状态', unit: '所属工会' },
        cells: Array.from({ length: 60 }, (_, i) => ({
          no: `XX2023${String(i + 1).padStart(3, '0')}`,
          date: `2023-${String((i % 12) + 1).padStart(2, '0')}-10`,
          subject: `关于改善教职工食堂的建议${i + 1}`,
          status: '待处理',
        })),
      });
  }
  const found = cache.get(kind);
  if (!found || found.cells.length === 0) throw new Error(`no demo rows of ${kind}`);
  return found;
}

/** Sample `i` (cyclic) of a ledger as a new row of `unitName`. */
export function sampleRow(
  kind: LedgerKind,
  i: number,
  unitName: string,
  extra: Record<string, WireCell> = {},
): SyncRow {
  const { cells } = samplesOf(kind);
  // A budget line is unique per year × unit × direction × account: each sample takes its own
  // expenditure sub-account (no top-level ones, which may not mix with their own sub-accounts),
  // and moves to a later year once they are used up.
  const budget: Record<string, WireCell> =
    kind === 'budget'
      ? {
          direction: '支出',
          account: BUDGET_ACCOUNTS[i % BUDGET_ACCOUNTS.length]!,
          year: 2023 + Math.floor(i / BUDGET_ACCOUNTS.length),
        }
      : {};
  return {
    rowId: randomUUID(),
    baseRev: null,
    cells: { ...cells[i % cells.length]!, unit: unitName, ...budget, ...extra },
  };
}

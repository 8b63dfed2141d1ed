import { z } from 'zod';
import { canGetReports, canSeeBudgetExecution, readableUnit } from '../../../shared/ledgers/access.js';
import { LEDGER_KINDS, type LedgerKind } from '../../../shared/ledgers/define.js';
import { annualSummary, type AnnualSummary } from '../../../shared/summary/annual.js';
import { budgetExecution, type BudgetExecution } from '../../../shared/summary/budgetExecution.js';
import type { RowsByKind } from '../../../shared/summary/rows.js';
import { unitById } from '../../../shared/settings/index.js';
import type { StoredRow } from '../store/types.js';
import { isoDateInShanghai, type Clock } from './clock.js';
import { refuse } from './errors.js';
import { contentHash } from './hash.js';
import { liveRows, type LedgerSnapshots, type ReadOptions } from './ledgerSnapshots.js';
import { requireSettings, type Principal } from './principal.js';
import { toSummaryRow } from './rowViews.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';
import type * as Reports from './reports/annualWorkbook.js';

/**
 * The workbook code (exceljs, jszip and the sheet writers) is loaded by the first report
 * request, not with the app: it is about 40 % of the app's import time, which every cold start
 * would pay for one route (docs/benchmarks.md, cold start). Type-only above; loaded here.
 */
const loadReports = (): Promise<typeof Reports> => import('./reports/annualWorkbook.js');

/**
 * `GET /api/summary` and `GET /api/budget-execution`: the pure figures of shared/summary over
 * the stored rows. The store has no GROUP BY (embedded server), so rows are read and the
 * service aggregates — at a union's scale (thousands of rows a year) that is cheap.
 */
const yearSchema = z.coerce.number().int().min(2000).max(2100);

const summaryQuerySchema = z.object({ year: yearSchema, unit: z.string().max(40).optional() }).strict();
const executionQuerySchema = z.object({ year: yearSchema }).strict();

/**
 * How late GET /api/summary and /api/budget-execution may show another instance's writes
 * (this instance's own are in its snapshots at once): a second, for a figure nobody reads
 * faster than that — and a dashboard's reads then cost no store query each (ADR 0012).
 */
const FIGURES_MAX_AGE_MS = 1000;
/**
 * …and while a refresh runs, figures as of at most this long ago are served rather than waited
 * for (ADR 0026): a dashboard's readers never queue behind the store.
 */
const FIGURES_STALE_MS = 10_000;
const FIGURES_READ = { maxAgeMs: FIGURES_MAX_AGE_MS, staleMs: FIGURES_STALE_MS };
/** Annual summaries kept, by year, unit, day, rows and settings. */
const COMPUTED_KEPT = 32;

export class SummaryService {
  constructor(
    /** The ledgers as last read, refreshed with what changed since (one query per call). */
    private readonly snapshots: LedgerSnapshots,
    private readonly clock: Clock,
  ) {}

  /** Annual summaries computed lately, by what they were computed from; never changed once made. */
  private readonly computed = new Map<string, AnnualSummary>();

  private async rows(
    kinds: readonly LedgerKind[],
    unit?: string,
    known: Partial<Record<LedgerKind, readonly StoredRow[]>> = {},
    read: ReadOptions = {},
  ): Promise<RowsByKind> {
    const unread = kinds.filter((kind) => !known[kind]);
    const current = unread.length ? await this.snapshots.current(unread, read) : {};
    const rows: Record<string, unknown[]> = {};
    for (const kind of kinds) {
      const stored =
        known[kind] ?? liveRows((current as Record<string, ReadonlyMap<string, StoredRow>>)[kind]!);
      rows[kind] = stored
        .filter((r) => unit === undefined || r.unit === unit)
        .map((r) => toSummaryRow(kind, r));
    }
    return rows as RowsByKind;
  }

  /** Officers see their own unit's figures only; everyone else any unit or the whole organisation. */
  private scope(principal: Principal, requested: string | undefined): string | undefined {
    const readable = readableUnit(principal.actor);
    if (readable === null) return requested;
    if (requested !== undefined && requested !== readable)
      throw refuse.forbidden('分工会账号只能查看本单位的汇总');
    return readable;
  }

  async annual(principal: Principal, query: Record<string, string>): Promise<AnnualSummary> {
    const settings = requireSettings(principal);
    const q = summaryQuerySchema.safeParse(query, { error: zhErrorMap });
    if (!q.success) throw refuse.invalid('查询参数不正确（示例：?year=2023）', zodDetails(q.error));
    if (q.data.unit !== undefined && !unitById(settings, q.data.unit))
      throw refuse.badRequest(`单位“${q.data.unit}”不在单位名单中`);
    const unit = this.scope(principal, q.data.unit);
    await this.snapshots.current(LEDGER_KINDS, FIGURES_READ);
    const today = isoDateInShanghai(this.clock.now());
    // The same rows, settings, year, unit and day give the same figures: a dashboard polling
    // the summary costs one computation per change, not one per request.
    const key = JSON.stringify([
      q.data.year,
      unit ?? null,
      today,
      this.snapshots.versionOf(LEDGER_KINDS),
      // The stored settings' revision names their content; hashing them costs more than the figures.
      principal.settingsRev ?? contentHash(settings as unknown as Record<string, unknown>),
    ]);
    const cached = this.computed.get(key);
    if (cached) return cached;
    // Rows newer than the key may arrive meanwhile: versions only grow, so the key is never
    // asked for again once they have, and what is kept under it is at worst fresher.
    const rows = await this.rows(LEDGER_KINDS, undefined, {}, FIGURES_READ);
    const summary = annualSummary({ rows, settings, year: q.data.year, unit, today });
    if (this.computed.size >= COMPUTED_KEPT) this.computed.delete(this.computed.keys().next().value!);
    this.computed.set(key, summary);
    return summary;
  }

  /**
   * `GET /api/reports/annual.xlsx`: the leadership workbook of DOMAIN.md §6 — for leaders,
   * finance and admin; it holds every unit's figures, so a sub-union officer may not have it.
   */
  async annualWorkbook(
    principal: Principal,
    query: Record<string, string>,
  ): Promise<{ year: number; xlsx: Buffer }> {
    const settings = requireSettings(principal);
    if (!canGetReports(principal.actor)) throw refuse.forbidden('年度汇总工作簿仅供校领导、财务和校工会下载');
    const q = executionQuerySchema.safeParse(query, { error: zhErrorMap });
    if (!q.success) throw refuse.invalid('查询参数不正确（示例：?year=2023）', zodDetails(q.error));
    const [rows, { buildAnnualWorkbook }] = await Promise.all([this.rows(LEDGER_KINDS), loadReports()]);
    const xlsx = await buildAnnualWorkbook({
      rows,
      settings,
      year: q.data.year,
      generatedAt: this.clock.now(),
      reader: principal.actor,
    });
    return { year: q.data.year, xlsx };
  }

  async execution(principal: Principal, query: Record<string, string>): Promise<BudgetExecution> {
    const settings = requireSettings(principal);
    if (!canSeeBudgetExecution(principal.actor)) throw refuse.forbidden('当前账号不能查看预算执行');
    const q = executionQuerySchema.safeParse(query, { error: zhErrorMap });
    if (!q.success) throw refuse.invalid('查询参数不正确（示例：?year=2023）', zodDetails(q.error));
    const unit = this.scope(principal, undefined);
    return this.executionOf(settings, q.data.year, unit);
  }

  private async executionOf(
    settings: NonNullable<Principal['settings']>,
    year: number,
    unit: string | undefined,
  ): Promise<BudgetExecution> {
    return this.executionFrom(
      await this.rows(['budget', 'expenses'], unit, {}, FIGURES_READ),
      settings,
      year,
    );
  }

  private executionFrom(
    rows: RowsByKind,
    settings: NonNullable<Principal['settings']>,
    year: number,
  ): BudgetExecution {
    const budget = rows.budget ?? [];
    const expenses = rows.expenses ?? [];
    return budgetExecution({
      budget: budget.filter((r) => r.year === year),
      expenses: expenses.filter((r) => r.year === year),
      settings,
      year,
      today: isoDateInShanghai(this.clock.now()),
      previousYear: {
        budget: budget.filter((r) => r.year === year - 1),
        expenses: expenses.filter((r) => r.year === year - 1),
      },
    });
  }
}

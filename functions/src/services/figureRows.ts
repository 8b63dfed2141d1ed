import {
  summaryRowsQuerySchema,
  type StoredRowWire,
  type SummaryRowsResponse,
} from '../../../shared/api/index.js';
import { canPullRows, readableUnit } from '../../../shared/ledgers/access.js';
import { unitById } from '../../../shared/settings/index.js';
import { figureDef, sourceText } from '../../../shared/summary/catalogue.js';
import type { RowsByKind } from '../../../shared/summary/rows.js';
import type { StoredRow } from '../store/types.js';
import { refuse } from './errors.js';
import { liveRows, type LedgerSnapshots } from './ledgerSnapshots.js';
import { requireSettings, type Principal } from './principal.js';
import { toSummaryRow, toWireFor } from './rowViews.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/**
 * `GET /api/summary/rows`: the rows behind one figure (「3226人次是哪些？」). Which rows make a
 * figure is the catalogue's (shared/summary); who may read which rows and fields is the access
 * policy's (shared/ledgers/access.ts `readableUnit`) and rowViews.ts `toWireFor` — the same
 * as pull, so this route shows nobody more than pull would.
 */
export class FigureRowsService {
  constructor(private readonly snapshots: LedgerSnapshots) {}

  async rows(principal: Principal, query: Record<string, string>): Promise<SummaryRowsResponse> {
    const settings = requireSettings(principal);
    const { actor } = principal;
    // DESIGN.md's role table: the leader reads figures, not ledger rows (as pull).
    if (!canPullRows(actor)) throw refuse.forbidden('校领导账号可查看汇总，不能查看台账明细');
    const q = summaryRowsQuerySchema.safeParse(query, { error: zhErrorMap });
    if (!q.success)
      throw refuse.invalid('查询参数不正确（示例：?year=2023&key=welfare.personTimes）', zodDetails(q.error));
    const { year, key, page, size } = q.data;
    const figure = figureDef(key);
    if (!figure) throw refuse.badRequest(`没有名为“${key}”的汇总指标`);
    if (!figure.source) throw refuse.badRequest(`“${figure.label}”由其他指标组成，没有对应的台账明细`);
    if (q.data.unit !== undefined && !unitById(settings, q.data.unit))
      throw refuse.badRequest(`单位“${q.data.unit}”不在单位名单中`);
    const readable = readableUnit(actor);
    if (readable !== null && q.data.unit !== undefined && q.data.unit !== readable)
      throw refuse.forbidden('分工会账号只能查看本单位的台账明细');
    const unit = readable ?? q.data.unit;

    const { ledger } = figure.source;
    const current = await this.snapshots.current([ledger]);
    const stored = liveRows((current as Record<string, ReadonlyMap<string, StoredRow>>)[ledger]!);
    const byId = new Map(stored.map((r) => [r.rowId, r]));
    const rows = { [ledger]: stored.map((r) => toSummaryRow(ledger, r)) } as RowsByKind;
    const behind = figure.source.select({ rows, settings, year, unit });
    const slice = behind.slice((page - 1) * size, page * size);
    return {
      key,
      label: figure.label,
      measure: figure.measure,
      ledger,
      source: sourceText(figure, behind.length)!,
      year,
      unit: unit ?? null,
      total: behind.length,
      page,
      size,
      more: page * size < behind.length,
      // As pull shows them: sensitive welfare without person and 事由 for finance (access.ts rowView).
      rows: slice
        .map((r) => toWireFor(actor, settings, byId.get(r.id)!))
        .filter((r): r is StoredRowWire => r !== null),
    };
  }
}

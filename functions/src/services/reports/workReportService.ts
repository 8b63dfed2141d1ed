import { z } from 'zod';
import { LEDGER_KINDS } from '../../../../shared/ledgers/define.js';
import { readableUnit } from '../../../../shared/ledgers/access.js';
import { unitById } from '../../../../shared/settings/index.js';
import type { RowsByKind } from '../../../../shared/summary/rows.js';
import type { StoredRow } from '../../store/types.js';
import type { Clock } from '../clock.js';
import { refuse } from '../errors.js';
import { liveRows, type LedgerSnapshots } from '../ledgerSnapshots.js';
import { requireSettings, type Principal } from '../principal.js';
import { toSummaryRow } from '../rowViews.js';
import { zhErrorMap, zodDetails } from '../zodDetails.js';
import type * as Docx from './workReport.js';

/** The docx package is loaded by the first report request, not with the app (cold start). */
const loadDocx = (): Promise<typeof Docx> => import('./workReport.js');

const querySchema = z
  .object({ year: z.coerce.number().int().min(2000).max(2100), unit: z.string().max(40).optional() })
  .strict();

/**
 * `GET /api/reports/annual.docx`: the work report draft. Admin, leaders and finance get the
 * organisation's (or, with ?unit, a unit's); an officer gets their own unit's — the figures
 * they may read anyway (GET /api/summary scopes them the same way).
 */
export class WorkReportService {
  constructor(
    private readonly snapshots: LedgerSnapshots,
    private readonly clock: Clock,
  ) {}

  async draft(
    principal: Principal,
    query: Record<string, string>,
  ): Promise<{ year: number; name: string; docx: Buffer }> {
    const settings = requireSettings(principal);
    const q = querySchema.safeParse(query, { error: zhErrorMap });
    if (!q.success) throw refuse.invalid('查询参数不正确（示例：?year=2023）', zodDetails(q.error));
    if (q.data.unit !== undefined && !unitById(settings, q.data.unit))
      throw refuse.badRequest(`单位“${q.data.unit}”不在单位名单中`);
    const readable = readableUnit(principal.actor);
    if (readable !== null && q.data.unit !== undefined && q.data.unit !== readable)
      throw refuse.forbidden('分工会账号只能下载本单位的工作报告起草稿');
    const unit = readable ?? q.data.unit;
    const [current, { buildWorkReport }] = await Promise.all([
      this.snapshots.current(LEDGER_KINDS),
      loadDocx(),
    ]);
    const rows: Record<string, unknown[]> = {};
    for (const kind of LEDGER_KINDS)
      rows[kind] = liveRows((current as Record<string, ReadonlyMap<string, StoredRow>>)[kind]!).map((r) =>
        toSummaryRow(kind, r),
      );
    const docx = await buildWorkReport({
      rows: rows as RowsByKind,
      settings,
      year: q.data.year,
      unit,
      generatedAt: this.clock.now(),
    });
    const scope = unit ? (unitById(settings, unit)?.name ?? unit) : '';
    return { year: q.data.year, name: `${scope}${q.data.year}年工作报告（起草稿）.docx`, docx };
  }
}

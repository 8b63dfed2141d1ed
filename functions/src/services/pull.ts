import { pullQuerySchema, type PullResponse, type StoredRowWire } from '../../../shared/api/index.js';
import { canPullRows, readableUnit } from '../../../shared/ledgers/access.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { Store } from '../store/types.js';
import { decodeToken, encodeToken, nextToken } from './changeToken.js';
import type { Clock } from './clock.js';
import { refuse } from './errors.js';
import type { Principal } from './principal.js';
import { toWireFor } from './rowViews.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/**
 * Pull (DESIGN.md data flow 8): rows and tombstones of one ledger changed since a change
 * token, in seq order, paged, limited to what the caller may read (officers: their own unit).
 */
const querySchema = pullQuerySchema.extend({}).strict();

export class PullService {
  constructor(
    private readonly store: Store,
    private readonly orgId: string,
    private readonly clock: Clock,
  ) {}

  async pull(principal: Principal, kind: LedgerKind, query: Record<string, string>): Promise<PullResponse> {
    // DESIGN.md's role table: the leader reads summaries and summary workbooks, not ledger rows.
    if (!canPullRows(principal.actor)) throw refuse.forbidden('校领导账号可查看汇总，不能拉取台账明细');
    const q = querySchema.safeParse(query, { error: zhErrorMap });
    if (!q.success) throw refuse.invalid('查询参数不正确', zodDetails(q.error));
    const token = decodeToken(q.data.since);
    const startedAt = token.n ?? Math.floor(this.clock.now().getTime() / 1000);
    const rows = await this.store.rows.changes(this.orgId, kind, {
      afterSeq: token.s,
      committedSince: token.t,
      cursor: token.c,
      unit: readableUnit(principal.actor),
      limit: q.data.limit,
    });
    const full = rows.length === q.data.limit;
    const next = nextToken(
      token,
      startedAt,
      rows.map((r) => r.seq),
      full,
    );
    // Rows the caller may not see (a sensitive welfare row for the leader) are left out; the
    // token still moves past them.
    const shown = rows
      .map((r) => toWireFor(principal.actor, principal.settings, r))
      .filter((r): r is StoredRowWire => r !== null);
    return { rows: shown, next: encodeToken(next), more: full };
  }
}

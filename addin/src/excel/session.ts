import { RequestBudget } from './payload.js';

export interface WriteStats {
  syncs: number;
  /** Syncs forced by the request size limit. */
  chunks: number;
}

/**
 * Sends what is queued, so that the loads queued so far are answered, as if this request were
 * the last: events are switched on in it (the next request, if any, switches them off again).
 * Nothing queued: no sync.
 */
export type Settle = () => Promise<void>;

/**
 * Runs the queuing function of a write with Excel's background work held off, following
 * docs/excel/performance.md: events off for the whole write (`runtime.enableEvents`, which
 * stays off across the chunks of a large write), screen updating suspended, and calculation
 * suspended in every request (suspendApiCalculationUntilNextSync lasts one sync). Events are
 * switched back on inside the last request; if a sync fails, one more sync switches them on
 * before the error goes on. Nothing queued: no sync at all.
 *
 * A write that must read before it can queue the rest (OfficeSheet.write: which cells wear our
 * fill, where the notes are) queues those loads with its first writes and calls `settle` only
 * when no chunk has answered them yet: the reads cost a sync of their own only when the write
 * would otherwise fit in one request.
 */
export async function writeSession(
  ctx: Excel.RequestContext,
  queue: (budget: RequestBudget, settle: Settle) => Promise<void>,
): Promise<WriteStats> {
  let eventsOff = false;
  const budget = new RequestBudget(ctx, () => {
    if (!eventsOff) {
      ctx.runtime.enableEvents = false;
      ctx.application.suspendScreenUpdatingUntilNextSync();
      eventsOff = true;
    }
    ctx.application.suspendApiCalculationUntilNextSync();
  });
  const settle: Settle = async () => {
    if (!budget.open) return;
    ctx.runtime.enableEvents = true;
    await budget.flush();
    eventsOff = false;
  };
  try {
    await queue(budget, settle);
    await settle();
    return { syncs: budget.syncs, chunks: budget.chunks };
  } catch (e) {
    if (eventsOff) {
      ctx.runtime.enableEvents = true;
      try {
        await ctx.sync();
      } catch {
        // The first error is the one to report.
      }
    }
    throw e;
  }
}

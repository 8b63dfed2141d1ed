import { RequestBudget } from './payload.js';

export interface WriteStats {
  syncs: number;
  /** Syncs forced by the request size limit. */
  chunks: number;
}

/**
 * Runs the queuing function of a write with Excel's background work held off, following
 * docs/excel/performance.md: events off for the whole write (`runtime.enableEvents`, which
 * stays off across the chunks of a large write), screen updating suspended, and calculation
 * suspended in every request (suspendApiCalculationUntilNextSync lasts one sync). Events are
 * switched back on inside the last request; if a sync fails, one more sync switches them on
 * before the error goes on. Nothing queued: no sync at all.
 */
export async function writeSession(
  ctx: Excel.RequestContext,
  queue: (budget: RequestBudget) => Promise<void>,
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
  try {
    await queue(budget);
    if (!budget.open) return { syncs: budget.syncs, chunks: budget.chunks };
    ctx.runtime.enableEvents = true;
    await budget.flush();
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

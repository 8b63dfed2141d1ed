import { z } from 'zod';
import { refuse } from './errors.js';

/**
 * The change token of a pull (DESIGN.md "Change tokens"), opaque to clients. Every accepted
 * write carries a per-ledger `seq`; but a lower seq can commit after a higher one (writers
 * reserve numbers before their bulk write lands), so "seq above the last one seen" alone could
 * miss a slow writer's row. A pull therefore also re-reads what was committed (`_ts`, set by
 * Cosmos at commit) since shortly before the previous pull began: the overlap. Clients skip rows
 * whose revision they already hold.
 *
 * - `s`: every row with seq ≤ s was seen by an earlier pull, unless committed in the overlap;
 * - `t`: the overlap window start, epoch seconds (server commit time), 0 = none;
 * - `c`: the paging cursor inside one pull (seq of the last row returned), 0 on a new pull;
 * - `h`: the highest seq seen so far in this pull;
 * - `n`: when this pull began (epoch seconds), which becomes the next window.
 */
export const tokenSchema = z
  .object({
    v: z.literal(1),
    s: z.number().int().nonnegative(),
    t: z.number().int().nonnegative(),
    c: z.number().int().nonnegative(),
    h: z.number().int().nonnegative(),
    n: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type ChangeToken = z.infer<typeof tokenSchema>;

/**
 * How far before the previous pull's start the next one re-reads. It must cover the clock
 * difference between the Functions host and Cosmos and the replication lag of session reads;
 * a write's own duration does not matter, since `_ts` is its commit time.
 */
export const OVERLAP_SECONDS = 30;

export const FIRST_PULL: ChangeToken = { v: 1, s: 0, t: 0, c: 0, h: 0, n: null };

export function encodeToken(token: ChangeToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeToken(text: string | undefined): ChangeToken {
  if (!text) return FIRST_PULL;
  try {
    return tokenSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw refuse.badRequest('同步标记（since）无效，请不带 since 重新拉取全部数据', { reason: 'bad_token' });
  }
}

/** The token after a page: the same pull continues, or (last page) the next pull starts. */
export function nextToken(
  token: ChangeToken,
  startedAt: number,
  pageSeqs: number[],
  full: boolean,
): ChangeToken {
  const h = Math.max(token.h, ...pageSeqs);
  if (full) return { ...token, c: Math.max(token.c, ...pageSeqs), h, n: startedAt };
  return { v: 1, s: Math.max(token.s, h), t: Math.max(0, startedAt - OVERLAP_SECONDS), c: 0, h: 0, n: null };
}

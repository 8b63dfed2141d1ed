import { AsyncLocalStorage } from 'node:async_hooks';
import { retryAfterOf, statusOf, StoreThrottledError, StoreUnavailableError } from './errors.js';

/**
 * Our own bounded retry on 429, on top of the SDK's: the SDK already waits out a few 429s,
 * but a function must not hang for its 30 s default, and bulk operations report 429 per
 * operation. After `attempts` tries the caller gets StoreThrottledError, which the HTTP layer
 * answers with 429 and Retry-After.
 */
export interface ThrottlePolicy {
  attempts: number;
  /** Never wait longer than this between two tries, whatever the server asks. */
  maxWaitMs: number;
  /** Used when a 429 carries no retry-after. */
  defaultWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { attempts: 4, maxWaitMs: 5_000, defaultWaitMs: 500 };

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A bulkhead: at most this many store requests of this process in flight; the others wait
 * their turn here. Without it a burst (20 users at once, each summary 15 queries, each push a
 * 500-row bulk write and its audit) queued so much at the store that requests at the back ran
 * into the SDK's 30 s request timeout — a 503 under load instead of a slower answer
 * (test/reliability/load.test.ts). Waiting here does not count against that timeout. Eight
 * requests of ~10 ms each still carry hundreds per second against a real account. A request
 * made while holding a turn (a store call inside another) does not wait again.
 */
export const MAX_STORE_REQUESTS_IN_FLIGHT = 8;
let inFlight = 0;
const queue: (() => void)[] = [];
const holdingTurn = new AsyncLocalStorage<true>();

async function inTurn<T>(op: () => Promise<T>): Promise<T> {
  if (holdingTurn.getStore()) return op();
  if (inFlight >= MAX_STORE_REQUESTS_IN_FLIGHT) await new Promise<void>((resolve) => queue.push(resolve));
  else inFlight++;
  try {
    return await holdingTurn.run(true, op);
  } finally {
    // Hand the turn on (inFlight stays as it is) or give it back.
    const next = queue.shift();
    if (next) next();
    else inFlight--;
  }
}

export async function withThrottleRetry<T>(
  op: () => Promise<T>,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTurn(op);
    } catch (e) {
      const status = statusOf(e);
      if (status !== 429) throw unavailableIfServerError(e);
      const wait = retryAfterOf(e, policy.defaultWaitMs);
      if (attempt >= policy.attempts) throw new StoreThrottledError(Math.max(wait, policy.defaultWaitMs));
      await sleep(Math.min(wait, policy.maxWaitMs));
    }
  }
}

/** 5xx and network failures become StoreUnavailableError; anything else stays as it was. */
export function unavailableIfServerError(e: unknown): unknown {
  const status = statusOf(e);
  if (status !== undefined && status < 500) return e;
  if (status === undefined && !isNetworkError(e)) return e;
  return new StoreUnavailableError(`存储服务暂不可用（${e instanceof Error ? e.message : String(e)}）`, {
    cause: e,
  });
}

function isNetworkError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  // TimeoutError: the SDK gave up waiting (requestTimeout) on a store that accepted the request
  // and never answered — an outage like the others, not a fault of ours (it was a bare 500).
  return (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EPIPE|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|TimeoutError|REQUEST_SEND_ERROR)$/.test(
      code,
    )
  );
}

/**
 * For idempotent requests only (queries, point reads, upserts of a fixed id): a few quick
 * tries more when the store answered with a server error (5xx), so that one failed request does
 * not fail a whole push. Network failures (a reset, a timeout) are tried again only for writes
 * (`network: true`): the SDK retries reads on them itself (about ten seconds), and multiplying
 * that would keep a caller waiting through an outage; it never retries writes. Writes that are
 * not idempotent never come here.
 */
export async function withTransientRetry<T>(
  op: () => Promise<T>,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
  opts: { attempts?: number; network?: boolean } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 3;
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withThrottleRetry(op, policy);
    } catch (e) {
      const status = statusOf((e as { cause?: unknown }).cause);
      const again = e instanceof StoreUnavailableError && (status !== undefined || opts.network === true);
      if (!again || attempt >= attempts) throw e;
      await sleep(100 * attempt);
    }
  }
}

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

export async function withThrottleRetry<T>(
  op: () => Promise<T>,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
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
  return (
    typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|EAI_AGAIN)$/.test(code)
  );
}

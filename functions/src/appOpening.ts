import { StoreUnavailableError } from './store/errors.js';

/**
 * Opening the app (and with it the store) on a worker. A failed open is not kept: a Cosmos 429
 * or a role assignment still propagating at cold start would otherwise answer 503 until the
 * instance recycles. After a failure, requests are answered 503 at once for a pause that
 * doubles while opens keep failing (from `firstDelayMs` up to `maxDelayMs`), then the next
 * request tries again; one success is kept for the life of the worker.
 */
export interface OpeningPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  now?: () => number;
}

export const DEFAULT_OPENING: OpeningPolicy = { firstDelayMs: 1000, maxDelayMs: 60_000 };

export function openWithRetry<T>(
  open: () => Promise<T>,
  policy: OpeningPolicy = DEFAULT_OPENING,
  onFailure: (e: unknown, retryInMs: number) => void = () => {},
): () => Promise<T> {
  const now = policy.now ?? Date.now;
  let opening: Promise<T> | null = null;
  let failures = 0;
  let retryAt = 0;
  let lastError: unknown = null;
  const attempt = (): Promise<T> => {
    const p = open().then(
      (app) => {
        failures = 0;
        return app;
      },
      (e: unknown) => {
        failures++;
        const pause = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (failures - 1));
        retryAt = now() + pause;
        lastError = e;
        // Only this attempt failed: the next request after the pause opens again.
        if (opening === p) opening = null;
        onFailure(e, pause);
        throw unavailable(e);
      },
    );
    return p;
  };
  return () => {
    if (opening) return opening;
    if (failures > 0 && now() < retryAt) return Promise.reject(unavailable(lastError));
    opening = attempt();
    // A rejected attempt is answered to its own callers; nothing else waits on it.
    opening.catch(() => {});
    return opening;
  };
}

function unavailable(cause: unknown): Error {
  return cause instanceof StoreUnavailableError
    ? cause
    : new StoreUnavailableError('the app could not be opened', { cause });
}

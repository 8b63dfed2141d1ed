/**
 * Failures of the store that callers act on, free of Cosmos types so that services and the
 * HTTP layer can handle them without importing the SDK.
 */

/** The store kept answering 429 after our retries: the caller should come back later. */
export class StoreThrottledError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`store throttled; retry after ${retryAfterMs} ms`);
    this.name = 'StoreThrottledError';
  }
}

/** The store could not be reached or answered with a server error. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** An optimistic-concurrency precondition failed (412) where the caller asked for one. */
export class StorePreconditionError extends Error {
  constructor() {
    super('precondition failed');
    this.name = 'StorePreconditionError';
  }
}

/** The numeric status of an SDK error (`code` is a number for HTTP statuses), or undefined. */
export function statusOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code =
    (e as { code?: unknown; statusCode?: unknown }).code ?? (e as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** The retry-after an SDK error carries, in ms. */
export function retryAfterOf(e: unknown, fallbackMs: number): number {
  if (typeof e !== 'object' || e === null) return fallbackMs;
  const ms = (e as { retryAfterInMs?: unknown }).retryAfterInMs;
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) return ms;
  const header = (e as { headers?: Record<string, unknown> }).headers?.['x-ms-retry-after-ms'];
  const parsed = Number(header);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallbackMs;
}

/**
 * Failures of the store that callers act on, free of Cosmos types: the store throws them, the
 * services and the HTTP layer handle them — without the HTTP layer importing the store
 * (eslint.config.js, ADR 0024).
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

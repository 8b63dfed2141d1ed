/**
 * Failures of the store that callers act on, free of Cosmos types so that services and the
 * HTTP layer can handle them without importing the SDK.
 */

export { StorePreconditionError, StoreThrottledError, StoreUnavailableError } from '../failures.js';

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

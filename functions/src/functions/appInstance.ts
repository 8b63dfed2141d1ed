import { openWithRetry } from '../appOpening.js';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * The one App of an Azure Functions worker. The configuration is parsed when the host loads
 * the functions, so a missing setting stops the start with a message naming it; the store
 * (containers created if absent) opens right after, and requests wait for it. A failed open is
 * retried with backoff (appOpening.ts); requests meanwhile answer 503.
 */
const config = loadConfig();
const instance = openWithRetry(
  () => createApp(config),
  undefined,
  (e, retryInMs) =>
    console.error(`[union-ledger] the store could not be opened; trying again in ${retryInMs} ms`, e),
);
// Start opening as the worker loads, not with the first request.
void instance().catch(() => {});

export function appInstance(): Promise<App> {
  return instance();
}

import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * The one App of an Azure Functions worker. The configuration is parsed when the host loads
 * the functions, so a missing setting stops the start with a message naming it; the store
 * (containers created if absent) opens right after, and requests wait for it.
 */
const config = loadConfig();
const opening: Promise<App> = createApp(config);
// A failed open is answered per request (503 via dispatch); keep it from crashing the worker.
opening.catch((e: unknown) => console.error('[union-ledger] the store could not be opened', e));

export function appInstance(): Promise<App> {
  return opening;
}

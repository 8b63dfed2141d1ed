import { CosmosAuditStore } from './audit.js';
import { openCosmos, type CosmosConfig } from './cosmos.js';
import { CosmosRowsStore } from './rows.js';
import { CosmosSettingsStore } from './settings.js';
import { withThrottleRetry, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle.js';
import type { Store } from './types.js';

export * from './errors.js';
export type * from './types.js';
export type { CosmosConfig } from './cosmos.js';
export type { ThrottlePolicy } from './throttle.js';

/** Open the store: the embedded server when no endpoint is configured, containers created at start. */
export async function openStore(
  config: CosmosConfig,
  throttle: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<Store> {
  const cosmos = await openCosmos(config);
  return {
    rows: new CosmosRowsStore(cosmos.rows, throttle),
    audit: new CosmosAuditStore(cosmos.audit, throttle),
    settings: new CosmosSettingsStore(cosmos.settings, throttle),
    description: cosmos.embedded
      ? `embedded (in memory) at ${cosmos.embedded.endpoint}`
      : `Cosmos DB at ${config.endpoint}`,
    async ping() {
      await withThrottleRetry(() => cosmos.database.read(), throttle);
    },
    close: () => cosmos.close(),
  };
}

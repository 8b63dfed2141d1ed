import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embedded.js';

/**
 * The Cosmos client and the containers of DESIGN.md, created at start with explicit partition
 * keys: `rows` (/pk = `{orgId}|{kind}`), `audit` (/orgId), `settings` (/orgId).
 */
export interface CosmosConfig {
  /** Both set: a real account or the emulator. Both unset: the embedded server. */
  endpoint?: string | undefined;
  key?: string | undefined;
  database: string;
  /** Port for the embedded server; 0 = any free one. */
  embeddedPort?: number;
}

export interface CosmosHandles {
  client: CosmosClient;
  database: Database;
  rows: Container;
  audit: Container;
  settings: Container;
  embedded: EmbeddedCosmos | null;
  close(): Promise<void>;
}

export const CONTAINERS = {
  rows: '/pk',
  audit: '/orgId',
  settings: '/orgId',
} as const;

export function cosmosClient(endpoint: string, key: string): CosmosClient {
  return new CosmosClient({
    endpoint,
    key,
    connectionPolicy: {
      // The embedded server has no regional endpoints to discover; a real account works either way.
      enableEndpointDiscovery: false,
      // Bounded so that a throttled function answers 429 instead of hanging (see throttle.ts).
      retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 10 },
      requestTimeout: 30_000,
    },
  });
}

export async function openCosmos(config: CosmosConfig): Promise<CosmosHandles> {
  const embedded =
    config.endpoint && config.key ? null : await startEmbeddedCosmos({ port: config.embeddedPort ?? 0 });
  const endpoint = embedded?.endpoint ?? config.endpoint!;
  const key = embedded?.key ?? config.key!;
  const client = cosmosClient(endpoint, key);
  try {
    const { database } = await client.databases.createIfNotExists({ id: config.database });
    const open = async (id: keyof typeof CONTAINERS): Promise<Container> =>
      (await database.containers.createIfNotExists({ id, partitionKey: { paths: [CONTAINERS[id]] } }))
        .container;
    const [rows, audit, settings] = await Promise.all([open('rows'), open('audit'), open('settings')]);
    return {
      client,
      database,
      rows,
      audit,
      settings,
      embedded,
      async close() {
        client.dispose();
        await embedded?.close();
      },
    };
  } catch (e) {
    client.dispose();
    await embedded?.close();
    throw e;
  }
}

import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embedded.js';

/**
 * The Cosmos client and the containers of DESIGN.md, created at start with explicit partition
 * keys: `rows` (/pk = `{orgId}|{kind}`), `audit` (/orgId), `settings` (/orgId).
 */
export interface CosmosConfig {
  /**
   * Endpoint and key: the emulator or an account with keys. Endpoint alone: a real account
   * reached with the app's managed identity (DefaultAzureCredential, data-plane RBAC), where
   * the deployment template has created the database and containers. Neither: the embedded server.
   */
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

/** How the client proves itself: an account key (emulator, embedded server) or an Entra credential. */
export type CosmosAuth = { key: string } | { credential: TokenCredential };

export function cosmosClient(endpoint: string, auth: CosmosAuth): CosmosClient {
  return new CosmosClient({
    endpoint,
    ...('key' in auth ? { key: auth.key } : { aadCredentials: auth.credential }),
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
  const embedded = config.endpoint ? null : await startEmbeddedCosmos({ port: config.embeddedPort ?? 0 });
  const endpoint = embedded?.endpoint ?? config.endpoint!;
  const key = embedded?.key ?? config.key;
  // Data-plane RBAC cannot create databases or containers: with an identity they must exist.
  const managedIdentity = key === undefined;
  // @azure/identity is loaded only where it is used (a managed identity): it costs a fifth of the
  // app's import time, which every cold start with a key would pay for nothing.
  const client = cosmosClient(
    endpoint,
    key !== undefined
      ? { key }
      : { credential: new (await import('@azure/identity')).DefaultAzureCredential() },
  );
  try {
    const database = managedIdentity
      ? client.database(config.database)
      : (await client.databases.createIfNotExists({ id: config.database })).database;
    const open = async (id: keyof typeof CONTAINERS): Promise<Container> => {
      if (!managedIdentity)
        return (
          await database.containers.createIfNotExists({ id, partitionKey: { paths: [CONTAINERS[id]] } })
        ).container;
      const container = database.container(id);
      await container.read();
      return container;
    };
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

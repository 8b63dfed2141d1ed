import { createRequire } from 'node:module';
import type * as Cosmos from '@azure/cosmos';
import type { Container, CosmosClient, Database } from '@azure/cosmos';
import type * as Identity from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embedded.js';

/**
 * The Azure SDK is loaded through its CommonJS build (the packages ship both, with the same
 * API): Node 20 loads the ~450 modules of @azure/cosmos and its @azure/core-* dependencies
 * faster through `require` than through the ESM loader — about 45 ms of every cold start
 * (docs/benchmarks.md). @azure/identity goes the same way so that both share one copy of the
 * core packages. Only values come from here; nothing in the app tests SDK classes with
 * `instanceof` (store/errors.ts reads status codes).
 */
const requireSdk = createRequire(import.meta.url);
const { CosmosClient: Client } = requireSdk('@azure/cosmos') as typeof Cosmos;

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
  return new Client({
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
      : { credential: new (requireSdk('@azure/identity') as typeof Identity).DefaultAzureCredential() },
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

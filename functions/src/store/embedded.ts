import type { AddressInfo } from 'node:net';

/**
 * The embedded Cosmos DB (DESIGN.md "Storage"): @vercel/cosmosdb-server in this process, on a
 * loopback port, over http. It keeps everything in memory: whoever starts it says so.
 */
export interface EmbeddedCosmos {
  endpoint: string;
  /** The server ignores the key, but the SDK needs one to sign requests. */
  key: string;
  close(): Promise<void>;
}

export async function startEmbeddedCosmos(opts: { port?: number } = {}): Promise<EmbeddedCosmos> {
  // Loaded here, not at the top: the server (and the Babel it parses queries with) is a third
  // of the app's import time, and a deployed app never starts it (docs/benchmarks.md, cold start).
  const { makeEmbeddedQueriesLinear, honourMinimalWriteResponses } = await import('./embeddedQueries.js');
  // Before the server's route table is built: it keeps the handler it finds then.
  honourMinimalWriteResponses();
  const { createHttpServer } = await import('@vercel/cosmosdb-server');
  makeEmbeddedQueriesLinear();
  const server = createHttpServer({ keepAlive: true });
  // The SDK keeps its sockets open for reuse; Node's server closes a socket idle for 5 s
  // (keepAliveTimeout), and a request sent on one just as it closes fails with "socket hang
  // up" — a write that may or may not have happened (seen under concurrent pushes, issue 8).
  // The client is this process's own SDK: let idle sockets stay until the server closes.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: 'embedded-cosmos-key-unused',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

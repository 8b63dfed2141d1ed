import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

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
  const server = createHttpServer({ keepAlive: true });
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

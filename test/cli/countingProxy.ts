import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of the local stack that records every request, and for pushes the rows they
 * carry: the tests count what travels. `failAfter` makes it drop the connection of every sync
 * request after that many, as a network that goes away midway.
 */
export interface SyncRequestRecord {
  kind: string;
  rowIds: string[];
  deletes: string[];
}

export interface CountingProxy {
  url: string;
  requests: { method: string; path: string }[];
  syncs: SyncRequestRecord[];
  /** Rows carried by sync requests since the last reset. */
  rows(): number;
  reset(): void;
  failAfter: number | null;
  close(): Promise<void>;
}

export async function countingProxy(target: string): Promise<CountingProxy> {
  const base = target.replace(/\/api\/?$/, '');
  const proxy: CountingProxy = {
    url: '',
    requests: [],
    syncs: [],
    failAfter: null,
    rows: () => proxy.syncs.reduce((n, s) => n + s.rowIds.length, 0),
    reset() {
      proxy.requests = [];
      proxy.syncs = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const sync = /\/ledgers\/([a-z]+)\/sync$/.exec(path);
        if (sync && proxy.failAfter !== null && proxy.syncs.length >= proxy.failAfter) {
          req.socket.destroy();
          return;
        }
        proxy.requests.push({ method: req.method ?? 'GET', path });
        if (sync) {
          const rows = (JSON.parse(body.toString('utf8')) as { rows: { rowId: string; delete?: boolean }[] })
            .rows;
          proxy.syncs.push({
            kind: sync[1]!,
            rowIds: rows.map((r) => r.rowId),
            deletes: rows.filter((r) => r.delete).map((r) => r.rowId),
          });
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
        const response = await fetch(`${base}${path}`, {
          method: req.method ?? 'GET',
          headers,
          ...(body.length ? { body } : {}),
        });
        const out = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? 'application/json',
          ...(response.headers.get('retry-after')
            ? { 'retry-after': response.headers.get('retry-after')! }
            : {}),
        });
        res.end(out);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return proxy;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between the store's Cosmos client and the embedded Cosmos server that injects
 * the faults a real account and network produce:
 * - `429`: "request rate is large", with `x-ms-retry-after-ms`, never forwarded;
 * - `503`: service unavailable, never forwarded;
 * - `timeout`: the request hangs, then the connection is cut, never forwarded;
 * - `drop`: the connection is cut at once, never forwarded;
 * - `lost`: forwarded and applied, then the connection is cut before the answer (the case
 *   that tempts a store into reporting a failure for a write that happened).
 * The store reaches it by pointing COSMOS_ENDPOINT (here: openStore's endpoint) at it.
 */
export type Fault = '429' | '503' | 'timeout' | 'drop' | 'lost';
export const FAULTS: readonly Fault[] = ['429', '503', 'timeout', 'drop', 'lost'];

export interface ProxiedRequest {
  method: string;
  path: string;
  /** True for a bulk/batch call (several row writes in one request). */
  batch: boolean;
  /** True for a query (a POST that reads). */
  query: boolean;
}

export interface FaultProxy {
  url: string;
  /** Requests seen and faults injected, by kind. */
  stats: { requests: number; injected: Record<Fault, number> };
  /** Decides per request; null forwards it untouched. Swap at any time. */
  decide: (req: ProxiedRequest) => Fault | null;
  close(): Promise<void>;
}

export async function startFaultProxy(
  target: string,
  opts: { timeoutMs?: number; retryAfterMs?: number } = {},
) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const proxy: FaultProxy = {
    url: '',
    stats: { requests: 0, injected: { '429': 0, '503': 0, timeout: 0, drop: 0, lost: 0 } },
    decide: () => null,
    close: async () => {},
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      proxy.stats.requests++;
      const info: ProxiedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        batch: String(req.headers['x-ms-cosmos-is-batch-request']).toLowerCase() === 'true',
        query: String(req.headers['content-type']).includes('query+json'),
      };
      const fault = proxy.decide(info);
      if (fault) proxy.stats.injected[fault]++;
      const body = Buffer.concat(chunks);
      switch (fault) {
        case '429':
          return reply(
            res,
            429,
            { 'x-ms-retry-after-ms': String(opts.retryAfterMs ?? 40), 'x-ms-substatus': '3200' },
            {
              code: 'TooManyRequests',
              message: 'Request rate is large. More Request Units may be needed, so no changes were made.',
            },
          );
        case '503':
          return reply(
            res,
            503,
            {},
            { code: 'ServiceUnavailable', message: 'Service is currently unavailable.' },
          );
        case 'timeout': {
          const t = setTimeout(() => {
            timers.delete(t);
            req.socket.destroy();
          }, opts.timeoutMs ?? 1500);
          timers.add(t);
          return;
        }
        case 'drop':
          req.socket.destroy();
          return;
        default:
          forward(req, body, res, fault === 'lost');
      }
    });
  });

  function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, lose: boolean): void {
    const out = http.request(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
      },
      (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          if (lose) {
            // Applied upstream; the caller never hears of it.
            req.socket.destroy();
            return;
          }
          const headers = { ...up.headers };
          delete headers['transfer-encoding'];
          const payload = Buffer.concat(parts);
          res.writeHead(up.statusCode ?? 502, { ...headers, 'content-length': String(payload.length) });
          res.end(payload);
        });
      },
    );
    out.on('error', () => req.socket.destroy());
    out.end(body);
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

function reply(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-ms-activity-id': '00000000-0000-0000-0000-000000000000',
    ...headers,
  });
  res.end(text);
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_CODES } from '../../../shared/api/index.js';
import type { App } from '../app.js';
import { dispatch } from '../http/dispatch.js';
import { errorResponse } from '../http/errors.js';
import { matchRoute, routes } from '../http/routes.js';
import { fileHeaders, type ApiResponse, type Logger, type RequestBody, type Route } from '../http/types.js';

/**
 * The local host (DESIGN.md layout): the same route table as the Azure functions, on node:http
 * under /api. Bodies are read with the limit enforced while streaming, so an oversize upload is
 * refused without being buffered.
 */
export interface LocalHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface LocalHostOptions {
  port?: number;
  host?: string;
  log?: Logger;
  /** Origins allowed to call from a browser: the task pane's dev server. In Azure, CORS is the Function App's setting. */
  corsOrigins?: readonly string[];
}

export const DEFAULT_CORS_ORIGINS = ['https://localhost:3000'];

const consoleLog: Logger = { error: (message, error) => console.error(`[union-ledger] ${message}`, error) };

export async function startLocalHost(app: App, opts: LocalHostOptions = {}): Promise<LocalHost> {
  const log = opts.log ?? consoleLog;
  const origins = opts.corsOrigins ?? DEFAULT_CORS_ORIGINS;
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      req.resume();
      return;
    }
    const body = lazyBody(req);
    handle(app, req, body, log)
      .then((response) => {
        leaveUnreadBody(req, res, body.wasRead);
        send(res, response);
      })
      .catch((e) => {
        log.error('local host failure', e);
        send(res, errorResponse(ERROR_CODES.internal, '服务器内部错误'));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 7071, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/api`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  app: App,
  req: http.IncomingMessage,
  body: RequestBody,
  log: Logger,
): Promise<ApiResponse> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/'))
    return drain(req, errorResponse(ERROR_CODES.notFound, '地址不存在（接口均在 /api 下）'));
  const path = url.pathname.slice('/api/'.length);
  let matched: { route: Route; params: Record<string, string> } | null = null;
  let pathKnown = false;
  for (const route of routes) {
    const params = matchRoute(route.route, path);
    if (!params) continue;
    pathKnown = true;
    if (route.method === req.method) {
      matched = { route, params };
      break;
    }
  }
  if (!matched)
    return drain(
      req,
      pathKnown
        ? { ...errorResponse(ERROR_CODES.badRequest, `该地址不支持 ${req.method} 请求`), status: 405 }
        : errorResponse(ERROR_CODES.notFound, '地址不存在'),
    );
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  return dispatch(
    matched.route,
    {
      method: req.method ?? 'GET',
      params: matched.params,
      query,
      header: (name) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
      },
      body,
    },
    async () => app,
    log,
  );
}

/** The request's body, read when dispatch asks (after authentication), with its limit. */
function lazyBody(req: http.IncomingMessage): RequestBody & { wasRead: boolean } {
  const declared = Number(req.headers['content-length']);
  const body = {
    declaredLength:
      req.headers['content-length'] !== undefined && Number.isFinite(declared) ? declared : null,
    wasRead: false,
    read: (limit: number) => {
      body.wasRead = true;
      return readBody(req, limit);
    },
  };
  return body;
}

/** Unread bodies up to this size are let through after the answer, keeping the connection. */
const DRAIN_UP_TO = 64 * 1024;

/**
 * A body the answer did not need (no valid token, a refusal before reading): a small one flows
 * away; a large or unsized one is not read at all — the connection closes after the answer.
 */
function leaveUnreadBody(req: http.IncomingMessage, res: http.ServerResponse, read: boolean): void {
  if (read || req.complete) return;
  const declared = Number(req.headers['content-length']);
  const sized = req.headers['transfer-encoding'] === undefined && Number.isFinite(declared);
  if (sized && declared <= DRAIN_UP_TO) {
    req.resume();
    return;
  }
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.socket.end());
}

/** The body, or 'too large' as soon as it passes the limit (declared or streamed). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null | 'too large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(drain(req, 'too large' as const));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        resolve('too large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(size === 0 ? null : Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Let an unread body flow away so the client sees our answer rather than a reset connection. */
function drain<T>(req: http.IncomingMessage, value: T): T {
  req.resume();
  return value;
}

function send(res: http.ServerResponse, response: ApiResponse): void {
  if (response.file) {
    res.writeHead(response.status, {
      ...fileHeaders(response.file),
      'Content-Length': response.file.body.length,
      ...response.headers,
    });
    res.end(response.file.body);
    return;
  }
  const body = response.json === undefined ? '' : JSON.stringify(response.json);
  res.writeHead(response.status, {
    ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'Content-Length': Buffer.byteLength(body),
    ...response.headers,
  });
  res.end(body);
}

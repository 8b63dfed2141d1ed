import type { App } from '../app.js';
import type { Principal } from '../services/principal.js';

/**
 * A request and response as both hosts see them: the Azure Functions adapter and the local
 * node:http host translate to and from these, so the route table is the only place routes live.
 */
export interface ApiRequest {
  method: string;
  /** Path parameters of the route (`{kind}`), already decoded. */
  params: Record<string, string>;
  query: Record<string, string>;
  header(name: string): string | null;
  /** The body, read only once the caller is known (dispatch). */
  body: RequestBody;
}

/**
 * A request body not yet read: dispatch authenticates from the headers first, then reads it
 * with the limit of the caller's role — a caller without a valid token costs no more than the
 * headers, whatever it sends.
 */
export interface RequestBody {
  /** The Content-Length the client declared, or null. */
  declaredLength: number | null;
  /** The bytes (null when empty), or 'too large' as soon as they pass `limit`. */
  read(limit: number): Promise<Buffer | null | 'too large'>;
}

/** A body already in memory (the Azure host buffers it before the worker sees the request). */
export function bufferedBody(
  buf: Buffer | null,
  declaredLength: number | null = buf?.length ?? null,
): RequestBody {
  return {
    declaredLength,
    read: async (limit) => (buf && buf.length > limit ? 'too large' : buf && buf.length ? buf : null),
  };
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  json?: unknown;
  /** A download instead of JSON (the annual workbook). */
  file?: FileBody;
}

export interface FileBody {
  body: Buffer;
  contentType: string;
  /** Shown in the browser's save dialog; may be Chinese (sent as RFC 5987 `filename*`). */
  filename: string;
}

/** The headers of a download, the same in both hosts. */
export function fileHeaders(file: FileBody): Record<string, string> {
  return {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  };
}

export interface HandlerContext {
  app: App;
  /** Null only on public routes. */
  principal: Principal | null;
  params: Record<string, string>;
  query: Record<string, string>;
  header(name: string): string | null;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
}

export interface Route {
  /** The Azure function name. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Azure route syntax under /api: `ledgers/{kind}/sync`. */
  route: string;
  /** `user`: a valid token of a user known to settings; `public`: anyone (health). */
  auth: 'public' | 'user';
  /**
   * A larger body limit for admins only (restore carries a whole organisation); everyone else,
   * and every other route, has the configured limit.
   */
  adminMaxBodyBytes?: number;
  handle(ctx: HandlerContext): Promise<ApiResponse>;
}

export interface Logger {
  error(message: string, error?: unknown): void;
}

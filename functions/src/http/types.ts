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
  /** The raw body, or null when there was none. */
  body: Buffer | null;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  json?: unknown;
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
  /** Overrides the configured body limit (restore carries a whole organisation). */
  maxBodyBytes?: number;
  handle(ctx: HandlerContext): Promise<ApiResponse>;
}

export interface Logger {
  error(message: string, error?: unknown): void;
}

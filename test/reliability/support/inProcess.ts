import { randomBytes } from 'node:crypto';
import { errorBodySchema } from '../../../shared/api/index.js';
import { demoSettings } from '../../../shared/settings/index.js';
import { createApp, type App } from '../../../functions/src/app.js';
import type { AppConfig } from '../../../functions/src/config.js';
import { dispatch } from '../../../functions/src/http/dispatch.js';
import { matchRoute, routes } from '../../../functions/src/http/routes.js';
import { bufferedBody, type ApiResponse, type Route } from '../../../functions/src/http/types.js';
import { issueLocalToken } from '../../../functions/src/services/auth.js';
import { memoryStore, type MemoryStore } from './memoryStore.js';

/**
 * The functions app in this process with the in-memory store, driven through the real
 * dispatch layer (body limit, JSON, authentication, handler, error mapping) without sockets,
 * so that a fuzzer can send tens of thousands of requests in seconds.
 */
export interface InProcess {
  app: App;
  store: MemoryStore;
  tokens: Record<string, string>;
  /** Every log.error the dispatch layer wrote: each one is a crash (a fault of ours). */
  crashes: { message: string; error: unknown }[];
  call(req: InProcessRequest): Promise<ApiResponse & { route: Route | null }>;
  close(): Promise<void>;
}

export interface InProcessRequest {
  method: string;
  /** Path under /api, e.g. `ledgers/members/sync`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | null;
}

export async function inProcessApp(opts: { maxBodyBytes?: number } = {}): Promise<InProcess> {
  const secret = randomBytes(32).toString('base64url');
  const store = memoryStore();
  const config: AppConfig = {
    orgId: demoSettings.orgId,
    auth: { mode: 'local', secret },
    cosmos: { database: 'union' },
    maxBodyBytes: opts.maxBodyBytes ?? 4 * 1024 * 1024,
    bootstrapAdmins: [],
  };
  const app = await createApp(config, { store });
  await app.settings.replace(demoSettings);
  const tokens: Record<string, string> = {};
  for (const u of demoSettings.users) tokens[u.id] = await issueLocalToken(secret, u.id);
  const crashes: InProcess['crashes'] = [];
  const log = { error: (message: string, error?: unknown) => void crashes.push({ message, error }) };
  return {
    app,
    store,
    tokens,
    crashes,
    async call(req) {
      // As the local host routes: first route whose pattern and method match; 404 / 405 otherwise.
      let found: { route: Route; params: Record<string, string> } | null = null;
      let known = false;
      for (const route of routes) {
        const params = matchRoute(route.route, req.path);
        if (!params) continue;
        known = true;
        if (route.method === req.method) {
          found = { route, params };
          break;
        }
      }
      if (!found) return { status: known ? 405 : 404, route: null };
      const headers = Object.fromEntries(
        Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const response = await dispatch(
        found.route,
        {
          method: req.method,
          params: found.params,
          query: req.query ?? {},
          header: (name) =>
            Object.hasOwn(headers, name.toLowerCase()) ? headers[name.toLowerCase()]! : null,
          body: bufferedBody(req.body ?? null),
        },
        async () => app,
        log,
      );
      return { ...response, route: found.route };
    },
    close: () => app.close(),
  };
}

/** What a response must look like whatever the input: a known status; errors in the one shape; serialisable. */
export function responseProblem(r: ApiResponse): string | null {
  if (r.status >= 500) return `status ${r.status}`;
  if (![200, 400, 401, 403, 404, 405, 409, 412, 413, 429].includes(r.status))
    return `unexpected status ${r.status}`;
  let text: string;
  try {
    text = JSON.stringify(r.json) ?? '';
  } catch (e) {
    return `body not serialisable: ${String(e)}`;
  }
  if (r.status >= 400 && r.json !== undefined && !errorBodySchema.safeParse(JSON.parse(text)).success)
    return `error body not in the one shape: ${text.slice(0, 200)}`;
  if (
    r.status >= 400 &&
    r.json !== undefined &&
    !/[\u4e00-\u9fff]/.test((r.json as { error: { message: string } }).error.message)
  )
    return 'error message not in Chinese';
  return null;
}

/** Object.prototype as it was at start: a fuzz case must never add to it. */
export function prototypeSnapshot(): string {
  return JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort());
}

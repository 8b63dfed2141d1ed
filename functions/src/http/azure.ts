import { createRequire } from 'node:module';
import type * as AzureFunctions from '@azure/functions';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { App } from '../app.js';
import { bodyLimit, dispatch, tooLarge } from './dispatch.js';
import { fileHeaders, type ApiResponse, type Route } from './types.js';

/**
 * The Functions app the files of functions/src/functions register their routes with.
 * @azure/functions is published as CommonJS only: `require`d, it loads in about a third of the
 * time an `import` of it takes on Node 20 (measured ~17 ms against ~50 ms, a tenth of the cold
 * start; docs/benchmarks.md). It is the same module instance either way (Node's CommonJS cache).
 */
export const functionsApp = (createRequire(import.meta.url)('@azure/functions') as typeof AzureFunctions).app;

/**
 * The Azure Functions adapter: an `app.http` handler for one route of the table. The host has
 * already buffered the body; a declared length over the limit is refused before reading it.
 */
export function azureHandler(
  route: Route,
  app: () => Promise<App>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const log = { error: (message: string, error?: unknown) => context.error(message, error) };
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared)) {
      try {
        const limit = bodyLimit(route, (await app()).config.maxBodyBytes);
        if (declared > limit) return toInit(tooLarge(limit));
      } catch {
        // the app failed to start: dispatch answers with the error shape
      }
    }
    const raw = request.body ? Buffer.from(await request.arrayBuffer()) : null;
    const query: Record<string, string> = {};
    for (const [k, v] of request.query) query[k] = v;
    const response = await dispatch(
      route,
      {
        method: request.method,
        params: { ...request.params },
        query,
        header: (name) => request.headers.get(name),
        body: raw && raw.length ? raw : null,
      },
      app,
      log,
    );
    return toInit(response);
  };
}

function toInit(response: ApiResponse): HttpResponseInit {
  if (response.file)
    return {
      status: response.status,
      headers: { ...fileHeaders(response.file), ...response.headers },
      body: response.file.body,
    };
  return {
    status: response.status,
    headers: {
      ...(response.json !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      ...response.headers,
    },
    ...(response.json !== undefined ? { jsonBody: response.json } : {}),
  };
}

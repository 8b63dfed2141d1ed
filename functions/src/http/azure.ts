import { createRequire } from 'node:module';
import type * as AzureFunctions from '@azure/functions';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { App } from '../app.js';
import { dispatch } from './dispatch.js';
import { fileHeaders, type ApiResponse, type RequestBody, type Route } from './types.js';

/**
 * The Functions app the files of functions/src/functions register their routes with.
 * @azure/functions is published as CommonJS only: `require`d, it loads in about a third of the
 * time an `import` of it takes on Node 20 (measured ~17 ms against ~50 ms, a tenth of the cold
 * start; docs/benchmarks.md). It is the same module instance either way (Node's CommonJS cache).
 */
export const functionsApp = (createRequire(import.meta.url)('@azure/functions') as typeof AzureFunctions).app;

/**
 * The Azure Functions adapter: an `app.http` handler for one route of the table. The Functions
 * host buffers the body before the worker is called (its own limit, 100 MB); the worker copies
 * it out of the host's message only after dispatch has authenticated the caller.
 */
export function azureHandler(
  route: Route,
  app: () => Promise<App>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const log = { error: (message: string, error?: unknown) => context.error(message, error) };
    const declared = Number(request.headers.get('content-length'));
    const declaredLength =
      request.headers.has('content-length') && Number.isFinite(declared) ? declared : null;
    const body: RequestBody = {
      declaredLength,
      read: async (limit) => {
        if (!request.body) return null;
        const raw = Buffer.from(await request.arrayBuffer());
        return raw.length > limit ? 'too large' : raw.length ? raw : null;
      },
    };
    const query: Record<string, string> = {};
    for (const [k, v] of request.query) query[k] = v;
    const response = await dispatch(
      route,
      {
        method: request.method,
        params: { ...request.params },
        query,
        header: (name) => request.headers.get(name),
        body,
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

import { ERROR_CODES } from '../../../shared/api/index.js';
import { canAdminister } from '../../../shared/ledgers/access.js';
import type { App } from '../app.js';
import type { Principal } from '../services/principal.js';
import { errorResponse, responseForError } from './errors.js';
import type { ApiRequest, ApiResponse, Logger, Route } from './types.js';

/**
 * One request through one route, the same in both hosts: authentication from the headers
 * (401/403), then the body with the limit of the caller's role (413), JSON (400 bad_json), the
 * handler, and every failure as the one error shape. Nobody unauthenticated gets a body read.
 */
export async function dispatch(
  route: Route,
  req: ApiRequest,
  app: () => Promise<App>,
  log: Logger,
): Promise<ApiResponse> {
  try {
    const instance = await app();
    const principal =
      route.auth === 'public' ? null : await instance.auth.authenticate(req.header('authorization'));
    const limit = bodyLimit(route, instance.config.maxBodyBytes, principal);
    if (req.body.declaredLength !== null && req.body.declaredLength > limit) return tooLarge(limit);
    const raw = await req.body.read(limit);
    if (raw === 'too large') return tooLarge(limit);
    let body: unknown = undefined;
    if (raw && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return errorResponse(ERROR_CODES.badJson, '请求内容不是有效的 JSON');
      }
    }
    return await route.handle({
      app: instance,
      principal,
      params: req.params,
      query: req.query,
      header: (name) => req.header(name),
      body,
    });
  } catch (e) {
    return responseForError(e, log);
  }
}

/** The body limit of a route for a caller: the admin-only larger limit, or the configured one. */
export function bodyLimit(route: Route, configured: number, principal: Principal | null): number {
  if (route.adminMaxBodyBytes !== undefined && principal && canAdminister(principal.actor))
    return Math.max(route.adminMaxBodyBytes, configured);
  return configured;
}

export function tooLarge(limit: number): ApiResponse {
  return errorResponse(
    ERROR_CODES.tooLarge,
    `请求内容过大（上限${Math.floor(limit / 1024)}KB），请分批提交`,
    { limitBytes: limit },
  );
}

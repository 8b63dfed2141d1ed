import { ERROR_CODES } from '../../../shared/api/index.js';
import type { App } from '../app.js';
import { errorResponse, responseForError } from './errors.js';
import type { ApiRequest, ApiResponse, Logger, Route } from './types.js';

/**
 * One request through one route, the same in both hosts: body limit (413), JSON (400
 * bad_json), authentication (401/403), the handler, and every failure as the one error shape.
 */
export async function dispatch(
  route: Route,
  req: ApiRequest,
  app: () => Promise<App>,
  log: Logger,
): Promise<ApiResponse> {
  try {
    const instance = await app();
    const limit = bodyLimit(route, instance.config.maxBodyBytes);
    if (req.body && req.body.length > limit) return tooLarge(limit);
    let body: unknown = undefined;
    if (req.body && req.body.length > 0) {
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch {
        return errorResponse(ERROR_CODES.badJson, '请求内容不是有效的 JSON');
      }
    }
    const principal =
      route.auth === 'public' ? null : await instance.auth.authenticate(req.header('authorization'));
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

export function bodyLimit(route: Route, configured: number): number {
  return route.maxBodyBytes ?? configured;
}

export function tooLarge(limit: number): ApiResponse {
  return errorResponse(
    ERROR_CODES.tooLarge,
    `请求内容过大（上限${Math.floor(limit / 1024)}KB），请分批提交`,
    { limitBytes: limit },
  );
}

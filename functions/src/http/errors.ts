import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../../shared/api/index.js';
import { ServiceError } from '../services/errors.js';
import { StoreThrottledError, StoreUnavailableError } from '../failures.js';
import type { ApiResponse, Logger } from './types.js';

/** DESIGN.md: errors are one shape, with the status their code implies. */
const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  bad_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  unknown_kind: 404,
  not_found: 404,
  // The one refusal of this kind outside per-row results is a stale If-Match.
  conflict: 412,
  payload_too_large: 413,
  too_many_rows: 413,
  throttled: 429,
  store_unavailable: 503,
  internal_error: 500,
};

export function errorResponse(
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers?: Record<string, string>,
): ApiResponse {
  const body: ErrorBody = { error: { code, message, ...(details !== undefined ? { details } : {}) } };
  return {
    status: STATUS[code],
    json: body,
    ...(code === ERROR_CODES.unauthenticated
      ? { headers: { 'WWW-Authenticate': 'Bearer', ...headers } }
      : headers
        ? { headers }
        : {}),
  };
}

/** Whatever a handler threw, as the one error shape. Only a fault of ours is a 500, and it is logged. */
export function responseForError(e: unknown, log: Logger): ApiResponse {
  if (e instanceof ServiceError) return errorResponse(e.code, e.message, e.details);
  if (e instanceof StoreThrottledError) {
    const seconds = Math.max(1, Math.ceil(e.retryAfterMs / 1000));
    return errorResponse(
      ERROR_CODES.throttled,
      `服务繁忙，请${seconds}秒后重试`,
      { retryAfterMs: e.retryAfterMs },
      {
        'Retry-After': String(seconds),
      },
    );
  }
  if (e instanceof StoreUnavailableError) {
    log.error('store unavailable', e);
    return errorResponse(ERROR_CODES.unavailable, '数据存储暂不可用，请稍后重试');
  }
  log.error('unexpected error', e);
  return errorResponse(ERROR_CODES.internal, '服务器内部错误，请稍后重试或联系管理员');
}

import { errorBodySchema } from './errors.js';

/**
 * What can go wrong talking to the API, in the terms the pane and the CLI act on: `offline` (no
 * answer at all: the pane shows 离线 and offers 重试), `timeout`, `unauthenticated` (sign in
 * again), `forbidden`, `throttled` / `unavailable` (already retried; try later), `too-large` (a
 * single row above the body limit), `bad-response` (the server said something the wire contract
 * does not allow), and every other HTTP refusal (`http`). The one error type of both clients.
 */
export type ApiErrorKind =
  | 'offline'
  | 'timeout'
  | 'unauthenticated'
  | 'forbidden'
  | 'throttled'
  | 'unavailable'
  | 'too-large'
  | 'bad-response'
  | 'http';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** Chinese, for the officer. */
    message: string,
    readonly status: number | null = null,
    /** The server's stable error code (shared/api ERROR_CODES), when it sent one. */
    readonly code: string | null = null,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** No answer reached us, or the server asked to wait: the request may be repeated as it is. */
  get retryable(): boolean {
    return (
      this.kind === 'offline' ||
      this.kind === 'timeout' ||
      this.kind === 'throttled' ||
      this.kind === 'unavailable'
    );
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function isOffline(e: unknown): boolean {
  return e instanceof ApiError && (e.kind === 'offline' || e.kind === 'timeout');
}

export const OFFLINE_MESSAGE = '无法连接服务器，请检查网络连接（或服务是否已启动）后重试';
export const TIMEOUT_MESSAGE = '服务器长时间没有响应，请稍后重试';

/** A Chinese sentence for a status without a body of the one error shape. */
export function statusMessage(status: number): string {
  switch (status) {
    case 400:
      return '请求内容不正确';
    case 401:
      return '登录已失效，请重新登录';
    case 403:
      return '当前账号无权执行此操作';
    case 404:
      return '请求的内容不存在';
    case 409:
    case 412:
      return '数据已被他人修改，请拉取后重试';
    case 413:
      return '提交的数据过大，请减少行数后重试';
    case 429:
      return '请求过于频繁，请稍后重试';
    case 502:
    case 503:
    case 504:
      return '服务暂时不可用，请稍后重试';
    default:
      return status >= 500 ? `服务器出错（HTTP ${status}），请稍后重试` : `请求失败（HTTP ${status}）`;
  }
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'too-large';
  if (status === 429) return 'throttled';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  return 'http';
}

/** An error response: the server's Chinese message when the body has the one error shape. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(kindOfStatus(status), message || statusMessage(status), status, code, details);
  }
  return new ApiError(kindOfStatus(status), statusMessage(status), status);
}

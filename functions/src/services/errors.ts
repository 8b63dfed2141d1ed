import { ERROR_CODES, type ErrorCode } from '../../../shared/api/index.js';

/**
 * A refusal the caller can act on: a stable code of shared/api and a Chinese message. The
 * HTTP layer picks the status from the code; services never speak HTTP.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const refuse = {
  unauthenticated: (message = '请先登录（缺少访问令牌）', details?: unknown) =>
    new ServiceError(ERROR_CODES.unauthenticated, message, details),
  forbidden: (message: string, details?: unknown) =>
    new ServiceError(ERROR_CODES.forbidden, message, details),
  badRequest: (message: string, details?: unknown) =>
    new ServiceError(ERROR_CODES.badRequest, message, details),
  /** Input that failed its zod schema; `details` lists where and what. */
  invalid: (message: string, details?: unknown) => new ServiceError(ERROR_CODES.validation, message, details),
  conflict: (message: string, details?: unknown) => new ServiceError(ERROR_CODES.conflict, message, details),
  notFound: (message: string) => new ServiceError(ERROR_CODES.notFound, message),
  unavailable: (message: string) => new ServiceError(ERROR_CODES.unavailable, message),
};

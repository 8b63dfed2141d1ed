import { z } from 'zod';

/** The one error shape of every route (DESIGN.md): a stable code for programs, Chinese for people. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const ERROR_CODES = {
  badRequest: 'bad_request',
  badJson: 'bad_json',
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  unknownKind: 'unknown_kind',
  notFound: 'not_found',
  conflict: 'conflict',
  tooLarge: 'payload_too_large',
  tooManyRows: 'too_many_rows',
  throttled: 'throttled',
  unavailable: 'store_unavailable',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

import { z } from 'zod';
import { issueSchema } from '../ledgers/issue.js';

/**
 * The wire contract of push and pull (DESIGN.md "The HTTP API"). Cells travel raw, as the
 * sheet held them, so that the server re-runs the same validation: the client's verdict
 * never counts.
 */

/** A cell on the wire: rich text flattened, dates as ISO text, Excel errors as {error}. */
export const wireCellSchema = z.union([
  z.string().max(32_767),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ error: z.string().max(20) }).strict(),
]);
export type WireCell = z.infer<typeof wireCellSchema>;

export const MAX_ROWS_PER_CHUNK = 500;

const fieldKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/);
export const rowIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

export const syncRowSchema = z
  .object({
    /** The client's stable row id (a UUID kept in the hidden `_id` column). */
    rowId: rowIdSchema,
    /** The revision (`_etag`) this edit was based on; null for a new row. */
    baseRev: z.string().max(200).nullable(),
    /** Where the row sits in the officer's sheet, echoed back for messages. */
    sheetRow: z.number().int().positive().optional(),
    cells: z.record(fieldKey, wireCellSchema),
    /** A tombstone request: the officer cleared or removed the row. */
    delete: z.boolean().optional(),
  })
  .strict();
export type SyncRow = z.infer<typeof syncRowSchema>;

export const syncRequestSchema = z
  .object({
    /** Field → header as typed in the sheet, so that messages quote the officer's own header. */
    headers: z.record(fieldKey, z.string().max(200)).default({}),
    rows: z.array(syncRowSchema).min(1).max(MAX_ROWS_PER_CHUNK),
  })
  .strict();
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const rowStatusSchema = z.enum([
  'created',
  'updated',
  'unchanged',
  'deleted',
  'conflict',
  'invalid',
  'forbidden',
]);
export type RowStatus = z.infer<typeof rowStatusSchema>;

export const storedRowSchema = z.object({
  rowId: rowIdSchema,
  rev: z.string(),
  unit: z.string(),
  year: z.number().int().nullable(),
  fields: z.record(z.string(), z.unknown()),
  deleted: z.boolean(),
  seq: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StoredRowWire = z.infer<typeof storedRowSchema>;

export const rowResultSchema = z.object({
  rowId: rowIdSchema,
  sheetRow: z.number().int().optional(),
  status: rowStatusSchema,
  /** The new revision after created/updated/deleted/unchanged. */
  rev: z.string().optional(),
  issues: z.array(issueSchema),
  /** For `conflict`: what the server holds now, so the officer can choose. */
  server: storedRowSchema.optional(),
});
export type RowResult = z.infer<typeof rowResultSchema>;

/** Each row's result, nothing else: the figures are GET /api/summary's (ADR 0026). */
export const syncResponseSchema = z.object({
  results: z.array(rowResultSchema),
});
export type SyncResponse = z.infer<typeof syncResponseSchema>;

export const pullQuerySchema = z.object({
  since: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const pullResponseSchema = z.object({
  rows: z.array(storedRowSchema),
  /** Pass back as `since` for the next page or the next pull. */
  next: z.string(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

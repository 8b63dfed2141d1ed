import { z } from 'zod';
import { ledgerKindSchema } from '../ledgers/define.js';
import { storedRowSchema } from './sync.js';

/**
 * `GET /api/summary/rows?year=Y&key=KEY[&unit=U][&page=P&size=S]`: the ledger rows behind one
 * figure of the annual summary (the figure catalogue, shared/summary/catalogue.ts), within
 * what the caller may read, one page at a time. For a count figure `total` is the figure.
 */
export const SUMMARY_ROWS_MAX_PAGE = 1000;

export const summaryRowsQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    key: z.string().min(1).max(80),
    unit: z.string().max(40).optional(),
    /** 1-based. */
    page: z.coerce.number().int().min(1).default(1),
    size: z.coerce.number().int().min(1).max(SUMMARY_ROWS_MAX_PAGE).default(200),
  })
  .strict();
export type SummaryRowsQuery = z.infer<typeof summaryRowsQuerySchema>;

export const summaryRowsResponseSchema = z.object({
  key: z.string(),
  /** The figure's Chinese label and unit (人次, 个, 元, % …). */
  label: z.string(),
  measure: z.string(),
  ledger: ledgerKindSchema,
  /** Which rows, in Chinese: 慰问台账：年度内全部慰问记录（一行为一人次），共3226行. */
  source: z.string(),
  year: z.number().int(),
  /** The unit the rows are limited to, or null for the whole organisation. */
  unit: z.string().nullable(),
  /** Rows behind the figure in the caller's scope (all pages). */
  total: z.number().int().nonnegative(),
  page: z.number().int(),
  size: z.number().int(),
  more: z.boolean(),
  rows: z.array(storedRowSchema),
});
export type SummaryRowsResponse = z.infer<typeof summaryRowsResponseSchema>;

import { z } from 'zod';
import { ledgerKindSchema } from '../ledgers/define.js';
import { settingsSchema } from '../settings/schema.js';
import { storedRowSchema } from './sync.js';

/**
 * Response bodies of the backend routes other than push and pull (DESIGN.md "The HTTP API").
 * The annual summary and budget execution bodies are shared/summary's annualSummarySchema and
 * budgetExecutionSchema.
 */

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  /** `embedded` keeps data in memory only; `cosmos` is a real account or the emulator. */
  store: z.enum(['embedded', 'cosmos']),
  time: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const ledgerFieldInfoSchema = z.object({
  key: z.string(),
  type: z.string(),
  header: z.string(),
  aliases: z.array(z.string()),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});

export const ledgerInfoSchema = z.object({
  kind: ledgerKindSchema,
  title: z.string(),
  scope: z.enum(['unit', 'school', 'budget', 'expenses']),
  /** Whether the caller may write this ledger at all (rows are still checked one by one). */
  canWrite: z.boolean(),
  headers: z.array(z.string()),
  fields: z.array(ledgerFieldInfoSchema),
});
export const ledgersResponseSchema = z.object({ ledgers: z.array(ledgerInfoSchema) });
export type LedgersResponse = z.infer<typeof ledgersResponseSchema>;

export const settingsResponseSchema = z.object({
  settings: settingsSchema,
  /** Send back as If-Match on PUT to refuse overwriting someone else's change. */
  rev: z.string(),
});
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  at: z.string(),
  by: z.string(),
  kind: z.string(),
  rowId: z.string(),
  action: z.enum(['create', 'update', 'delete', 'restore']),
  seq: z.number().int(),
  /** Only the fields that changed: before and after. */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
});
export type AuditEntryWire = z.infer<typeof auditEntrySchema>;

export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass back as `continuation` for the next page; null on the last. */
  continuation: z.string().nullable(),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;

/** `union-ledger backup` / `restore`: the whole organisation — settings, every ledger with tombstones, the audit. */
export const backupSchema = z
  .object({
    format: z.literal('union-ledger-backup'),
    version: z.literal(1),
    orgId: z.string(),
    createdAt: z.string(),
    settings: settingsSchema,
    ledgers: z.partialRecord(ledgerKindSchema, z.array(storedRowSchema)),
    audit: z.array(auditEntrySchema).default([]),
  })
  .strict();
export type Backup = z.infer<typeof backupSchema>;

const ledgerPlanSchema = z.object({
  /** Rows the backup holds that the store does not. */
  create: z.number().int(),
  /** Stored rows the backup holds with other content (or live where the backup has a tombstone). */
  update: z.number().int(),
  /** Rows the backup holds as stored: not written again. */
  unchanged: z.number().int(),
  /** Stored rows the backup does not hold (created after it): kept as they are. */
  kept: z.number().int(),
});

/** What a restore changes (or, with `dryRun`, would change). */
export const restorePlanSchema = z.object({
  settings: z.enum(['new', 'changed', 'unchanged']),
  ledgers: z.partialRecord(ledgerKindSchema, ledgerPlanSchema),
  /** Audit entries: new ones are added; ones whose id is stored already are never rewritten. */
  audit: z.object({ create: z.number().int(), existing: z.number().int() }),
});
export type RestorePlan = z.infer<typeof restorePlanSchema>;

export const restoreResponseSchema = z.object({
  /** Rows written (0 on a dry run). */
  rows: z.number().int(),
  /** Audit entries added (0 on a dry run). */
  auditEntries: z.number().int(),
  dryRun: z.boolean().optional(),
  plan: restorePlanSchema.optional(),
});
export type RestoreResponse = z.infer<typeof restoreResponseSchema>;

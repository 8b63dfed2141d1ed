import { z } from 'zod';

/**
 * Organisation settings (DOMAIN.md §2, §5.1, §7). Every assumed number that acts as a rule
 * lives here, never as a constant in code. Money in settings is whole 元 (what an officer
 * types); the domain converts to 分 where it compares.
 */
export const unitSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  name: z.string().min(1).max(40),
  aliases: z.array(z.string().min(1).max(40)).default([]),
  kind: z.enum(['school', 'sub']),
  /** Members at the start of the year; drives sub-union allocations and the 3× participants check. */
  members: z.number().int().nonnegative().optional(),
});
export type Unit = z.infer<typeof unitSchema>;

export const accountSchema = z.object({
  code: z.string().regex(/^\d{3}(\d{2})?$/),
  name: z.string().min(1).max(40),
  aliases: z.array(z.string()).default([]),
  direction: z.enum(['收入', '支出']),
  /** 504/506 belong to higher-level unions: a basic union may not use them. */
  basicUnion: z.boolean().default(true),
});
export type Account = z.infer<typeof accountSchema>;

export const roleSchema = z.enum(['admin', 'officer', 'finance', 'leader']);
export type Role = z.infer<typeof roleSchema>;

const entraId = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: '须为 GUID 格式' })
  .transform((s) => s.toLowerCase());

export const userSchema = z
  .object({
    /**
     * The user's name in audit and settings: the local sign-in (`admin`, `officer-mech-info`),
     * or any stable label for an Entra user (e.g. the UPN) — an Entra token is matched by
     * `tid` + `oid` below, never by this id.
     */
    id: z.string().min(1).max(200),
    name: z.string().max(40).default(''),
    role: roleSchema,
    unit: z.string().optional(),
    /** Microsoft Entra object id (token `oid`); with `tid`, the only way an Entra user signs in. */
    oid: entraId.optional(),
    /** Microsoft Entra directory (tenant) id (token `tid`). */
    tid: entraId.optional(),
  })
  .refine((u) => u.role !== 'officer' || !!u.unit, { message: '分工会账号须指定所属单位', path: ['unit'] })
  .refine((u) => !u.oid === !u.tid, { message: 'Entra 账号须同时填写 oid 与 tid', path: ['oid'] });
export type User = z.infer<typeof userSchema>;

const yuan = z.number().int().nonnegative().max(10_000_000);

export const standardsSchema = z.object({
  festivalPerYear: yuan.default(1500),
  birthday: yuan.default(300),
  wedding: yuan.default(1000),
  birth: yuan.default(1000),
  illness: yuan.default(500),
  illnessSurgery: yuan.default(1000),
  deathMember: yuan.default(2000),
  deathRelative: yuan.default(1000),
  retirement: yuan.default(1000),
  womensDay: yuan.default(200),
  childrensDay: yuan.default(200),
  warmth: yuan.default(2000),
  /** 配偶父母 counts as a close relative only when the union's own rules say so. */
  relativeScopeIncludesInLaws: z.boolean().default(false),
  /** Percent of the year's income; null = off. */
  festivalShareOfIncome: z.number().min(0).max(100).nullable().default(null),
});
export type Standards = z.infer<typeof standardsSchema>;

export const executionSchema = z.object({
  /** Percent thresholds of §7.2. */
  normalFrom: z.number().default(80),
  overspendAbove: z.number().default(100),
  lagMargin: z.number().default(20),
  nearLimit: z.number().default(90),
  nearLimitBefore: z
    .string()
    .regex(/^\d{2}-\d{2}$/)
    .default('10-01'),
});
export type Execution = z.infer<typeof executionSchema>;

export const settingsSchema = z.object({
  orgId: z.string().regex(/^[a-z0-9-]{1,40}$/),
  orgName: z.string().min(1).max(60),
  units: z.array(unitSchema).min(1),
  accounts: z.array(accountSchema).min(1),
  users: z.array(userSchema).default([]),
  standards: standardsSchema.default(standardsSchema.parse({})),
  execution: executionSchema.default(executionSchema.parse({})),
  /** 元 per member pre-filled on each sub-union's 50102 line (§7.3), by year. */
  subUnionAllocationPerMember: z
    .record(z.string().regex(/^\d{4}$/), yuan)
    .default({ '2023': 150, '2024': 200 }),
  /** Percent; the goal line of the execution chart. */
  targetExecutionRate: z.number().min(0).max(200).default(90),
  /** Days after 交办 without 答复 before a motion is listed as overdue. */
  proposalReplyDays: z.number().int().positive().default(60),
  checkupInstitution: z.string().max(40).default(''),
  /**
   * 慰问类别 kept private like 困难帮扶 (which always is): the person and 事由 only for admin and
   * the row's unit, date, unit, type and amount for finance, figures only for the leader.
   * Checked against the ledger's categories when saved (services/settings).
   */
  sensitiveWelfareTypes: z.array(z.string().max(20)).max(20).default([]),
});
export type Settings = z.infer<typeof settingsSchema>;

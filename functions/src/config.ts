import { z } from 'zod';

/**
 * The app's configuration, parsed from the environment once at start (DESIGN.md "Auth"): a
 * missing or malformed setting stops the host with a message that names it, never a silent
 * default credential.
 */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const envSchema = z
  .object({
    AUTH_MODE: z.enum(['entra', 'local'], { error: 'AUTH_MODE must be "entra" (Azure) or "local"' }),
    ENTRA_ISSUER: optionalText,
    ENTRA_AUDIENCE: optionalText,
    ENTRA_JWKS_URL: optionalText,
    LOCAL_AUTH_SECRET: optionalText,
    ORG_ID: z
      .string({ error: 'ORG_ID is required (the organisation id of settings, e.g. cqrw)' })
      .regex(/^[a-z0-9-]{1,40}$/, {
        error: 'ORG_ID must be lower-case letters, digits and dashes',
      }),
    COSMOS_ENDPOINT: optionalText,
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().default('union'),
    /** Request bodies above this are refused with 413. */
    /** Comma-separated user ids that act as admin while the organisation has no settings yet (first deployment). */
    BOOTSTRAP_ADMINS: z.string().default(''),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024),
    /** Set by the Azure Functions host; used to refuse local-only settings in Azure. */
    WEBSITE_INSTANCE_ID: optionalText,
  })
  .superRefine((env, ctx) => {
    const need = (key: keyof typeof env, why: string): void => {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required ${why}` });
    };
    if (env.AUTH_MODE === 'entra') {
      need('ENTRA_ISSUER', 'when AUTH_MODE=entra (e.g. https://login.microsoftonline.com/<tenant>/v2.0)');
      need('ENTRA_AUDIENCE', 'when AUTH_MODE=entra (the API application id URI or client id)');
      need(
        'ENTRA_JWKS_URL',
        'when AUTH_MODE=entra (e.g. https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys)',
      );
    }
    if (env.AUTH_MODE === 'local') {
      if (!env.LOCAL_AUTH_SECRET || env.LOCAL_AUTH_SECRET.length < 32)
        ctx.addIssue({
          code: 'custom',
          path: ['LOCAL_AUTH_SECRET'],
          message: 'LOCAL_AUTH_SECRET of at least 32 characters is required when AUTH_MODE=local',
        });
      if (env.WEBSITE_INSTANCE_ID)
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_MODE'],
          message: 'AUTH_MODE=local is refused inside Azure',
        });
    }
    if (env.COSMOS_KEY && !env.COSMOS_ENDPOINT)
      ctx.addIssue({
        code: 'custom',
        path: ['COSMOS_ENDPOINT'],
        message: 'COSMOS_KEY was given without COSMOS_ENDPOINT',
      });
    if (env.WEBSITE_INSTANCE_ID && !env.COSMOS_ENDPOINT)
      ctx.addIssue({
        code: 'custom',
        path: ['COSMOS_ENDPOINT'],
        message:
          'COSMOS_ENDPOINT is required in Azure (the embedded store keeps data in memory); without COSMOS_KEY the app uses its managed identity',
      });
  });

export type AuthConfig =
  { mode: 'entra'; issuer: string; audience: string; jwksUrl: string } | { mode: 'local'; secret: string };

export interface AppConfig {
  orgId: string;
  auth: AuthConfig;
  cosmos: { endpoint?: string | undefined; key?: string | undefined; database: string };
  maxBodyBytes: number;
  bootstrapAdmins: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`union-ledger configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
    );
  const e = parsed.data;
  return {
    orgId: e.ORG_ID,
    auth:
      e.AUTH_MODE === 'entra'
        ? { mode: 'entra', issuer: e.ENTRA_ISSUER!, audience: e.ENTRA_AUDIENCE!, jwksUrl: e.ENTRA_JWKS_URL! }
        : { mode: 'local', secret: e.LOCAL_AUTH_SECRET! },
    cosmos: { endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE },
    maxBodyBytes: e.MAX_BODY_BYTES,
    bootstrapAdmins: e.BOOTSTRAP_ADMINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

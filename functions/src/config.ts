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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = (what: string) =>
  optionalText.pipe(
    z
      .string()
      .regex(GUID, { error: `must be ${what} (a GUID)` })
      .optional(),
  );

/**
 * Variables the Azure platform sets in the apps it hosts (ADR 0016): App Service and every
 * Functions plan set WEBSITE_SITE_NAME and WEBSITE_OWNER_NAME (Flex Consumption included,
 * where WEBSITE_INSTANCE_ID cannot be relied on), Container Apps set CONTAINER_APP_NAME, a
 * managed identity brings IDENTITY_ENDPOINT (MSI_ENDPOINT on older hosts). Any one of them
 * means "in Azure": local sign-in is refused there. WEBSITE_HOSTNAME counts only when it is not
 * a loopback name, because Core Tools sets it to localhost:<port> on a developer's machine.
 */
export const AZURE_HOST_VARIABLES = [
  'WEBSITE_INSTANCE_ID',
  'WEBSITE_SITE_NAME',
  'WEBSITE_OWNER_NAME',
  'WEBSITE_SKU',
  'WEBSITE_RESOURCE_GROUP',
  'CONTAINER_APP_NAME',
  'IDENTITY_ENDPOINT',
  'MSI_ENDPOINT',
] as const;

/** The platform variables that show this process runs on an Azure host; empty on a developer's machine. */
export function azureHostEvidence(env: Record<string, string | undefined>): string[] {
  const found: string[] = AZURE_HOST_VARIABLES.filter((k) => !!env[k]?.trim());
  const hostname = env.WEBSITE_HOSTNAME?.trim().toLowerCase();
  if (hostname && !/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(hostname)) found.push('WEBSITE_HOSTNAME');
  return found;
}

/**
 * The last guard for every way local sign-in can be started (the Functions host, the local
 * stack of `union-ledger serve`, tests): refuses when this process runs on an Azure host.
 */
export function refuseLocalAuthOnAzure(env: Record<string, string | undefined> = process.env): void {
  const evidence = azureHostEvidence(env);
  if (evidence.length)
    throw new ConfigError([
      `AUTH_MODE: local sign-in is refused on an Azure host (${evidence.join(', ')} set): use AUTH_MODE=entra`,
    ]);
}

const envSchema = z
  .object({
    AUTH_MODE: z.enum(['entra', 'local'], { error: 'AUTH_MODE must be "entra" (Azure) or "local"' }),
    ENTRA_ISSUER: optionalText,
    ENTRA_AUDIENCE: optionalText,
    ENTRA_JWKS_URL: optionalText,
    /** The directory (tenant) id: tokens must carry it as `tid`, and users are keyed by tid + oid. */
    ENTRA_TENANT_ID: guid('the directory (tenant) id'),
    /** The API's delegated scope, api://<API client id>/access_as_user: `scp` must hold its last segment. */
    ENTRA_API_SCOPE: optionalText,
    /** The add-in registration's client id: the only app (azp/appid) whose tokens are taken, with the extras below. */
    ENTRA_ADDIN_CLIENT_ID: guid("the add-in app registration's client id"),
    /** Comma-separated client ids of other apps allowed to call as a user (e.g. the Azure CLI for restore). */
    ENTRA_EXTRA_CLIENT_IDS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(GUID, { error: 'ENTRA_EXTRA_CLIENT_IDS must be client ids (GUIDs)' }))),
    LOCAL_AUTH_SECRET: optionalText,
    ORG_ID: z
      .string({ error: 'ORG_ID is required (the organisation id of settings, e.g. cqrw)' })
      .regex(/^[a-z0-9-]{1,40}$/, {
        error: 'ORG_ID must be lower-case letters, digits and dashes',
      }),
    COSMOS_ENDPOINT: optionalText,
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().default('union'),
    /**
     * Comma-separated users who act as admin while the organisation has no settings yet (first
     * deployment): Entra object ids (oid) with AUTH_MODE=entra, local user ids otherwise.
     */
    BOOTSTRAP_ADMINS: z.string().default(''),
    /** Request bodies above this are refused with 413. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024),
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
      need('ENTRA_TENANT_ID', 'when AUTH_MODE=entra (the directory (tenant) id users sign in with)');
      need('ENTRA_API_SCOPE', 'when AUTH_MODE=entra (api://<API client id>/access_as_user)');
      need('ENTRA_ADDIN_CLIENT_ID', "when AUTH_MODE=entra (the add-in app registration's client id)");
      if (env.ENTRA_API_SCOPE && !scopeName(env.ENTRA_API_SCOPE))
        ctx.addIssue({
          code: 'custom',
          path: ['ENTRA_API_SCOPE'],
          message: 'ENTRA_API_SCOPE must be api://<API client id>/<scope name>, e.g. …/access_as_user',
        });
      const bootstrap = env.BOOTSTRAP_ADMINS.split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (bootstrap.some((id) => !GUID.test(id)))
        ctx.addIssue({
          code: 'custom',
          path: ['BOOTSTRAP_ADMINS'],
          message:
            'BOOTSTRAP_ADMINS must be Entra object ids (oid, a GUID) when AUTH_MODE=entra: sign-in names can be reassigned',
        });
    }
    if (env.AUTH_MODE === 'local') {
      if (!env.LOCAL_AUTH_SECRET || env.LOCAL_AUTH_SECRET.length < 32)
        ctx.addIssue({
          code: 'custom',
          path: ['LOCAL_AUTH_SECRET'],
          message: 'LOCAL_AUTH_SECRET of at least 32 characters is required when AUTH_MODE=local',
        });
    }
    if (env.COSMOS_KEY && !env.COSMOS_ENDPOINT)
      ctx.addIssue({
        code: 'custom',
        path: ['COSMOS_ENDPOINT'],
        message: 'COSMOS_KEY was given without COSMOS_ENDPOINT',
      });
  });

/** What only an Azure host requires or refuses, given the platform variables found there. */
function azureProblems(env: Record<string, string | undefined>): string[] {
  const evidence = azureHostEvidence(env);
  if (!evidence.length) return [];
  const problems: string[] = [];
  const set = `${evidence.join(', ')} set`;
  if (env.AUTH_MODE?.trim() === 'local')
    problems.push(`AUTH_MODE: AUTH_MODE=local is refused on an Azure host (${set}): use AUTH_MODE=entra`);
  if (!env.COSMOS_ENDPOINT?.trim())
    problems.push(
      `COSMOS_ENDPOINT: COSMOS_ENDPOINT is required on an Azure host (${set}; the embedded store keeps data in memory); without COSMOS_KEY the app uses its managed identity`,
    );
  return problems;
}

/** The scope name `scp` carries: the last segment of api://<API>/<name>. */
function scopeName(scope: string): string | undefined {
  const name = scope.split('/').pop()?.trim();
  return name && name !== scope ? name : undefined;
}

export interface EntraAuthConfig {
  mode: 'entra';
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Lower-case directory (tenant) id: the `tid` every token must carry. */
  tenantId: string;
  /** The scope name `scp` must hold (access_as_user). */
  scope: string;
  /** Lower-case client ids whose tokens are taken (`azp`, `appid` in v1 tokens): the add-in's first. */
  clientIds: string[];
}

export type AuthConfig = EntraAuthConfig | { mode: 'local'; secret: string };

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
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))),
    ...azureProblems(env),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    orgId: e.ORG_ID,
    auth:
      e.AUTH_MODE === 'entra'
        ? {
            mode: 'entra',
            issuer: e.ENTRA_ISSUER!,
            audience: e.ENTRA_AUDIENCE!,
            jwksUrl: e.ENTRA_JWKS_URL!,
            tenantId: e.ENTRA_TENANT_ID!.toLowerCase(),
            scope: scopeName(e.ENTRA_API_SCOPE!)!,
            clientIds: [e.ENTRA_ADDIN_CLIENT_ID!, ...e.ENTRA_EXTRA_CLIENT_IDS].map((id) => id.toLowerCase()),
          }
        : { mode: 'local', secret: e.LOCAL_AUTH_SECRET! },
    cosmos: { endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE },
    maxBodyBytes: e.MAX_BODY_BYTES,
    bootstrapAdmins: e.BOOTSTRAP_ADMINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

import { z } from 'zod';

/**
 * The ONE list of the pane's build-time variables (Vite `import.meta.env.VITE_*`). config.ts
 * reads the pane's settings through parsePaneBuild, vite.config.ts refuses a production build
 * that parsePaneBuild refuses, and test/reliability/productionConfig.test.ts checks that
 * infra/scripts/build-taskpane.sh, docs/deploy.md and env.d.ts name exactly these.
 *
 * A wrong name used to be silent: the deployed pane called `/api` on the static site and signed
 * in against `organizations` without a scope (issue 14).
 */
export const PANE_BUILD_VARIABLES = {
  VITE_AUTH_MODE: '`entra` (production: Microsoft Entra ID) or `local` (demo users of the local stack)',
  VITE_API_BASE: "the API's base URL: the Function App's https URL ending in /api (entra); /api locally",
  VITE_ENTRA_CLIENT_ID: "the add-in app registration's client id (entra)",
  VITE_ENTRA_AUTHORITY:
    'https://login.microsoftonline.com/<tenant id> — the tenant, never organizations/common',
  VITE_API_SCOPES: "the API's delegated scope, api://<API client id>/access_as_user (entra)",
} as const;

export type PaneBuildVariable = keyof typeof PANE_BUILD_VARIABLES;
export const PANE_BUILD_VARIABLE_NAMES = Object.keys(PANE_BUILD_VARIABLES) as PaneBuildVariable[];
export type PaneBuildEnv = Partial<Record<PaneBuildVariable, string | undefined>>;

export interface EntraConfig {
  clientId: string;
  authority: string;
  scopes: string[];
}

export interface PaneConfig {
  apiBase: string;
  auth: { mode: 'local' } | { mode: 'entra'; entra: EntraConfig };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Authorities that let any tenant (or personal accounts) sign in: the API would refuse their tokens anyway. */
const MULTI_TENANT = new Set(['organizations', 'common', 'consumers']);

const text = z
  .string()
  .optional()
  .transform((s) => s?.trim() || undefined);

const tenantAuthority = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a URL' });
    return;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must be https' });
  if (segments.length !== 1 || url.search || url.hash)
    ctx.addIssue({ code: 'custom', message: 'must be https://<login host>/<tenant id> and nothing more' });
  else if (MULTI_TENANT.has(segments[0]!.toLowerCase()))
    ctx.addIssue({
      code: 'custom',
      message: `"${segments[0]}" lets other tenants sign in: use the directory (tenant) id`,
    });
  else if (!GUID.test(segments[0]!))
    ctx.addIssue({ code: 'custom', message: 'must end in the directory (tenant) id, a GUID' });
});

const httpsApiBase = z.string().superRefine((value, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // handled below
  }
  if (!url || url.protocol !== 'https:')
    ctx.addIssue({
      code: 'custom',
      message:
        'must be the API\'s https URL (the Function App\'s, ending in /api): "/api" is the static site',
    });
});

const envSchema = z
  .object({
    VITE_AUTH_MODE: text.pipe(z.enum(['local', 'entra']).optional()),
    VITE_API_BASE: text,
    VITE_ENTRA_CLIENT_ID: text,
    VITE_ENTRA_AUTHORITY: text,
    VITE_API_SCOPES: text,
  })
  .transform((env, ctx): PaneConfig => {
    const mode = env.VITE_AUTH_MODE ?? (env.VITE_ENTRA_CLIENT_ID ? 'entra' : 'local');
    if (mode === 'local') return { apiBase: env.VITE_API_BASE ?? '/api', auth: { mode: 'local' } };
    const need = (key: PaneBuildVariable, problem: string | undefined): void => {
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    };
    const issues = (schema: z.ZodType, value: string | undefined): string | undefined => {
      if (value === undefined) return 'is required in entra mode';
      const r = schema.safeParse(value);
      return r.success ? undefined : r.error.issues.map((i) => i.message).join('; ');
    };
    const scopes = (env.VITE_API_SCOPES ?? '').split(/\s+/).filter(Boolean);
    need(
      'VITE_ENTRA_CLIENT_ID',
      issues(z.string().regex(GUID, 'must be a client id (GUID)'), env.VITE_ENTRA_CLIENT_ID),
    );
    need('VITE_ENTRA_AUTHORITY', issues(tenantAuthority, env.VITE_ENTRA_AUTHORITY));
    need('VITE_API_BASE', issues(httpsApiBase, env.VITE_API_BASE));
    need(
      'VITE_API_SCOPES',
      scopes.length === 0
        ? 'is required in entra mode (the API scope, e.g. api://<API client id>/access_as_user)'
        : scopes.some((s) => !/^(api|https):\/\/.+\/[^/\s]+$/.test(s))
          ? 'each scope must be api://<API>/<scope> (or https://…/<scope>)'
          : undefined,
    );
    return {
      apiBase: env.VITE_API_BASE ?? '',
      auth: {
        mode: 'entra',
        entra: {
          clientId: env.VITE_ENTRA_CLIENT_ID ?? '',
          authority: env.VITE_ENTRA_AUTHORITY ?? '',
          scopes,
        },
      },
    };
  });

export type PaneBuildResult = { ok: true; config: PaneConfig } | { ok: false; problems: string[] };

/** The pane's settings from its build variables, or every problem with them, each naming its variable. */
export function parsePaneBuild(env: PaneBuildEnv): PaneBuildResult {
  const picked = Object.fromEntries(PANE_BUILD_VARIABLE_NAMES.map((k) => [k, env[k]]));
  const r = envSchema.safeParse(picked);
  if (r.success) return { ok: true, config: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')} ${i.message}` : i.message)),
  };
}

export class PaneBuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`The task pane's build variables are wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PaneBuildError';
  }
}

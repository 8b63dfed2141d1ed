/**
 * The pane's settings, fixed at build time from VITE_* variables (see env.d.ts). Without an
 * Entra client id the pane signs in locally: demo users with tokens from the local stack.
 */
export interface EntraConfig {
  clientId: string;
  authority: string;
  scopes: string[];
}

export interface PaneConfig {
  apiBase: string;
  auth: { mode: 'local' } | { mode: 'entra'; entra: EntraConfig };
}

export function paneConfig(env: ImportMetaEnv = import.meta.env ?? {}): PaneConfig {
  const apiBase = env.VITE_API_BASE?.trim() || '/api';
  const clientId = env.VITE_ENTRA_CLIENT_ID?.trim() ?? '';
  const mode = env.VITE_AUTH_MODE?.trim() || (clientId ? 'entra' : 'local');
  if (mode !== 'entra') return { apiBase, auth: { mode: 'local' } };
  return {
    apiBase,
    auth: {
      mode: 'entra',
      entra: {
        clientId,
        authority: env.VITE_ENTRA_AUTHORITY?.trim() || 'https://login.microsoftonline.com/organizations',
        scopes: (env.VITE_API_SCOPES ?? '').split(/\s+/).filter(Boolean),
      },
    },
  };
}

import type { PaneConfig } from './buildVariables.js';

/**
 * The ONE source of the task pane's HTTP security headers (ADR 0017): the dev server
 * (addin/dev/server.ts) sends them on every answer, and the production build writes them into
 * dist/addin/staticwebapp.config.json for Azure Static Web Apps (vite.config.ts). They differ
 * only by what the configuration says (the API and sign-in origins) and, in development with
 * hot reload, by the hash of the one inline script Vite's React plugin injects.
 *
 * No X-Frame-Options: Office embeds the pane in an iframe (Excel on the web), so framing is
 * limited with CSP frame-ancestors to the Office hosts instead. Desktop Office shows the pane
 * in a top-level web view, where frame-ancestors does not apply.
 */

/**
 * Pages that frame the pane in Office on the web: Excel on the web is served from
 * *.officeapps.live.com inside OneDrive/SharePoint pages, and from the newer
 * *.cloud.microsoft, office.com and microsoft365.com hosts (OfficeDev/office-js#3342,
 * OfficeDev/office-js-docs-pr#4911).
 */
export const OFFICE_FRAME_ANCESTORS = [
  'https://*.officeapps.live.com',
  'https://*.sharepoint.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://onedrive.live.com',
] as const;

/** Office.js and what it loads (OfficeDev/office-js#1005): the CDN, MicrosoftAjax, telemetry. */
const OFFICE_SCRIPTS = ['https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com'] as const;
const OFFICE_TELEMETRY = 'https://browser.pipe.aria.microsoft.com';

/** What only the dev server adds: Vite's client and, with hot reload, React's refresh preamble. */
export interface DevSources {
  /** CSP hashes (`sha256-…`) of the inline scripts Vite puts into the page. */
  inlineScriptHashes: readonly string[];
  /** The loopback websocket Vite's client connects to (`ws://127.0.0.1:24678`, `wss://localhost:3000`). */
  websockets: readonly string[];
}

export interface HeaderOptions {
  dev?: DevSources;
}

const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
};

/** The Content-Security-Policy directives, in a fixed order. */
export function cspDirectives(config: PaneConfig, opts: HeaderOptions = {}): [string, string[]][] {
  const api = originOf(config.apiBase);
  const login = config.auth.mode === 'entra' ? originOf(config.auth.entra.authority) : null;
  const extra = (...xs: (string | null)[]): string[] => xs.filter((x): x is string => !!x);
  return [
    ['default-src', ["'self'"]],
    [
      'script-src',
      ["'self'", ...OFFICE_SCRIPTS, ...(opts.dev?.inlineScriptHashes ?? []).map((h) => `'${h}'`)],
    ],
    // Fluent UI (Griffel) and Office.js write <style> elements at run time.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    [
      'connect-src',
      ["'self'", ...extra(api, login), ...OFFICE_SCRIPTS, OFFICE_TELEMETRY, ...(opts.dev?.websockets ?? [])],
    ],
    // MSAL's silent renewal runs in a hidden iframe of the sign-in origin.
    ['frame-src', ["'self'", ...extra(login)]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'", ...extra(login)]],
    ['frame-ancestors', ["'self'", ...OFFICE_FRAME_ANCESTORS]],
  ];
}

export function contentSecurityPolicy(config: PaneConfig, opts: HeaderOptions = {}): string {
  return cspDirectives(config, opts)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}

/** The headers every answer of the pane's origin carries. */
export function securityHeaders(config: PaneConfig, opts: HeaderOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config, opts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}

/** dist/addin/staticwebapp.config.json: the same headers on every file Static Web Apps serves. */
export function staticWebAppConfig(config: PaneConfig): { globalHeaders: Record<string, string> } {
  return { globalHeaders: securityHeaders(config) };
}

export const STATIC_WEB_APP_CONFIG_FILE = 'staticwebapp.config.json';

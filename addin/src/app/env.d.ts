/** Build-time settings (Vite `import.meta.env`, from VITE_* environment variables). */
interface ImportMetaEnv {
  readonly DEV?: boolean;
  readonly MODE?: string;
  /** Where the API is: `/api` (default; the dev server proxies it) or the Function App's https URL. */
  readonly VITE_API_BASE?: string;
  /** `local` (demo users, tokens from the local stack) or `entra` (Microsoft Entra ID via MSAL). */
  readonly VITE_AUTH_MODE?: string;
  readonly VITE_ENTRA_CLIENT_ID?: string;
  /** e.g. https://login.microsoftonline.com/<tenant id> */
  readonly VITE_ENTRA_AUTHORITY?: string;
  /** The API's scope, e.g. api://<api app id>/access_as_user (space-separated for several). */
  readonly VITE_API_SCOPES?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

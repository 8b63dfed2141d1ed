/** Where the pane gets its bearer token: a local demo token, or Microsoft Entra ID through MSAL. */
export interface TokenSource {
  readonly mode: 'local' | 'entra';
  /** A current access token; may refresh silently or, for Entra, ask the user. */
  getToken(): Promise<string | null>;
  signOut(): Promise<void>;
}

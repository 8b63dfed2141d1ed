import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { EntraConfig } from '../app/config.js';
import type { TokenSource } from './types.js';

/**
 * Microsoft Entra ID sign-in (DESIGN.md "Auth"). Where the Office host supports nested app
 * authentication (requirement set NestedAppAuth 1.1), MSAL's nestable client gets tokens
 * through the host's own sign-in: silently first, a popup when consent or MFA is needed.
 * Older hosts get the Office dialog fallback: authdialog.html runs MSAL's redirect flow in an
 * Office dialog and passes the token back with messageParent.
 *
 * This cannot be exercised here (no Office host, no tenant): the browser tests sign in locally.
 */
export const DIALOG_PAGE = 'authdialog.html';

/** What the dialog page sends back through Office.context.ui.messageParent. */
export type DialogMessage =
  | { status: 'success'; accessToken: string; expiresOn: number | null; name: string }
  | { status: 'failure'; message: string };

export function naaSupported(): boolean {
  try {
    return (
      typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')
    );
  } catch {
    return false;
  }
}

export class EntraTokenSource implements TokenSource {
  readonly mode = 'entra' as const;
  private pca: IPublicClientApplication | null = null;
  private dialogToken: { token: string; expiresOn: number | null } | null = null;
  displayName = '';

  constructor(private readonly config: EntraConfig) {}

  private get request(): { scopes: string[] } {
    return { scopes: this.config.scopes };
  }

  private async client(): Promise<IPublicClientApplication | null> {
    if (this.pca) return this.pca;
    if (!naaSupported()) return null;
    this.pca = await createNestablePublicClientApplication({
      auth: { clientId: this.config.clientId, authority: this.config.authority },
    });
    return this.pca;
  }

  /** Interactive sign-in (the 登录 button): NAA silent → NAA popup, or the dialog fallback. */
  async signIn(): Promise<string> {
    const pca = await this.client();
    if (!pca) return this.viaDialog();
    try {
      const result = await pca.acquireTokenSilent(this.request);
      this.displayName = result.account?.name ?? result.account?.username ?? '';
      return result.accessToken;
    } catch (e) {
      if (!(e instanceof InteractionRequiredAuthError)) throw e;
      const result = await pca.acquireTokenPopup(this.request);
      this.displayName = result.account?.name ?? result.account?.username ?? '';
      return result.accessToken;
    }
  }

  async getToken(): Promise<string | null> {
    const pca = await this.client();
    if (pca) {
      try {
        return (await pca.acquireTokenSilent(this.request)).accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError)
          return (await pca.acquireTokenPopup(this.request)).accessToken;
        throw e;
      }
    }
    const cached = this.dialogToken;
    // Dialog tokens cannot be refreshed silently: ask again a minute before they expire.
    if (cached && (cached.expiresOn === null || cached.expiresOn - Date.now() > 60_000)) return cached.token;
    return this.viaDialog();
  }

  async signOut(): Promise<void> {
    this.dialogToken = null;
    // With NAA the account belongs to the Office host: signing out of the pane only forgets the token.
  }

  private viaDialog(): Promise<string> {
    if (typeof Office === 'undefined' || !Office.context?.ui)
      return Promise.reject(new Error('请在 Excel 中打开本加载项后再登录'));
    const url = new URL(DIALOG_PAGE, location.href).toString();
    return new Promise<string>((resolve, reject) => {
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) {
          reject(new Error(`无法打开登录窗口：${opened.error.message}`));
          return;
        }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          const message = 'message' in arg ? parseDialogMessage(arg.message) : null;
          if (message?.status === 'success') {
            this.dialogToken = { token: message.accessToken, expiresOn: message.expiresOn };
            this.displayName = message.name;
            resolve(message.accessToken);
          } else reject(new Error(message?.status === 'failure' ? message.message : '登录失败'));
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () =>
          reject(new Error('登录窗口已关闭')),
        );
      });
    });
  }
}

export function parseDialogMessage(text: string): DialogMessage | null {
  try {
    const m = JSON.parse(text) as DialogMessage;
    if (m.status === 'success' && typeof m.accessToken === 'string') return m;
    if (m.status === 'failure' && typeof m.message === 'string') return m;
    return null;
  } catch {
    return null;
  }
}

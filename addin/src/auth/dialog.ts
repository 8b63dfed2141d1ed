import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { paneConfig } from '../app/config.js';
import type { DialogMessage } from './entra.js';
import { officeReady } from '../excel/host.js';

/**
 * The Office dialog fallback's page (authdialog.html), for hosts without nested app
 * authentication: MSAL's redirect flow runs inside the dialog, and the token goes back to the
 * task pane with messageParent. The page's own URL is the redirect URI (register it as a SPA
 * redirect URI of the app registration).
 */
function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

async function run(): Promise<void> {
  const config = paneConfig();
  if (config.auth.mode !== 'entra') {
    send({ status: 'failure', message: '本加载项未配置 Microsoft Entra 登录' });
    return;
  }
  const { clientId, authority, scopes } = config.auth.entra;
  const pca = await createStandardPublicClientApplication({
    auth: { clientId, authority, redirectUri: `${location.origin}${location.pathname}` },
    cache: { cacheLocation: 'localStorage' },
  });
  const result = await pca.handleRedirectPromise();
  if (result) {
    send({
      status: 'success',
      accessToken: result.accessToken,
      expiresOn: result.expiresOn ? result.expiresOn.getTime() : null,
      name: result.account?.name ?? result.account?.username ?? '',
    });
    return;
  }
  await pca.loginRedirect({ scopes });
}

void officeReady().then((office) => {
  if (office)
    run().catch((e: unknown) =>
      send({ status: 'failure', message: `登录失败：${e instanceof Error ? e.message : String(e)}` }),
    );
});

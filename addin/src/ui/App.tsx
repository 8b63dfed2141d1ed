import {
  Body1,
  FluentProvider,
  makeStyles,
  Spinner,
  Subtitle1,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient, type ApiClient } from '../../../shared/api/client.js';
import { EntraTokenSource } from '../auth/entra.js';
import { fetchLocalUsers, LocalTokenSource, type LocalUser } from '../auth/local.js';
import type { TokenSource } from '../auth/types.js';
import type { PaneConfig } from '../app/config.js';
import type { PaneHost } from '../app/host.js';
import { loadSession } from '../app/session.js';
import type { Session } from '../app/syncController.js';
import { FONT_FAMILY } from './labels.js';
import { Pane } from './Pane.js';
import { SignIn } from './SignIn.js';

const theme: Theme = { ...webLightTheme, fontFamilyBase: FONT_FAMILY };

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  center: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

export interface AppProps {
  /** Null outside Excel (the page was opened in a plain browser). */
  host: PaneHost | null;
  config: PaneConfig;
  /** For tests: the API client to use instead of one over `config.apiBase`. */
  api?: ApiClient;
  fetchImpl?: typeof fetch;
}

export function App({ host, config, api: givenApi, fetchImpl }: AppProps) {
  const s = useStyles();
  const tokensRef = useRef<TokenSource | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(config.auth.mode === 'local');
  const [error, setError] = useState<string | null>(null);
  const [localUsers, setLocalUsers] = useState<LocalUser[] | null | 'loading'>(
    config.auth.mode === 'local' ? 'loading' : null,
  );
  const api = useMemo(
    () =>
      givenApi ??
      createApiClient({
        baseUrl: config.apiBase,
        token: () => tokensRef.current?.getToken() ?? null,
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      }),
    [givenApi, config.apiBase, fetchImpl],
  );

  const start = useCallback(
    async (source: TokenSource, token: string | null, userId?: string): Promise<void> => {
      tokensRef.current = source;
      try {
        setSession(await loadSession(api, token, userId));
        setError(null);
      } catch (e) {
        tokensRef.current = null;
        await source.signOut();
        throw e;
      }
    },
    [api],
  );

  useEffect(() => {
    if (config.auth.mode !== 'local') return;
    let live = true;
    void fetchLocalUsers(fetchImpl).then((users) => live && setLocalUsers(users));
    const restored = LocalTokenSource.restore();
    if (restored)
      void restored
        .getToken()
        .then((t) => start(restored, t))
        .catch(() => {})
        .finally(() => live && setRestoring(false));
    else setRestoring(false);
    return () => {
      live = false;
    };
  }, [config.auth.mode, fetchImpl, start]);

  const guarded = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const signOut = (): void => {
    const source = tokensRef.current;
    tokensRef.current = null;
    setSession(null);
    void source?.signOut();
  };

  let body;
  if (!host) {
    body = (
      <div className={s.center}>
        <Subtitle1>工会台账</Subtitle1>
        <Body1>请在 Excel 中打开本加载项：在“开始”选项卡点击“打开台账”。</Body1>
      </div>
    );
  } else if (restoring) {
    body = (
      <div className={s.center}>
        <Spinner size="small" label="正在连接…" />
      </div>
    );
  } else if (!session) {
    body = (
      <SignIn
        mode={config.auth.mode}
        localUsers={localUsers}
        error={error}
        onLocal={({ id, token }) => guarded(() => start(new LocalTokenSource(token), token, id))}
        onEntra={() =>
          guarded(async () => {
            if (config.auth.mode !== 'entra') return;
            const source = new EntraTokenSource(config.auth.entra);
            const token = await source.signIn();
            await start(source, token);
          })
        }
      />
    );
  } else {
    body = <Pane host={host} api={api} session={session} onSignOut={signOut} />;
  }

  return (
    // Layout lives on an inner div: Fluent copies the provider's classes onto its portal nodes.
    <FluentProvider theme={theme} lang="zh-CN">
      <div className={s.provider}>{body}</div>
    </FluentProvider>
  );
}

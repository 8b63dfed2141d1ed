import { issueLocalToken } from '../../functions/src/services/auth.js';
import { demoSettings } from '../../shared/settings/index.js';
import { sideloadInstructions, startTaskpaneServer, type LocalUserInfo } from './server.js';

/**
 * The task pane's dev server on its own (`tsx addin/dev/start.ts`), for working on the pane
 * while `union-ledger serve` runs elsewhere. With LOCAL_AUTH_SECRET (the value the local
 * stack prints) it offers the demo users a sign-in; without it, the pane asks for a token.
 */
async function main(): Promise<void> {
  const secret = process.env.LOCAL_AUTH_SECRET;
  const localUsers =
    secret && secret.length >= 32
      ? async (): Promise<LocalUserInfo[]> =>
          Promise.all(
            demoSettings.users.map(async (u) => ({
              id: u.id,
              name: u.name,
              role: u.role,
              unit: u.unit,
              token: await issueLocalToken(secret, u.id),
            })),
          )
      : undefined;
  const server = await startTaskpaneServer({
    port: Number(process.env.PANE_PORT ?? 3000),
    apiUrl: process.env.API_URL ?? 'http://localhost:7071/api',
    ...(localUsers ? { localUsers } : {}),
  });
  process.stdout.write(`\n${sideloadInstructions(server)}\n\n`);
  if (!localUsers)
    process.stdout.write('未设置 LOCAL_AUTH_SECRET：登录时请粘贴 npm start 打印的访问令牌。\n');
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The embedded Cosmos server, started by functions/src/store/embedded.ts (with its socket
 * settings: a server of its own here once reset connections under load), in a child process, so that the memory of the process under test is the host's
 * own: the stored data, which grows with every write by design, lives in the child.
 */
export interface CosmosProcess {
  endpoint: string;
  key: string;
  /** Resident set of the child, in bytes. */
  rss(): Promise<number>;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const SERVER = `
import { startEmbeddedCosmos } from './functions/src/store/embedded.ts';
const cosmos = await startEmbeddedCosmos();
process.send({ port: Number(new URL(cosmos.endpoint).port) });
process.on('message', (m) => { if (m === 'rss') process.send({ rss: process.memoryUsage().rss }); });
process.on('disconnect', () => process.exit(0));
`;

export async function startCosmosProcess(): Promise<CosmosProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', SERVER],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('embedded Cosmos process did not start in 20 s')),
      20_000,
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`embedded Cosmos process exited (${code})`)));
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve((m as { port: number }).port);
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: 'embedded-cosmos-key-unused',
    rss: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { rss: number }).rss));
        child.send('rss');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
